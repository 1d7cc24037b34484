"""The collection worklist on the Ledger: who chases what, and how urgently (nothing written).

:func:`build_worklist` gives, for every contract with money overdue as of the date (and only those),
one row built by :func:`dealer_xl.domain.collection.build_worklist_row` on the Ledger's positions
of that date (shared with aging, letters and packs), ordered by priority score (highest first),
then DPD, then contract number; and the count of contracts per responsible person.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.allocation import ContractPosition, penalty_rate_warning
from ..domain.collection import WorklistRow, build_worklist_row
from ..domain.money import ZERO
from ..domain.repossession import refine_suggestion
from .receivables import ContractFile

if TYPE_CHECKING:
    from .model import Ledger


@dataclass(frozen=True, slots=True)
class WorklistResult:
    """What ``receivables worklist`` produced.

    Attributes:
        as_of: the as-of date.
        rows: (contract, worklist row) for every contract with money overdue, highest score first.
        people: responsible person → number of contracts.
        workbook: the workbook written (None when not written).
        warning: the penalty-rate warning (罚息年化超过4倍LPR), '' when none.
        skipped: (合同编号, why) of contracts left out (implausible date or amount).
    """

    as_of: date
    rows: tuple[tuple[ContractFile, WorklistRow], ...]
    people: dict[str, int]
    workbook: Path | None = None
    warning: str = ""
    skipped: tuple[tuple[str, str], ...] = ()

    @property
    def overdue(self) -> Decimal:
        return sum((r.overdue for _, r in self.rows), ZERO)

    def summary(self) -> list[str]:
        lines = [f"催收清单（截至 {self.as_of}）：{len(self.rows)} 个逾期合同，逾期金额 {self.overdue:,.2f} 元，"
                 f"责任人 {len(self.people)} 位"]
        lines += [f"  {name}：{n} 个" for name, n in self.people.items()]
        if self.warning:
            lines.append(f"  提示：{self.warning}")
        lines += [f"  跳过合同 {no}：{why}" for no, why in self.skipped]
        if self.workbook:
            lines.append(f"  清单 {self.workbook}")
        return lines

    @property
    def problems(self) -> list:
        """Data problems found on the way (none: skipped contracts are named in the summary)."""
        return []

    def records(self) -> list[dict]:
        """One object per contract with money overdue, highest priority first."""
        return [{"contract_no": r.contract_no, "customer": r.customer, "responsible": r.responsible,
                 "overdue": r.overdue, "overdue_principal": r.overdue_principal,
                 "overdue_interest": r.overdue_interest, "penalty": r.penalty, "dpd": r.dpd,
                 "risk_class": r.risk_class} for _, r in self.rows]


def build_worklist(ledger: Ledger, as_of: date) -> WorklistResult:
    """The worklist rows of every contract with money overdue as of ``as_of``, on the books as they
    were then (nothing written); built once per date (the worklist workbook and the worklist pack
    share it). A written-off contract is not on it (it is off the receivables and pursued on the
    呆死帐追缴 list), so its 逾期金额 adds up to the glossary's."""
    view = ledger.as_of(as_of)
    return view.memo(("ledger.worklist", as_of), lambda: _build_worklist(view, as_of))


def _build_worklist(ledger: Ledger, as_of: date) -> WorklistResult:
    positions = ledger.receivables.positions(as_of)
    rows = []
    for c in ledger.receivables.contracts:
        if c.written_off:
            continue
        row = build_worklist_row(c.contract, c.sale, positions[c.contract_no], list(c.log_rows),
                                 list(c.payments), ledger.params, as_of, customer_name=c.customer_name)
        if row is not None:
            rows.append((c, _with_repossession_support(c, row, positions[c.contract_no], ledger, as_of)))
    rows.sort(key=lambda cr: (-cr[1].score, -cr[1].dpd, cr[1].contract_no))
    people: dict[str, int] = {}
    for _, row in rows:
        people[row.responsible] = people.get(row.responsible, 0) + 1
    warning = penalty_rate_warning(ledger.params["penalty_daily_rate"], ledger.params["lpr_1y"]) or ""
    return WorklistResult(as_of, tuple(rows), dict(sorted(people.items())), warning=warning,
                          skipped=tuple(ledger.receivables.skipped.items()))


def _with_repossession_support(c: ContractFile, row: WorklistRow, position: ContractPosition,
                               ledger: Ledger, as_of: date) -> WorklistRow:
    """The row with the repossession decision support of :func:`refine_suggestion` (#16)."""
    repos = [r for r in c.repossessions if r.get("repo_date") and r["repo_date"] <= as_of]
    at_repo = None
    if repos and repos[-1].get("status") == "扣押中":
        at_repo = ledger.receivables.position(c.contract_no, repos[-1]["repo_date"])
    return replace(row, suggested_action=refine_suggestion(row.suggested_action, c.contract.get("status"),
                                                           c.log_rows, repos, at_repo, position, as_of))
