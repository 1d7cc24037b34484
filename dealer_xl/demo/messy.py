"""Messy but legal formatting, the way real books look (DESIGN §2), recorded so tests can check
that the reader copes with it.

:data:`LAYOUTS` gives some sheets a merged title row, a blank row above the header, a 合计 row at
the bottom, or a header typed as an alias, with a space or with full-width parentheses.
:func:`mess_up` turns a few values into text the reader must still understand: dates typed as
``2026.1.5``, ``2026年1月5日`` or ``2026/1/5``, amounts with thousands separators or 元, a number
stored as text. None of this is a mistake: the values mean exactly what the clean ones did, and
no planted mistake sits in a messy cell or under a messy header.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from random import Random
from typing import Any

from .mistakes import Mistake
from .world import SheetKey, World


@dataclass(frozen=True, slots=True)
class Layout:
    """How a sheet is laid out around its data.

    Attributes:
        title: text of a title merged across the header's width in row 1, if any.
        blank_row: a blank row between the title and the header.
        total_row: a 合计 row below the data summing the money columns.
        headers: (field, header written instead of the canonical one).
    """

    title: str | None = None
    blank_row: bool = False
    total_row: bool = False
    headers: tuple[tuple[str, str], ...] = ()

    @property
    def header_row(self) -> int:
        return 1 + (self.title is not None) + self.blank_row


@dataclass(frozen=True, slots=True)
class Messy:
    """One messy-but-legal spot.

    Attributes:
        sheet: (book key, sheet key).
        kind: title_row, blank_row, total_row, header_variant, date_as_text, money_as_text
            or number_as_text.
        record: the record whose cell holds the messy value (None for layout spots).
        field: the field of that cell or of the header (None for whole rows).
        value: the text written.
        means: what it stands for (ISO date, amount, canonical header).
    """

    sheet: SheetKey
    kind: str
    record: Any = None
    field: str | None = None
    value: str = ""
    means: str = ""


LAYOUTS: dict[SheetKey, Layout] = {
    ("master", "customers"): Layout(headers=(("name", "客户姓名"), ("credit_grade", "信用 等级"))),
    ("master", "models"): Layout(headers=(("warranty_months", "整机三包期（月）"),)),
    ("master", "employees"): Layout(headers=(("special_deduction", "专项附加扣除（月）"),)),
    ("sales", "sales"): Layout("2024—2026年销售台账", blank_row=True, total_row=True),
    ("receivables", "receipts"): Layout("收款记录", blank_row=True, total_row=True, headers=(("payer", "交款人"),)),
    ("service", "work_orders"): Layout("售后服务工单台账", headers=(("fault", "故障现象"),)),
    ("payroll", "attendance"): Layout("考勤汇总表（2025年11月—2026年10月）", blank_row=True),
    ("admin", "vehicle_costs"): Layout("车辆费用明细（2024年11月—2026年10月）", total_row=True),
}
NO_LAYOUT = Layout()

_DATE_STYLES = ("{d.year}.{d.month}.{d.day}", "{d.year}年{d.month}月{d.day}日", "{d.year}/{d.month}/{d.day}")
# sheet, field, kind, how many
_VALUES = (
    (("sales", "sales"), "sale_date", "date_as_text", 3),
    (("sales", "sales"), "deal_price", "money_as_text", 1),
    (("receivables", "receipts"), "receipt_date", "date_as_text", 2),
    (("receivables", "receipts"), "amount", "money_as_text", 2),
    (("service", "work_orders"), "open_date", "date_as_text", 2),
    (("payroll", "adjustments"), "amount", "money_as_text", 2),
    (("payroll", "attendance"), "worked_days", "number_as_text", 1),
)


def layout(key: SheetKey) -> Layout:
    return LAYOUTS.get(key, NO_LAYOUT)


def mess_up(world: World, mistakes: list[Mistake], seed: int) -> list[Messy]:
    """Make a few values messy (in place) and list every messy spot, layout ones first."""
    rng = Random(f"{seed}:messy")
    out: list[Messy] = []
    for key, lay in LAYOUTS.items():
        if lay.title:
            out.append(Messy(key, "title_row", value=lay.title))
        if lay.blank_row:
            out.append(Messy(key, "blank_row"))
        out += [Messy(key, "header_variant", field=f, value=h) for f, h in lay.headers]
        if lay.total_row:
            out.append(Messy(key, "total_row", value="合计"))
    taken = {id(m.record) for m in mistakes}
    for key, field_name, kind, count in _VALUES:
        rows = world.sheets[key]
        hosts = [i for i, r in enumerate(rows) if id(r) not in taken and _fits(kind, getattr(r, field_name))]
        large = [i for i in hosts if kind != "money_as_text" or getattr(rows[i], field_name) >= 1000]
        hosts = large if len(large) >= count else hosts
        for n, i in enumerate(sorted(rng.sample(hosts, count))):
            value = getattr(rows[i], field_name)
            text, means = _messy_text(kind, value, n)
            rows[i] = replace(rows[i], **{field_name: text})
            taken.add(id(rows[i]))
            out.append(Messy(key, kind, rows[i], field_name, text, means))
    return out


def _fits(kind: str, value: Any) -> bool:
    if kind == "date_as_text":
        return isinstance(value, date)
    if kind == "money_as_text":
        return isinstance(value, Decimal) and value > 0
    return isinstance(value, Decimal) and value == value.to_integral_value()


def _messy_text(kind: str, value: Any, n: int) -> tuple[str, str]:
    if kind == "date_as_text":
        return _DATE_STYLES[n % 3].format(d=value), value.isoformat()
    if kind == "money_as_text":
        if n % 2 == 0 and value >= 1000:
            text = f"{value:,.2f}"
        else:
            text = f"{value:.0f}元" if value == value.to_integral_value() else f"{value:.2f}元"
        return text, f"{value:.2f}"
    return f"{value:.0f}", f"{value:.0f}"
