"""Action: the margin of each machine sold (``finance margin [DIR] --month M``, ribbon 财务 → 单台毛利).

Per machine sold in the month (and per 退车 of an earlier sale, negative): 成交价 net of VAT, cost
(采购价 + 运费/整备), the rebate accrued for it and 单台毛利 (:mod:`dealer_xl.ledger.finance.margin`);
grouped by 机型, 业务员 and 分公司; the sales under cost flagged. Writes ``报表/单台毛利 <月份>.xlsx``;
``--format json`` prints one object per machine (keys of issue #25) and writes nothing. Sales, stock
rows and the data their rebates come from pass the money gate (exit 1 when something was left out).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...documents.reports.finance_packs import margin_data
from ...domain.monthly import month_range
from ...jsonout import fen
from ...ledger.finance.common import Refusals
from ...ledger.finance.margin import MachineMargin, group_margins, machine_margins
from ...problems import Problem
from ...schema import labels
from .common import finance_ledger, money, text_table, write


@dataclass
class MarginResult:
    """What ``finance margin`` found."""

    month: str
    lines: list[MachineMargin]
    refused: Refusals
    netted: int = 0
    workbook: Path | None = None
    problems_in_summary = True

    @property
    def problems(self) -> list[Problem]:
        return self.refused.problems

    def summary(self) -> list[str]:
        known = [m for m in self.lines if m.margin is not None]
        units = sum(m.sign for m in self.lines)
        total = sum((m.margin for m in known), 0)
        lines = [f"单台毛利（{self.month}）：{units} 台，单台毛利合计 {money(total)} 元，"
                 f"低于成本 {sum(m.under_cost for m in self.lines)} 台"]
        for attribute, label in (("model", labels.MODEL), ("salesperson", labels.SALESPERSON), ("branch", labels.BRANCH)):
            lines.append(f"  按{label}：")
            lines += text_table((label, "台数", "不含税收入", "成本", "返利", "单台毛利合计"),
                                [[g.key, g.units, money(g.revenue), money(g.cost), money(g.rebate), money(g.margin)]
                                 for g in group_margins(self.lines, attribute)], indent="    ")
        lines += [f"  [低于成本] {m.serial} {m.contract_no} {m.model} {m.branch} {m.salesperson}：不含税成交价 "
                  f"{money(m.net_price)} < 成本 {money(m.cost)}，加返利 {money(m.rebate)} 后单台毛利 {money(m.margin)}"
                  for m in self.lines if m.under_cost]
        lines += [f"  [无采购价] {m.serial} {m.contract_no}：整机库存中没有采购价，未计毛利" for m in self.lines if m.cost is None]
        if self.netted:
            lines.append(f"  本月售出又在本月退车 {self.netted} 台，未列出")
        lines += [f"  {line}" for line in self.refused.lines]
        if self.workbook:
            lines.append(f"  工作簿：{self.workbook}")
        return lines

    def records(self) -> list[dict[str, Any]]:
        return [{"serial": m.serial, "contract_no": m.contract_no, "model": m.model, "branch": m.branch,
                 "salesperson": m.salesperson, "net_price_fen": fen(m.net_price), "cost_fen": fen(m.cost),
                 "rebate_fen": fen(m.rebate), "margin_fen": fen(m.margin)} for m in self.lines]


def finance_margin(books: Any, month: str, *, workbook: bool = True) -> MarginResult:
    """The unit margins of ``month`` (see the module docstring)."""
    first, last = month_range(month)
    led, problems = finance_ledger(books, last, "rebate_policies")
    lines, refused, netted = machine_margins(led, problems, first, last, last)
    result = MarginResult(f"{first:%Y-%m}", lines, refused, netted)
    if workbook:
        result.workbook = write(led, "finance_margin", margin_data(lines, result.month, netted), last)
    return result
