"""Ribbon actions of the 销售 group (and the sales pack under 财务): the contract of the selected
rows, the daily sales report and the monthly sales pack.

Guarantees: the books are read once through ``Books.read()``; contracts and packs are new files
(文书/, 报表/), no user book is changed; a contract that cannot be made for want of data is listed
with what is missing and counted in ``errors``.
"""

from __future__ import annotations

from ..adapters import NUMBERED, documents_result, ledger_of, pack_result, selected_numbers
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
