"""Sales-ledger consistency (销售台账 against itself and 应收款台账), and sub-dealers' credit.

- A machine sold and not brought back by a 退车/换车 must not be 在库 in 整机库存 (错误, at 库存状态).
- A 样机调拨 past its 预计归还日期 without 实际归还日期 (警告).
- A 分期/按揭 sale whose 成交价 exceeds 参数 notarize_over_amount without 是否公证 = 是 (提示).
- A 退车 whose 退款金额 exceeds what was received for the sale (错误): the 成交价 of a 全款 sale,
  the 首付款 plus the contract's receipts up to the return date for 分期/按揭.
- Sub-dealers (二级经销商) at sale time, like customers (DOMAIN §3): grade D may not sell on
  installment (错误); the sub-dealer's exposure — every other open contract sold through it and
  signed by the sale date, financed amount less what was paid by then — plus this sale's financed
  amount must not exceed its 授信额度 (错误).
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date
from decimal import Decimal

from ..domain.money import ZERO
from ..domain.receivables import paid_by
from ..problems import Code, Problem, Severity

INSTALLMENT = ("分期", "按揭")
CLOSED = ("结清", "核销")
BACK = ("退车", "换车")


def check_sales_consistency(ctx) -> list[Problem]:
    """Every problem of the rules above."""
    return [*_in_stock(ctx), *_samples(ctx), *_notarized(ctx), *_refunds(ctx), *_sub_dealers(ctx)]


def _came_back(ctx, contract_no) -> bool:
    return any(r["kind"] in BACK for r in ctx.all("sales", "returns", "contract_no", contract_no))


def _in_stock(ctx) -> list[Problem]:
    stock = ctx.table("sales", "stock")
    if stock is None or not ctx.has("sales", "sales", "serial_no"):
        return []
    out = []
    for i, row in enumerate(stock.rows):
        if row["status"] != "在库" or row["serial_no"] is None:
            continue
        sold = [s for s in ctx.all("sales", "sales", "serial_no", row["serial_no"]) if not _came_back(ctx, s["contract_no"])]
        if sold:
            out.append(ctx.problem(stock, i, "status", Code.SOLD_STILL_IN_STOCK,
                                   f"整机 {row['serial_no']} 已于 {sold[-1]['sale_date']} 售出（合同 {sold[-1]['contract_no']}），"
                                   f"库存状态仍为在库，应改为已售"))
    return out


def _samples(ctx) -> list[Problem]:
    table = ctx.table("sales", "sample_transfers")
    if table is None:
        return []
    return [ctx.problem(table, i, "expected_return", Code.SAMPLE_NOT_RETURNED,
                        f"样机 {row['serial_no']} 预计 {row['expected_return']} 归还，已超期 "
                        f"{(ctx.today - row['expected_return']).days} 天仍未填写实际归还日期", Severity.WARNING)
            for i, row in enumerate(table.rows)
            if row["expected_return"] is not None and row["expected_return"] < ctx.today and row["returned_date"] is None]


def _notarized(ctx) -> list[Problem]:
    table = ctx.table("sales", "sales")
    if table is None or "notarized" not in table.columns:
        return []
    limit = Decimal(str(ctx.params["notarize_over_amount"]))
    return [ctx.problem(table, i, "notarized", Code.NOT_NOTARIZED,
                        f"{row['payment_type']}销售成交价 {row['deal_price']} 超过 {limit:.2f}，建议办理公证（是否公证=是）",
                        Severity.INFO)
            for i, row in enumerate(table.rows)
            if row["payment_type"] in INSTALLMENT and row["deal_price"] is not None and row["deal_price"] > limit
            and row["notarized"] != "是" and not ctx.already_flagged(table, table.cell(i, "notarized"))]


def _refunds(ctx) -> list[Problem]:
    table = ctx.table("sales", "returns")
    if table is None:
        return []
    out = []
    for i, row in enumerate(table.rows):
        sale = ctx.first("sales", "sales", "contract_no", row["contract_no"]) if row["contract_no"] else None
        refund = row["refund_amount"]
        if row["kind"] != "退车" or sale is None or refund is None:
            continue
        received = received_for_sale(ctx, sale, row["return_date"] or date.max)
        if received is not None and refund > received:
            out.append(ctx.problem(table, i, "refund_amount", Code.REFUND_EXCEEDS_RECEIVED,
                                   f"退款金额 {refund} 超过该销售已收款 {received:.2f}"))
    return out


def received_for_sale(ctx, sale: dict, by: date) -> Decimal | None:
    """已收款 of a sale up to ``by``: the 成交价 of a 全款 sale, the 首付款 plus the contract's receipts for
    分期/按揭 (the one definition; the refund rule and ``sales returns`` use it)."""
    if sale["payment_type"] not in INSTALLMENT:
        return sale["deal_price"]
    receipts = [(r["receipt_date"], r["amount"]) for r in ctx.all("receivables", "receipts", "contract_no", sale["contract_no"])
                if r["receipt_date"] and r["amount"] is not None]
    return (sale["down_payment"] or ZERO) + paid_by(receipts, by)


def _sub_dealers(ctx) -> list[Problem]:
    table = ctx.table("sales", "sales")
    if table is None or "sub_dealer_id" not in table.columns:
        return []
    out = []
    books: dict[str, list] = {}
    for i, row in enumerate(table.rows):
        dealer = ctx.first("master", "sub_dealers", "dealer_id", row["sub_dealer_id"]) if row["sub_dealer_id"] else None
        if dealer is None or row["payment_type"] not in INSTALLMENT:
            continue
        if dealer["credit_grade"] == "D":
            out.append(ctx.problem(table, i, "sub_dealer_id", Code.SUB_DEALER_GRADE_REFUSED,
                                   f"二级经销商 {dealer['name']} 信用等级为 D，不能经销分期/按揭销售"))
        financed, limit = row["financed_amount"], dealer["credit_limit"]
        if financed is None or limit is None or row["sale_date"] is None:
            continue
        if row["sub_dealer_id"] not in books:
            books[row["sub_dealer_id"]] = _dealer_book(ctx, row["sub_dealer_id"])
        exposure = _exposure(books[row["sub_dealer_id"]], row["contract_no"], row["sale_date"])
        if exposure + financed > limit:
            out.append(ctx.problem(table, i, "financed_amount", Code.SUB_DEALER_LIMIT_EXCEEDED,
                                   f"二级经销商 {dealer['name']} 现有敞口 {exposure:.2f} + 本次分期 {financed} = "
                                   f"{exposure + financed:.2f}，超过其授信额度 {limit}"))
    return out


def _dealer_book(ctx, dealer_id) -> list[tuple[str, date, Decimal, list[date], list[Decimal]]]:
    """The sub-dealer's open installment contracts: (number, 签订日期, 分期金额, receipt dates, running totals)."""
    out = []
    for sale in ctx.all("sales", "sales", "sub_dealer_id", dealer_id):
        contract = ctx.first("receivables", "contracts", "contract_no", sale["contract_no"]) \
            if sale["payment_type"] in INSTALLMENT and sale["contract_no"] else None
        if contract is None or contract["sign_date"] is None or contract["status"] in CLOSED:
            continue
        paid = sorted((r["receipt_date"], r["amount"]) for r in ctx.all("receivables", "receipts", "contract_no",
                                                                        contract["contract_no"])
                      if r["receipt_date"] and r["amount"] is not None)
        running, total = [], ZERO
        for _, amount in paid:
            total += amount
            running.append(total)
        out.append((contract["contract_no"], contract["sign_date"], contract["financed_amount"] or ZERO,
                    [d for d, _ in paid], running))
    return out


def _exposure(book, contract_no, sold: date) -> Decimal:
    """Other contracts signed by ``sold``: financed amount less what was paid by then (never below 0)."""
    exposure = ZERO
    for number, signed, financed, days, running in book:
        if number == contract_no or signed > sold:
            continue
        k = bisect_right(days, sold)
        exposure += max(financed - (running[k - 1] if k else ZERO), ZERO)
    return exposure
