"""Technician piece pay (DOMAIN §4): the one place it is computed (``service pay`` and payroll).

Per technician for a month: Σ 工时 of the work orders completed (完工日期) in that month × the rate
of the technician's 技术等级, plus Σ (满意度 − 3) × ``callback_bonus_per_point`` over that month's
callbacks (回访日期 in the month) of the technician's work orders (negative allowed). Amounts are
Decimal rounded to the fen (ROUND_HALF_UP) per technician: piece_pay and callback_bonus each, and
total = piece_pay + callback_bonus exactly. Work orders whose technician is not an employee, or
has no rate for the grade, are not paid here (validation reports the reference); nothing raises.
Pure: no I/O, no clock.
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


@dataclass(frozen=True, slots=True)
class TechnicianPay:
    """One technician's piece pay for a month.

    Attributes:
        emp_id: 工号.
        name: 姓名.
        grade: 技术等级 ('' when not recorded).
        hours: Σ 工时 of work orders completed in the month.
        rate: yuan per hour of the grade (0 when the grade has no rate).
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


def grade_rates(params: Mapping[str, Any]) -> dict[str, Decimal]:
    """技术等级 → yuan per hour, from the 参数 ``tech_rate_*``."""
    return {grade: Decimal(str(params[key])) for grade, key in GRADE_PARAMS.items() if key in params}


def in_month(day: date | None, month: str) -> bool:
    """True when ``day`` falls in ``month`` (YYYY-MM)."""
    return day is not None and f"{day:%Y-%m}" == month


def technician_pay(work_orders: Iterable[Row], callbacks: Iterable[Row],
                   employee_of: Callable[[Any], Row | None], params: Mapping[str, Any],
                   month: str) -> list[TechnicianPay]:
    """Piece pay of every technician with work or callbacks in ``month``, ordered by 工号.

    ``employee_of(technician)`` resolves a 维修技师 value (工号 or name) to the 员工 row.
    """
    rates = grade_rates(params)
    per_point = Decimal(str(params.get("callback_bonus_per_point", 0)))
    hours: dict[str, Decimal] = defaultdict(lambda: ZERO)
    points: dict[str, int] = defaultdict(int)
    counts: dict[str, int] = defaultdict(int)
    people: dict[str, Row] = {}
    tech_of_order: dict[Any, str] = {}
    for wo in work_orders:
        person = employee_of(wo.get("technician")) if wo.get("technician") else None
        if person is None or not person.get("emp_id"):
            continue
        emp = person["emp_id"]
        tech_of_order.setdefault(wo.get("wo_no"), emp)
        if in_month(wo.get("close_date"), month) and wo.get("labor_hours") is not None:
            people[emp] = person
            hours[emp] += Decimal(str(wo["labor_hours"]))
    for cb in callbacks:
        emp = tech_of_order.get(cb.get("wo_no"))
        if emp is None or not in_month(cb.get("callback_date"), month) or cb.get("satisfaction") is None:
            continue
        people.setdefault(emp, employee_of(emp) or {"emp_id": emp})
        counts[emp] += 1
        points[emp] += int(cb["satisfaction"]) - 3
    out = []
    for emp in sorted(people):
        person = people[emp]
        grade = person.get("tech_grade") or ""
        rate = rates.get(grade, ZERO)
        piece = round_cents(hours[emp] * rate)
        bonus = round_cents(points[emp] * per_point)
        out.append(TechnicianPay(emp, person.get("name") or "", grade, hours[emp], rate, piece,
                                 counts[emp], bonus, piece + bonus))
    return out
