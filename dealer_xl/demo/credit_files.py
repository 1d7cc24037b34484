"""The demo's credit files (#16): disposal costs, a redemption, write-offs with recovery, legal
cases, notarisation, sub-dealer limits, and a customer whose behaviour contradicts the book.

:func:`settle_credit_files` runs last in :func:`dealer_xl.demo.world.build_world`, on the finished
sheets, and keeps them clean under the recovery and sales-consistency rules (the planted
mistakes of :mod:`.plant_credit` are the only breaches): a disposed machine gets its date and
costs; the held machine is redeemed (receipts after the repossession pay what the notice
demanded, later instalments paid on time); the two longest-overdue contracts neither sued nor
repossessed are written off (the first with the GM's second signature and a later recovery);
every sued contract (at least three: the longest overdue are sued when fewer) gets its 诉讼案件 row; installment sales above the notarisation amount are
notarised; a contract whose penalty is still owed is not 结清 but 正常; sub-dealers' limits cover
their exposure; one slow payer is recorded as grade A. Figures come from the same allocation
the product uses, so the books and the tool agree to the fen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from ..domain.allocation import ContractPosition, Payment, allocate
from ..domain.money import ZERO, round_cents
from ..domain.schedules import Installment
from ..schema.params import BY_KEY
from .company import AS_OF, Company
from .recovery import LogEntry
from .repayments import Receipt

D = Decimal
R = ("receivables", "receipts")
CLOSED = ("结清", "核销")


@dataclass(frozen=True, slots=True)
class Writeoff:
    """A row of 核销记录."""

    date: date
    contract_no: str
    principal: Decimal
    interest: Decimal
    penalty: Decimal
    reason: str
    approved_by: str
    approved_by_2: str | None


@dataclass(frozen=True, slots=True)
class Case:
    """A row of 诉讼案件."""

    case_no: str
    contract_no: str
    court: str
    filing_date: date
    claim_amount: Decimal
    stage: str
    next_hearing: date | None
    judgment_amount: Decimal | None
    lawyer: str


class Books:
    """Schedule rows and receipts of the demo sheets grouped per contract (rebuild after edits)."""

    def __init__(self, sheets: dict) -> None:
        self.schedule: dict[str, list] = {}
        self.receipts: dict[str, list] = {}
        for s in sheets[("receivables", "schedule")]:
            self.schedule.setdefault(s.contract_no, []).append(s)
        for r in sheets[R]:
            self.receipts.setdefault(r.contract_no, []).append(r)


def position(sheets: dict, contract_no: str, as_of: date, books: Books | None = None) -> ContractPosition:
    """The contract's position in the demo books, by the product's allocation."""
    books = books or Books(sheets)
    rows = books.schedule.get(contract_no, [])
    balance = sum((s.principal for s in rows), ZERO)
    installments = []
    for s in rows:
        balance -= s.principal
        installments.append(Installment(s.period, s.due_date, s.amount_due, s.principal, s.interest, balance))
    payments = [Payment(r.receipt_date, r.amount, r.receipt_no) for r in books.receipts.get(contract_no, [])]
    return allocate(installments, payments, as_of, grace_days=int(BY_KEY["grace_days"].default),
                    penalty_daily_rate=BY_KEY["penalty_daily_rate"].default, contract_no=contract_no)


def settle_credit_files(rng: Random, sheets: dict, company: Company) -> Company:
    """Add the credit files to ``sheets`` (edited in place); returns the company with settled dealers."""
    contracts = {c.contract_no: c for c in sheets[("receivables", "contracts")]}
    _dispose(sheets)
    _redeem(sheets, company, contracts)
    _write_off(sheets, company, contracts)
    _cases(rng, sheets, company, contracts)
    _notarise(sheets)
    _settled(sheets, contracts)
    sheets[("receivables", "contracts")][:] = [contracts[c.contract_no] for c in sheets[("receivables", "contracts")]]
    _slow_payer_graded_a(sheets, contracts)
    _machine_located(sheets, contracts)
    dealers = _dealer_limits(sheets)
    return replace(company, sub_dealers=tuple(dealers))


def _add_receipt(sheets: dict, template, day: date, amount: Decimal, note: str) -> None:
    rows = sheets[R]
    year = [int(r.receipt_no[6:]) for r in rows if r.receipt_no.startswith(f"SK{day.year}")]
    new = replace(template, receipt_no=f"SK{day.year}{max(year, default=0) + 1:05d}", receipt_date=day,
                  amount=amount, method="转账", note=note)
    at = next((i for i, r in enumerate(rows) if r.receipt_date > day), len(rows))
    rows.insert(at, new)


def _dispose(sheets: dict) -> None:
    rows = sheets[("receivables", "repossessions")]
    for i, r in enumerate(rows):
        if r.status == "已处置":
            day = min(r.repo_date + timedelta(days=45), AS_OF - timedelta(days=5))
            rows[i] = replace(r, disposal_date=day, towing_fee=D("3500.00"),
                              storage_fee=D(40 * (day - r.repo_date).days).quantize(D("0.01")),
                              appraisal_fee=D("2000.00"))


def _redeem(sheets: dict, company: Company, contracts: dict) -> None:
    """Held machines redeemed 12 days after repossession, when the redemption and the later
    instalments stay within what the buyer owes in total (so no contract is overpaid)."""
    rows = sheets[("receivables", "repossessions")]
    for i, r in enumerate(rows):
        if r.status != "扣押中" or (AS_OF - r.repo_date).days < 20:
            continue
        at_repo = position(sheets, r.contract_no, r.repo_date)
        fees = D("3500.00")
        demanded = at_repo.overdue + at_repo.penalty_outstanding + fees
        day = r.repo_date + timedelta(days=12)
        later = [s for s in sheets[("receivables", "schedule")] if s.contract_no == r.contract_no and day < s.due_date <= AS_OF]
        owed = at_repo.outstanding  # everything still owed, due or not: the buyer never pays more than that
        if demanded + sum((s.amount_due for s in later), ZERO) > owed:
            continue
        template = _template(sheets, company, contracts[r.contract_no])
        _add_receipt(sheets, template, day, demanded, "赎回扣押设备（逾期本息、罚息及拖车费）")
        for s in later:
            _add_receipt(sheets, template, s.due_date, s.amount_due, f"第{s.period}期")
        rows[i] = replace(r, status="已赎回", redeemed_date=day, towing_fee=fees)
        after = position(sheets, r.contract_no, AS_OF)
        contracts[r.contract_no] = replace(contracts[r.contract_no], status="逾期" if after.dpd > 3 else "正常")


def _write_off(sheets: dict, company: Company, contracts: dict) -> None:
    """Among contracts signed before the write-off date and more than 90 days past due then with
    nothing received since: the longest-overdue, signed off by the GM and partly recovered later;
    then the largest remaining debt, which the planting leaves without the GM's signature."""
    taken = {r.contract_no for r in sheets[("receivables", "repossessions")]}
    books, day = Books(sheets), AS_OF - timedelta(days=92)
    paid_late = {r.contract_no for r in sheets[R] if r.receipt_date > day}
    late = [no for no, c in contracts.items() if c.status == "逾期" and no not in taken and c.sign_date < day]
    quiet = [no for no in late if no not in paid_late]
    pool = quiet if len(quiet) >= 2 else late
    worst = max(pool, key=lambda no: (position(sheets, no, day, books).dpd, no))
    largest = max((no for no in (pool if len(pool) > 2 else late) if no != worst),
                  key=lambda no: (_owed(position(sheets, no, day, books)), no))
    chief, gm = company.first_staff("信审债权部部长").name, company.first_staff("总经理").name
    for k, no in enumerate((worst, largest)):
        at = position(sheets, no, day, books)
        principal = sum((s.principal - s.principal_paid for s in at.installments), ZERO)
        interest = sum((s.interest - s.interest_paid for s in at.installments), ZERO)
        sheets[("receivables", "writeoffs")].append(Writeoff(
            day, no, principal, interest, at.penalty_outstanding,
            "客户下落不明，担保人无履行能力，经催收及诉前调解无果", chief, gm if k == 0 else None))
        contracts[no] = replace(contracts[no], status="核销")
    _add_receipt(sheets, _template(sheets, company, contracts[worst]), day + timedelta(days=40), D("8000.00"),
                 "核销后追回（担保人代偿）")


