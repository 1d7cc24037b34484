"""How overdue installments are chased: the collection log (催收记录) and repossessions (扣车记录).

The salesperson chases the first 60 days (sales_to_credit_handover_days), the contract's
collector afterwards. A defaulter receives calls and visits, a 催款函 after 60 days and a
律师函 after 120 (both logged 已送达), some are sued after 200 days, and a couple of those more
than 180 days past due with under 75 % of the price paid have the machine taken back. Promises
to pay are logged with date and amount; a defaulter's promises are broken except, sometimes, one
partial payment. Every log date lies between the missed due date and the reference date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from ..domain.money import round_cents
from .company import AS_OF, SALESPERSON, Company
from .ledger import Contract, Sale, ScheduleRow

D = Decimal
CALL_RESULTS = ("无人接听", "电话关机", "客户称工程款未到位，暂无力还款", "客户态度消极，拒绝沟通",
                "已告知逾期后果及罚息", "担保人表示将督促客户还款", "客户称设备停工，收入减少")


@dataclass(frozen=True, slots=True)
class LogEntry:
    """A row of 催收记录."""

    log_date: date
    contract_no: str
    collector: str
    action: str
    result: str
    promise_date: date | None
    promise_amount: Decimal | None


@dataclass(frozen=True, slots=True)
class Repossession:
    """A row of 扣车记录."""

    repo_date: date
    contract_no: str
    serial_no: str
    location: str
    keeper: str
    status: str
    redeemed_date: date | None
    disposal_amount: Decimal | None
    disposal_date: date | None = None
    towing_fee: Decimal | None = None
    storage_fee: Decimal | None = None
    appraisal_fee: Decimal | None = None


@dataclass
class Chase:
    """The collection log and repossessions, with the contracts sued or repossessed."""

    log: list[LogEntry] = field(default_factory=list)
    repossessions: list[Repossession] = field(default_factory=list)
    repossessed: set[str] = field(default_factory=set)
    sued: set[str] = field(default_factory=set)
    repo_quota: int = 2


def _chaser(company: Company, sale: Sale, contract: Contract, day: date, overdue_days: int) -> str:
    if overdue_days <= 60:
        active = {e.name for e in company.staff(SALESPERSON, on=day)}
        if sale.salesperson in active:
            return sale.salesperson
    return contract.collector


def _promise(day: date) -> str:
    return f"客户承诺{day.month}月{day.day}日前还款"


def chase_late_payment(rng: Random, chase: Chase, company: Company, sale: Sale, contract: Contract,
                       row: ScheduleRow, paid_on: date) -> None:
    """A reminder (and, after a month, a visit) for an installment that was eventually paid."""
    day = row.due_date + timedelta(days=rng.randint(3, 6))
    if day >= paid_on:
        return
    action = "电话" if rng.random() < 0.8 else "短信"
    who = _chaser(company, sale, contract, day, (day - row.due_date).days)
    chase.log.append(LogEntry(day, contract.contract_no, who, action, _promise(paid_on), paid_on, row.amount_due))
    visit = row.due_date + timedelta(days=rng.randint(25, 30))
    if visit < paid_on:
        who = _chaser(company, sale, contract, visit, (visit - row.due_date).days)
        chase.log.append(LogEntry(visit, contract.contract_no, who, "上门", "上门催收，" + _promise(paid_on),
                                  paid_on, row.amount_due))


def chase_defaulter(rng: Random, chase: Chase, company: Company, sale: Sale, contract: Contract,
                    unpaid: ScheduleRow, paid_ratio: Decimal) -> tuple[date, Decimal] | None:
    """Log the pursuit of a contract whose installment ``unpaid`` was never paid.

    Returns the date and amount of a partial payment the customer made after a promise, if any.
    """
    due = unpaid.due_date
    overdue_total = (AS_OF - due).days
    repossess = overdue_total > 180 and paid_ratio < D("0.75") and len(chase.repossessions) < chase.repo_quota
    repo_after = min(rng.randint(150, 200), overdue_total - 5)
    sue = overdue_total > 230 and not repossess and rng.random() < 0.5
    partial: tuple[date, Decimal] | None = None
    done: set[str] = set()
    day = due + timedelta(days=rng.randint(3, 6))
    while day <= AS_OF:
        d = (day - due).days
        who = _chaser(company, sale, contract, day, d)
        promise_day, promise_amount = None, None
        if d >= 60 and "催款函" not in done:
            action, result = "催款函", "已送达"
        elif d >= 120 and "律师函" not in done:
            action, result = "律师函", "已送达"
        elif repossess and d >= repo_after and "扣车" not in done:
            action, result = "扣车", f"已扣回设备，存放于{sale.branch}设备停放场"
            _repossess(rng, chase, company, sale, contract, day)
        elif sue and d >= 200 and "起诉" not in done:
            action, result = "起诉", "已向人民法院提交起诉状"
            chase.sued.add(contract.contract_no)
        else:
            action = rng.choices(("电话", "短信", "上门"), (0.6, 0.2, 0.2))[0]
            result = rng.choice(CALL_RESULTS)
            if rng.random() < 0.35:
                promise_day = day + timedelta(days=rng.randint(5, 15))
                promise_amount = unpaid.amount_due
                result = _promise(promise_day)
                if partial is None and promise_day <= AS_OF and rng.random() < 0.3:
                    partial = (promise_day, round_cents(int(unpaid.amount_due * D(rng.uniform(0.3, 0.6)) / 100) * 100))
        done.add(action)
        chase.log.append(LogEntry(day, contract.contract_no, who, action, result, promise_day, promise_amount))
        day += timedelta(days=rng.randint(10, 25) if d <= 180 else rng.randint(20, 40))
    return partial


def _repossess(rng: Random, chase: Chase, company: Company, sale: Sale, contract: Contract, day: date) -> None:
    """Every second machine taken back is sold (disposed) — unless taken in the last 15 days before
    the demo's date: it is still held (a sale needs time, and its date follows the repossession)."""
    disposed = len(chase.repossessions) % 2 == 1 and day <= AS_OF - timedelta(days=15)
    amount = round_cents(int(contract.financed_amount * D(rng.uniform(0.4, 0.6)) / 1000) * 1000) if disposed else None
    chase.repossessions.append(Repossession(
        day, contract.contract_no, contract.serial_no, f"{sale.branch}设备停放场",
        company.first_staff("行政专员").name, "已处置" if disposed else "扣押中", None, amount))
    chase.repossessed.add(contract.contract_no)
