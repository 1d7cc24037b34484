"""The 综合 page of the 总经理月报: what is overdue, vehicle cost and the fixed assets (issue #26).

:func:`admin_figures` gives the month's figures, each from its one definition in the ledger
(:func:`~dealer_xl.ledger.reminders.overdue_count`, :func:`~dealer_xl.ledger.vehicle_costs.vehicle_cost`,
:func:`~dealer_xl.ledger.assets.month_depreciation`, :func:`~dealer_xl.ledger.assets.assets_cost`,
:func:`~dealer_xl.ledger.assets.assets_net`, :func:`~dealer_xl.ledger.assets.disposal_gain`) on the
books as of the month's last day, through the input gate of the book's money given
:func:`~dealer_xl.checks.admin_gate.admin_problems` on those books — what ``dealer-xl admin vehicles``
and ``admin assets --month M --as-of <its last day>`` do, so the page shows their totals (a vehicle or
asset with an 错误 in a cell used is left out of both). The GM pack shows them for the month, the month
before and the same month last year. :func:`overdue_sheet` lists what is overdue at the month's end, most
overdue first, with its owner. Both are shown only when the company keeps 综合管理台账.
"""

from __future__ import annotations

from dealer_xl.checks.admin_gate import admin_problems
from dealer_xl.domain.monthly import month_range
from dealer_xl.ledger import Ledger, load
from dealer_xl.ledger.assets import assets_cost, assets_net, disposal_gain, month_depreciation
from dealer_xl.ledger.reminders import overdue_count, reminders
from dealer_xl.ledger.vehicle_costs import vehicle_cost
from dealer_xl.schema.admin_labels import REMINDER_KINDS

from ..report_model import COUNT, SheetData

OVERDUE, VEHICLE_COST, DEPRECIATION = "逾期未办事项", "车辆费用", "本月折旧"
ASSETS_COST, ASSETS_NET, DISPOSAL_GAIN = "固定资产原值", "固定资产净值", "处置损益"
OVERDUE_HEADERS = ("负责人", "事项", "内容", "到期日", "逾期天数")


def admin_figures(led: Ledger, month: str) -> dict[str, object]:
    """The 综合 figures of ``month`` (the month's flows first — 车辆费用, 本月折旧, 处置损益 — then the
    balances 原值 and 净值, the count last), on the books of its last day."""
    day = month_range(month)[1]
    seen = load(led, today=day)  # the books as ``--as-of day`` reads them, and validation's problems then
    problems = admin_problems(seen)
    return {VEHICLE_COST: vehicle_cost(seen, day, problems), DEPRECIATION: month_depreciation(seen, day, problems),
            DISPOSAL_GAIN: disposal_gain(seen, day, problems), ASSETS_COST: assets_cost(seen, day, problems),
            ASSETS_NET: assets_net(seen, day, problems), OVERDUE: overdue_count(led, day)}


def overdue_sheet(led: Ledger, month: str) -> SheetData:
    """What is overdue at the end of ``month``: owner, kind, item, due date, days overdue."""
    day = month_range(month)[1]
    late = sorted((r for r in reminders(led, day, 0) if r.days_left is not None and r.days_left < 0),
                  key=lambda r: (r.days_left, r.owner))
    rows = [[r.owner, REMINDER_KINDS[r.kind], r.item, r.due_date.isoformat(), -r.days_left] for r in late]
    return SheetData("综合逾期事项", OVERDUE_HEADERS, rows, {OVERDUE_HEADERS[-1]: COUNT}, html_rows=10)
