"""Ribbon actions of the 财务 group for the finance figures: the same actions as ``dealer-xl finance …``.

Each reads the books once through ``Books.read()`` (in Excel: the open books with their unsaved
edits), writes its pack into 报表/ and says what it found in one message (:func:`result_of`). The
month is the month of ``Books.today``; the rebates are those earned by today (every policy started
by then); the cash plan runs 13 weeks from today with the opening cash of 参数 cash_opening.
"""

from __future__ import annotations

from ..adapters import result_of
from ..book import ActionResult, Books


def _month(books: Books) -> str:
    return f"{books.today:%Y-%m}"


def expenses(books: Books) -> ActionResult:
    """费用预算: this month's expenses against budget."""
    from .expenses import finance_expenses

    return result_of(finance_expenses(books, _month(books)))


def rebates(books: Books) -> ActionResult:
    """厂家返利: what every policy has earned by today, credited and still owed."""
    from .rebates import finance_rebates

    return result_of(finance_rebates(books, last=books.today))


def margin(books: Books) -> ActionResult:
    """单台毛利: this month's machines sold."""
    from .margin import finance_margin

    return result_of(finance_margin(books, _month(books)))


def pnl(books: Books) -> ActionResult:
    """利润表: this month's management profit statement by 分公司."""
    from .pnl import finance_pnl

    return result_of(finance_pnl(books, _month(books)))


def cashplan(books: Books) -> ActionResult:
    """资金计划: 13 weeks from today."""
    from .cashplan import finance_cashplan

    return result_of(finance_cashplan(books, as_of=books.today))
