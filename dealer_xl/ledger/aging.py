"""Receivable aging as of a date, on the Ledger: :func:`age_contracts` → :class:`AgingResult`.

Ages each installment of every contract (:func:`dealer_xl.domain.aging.age_installments`, buckets
from the 参数 sheet) on the Ledger's positions as of the date. Guarantees: the buckets of every
contract add up exactly to its outstanding (``AgingResult.balanced``); every contract with something
outstanding (or penalty unpaid) is in the result exactly once; contracts whose schedule was computed
from their terms are included and named, contracts without any schedule are left out and named.
Nothing is read or written here (the workbook and snapshot are :mod:`dealer_xl.actions.receivables.aging_report`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.aging import (
    ContractAging,
    add_buckets,
    age_installments,
    aging_options,
    bucket_labels,
    bucket_text_problem,
    check_buckets,
)
from ..domain.allocation import ContractPosition, penalty_rate_warning
from ..domain.bad_debts import WRITTEN_OFF_LABEL, written_off_aging
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


@dataclass(frozen=True, slots=True)
class AgingResult:
    """What ``receivables age`` produced.

    Attributes:
        as_of: the as-of date.
        labels: the bucket labels, in order.
        contracts: the contracts with something outstanding (or penalty unpaid), in book order.
        totals: bucket label → amount over all contracts.
        outstanding: total outstanding (principal + interest).
        balanced: the buckets add up exactly to ``outstanding``.
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
    def overdue(self) -> Decimal:
        """The contracts' overdue amounts (not outstanding − 未到期: 已核销 holds not-due amounts too)."""
        return sum((a.aging.overdue for a in self.contracts), ZERO)

    def summary(self) -> list[str]:
        lines = [f"账龄分析（截至 {self.as_of}）：{len(self.contracts)} 个合同，应收余额 {self.outstanding:,.2f} 元，"
                 f"其中逾期 {self.overdue:,.2f} 元；各账龄段合计{'与应收余额一致' if self.balanced else '与应收余额不一致！'}"]
        lines.append("  " + "，".join(f"{label} {self.totals[label]:,.2f}" for label in self.labels))
        lines += [f"  提示：{note}" for note in self.notes]
        if self.computed:
            lines.append(f"  按合同条款计算还款计划（台账中尚无）：{'、'.join(self.computed)}")
        if self.no_schedule:
            lines.append(f"  无还款计划、未计入：{'、'.join(self.no_schedule)}")
        if self.previous:
            day, before = self.previous
            lines.append(f"  与 {day} 相比：应收余额 {self.outstanding - before[TOTAL]:+,.2f}，"
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
    """The aging of every contract of ``ledger`` (or of ``contracts``, a selection of them) as of
    ``as_of`` (nothing written; positions shared through the Ledger, so aging, the worklist,
    letters and packs allocate each date once)."""
    chosen = ledger.receivables.contracts if contracts is None else tuple(contracts)
    positions = ledger.receivables.positions(as_of)
    options = aging_options(ledger.params)
    labels = bucket_labels(options["bounds"])
    written = any(c.written_off for c in chosen)
    labels = (*labels, WRITTEN_OFF_LABEL) if written else labels
    every = ledger.memo(("ledger.aging", as_of), lambda: _aged(ledger, positions, options))
    aged = []
    for c in chosen:
        aging = every.get(c.contract_no)
        if aging is not None:
            aged.append(AgedContract(c, positions[c.contract_no],
                                     written_off_aging(aging, c.written_off) if written else aging))
    totals = {label: ZERO for label in labels} | add_buckets(a.aging.buckets for a in aged)
    outstanding = sum((a.aging.outstanding for a in aged), ZERO)
    return AgingResult(as_of, labels, tuple(aged), totals, outstanding,
                       check_buckets(outstanding, totals) and all(check_buckets(a.aging.outstanding, a.aging.buckets)
                                                                   for a in aged),
                       tuple(c.contract_no for c in chosen if c.schedule_source == COMPUTED),
                       tuple(c.contract_no for c in chosen if c.schedule_source == NONE
                             and c.contract_no not in ledger.receivables.skipped), notes=_notes(ledger))


def _aged(ledger: Ledger, positions: dict[str, ContractPosition], options: dict) -> dict[str, ContractAging]:
    """Contract number → the aging of its installments, for every contract with something
    outstanding (penalty included), once per Ledger and date."""
    out = {}
    for c in ledger.receivables.contracts:
        p = positions[c.contract_no]
        if p.outstanding > 0 or p.penalty_outstanding > 0:
            out[c.contract_no] = age_installments(p, status=c.contract["status"], **options)
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
