"""The cash plan (资金计划): week by week, the cash expected in and out, from the books alone.

:func:`cash_plan` starts from the opening cash at the as-of date (``--opening``, else 参数
cash_opening), takes every expected flow of :mod:`.cash_flows` and puts them into weeks
(:mod:`dealer_xl.domain.cashplan`): closing = opening + in − out, week after week; the week with the
lowest closing balance is the cash low point (资金低点). Labels of the flows are :data:`KINDS`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from ...domain.cashplan import Week, lowest, plan_weeks
from ...problems import Problem
from ...schema.labels import header
from ..model import Ledger
from .cash_flows import all_flows
from .common import Refusals

KINDS = {"installments": "分期回款", "cash_sales": "销售收款", "claims": "索赔结算", "manufacturers": "厂家货款",
         "payroll": "工资", "iit": header("payroll", "results", "iit"), "social_insurance": "社保公积金",
         "expenses": "报销付款", "vat": "增值税"}
INFLOWS = ("installments", "cash_sales", "claims")


@dataclass
class CashPlan:
    """The plan.

    Attributes:
        as_of: the date of the opening cash.
        opening: cash at ``as_of``.
        weeks: the weeks, in order.
        refused: the units the money gate kept out.
    """

    as_of: date
    opening: Decimal
    weeks: list[Week]
    refused: Refusals = field(default_factory=Refusals)

    @property
    def low(self) -> Week | None:
        """The week with the lowest closing balance."""
        return lowest(self.weeks)


def cash_plan(led: Ledger, problems: list[Problem], as_of: date, weeks: int = 13,
              opening: Decimal | None = None) -> CashPlan:
    """The plan of ``weeks`` weeks after ``as_of`` (see the module docstring)."""
    refused = Refusals()
    cash = led.decimal("cash_opening") if opening is None else Decimal(opening)
    end = as_of + timedelta(days=7 * weeks)
    flows = all_flows(led, problems, as_of, end, refused)
    return CashPlan(as_of, cash, plan_weeks(as_of, weeks, cash, flows), refused)
