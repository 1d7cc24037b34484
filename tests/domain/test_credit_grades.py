"""Credit grades from constructed payment histories, with the default 参数 rules."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from dealer_xl.domain.allocation import Payment, allocate
from dealer_xl.domain.credit_grades import RuleError, metrics, months_before, parse_rule, rules_from, suggest
from dealer_xl.domain.schedules import Installment
from dealer_xl.schema.params import defaults

AS_OF = date(2026, 10, 31)
# twelve instalments of 1,000.00 due on the 10th, Nov 2025 … Oct 2026 (all inside the 12-month window)
DUES = [date(2025, 11, 10)] + [date(2026, m, 10) for m in range(1, 11)]
DUES.insert(1, date(2025, 12, 10))
SCHEDULE = [Installment(k, d, D("1000.00"), D("1000.00"), D("0.00"), D(0)) for k, d in enumerate(DUES, 1)]
RULES = rules_from(defaults())


def grade(paid_days_late: list[int | None], **counts):
    """Pay instalment k that many days late (None: not paid) and grade the customer."""
    payments = [Payment(d + timedelta(days=late), D("1000.00")) for d, late in zip(DUES, paid_days_late, strict=True)
                if late is not None]
    position = allocate(SCHEDULE, payments, AS_OF, grace_days=3, penalty_daily_rate=D("0"))
    values = metrics([(position, [])], AS_OF, window_months=12, grace_days=3, **counts)
    return values, suggest(values, RULES)


def test_paying_on_the_due_date_is_grade_a_without_reasons():
    values, (suggested, reasons) = grade([0] * 12)
    assert (values["max_dpd"], values["avg_dpd"], values["on_time"], values["current"]) == (D(0), D(0), D(1), D(0))
    assert (suggested, reasons) == ("A", ())


def test_two_unpaid_recent_instalments_give_c_from_current_overdue():
    # 10 Sep unpaid: 51 days by 31 Oct; 10 Oct unpaid: 21 days. Late days 0×10, 51, 21 → max 51,
    # average 72 / 12 = 6.0, on time 10 / 12 = 83.33 %; current DPD 51 > 30 → C (B's average rule
    # also holds, but C wins and only its conditions are the reasons).
    values, (suggested, reasons) = grade([0] * 10 + [None, None])
    assert (values["max_dpd"], values["avg_dpd"], values["on_time"], values["current"]) == (
        D(51), D("6.0"), D("0.8333"), D(51))
    assert (suggested, reasons) == ("C", ("当前逾期天数 51（> 30）",))


def test_three_instalments_25_days_late_is_b():
    # nine on time, three 25 days late: max 25 > 15, average 75 / 12 = 6.25 → 6.3 > 5, on time
    # 9 / 12 = 75 % < 90 % — all B conditions; none of C (max ≤ 60, average ≤ 20, 75 % ≥ 70 %)
    values, (suggested, reasons) = grade([0, 0, 0, 25, 0, 0, 25, 0, 0, 25, 0, 0])
    assert suggested == "B"
    assert reasons == ("最长逾期天数 25（> 15）", "平均逾期天数 6.3（> 5）", "按时还款比例 75%（< 90%）")


def test_paying_ten_days_late_every_month_is_c_for_never_being_on_time():
    # every instalment 10 days late: none within the 3 days' grace → on time 0 % < 70 %
    assert grade([10] * 12)[1] == ("C", ("按时还款比例 0%（< 70%）",))


def test_a_repossession_or_write_off_in_the_history_is_d():
    assert grade([0] * 12, repossessed=1)[1][0] == "D"
    assert grade([0] * 12, written_off=1)[1][0] == "D"


def test_a_rule_finance_cannot_read_is_refused_with_its_parameter_name():
    with pytest.raises(RuleError, match="grade_b_rule"):
        parse_rule("grade_b_rule", "max_dpd>>3")
    assert parse_rule("grade_c_rule", "max_dpd>60；broken>=2") == parse_rule("grade_c_rule", "max_dpd>60;broken>=2")


def test_window_start_keeps_the_day_or_the_month_end():
    assert months_before(date(2026, 10, 31), 12) == date(2025, 10, 31)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
