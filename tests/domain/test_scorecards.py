"""奖罚 rules and the service figures of the scorecards, worked by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dealer_xl.domain.scorecards import RuleError, bonus, parse_rules, ratio, repeat_repairs

D = Decimal
RULES = "achievement>=1.2:2000;achievement>=1:800;achievement<0.6:-500;overdue_ratio>0.2:-300"


def test_the_first_tier_that_holds_counts_and_metrics_add_up():
    rules = parse_rules("sales_bonus_rules", RULES)
    assert bonus(rules, {"achievement": D("1.25"), "overdue_ratio": D("0.1")})[0] == D("2000")
    assert bonus(rules, {"achievement": D("1.05"), "overdue_ratio": D("0.3")})[0] == D("500")
    total, reasons = bonus(rules, {"achievement": D("0.5"), "overdue_ratio": D("0.25")})
    assert total == D("-800") and reasons == ("金额达成率<60%：-500.00", "客户逾期占比>20%：-300.00")
    assert bonus(rules, {"achievement": None, "overdue_ratio": None}) == (D("0"), ())


def test_a_rule_that_cannot_be_read_names_the_parameter():
    with pytest.raises(RuleError, match="sales_bonus_rules"):
        parse_rules("sales_bonus_rules", "sales>=1:100")
    assert parse_rules("k", "；collection_rate>=0.9：300")[0].amount == D("300")   # full-width separators


def test_ratio_is_rounded_half_up_and_none_over_nothing():
    assert ratio(2, 3) == D("0.6667") and ratio(1, 0) is None and ratio(1, None) is None


def test_a_machine_back_within_the_days_is_a_repeat_repair():
    closed = [{"wo_no": "W1", "serial_no": "S1", "close_date": date(2026, 9, 5)},
              {"wo_no": "W2", "serial_no": "S2", "close_date": date(2026, 9, 10)},
              {"wo_no": "W3", "serial_no": "S3", "close_date": date(2026, 9, 20)}]
    orders = [{"serial_no": "S1", "open_date": date(2026, 10, 5), "service_type": "保外"},     # day 30: repeat
              {"serial_no": "S2", "open_date": date(2026, 10, 11), "service_type": "三包"},    # day 31: not
              {"serial_no": "S3", "open_date": date(2026, 9, 25), "service_type": "首保"},     # first service: not
              {"serial_no": "S3", "open_date": date(2026, 11, 2), "service_type": "三包"}]     # after the as-of date
    found = repeat_repairs(closed, orders, 30, date(2026, 10, 31))
    assert [o["wo_no"] for o in found] == ["W1"]
