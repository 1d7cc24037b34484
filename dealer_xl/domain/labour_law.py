"""Labour-contract rules of 劳动合同法 (DOMAIN §5b), pure.

- 第十九条 probation: a contract of less than 3 months, or one 以完成一定工作任务为期限, has none;
  3 months to less than 1 year: at most 1 month; 1 to less than 3 years: at most 2 months; 3 years or
  more, or 无固定期限: at most 6 months. One employer may set one probation per employee.
- 第十四条 open-ended contracts: after two consecutive fixed-term contracts, the next one is
  无固定期限 (unless the employee asks for a fixed term); the same after 10 years of continuous
  service with the employer.
- 第十条/第八十二条: a written contract within one month of the start of employment.

A term of "N months" is measured on the calendar: a contract from 1 January to 31 March is 3 months
long, so "at least N months" means ending on or after the day before the same day N months later
(:func:`add_months`, a missing day being the month's last). 劳务 (a service contract, not a labour
contract) is outside these rules.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

FIXED, OPEN_ENDED, TASK, SERVICE = "固定期限", "无固定期限", "以完成一定工作任务为期限", "劳务"
OPEN_ENDED_AFTER_FIXED = 2
OPEN_ENDED_AFTER_YEARS = 10
WRITTEN_WITHIN_MONTHS = 1


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (earlier when negative); the month's last day when it has none.
    Beyond the calendar (a year typed 9999) it stops at ``date.max`` / ``date.min``."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if year > date.max.year:
        return date.max
    if year < date.min.year:
        return date.min
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def lasts_at_least(start: date, end: date, months: int) -> bool:
    """True when a contract from ``start`` to ``end`` (both days included) lasts ``months`` months or more."""
    return end >= add_months(start, months) - timedelta(days=1)


def max_probation_months(kind: str, start: date, end: date | None) -> int | None:
    """The longest probation 第十九条 allows, in months (0: none); None when the rule cannot say
    (劳务, or a fixed-term contract without its end date)."""
    if kind == TASK:
        return 0
    if kind == OPEN_ENDED:
        return 6
    if kind != FIXED or end is None:
        return None
    if lasts_at_least(start, end, 36):
        return 6
    if lasts_at_least(start, end, 12):
        return 2
    if lasts_at_least(start, end, 3):
        return 1
    return 0


@dataclass(frozen=True, slots=True)
class ProbationExcess:
    """A probation longer than the law allows.

    Attributes:
        allowed_months: the longest probation allowed (0: none).
        latest_end: the last day a lawful probation may run to (None when none is allowed).
    """

    allowed_months: int
    latest_end: date | None


def probation_excess(kind: str, start: date, end: date | None, probation_end: date | None) -> ProbationExcess | None:
    """What 第十九条 allows when ``probation_end`` runs past it; None when lawful or not judged."""
    allowed = max_probation_months(kind, start, end)
    if allowed is None or probation_end is None or probation_end < start:
        return None
    latest = add_months(start, allowed) - timedelta(days=1) if allowed else None
    if latest is not None and probation_end <= latest:
        return None
    return ProbationExcess(allowed, latest)


def open_ended_due_by_count(fixed_before: int) -> bool:
    """True when, after ``fixed_before`` consecutive fixed-term contracts, the next must be 无固定期限
    (第十四条第二款第三项; the employee may ask for a fixed term)."""
    return fixed_before >= OPEN_ENDED_AFTER_FIXED


def open_ended_due_by_service(hired: date | None, on: date) -> bool:
    """True when on ``on`` the employee has served 10 years since ``hired`` (第十四条第二款第一项)."""
    return hired is not None and on >= add_months(hired, OPEN_ENDED_AFTER_YEARS * 12)


def written_contract_due(hired: date) -> date:
    """The last day to conclude the written contract: one month after the start of employment (第十条)."""
    return max(add_months(hired, WRITTEN_WITHIN_MONTHS) - timedelta(days=1), hired)
