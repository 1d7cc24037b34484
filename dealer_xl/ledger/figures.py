"""The glossary of figures: every figure a report shows, defined once (name, label, definition, function).

A :class:`Figure` is computed by one function from a Ledger and a date, always on the books as they
were on that date (:meth:`dealer_xl.ledger.Ledger.as_of`): a balance is as of the date, a flow
(本月实收, 销售额 …) runs from the first day of the date's month to the date, so a month's figure is
its value on the month's last day. Every report, pack, e-mail body, snapshot, archive manifest and
CLI summary takes its figures from :func:`value` (or, for a table narrowed to a branch or person,
applies the same definition to that part, and a test ties the parts to the whole). A label names
one definition only. A figure whose inputs were not computed yet is None — shown as 未计算, never
0 (payroll before 工资结果 has the month).

:data:`GLOSSARY` is printed by ``dealer-xl figures`` and in docs/财务.md; :func:`section_json`
gives a section's figures by key, money in integer fen (``*_fen``), as ``--format json`` prints them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ..domain.money import ZERO
from ..domain.repossession import DISPOSAL, RECOVERY
from ..jsonout import fen
from ..schema import labels
from .aging import AgingResult, age_contracts
from .model import Ledger
from .monthly import month_contracts
from .stock import held_machines
from .totals import manufacturer_balances

NOT_COMPUTED = "未计算"
OPEN_CLAIMS = ("已提交", "已批准", "部分批准")
Value = Decimal | int | None


@dataclass(frozen=True)
class Figure:
    """One figure of the glossary.

    Attributes:
        key: ``section.name`` (``receivables.balance``); the JSON key is ``name`` (``name_fen`` for money).
        label: the Chinese label every report uses for it, and for nothing else.
        unit: 元, 台, 人, 张 or 个.
        definition: one sentence (Chinese) saying what it counts.
        compute: ``compute(view, day)`` on the books as of ``day``; None when not computed.
    """

    key: str
    label: str
    unit: str
    definition: str
    compute: Callable[[Ledger, date], Value]

    @property
    def section(self) -> str:
        return self.key.split(".")[0]

    @property
    def money(self) -> bool:
        return self.unit == "元"

    @property
    def json_key(self) -> str:
        name = self.key.split(".")[1]
        return f"{name}_fen" if self.money else name


def month_of(day: date) -> str:
    return f"{day:%Y-%m}"


def month_end(month: str) -> date:
    """The last day of ``YYYY-MM``."""
    from ..domain.monthly import month_range

    return month_range(month)[1]


def _first(day: date) -> date:
    return day.replace(day=1)


def aging(ledger: Ledger, day: date) -> AgingResult:
    """The aging of every contract as of ``day`` (shared by the receivables figures, once per date)."""
    view = ledger.as_of(day)
    return view.memo(("figures.aging", day), lambda: age_contracts(view, day))


def _payments(view: Ledger, day: date, kinds: tuple[str, ...]) -> Decimal:
    first = _first(day)
    return sum((p.amount for c in view.receivables.contracts for p in c.payments
                if p.kind in kinds and first <= p.day <= day), ZERO)


def _sales(view: Ledger, day: date) -> tuple[int, Decimal, Decimal]:
    """Units, 成交价 and 毛利 of the month's sales up to ``day``, net of the month's 退车 (毛利 over
    the sales whose machine has a 采购价 in 整机库存)."""
    first = _first(day)

    def margin(row: dict) -> Decimal:
        cost = (view.machine(row["serial_no"]) or {}).get("purchase_price")
        return ZERO if cost is None else row["deal_price"] - cost

    rows = [r for r in view.rows("sales", "sales") if r["sale_date"] is not None and r["deal_price"] is not None]
    priced = {r["contract_no"]: r for r in rows}
    sold = [r for r in rows if first <= r["sale_date"] <= day]
    back = [priced[r["contract_no"]] for r in view.rows("sales", "returns")
            if r.get("kind") == "退车" and r.get("return_date") and first <= r["return_date"] <= day
            and r.get("contract_no") in priced]
    return (len(sold) - len(back), sum((r["deal_price"] for r in sold), ZERO) - sum((r["deal_price"] for r in back), ZERO),
            sum((margin(r) for r in sold), ZERO) - sum((margin(r) for r in back), ZERO))


def branch_targets(view: Ledger, month: str) -> dict[str, tuple[int, Decimal]]:
    """(target units, target amount) per 分公司 for ``month``: its branch rows (业务员 empty); a
    branch with none, the sum of its salespeople's rows."""
    own: dict[str, list] = {}
    people: dict[str, list] = {}
    for r in view.rows("sales", "targets"):
        if r["month"] != month or not r["branch"]:
            continue
        into = people if r["salesperson"] else own
        units, amount = into.setdefault(r["branch"], [0, ZERO])
        into[r["branch"]] = [units + (r["target_units"] or 0), amount + (r["target_amount"] or ZERO)]
    merged = {**people, **own}
    return {b: (u, a) for b, (u, a) in sorted(merged.items())}


