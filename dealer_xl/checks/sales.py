"""Sales rules (销售明细): the machine, the price, installment terms, credit policy, the contract.

DESIGN §2 and DOMAIN §3: a serial exists in 整机库存 and is sold once (again only after a 退车 or 换车 brought it back), its
model matches; deal price ≥ floor price unless approved (已批); for 分期/按揭 the down payment ratio,
down + financed = deal price, term ≤ max, first due date after the sale; credit grade D refused,
exposure + financed ≤ credit limit, no new installment while another contract is > 90 days past
due unless approved; every installment sale has its contract with the same terms.

Sales are taken in date order for the machine rules, so a ledger typed out of order still sees a
return before the resale. Exposure is the customer's other installment contracts signed on or
before this sale's date (two bought the same day count against each other) and not 结清/核销: their
financed amount less what they had paid by the sale date (principal-level, documented choice).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..domain.money import ZERO
from ..io.cells import show
from ..ledger import Ledger
from ..problems import Code, Problem

INSTALLMENT = ("分期", "按揭")
CLOSED = ("结清", "核销")
APPROVED = "已批"
# contract field ← sale field, compared for every installment sale
CONTRACT_FIELDS = (("customer_id", "customer_id"), ("serial_no", "serial_no"), ("total_price", "deal_price"),
                   ("down_payment", "down_payment"), ("financed_amount", "financed_amount"),
                   ("term_months", "term_months"), ("annual_rate", "annual_rate"), ("first_due_date", "first_due_date"))


def check_sales(ctx: Ledger) -> list[Problem]:
    """Every sales-ledger problem of the rules above."""
    table = ctx.table("sales", "sales")
    if table is None:
        return []
    out: list[Problem] = []
    seen_serial: dict[str, int] = {}
    for i in sorted(range(len(table.rows)), key=lambda i: (table.rows[i]["sale_date"] or date.max, i)):
        out += _machine(ctx, table, i, table.rows[i], seen_serial)
    for i, row in enumerate(table.rows):
        out += _price(ctx, table, i, row)
        if row["payment_type"] in INSTALLMENT:
            out += _installment_terms(ctx, table, i, row)
            out += _credit(ctx, table, i, row)
            out += _contract(ctx, table, i, row)
    return out


def _machine(ctx: Ledger, table, i: int, row: dict, seen: dict[str, int]) -> list[Problem]:
    serial = row["serial_no"]
    if serial is None:
        return []
    out = []
    if serial in seen and not _returned_before(ctx, table.rows[seen[serial]], row["sale_date"]):
        out.append(ctx.problem(table, i, "serial_no", Code.SERIAL_SOLD_TWICE,
                               f"整机 {serial} 已在第 {table.row_numbers[seen[serial]]} 行售出，不能重复销售"))
    seen[serial] = i
    stock = ctx.first("sales", "stock", "serial_no", serial)
    if stock and row["model_code"] and stock["model_code"] and row["model_code"] != stock["model_code"]:
        out.append(ctx.problem(table, i, "model_code", Code.MODEL_MISMATCH,
                               f"机型 {row['model_code']} 与整机库存中该整机的机型 {stock['model_code']} 不一致"))
    return out


def _returned_before(ctx: Ledger, earlier: dict, sale_date) -> bool:
    """True when the earlier sale's machine came back (退车, or 换车 for another) by ``sale_date``."""
    for ret in ctx.all("sales", "returns", "contract_no", earlier["contract_no"]):
        if ret["kind"] in ("退车", "换车") and ret["return_date"] and (sale_date is None or ret["return_date"] <= sale_date):
            return True
    return False


def _model_of(ctx: Ledger, row: dict) -> dict | None:
    code = row["model_code"]
    if code is None:
        stock = ctx.first("sales", "stock", "serial_no", row["serial_no"])
        code = stock["model_code"] if stock else None
    return ctx.first("master", "models", "model_code", code) if code else None


def _price(ctx: Ledger, table, i: int, row: dict) -> list[Problem]:
    model, price = _model_of(ctx, row), row["deal_price"]
    if not model or price is None or model["floor_price"] is None or row["approval"] == APPROVED:
        return []
    if price < model["floor_price"]:
        return [ctx.problem(table, i, "deal_price", Code.PRICE_BELOW_FLOOR,
                            f"成交价 {price} 低于机型 {model['model_code']} 的最低限价 {model['floor_price']}，需审批状态为已批")]
    return []


