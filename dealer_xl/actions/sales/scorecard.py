"""Action ``sales scorecard``: each salesperson's month — sales against target, collections, overdue,
commission and the 奖罚 of 参数 (销售部「业务人员绩效考核方案及奖罚措施」).

Per salesperson with a sale, a target or a contract in the month M (as of its last day: nothing
dated after it counts):

- 台数, 金额: net sales of M as the sales reports count them (销售明细 less 退车 dated in M);
  目标台数/目标金额 from 销售目标 (the salesperson's rows of M); 达成率 = 金额 ÷ 目标金额 (台数 alike);
- 毛利: the finance wing's 单台毛利 (:func:`dealer_xl.ledger.finance.margin.machine_margins`, the same
  figure as ``finance margin``) summed over the salesperson's machines of M (a 退车 negative); 未计算
  when the company keeps no 财务台账;
- 回款率: Σ collected ÷ Σ planned over the installment contracts the salesperson sold, by the
  monthly collection plan's own definition (:func:`dealer_xl.ledger.monthly.month_contracts`, the glossary's month);
  逾期金额 and 客户逾期占比 (逾期 ÷ 未还本息) of those contracts on the month's last day;
- 提成: the payroll's commission on money collected in M (:func:`dealer_xl.domain.payroll_commission.commissions`);
- 奖罚: the rules of 参数 sales_bonus_rules on 金额达成率, 台数达成率, 回款率 and 客户逾期占比
  (:func:`dealer_xl.domain.scorecards.bonus`).

Input gate: a salesperson whose figures come from a cell validation calls an 错误 (their sales rows,
their contracts' terms, schedules and receipts, the commission 参数) gets no figures — listed with the
cells — and the command exits 1. Written to ``报表/业务员考核_<M>.xlsx``; the books are never written.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from ...documents.gated import position_uses
from ...documents.report_model import Scope
from ...documents.reports.common import sale_lines
from ...documents.reports.returns import return_lines
from ...domain.money import ZERO
from ...domain.monthly import month_range
from ...domain.payroll_commission import commissions
from ...domain.scorecards import bonus, parse_rules, ratio
from ...ledger import Ledger, load
from ...ledger.monthly import month_contracts
from ...problems import BookError, Problem
from ...schema import labels
from ..gate import Uses, gate, param_rows, refusal_line, validation_problems
from ..report_book import write_report
from ..result import Refusing

NOT_COMPUTED = "未计算"
HEADERS = (labels.SALESPERSON, labels.EMP_ID, labels.BRANCH, "台数", "销售金额", labels.TARGET_UNITS, labels.TARGET_AMOUNT,
           "台数达成率", "金额达成率", "毛利", "本月应收", "本月实收", "回款率", "逾期金额", "未还本息", "客户逾期占比",
           labels.header("payroll", "results", "commission"), "奖罚", "奖罚依据")
PARAMS = ("commission_rate_full", "commission_rate_installment", "sales_bonus_rules", "grace_days", "penalty_daily_rate")


def month_margins(led: Ledger, first, last) -> dict[str, Decimal] | None:
    """合同编号 → 单台毛利 of the machines sold (or taken back) from ``first`` to ``last``, as ``finance
    margin`` computes them (through its input gate); None without 财务台账."""
    if not led.found("finance"):
        return None
    from ...ledger.finance.margin import machine_margins

    machines, _, _ = machine_margins(led, validation_problems(led), first, last, last)
    out: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for m in machines:
        if m.margin is not None:
            out[m.contract_no] += m.margin
    return out


def margin(margins: dict[str, Decimal] | None, lines: list) -> Decimal | None:
    """毛利 of a salesperson's lines: the 单台毛利 of their contracts (each once), None (未计算) without 财务台账."""
    if margins is None:
        return None
    return sum((margins.get(no, ZERO) for no in {line.contract_no for line in lines}), ZERO)


@dataclass(frozen=True)
class Card:
    """One salesperson's month (see the module docstring)."""

    name: str
    emp_id: str
    branch: str
    units: int
    amount: Decimal
    target_units: int | None
    target_amount: Decimal | None
    margin: Decimal | None
    planned: Decimal
    collected: Decimal
    overdue: Decimal
    outstanding: Decimal
    commission: Decimal
    bonus: Decimal
    reasons: tuple[str, ...]

    @property
    def metrics(self) -> dict[str, Decimal | None]:
        return {"achievement": ratio(self.amount, self.target_amount), "units_achievement": ratio(self.units, self.target_units),
                "collection_rate": ratio(self.collected, self.planned), "overdue_ratio": ratio(self.overdue, self.outstanding)}

    def cells(self) -> list:
        m = self.metrics
        return [self.name, self.emp_id, self.branch, self.units, self.amount, self.target_units, self.target_amount,
                m["units_achievement"], m["achievement"], self.margin if self.margin is not None else NOT_COMPUTED,
                self.planned, self.collected, m["collection_rate"], self.overdue, self.outstanding, m["overdue_ratio"],
                self.commission, self.bonus, "；".join(self.reasons)]