def _template(sheets: dict, company: Company, contract) -> Receipt:
    """A receipt of the contract to copy (its first, or a new one paid by the buyer to the cashier)."""
    found = next((x for x in sheets[R] if x.contract_no == contract.contract_no), None)
    return found or Receipt("", AS_OF, contract.contract_no, D("0.00"), "转账",
                            company.customer[contract.customer_id].name, company.first_staff("出纳").name, None)


def _owed(at: ContractPosition) -> Decimal:
    return at.outstanding + at.penalty_outstanding


def _cases(rng: Random, sheets: dict, company: Company, contracts: dict) -> None:
    sued = sorted(no for no, c in contracts.items() if c.status == "诉讼")
    if len(sued) < 3:
        books, taken = Books(sheets), {r.contract_no for r in sheets[("receivables", "repossessions")]}
        late = sorted((position(sheets, no, AS_OF, books).dpd, no) for no, c in contracts.items()
                      if c.status == "逾期" and no not in taken)
        for _, no in late[::-1][:3 - len(sued)]:
            contracts[no] = replace(contracts[no], status="诉讼")
            sued.append(no)
    sales = {s.contract_no: s for s in sheets[("sales", "sales")]}
    lawyers = ("王振华", "李静", "赵明远")
    for n, no in enumerate(sued):
        log = [e.log_date for e in sheets[("receivables", "collection_log")] if e.contract_no == no and e.action == "起诉"]
        filed = min((log[0] if log else AS_OF - timedelta(days=60)) + timedelta(days=15), AS_OF - timedelta(days=3))
        at = position(sheets, no, filed)
        claim = at.outstanding + at.penalty_outstanding
        stage = ("开庭", "立案", "判决")[n % 3]
        hearing = AS_OF + timedelta(days=5 + 7 * n) if stage == "开庭" else None
        judgment = round_cents(claim * D("0.95")) if stage == "判决" else None
        court = f"{sales[no].branch.removesuffix('分公司')}市人民法院"
        sheets[("receivables", "cases")].append(Case(
            f"（{filed.year}）豫01{rng.randint(1, 9):02d}民初{rng.randint(1000, 9999)}号", no, court, filed,
            claim, stage, hearing, judgment, lawyers[n % len(lawyers)]))


