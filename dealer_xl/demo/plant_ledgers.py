"""Planted mistakes of 销售台账 and 应收款台账: one planter per rule, each returning its Mistake.

Sales mistakes sit on the special sales of :mod:`.specials` (sold to customers who buy nothing
else, paid on time, kept out of service), so a bad serial or model does not ripple into work
orders and a policy breach does not ripple into credit checks of other sales; when a serial is
mistyped, the machine's own stock row goes too, so no 已售 machine is left without a sale.
Receipt mistakes sit on contracts paid on time, never on a defaulter's, and each touches one
row only (the overpaying receipt is its contract's last). Cells are where
:mod:`dealer_xl.checks` points: a sum that does not add up at the 分期金额 cell, a D-grade buyer
at 客户编号, a row whose 应还金额 ≠ 本金 + 利息 at 应还金额.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from ..domain.identifiers import vin_check_char
from ..problems import Code
from .company import AS_OF
from .mistakes import Mistake, Planting

STOCK, SALES = ("sales", "stock"), ("sales", "sales")
CONTRACTS, SCHEDULE = ("receivables", "contracts"), ("receivables", "schedule")
RECEIPTS, LOG = ("receivables", "receipts"), ("receivables", "collection_log")


def _special(p: Planting, tag: str):
    return p.find(SALES, "contract_no", p.world.specials.sales[tag].contract_no)


def bad_vin(p: Planting) -> Mistake:
    item = p.find(STOCK, "serial_no", p.world.specials.machines["bad_vin"].serial_no)
    right = vin_check_char(item.serial_no)
    wrong = "0123456789X"[("0123456789X".index(right) + 3) % 11]
    edited = p.edit(STOCK, item, serial_no=item.serial_no[:8] + wrong + item.serial_no[9:])
    return p.mistake(STOCK, edited, "serial_no", Code.BAD_VIN, "车架号（VIN）第9位校验位错误", item.serial_no)


def serial_not_in_stock(p: Planting) -> Mistake:
    sale = _special(p, "serial_not_in_stock")
    typo = sale.serial_no[:-1]
    assert all(s.serial_no != typo for s in p.rows(STOCK))
    edited = p.edit(SALES, sale, serial_no=typo)
    p.delete(STOCK, lambda s: s.serial_no == sale.serial_no)
    return p.mistake(SALES, edited, "serial_no", Code.SERIAL_NOT_IN_STOCK, "整机编号少录一位，库存中没有这台机器",
                     sale.serial_no)


def serial_sold_twice(p: Planting) -> Mistake:
    sale = _special(p, "serial_sold_twice")
    edited = p.edit(SALES, sale, serial_no=p.world.specials.sold_before)
    p.delete(STOCK, lambda s: s.serial_no == sale.serial_no)
    return p.mistake(SALES, edited, "serial_no", Code.SERIAL_SOLD_TWICE, "同一台机器在之前的销售中已经售出",
                     sale.serial_no)


def model_mismatch(p: Planting) -> Mistake:
    sale = _special(p, "model_mismatch")
    edited = p.edit(SALES, sale, model_code="CC950")
    return p.mistake(SALES, edited, "model_code", Code.MODEL_MISMATCH, "机型填为 CC950，库存中该整机为 CC956H",
                     sale.model_code)


def _born_wrong(tag: str, field: str, code: Code, what: str):
    def plant(p: Planting) -> Mistake:
        return p.mistake(SALES, _special(p, tag), field, code, what)
    plant.__name__ = tag
    return plant


def finance_sum_mismatch(p: Planting) -> Mistake:
    sale = _special(p, "finance_sum_mismatch")
    return p.mistake(SALES, sale, "financed_amount", Code.FINANCE_SUM_MISMATCH,
                     "首付款少录 1,000 元，首付款 + 分期金额 ≠ 成交价（合同未填首付款）")


def contract_missing(p: Planting) -> Mistake:
    sale = _special(p, "contract_missing")
    p.delete(CONTRACTS, lambda c: c.contract_no == sale.contract_no)
    p.delete(SCHEDULE, lambda r: r.contract_no == sale.contract_no)
    return p.mistake(SALES, sale, "contract_no", Code.CONTRACT_MISSING, "分期销售在分期合同台账中没有对应合同")


def contract_mismatch(p: Planting) -> Mistake:
    contract = p.find(CONTRACTS, "contract_no", p.world.specials.sales["contract_mismatch"].contract_no)
    edited = p.edit(CONTRACTS, contract, annual_rate=Decimal("0.0505"))
    return p.mistake(CONTRACTS, edited, "annual_rate", Code.CONTRACT_MISMATCH,
                     "合同年利率录为 5.05%，销售明细为 5.50%", contract.annual_rate)


def free_rate_not_zero(p: Planting) -> Mistake:
    contract = p.find(CONTRACTS, "contract_no", p.world.specials.sales["free_rate_not_zero"].contract_no)
    return p.mistake(CONTRACTS, contract, "annual_rate", Code.FREE_RATE_NOT_ZERO, "还款方式为免息，年利率却填了 5%",
                     Decimal("0"))


def schedule_missing(p: Planting) -> Mistake:
    number = p.world.specials.sales["schedule_missing"].contract_no
    p.delete(SCHEDULE, lambda r: r.contract_no == number)
    contract = p.find(CONTRACTS, "contract_no", number)
    return p.mistake(CONTRACTS, contract, "contract_no", Code.SCHEDULE_MISSING, "合同没有还款计划")


def schedule_mismatch(p: Planting) -> Mistake:
    number = p.world.specials.sales["schedule_mismatch"].contract_no
    row = p.take(SCHEDULE, lambda r: r.contract_no == number and r.period == 20)
    edited = p.edit(SCHEDULE, row, amount_due=row.amount_due + 100)
    return p.mistake(SCHEDULE, edited, "amount_due", Code.SCHEDULE_MISMATCH,
                     "第20期应还金额多录了 100 元，不等于本金 + 利息", row.amount_due)


def _good_receipt(p: Planting):
    bad = p.world.defaulters | p.world.specials.contract_numbers
    return lambda r: r.contract_no not in bad


def amount_not_positive(p: Planting) -> Mistake:
    anchor = p.take(RECEIPTS, _good_receipt(p))
    year = anchor.receipt_date.year
    last = max(int(r.receipt_no[6:]) for r in p.rows(RECEIPTS) if r.receipt_no.startswith(f"SK{year}"))
    zero = replace(anchor, receipt_no=f"SK{year}{last + 1:05d}", amount=Decimal("0.00"), note="录入后未收到款项")
    p.insert_after(RECEIPTS, anchor, zero)
    return p.mistake(RECEIPTS, zero, "amount", Code.AMOUNT_NOT_POSITIVE, "收款金额为 0")


def duplicate_receipt(p: Planting) -> Mistake:
    good = _good_receipt(p)
    first = p.take(RECEIPTS, lambda r: good(r) and r.receipt_date < AS_OF - timedelta(days=120))
    later = p.take(RECEIPTS, lambda r: good(r) and r.receipt_date > first.receipt_date + timedelta(days=20)
                   and r.contract_no != first.contract_no)
    edited = p.edit(RECEIPTS, later, receipt_no=first.receipt_no)
    return p.mistake(RECEIPTS, edited, "receipt_no", Code.DUPLICATE, f"收据号与 {first.receipt_no} 重复", later.receipt_no)


def receipt_before_contract(p: Planting) -> Mistake:
    good = _good_receipt(p)
    receipt = p.take(RECEIPTS, lambda r: good(r) and r.note.startswith("第1期"))
    edited = p.edit(RECEIPTS, receipt, receipt_date=receipt.receipt_date.replace(year=receipt.receipt_date.year - 1))
    return p.mistake(RECEIPTS, edited, "receipt_date", Code.RECEIPT_BEFORE_CONTRACT,
                     "收款日期年份录错，早于合同签订日期", receipt.receipt_date)


def overpaid(p: Planting) -> Mistake:
    good, count, last = _good_receipt(p), Counter(r.contract_no for r in p.rows(RECEIPTS)), {}
    for r in p.rows(RECEIPTS):
        last[r.contract_no] = r
    receipt = p.take(RECEIPTS, lambda r: good(r) and count[r.contract_no] > 1 and last[r.contract_no] is r)
    owed = sum((s.amount_due for s in p.rows(SCHEDULE) if s.contract_no == receipt.contract_no), Decimal(0))
    edited = p.edit(RECEIPTS, receipt, amount=owed)
    return p.mistake(RECEIPTS, edited, "amount", Code.OVERPAID, "收款金额误录为合同应还总额，累计收款超过应还总额",
                     receipt.amount)


def bad_log_date(p: Planting) -> Mistake:
    entry = p.take(LOG, lambda e: True, prefer=lambda e: e.action == "电话")
    edited = p.edit(LOG, entry, log_date=f"{entry.log_date.year}-02-30")
    return p.mistake(LOG, edited, "log_date", Code.BAD_DATE, "催收日期不是有效日期（2月30日）", entry.log_date)


SALES_PLANTERS = (
    bad_vin, serial_not_in_stock, serial_sold_twice, model_mismatch,
    _born_wrong("price_below_floor", "deal_price", Code.PRICE_BELOW_FLOOR, "成交价低于最低限价且未经审批（待审）"),
    _born_wrong("down_payment_low", "down_payment", Code.DOWN_PAYMENT_LOW, "首付款只有成交价的 20%，低于 30%"),
    finance_sum_mismatch,
    _born_wrong("term_too_long", "term_months", Code.TERM_TOO_LONG, "分期期数 48 个月，超过 36 个月"),
    _born_wrong("first_due_not_after_sale", "first_due_date", Code.FIRST_DUE_NOT_AFTER_SALE, "首期还款日与销售日期同一天"),
    _born_wrong("credit_grade_refused", "customer_id", Code.CREDIT_GRADE_REFUSED, "信用等级为 D 的客户办理了分期"),
    _born_wrong("credit_limit_exceeded", "financed_amount", Code.CREDIT_LIMIT_EXCEEDED, "分期金额超过客户授信额度"),
    contract_missing,
)
RECEIVABLES_PLANTERS = (
    contract_mismatch, free_rate_not_zero, schedule_missing, schedule_mismatch, amount_not_positive,
    duplicate_receipt, receipt_before_contract, overpaid, bad_log_date,
)
