"""The receivables model on the Ledger: one :class:`ContractFile` per 分期合同 row, and positions.

:func:`build_receivables` indexes the books already read, in one pass, into a
:class:`Receivables`: every contract with its installments (the 还款计划 rows typed in the book;
for a contract without rows, computed from its terms by
:func:`dealer_xl.domain.schedules.build_schedule` and reported as such), its receipts as allocation
:class:`~dealer_xl.domain.allocation.Payment` records, its sale row, customer row and 催收记录 rows.
A contract with a 合同期初 row starts from that :class:`~dealer_xl.domain.allocation.Opening` (its
receipts up to the 截至日期 are not applied again; validation reports them).
Guarantees: every contract row with a contract number is kept (duplicates after the first are
counted, not merged); schedule rows, receipts and log rows that name no known contract are counted
in ``orphans``; a row that cannot be used (no date, no amount) is skipped and counted there, never
guessed. :meth:`Receivables.positions` allocates every contract as of a date once per run and
caches the result (:meth:`Receivables.positions_at` fills several dates in one replay per
contract), so validation, aging, the worklist, the plan, letters and packs share one
definition of days past due, outstanding and paid-so-far (:class:`ContractPosition`).

A contract holding an implausible value (a date outside the 参数 range, an amount beyond the 大写
range or negative where impossible, see :mod:`dealer_xl.ledger.sanity`) in its 分期合同 row or in its
还款计划, 收款记录 or 催收记录 rows is kept but gets no installments and no payments, and is listed in
``skipped`` with the reason: every computation leaves it out and goes on with the others.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from .. import schema
from ..domain.allocation import ContractPosition, Opening, Payment, allocate, allocate_at
from ..domain.money import ZERO
from ..domain.monthly import month_range
from ..domain.ranges import bounds
from ..domain.repossession import RECEIPT, RECOVERY, disposal_payment
from ..domain.schedules import METHODS, Installment, build_schedule
from ..io.reader import gc_paused
from .sanity import contract_reason, suspect_rows

FROM_BOOK, COMPUTED, NONE = "台账", "按合同条款计算", "无"
SANITY_SHEETS = ("contracts", "schedule", "receipts", "collection_log", "openings")  # what contract_reason reads

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ContractFile:
    """Everything known about one installment contract.

    Attributes:
        contract_no: 合同编号.
        contract: the 分期合同 row.
        sale: the 销售明细 row of the same contract number, if any.
        customer: the 客户 row of the contract's customer, if any.
        installments: the schedule, in period order (empty when none could be had).
        schedule_source: 台账 (rows typed in 还款计划), 按合同条款计算 (no rows; computed) or 无.
        payments: the contract's receipts, in date order.
        log_rows: the contract's 催收记录 rows, in date order.
        sub_dealer: the 二级经销商 name (or id) of the sale, '' when none.
        repossessions: the contract's 扣车记录 rows, in date order (a 已处置 row with amount and
            date is among ``payments`` as net disposal proceeds, kind ``disposal``).
        writeoff: the contract's 核销记录 row, None when not written off (receipts after its
            date are kind ``recovery``).
        opening: the contract's 合同期初 position, None when its whole history is in the books.
    """

    contract_no: str
    contract: Row
    sale: Row | None
    customer: Row | None
    installments: tuple[Installment, ...]
    schedule_source: str
    payments: tuple[Payment, ...]
    log_rows: tuple[Row, ...]
    sub_dealer: str = ""
    repossessions: tuple[Row, ...] = ()
    writeoff: Row | None = None
    opening: Opening | None = None

    @property
    def written_off(self) -> bool:
        """True when the contract has a 核销记录 row or its status is 核销."""
        return self.writeoff is not None or self.contract.get("status") == "核销"

    @property
    def customer_name(self) -> str:
        return (self.customer or {}).get("name") or self.contract.get("customer_id") or ""

    @property
    def phone(self) -> str:
        return (self.customer or {}).get("phone") or ""

    @property
    def branch(self) -> str:
        return (self.sale or {}).get("branch") or (self.customer or {}).get("branch") or "（未填）"

    @property
    def region(self) -> str:
        return (self.customer or {}).get("region") or "（未填）"

    @property
    def salesperson(self) -> str:
        return (self.sale or {}).get("salesperson") or (self.customer or {}).get("sales_rep") or "（未填）"

    @property
    def collector(self) -> str:
        return self.contract.get("collector") or "（未填）"


@dataclass(slots=True)
class Receivables:
    """Every installment contract of the books, indexed, with positions cached per date.

    Attributes:
        contracts: every contract, in the order of 分期合同.
        by_no: contract number → its ContractFile.
        orphans: schedule rows / receipts naming no contract, and rows skipped as unusable.
        grace_days: the 参数 grace days used by :meth:`positions`.
        penalty_daily_rate: the 参数 penalty rate used by :meth:`positions`.
        skipped: contract number → the Chinese reason it is left out of computations.
    """

    contracts: tuple[ContractFile, ...]
    by_no: dict[str, ContractFile]
    orphans: dict[str, int]
    grace_days: int
    penalty_daily_rate: Decimal
    skipped: dict[str, str] = field(default_factory=dict)
    _positions: dict[date, dict[str, ContractPosition]] = field(default_factory=dict, repr=False)
    parent: Receivables | None = field(default=None, repr=False)
    through: date | None = None
    _single: dict[date, dict[str, ContractPosition]] = field(default_factory=dict, repr=False, compare=False)
    """Positions asked for one by one (:meth:`position`), per date, until :meth:`positions` takes them."""

    def position(self, contract_no: str, as_of: date) -> ContractPosition | None:
        """One contract's position as of ``as_of`` (None for an unknown contract number)."""
        cached = self._positions.get(as_of)
        if cached is not None:
            return cached.get(contract_no)
        found = self.by_no.get(contract_no)
        if found is None:
            return None
        if self._shared(as_of):
            return self.parent.position(contract_no, as_of)
        single = self._single.setdefault(as_of, {})
        if contract_no not in single:
            single[contract_no] = self._allocate(found, as_of)
        return single[contract_no]

    def positions(self, as_of: date) -> dict[str, ContractPosition]:
        """Every contract's position as of ``as_of`` (receipts after it ignored), computed once."""
        if as_of not in self._positions:
            if self._shared(as_of):
                every = self.parent.positions(as_of)
                self._positions[as_of] = {no: every[no] for no in self.by_no}
            else:  # those already asked for one by one are not allocated again
                single = self._single.pop(as_of, {})
                with gc_paused():  # hundreds of thousands of states that live on, in no cycle
                    self._positions[as_of] = {c.contract_no: single.get(c.contract_no) or self._allocate(c, as_of)
                                              for c in self.contracts}
        return self._positions[as_of]

    def _shared(self, as_of: date) -> bool:
        """True when this is a view whose positions on ``as_of`` are its source's: on any date up to
        the view's day, what came later plays no part in a position."""
        return self.parent is not None and self.through is not None and as_of <= self.through

    def seen_on(self, day: date, contract_rows: Iterable[Row], repossession_rows: Iterable[Row]) -> Receivables:
        """This model as it was on ``day`` (:meth:`dealer_xl.ledger.Ledger.as_of`): the contracts of
        ``contract_rows`` (the 分期合同 rows existing then, as they were), with the receipts, disposals,
        collection log and repossessions dated up to ``day`` and a write-off only once it is dated.
        Positions on dates up to ``day`` are this model's own (shared, not recomputed)."""
        rows = {}
        for row in contract_rows:
            rows.setdefault(row.get("contract_no"), row)
        repos: dict[str, list[Row]] = defaultdict(list)
        for r in repossession_rows:
            repos[r.get("contract_no")].append(r)
        files = []
        for c in self.contracts:
            row = rows.get(c.contract_no)
            if row is None:
                continue
            written = (c.writeoff or {}).get("date")
            files.append(replace(
                c, contract=row, payments=tuple(p for p in c.payments if p.day <= day),
                log_rows=tuple(r for r in c.log_rows if r.get("log_date") is None or r["log_date"] <= day),
                repossessions=tuple(sorted(repos.get(c.contract_no, ()), key=lambda r: r["repo_date"] or date.min)),
                writeoff=None if isinstance(written, date) and written > day else c.writeoff))
        return Receivables(tuple(files), {c.contract_no: c for c in files}, self.orphans, self.grace_days,
                           self.penalty_daily_rate, {k: v for k, v in self.skipped.items() if k in rows},
                           parent=self, through=day)

    def positions_at(self, dates: Iterable[date]) -> dict[date, dict[str, ContractPosition]]:
        """Every contract's positions at each of ``dates``: the dates not cached yet are filled in
        one pass per contract (its receipts replayed once, see
        :func:`~dealer_xl.domain.allocation.allocate_at`); exactly what :meth:`positions` gives."""
        wanted = sorted(set(dates))
        shared = [d for d in wanted if d not in self._positions and self._shared(d)]
        if shared:
            for day, every in self.parent.positions_at(shared).items():
                self._positions[day] = {no: every[no] for no in self.by_no}
        missing = [d for d in wanted if d not in self._positions]
        for day in missing:
            self._single.pop(day, None)  # allocated again below, with the other dates, in one replay
        if missing:
            filled: dict[date, dict[str, ContractPosition]] = {d: {} for d in missing}
            with gc_paused():  # as in positions
                for c in self.contracts:
                    for day, position in allocate_at(c.installments, c.payments, missing, grace_days=self.grace_days,
                                                     penalty_daily_rate=self.penalty_daily_rate,
                                                     contract_no=c.contract_no, opening=c.opening).items():
                        filled[day][c.contract_no] = position
            self._positions.update(filled)
        return {d: self._positions[d] for d in wanted}

    def month_positions(self, month: str) -> tuple[dict[str, ContractPosition], dict[str, ContractPosition]]:
        """Every contract's positions the day before ``month`` (YYYY-MM) and on its last day (cached)."""
        before, last = month_dates(month)
        found = self.positions_at((before, last))
        return found[before], found[last]

    def _allocate(self, c: ContractFile, as_of: date) -> ContractPosition:
        return allocate(c.installments, c.payments, as_of, grace_days=self.grace_days,
                        penalty_daily_rate=self.penalty_daily_rate, contract_no=c.contract_no, opening=c.opening)


