"""Rules for 厂家往来 (销售台账): deliveries match stock, claim settlements match the claims.

- 金额 must be positive (the 业务类型 gives the direction), except on a 期初 row (the balance brought
  forward, signed as typed; its own rules are in :mod:`dealer_xl.checks.opening`);
- a 提车 row names an 整机编号 of 整机库存 (``delivery_not_in_stock``) and its 金额 equals that
  machine's 采购价 (``delivery_price_mismatch``);
- a 索赔结算 row's 单据号 is a 厂家结算单号 of 索赔单, and its 金额 equals the approved amounts of
  the settled claims (已结算/部分批准) on that note (``settlement_mismatch``).

Each rule runs only when the columns it compares were read (a missing column is the reader's
problem, not every row's).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ..problems import Code, Problem
from ..schema.sales import OPENING

SETTLED = ("已结算", "部分批准")
SHEET = ("sales", "manufacturer_ledger")


def check_manufacturer_ledger(ctx) -> list[Problem]:
    """The problems of 厂家往来 (see the module docstring)."""
    table = ctx.table(*SHEET)
    if table is None:
        return []
    problems: list[Problem] = []
    stock_ok = ctx.has("sales", "stock", "serial_no")
    notes = _settlements(ctx) if ctx.has("service", "claims", "credit_note_no") else None
    for i, row in enumerate(table.rows):
        amount, kind = row["amount"], row["doc_type"]
        if amount is not None and amount <= 0 and kind != OPENING:
            problems.append(ctx.problem(table, i, "amount", Code.AMOUNT_NOT_POSITIVE,
                                        "金额应为正数（方向由业务类型决定）"))
        if kind == "提车" and stock_ok and "serial_no" in table.columns:
            problems += _delivery(ctx, table, i, row)
        elif kind == "索赔结算" and notes is not None and amount is not None and "doc_no" in table.columns:
            expected = notes.get(row["doc_no"])
            if expected is None:
                problems.append(ctx.problem(table, i, "doc_no", Code.SETTLEMENT_MISMATCH,
                                            "索赔单中没有这个厂家结算单号的已结算索赔"))
            elif expected != amount:
                problems.append(ctx.problem(table, i, "amount", Code.SETTLEMENT_MISMATCH,
                                            f"结算单 {row['doc_no']} 的已结算索赔批准金额合计为 {expected:,.2f}，"
                                            f"与此金额不符"))
    return problems


def _delivery(ctx, table, i: int, row: dict) -> list[Problem]:
    serial = row["serial_no"]
    if serial is None:
        return [ctx.problem(table, i, "serial_no", Code.DELIVERY_NOT_IN_STOCK, "提车须填写整机编号")]
    machine = ctx.first("sales", "stock", "serial_no", serial)
    if machine is None:
        return [ctx.problem(table, i, "serial_no", Code.DELIVERY_NOT_IN_STOCK, "整机库存中没有这台机器")]
    price, amount = machine.get("purchase_price"), row["amount"]
    if price is not None and amount is not None and price != amount:
        return [ctx.problem(table, i, "amount", Code.DELIVERY_PRICE_MISMATCH,
                            f"提车金额与整机库存采购价 {price:,.2f} 不符")]
    return []


def _settlements(ctx) -> dict[str, Decimal]:
    out: dict[str, Decimal] = defaultdict(Decimal)
    for claim in ctx.rows("service", "claims"):
        if claim["status"] in SETTLED and claim["credit_note_no"] and claim["approved_amount"] is not None:
            out[claim["credit_note_no"]] += claim["approved_amount"]
    return dict(out)
