"""Collections: receipts against the schedules, the collection log, repossessions, contract status.

Each contract gets a payer profile: most pay on the due date or a few days late, some are slow
(up to about six weeks late), and a chosen few stop paying at a period picked so that, on the
reference date, they are 31–60, 61–90, 91–180, 181–360 and more than 360 days past due.
Guarantees: a receipt is never dated before the due date of the installment it pays nor after
the reference date, so receipts never exceed what was due at their date, let alone the schedule
total; only customers with a single contract default (so no repeat buyer is seriously overdue
when buying again); demand letters (催款函/律师函) are logged with result 已送达; repossessions
concern contracts more than 180 days past due with less than 75 % of the price paid.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from ..domain.money import round_cents
from .company import AS_OF, Company
from .ledger import Contract, Ledger, ScheduleRow
from .recovery import Chase, chase_defaulter, chase_late_payment

D = Decimal
# days past due on the reference date (low, high) and how many defaulters per unit of scale
DEFAULT_BUCKETS = ((361, 600, 3), (181, 360, 4), (91, 180, 5), (61, 90, 4), (31, 60, 6))


@dataclass(frozen=True, slots=True)
class Receipt:
    """A row of 收款记录."""

    receipt_no: str
    receipt_date: date
    contract_no: str
    amount: Decimal
    method: str
    payer: str
    handled_by: str
    note: str | None


@dataclass
class Collections:
    """The receivables book apart from contracts and schedules."""

    receipts: list[Receipt] = field(default_factory=list)
    chase: Chase = field(default_factory=Chase)
    stop_period: dict[str, int] = field(default_factory=dict)


def pick_defaulters(rng: Random, ledger: Ledger, scale: float, exclude: set[str]) -> dict[str, int]:
    """contract number → first unpaid period, for the defaulters of every DPD bucket."""
    per_customer = Counter(c.customer_id for c in ledger.contracts.values())
    pool = [c for c in ledger.contracts.values() if per_customer[c.customer_id] == 1
            and c.contract_no not in exclude and c.contract_no in ledger.schedules]
    rng.shuffle(pool)
    chosen: dict[str, int] = {}
    for low, high, per_scale in DEFAULT_BUCKETS:
        wanted = max(1, round(per_scale * scale))
        for contract in pool:
            if wanted == 0:
                break
            if contract.contract_no in chosen:
                continue
            periods = [r.period for r in ledger.schedules[contract.contract_no]
                       if low <= (AS_OF - r.due_date).days <= high]
            if periods:
                chosen[contract.contract_no] = rng.choice(periods)
                wanted -= 1
    return chosen


def build_collections(rng: Random, company: Company, ledger: Ledger, scale: float,
                      exclude: set[str]) -> Collections:
    """Receipts, the collection log and repossessions; contract statuses updated in ``ledger``."""
    out = Collections(stop_period=pick_defaulters(rng, ledger, scale, exclude))
    out.chase.repo_quota = max(2, round(2 * scale))
    sales = {s.contract_no: s for s in ledger.sales}
    cashier = company.first_staff("出纳").name
    drafts: list[tuple[date, str, int, Receipt]] = []
    slow = {no for no in ledger.contracts if rng.random() < 0.25} - exclude
    for no, contract in ledger.contracts.items():
        rows = ledger.schedules.get(no)
        if not rows:
            continue
        payer = company.customer[contract.customer_id].name
        stop = out.stop_period.get(no)
        for row in rows:
            if stop is not None and row.period >= stop:
                break
            late = rng.randint(3, 45) if no in slow else (rng.randint(0, 3) if rng.random() < 0.93
                                                          else rng.randint(4, 15))
            day = row.due_date + timedelta(days=late)
            if day > AS_OF:
                break
            parts = _split(rng, row.amount_due) if rng.random() < 0.3 else [row.amount_due]
            for k, amount in enumerate(parts):
                when = day + timedelta(days=rng.randint(3, 15) * k)
                if when > AS_OF:
                    break
                note = f"第{row.period}期" + ("（部分）" if len(parts) > 1 else "")
                drafts.append((when, no, row.period, _receipt(rng, when, no, amount, payer, cashier, contract, note)))
            if late > 7:
                chase_late_payment(rng, out.chase, company, sales[no], contract, row, day)
        if stop is not None:
            paid_ratio = (contract.down_payment + sum((r.amount_due for r in rows[:stop - 1]), D(0))) \
                / contract.total_price
            partial = chase_defaulter(rng, out.chase, company, sales[no], contract, rows[stop - 1], paid_ratio)
            if partial is not None:
                when, amount = partial
                drafts.append((when, no, stop, _receipt(rng, when, no, amount, payer, cashier, contract,
                                                        f"第{stop}期（部分）")))
    drafts.sort(key=lambda d: (d[0], d[1], d[2]))
    numbers: Counter[int] = Counter()
    for when, *_, receipt in drafts:
        numbers[when.year] += 1
        out.receipts.append(replace(receipt, receipt_no=f"SK{when.year}{numbers[when.year]:05d}"))
    _settle_status(ledger, out)
    return out


def _split(rng: Random, amount: Decimal) -> list[Decimal]:
    first = round_cents(int(amount * D(rng.uniform(0.3, 0.7)) / 100) * 100)
    return [first, amount - first] if D(0) < first < amount else [amount]


def _receipt(rng: Random, day: date, no: str, amount: Decimal, payer: str, cashier: str,
             contract: Contract, note: str) -> Receipt:
    method = rng.choices(("转账", "现金", "承兑汇票", "其他"), (0.7, 0.12, 0.05 if amount >= 20000 else 0, 0.13))[0]
    handled = contract.collector if method == "现金" else cashier
    if method == "其他":
        note += "，微信转账"
    return Receipt("", day, no, amount, method, payer, handled, note)


def paid_amounts(collections: Collections) -> Counter[str]:
    """Total received per contract."""
    paid: Counter[str] = Counter()
    for r in collections.receipts:
        paid[r.contract_no] += r.amount
    return paid


def _settle_status(ledger: Ledger, out: Collections) -> None:
    paid = paid_amounts(out)
    for no, contract in ledger.contracts.items():
        rows: list[ScheduleRow] = ledger.schedules.get(no, [])
        total = sum((r.amount_due for r in rows), D(0))
        due_unpaid = _oldest_unpaid(rows, paid[no])
        if rows and paid[no] >= total:
            status = "结清"
        elif no in out.chase.repossessed:
            status = "扣车"
        elif no in out.chase.sued:
            status = "诉讼"
        elif due_unpaid is not None and (AS_OF - due_unpaid).days > 3:
            status = "逾期"
        else:
            status = "正常"
        ledger.contracts[no] = replace(contract, status=status)


def _oldest_unpaid(rows: list[ScheduleRow], paid: Decimal) -> date | None:
    """Due date of the oldest installment not fully covered by ``paid`` (oldest first)."""
    for r in rows:
        if paid >= r.amount_due:
            paid -= r.amount_due
        else:
            return r.due_date
    return None
