"""Returns back in stock and targets that fit the year (issue #29).

- A machine brought back by a 退车 or a 换车 (the old machine), dated up to the as-of date, must not be
  已售 in 整机库存 unless it was sold again after the return (错误, at 库存状态): it is back in the
  warehouse (``sales returns --write`` sets it 在库 with a 退车入库 row).
- The monthly targets typed in 销售目标 for a branch (业务员 empty) over a year must not add up to more
  than that branch's 年度目标 of the year, in units or amount (警告, at the annual row): the rest of the
  year could not be split (``sales targets``).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ..domain.money import ZERO
from ..problems import Code, Problem, Severity

BACK = ("退车", "换车")


def check_returns(ctx) -> list[Problem]:
    """Every problem of the rules above."""
    return [*_still_sold(ctx), *_over_annual(ctx)]


def _still_sold(ctx) -> list[Problem]:
    stock = ctx.table("sales", "stock")
    if stock is None:
        return []
    index = ctx.index("sales", "stock", "serial_no")
    out, seen = [], set()
    for row in ctx.rows("sales", "returns"):
        day, serial = row.get("return_date"), row.get("serial_no")
        if row.get("kind") not in BACK or day is None or day > ctx.today or serial not in index or serial in seen:
            continue
        i = index[serial][0]
        if stock.rows[i].get("status") != "已售":
            continue
        if any(s.get("sale_date") and s["sale_date"] > day for s in ctx.all("sales", "sales", "serial_no", serial)):
            continue
        seen.add(serial)
        out.append(ctx.problem(stock, i, "status", Code.RETURNED_STILL_SOLD,
                               f"整机 {serial} 已于 {day} {row['kind']}退回（合同 {row.get('contract_no')}），库存状态仍为已售，"
                               "应改为在库并登记退车入库（dealer-xl sales returns --write）"))
    return out


def _over_annual(ctx) -> list[Problem]:
    table = ctx.table("sales", "annual_targets")
    if table is None:
        return []
    typed: dict[tuple, list] = defaultdict(lambda: [0, ZERO])
    for row in ctx.rows("sales", "targets"):
        if row.get("month") and not row.get("salesperson") and row.get("branch"):
            key = (int(row["month"][:4]), row["branch"])
            typed[key][0] += row.get("target_units") or 0
            typed[key][1] += row.get("target_amount") or ZERO
    out = []
    for i, row in enumerate(table.rows):
        if not row.get("year") or not row.get("branch") or (row["year"], row["branch"]) not in typed:
            continue
        units, amount = typed[(row["year"], row["branch"])]
        for field, total, annual in (("target_units", units, row.get("target_units")),
                                     ("target_amount", amount, row.get("target_amount"))):
            if annual is not None and Decimal(total) > Decimal(annual):
                out.append(ctx.problem(table, i, field, Code.TARGETS_OVER_ANNUAL,
                                       f"{row['branch']} {row['year']} 年「销售目标」已录各月合计 {total:,} 超过年度目标 {annual:,}，"
                                       "其余月份无法分解", Severity.WARNING))
                break
    return out