def _targets(view: Ledger, day: date) -> tuple[int, Decimal]:
    found = branch_targets(view, month_of(day)).values()
    return sum(u for u, _ in found), sum((a for _, a in found), ZERO)


def _payroll(view: Ledger, day: date) -> list[dict] | None:
    rows = [r for r in view.rows("payroll", "results") if r["month"] == month_of(day)]
    return rows or None


def claim_open(row: dict) -> bool:
    """A claim 在途 with its manufacturer: submitted, 已提交/已批准/部分批准, not settled (on a view,
    a settlement of a later month is not there yet)."""
    return row["submit_date"] is not None and row["status"] in OPEN_CLAIMS and not row["settle_month"]


def claim_settled(row: dict, month: str) -> bool:
    """A claim settled in ``month`` (its 结算月份)."""
    return row["settle_month"] == month


def _claims_open(view: Ledger) -> list[dict]:
    return [c for c in view.rows("service", "claims") if claim_open(c)]


def _submitted(view: Ledger, day: date) -> list[dict]:
    return [c for c in view.rows("service", "claims") if c["submit_date"] and _first(day) <= c["submit_date"] <= day]


def _money_sum(rows, field_name: str) -> Decimal:
    return sum((r[field_name] or ZERO for r in rows), ZERO)


def _count_or_none(rows: list | None) -> int | None:
    return None if rows is None else len({r["emp_id"] for r in rows})


def _sum_or_none(rows: list | None, field_name: str) -> Decimal | None:
    return None if rows is None else _money_sum(rows, field_name)


def _opening(view: Ledger, day: date) -> Decimal:
    before = _first(day) - timedelta(days=1)
    return aging(view, before).balance


