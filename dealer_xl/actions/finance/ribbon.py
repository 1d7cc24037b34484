"""Ribbon actions of the 财务 group: 记账凭证 of the month before today in both import layouts, and
the finance figures — the same actions as ``dealer-xl finance …``.

Guarantees: each reads the books once through ``Books.read()`` (in Excel: the open books with their
unsaved edits) and writes new files into 报表/ (no user book is changed), saying what it found in one
message (:func:`result_of`). 记账凭证: every voucher with Σ借 = Σ贷 and what was left out; a voucher
that does not balance is refused and counted as an 错误. Finance figures: the month is the month of
``Books.today``; the rebates are those earned by today (every policy started by then); the cash plan
runs 13 weeks from today with the opening cash of 参数 cash_opening.
"""

from __future__ import annotations

from datetime import timedelta

from ..adapters import ledger_of, result_of
from ..book import ActionResult, Books


def vouchers(books: Books) -> ActionResult:
    """Ribbon 记账凭证: the vouchers of the month before ``books.today`` (金蝶 and 用友 files)."""
    from .vouchers import make_vouchers, write_vouchers

    led = ledger_of(books)
    month = f"{books.today.replace(day=1) - timedelta(days=1):%Y-%m}"
    made = make_vouchers(led, month)
    kingdee = write_vouchers(led, month, "kingdee", made=made)
    yonyou = write_vouchers(led, month, "yonyou", made=made)
    kingdee.paths += yonyou.paths
    kingdee.notes += [n for n in yonyou.notes if n not in kingdee.notes]
    return result_of(kingdee)


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