def build_receivables(tables: dict[tuple[str, str], list[Row]], params: dict[str, Any],
                      today: date | None = None) -> Receivables:
    """Index the rows of the books (``tables[(book, sheet)]``) per contract (see the module docstring).

    ``today`` sets the latest plausible date (参数 latest_date_years_ahead after it); without it
    only dates the calendar cannot carry on from (after 9900) count as implausible.
    """
    with gc_paused():  # a hundred thousand installments and receipts that live on, in no cycle
        return _build(tables, params, today)


def _build(tables: dict[tuple[str, str], list[Row]], params: dict[str, Any], today: date | None) -> Receivables:
    """:func:`build_receivables`, the collector paused by its caller."""
    limits = bounds(params, today or date(9900, 1, 1))
    skipped: dict[str, str] = {}
    orphans: dict[str, int] = defaultdict(int)
    schedules = _group(tables.get(("receivables", "schedule"), []), orphans, "还款计划")
    receipts = _group(tables.get(("receivables", "receipts"), []), orphans, "收款记录")
    logs = _group(tables.get(("receivables", "collection_log"), []), orphans, "催收记录")
    repos = _group(tables.get(("receivables", "repossessions"), []), orphans, "扣车记录")
    writeoffs = _first_by(tables.get(("receivables", "writeoffs"), []), "contract_no")
    openings = _first_by(tables.get(("receivables", "openings"), []), "contract_no")
    sales = _first_by(tables.get(("sales", "sales"), []), "contract_no")
    customers = _first_by(tables.get(("master", "customers"), []), "customer_id")
    dealers = _first_by(tables.get(("master", "sub_dealers"), []), "dealer_id")
    # the rows that might hold an implausible value, found column by column; only their contracts
    # are looked at row by row (contract_reason)
    suspects: set[int] = set()
    flagged: set[Any] = set()
    for key in SANITY_SHEETS:
        for r in suspect_rows(schema.sheet("receivables", key), tables.get(("receivables", key), []), limits):
            suspects.add(id(r))
            flagged.add(r.get("contract_no"))
    files: list[ContractFile] = []
    seen: set[str] = set()
    for row in tables.get(("receivables", "contracts"), []):
        number = row["contract_no"]
        if number is None or number in seen:
            orphans["分期合同（无编号或重复）"] += 1
            continue
        seen.add(number)
        sale = sales.get(number)
        opening_row = openings.get(number)
        mine = {"contracts": [row], "schedule": schedules.pop(number, []),
                "receipts": receipts.pop(number, []), "collection_log": logs.pop(number, []),
                "openings": [opening_row] if opening_row else []}
        repo_rows = tuple(sorted(repos.pop(number, []), key=lambda r: r["repo_date"] or date.min))
        writeoff = writeoffs.get(number)
        reason = contract_reason(mine, limits, suspects) if number in flagged else None
        if reason:
            skipped[number] = reason
            installments, source, payments = (), NONE, ()
        else:
            installments, source = _installments(row, mine["schedule"], orphans)
            payments = _payments(mine["receipts"], orphans, number, repo_rows, writeoff)
        dealer_id = (sale or {}).get("sub_dealer_id")
        files.append(ContractFile(
            number, row, sale, customers.get(row["customer_id"]), installments, source, payments,
            tuple(sorted(mine["collection_log"], key=lambda r: r["log_date"] or date.min)),
            ((dealers.get(dealer_id) or {}).get("name") or dealer_id) if dealer_id else "",
            repo_rows, writeoff, None if reason else opening_of(opening_row)))
    for label, left in (("还款计划", schedules), ("收款记录", receipts), ("催收记录", logs), ("扣车记录", repos)):
        if left:
            orphans[f"{label}（合同不存在）"] += sum(len(v) for v in left.values())
    return Receivables(tuple(files), {c.contract_no: c for c in files}, dict(orphans),
                       int(params["grace_days"]), Decimal(params["penalty_daily_rate"]), skipped)


