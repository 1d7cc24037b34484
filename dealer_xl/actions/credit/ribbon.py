"""Ribbon actions of the credit files (#16): repossession documents, the 呆死帐追缴 list, grades.

Each is ``function(books) -> ActionResult`` over the same functions the CLI calls, on the books
as :class:`~dealer_xl.actions.book.Books` gives them (the open workbooks in Excel, or files).
Write-off is not a button: it needs a reason and approvers, typed on the command line
(``dealer-xl receivables writeoff``).
"""

from __future__ import annotations

from ..adapters import documents_result, ledger_of, result_of, selected_numbers
from ..book import ActionResult, Books

REPO_PLACES = {("receivables", "contracts"), ("receivables", "repossessions")}


def _notice(books: Books, kind: str, what: str) -> ActionResult:
    from ...documents import DOCUMENTS_DIR
    from ...documents.repossession_notices import generate_notices

    numbers = selected_numbers(books, what, REPO_PLACES)
    return documents_result(*generate_notices(ledger_of(books), kind, books.today, books.folder / DOCUMENTS_DIR,
                                        numbers), what)


def repossession_notice(books: Books) -> ActionResult:
    """扣车通知书 of each selected 分期合同 / 扣车记录 row, as of today."""
    return _notice(books, "repossession", "扣车通知书")


def handover_note(books: Books) -> ActionResult:
    """车辆交接单 of each selected 分期合同 / 扣车记录 row."""
    return _notice(books, "handover", "车辆交接单")


def bad_debts(books: Books) -> ActionResult:
    """呆死帐追缴 list (with 扣车处置) as of today in 报表/."""
    from .bad_debts import list_bad_debts

    return result_of(list_bad_debts(books, books.today))


def credit_grades(books: Books) -> ActionResult:
    """信用等级建议 preview as of today in 报表/ (written back only from the command line, --write)."""
    from .grades import grade_parties

    return result_of(grade_parties(books, books.today))
