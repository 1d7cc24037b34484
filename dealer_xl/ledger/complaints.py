"""Customer complaints seen from a Ledger (no I/O): which are open on a date, which are late, and the
drafts that dissatisfied callbacks open.

Guarantees:

- :func:`open_complaints` is THE open-complaint figure: the 客户投诉 rows dated on or before the date and
  not closed by it (no 关闭日期, or one after the date); :func:`late` keeps those open more than 参数
  ``complaint_open_days`` days;
- :func:`drafts` gives one draft per dissatisfied callback (满意度 1–2, :data:`~dealer_xl.domain.
  callbacks.DISSATISFIED`) dated on or before the date and within :data:`~dealer_xl.domain.callbacks.
  DUE_WINDOW_DAYS` days of it (older ones are history) whose machine has no complaint dated that day
  (a complaint of the same 整机编号, or of the same 客户编号 when the machine is unknown, dated the
  callback's date is the one it opened): 渠道 回访, 类别 服务质量 for a 服务回访 (责任部门 售后服务部)
  and 销售 for a 销售回访 (责任部门 销售部), 内容 the 客户意见;
- :func:`month_counts` gives the month's complaints received, closed and still open at its end —
  the figures the service and GM packs show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain.callbacks import DISSATISFIED, DUE_WINDOW_DAYS
from ..domain.monthly import month_range
from .model import Ledger

SALES_CALLBACK = "销售回访"


def is_open(row: dict, day: date) -> bool:
    """True when the complaint is received by ``day`` and not closed by it."""
    return row["date"] is not None and row["date"] <= day and (row["close_date"] is None or row["close_date"] > day)


def open_complaints(led: Ledger, day: date) -> list[dict]:
    """The complaints open on ``day``, oldest first."""
    rows = [r for r in led.rows("service", "complaints") if is_open(r, day)]
    return sorted(rows, key=lambda r: (r["date"], str(r["complaint_no"] or "")))


def late(led: Ledger, day: date) -> list[dict]:
    """The complaints open on ``day`` for more than 参数 complaint_open_days days."""
    limit = int(led.params["complaint_open_days"])
    return [r for r in open_complaints(led, day) if (day - r["date"]).days > limit]


@dataclass(frozen=True)
class Draft:
    """A complaint a dissatisfied callback opens (not yet in 客户投诉).

    Attributes:
        callback: the 回访记录 row.
        customer_id: the customer called.
        serial_no: the machine.
        category: 服务质量 or 销售.
        department: 售后服务部 or 销售部.
    """

    callback: dict[str, Any]
    customer_id: str
    serial_no: str
    category: str
    department: str

    def record(self, complaint_no: str) -> dict[str, Any]:
        """The 客户投诉 row of the draft under ``complaint_no``."""
        cb = self.callback
        return {"complaint_no": complaint_no, "date": cb["callback_date"], "customer_id": self.customer_id or None,
                "serial_no": self.serial_no or None, "channel": "回访", "category": self.category,
                "content": cb["feedback"] or f"回访满意度 {cb['satisfaction']}", "department": self.department}


def _subject(led: Ledger, cb: dict) -> tuple[str, str, bool]:
    """(customer, serial, is a sales callback) of a callback."""
    if cb["kind"] == SALES_CALLBACK:
        sale = led.sale(cb["contract_no"]) if cb["contract_no"] else None
        return (str((sale or {}).get("customer_id") or ""), str((sale or {}).get("serial_no") or ""), True)
    order = led.first("service", "work_orders", "wo_no", cb["wo_no"]) if cb["wo_no"] else None
    return (str((order or {}).get("customer_id") or ""), str((order or {}).get("serial_no") or ""), False)


def drafts(led: Ledger, day: date) -> list[Draft]:
    """The drafts of ``day`` (see the module docstring), in callback date order."""
    taken = {(r["serial_no"] or r["customer_id"], r["date"]) for r in led.rows("service", "complaints") if r["date"]}
    out = []
    for cb in led.rows("service", "callbacks"):
        score, when = cb["satisfaction"], cb["callback_date"]
        if score is None or score > DISSATISFIED or when is None or when > day or (day - when).days > DUE_WINDOW_DAYS:
            continue
        customer, serial, sales = _subject(led, cb)
        if not (customer or serial) or ((serial or customer), when) in taken:
            continue
        out.append(Draft(cb, customer, serial, "销售" if sales else "服务质量", "销售部" if sales else "售后服务部"))
    return sorted(out, key=lambda d: (d.callback["callback_date"], d.serial_no))


def month_counts(led: Ledger, month: str, *, branch: str | None = None) -> dict[str, int]:
    """收到 (dated in the month), 关闭 (closed in the month) and 未结 (open at its end) complaints of ``month``."""
    first, last = month_range(month)
    rows = led.rows("service", "complaints")
    if branch:
        rows = [r for r in rows if str((led.customer(r["customer_id"]) or {}).get("branch") or "") == branch]
    return {"received": sum(1 for r in rows if r["date"] and first <= r["date"] <= last),
            "closed": sum(1 for r in rows if r["close_date"] and first <= r["close_date"] <= last),
            "open": sum(1 for r in rows if is_open(r, last))}
