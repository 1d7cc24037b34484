"""VAT net of price, 参数 tables, budgets by month, and the cash plan's weeks (DOMAIN §5a), by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from dealer_xl.domain.budgets import month_budget, parse_list, spread_year, ytd_budget
from dealer_xl.domain.cashplan import Flow, day_in_month, lowest, next_month, plan_weeks, spread
from dealer_xl.domain.vat import net_of_vat, parse_pairs, parse_rates, rate_for, vat_of


def test_net_price_divides_by_one_plus_the_rate_to_the_fen():
    assert net_of_vat(D("113000.00"), D("0.13")) == D("100000.00")
    assert net_of_vat(D("109000.00"), D("0.09")) == D("100000.00")
    assert net_of_vat(D("100000.00"), D("0.13")) == D("88495.58")         # 88,495.575… → half up
    assert vat_of(D("113000.00"), D("0.13")) == D("13000.00")


def test_rate_tables_of_the_params():
    rates = parse_rates("挖掘机=0.13；拖拉机=9%\n其他=13")
    assert rates == {"挖掘机": D("0.13"), "拖拉机": D("0.09"), "其他": D("0.13")}
    assert rate_for(rates, "收割机", D("0.06")) == D("0.13")           # not listed: 其他
    assert rate_for({}, "收割机", D("0.06")) == D("0.06")
    assert parse_pairs("恒岳重工=45;其他=30") == {"恒岳重工": "45", "其他": "30"}
    with pytest.raises(ValueError, match="名称=值"):
        parse_pairs("恒岳重工45")
    with pytest.raises(ValueError, match="税率"):
        parse_rates("挖掘机=百分之十三")


def test_an_annual_budget_spreads_into_twelve_parts_that_add_up():
    parts = spread_year(D("1000.00"))                                  # 83.33 × 12 = 999.96: 4 fen left
    assert parts[:4] == [D("83.34")] * 4 and parts[4:] == [D("83.33")] * 8 and sum(parts) == D("1000.00")


def test_month_and_year_to_date_budget_of_a_line():
    rows = [(None, D("12000.00")), (3, D("500.00"))]                  # annual 12,000 (1,000 a month) + March 500
    assert month_budget(rows, 3) == D("1500.00")
    assert month_budget(rows, 4) == D("1000.00")
    assert ytd_budget(rows, 3) == D("3500.00")                         # 1,000 × 3 + 500


def test_param_lists_split_on_every_separator():
    assert parse_list("差旅、业务招待,办公，通讯 培训;其他") == ("差旅", "业务招待", "办公", "通讯", "培训", "其他")
    assert parse_list(None) == ()


def test_weeks_carry_the_closing_balance_and_overdue_flows_fall_in_week_one():
    as_of = date(2026, 3, 31)
    flows = [Flow(date(2026, 3, 20), D("-800"), "expenses"),          # overdue: week 1
             Flow(date(2026, 4, 10), D("10000"), "installments"),     # week 2 (Apr 8–14)
             Flow(date(2026, 4, 15), D("-53230"), "manufacturers"),   # week 3 (Apr 15–21)
             Flow(date(2026, 4, 29), D("999"), "claims")]             # after 4 weeks (ends Apr 28): left out
    weeks = plan_weeks(as_of, 4, D("100000"), flows)
    assert [w.start for w in weeks] == [date(2026, 4, 1), date(2026, 4, 8), date(2026, 4, 15), date(2026, 4, 22)]
    assert [w.closing for w in weeks] == [D("99200"), D("109200"), D("55970"), D("55970")]
    assert weeks[1].opening == weeks[0].closing and weeks[2].outflow == D("53230")
    assert lowest(weeks) is weeks[2]                                   # the first of the two equal lows


def test_month_days_and_equal_parts():
    assert day_in_month(2026, 2, 31) == date(2026, 2, 28) and next_month("2026-12") == "2027-01"
    parts = spread(D("100.00"), [date(2026, 4, 1), date(2026, 4, 8), date(2026, 4, 15)], "installments")
    assert [f.amount for f in parts] == [D("33.34"), D("33.33"), D("33.33")]
