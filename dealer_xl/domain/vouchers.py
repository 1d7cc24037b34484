"""记账凭证 (vouchers): the double-entry rules of a month's business events, pure and exact.

A :class:`Posting` is one side of one business document (a sale, a receipt, a pick-up …): an account
key (``receivable``, ``revenue`` …, mapped to a 科目 by the 会计科目 sheet), the amount, the side and
the 核算项目 it names (the customer, the manufacturer, the department). :func:`voucher` turns the
postings of one event class into one :class:`Voucher`: postings of the same account, 核算项目 and side
are added into one line (so a month of receipts is one bank line and one 应收账款 line per customer),
and lines keep the order the accounts first appear in.

Guarantees: amounts are Decimal rounded to the fen; a voucher's Σ借 and Σ贷 are computed from its
lines and :attr:`Voucher.balanced` says whether they agree (callers refuse an unbalanced one);
:func:`vat_split` splits a tax-inclusive amount as DOMAIN §5a says (net = gross / (1 + rate) rounded
half up to the fen, tax = gross − net, so net + tax == gross exactly); the rules for each event class
(:func:`sale_postings`, :func:`receipt_postings` …) are balanced by construction. No I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .money import ZERO, round_cents

DEBIT, CREDIT = "debit", "credit"


@dataclass(frozen=True, slots=True)
class Party:
    """A 核算项目: ``kind`` 客户/供应商/部门/职员 (the 会计科目 sheet decides which applies), code, name."""

    code: str = ""
    name: str = ""


@dataclass(frozen=True, slots=True)
class Posting:
    """One side of a business document.

    Attributes:
        account: the account key (a key of the 会计科目 mapping, e.g. ``receivable``).
        side: :data:`DEBIT` or :data:`CREDIT`.
        amount: yuan, positive.
        party: the 核算项目 (customer, manufacturer, department) when the account keeps one.
    """

    account: str
    side: str
    amount: Decimal
    party: Party = Party()


@dataclass(frozen=True, slots=True)
class Account:
    """A 会计科目 row: the code and name an account key posts to, and the 核算项目 kind it keeps."""

    code: str
    name: str
    aux: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    """One 分录 of a voucher (exactly one of debit / credit is non-zero)."""

    account: str
    code: str
    name: str
    debit: Decimal
    credit: Decimal
    aux: str = ""
    party: Party = Party()


@dataclass(frozen=True, slots=True)
class Voucher:
    """One 记账凭证.

    Attributes:
        number: 凭证号 within the month (1, 2, …).
        day: 凭证日期 (the month's last day).
        event: the event class key (``sales``, ``receipts`` …).
        summary: 摘要.
        lines: the 分录.
    """

    number: int
    day: date
    event: str
    summary: str
    lines: tuple[Line, ...]

    @property
    def debit_total(self) -> Decimal:
        return sum((line.debit for line in self.lines), ZERO)

    @property
    def credit_total(self) -> Decimal:
        return sum((line.credit for line in self.lines), ZERO)

    @property
    def balanced(self) -> bool:
        """Σ借 == Σ贷 and the voucher has lines."""
        return bool(self.lines) and self.debit_total == self.credit_total


def vat_split(gross: Decimal, rate: Decimal) -> tuple[Decimal, Decimal]:
    """(不含税金额, 税额) of a tax-inclusive ``gross`` at ``rate``: net = round(gross / (1 + rate))."""
    net = round_cents(gross / (1 + rate))
    return net, round_cents(gross) - net


def voucher(number: int, day: date, event: str, summary: str, postings: Iterable[Posting],
            accounts: dict[str, Account]) -> Voucher:
    """The voucher of ``postings``: one line per (account, 核算项目, side), in first-seen order.
    The party is kept only where the account's 会计科目 row names a 核算项目."""
    sums: dict[tuple, Decimal] = {}
    for p in postings:
        amount = round_cents(p.amount)
        if amount == 0:
            continue
        if amount < 0:  # a negative posting is the same amount on the other side
            p, amount = Posting(p.account, CREDIT if p.side == DEBIT else DEBIT, -amount, p.party), -amount
        account = accounts[p.account]
        party = p.party if account.aux else Party()
        key = (p.account, party, p.side)
        sums[key] = sums.get(key, ZERO) + amount
    lines = []
    for (key, party, side), amount in sums.items():
        account = accounts[key]
        lines.append(Line(key, account.code, account.name, amount if side == DEBIT else ZERO,
                          amount if side == CREDIT else ZERO, account.aux if party.code or party.name else "", party))
    lines.sort(key=lambda line: line.credit > 0)  # 借 before 贷, each in first-seen order
    return Voucher(number, day, event, summary, tuple(lines))


# --- the rules of each event class ---------------------------------------------------------------

def sale_postings(price: Decimal, cash: Decimal, rate: Decimal, customer: Party, cash_account: str = "bank") -> list[Posting]:
    """A sale at ``price`` (tax included): 借 银行存款 (what was paid at the sale: the whole price of a
    全款 sale, the down payment of an installment) and 应收账款 (the rest); 贷 主营业务收入 (net) and
    销项税额."""
    net, tax = vat_split(price, rate)
    return [Posting(cash_account, DEBIT, cash), Posting("receivable", DEBIT, price - cash, customer),
            Posting("revenue", CREDIT, net), Posting("output_vat", CREDIT, tax)]


def cost_postings(cost: Decimal) -> list[Posting]:
    """The cost of a machine sold: 借 主营业务成本, 贷 库存商品 (its purchase price net of VAT)."""
    return [Posting("cost", DEBIT, cost), Posting("inventory", CREDIT, cost)]


def receipt_postings(amount: Decimal, principal: Decimal, interest: Decimal, penalty: Decimal, unapplied: Decimal,
                     customer: Party, cash_account: str = "bank", surplus: str = "advance") -> list[Posting]:
    """A receipt as the allocation split it: 借 银行存款 (or 库存现金/应收票据); 贷 应收账款 (principal),
    分期利息收入, 罚息收入 and, for what paid nothing due, ``surplus`` (预收账款; for disposal
    proceeds the refund owed to the buyer). Interest and penalty are income when received."""
    return [Posting(cash_account, DEBIT, amount, customer), Posting("receivable", CREDIT, principal, customer),
            Posting("interest_income", CREDIT, interest), Posting("penalty_income", CREDIT, penalty),
            Posting(surplus, CREDIT, unapplied, customer)]


def recovery_postings(amount: Decimal, customer: Party, cash_account: str = "bank") -> list[Posting]:
    """A receipt after the contract was written off (核销后追回): 借 银行存款, 贷 核销后追回."""
    return [Posting(cash_account, DEBIT, amount, customer), Posting("recovery", CREDIT, amount)]


def writeoff_postings(principal: Decimal, customer: Party) -> list[Posting]:
    """A write-off: 借 坏账核销 (营业外支出, or 坏账准备 where the 会计科目 says so), 贷 应收账款 —
    principal only: interest and penalty are booked when received, so none of them is on the books."""
    return [Posting("bad_debt", DEBIT, principal), Posting("receivable", CREDIT, principal, customer)]


def payroll_accrual_postings(department: Party, expense: str, total: Decimal) -> list[Posting]:
    """One department's pay for the month: 借 工资费用 (销售费用 or 管理费用), 贷 应付职工薪酬."""
    return [Posting(expense, DEBIT, total, department), Posting("wages_payable", CREDIT, total)]


def payroll_payment_postings(total: Decimal, social: Decimal, fund: Decimal, iit: Decimal, net: Decimal) -> list[Posting]:
    """Paying the month: 借 应付职工薪酬 (``total``), 贷 代扣社保、公积金、个税 and 银行存款 (实发)."""
    return [Posting("wages_payable", DEBIT, total), Posting("si_withheld", CREDIT, social),
            Posting("hf_withheld", CREDIT, fund), Posting("iit_withheld", CREDIT, iit), Posting("bank", CREDIT, net)]


def pickup_postings(amount: Decimal, rate: Decimal, maker: Party) -> list[Posting]:
    """A machine or parts bought from the manufacturer (tax included): 借 库存商品 (net) and 进项税额,
    贷 应付账款."""
    net, tax = vat_split(amount, rate)
    return [Posting("inventory", DEBIT, net), Posting("input_vat", DEBIT, tax), Posting("payable", CREDIT, amount, maker)]


def maker_credit_postings(amount: Decimal, account: str, maker: Party) -> list[Posting]:
    """What lowers the debt to the manufacturer: 借 应付账款, 贷 ``account`` (银行存款 for a payment,
    厂家返利 for a rebate, 索赔结算收入 for a settled claim)."""
    return [Posting("payable", DEBIT, amount, maker), Posting(account, CREDIT, amount)]


__all__ = ["CREDIT", "DEBIT", "Account", "Line", "Party", "Posting", "Voucher", "cost_postings", "maker_credit_postings",
           "payroll_accrual_postings", "payroll_payment_postings", "pickup_postings", "receipt_postings",
           "recovery_postings", "sale_postings", "vat_split", "voucher", "writeoff_postings"]
