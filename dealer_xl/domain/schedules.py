"""Installment schedules (DOMAIN §3): 等额本息, 等额本金, 免息, and the due-date rule.

Pure functions. Every amount is Decimal rounded to 0.01 yuan half-up; the rounding difference goes
into the last period so the principal column sums exactly to the financed amount. Due dates fall on
the first due date's day of each following month, or that month's last day when it has no such day.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .money import ZERO, round_cents

ANNUITY, EQUAL_PRINCIPAL, INTEREST_FREE, CUSTOM = "等额本息", "等额本金", "免息", "自定义"
METHODS = (ANNUITY, EQUAL_PRINCIPAL, INTEREST_FREE)


@dataclass(frozen=True, slots=True)
class Installment:
    """One period of a schedule.

    Attributes:
        period: 1-based period number (期数).
        due_date: 应还日期.
        amount_due: 应还金额 = principal + interest.
        principal: 本金.
        interest: 利息.
        balance: principal still outstanding after this period (剩余本金).
    """

    period: int
    due_date: date
    amount_due: Decimal
    principal: Decimal
    interest: Decimal
    balance: Decimal


def due_date_for(first_due: date, k: int) -> date:
    """The due date ``k`` months after ``first_due`` (k = 0 is the first), clamped to month end."""
    months = first_due.year * 12 + first_due.month - 1 + k
    year, month = divmod(months, 12)
    month += 1
    return date(year, month, min(first_due.day, calendar.monthrange(year, month)[1]))


def annuity_payment(principal: Decimal, monthly_rate: Decimal, months: int) -> Decimal:
    """Level payment P·r / (1 − (1+r)^−n), rounded to the fen; P/n when the rate is zero."""
    if monthly_rate == 0:
        return round_cents(principal / months)
    return round_cents(principal * monthly_rate / (1 - (1 + monthly_rate) ** -months))


def build_schedule(principal: Decimal, annual_rate: Decimal, months: int, first_due: date,
                   method: str = ANNUITY) -> list[Installment]:
    """The schedule of a loan of ``principal`` over ``months`` periods.

    Raises ValueError for a non-positive principal or term, a negative rate, or an unknown method
    (validation reports those as Problems before calling this).
    """
    principal, annual_rate = Decimal(principal), Decimal(annual_rate or 0)
    if principal <= 0 or months <= 0 or annual_rate < 0:
        raise ValueError(f"invalid loan: principal={principal} months={months} rate={annual_rate}")
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
    r = ZERO if method == INTEREST_FREE else annual_rate / 12
    payment = annuity_payment(principal, r, months)
    level_principal = round_cents(principal / months)
    rows: list[Installment] = []
    balance = principal
    for k in range(months):
        interest = round_cents(balance * r)
        if k == months - 1:
            part = balance
        elif method == ANNUITY:
            part = min(payment - interest, balance)
        else:
            part = level_principal
        balance -= part
        rows.append(Installment(k + 1, due_date_for(first_due, k), part + interest, part, interest, balance))
    return rows
