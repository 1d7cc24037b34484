"""Ribbon action of the 财务 group: 记账凭证 of the month before today, in both import layouts.

Guarantees: the books are read once through ``Books.read()``; the 金蝶 (.xls) and 用友 (.txt) files are
new files in 报表/ (no user book is changed); the message lists every voucher with Σ借 = Σ贷 and what
was left out; a voucher that does not balance is refused and counted as an 错误.
"""

from __future__ import annotations

from datetime import timedelta

from ..adapters import ledger_of, result_of
from ..book import ActionResult, Books


def vouchers(books: Books) -> ActionResult:
    """Ribbon 记账凭证: the vouchers of the month before ``books.today`` (金蝶 and 用友 files)."""
    from .vouchers import write_vouchers

    led = ledger_of(books)
    month = f"{books.today.replace(day=1) - timedelta(days=1):%Y-%m}"
    kingdee = write_vouchers(led, month, "kingdee")
    yonyou = write_vouchers(led, month, "yonyou")
    kingdee.paths += yonyou.paths
    kingdee.notes += [n for n in yonyou.notes if n not in kingdee.notes]
    return result_of(kingdee)
