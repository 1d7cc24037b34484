"""Installment schedules (DOMAIN §3): 等额本息, 等额本金, 免息, the due-date rule, 自定义 validation.

Pure functions. Every amount is Decimal rounded to 0.01 yuan half-up; the rounding difference goes
into the last period so the principal column sums exactly to the financed amount. Due dates fall on
the first due date's day of each following month, or that month's last day when it has no such day.
A hand-typed 自定义 schedule is kept as typed; :func:`validate_custom_schedule` lists what is wrong
with it as values, never raising.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

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


@lru_cache(maxsize=1 << 16)
def due_date_for(first_due: date, k: int) -> date:
    """The due date ``k`` months after ``first_due`` (k = 0 is the first), clamped to month end
    (worked out once per first due date and period: thousands of contracts share them)."""
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
            part = min(level_principal, balance)
        balance -= part
        rows.append(Installment(k + 1, due_date_for(first_due, k), part + interest, part, interest, balance))
    return rows


@dataclass(frozen=True, slots=True)
class ScheduleIssue:
    """A problem of a hand-typed schedule.

    Attributes:
        index: position of the row in the rows given (None: the schedule as a whole has none).
        field: the field concerned (period, due_date, principal, interest, amount_due).
        message: what is wrong, in Chinese.
    """

    index: int | None
    field: str
    message: str


def validate_custom_schedule(rows: Sequence[dict[str, Any]], *, financed_amount: Decimal | None = None,
                             term_months: int | None = None,
                             first_due_date: date | None = None) -> list[ScheduleIssue]:
    """Problems of one contract's 自定义 schedule rows (reader rows of 还款计划, in sheet order).

    Each row needs 应还日期 and 应还金额, amounts ≥ 0 and 应还金额 = 本金 + 利息 when both are typed.
    Together: 期数 1…n each once; due dates strictly increasing by 期数; the first equal to the
    contract's 首期还款日; n equal to the contract's 分期期数; 本金 (or 应还金额 − 利息 where 本金 is
    empty) summing to the 分期金额. Contract terms given as None are not checked.
    """
    if not rows:
        return [ScheduleIssue(None, "period", "自定义还款方式须在「还款计划」中录入各期，目前没有任何一期")]
    out = [*_row_issues(rows)]
    last = len(rows) - 1
    periods = [row.get("period") for row in rows]
    seen: set[int] = set()
    for i, period in enumerate(periods):
        if period is None:
            out.append(ScheduleIssue(i, "period", "缺期数"))
        elif period in seen:
            out.append(ScheduleIssue(i, "period", f"期数 {period} 重复"))
        seen.add(period)
    missing = [k for k in range(1, len(rows) + 1) if k not in seen]
    if missing:
        out.append(ScheduleIssue(last, "period", f"期数应为 1 至 {len(rows)} 各一次，缺第 {', '.join(map(str, missing))} 期"))
    dated = sorted((p, i) for i, p in enumerate(periods) if isinstance(p, int) and rows[i].get("due_date"))
    for (_, i), (_, j) in zip(dated, dated[1:], strict=False):
        if rows[j]["due_date"] <= rows[i]["due_date"]:
            out.append(ScheduleIssue(j, "due_date", f"第 {periods[j]} 期应还日期 {rows[j]['due_date']} "
                                                    f"不晚于上一期 {rows[i]['due_date']}"))
    if first_due_date is not None and dated and rows[dated[0][1]]["due_date"] != first_due_date:
        i = dated[0][1]
        out.append(ScheduleIssue(i, "due_date", f"第一期应还日期 {rows[i]['due_date']} 与合同首期还款日 {first_due_date} 不一致"))
    if term_months is not None and len(rows) != term_months:
        out.append(ScheduleIssue(last, "period", f"还款计划有 {len(rows)} 期，合同分期期数为 {term_months}"))
    principal = sum((_principal(row) for row in rows), ZERO)
    if financed_amount is not None and principal != financed_amount:
        out.append(ScheduleIssue(last, "principal", f"各期本金合计 {principal}，不等于分期金额 {financed_amount}"))
    return out


def _row_issues(rows: Sequence[dict[str, Any]]) -> Iterator[ScheduleIssue]:
    for i, row in enumerate(rows):
        if row.get("due_date") is None:
            yield ScheduleIssue(i, "due_date", "缺应还日期")
        if row.get("amount_due") is None:
            yield ScheduleIssue(i, "amount_due", "缺应还金额")
        for field in ("principal", "interest", "amount_due"):
            if row.get(field) is not None and row[field] < 0:
                yield ScheduleIssue(i, field, f"金额不能为负（{row[field]}）")
        principal, interest, due = row.get("principal"), row.get("interest"), row.get("amount_due")
        if principal is not None and interest is not None and due is not None and principal + interest != due:
            yield ScheduleIssue(i, "amount_due", f"应还金额 {due} 不等于本金 {principal} + 利息 {interest}")


def _principal(row: dict[str, Any]) -> Decimal:
    if row.get("principal") is not None:
        return row["principal"]
    return (row.get("amount_due") or ZERO) - (row.get("interest") or ZERO)
