"""Receivable aging as of a date, on the Ledger: :func:`age_contracts` → :class:`AgingResult`.

Ages each installment of every contract (:func:`dealer_xl.domain.aging.age_installments`, buckets
from the 参数 sheet) on the books as they were on the date (:meth:`dealer_xl.ledger.Ledger.as_of`:
contracts signed, receipts, disposals and write-offs dated after it do not exist). A contract
written off by then is off the receivables: it stands in the 已核销 bucket alone, with the amount
still pursued (:func:`dealer_xl.domain.bad_debts.standing`). Guarantees: the buckets of every
contract add up exactly to its outstanding (``AgingResult.balanced``); the buckets other than
已核销 add up to :attr:`AgingResult.balance` (应收余额), the overdue ones to
:attr:`AgingResult.overdue` (逾期金额); every contract with something outstanding (or penalty
unpaid, or written-off debt still pursued) is in the result exactly once; contracts whose schedule
was computed from their terms are included and named, contracts without any schedule are left out
and named. Nothing is read or written here (the workbook and snapshot are
:mod:`dealer_xl.actions.receivables.aging_report`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.aging import (
    NON_PERFORMING,
    NOT_DUE,
    OVERDUE_KINDS,
    ContractAging,
    add_buckets,
    age_installments,
    aging_options,
    bucket_labels,
    bucket_text_problem,
    check_buckets,
)
from ..domain.allocation import ContractPosition, penalty_rate_warning
from ..domain.bad_debts import WRITTEN_OFF_LABEL, standing, written_off_aging
from ..domain.money import ZERO
from ..problems import Severity
from .receivables import COMPUTED, NONE, ContractFile

if TYPE_CHECKING:
    from .model import Ledger

TOTAL, OVERDUE = "应收余额", "逾期金额"


@dataclass(frozen=True, slots=True)
class AgedContract:
    """One contract in the aging report.

    Attributes:
        file: the contract's books data.
        position: its position as of the date.
        aging: its aging (buckets, DPD, class, kind).
    """

    file: ContractFile
    position: ContractPosition
    aging: ContractAging

    @property
    def balance(self) -> Decimal:
        """Its 应收余额: its outstanding, 0 when written off (its debt is then in 已核销)."""
        return ZERO if self.aging.risk_class == WRITTEN_OFF_LABEL else self.aging.outstanding


@dataclass(frozen=True, slots=True)
class AgingResult:
    """What ``receivables age`` produced.

    Attributes:
        as_of: the as-of date.
        labels: the bucket labels, in order.
        contracts: the contracts with something outstanding (or penalty unpaid), in book order.
        totals: bucket label → amount over all contracts.
        outstanding: every bucket added up: 应收余额 + 已核销余额.
        balanced: the buckets add up exactly to ``outstanding``, and every contract's to its own.
        computed: contracts aged on a schedule computed from their terms.
        no_schedule: contracts left out for want of any schedule.
        workbook: the aging workbook written (None when not written).
        snapshot: the snapshot written (None when not written).
        previous: the latest earlier snapshot found beside it: (its as-of date, label → amount,
            with 应收余额 and 逾期金额 as well), None when there is none.
        notes: warnings about the 参数 values used (an unusable 账龄分段 falls back to the default).
    """

    as_of: date
    labels: tuple[str, ...]
    contracts: tuple[AgedContract, ...]
    totals: dict[str, Decimal]
    outstanding: Decimal
    balanced: bool
    computed: tuple[str, ...]
    no_schedule: tuple[str, ...]
    workbook: Path | None = None
    snapshot: Path | None = None
    previous: tuple[date, dict[str, Decimal]] | None = None
    notes: tuple[str, ...] = ()

    @property
    def overdue_labels(self) -> tuple[str, ...]:
        """The buckets of amounts overdue (every one but 未到期 and 已核销)."""
        return tuple(label for label in self.labels if label not in (NOT_DUE, WRITTEN_OFF_LABEL))

    @property
    def balance(self) -> Decimal:
        """应收余额: every bucket but 已核销 (contracts not written off)."""
        return self.outstanding - self.written_off

    @property
    def written_off(self) -> Decimal:
        """已核销余额: the 已核销 bucket (written-off debt still pursued)."""
        return self.totals.get(WRITTEN_OFF_LABEL, ZERO)

    @property
    def overdue(self) -> Decimal:
        """逾期金额: the overdue buckets added up (written-off contracts are not in them)."""
        return sum((self.totals[label] for label in self.overdue_labels), ZERO)

    @property
    def long_overdue(self) -> Decimal:
        """陈欠金额: the part of :attr:`overdue` more than 参数 long_overdue_days days past its due date."""
        return sum((a.aging.kind_amounts.get(k, ZERO) for a in self.contracts for k in OVERDUE_KINDS[1:]), ZERO)

    @property
    def non_performing(self) -> Decimal:
        """不良余额: the 应收余额 of contracts classed 次级, 可疑 or 损失."""
        return sum((a.aging.outstanding for a in self.contracts if a.aging.risk_class in NON_PERFORMING), ZERO)

    @property
    def on_books(self) -> tuple[AgedContract, ...]:
        """The contracts not written off (those the 应收余额 is made of)."""
        return tuple(a for a in self.contracts if a.aging.risk_class != WRITTEN_OFF_LABEL)

    def summary(self) -> list[str]:
        check = "各账龄段合计与应收余额一致" if self.balanced else "各账龄段合计与应收余额不一致！"
        off = f"；已核销余额 {self.written_off:,.2f} 元另列（不计入应收余额）" if WRITTEN_OFF_LABEL in self.labels else ""
        lines = [f"账龄分析（截至 {self.as_of}）：{len(self.on_books)} 个合同，应收余额 {self.balance:,.2f} 元，"
                 f"其中逾期 {self.overdue:,.2f} 元（陈欠 {self.long_overdue:,.2f} 元）{off}；{check}"]
        lines.append("  " + "，".join(f"{label} {self.totals[label]:,.2f}" for label in self.labels))
        lines += [f"  提示：{note}" for note in self.notes]
        if self.computed:
            lines.append(f"  按合同条款计算还款计划（台账中尚无）：{'、'.join(self.computed)}")
        if self.no_schedule:
            lines.append(f"  无还款计划、未计入：{'、'.join(self.no_schedule)}")
        if self.previous:
            day, before = self.previous
            lines.append(f"  与 {day} 相比：应收余额 {self.balance - before[TOTAL]:+,.2f}，"
                         f"逾期 {self.overdue - before[OVERDUE]:+,.2f}")
        if self.workbook:
            lines.append(f"  报表 {self.workbook}；快照 {self.snapshot}")
        return lines

    @property
    def problems(self) -> list:
        """Data problems found on the way (none: contracts left out are named in the summary)."""
        return []

    def records(self) -> list[dict]:
        """One object per contract: 合同编号, 应收余额, 逾期, 逾期天数, 五级分类, and each bucket."""
        return [{"contract_no": a.aging.contract_no, "outstanding": a.aging.outstanding,
                 "overdue": a.aging.overdue, "dpd": a.aging.dpd, "risk_class": a.aging.risk_class,
                 "kind": a.aging.kind, "buckets": dict(a.aging.buckets)} for a in self.contracts]


def age_contracts(ledger: Ledger, as_of: date, contracts: Iterable[ContractFile] | None = None) -> AgingResult:
    """The aging of every contract of ``ledger`` (or of ``contracts``, a selection of them) on the
    books as they were on ``as_of`` (nothing written; positions shared through the Ledger, so aging,
    the worklist, letters and packs allocate each date once)."""
    view = ledger.as_of(as_of)
    model = view.receivables
    chosen = model.contracts if contracts is None else \
        tuple(model.by_no[c.contract_no] for c in contracts if c.contract_no in model.by_no)
    positions = model.positions(as_of)
    options = aging_options(view.params)
    labels = bucket_labels(options["bounds"])
    written = any(c.written_off for c in chosen)
    labels = (*labels, WRITTEN_OFF_LABEL) if written else labels
    every = view.memo(("ledger.aging", as_of), lambda: _aged(view, positions, options))
    aged = []
    for c in chosen:
        found = every.get(c.contract_no)
        if found is not None:
            aging, pursued = found
            aged.append(AgedContract(c, positions[c.contract_no], written_off_aging(aging, pursued) if written else aging))
    totals = {label: ZERO for label in labels} | add_buckets(a.aging.buckets for a in aged)
    outstanding = sum((a.aging.outstanding for a in aged), ZERO)
    return AgingResult(as_of, labels, tuple(aged), totals, outstanding,
                       check_buckets(outstanding, totals) and all(check_buckets(a.aging.outstanding, a.aging.buckets)
                                                                   for a in aged),
                       tuple(c.contract_no for c in chosen if c.schedule_source == COMPUTED),
                       tuple(c.contract_no for c in chosen if c.schedule_source == NONE
                             and c.contract_no not in model.skipped), notes=_notes(view))


def _aged(ledger: Ledger, positions: dict[str, ContractPosition],
          options: dict) -> dict[str, tuple[ContractAging, Decimal | None]]:
    """Contract number → (the aging of its installments, its 已核销余额 when written off), for every
    contract with something outstanding (penalty and written-off debt included), once per view."""
    out = {}
    for c in ledger.receivables.contracts:
        p = positions[c.contract_no]
        pursued = standing(c.writeoff, p)[2] if c.written_off else None
        if p.outstanding > 0 or p.penalty_outstanding > 0 or pursued:
            out[c.contract_no] = (age_installments(p, status=c.contract["status"], **options), pursued)
    return out


def _notes(ledger: Ledger) -> tuple[str, ...]:
    notes = [f"{p.where()}：{p.message}" for p in ledger.param_problems if p.severity is not Severity.INFO]
    notes += [f"未计入 {label}：{count} 行" for label, count in ledger.receivables.orphans.items()]
    cap = penalty_rate_warning(ledger.params["penalty_daily_rate"], ledger.params["lpr_1y"])
    if cap:
        notes.append(cap)
    notes += [f"跳过合同 {no}：{why}" for no, why in ledger.receivables.skipped.items()]
    problem = bucket_text_problem(ledger.params["aging_buckets"])
    if problem:
        notes.append(f"参数 aging_buckets：{problem}，已使用默认分段 30,60,90,180,365")
    return tuple(notes)
