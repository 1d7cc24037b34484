"""Ribbon actions of the 销售 group (and the sales pack under 财务): the contract of the selected
rows, the daily sales report, the monthly sales pack, and the 出库单 of the selected sales (or of
today's deliveries) with the list to 售后 (issue #29).

Guarantees: the books are read once through ``Books.read()``; contracts and packs are new files
(文书/, 报表/), no user book is changed; a contract that cannot be made for want of data is listed
with what is missing and counted in ``errors``.
"""

from __future__ import annotations

from ..adapters import NUMBERED, documents_result, ledger_of, pack_result, result_of, selected_numbers
from ..book import ActionResult, Books


def contract_document(books: Books) -> ActionResult:
    """The sales contract (.docx, and PDF where LibreOffice is installed) of each selected row."""
    from ...documents import DOCUMENTS_DIR
    from ...documents.contracts import generate_contracts

    numbers = selected_numbers(books, "合同", NUMBERED)
    return documents_result(*generate_contracts(ledger_of(books), numbers, books.folder / DOCUMENTS_DIR), "合同")


def daily_pack(books: Books) -> ActionResult:
    """销售日报 of today in 报表/."""
    return pack_result(books, "daily")


def sales_monthly_pack(books: Books) -> ActionResult:
    """销售月报 of this month in 报表/."""
    return pack_result(books, "sales")


def handover_documents(books: Books) -> ActionResult:
    """出库单 of the selected 销售明细 rows (else of the machines delivered today) and the list to 售后."""
    from .handover import sales_handover

    chosen = books.selection()
    numbers = None
    if chosen is not None and (chosen.book, chosen.sheet) == ("sales", "sales") and chosen.rows:
        numbers = [r["contract_no"] for r in chosen.rows if r["contract_no"]]
    result = sales_handover(ledger_of(books), last=books.today, contract_nos=numbers)
    return result_of(result)
