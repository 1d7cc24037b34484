"""Action ``service firstservice``: the first services (首保) and the sales callbacks (销售回访) due.

Guarantees:

- the lists are :func:`dealer_xl.ledger.handover.due_list` as of the date: machines delivered and
  not taken back whose 首保 is overdue or due within 7 days (while the whole-machine warranty lasts),
  and those whose 销售回访 is, each with the customer, the branch, the technician (of the machine's
  latest work order) or the salesperson; a delivery whose 销售明细 row has an 错误 in a column it is
  computed from is refused by the input gate (:mod:`dealer_xl.actions.gate`) and named;
- the pack ``first_service`` (registered here; the scheduled job ``first_service_list`` sends it to
  the technicians and branches) holds the two lists and the counts by technician and by branch —
  the command writes it as ``报表/首保与销售回访 <日期>.xlsx``;
- JSON: one object per machine and list, keys ``kind`` (``first_service`` / ``sales_callback``),
  ``contract_no, serial_no, model_code, customer_id, customer_name, phone, branch, technician,
  salesperson, delivery_date, due_date, due_hours, hour_meter, days_left, status``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ...documents.masking import mask_phone
from ...documents.packs import build_pack
from ...documents.report_model import COUNT, ChartSpec, Report, ReportData, Scope, SheetData, register
from ...documents.reports.common import person_keys
from ...domain.claim_deadlines import OVERDUE
from ...io.report_writer import DATE
from ...ledger import Ledger, load
from ...ledger.handover import Delivery, due_list
from ...problems import Problem
from ...schema import labels
from ..gate import Uses, gate

KIND = "first_service"
USES = [Uses("sales", "sales", ("contract_no", "customer_id", "serial_no", "model_code", "delivery_date",
                                "salesperson", "branch"), "contract_no")]
STATUS = {"overdue": "已超期", "due_soon": "7天内到期", "open": "未到期", "done": "已完成"}
FIRST_HEADERS = (labels.BRANCH, labels.TECHNICIAN, labels.CONTRACT_NO, labels.SERIAL_NO, labels.MODEL,
                 labels.CUSTOMER_NAME, labels.PHONE, labels.DELIVERY_DATE, "首保到期日", "首保小时", labels.HOUR_METER,
                 "剩余天数", "状态")
CALL_HEADERS = (labels.BRANCH, labels.SALESPERSON, labels.CONTRACT_NO, labels.SERIAL_NO, labels.MODEL,
                labels.CUSTOMER_NAME, labels.PHONE, labels.DELIVERY_DATE, "应回访日", "剩余天数", "状态")
COUNT_HEADERS = ("首保已超期", "首保7天内到期", "销售回访已超期", "销售回访7天内到期")
FORMATS = {labels.DELIVERY_DATE: DATE, "首保到期日": DATE, "应回访日": DATE, "剩余天数": COUNT,
           **dict.fromkeys(COUNT_HEADERS, COUNT)}


def gated_due_list(led: Ledger, day: date) -> tuple[list[Delivery], list[Delivery], list[Problem], list[str]]:
    """(first services, sales callbacks, stopping problems, refusal lines) of ``day`` through the gate."""
    def build():
        stop = gate(led, USES)
        firsts, calls = due_list(led, day)
        refused = list(dict.fromkeys(d.contract_no for d in firsts + calls if not stop.allows(d.contract_no)))
        keep = [d for d in firsts if stop.allows(d.contract_no)], [d for d in calls if stop.allows(d.contract_no)]
        return (*keep, [p for no in refused for p in stop.refused(no)], stop.refusals(refused, "首保与回访"))
    return led.memo((KIND, day), build)


def _record(d: Delivery, kind: str) -> dict[str, Any]:
    due = d.first_service if kind == "first_service" else d.callback
    return {"kind": kind, "contract_no": d.contract_no, "serial_no": d.serial_no,
            "model_code": str(d.sale["model_code"] or d.model.get("model_code") or ""),
            "customer_id": str(d.sale["customer_id"] or ""), "customer_name": str(d.customer.get("name") or ""),
            "phone": str(d.customer.get("phone") or ""), "branch": str(d.sale["branch"] or ""),
            "technician": d.technician, "salesperson": d.salesperson, "delivery_date": d.delivered,
            "due_date": due.due_date, "due_hours": due.due_hours, "hour_meter": due.hour_meter,
            "days_left": due.days_left, "status": due.status}


@dataclass
class FirstServiceResult:
    """The two lists of a date (see the module docstring)."""

    as_of: date
    firsts: list[Delivery]
    calls: list[Delivery]
    problems: list[Problem] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    workbook: Path | None = None

    def records(self) -> list[dict[str, Any]]:
        return [_record(d, "first_service") for d in self.firsts] + [_record(d, "sales_callback") for d in self.calls]

    def summary(self) -> list[str]:
        late = sum(1 for d in self.firsts if d.first_service.status == OVERDUE)
        late_calls = sum(1 for d in self.calls if d.callback.status == OVERDUE)
        branches = Counter(str(d.sale["branch"] or "（未填）") for d in self.firsts)
        lines = [f"首保（截至 {self.as_of}）：已超期 {late} 台，7天内到期 {len(self.firsts) - late} 台"
                 + ("；按分公司：" + "，".join(f"{b} {n}" for b, n in sorted(branches.items())) if branches else ""),
                 f"销售回访：应回访 {len(self.calls)} 台（已超期 {late_calls}）"]
        return lines + self.refusals + ([f"明细：{self.workbook}"] if self.workbook else [])


def _mine(led: Ledger, scope: Scope, d: Delivery, who: str) -> bool:
    people = person_keys(led, scope.person)
    return (not scope.branch or d.sale["branch"] == scope.branch) and (not people or who in people)


def collect(led: Ledger, scope: Scope) -> ReportData:
    """The ``first_service`` pack of ``scope.day``."""
    firsts, calls, _, refusals = gated_due_list(led, scope.day)
    firsts = [d for d in firsts if _mine(led, scope, d, d.technician)]
    calls = [d for d in calls if _mine(led, scope, d, d.salesperson)]

    def phone(d: Delivery) -> str:
        text = str(d.customer.get("phone") or "")
        return mask_phone(text) if scope.masked else text

    first_rows = [[d.sale["branch"] or "", d.technician, d.contract_no, d.serial_no, d.sale["model_code"] or "",
                   d.customer.get("name") or "", phone(d), d.delivered, d.first_service.due_date,
                   d.first_service.due_hours, d.first_service.hour_meter, d.first_service.days_left,
                   STATUS[d.first_service.status]] for d in firsts]
    call_rows = [[d.sale["branch"] or "", d.salesperson, d.contract_no, d.serial_no, d.sale["model_code"] or "",
                  d.customer.get("name") or "", phone(d), d.delivered, d.callback.due_date, d.callback.days_left,
                  STATUS[d.callback.status]] for d in calls]
    counts = {labels.TECHNICIAN: _counts(firsts, calls, lambda d: d.technician, lambda d: ""),
              labels.BRANCH: _counts(firsts, calls, lambda d: str(d.sale["branch"] or "（未填）"),
                                     lambda d: str(d.sale["branch"] or "（未填）"))}
    late = sum(1 for d in firsts if d.first_service.status == OVERDUE)
    branch_rows = counts[labels.BRANCH]
    return ReportData(
        f"首保与销售回访 {scope.day.isoformat()}{scope.label()}", scope.day.isoformat(),
        [("首保已超期（台）", late, COUNT), ("首保7天内到期（台）", len(firsts) - late, COUNT),
         ("销售回访应回访（台）", len(calls), COUNT)],
        [SheetData("首保", FIRST_HEADERS, first_rows, FORMATS),
         SheetData("销售回访", CALL_HEADERS, call_rows, FORMATS),
         SheetData(f"按{labels.TECHNICIAN}", (labels.TECHNICIAN, *COUNT_HEADERS), counts[labels.TECHNICIAN], FORMATS,
                   chart=ChartSpec("bar", "各技师首保（台）", 1, (2, 3))),
         SheetData(f"按{labels.BRANCH}", (labels.BRANCH, *COUNT_HEADERS), branch_rows, FORMATS)],
        ("各分公司首保与销售回访（台）", [r[0] for r in branch_rows],
         {"首保已超期": [r[1] for r in branch_rows], "销售回访应回访": [r[3] + r[4] for r in branch_rows]}),
        refusals + [f"首保：交车后 {led.params['first_service_days']} 天或工作 {led.params['first_service_hours']} 小时，"
                    f"以先到为准；销售回访：交车后 {led.params['sales_callback_days']} 天。"])


def _counts(firsts: list[Delivery], calls: list[Delivery], first_key, call_key) -> list[list]:
    table: dict[str, list[int]] = {}
    for d in firsts:
        table.setdefault(first_key(d), [0, 0, 0, 0])[0 if d.first_service.status == OVERDUE else 1] += 1
    for d in calls:
        if call_key(d):
            table.setdefault(call_key(d), [0, 0, 0, 0])[2 if d.callback.status == OVERDUE else 3] += 1
    return [[k, *v] for k, v in sorted(table.items())]


REPORT = register(Report(KIND, collect, "pack.html.j2", monthly=False))


def service_firstservice(source: Any, as_of: date | None = None, *, workbook: bool = True) -> FirstServiceResult:
    """The first services and sales callbacks due as of ``as_of`` (default today) in the books of ``source``."""
    led = load(source, today=as_of)
    firsts, calls, problems, refusals = gated_due_list(led, led.today)
    path = build_pack(KIND, led, day=led.today, masked=False).xlsx if workbook else None
    return FirstServiceResult(led.today, firsts, calls, problems, refusals, path)
