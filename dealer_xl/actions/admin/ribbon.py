"""Ribbon actions of the 综合 group: the same actions as ``dealer-xl admin …``, as of ``Books.today``.

Guarantees: the books are read once per click through ``Books.read()`` (in Excel: the open books with
their unsaved edits); each button writes its workbook into 报表/ and changes no book; without
综合管理台账 the button says so (MissingBook) instead of producing empty lists. 资产盘点表 writes one
count sheet per branch that has assets.
"""

from __future__ import annotations

from ... import ledger
from ..adapters import result_of
from ..book import ActionResult, Books


def reminders(books: Books) -> ActionResult:
    """综合提醒 as of today: everything due within 参数 reminder_days, and what is overdue."""
    from .reminders import admin_reminders

    return result_of(admin_reminders(ledger.load(books)))


def assets(books: Books) -> ActionResult:
    """固定资产折旧 of this month."""
    from .assets import admin_assets

    return result_of(admin_assets(ledger.load(books), f"{books.today:%Y-%m}"))


def count_sheets(books: Books) -> ActionResult:
    """资产盘点表 of every branch with assets, as of today."""
    from ...ledger.assets import asset_branch, asset_lines
    from .common import admin_ledger
    from .count import write_count_sheet

    led = admin_ledger(ledger.load(books), sheets=("fixed_assets",))
    held = [a for a in asset_lines(led, f"{led.today:%Y-%m}") if a.held]
    branches = sorted({b for a in held if (b := asset_branch(led, a))})
    paths = tuple(write_count_sheet(led, b) for b in branches)
    return ActionResult("\n".join([f"资产盘点表 {len(paths)} 份（打印后在「实盘」列填 有/无，再用命令行读回）："]
                                  + [str(p) for p in paths]), paths)


def vehicles(books: Books) -> ActionResult:
    """车辆费用 of this month."""
    from .vehicles import admin_vehicles

    return result_of(admin_vehicles(ledger.load(books), f"{books.today:%Y-%m}"))


def archives(books: Books) -> ActionResult:
    """档案: the register, the loans out and the destruction list, as of today."""
    from .archives import admin_archives

    return result_of(admin_archives(ledger.load(books)))