def _notarise(sheets: dict) -> None:
    limit = BY_KEY["notarize_over_amount"].default
    rows = sheets[("sales", "sales")]
    for i, s in enumerate(rows):
        if s.payment_type != "全款" and s.deal_price > limit and s.notarized != "是":
            rows[i] = replace(s, notarized="是")


def _settled(sheets: dict, contracts: dict) -> None:
    books = Books(sheets)
    for no, c in contracts.items():
        if c.status == "结清":
            at = position(sheets, no, AS_OF, books)
            if at.outstanding + at.penalty_outstanding > 0:
                contracts[no] = replace(c, status="正常")


def _slow_payer_graded_a(sheets: dict, contracts: dict) -> None:
    """One customer 31–90 days past due, with no other contract, is recorded as grade A."""
    owners: dict[str, int] = {}
    for c in contracts.values():
        owners[c.customer_id] = owners.get(c.customer_id, 0) + 1
    books = Books(sheets)
    late = sorted(no for no, c in contracts.items() if c.status == "逾期" and owners[c.customer_id] == 1
                  and 30 < position(sheets, no, AS_OF, books).dpd <= 90)
    if not late:
        return
    customer_id = contracts[late[0]].customer_id
    rows = sheets[("master", "customers")]
    i = next(i for i, c in enumerate(rows) if c.customer_id == customer_id)
    rows[i] = replace(rows[i], credit_grade="A")


def _machine_located(sheets: dict, contracts: dict) -> None:
    """A visit that found the machine by GPS on one long-overdue contract (so 扣车 stays suggested)."""
    books = Books(sheets)
    late = sorted(no for no, c in contracts.items() if c.status == "逾期" and position(sheets, no, AS_OF, books).dpd > 180)
    if not late:
        return
    contract = contracts[late[0]]
    log = sheets[("receivables", "collection_log")]
    day = AS_OF - timedelta(days=6)
    entry = LogEntry(day, contract.contract_no, contract.collector, "上门", "GPS定位：设备在工地作业，已现场核实，具备扣车条件",
                     None, None)
    at = next((i for i, e in enumerate(log) if (e.log_date, e.contract_no) > (day, contract.contract_no)), len(log))
    log.insert(at, entry)


def dealer_needs(sheets: dict) -> dict[str, list[tuple[Decimal, object]]]:
    """Per sub-dealer, (exposure + financed, sale) of each installment sale through it."""
    contracts = {c.contract_no: c for c in sheets[("receivables", "contracts")]}
    paid: dict[str, list] = {}
    for r in sheets[R]:
        paid.setdefault(r.contract_no, []).append((r.receipt_date, r.amount))
    sales = [s for s in sheets[("sales", "sales")] if s.sub_dealer_id and s.payment_type != "全款"]
    out: dict[str, list] = {}
    for s in sales:
        exposure = ZERO
        for o in sales:
            c = contracts.get(o.contract_no)
            if o.sub_dealer_id != s.sub_dealer_id or o.contract_no == s.contract_no or c is None \
                    or c.sign_date > s.sale_date or c.status in CLOSED:
                continue
            got = sum((a for d, a in paid.get(o.contract_no, []) if d <= s.sale_date), ZERO)
            exposure += max(c.financed_amount - got, ZERO)
        out.setdefault(s.sub_dealer_id, []).append((exposure + s.financed_amount, s))
    return out


def _dealer_limits(sheets: dict) -> list:
    needs = dealer_needs(sheets)
    rows = sheets[("master", "sub_dealers")]
    for i, d in enumerate(rows):
        need = max((n for n, _ in needs.get(d.dealer_id, [])), default=ZERO)
        if need > d.credit_limit:
            rows[i] = replace(d, credit_limit=round_cents(math.ceil(need / 100000) * 100000))
    return list(rows)


__all__ = ["Books", "Case", "Writeoff", "dealer_needs", "position", "settle_credit_files"]
