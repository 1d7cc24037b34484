"""Returned machines back in stock, and monthly targets within the year's (#29).

整机库存 columns: A 整机编号 … F 库存状态. 年度目标: A 年度, B 分公司, C 目标台数, D 目标金额.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from dealer_xl.checks.returns import check_returns
from dealer_xl.problems import Code, Severity

from .builders import context, found, table

E, W = Severity.ERROR, Severity.WARNING


def test_a_returned_machine_left_sold_is_an_error_unless_sold_again_or_not_yet_returned():
    ctx = context(
        table("sales", "stock", {"serial_no": "S1", "status": "已售"}, {"serial_no": "S2", "status": "在库"},
              {"serial_no": "S3", "status": "已售"}, {"serial_no": "S4", "status": "已售"},
              {"serial_no": "S5", "status": "已售"}),
        table("sales", "sales", {"sale_date": date(2026, 1, 5), "contract_no": "C1", "serial_no": "S1"},
              {"sale_date": date(2026, 5, 1), "contract_no": "C9", "serial_no": "S3"}),
        table("sales", "returns",
              {"return_date": date(2026, 3, 1), "contract_no": "C1", "serial_no": "S1", "kind": "退车"},   # still 已售
              {"return_date": date(2026, 3, 1), "contract_no": "C2", "serial_no": "S2", "kind": "退车"},   # back 在库
              {"return_date": date(2026, 3, 1), "contract_no": "C3", "serial_no": "S3", "kind": "退车"},   # sold again
              {"return_date": date(2026, 7, 1), "contract_no": "C4", "serial_no": "S4", "kind": "退车"},   # after today
              {"return_date": date(2026, 4, 1), "contract_no": "C5", "serial_no": "S5", "kind": "换车",
               "new_serial_no": "S2"}))                                                                  # old machine
    assert found(check_returns(ctx)) == [(Code.RETURNED_STILL_SOLD, "F2", E), (Code.RETURNED_STILL_SOLD, "F6", E)]


def test_months_typed_above_the_branchs_year_are_warned_at_the_year():
    months = [{"month": f"2026-{m:02d}", "branch": "城关", "target_units": 3, "target_amount": D("100000")}
              for m in range(1, 5)]
    ctx = context(
        table("sales", "targets", *months,
              {"month": "2026-05", "branch": "城关", "salesperson": "张三", "target_units": 9, "target_amount": D("9")}),
        table("sales", "annual_targets", {"year": 2026, "branch": "城关", "target_units": 12, "target_amount": D("399999")},
              {"year": 2026, "branch": "东区", "target_units": 1, "target_amount": D("1")},
              {"year": 2026, "target_units": 1, "target_amount": D("1")}))
    assert found(check_returns(ctx)) == [(Code.TARGETS_OVER_ANNUAL, "D2", W)]   # 400,000 > 399,999; 12 units fit
