"""The receivables loader shared by the schedule, aging, worklist and plan actions (issue #4).

:func:`load_receivables` reads the five books once and builds, in one indexed pass, a
:class:`ContractFile` per row of 分期合同: its installments (from the 还款计划 rows typed in the
book; for a contract without rows, computed from its terms by
:func:`dealer_xl.domain.schedules.build_schedule` for display and reported as such), its receipts
as allocation :class:`~dealer_xl.domain.allocation.Payment` records, its sale row, customer row and
催收记录 rows. Nothing is written. Guarantees: every contract row with a contract number is kept
(duplicates after the first are counted, not merged); schedule rows, receipts and log rows that
name no known contract are counted in ``orphans``; a row that cannot be used (no date, no amount)
is skipped and counted there, never guessed. :func:`index_books` does the same on books already
read. :func:`positions_as_of` allocates every contract's receipts as of a date with the 参数 grace
days and penalty rate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..domain.allocation import ContractPosition, allocate
from ..io.reader import BookData, read_books, read_params
from ..ledger.receivables import ContractFile, build_receivables
from ..problems import BookError, Problem
from ..progress import ProgressFn

REPORTS_DIR = "报表"


@dataclass(frozen=True, slots=True)
class ReceivablesData:
    """The books read once and indexed per contract.

    Attributes:
        folder: the folder of the books.
        books: the books as read (for actions that write back into them).
        params: the 参数 values (defaults where the sheet has none).
        contracts: every contract, in the order of 分期合同.
        problems: problems of reading the 参数 sheet.
        orphans: schedule rows / receipts naming no contract, and rows skipped as unusable.
        skipped: contract number → why it is left out of computations (implausible date or amount).
    """

    folder: Path
    books: dict[str, BookData]
    params: dict[str, Any]
    contracts: tuple[ContractFile, ...]
    problems: tuple[Problem, ...] = ()
    orphans: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)

    def by_source(self, source: str) -> list[ContractFile]:
        return [c for c in self.contracts if c.schedule_source == source]


def load_receivables(folder: Path | str, *, progress: ProgressFn | None = None) -> ReceivablesData:
    """Read the books in ``folder`` and index them per contract (see the module docstring).

    Raises BookError when 应收款台账 is missing or has no 分期合同 sheet.
    """
    return index_books(folder, read_books(folder, progress=progress))


def index_books(folder: Path | str, books: dict[str, BookData]) -> ReceivablesData:
    """:func:`load_receivables` on books already read (BookError as there)."""
    folder = Path(folder)
    book = books["receivables"]
    if not book.found or "contracts" not in book.tables:
        raise BookError(f"在 {folder} 中没有找到应收款台账.xlsx 的「分期合同」工作表")
    params, problems = read_params(books["master"])
    tables = {(b, s): t.rows for b, data in books.items() for s, t in data.tables.items()}
    model = build_receivables(tables, params, date.today())
    return ReceivablesData(folder, books, params, model.contracts, tuple(problems), model.orphans, model.skipped)


def positions_as_of(data: ReceivablesData, as_of: date,
                    progress: ProgressFn | None = None) -> dict[str, ContractPosition]:
    """Every contract's position as of ``as_of`` (receipts after it are ignored); ``progress`` is
    told every 50 contracts."""
    grace = int(data.params["grace_days"])
    rate = Decimal(data.params["penalty_daily_rate"])
    result, total = {}, len(data.contracts)
    for n, c in enumerate(data.contracts, 1):
        result[c.contract_no] = allocate(c.installments, c.payments, as_of, grace_days=grace,
                                         penalty_daily_rate=rate, contract_no=c.contract_no)
        if progress is not None and (n % 50 == 0 or n == total):
            progress(n, total, c.contract_no)
    return result