@dataclass(frozen=True)
class ScorecardResult(Refusing):
    """What ``sales scorecard`` produced."""

    month: str
    cards: tuple[Card, ...]
    workbook: Path | None = None
    refused: dict[str, tuple[Problem, ...]] = field(default_factory=dict)

    def records(self) -> list[dict[str, Any]]:
        return [{"salesperson": c.name, "emp_id": c.emp_id, "branch": c.branch, "units": c.units, "amount": c.amount,
                 "target_units": c.target_units, "target_amount": c.target_amount, **c.metrics,
                 "margin": c.margin, "margin_status": "computed" if c.margin is not None else "not_computed",
                 "planned": c.planned, "collected": c.collected, "overdue": c.overdue, "outstanding": c.outstanding,
                 "commission": c.commission, "bonus": c.bonus, "bonus_reasons": list(c.reasons)} for c in self.cards] + self.refusal_records("salesperson")

    def summary(self) -> list[str]:
        lines = [f"业务员考核（{self.month}）：{len(self.cards)} 人，金额合计 {sum((c.amount for c in self.cards), ZERO):,.2f} 元，"
                 f"提成 {sum((c.commission for c in self.cards), ZERO):,.2f} 元，奖罚 {sum((c.bonus for c in self.cards), ZERO):+,.2f} 元；"
                 + (f"毛利 {sum((c.margin for c in self.cards), ZERO):,.2f} 元"
                    if self.cards and all(c.margin is not None for c in self.cards) else f"毛利{NOT_COMPUTED}")]
        for c in self.cards:
            m = c.metrics
            shown = f"{m['achievement']:.0%}" if m["achievement"] is not None else "无目标"
            rate = f"{m['collection_rate']:.0%}" if m["collection_rate"] is not None else "无应收"
            lines.append(f"  {c.name}（{c.branch}）：{c.units} 台 {c.amount:,.2f} 元，达成 {shown}，回款率 {rate}，"
                         f"客户逾期 {c.overdue:,.2f} 元，毛利 {'未计算' if c.margin is None else f'{c.margin:,.2f}'}，"
                         f"提成 {c.commission:,.2f}，奖罚 {c.bonus:+,.2f}")
        lines += [refusal_line("业务员考核", who, list(found)) for who, found in self.refused.items()]
        return lines + ([f"明细：{self.workbook}"] if self.workbook else [])


def sales_scorecard(source: Any, month: str, *, workbook: bool = True) -> ScorecardResult:
    """The scorecards of ``month`` of the books in ``source`` (see the module docstring)."""
    first, last = month_range(month)
    led = load(source, today=last)
    try:
        rules = parse_rules("sales_bonus_rules", led.params.get("sales_bonus_rules"))
    except ValueError as e:
        raise BookError(str(e)) from None
    scope = Scope(last, month, masked=False)
    lines = [*sale_lines(led, scope, first, last), *return_lines(led, scope, first, last)]
    targets: dict[str, list] = defaultdict(lambda: [None, None])
    for r in led.rows("sales", "targets"):
        if r.get("month") == month and r.get("salesperson"):
            name = (led.employee(r["salesperson"]) or {}).get("name") or r["salesperson"]
            t = targets[name]
            t[0] = (t[0] or 0) + (r.get("target_units") or 0)
            t[1] = (t[1] or ZERO) + (r.get("target_amount") or ZERO)
    contracts: dict[str, list] = defaultdict(list)
    for c in led.receivables.contracts:
        seller = led.employee(c.salesperson)
        if seller and c.contract_no not in led.receivables.skipped:
            contracts[seller["name"]].append(c)
    paid = commissions(led.rows("sales", "sales"), led.rows("receivables", "receipts"), led.employee, month,
                       led.decimal("commission_rate_full"), led.decimal("commission_rate_installment"))
    names = sorted({line.salesperson for line in lines} | set(targets) | set(contracts))
    g = gate(led, (Uses("sales", "sales", ("contract_no", "sale_date", "salesperson", "deal_price", "payment_type",
                                          "down_payment", "approval"), "contract_no"),
                   *position_uses(last), Uses("master", "params", ("value",))))
    cards, refused = [], {}
    margins = month_margins(led, first, last)
    for name in names:
        person = led.employee(name) or {}
        mine = [line for line in lines if line.salesperson == name]
        found = g.stops(*(line.contract_no for line in mine), *(c.contract_no for c in contracts[name]),
                        rows=param_rows(led, *PARAMS))
        if found:
            refused[name] = tuple(found)
            continue
        cards.append(_card(led, name, person, mine, targets[name], contracts[name], month, paid, rules, margins))
    result = ScorecardResult(month, tuple(cards), refused=refused)
    if workbook:
        result = replace(result, workbook=write_report(led.books_dir, f"业务员考核_{month}.xlsx",
                                                       [("业务员考核", HEADERS, [c.cells() for c in cards])], last))
    return result


def _card(led: Ledger, name: str, person: dict, lines: list, target: list, contracts: list, month: str, paid: dict,
          rules, margins: dict[str, Decimal] | None = None) -> Card:
    _, after = led.receivables.month_positions(month)
    of_month = {c.contract_no: f for c, f in month_contracts(led, month)}  # the glossary's month (as of its end)
    planned = collected = overdue = outstanding = ZERO
    for c in contracts:
        figures = of_month.get(c.contract_no)
        if figures is None:  # signed after the month
            continue
        planned += figures.plan
        collected += figures.collected
        overdue += after[c.contract_no].overdue
        outstanding += after[c.contract_no].outstanding
    emp = person.get("emp_id") or ""
    card = Card(name, emp, person.get("branch") or next((line.branch for line in lines), ""),
                sum(line.units for line in lines), sum((line.deal_price for line in lines), ZERO), target[0], target[1],
                margin(margins, lines), planned, collected, overdue, outstanding,
                paid[emp].amount if emp in paid else ZERO, ZERO, ())
    total, reasons = bonus(rules, card.metrics)
    return replace(card, bonus=total, reasons=reasons)