def month_dates(month: str) -> tuple[date, date]:
    """The two dates :meth:`Receivables.month_positions` reads for ``month``: the day before it
    and its last day."""
    first, last = month_range(month)
    return first - timedelta(days=1), last


def opening_of(row: Row | None) -> Opening | None:
    """The :class:`Opening` of a 合同期初 row; None without a row, a 截至日期, or 已还本金 and 已还利息."""
    if row is None or row.get("as_of") is None or row.get("principal_paid") is None \
            or row.get("interest_paid") is None:
        return None
    return Opening(row["as_of"], row["principal_paid"], row["interest_paid"], row.get("penalty_paid") or ZERO)


def computed_schedule(contract: Row) -> list[Installment]:
    """The schedule the contract's terms give, or [] when they cannot give one (自定义, missing or
    invalid amount, term, rate or first due date, or due dates past the calendar's year 9999)."""
    method, financed, term = contract["method"], contract["financed_amount"], contract["term_months"]
    first, rate = contract["first_due_date"], contract["annual_rate"] or ZERO
    if method not in METHODS or financed is None or financed <= 0 or not term or term <= 0 \
            or first is None or rate < 0 or first.year + term // 12 + 1 > 9999:
        return []
    try:
        return build_schedule(financed, ZERO if method == "免息" else rate, term, first, method)
    except (ValueError, OverflowError, ArithmeticError):  # terms typed so wrong no calendar holds them
        return []


