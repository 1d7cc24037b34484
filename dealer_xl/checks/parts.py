"""Parts rules (配件库存, 配件出入库; issue #29): the stock list, the movements, and 配件批发 credit.

- 配件库存: one row per 配件编号 and 仓库; 最低库存 ≤ 最高库存; where the 配件出入库 journal is kept for
  the part and warehouse, 数量 equals the stock on hand it gives on the as-of date
  (:func:`dealer_xl.ledger.parts.stock_on_hand`, work orders' 配件明细 counted as outflows) — a 警告;
- 配件出入库: 入库/出库 quantities are positive, a 盘点 is not negative; the 调拨 rows of one 单据号 add
  up to 0 (out of one warehouse, into another) and a 调拨 names its 单据号; an 出库 names a work order,
  a customer or a 二级经销商 in 工单号/客户编号, and one naming a work order whose 配件明细 already
  lists the part counts it twice (a 警告);
- 配件批发 (an 出库 to a customer or 二级经销商) is checked like machine credit (DOMAIN §3): grade D
  refused; a customer with a contract more than 参数 risk_special_days past due refused; the party's
  exposure (for a customer the installment exposure on that day, :func:`dealer_xl.checks.sales.
  customer_exposure`) + its 配件批发 of the last 参数 ``parts_credit_days`` days (this one included;
  数量 × 单价 to the fen) must not exceed its 授信额度.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from ..domain.money import ZERO, round_cents
from ..domain.parts_stock import COUNT, IN, OUT, TRANSFER
from ..ledger import Ledger
from ..ledger.parts import stock_on_hand
from ..problems import Code, Problem, Severity
from .sales import customer_exposure

REFUSED_GRADE = "D"


def check_parts(ctx: Ledger) -> list[Problem]:
    """Every problem of the rules above."""
    return [*_stock(ctx), *_moves(ctx), *_wholesale(ctx)]


def _stock(ctx: Ledger) -> list[Problem]:
    table = ctx.table("service", "parts_stock")
    if table is None:
        return []
    kept = {(r["part_no"], str(r["warehouse"])) for r in ctx.rows("service", "parts_moves")
            if r["part_no"] and r["warehouse"] and r["date"] and r["date"] <= ctx.today}
    seen: dict[tuple, int] = {}
    out = []
    for i, row in enumerate(table.rows):
        if not row["part_no"] or not row["warehouse"]:
            continue
        key = (row["part_no"], str(row["warehouse"]))
        if key in seen:
            out.append(ctx.problem(table, i, "warehouse", Code.DUPLICATE,
                                   f"配件 {row['part_no']} 在仓库 {row['warehouse']} 已有第 {table.row_numbers[seen[key]]} 行，"
                                   "同一配件同一仓库只记一行"))
            continue
        seen[key] = i
        low, high = row["min_qty"], row["max_qty"]
        if low is not None and high is not None and low > high:
            out.append(ctx.problem(table, i, "max_qty", Code.OUT_OF_RANGE, f"最高库存 {high} 小于最低库存 {low}"))
        if key in kept and row["qty"] is not None:
            have = stock_on_hand(ctx, *key, ctx.today)
            if have != row["qty"]:
                out.append(ctx.problem(table, i, "qty", Code.PARTS_STOCK_MISMATCH,
                                       f"账面数量 {row['qty']} 与配件出入库流水（含工单配件明细）截至 {ctx.today} 的结存 {have} 不符",
                                       Severity.WARNING))
    return out


def _moves(ctx: Ledger) -> list[Problem]:
    table = ctx.table("service", "parts_moves")
    if table is None:
        return []
    out: list[Problem] = []
    transfers: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(table.rows):
        kind, qty = row["kind"], row["qty"]
        if qty is not None and ((kind in (IN, OUT) and qty <= 0) or (kind == COUNT and qty < 0)):
            need = "大于 0" if kind in (IN, OUT) else "不小于 0（盘点填实盘数量）"
            out.append(ctx.problem(table, i, "qty", Code.OUT_OF_RANGE, f"{kind}的数量应{need}"))
        if kind == TRANSFER:
            if row["doc_no"]:
                transfers[str(row["doc_no"])].append(i)
            elif "doc_no" in table.columns:
                out.append(ctx.problem(table, i, "doc_no", Code.REQUIRED, "调拨须填写单据号（调出、调入两行同一单据号）"))
        if kind == OUT and row["reference"]:
            out += _outflow_reference(ctx, table, i, row)
    for doc, rows in transfers.items():
        total = sum((table.rows[i]["qty"] or ZERO for i in rows), ZERO)
        if total != 0:
            out.append(ctx.problem(table, rows[-1], "qty", Code.TRANSFER_UNBALANCED,
                                   f"调拨单 {doc} 各行数量合计 {total}，调出（负数）与调入（正数）应相抵为 0"))
    return out


def _outflow_reference(ctx: Ledger, table, i: int, row: dict) -> list[Problem]:
    ref = row["reference"]
    if ctx.first("service", "work_orders", "wo_no", ref) is not None:
        listed = {u["part_no"] for u in ctx.all("service", "parts_used", "wo_no", ref)}
        if row["part_no"] in listed:
            return [ctx.problem(table, i, "reference", Code.DUPLICATE,
                                f"工单 {ref} 的配件明细已有配件 {row['part_no']}，已按出库计算，此行重复出库",
                                Severity.WARNING)]
        return []
    if ctx.customer(ref) is None and ctx.sub_dealer(ref) is None:
        return [ctx.problem(table, i, "reference", Code.BAD_REFERENCE,
                            f"出库的领用方 {ref} 既不是工单号，也不在客户或二级经销商中")]
    return []


def _wholesale(ctx: Ledger) -> list[Problem]:
    table = ctx.table("service", "parts_moves")
    if table is None:
        return []
    sales: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(table.rows):
        ref = row["reference"]
        if row["kind"] == OUT and ref and row["date"] and ctx.first("service", "work_orders", "wo_no", ref) is None \
                and (ctx.customer(ref) is not None or ctx.sub_dealer(ref) is not None):
            sales[ref].append(i)
    days = int(ctx.params["parts_credit_days"])
    out = []
    for ref, rows in sales.items():
        party = ctx.customer(ref) or ctx.sub_dealer(ref)
        name = party.get("name") or ref
        for i in rows:
            row = table.rows[i]
            if party.get("credit_grade") == REFUSED_GRADE:
                out.append(ctx.problem(table, i, "reference", Code.PARTS_GRADE_REFUSED,
                                       f"{name} 信用等级为 D，不能赊销配件"))
                continue
            exposure, worst = customer_exposure(ctx, ref, row["date"]) if ctx.customer(ref) else (ZERO, 0)
            special = int(ctx.params["risk_special_days"])
            if worst > special:
                out.append(ctx.problem(table, i, "reference", Code.PARTS_GRADE_REFUSED,
                                       f"{name} 另有分期合同逾期 {worst} 天（超过{special}天），不能赊销配件"))
                continue
            since = row["date"] - timedelta(days=days)
            window = sum((_amount(table.rows[k]) for k in rows if since < table.rows[k]["date"] <= row["date"]), ZERO)
            limit = party.get("credit_limit")
            if limit is not None and exposure + window > limit:
                out.append(ctx.problem(table, i, "reference", Code.PARTS_LIMIT_EXCEEDED,
                                       f"分期敞口 {exposure} + 近{days}天配件批发 {window} = {exposure + window}，"
                                       f"超过授信额度 {limit}"))
    return out


def _amount(row: dict) -> Decimal:
    return round_cents(row["qty"] * row["unit_price"]) if row["qty"] is not None and row["unit_price"] is not None \
        else ZERO
