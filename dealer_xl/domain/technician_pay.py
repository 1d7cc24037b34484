"""Technician piece pay (DOMAIN §4): the one place it is computed (``service pay`` and payroll).

Per technician for a month: Σ 工时 of the work orders completed (完工日期) in that month × the rate
of the technician's 技术等级, plus Σ (满意度 − 3) × ``callback_bonus_per_point`` over that month's
callbacks (回访日期 in the month) of the technician's work orders (negative allowed). Amounts are
Decimal rounded to the fen (ROUND_HALF_UP) per technician: piece_pay and callback_bonus each, and
total = piece_pay + callback_bonus exactly. Guarantees:

- a technician whose 技术等级 has no rate (not one of 初级/中级/高级/技师, or blank, or its 参数 missing)
  is never paid at rate 0: :func:`piece_pay` lists him under ``unpriced`` with the reason and
  :func:`technician_pay` leaves him out (validation reports the grade; the actions refuse him);
- :attr:`PieceRun.sources` gives, per technician, every row his pay is computed from (the month's
  work orders and callbacks) and :attr:`PieceRun.undated` his rows without a date (in no month:
  an unreadable 完工日期 or 回访日期), so an action can refuse him when validation calls one wrong;
- work orders of the month whose 维修技师 is not an employee are listed in ``unassigned``.

Pure: no I/O, no clock; nothing raises for bad data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .money import ZERO, round_cents

Row = Mapping[str, Any]

GRADE_PARAMS = {"初级": "tech_rate_junior", "中级": "tech_rate_middle", "高级": "tech_rate_senior",
                "技师": "tech_rate_master"}
BONUS_PARAM = "callback_bonus_per_point"


@dataclass(frozen=True, slots=True)
class TechnicianPay:
    """One technician's piece pay for a month.

    Attributes:
        emp_id: 工号.
        name: 姓名.
        grade: 技术等级.
        hours: Σ 工时 of work orders completed in the month.
        rate: yuan per hour of the grade.
        piece_pay: hours × rate, to the fen.
        callbacks: how many of the month's callbacks were on this technician's work orders.
        callback_bonus: Σ (满意度 − 3) × bonus per point, to the fen (may be negative).
        total: piece_pay + callback_bonus — what payroll takes as the technician's commission.
    """

    emp_id: str
    name: str
    grade: str
    hours: Decimal
    rate: Decimal
    piece_pay: Decimal
    callbacks: int
    callback_bonus: Decimal
    total: Decimal


@dataclass(frozen=True, slots=True)
class PieceRun:
    """The month's piece pay and what could not be priced.

    Attributes:
        rows: the priced technicians, by 工号.
        unpriced: 工号 → why his grade has no rate (Chinese), for technicians with work or callbacks.
        sources: 工号 → the work orders and callbacks of the month his pay counts.
        undated: 工号 → his work orders without 完工日期 and callbacks without 回访日期.
        unassigned: 工单号 of the month's work orders (with 工时) whose 维修技师 is no employee.
    """

    rows: list[TechnicianPay]
    unpriced: dict[str, str]
    sources: dict[str, list[Row]]
    undated: dict[str, list[Row]]
    unassigned: list[str]


def grade_rates(params: Mapping[str, Any]) -> dict[str, Decimal]:
    """技术等级 → yuan per hour, from the 参数 ``tech_rate_*``."""
    return {grade: Decimal(str(params[key])) for grade, key in GRADE_PARAMS.items() if key in params}


def in_month(day: date | None, month: str) -> bool:
    """True when ``day`` falls in ``month`` (YYYY-MM)."""
    return day is not None and f"{day:%Y-%m}" == month


def _no_rate(grade: str) -> str:
    if not grade:
        return "没有技术等级，无法确定计件单价"
    if grade not in GRADE_PARAMS:
        return f"技术等级「{grade}」不是 初级/中级/高级/技师，无法确定计件单价"
    return f"参数 {GRADE_PARAMS[grade]}（{grade}每工时单价）没有值"


def piece_pay(work_orders: Iterable[Row], callbacks: Iterable[Row], employee_of: Callable[[Any], Row | None],
              params: Mapping[str, Any], month: str) -> PieceRun:
    """Piece pay of every technician with work or callbacks in ``month`` (see the module docstring).

    ``employee_of(technician)`` resolves a 维修技师 value (工号 or name) to the 员工 row.
    """
    rates = grade_rates(params)
    per_point = Decimal(str(params.get(BONUS_PARAM, 0)))
    hours: dict[str, Decimal] = defaultdict(lambda: ZERO)
    points: dict[str, int] = defaultdict(int)
    counts: dict[str, int] = defaultdict(int)
    people: dict[str, Row] = {}
    sources: dict[str, list[Row]] = defaultdict(list)
    undated: dict[str, list[Row]] = defaultdict(list)
    unassigned: list[str] = []
    tech_of_order: dict[Any, str] = {}
    for wo in work_orders:
        person = employee_of(wo.get("technician")) if wo.get("technician") else None
        if person is None or not person.get("emp_id"):
            if in_month(wo.get("close_date"), month) and wo.get("labor_hours"):
                unassigned.append(str(wo.get("wo_no") or ""))
            continue
        emp = person["emp_id"]
        tech_of_order.setdefault(wo.get("wo_no"), emp)
        if wo.get("close_date") is None:
            undated[emp].append(wo)
        elif in_month(wo["close_date"], month):
            people[emp] = person
            sources[emp].append(wo)
            if wo.get("labor_hours") is not None:
                hours[emp] += Decimal(str(wo["labor_hours"]))
    for cb in callbacks:
        emp = tech_of_order.get(cb.get("wo_no"))
        if emp is None:
            continue
        if cb.get("callback_date") is None:
            undated[emp].append(cb)
            continue
        if not in_month(cb["callback_date"], month):
            continue
        people.setdefault(emp, employee_of(emp) or {"emp_id": emp})
        sources[emp].append(cb)
        if cb.get("satisfaction") is not None:
            counts[emp] += 1
            points[emp] += int(cb["satisfaction"]) - 3
    rows, unpriced = [], {}
    for emp in sorted(people):
        person = people[emp]
        grade = person.get("tech_grade") or ""
        if grade not in rates:
            unpriced[emp] = _no_rate(grade)
            continue
        piece = round_cents(hours[emp] * rates[grade])
        bonus = round_cents(points[emp] * per_point)
        rows.append(TechnicianPay(emp, person.get("name") or "", grade, hours[emp], rates[grade], piece,
                                  counts[emp], bonus, piece + bonus))
    return PieceRun(rows, unpriced, dict(sources), dict(undated), unassigned)


def technician_pay(work_orders: Iterable[Row], callbacks: Iterable[Row],
                   employee_of: Callable[[Any], Row | None], params: Mapping[str, Any],
                   month: str) -> list[TechnicianPay]:
    """The priced technicians of :func:`piece_pay`, ordered by 工号 (the unpriced are left out)."""
    return piece_pay(work_orders, callbacks, employee_of, params, month).rows