def _installment_terms(ctx: Ledger, table, i: int, row: dict) -> list[Problem]:
    out = []
    for name in ("down_payment", "financed_amount", "term_months", "first_due_date"):
        if row[name] is None and name in table.columns and not ctx.already_flagged(table, table.cell(i, name)):
            header = table.spec.column(name).header
            out.append(ctx.problem(table, i, name, Code.REQUIRED, f"{row['payment_type']}销售必须填写「{header}」"))
    price, down, financed = row["deal_price"], row["down_payment"], row["financed_amount"]
    ratio = Decimal(ctx.params["min_down_payment_ratio"])
    if price and down is not None and down < price * ratio:
        out.append(ctx.problem(table, i, "down_payment", Code.DOWN_PAYMENT_LOW,
                               f"首付款 {down} 低于成交价的 {ratio:.0%}（最低首付 {price * ratio:.2f}）"))
    if price is not None and down is not None and financed is not None and down + financed != price:
        out.append(ctx.problem(table, i, "financed_amount", Code.FINANCE_SUM_MISMATCH,
                               f"首付款 {down} + 分期金额 {financed} = {down + financed}，不等于成交价 {price}"))
    term, max_term = row["term_months"], int(ctx.params["max_term_months"])
    if term is not None and term > max_term:
        out.append(ctx.problem(table, i, "term_months", Code.TERM_TOO_LONG, f"分期期数 {term} 超过上限 {max_term} 期"))
    first, sold = row["first_due_date"], row["sale_date"]
    if first is not None and sold is not None and first <= sold:
        out.append(ctx.problem(table, i, "first_due_date", Code.FIRST_DUE_NOT_AFTER_SALE,
                               f"首期还款日 {first} 应晚于销售日期 {sold}"))
    return out


def _credit(ctx: Ledger, table, i: int, row: dict) -> list[Problem]:
    customer = ctx.first("master", "customers", "customer_id", row["customer_id"])
    if customer is None:
        return []
    out = []
    if customer["credit_grade"] == "D":
        out.append(ctx.problem(table, i, "customer_id", Code.CREDIT_GRADE_REFUSED,
                               f"客户 {customer['name']} 信用等级为 D，不能分期购买"))
    exposure, worst = _exposure(ctx, row)
    financed, limit = row["financed_amount"], customer["credit_limit"]
    if financed is not None and limit is not None and exposure + financed > limit:
        out.append(ctx.problem(table, i, "financed_amount", Code.CREDIT_LIMIT_EXCEEDED,
                               f"现有敞口 {exposure} + 本次分期 {financed} = {exposure + financed}，超过授信额度 {limit}"))
    limit_days = int(ctx.params["risk_special_days"])
    if worst > limit_days and row["approval"] != APPROVED:
        out.append(ctx.problem(table, i, "customer_id", Code.CUSTOMER_SERIOUSLY_OVERDUE,
                               f"客户另有合同逾期 {worst} 天（超过{limit_days}天），新分期合同须经审批（已批）"))
    return out


def _exposure(ctx: Ledger, row: dict) -> tuple[Decimal, int]:
    """(exposure, worst DPD) of the customer's other contracts as of this sale's date.

    Paid-so-far and days past due are the Ledger's contract positions (the schedule typed in
    还款计划, or computed from the terms when none is typed): the same figures aging uses.
    """
    sold = row["sale_date"]
    exposure, worst = ZERO, 0
    if sold is None:
        return exposure, worst
    for contract in ctx.all("receivables", "contracts", "customer_id", row["customer_id"]):
        if contract["contract_no"] == row["contract_no"] or contract["sign_date"] is None:
            continue
        if contract["sign_date"] > sold or contract["status"] in CLOSED:
            continue
        position = ctx.receivables.position(contract["contract_no"], sold)
        paid = position.received if position is not None else ZERO
        exposure += max((contract["financed_amount"] or ZERO) - paid, ZERO)
        worst = max(worst, position.dpd if position is not None else 0)
    return exposure, worst


def _contract(ctx: Ledger, table, i: int, row: dict) -> list[Problem]:
    contracts = ctx.table("receivables", "contracts")
    if not ctx.has("receivables", "contracts", "contract_no") or row["contract_no"] is None:
        return []
    positions = ctx.index("receivables", "contracts", "contract_no").get(row["contract_no"])
    if not positions:
        return [ctx.problem(table, i, "contract_no", Code.CONTRACT_MISSING,
                            f"{row['payment_type']}销售 {row['contract_no']} 在应收款台账「分期合同」中没有对应合同")]
    k = positions[0]
    contract = contracts.rows[k]
    out = []
    for c, s in CONTRACT_FIELDS:
        if row[s] is not None and contract[c] is not None and row[s] != contract[c]:
            sale_header = table.spec.column(s).header
            out.append(ctx.problem(contracts, k, c, Code.CONTRACT_MISMATCH,
                                   f"与销售明细第 {table.row_numbers[i]} 行的「{sale_header}」不一致（销售 {show(row[s])}，"
                                   f"合同 {show(contract[c])}）"))
    return out



def customer_exposure(ctx: Ledger, customer_id, day: date) -> tuple[Decimal, int]:
    """(exposure, worst DPD) of ``customer_id``'s installment contracts on ``day``: the figure the
    installment credit rule above uses, for the other credit checks (配件批发, issue #29)."""
    return _exposure(ctx, {"sale_date": day, "customer_id": customer_id, "contract_no": None})
