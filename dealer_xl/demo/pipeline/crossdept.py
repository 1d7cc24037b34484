"""The steps of the main job (``make demo``) that cross departments (#29).

:func:`run_crossdept_steps`, on the demo's books as of the reference date: the installment sale
without a contract typed once (its 分期合同 and 还款计划 written), the returned machine taken back into
stock, next year's targets split (preview), the month's salespeople and technicians scorecards, the
清欠纠纷处理意见, and the court file (民事起诉状 and 证据清单) of the first case not yet filed (one it
recommends suing, else the most owed) — every
report into ``<folder>/报表``, the documents into ``<folder>/文书``. Returns the Chinese summary lines.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ... import ledger as ledger_mod
from ...actions.receivables.disputes import list_disputes
from ...actions.sales.contracts import sales_contracts
from ...actions.sales.returns import sales_returns
from ...actions.sales.scorecard import sales_scorecard
from ...actions.sales.targets import sales_targets
from ...actions.service.scorecard import service_scorecard
from .held_steps import on_held_books


@on_held_books
def run_crossdept_steps(led: ledger_mod.Ledger, as_of: date, month: str) -> list[str]:
    """Run the steps above on the run's Ledger ``led`` (the books as of ``as_of``): the read-only ones
    first, then the two that write (contracts, returns), so no step reads a book after it was written."""
    from ...documents import DOCUMENTS_DIR
    from ...documents.lawsuit import generate_lawsuits

    folder = Path(led.books_dir)
    lines = [sales_targets(led, as_of.year + 1).summary()[0], sales_scorecard(led, month).summary()[0],
             service_scorecard(led, month).summary()[0]]
    disputes = list_disputes(led, as_of)
    lines.append(disputes.summary()[0])
    open_cases = [d for d in disputes.disputes if not d.case_row and d.case.row is not None]
    sue = sorted(open_cases, key=lambda d: not (d.recommended and d.recommended.option == "起诉"))
    if sue:
        written, errors = generate_lawsuits(led, as_of, folder / DOCUMENTS_DIR, [sue[0].case.file.contract_no], pdf=False)
        lines += [f"  已生成 {d.docx.name}" for d in written] + [f"  未生成：{e}" for e in errors]
    lines += [sales_contracts(led, as_of, write=True).summary()[0], sales_returns(led, as_of, write=True).summary()[0]]
    return lines
