"""Action: manufacturer rebates (``finance rebates [DIR] --manufacturer X --from D --to D``, ribbon 财务 → 厂家返利).

Every policy of 返利政策 (of the manufacturer) whose period meets ``--from``…``--to`` (default: every
policy started by ``--to``), earned tier by tier on the books' pick-ups, sales or payments up to
``--to`` (default today), the 返利 credited in 厂家往来, and 应收返利 = earned − credited
(:mod:`dealer_xl.ledger.finance.rebates`). Writes ``报表/厂家返利 …xlsx``; ``--format json`` prints
``{"policies": [{"policy", "basis_value", "rebate_fen", "tiers"}], "earned_fen", "credited_fen",
"outstanding_fen"}`` and writes nothing. A policy, pick-up, sale or payment with an 错误 in a cell used
is left out and named (exit 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ...documents.reports.finance_packs import rebates_data
from ...jsonout import fen
from ...ledger.finance.rebates import RebateBook, earned
from ...problems import BadOption, Problem
from ...schema import labels
from .common import finance_ledger, money, number, text_table, write


@dataclass
class RebatesResult:
    """What ``finance rebates`` found."""

    book: RebateBook
    as_of: date
    title: str
    workbook: Path | None = None
    problems_in_summary = True

    @property
    def problems(self) -> list[Problem]:
        return self.book.problems

    def summary(self) -> list[str]:
        b = self.book
        lines = [f"{self.title}：应得 {money(b.earned)} 元，已入账 {money(b.credited)} 元，应收返利 {money(b.outstanding)} 元"]
        lines += text_table((labels.MANUFACTURER, "政策", "期间", "依据类型", "依据数量", "方式", "返利"),
                            [[r.policy.manufacturer, r.policy.number, f"{r.policy.start}～{r.policy.end}", r.policy.basis,
                              f"{r.value:,}", r.policy.method_name, money(r.rebate)] for r in b.results])
        for r in b.results:
            for s in r.shares:
                if s.amount:
                    top = "不封顶" if s.tier.upper is None else f"{s.tier.upper:,}"
                    lines.append(f"  {r.policy.number} 档位 {s.tier.lower:,}–{top} × {s.tier.rate:,}：计入 {s.slice:,}，"
                                 f"返利 {money(s.amount)}")
        lines += [f"  [已入账] {day} {maker} {doc_no} {money(amount)}" for day, maker, doc_no, amount in b.credits]
        lines += [f"  {line}" for line in b.refused.lines]
        if self.workbook:
            lines.append(f"  工作簿：{self.workbook}")
        return lines

    def records(self) -> list[dict[str, Any]]:
        return [self.as_json()]

    def as_json(self) -> dict[str, Any]:
        b = self.book
        policies = [{"policy": r.policy.number, "basis_value": _basis(r.value, r.policy.units),
                     "rebate_fen": fen(r.rebate),
                     "tiers": [{"lower": _basis(s.tier.lower, r.policy.units), "upper": _basis(s.tier.upper, r.policy.units),
                                "rate": s.tier.rate if r.policy.units else number(s.tier.rate),
                                "slice": _basis(s.slice, r.policy.units), "rebate_fen": fen(s.amount)} for s in r.shares]}
                    for r in b.results]
        return {"policies": policies, "earned_fen": fen(b.earned), "credited_fen": fen(b.credited),
                "outstanding_fen": fen(b.outstanding)}


def _basis(value, units: bool):
    """A basis for JSON: a count of units, or yuan (a Decimal: two decimals, like every amount)."""
    return None if value is None else int(value) if units else value


def finance_rebates(books: Any, *, manufacturer: str | None = None, first: date | None = None, last: date | None = None,
                    workbook: bool = True) -> RebatesResult:
    """Rebates earned, credited and outstanding (see the module docstring)."""
    led, problems = finance_ledger(books, last, "rebate_policies")
    as_of = led.today
    if first is not None and first > as_of:
        raise BadOption(f"--from {first} 晚于 --to {as_of}")
    makers = [r["manufacturer"] for r in led.rows("master", "manufacturers") if r["manufacturer"]]
    if manufacturer and makers and manufacturer not in makers:
        raise BadOption(f"主数据「厂家」中没有「{manufacturer}」；可选：{'、'.join(makers)}")
    book = earned(led, problems, as_of, manufacturer=manufacturer, first=first, last=as_of)
    title = f"厂家返利{('_' + manufacturer) if manufacturer else ''} 截至{as_of}"
    result = RebatesResult(book, as_of, title)
    if workbook:
        result.workbook = write(led, "finance_rebates", rebates_data(book, as_of, title), as_of)
    return result
