"""Ribbon actions of the court file (信审 group, #29): the 民事起诉状 with its 证据清单 of the selected
contracts, and the 清欠纠纷处理意见 report.

Guarantees: the books are read once through ``Books.read()``; the documents go to 文书/ and the report
to 报表/ as of ``Books.today``; no user book is changed; a contract whose complaint cannot be made
(nothing overdue, missing facts, a cell validation calls an 错误, a court not named in 参数
SELLER_COURT) is listed in the message with the reason and counted in ``errors``.
"""

from __future__ import annotations

from ..adapters import documents_result, ledger_of, result_of, selected_numbers
from ..book import ActionResult, Books

COURT_PLACES = {("receivables", "contracts"), ("receivables", "cases")}


def lawsuit_draft(books: Books) -> ActionResult:
    """民事起诉状 and 证据清单 (.docx, and PDF where LibreOffice is installed) of each selected contract."""
    from ...documents import DOCUMENTS_DIR
    from ...documents.lawsuit import generate_lawsuits

    numbers = selected_numbers(books, "起诉状", COURT_PLACES)
    return documents_result(*generate_lawsuits(ledger_of(books), books.today, books.folder / DOCUMENTS_DIR, numbers),
                            "起诉状和证据清单")


def disputes_report(books: Books) -> ActionResult:
    """清欠纠纷处理意见 as of today in 报表/."""
    from .disputes import list_disputes

    return result_of(list_disputes(books, books.today))
