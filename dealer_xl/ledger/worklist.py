"""The collection worklist on the Ledger: who chases what, and how urgently (nothing written).

:func:`build_worklist` gives, for every contract with money overdue as of the date (and only those),
one row built by :func:`dealer_xl.domain.collection.build_worklist_row` on the Ledger's positions
of that date (shared with aging, letters and packs), ordered by priority score (highest first),
then DPD, then contract number; and the count of contracts per responsible person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.allocation import penalty_rate_warning
from ..domain.collection import WorklistRow, build_worklist_row
from ..domain.money import ZERO
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
    """

    as_of: date
    rows: tuple[tuple[ContractFile, WorklistRow], ...]
    people: dict[str, int]
    workbook: Path | None = None
    warning: str = ""

    @property
    def overdue(self) -> Decimal:
        return sum((r.overdue for _, r in self.rows), ZERO)

    def summary(self) -> list[str]:
        lines = [f"催收清单（截至 {self.as_of}）：{len(self.rows)} 个逾期合同，逾期金额 {self.overdue:,.2f} 元，"
                 f"责任人 {len(self.people)} 位"]
        lines += [f"  {name}：{n} 个" for name, n in self.people.items()]
        if self.warning:
            lines.append(f"  提示：{self.warning}")
        if self.workbook:
            lines.append(f"  清单 {self.workbook}")
        return lines


def build_worklist(ledger: Ledger, as_of: date) -> WorklistResult:
    """The worklist rows of every contract with money overdue as of ``as_of`` (nothing written)."""
    positions = ledger.receivables.positions(as_of)
    rows = []
    for c in ledger.receivables.contracts:
        row = build_worklist_row(c.contract, c.sale, positions[c.contract_no], list(c.log_rows),
                                 list(c.payments), ledger.params, as_of, customer_name=c.customer_name)
        if row is not None:
            rows.append((c, row))
    rows.sort(key=lambda cr: (-cr[1].score, -cr[1].dpd, cr[1].contract_no))
    people: dict[str, int] = {}
    for _, row in rows:
        people[row.responsible] = people.get(row.responsible, 0) + 1
    warning = penalty_rate_warning(ledger.params["penalty_daily_rate"], ledger.params["lpr_1y"]) or ""
    return WorklistResult(as_of, tuple(rows), dict(sorted(people.items())), warning=warning)