F = Figure
GLOSSARY: tuple[Figure, ...] = (
    F("receivables.balance", "应收余额", "元", "截至日已签订、未核销的分期合同尚未收回的本金和利息（含未到期各期，不含罚息）。",
      lambda v, d: aging(v, d).balance),
    F("receivables.opening_balance", "月初余额", "元", "上月最后一天的应收余额（按当日的台账计算）。", _opening),
    F("receivables.overdue", "逾期金额", "元", "应收余额中应还日期已过（早于截至日）仍未还的部分，即账龄各逾期段之和；不含已核销。",
      lambda v, d: aging(v, d).overdue),
    F("receivables.long_overdue", "陈欠金额", "元", "逾期金额中逾期超过参数 long_overdue_days（默认 180）天的各期。",
      lambda v, d: aging(v, d).long_overdue),
    F("receivables.written_off", "已核销余额", "元", "截至日已核销合同的核销金额（本金、到期利息、罚息）减去核销后追回，仍在追缴的部分。",
      lambda v, d: aging(v, d).written_off),
    F("receivables.non_performing", "不良余额", "元", "五级分类为次级、可疑、损失的合同的应收余额。",
      lambda v, d: aging(v, d).non_performing),
    F("receivables.contracts", "应收合同数", "个", "截至日尚有应收余额或罚息未还、未核销的合同数。",
      lambda v, d: len(aging(v, d).on_books)),
    F("receivables.plan", "本月计划", "元", "本月到期（应还日期在本月、月初尚未还清的金额）加上月结转逾期（月初已逾期未还的金额）；"
      "本月之前已核销的合同不计。", lambda v, d: sum((m.plan for _, m in month_contracts(v, month_of(d))), ZERO)),
    F("receivables.collected", "本月实收", "元", "本月1日至截至日收款记录中的客户付款（含核销后追回，不含处置回收；早于合同签订日期的收款不计，校验会报告）。",
      lambda v, d: _payments(v, d, ("receipt", RECOVERY))),
    F("receivables.disposal", "处置回收", "元", "本月1日至截至日扣车处置所得（处置金额减拖车费、保管费、评估费）冲抵欠款的金额。",
      lambda v, d: _payments(v, d, (DISPOSAL,))),
    F("receivables.recovered", "核销后追回", "元", "本月1日至截至日已核销合同在核销日之后收到的付款（本月实收的一部分）。",
      lambda v, d: _payments(v, d, (RECOVERY,))),
    F("sales.units", "销售台数", "台", "本月1日至截至日销售明细的台数，减去同期退车台数。", lambda v, d: _sales(v, d)[0]),
    F("sales.amount", "销售额", "元", "本月1日至截至日销售明细的成交价合计，减去同期退车的原成交价。", lambda v, d: _sales(v, d)[1]),
    F("sales.margin", "毛利", "元", "销售额中采购价已知的各台成交价减整机库存采购价之和（退车冲减）。", lambda v, d: _sales(v, d)[2]),
    F("sales.target_units", labels.TARGET_UNITS, "台", "销售目标中本月各分公司的目标台数（分公司行；某分公司只有业务员行时取其合计）。",
      lambda v, d: _targets(v, d)[0]),
    F("sales.target_amount", labels.TARGET_AMOUNT, "元", "销售目标中本月各分公司的目标金额（取法同目标台数）。", lambda v, d: _targets(v, d)[1]),
    F("payroll.people", "工资人数", "人", "工资结果中本月有工资行的员工数；本月尚未计算工资时为未计算。",
      lambda v, d: _count_or_none(_payroll(v, d))),
    F("payroll.gross", labels.header("payroll", "results", "gross"), "元", "工资结果中本月应发工资合计；未计算时为未计算。",
      lambda v, d: _sum_or_none(_payroll(v, d), "gross")),
    F("payroll.net", labels.header("payroll", "results", "net"), "元", "工资结果中本月实发工资合计；未计算时为未计算。", lambda v, d: _sum_or_none(_payroll(v, d), "net")),
    F("service.claims_open", "索赔在途", "张", "截至日已提交、状态为已提交/已批准/部分批准且尚无结算月份的索赔单数。",
      lambda v, d: len(_claims_open(v))),
    F("service.claims_open_amount", "索赔在途金额", "元", "索赔在途各单的索赔合计。",
      lambda v, d: _money_sum(_claims_open(v), "claim_total")),
    F("service.claims_submitted", "本月提交索赔", "张", "提交日期在本月1日至截至日的索赔单数。", lambda v, d: len(_submitted(v, d))),
    F("service.claims_submitted_amount", "本月提交索赔金额", "元", "本月提交索赔各单的索赔合计。",
      lambda v, d: _money_sum(_submitted(v, d), "claim_total")),
    F("service.claims_settled_amount", "本月结算批准金额", "元", "结算月份为本月的索赔单的批准金额合计。",
      lambda v, d: _money_sum([c for c in v.rows("service", "claims") if claim_settled(c, month_of(d))],
                              "approved_amount")),
    F("stock.units", "库存台数", "台", "截至日在库、样机、调拨中且未售出（或已退车）的整机台数。", lambda v, d: len(held_machines(v))),
    F("stock.cost", "库存采购金额", "元", "库存台数各台的采购价合计。", lambda v, d: _money_sum(held_machines(v), "purchase_price")),
    F("stock.payable", "应付厂家余额", "元", "截至日厂家往来中欠各厂家的余额合计（提车、配件采购增加，付款、返利、索赔结算减少）。",
      lambda v, d: sum(manufacturer_balances(v, d).values(), ZERO)),
)
FIGURES: dict[str, Figure] = {f.key: f for f in GLOSSARY}
SECTIONS = tuple(dict.fromkeys(f.section for f in GLOSSARY))
#: the section keys ``--format json`` prints for a report, as the issue names them.
JSON_KEYS: dict[str, tuple[str, ...]] = {
    "receivables": ("balance", "opening_balance", "overdue", "long_overdue", "written_off", "collected", "disposal"),
    "sales": ("units", "amount", "target_units", "target_amount"),
    "payroll": ("people", "gross", "net"),
    "service": ("claims_open", "claims_open_amount", "claims_submitted", "claims_submitted_amount",
                "claims_settled_amount"),
    "stock": ("units", "cost", "payable"),
}


def value(ledger: Ledger, key: str, day: date) -> Value:
    """The figure ``key`` on the books as they were on ``day`` (computed once per view)."""
    view = ledger.as_of(day)
    return view.memo(("figure", key), lambda: FIGURES[key].compute(view, day))


def month_value(ledger: Ledger, key: str, month: str) -> Value:
    """The figure ``key`` of ``month`` (its value on the month's last day)."""
    return value(ledger, key, month_end(month))


def label(key: str) -> str:
    """The Chinese label of ``key``."""
    return FIGURES[key].label


def shown(key: str, amount: Value) -> str:
    """``amount`` as a person reads it: money with thousands and two decimals, 未计算 for None."""
    if amount is None:
        return NOT_COMPUTED
    return f"{amount:,.2f}" if FIGURES[key].money else f"{amount}"


def section_json(ledger: Ledger, section: str, day: date, names: tuple[str, ...] | None = None) -> dict[str, Any] | None:
    """The figures of ``section`` on ``day`` by JSON key (money in integer fen); None when any of
    them was not computed (the whole section is then 未计算)."""
    out: dict[str, Any] = {}
    for name in names or JSON_KEYS[section]:
        f = FIGURES[f"{section}.{name}"]
        amount = value(ledger, f.key, day)
        if amount is None:
            return None
        out[f.json_key] = fen(amount) if f.money else amount
    return out


def month_json(ledger: Ledger, month: str, sections: tuple[str, ...] = SECTIONS) -> dict[str, Any]:
    """``{"month": month, section: section_json(...) | None, …}`` for ``month``."""
    day = month_end(month)
    return {"month": month} | {s: section_json(ledger, s, day) for s in sections}
