"""劳动合同法 第十九条 (probation) and 第十四条 (open-ended contracts), on hand-picked calendar cases."""

from __future__ import annotations

from datetime import date

import pytest

from dealer_xl.domain.labour_law import (
    add_months,
    lasts_at_least,
    max_probation_months,
    open_ended_due_by_count,
    open_ended_due_by_service,
    probation_excess,
    written_contract_due,
)


def test_months_are_counted_on_the_calendar_with_the_last_day_for_a_missing_one():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 3, 15), -3) == date(2025, 12, 15)
    assert add_months(date(2026, 11, 30), 14) == date(2028, 1, 30)


def test_a_contract_from_the_first_to_the_end_of_the_third_month_lasts_three_months():
    assert lasts_at_least(date(2026, 1, 1), date(2026, 3, 31), 3)
    assert not lasts_at_least(date(2026, 1, 1), date(2026, 3, 30), 3)
    assert lasts_at_least(date(2026, 1, 15), date(2026, 4, 14), 3)


@pytest.mark.parametrize(("kind", "start", "end", "months"), [
    ("固定期限", date(2026, 1, 1), date(2026, 3, 30), 0),      # under 3 months: none
    ("固定期限", date(2026, 1, 1), date(2026, 3, 31), 1),      # 3 months to under a year: 1
    ("固定期限", date(2026, 1, 1), date(2026, 12, 30), 1),
    ("固定期限", date(2026, 1, 1), date(2026, 12, 31), 2),     # 1 to under 3 years: 2
    ("固定期限", date(2026, 1, 1), date(2028, 12, 30), 2),
    ("固定期限", date(2026, 1, 1), date(2028, 12, 31), 6),     # 3 years or more: 6
    ("无固定期限", date(2026, 1, 1), None, 6),
    ("以完成一定工作任务为期限", date(2026, 1, 1), date(2026, 6, 30), 0),
    ("劳务", date(2026, 1, 1), date(2026, 12, 31), None),     # not a labour contract
    ("固定期限", date(2026, 1, 1), None, None),                # no end: cannot say
])
def test_the_longest_probation_follows_article_19(kind, start, end, months):
    assert max_probation_months(kind, start, end) == months


def test_a_probation_one_month_too_long_names_the_last_lawful_day():
    start, end = date(2026, 3, 1), date(2027, 2, 28)          # exactly one year: 2 months at most
    assert probation_excess("固定期限", start, end, date(2026, 4, 30)) is None
    excess = probation_excess("固定期限", start, end, date(2026, 5, 31))
    assert (excess.allowed_months, excess.latest_end) == (2, date(2026, 4, 30))


def test_any_probation_in_a_task_contract_is_too_long():
    excess = probation_excess("以完成一定工作任务为期限", date(2026, 3, 1), date(2026, 8, 31), date(2026, 3, 10))
    assert (excess.allowed_months, excess.latest_end) == (0, None)
    assert probation_excess("劳务", date(2026, 3, 1), date(2026, 8, 31), date(2026, 5, 31)) is None


def test_two_fixed_terms_or_ten_years_make_the_next_contract_open_ended():
    assert not open_ended_due_by_count(1)
    assert open_ended_due_by_count(2)
    assert not open_ended_due_by_service(date(2016, 5, 10), date(2026, 5, 9))
    assert open_ended_due_by_service(date(2016, 5, 10), date(2026, 5, 10))
    assert not open_ended_due_by_service(None, date(2026, 5, 10))


def test_the_written_contract_is_due_within_a_month_of_hiring():
    assert written_contract_due(date(2026, 3, 1)) == date(2026, 3, 31)
    assert written_contract_due(date(2026, 1, 31)) == date(2026, 2, 27)
