"""Action ``service callbacks``: the callbacks due and a month's callback statistics.

Guarantees:

- the due list is :func:`dealer_xl.domain.callbacks.callbacks_due` over 服务工单 with the customer's
  name and phone from 客户; the statistics are over the work orders completed in ``month`` by
  technician, branch and service type, and the dissatisfied customers (满意度 1–2) of that month's
  orders with their feedback;
- the workbook goes to ``报表/回访清单_<日期>.xlsx`` (piece pay: :mod:`.pay`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ...domain.callbacks import DISSATISFIED, CallbackStats, callback_stats, callbacks_due, first_callbacks
from ...domain.technician_pay import in_month
from ...io.report_writer import DATE, PERCENT
from ...ledger import Ledger, load
from ...schema import labels
from .common import write_workbook

DUE_HEADERS = (labels.WO_NO, labels.CUSTOMER_ID, labels.CUSTOMER_NAME, labels.PHONE, labels.TECHNICIAN,
               labels.CLOSE_DATE, "已过天数")
STAT_HEADERS = ("分组", "完工工单", "已回访", "按时回访", "按时率", "平均满意度", "不满意占比")
UNHAPPY_HEADERS = (labels.WO_NO, labels.CUSTOMER_NAME, labels.PHONE, labels.TECHNICIAN, labels.CALLBACK_DATE,
                   labels.SATISFACTION, labels.FEEDBACK)
STAT_FORMATS = {"按时率": PERCENT, "不满意占比": PERCENT, "平均满意度": "0.00"}


@dataclass(frozen=True)
class CallbacksResult:
    """Callbacks due as of a date, and a month's statistics.

    Attributes:
        as_of: the date of the due list.
        month: the statistics' month (YYYY-MM).
        due: dicts with the JSON keys of the due list.
        stats: section (技师/分公司/服务类型) → rows, each ending with 合计.
        unhappy: dicts of the month's dissatisfied callbacks.
        workbook: the workbook written, None when not written.
    """

    as_of: date
    month: str
    due: list[dict[str, Any]]
    stats: dict[str, list[CallbackStats]]
    unhappy: list[dict[str, Any]]
    workbook: Path | None = None

    @property
    def problems(self) -> list:
        """Data problems found on the way (none: what was left out is named in the summary)."""
        return []

    def records(self) -> list[dict[str, Any]]:
        return self.due

    def summary(self) -> list[str]:
        whole = self.stats[labels.TECHNICIAN][-1]
        late = sum(1 for d in self.due if d["days_since"] > 14)
        rate = f"{whole.on_time_rate:.1%}" if whole.on_time_rate is not None else "—"
        avg = f"{whole.avg_satisfaction:.2f}" if whole.avg_satisfaction is not None else "—"
        lines = [f"回访清单（截至 {self.as_of}）：待回访 {len(self.due)} 张工单（超过14天 {late} 张）",
                 f"{self.month} 完工 {whole.due} 张，已回访 {whole.done}，按时率 {rate}，平均满意度 {avg}，"
                 f"不满意客户 {len(self.unhappy)} 位"]
        return lines + ([f"明细：{self.workbook}"] if self.workbook else [])


def _person(led: Ledger, text: Any) -> str:
    person = led.employee(text) if text else None
    return str(person["name"]) if person else str(text or "")


def callbacks(led: Ledger, month: str) -> CallbacksResult:
    """The due list as of ``led.today`` and the statistics of ``month``."""
    days = int(led.params.get("callback_days", 7))
    orders = led.rows("service", "work_orders")
    called = first_callbacks(led.rows("service", "callbacks"))
    due = []
    for wo in callbacks_due(orders, called, days, led.today):
        customer = led.customer(wo["customer_id"]) or {}
        due.append({"wo_no": wo["wo_no"], "customer_id": wo["customer_id"] or "",
                    "customer_name": customer.get("name") or "", "phone": customer.get("phone") or "",
                    "technician": _person(led, wo["technician"]), "close_date": wo["close_date"],
                    "days_since": (led.today - wo["close_date"]).days})
    done = [wo for wo in orders if in_month(wo["close_date"], month)]
    stats = {labels.TECHNICIAN: callback_stats(done, called, days, lambda wo: _person(led, wo["technician"])),
             labels.BRANCH: callback_stats(done, called, days, lambda wo: str(wo["branch"] or "")),
             labels.SERVICE_TYPE: callback_stats(done, called, days, lambda wo: str(wo["service_type"] or ""))}
    unhappy = []
    for wo in done:
        cb = called.get(wo["wo_no"])
        if cb and cb["satisfaction"] is not None and cb["satisfaction"] <= DISSATISFIED:
            customer = led.customer(wo["customer_id"]) or {}
            unhappy.append({"wo_no": wo["wo_no"], "customer_name": customer.get("name") or "",
                            "phone": customer.get("phone") or "", "technician": _person(led, wo["technician"]),
                            "callback_date": cb["callback_date"], "satisfaction": cb["satisfaction"],
                            "feedback": cb["feedback"] or ""})
    return CallbacksResult(led.today, month, due, stats, unhappy)


def _stat_cells(rows: list[CallbackStats]) -> list[list]:
    return [[s.key, s.due, s.done, s.on_time, s.on_time_rate, s.avg_satisfaction, s.dissatisfied_share] for s in rows]


def service_callbacks(source: Any, as_of: date | None = None, month: str | None = None, *,
                      workbook: bool = True) -> CallbacksResult:
    """Callbacks due as of ``as_of`` and the statistics of ``month`` (default: the as-of month)."""
    led = load(source, today=as_of)
    result = callbacks(led, month or f"{led.today:%Y-%m}")
    if not workbook:
        return result
    due = [[d["wo_no"], d["customer_id"], d["customer_name"], d["phone"], d["technician"], d["close_date"],
            d["days_since"]] for d in result.due]
    sheets = [("待回访", DUE_HEADERS, due, {labels.CLOSE_DATE: DATE})]
    sheets += [(f"按{k}", STAT_HEADERS, _stat_cells(v), STAT_FORMATS) for k, v in result.stats.items()]
    sheets.append(("不满意客户", UNHAPPY_HEADERS, [list(u.values()) for u in result.unhappy], {labels.CALLBACK_DATE: DATE}))
    path = write_workbook(led.books_dir, f"回访清单_{led.today.isoformat()}.xlsx", sheets)
    return CallbacksResult(result.as_of, result.month, result.due, result.stats, result.unhappy, path)
