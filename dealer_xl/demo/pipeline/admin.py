"""The 综合管理 steps of the main job (``make demo``): reminders, depreciation, vehicle costs,
archives and a branch's asset count sheet, as of the demo date.

:func:`run_admin_steps` works on the Ledger the main job read and returns one Chinese line per step
(the headline of each result, the refusals of money not computed, the files written). Every workbook
goes to ``<folder>/报表``; no book is changed. A folder without 综合管理台账 says so in one line.
"""

from __future__ import annotations

from datetime import date

from ...actions.admin.archives import admin_archives
from ...actions.admin.assets import admin_assets
from ...actions.admin.count import write_count_sheet
from ...actions.admin.reminders import admin_reminders
from ...actions.admin.vehicles import admin_vehicles
from ...ledger.assets import asset_branch, asset_lines
from ...problems import MissingBook
from .held_steps import on_held_books


@on_held_books
def run_admin_steps(led, as_of: date, month: str) -> list[str]:
    """Run the steps above on ``led`` (the books as of ``as_of``); returns the log lines."""
    try:
        lines = admin_reminders(led, as_of).summary()[:1]
    except MissingBook as e:
        return [str(e)]
    assets = admin_assets(led, month)
    vehicles = admin_vehicles(led, month)
    lines += assets.summary()[:1] + assets.refusals + vehicles.summary()[:1] + vehicles.refusals
    lines += admin_archives(led, as_of).summary()[:1]
    branches = sorted({b for a in asset_lines(led, month) if a.held and (b := asset_branch(led, a))})
    if branches:
        lines.append(f"资产盘点表：{write_count_sheet(led, branches[0]).name}")
    return lines