def _group(rows: list[Row], orphans: dict[str, int], label: str) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row["contract_no"] is None:
            orphans[f"{label}（无合同编号）"] += 1
        else:
            grouped[row["contract_no"]].append(row)
    return grouped


def _first_by(rows: list[Row], key: str) -> dict[Any, Row]:
    found: dict[Any, Row] = {}
    for row in rows:
        found.setdefault(row[key], row)
    return found


def _installments(contract: Row, rows: list[Row], orphans: dict[str, int]) -> tuple[tuple[Installment, ...], str]:
    if rows:
        return _from_rows(contract, rows, orphans), FROM_BOOK
    computed = computed_schedule(contract)
    return (tuple(computed), COMPUTED) if computed else ((), NONE)


def _from_rows(contract: Row, rows: list[Row], orphans: dict[str, int]) -> tuple[Installment, ...]:
    usable = []
    for row in rows:
        if row["due_date"] is None or row["amount_due"] is None:
            orphans["还款计划（缺应还日期或金额）"] += 1
            continue
        interest = row["interest"] if row["interest"] is not None else ZERO
        principal = row["principal"] if row["principal"] is not None else row["amount_due"] - interest
        usable.append((row["due_date"], row["period"] or 0, row["amount_due"], principal, interest))
    usable.sort()
    balance = contract["financed_amount"] or sum((u[3] for u in usable), ZERO)
    out = []
    for k, (due, period, amount, principal, interest) in enumerate(usable, 1):
        balance -= principal
        out.append(Installment(period or k, due, amount, principal, interest, balance))
    return tuple(out)


def _payments(rows: list[Row], orphans: dict[str, int], contract_no: str = "",
              repossessions: tuple[Row, ...] = (), writeoff: Row | None = None) -> tuple[Payment, ...]:
    """Receipts (kind ``recovery`` after the write-off date) and net disposal proceeds, by date."""
    written = (writeoff or {}).get("date")
    out = []
    for row in rows:
        if row["receipt_date"] is None or row["amount"] is None or row["amount"] <= 0:
            orphans["收款记录（缺日期或金额不为正）"] += 1
            continue
        kind = RECOVERY if written is not None and row["receipt_date"] > written else RECEIPT
        out.append(Payment(row["receipt_date"], row["amount"], row["receipt_no"], kind))
    out += [p for p in (disposal_payment(contract_no, r) for r in repossessions) if p is not None]
    out.sort(key=lambda p: p.day)
    return tuple(out)
