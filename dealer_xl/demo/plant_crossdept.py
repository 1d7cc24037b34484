"""Planted mistakes of the work across departments (#29): one planter per rule.

One machine brought back by a 退车 is left 已售 with its 退车入库 row removed (``returned_still_sold``: the
clerk never took it back into stock); one branch's 2026 年度目标 is typed 1,000,000 below the months
already typed for it in 销售目标 (``targets_over_annual``). Neither host touches another rule.
"""

from __future__ import annotations

from decimal import Decimal

from ..problems import Code
from .crossdept import ANNUAL, RESTOCKS, STOCK
from .mistakes import Mistake, Planting


def returned_still_sold(p: Planting) -> Mistake:
    restock = p.take(RESTOCKS, lambda r: r.kind == "退车")
    item = p.find(STOCK, "serial_no", restock.serial_no)
    p.delete(RESTOCKS, lambda r: r is restock)
    edited = p.edit(STOCK, item, status="已售")
    return p.mistake(STOCK, edited, "status", Code.RETURNED_STILL_SOLD, "退车退回的整机库存状态仍为已售，也没有退车入库记录", "在库")


def targets_over_annual(p: Planting) -> Mistake:
    row = p.take(ANNUAL, lambda a: a.year == 2026 and a.branch is not None)
    edited = p.edit(ANNUAL, row, target_amount=row.target_amount - Decimal("1000000.00"))
    return p.mistake(ANNUAL, edited, "target_amount", Code.TARGETS_OVER_ANNUAL, "分公司年度目标金额比已录各月目标合计少 100 万元",
                     row.target_amount)


CROSS_DEPARTMENT_PLANTERS = (returned_still_sold, targets_over_annual)
