"""Receipt allocation and penalty interest per contract (DOMAIN §3), pure and exact.

Default policy: receipts are applied in date order (same-day receipts in the order given); each goes
first to installments already due on the receipt date (oldest first; within one, interest before
principal), then to penalty interest accrued up to that date, then to installments not yet due
(oldest first, interest before principal), and anything left is unapplied (overpaid). Receipts
dated after the as-of date are ignored; a receipt whose amount is not positive applies nothing
(it is all ``unapplied``; validation reports it).

What an installment owes is its 应还金额: its interest part is the typed interest clamped to
0…应还金额, its principal part the rest, so a hand-typed row whose 本金 + 利息 ≠ 应还金额 is still
allocated exactly (validation reports the row).

Penalty day count: an installment due on D with grace g accrues nothing up to D + g. Each day after
that it accrues outstanding × penalty_daily_rate, on the amount outstanding that day. An amount
paid on day P stops accruing on P: a stretch with outstanding O from day a to day b (b > a) adds
O × rate × (b − max(a, D + g)) when positive. So one payment of the whole installment on P costs
O × rate × max(0, P − D − g). Penalty is kept exact per installment and rounded to the fen (half up)
per installment at the date it is read: at each receipt (to see what is payable) and at the as-of
date (``InstallmentState.penalty``). All amounts are Decimal; the allocation guarantees that for
every receipt to_interest + to_principal + to_penalty + unapplied == amount, and that no installment
is paid more than it owes.

Opening balances (合同期初): a contract whose receipts up to a 截至日期 are not in the books starts
from an :class:`Opening` — what the previous system says was paid by then. Allocation starts from
that position, whatever the as-of date: 已还利息 and 已还本金 are spread over the installments in
due-date order (each installment's interest, respectively principal, until the amount is used up),
an installment they cover in full counts as paid on its due date (or on the 截至日期, if earlier),
and 已收罚息 is penalty accrued and paid. Penalty accrues again from the 截至日期 on (what accrued
before it is the previous system's, settled by the opening); receipts dated on or before the
截至日期 are part of the opening and are not applied again (validation reports them). The opening
is the first of ``applications`` (kind ``opening``), so ``received`` is what was paid in all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from operator import attrgetter

from .money import ZERO, round_cents
from .schedules import Installment

_NOTHING = Decimal(0)  # penalty accrued on an installment before any stretch (Decimal is immutable)
_BY_DAY = attrgetter("day")
_DUE_ORDER = attrgetter("due_date", "period")
_PERIOD_ORDER = attrgetter("period", "due_date")


@dataclass(frozen=True, slots=True)
class Payment:
    """A receipt as allocation sees it.

    Attributes:
        day: 收款日期.
        amount: 收款金额 (positive).
        receipt_no: 收据号, when known.
        kind: ``receipt`` (cash from the buyer), ``disposal`` (net proceeds of selling the
            repossessed machine) or ``recovery`` (a receipt after the contract was written off);
            allocation treats all alike, reports tell them apart.
    """

    day: date
    amount: Decimal
    receipt_no: str | None = None
    kind: str = "receipt"


OPENING = "opening"  # Payment.kind of the opening position (合同期初)


@dataclass(frozen=True, slots=True)
class Opening:
    """Where a contract stood on ``day`` per the previous system (a 合同期初 row).

    Attributes:
        day: 截至日期: the figures include everything paid up to and including this day.
        principal_paid: 已还本金.
        interest_paid: 已还利息.
        penalty_paid: 已收罚息.
    """

    day: date
    principal_paid: Decimal
    interest_paid: Decimal
    penalty_paid: Decimal = ZERO

    @property
    def payment(self) -> Payment:
        """The opening as one payment of kind ``opening`` dated on the 截至日期."""
        return Payment(self.day, self.principal_paid + self.interest_paid + self.penalty_paid, "期初", OPENING)


@dataclass(frozen=True, slots=True)
class InstallmentState:
    """One installment after allocating every receipt up to the as-of date.

    Attributes:
        period: 期数.
        due_date: 应还日期.
        principal: 本金 due.
        interest: 利息 due.
        amount_due: 应还金额 (principal + interest).
        principal_paid: principal covered by receipts.
        interest_paid: interest covered by receipts.
        paid_date: the date the installment became fully paid, None while not.
        penalty: penalty interest accrued on this installment up to the as-of date.
        outstanding: what is still owed on it (amount_due − principal_paid − interest_paid, penalty
            excluded), computed once when the state is made (aging and the plan read it millions
            of times at scale).
    """

    period: int
    due_date: date
    principal: Decimal
    interest: Decimal
    amount_due: Decimal
    principal_paid: Decimal
    interest_paid: Decimal
    paid_date: date | None
    penalty: Decimal
    outstanding: Decimal = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "outstanding", self.amount_due - self.principal_paid - self.interest_paid)

    def days_overdue(self, as_of: date) -> int:
        """Days past the due date as of ``as_of`` while unpaid; 0 when paid or not yet due."""
        if self.due_date >= as_of or self.outstanding <= 0:
            return 0
        return (as_of - self.due_date).days


_SLOTS = {name: InstallmentState.__dict__[name].__set__ for name in InstallmentState.__slots__}


def _new_state(period: int, due_date: date, principal: Decimal, interest: Decimal, amount_due: Decimal,
               principal_paid: Decimal, interest_paid: Decimal, paid_date: date | None, penalty: Decimal,
               _new=object.__new__, _period=_SLOTS["period"], _due_date=_SLOTS["due_date"],
               _principal=_SLOTS["principal"], _interest=_SLOTS["interest"], _amount_due=_SLOTS["amount_due"],
               _principal_paid=_SLOTS["principal_paid"], _interest_paid=_SLOTS["interest_paid"],
               _paid_date=_SLOTS["paid_date"], _penalty=_SLOTS["penalty"],
               _outstanding=_SLOTS["outstanding"]) -> InstallmentState:
    """``InstallmentState(period, …, penalty)``, the same object, made by setting each slot directly:
    a frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, which took
    half the time of allocating a contract (one state per installment)."""
    state = _new(InstallmentState)
    _period(state, period)
    _due_date(state, due_date)
    _principal(state, principal)
    _interest(state, interest)
    _amount_due(state, amount_due)
    _principal_paid(state, principal_paid)
    _interest_paid(state, interest_paid)
    _paid_date(state, paid_date)
    _penalty(state, penalty)
    _outstanding(state, amount_due - principal_paid - interest_paid)  # as __post_init__ computes it
    return state


@dataclass(frozen=True, slots=True)
class Application:
    """How one receipt was applied.

    Attributes:
        payment: the receipt.
        to_interest: part applied to installment interest.
        to_principal: part applied to installment principal.
        to_penalty: part applied to penalty interest.
        unapplied: part left over (overpayment).
    """

    payment: Payment
    to_interest: Decimal
    to_principal: Decimal
    to_penalty: Decimal
    unapplied: Decimal


@dataclass(frozen=True, slots=True)
class ContractPosition:
    """A contract's state as of a date.

    "Overdue" means due before ``as_of`` and not fully paid (an installment due on ``as_of`` itself
    is not overdue yet). Every figure below is exact to the fen.

    Attributes:
        contract_no: 合同编号.
        as_of: the date of the position.
        installments: every installment's state, in period order.
        applications: the opening (合同期初), if any, then every receipt dated on or before
            ``as_of``, in the order applied.
        penalty_accrued: penalty interest accrued up to ``as_of`` (with the opening's 已收罚息).
        penalty_paid: penalty interest paid (with the opening's 已收罚息).
    """

    contract_no: str
    as_of: date
    installments: tuple[InstallmentState, ...]
    applications: tuple[Application, ...]
    penalty_accrued: Decimal
    penalty_paid: Decimal

    def _overdue_rows(self) -> list[InstallmentState]:
        return [s for s in self.installments if s.due_date < self.as_of and s.outstanding > 0]

    @property
    def received(self) -> Decimal:
        """Total of the receipts dated on or before ``as_of``, and of the opening (合同期初)."""
        return sum((a.payment.amount for a in self.applications), ZERO)

    @property
    def unapplied(self) -> Decimal:
        """Part of the receipts applied to nothing (overpayment)."""
        return sum((a.unapplied for a in self.applications), ZERO)

    @property
    def outstanding(self) -> Decimal:
        """Principal + interest still owed on every installment, due or not (penalty excluded)."""
        return sum((s.outstanding for s in self.installments), ZERO)

    @property
    def overdue(self) -> Decimal:
        """Outstanding of the installments due before ``as_of``."""
        return sum((s.outstanding for s in self._overdue_rows()), ZERO)

    @property
    def not_due(self) -> Decimal:
        """Outstanding of the installments due on or after ``as_of``."""
        return self.outstanding - self.overdue

    @property
    def overdue_principal(self) -> Decimal:
        """Principal part of :attr:`overdue`."""
        return sum((s.principal - s.principal_paid for s in self._overdue_rows()), ZERO)

    @property
    def overdue_interest(self) -> Decimal:
        """Interest part of :attr:`overdue`."""
        return sum((s.interest - s.interest_paid for s in self._overdue_rows()), ZERO)

    @property
    def penalty_outstanding(self) -> Decimal:
        """Penalty interest accrued and not yet paid."""
        return self.penalty_accrued - self.penalty_paid

    @property
    def oldest_unpaid_due(self) -> date | None:
        """Due date of the oldest overdue installment, None when nothing is overdue."""
        rows = self._overdue_rows()
        return min(s.due_date for s in rows) if rows else None

    @property
    def dpd(self) -> int:
        """Days past due: days since :attr:`oldest_unpaid_due`, 0 when nothing is overdue."""
        oldest = self.oldest_unpaid_due
        return (self.as_of - oldest).days if oldest else 0

    def paid_ratio(self, total_price: Decimal | None, down_payment: Decimal | None) -> Decimal | None:
        """(首付款 + principal and interest paid) ÷ 合同总价, exact; None without a positive total."""
        if not total_price or total_price <= 0:
            return None
        paid = sum((s.principal_paid + s.interest_paid for s in self.installments), ZERO)
        return ((down_payment or ZERO) + paid) / total_price


class _Open:
    """Mutable working state of one installment during allocation."""

    __slots__ = ("source", "interest", "principal", "interest_paid", "principal_paid",
                 "paid_date", "accrued", "since", "start", "_state")

    def __init__(self, source: Installment, grace_days: int) -> None:
        self.source = source
        # min(max(interest, 0), max(amount_due, 0)) and the rest, spelt out: the same operands kept
        due = source.amount_due
        interest = source.interest
        if ZERO <= interest <= due:  # a typed interest within 0…应还金额: the clamps keep both as they are
            self.interest = interest
            self.principal = due - interest
        else:
            owed = ZERO if ZERO > due else due
            interest = ZERO if ZERO > interest else interest
            self.interest = owed if owed < interest else interest
            self.principal = owed - self.interest
        self.interest_paid = self.principal_paid = ZERO
        self.paid_date: date | None = None
        self.accrued = _NOTHING
        self.since = source.due_date
        self.start = source.due_date.toordinal() + grace_days
        self._state: InstallmentState | None = None  # the state with ``accrued``, until it changes

    @property
    def owed(self) -> Decimal:
        return self.interest + self.principal - self.interest_paid - self.principal_paid

    def accrue(self, day: date, rate: Decimal) -> None:
        """Add the penalty of the stretch from ``since`` to ``day`` on the current outstanding."""
        if day <= self.since:
            return
        days = day.toordinal() - max(self.since.toordinal(), self.start)
        if days > 0:
            self.accrued += self.owed * rate * days
            self._state = None
        self.since = day

    def pay(self, amount: Decimal, day: date) -> tuple[Decimal, Decimal]:
        """Apply up to ``amount``, interest first; returns (to interest, to principal)."""
        to_interest = min(amount, self.interest - self.interest_paid)
        to_principal = min(amount - to_interest, self.principal - self.principal_paid)
        self.interest_paid += to_interest
        self.principal_paid += to_principal
        self._state = None
        if self.owed == 0 and self.paid_date is None:
            self.paid_date = day
        return to_interest, to_principal

    def accrued_to(self, day: date, rate: Decimal) -> Decimal:
        """What :meth:`accrue` to ``day`` would make ``accrued``, without changing anything (a paid
        installment owes nothing, so accrues nothing)."""
        if day <= self.since or self.paid_date is not None:
            return self.accrued
        days = day.toordinal() - max(self.since.toordinal(), self.start)
        return self.accrued + self.owed * rate * days if days > 0 else self.accrued

    def state(self, accrued: Decimal | None = None) -> InstallmentState:
        """This installment now, with penalty ``accrued`` (default: what is booked). The state of
        an installment nothing has changed since it was last read is the same (equal) object."""
        if accrued is None or accrued == self.accrued:
            if self._state is None:
                self._state = self._make(self.accrued)
            return self._state
        return self._make(accrued)

    def _make(self, accrued: Decimal) -> InstallmentState:
        s = self.source
        return _new_state(s.period, s.due_date, self.principal, self.interest, self.principal + self.interest,
                          self.principal_paid, self.interest_paid, self.paid_date,
                          round_cents(accrued) if accrued else ZERO)


class _Replay:
    """Receipts applied one by one, in date order, by the default policy (the working state)."""

    __slots__ = ("rows", "rate", "first_open", "settled_penalty", "penalty_paid", "opening_penalty",
                 "applications", "order", "after")

    def __init__(self, installments: Sequence[Installment], grace_days: int, rate: Decimal,
                 opening: Opening | None = None) -> None:
        self.rows = [_Open(i, grace_days) for i in sorted(installments, key=_DUE_ORDER)]
        self.rate = rate
        self.first_open = 0
        self.settled_penalty = self.penalty_paid = ZERO  # settled: rounded penalty of the rows before first_open
        self.opening_penalty = ZERO
        self.applications: list[Application] = []
        self.after = date.min  # receipts dated on or before this are part of the opening
        # the rows in period order (due date breaking ties; a stable sort, as sorting the states is)
        # (None when already in period order: a stable sort of keys already in order keeps every row in place)
        keys = [_PERIOD_ORDER(r.source) for r in self.rows]
        in_order = all(a <= b for a, b in zip(keys, keys[1:], strict=False))
        self.order = None if in_order else sorted(range(len(keys)), key=keys.__getitem__)
        if opening is not None:
            self.start_from(opening)

    def start_from(self, opening: Opening) -> None:
        """Spread the opening over the installments (see the module docstring)."""
        interest, principal = max(opening.interest_paid, ZERO), max(opening.principal_paid, ZERO)
        to_interest = to_principal = ZERO
        for row in self.rows:
            i = min(interest - to_interest, row.interest)
            p = min(principal - to_principal, row.principal)
            row.interest_paid, row.principal_paid = i, p
            to_interest, to_principal = to_interest + i, to_principal + p
            if row.owed == 0:
                row.paid_date = min(row.source.due_date, opening.day)
            row.since = max(row.since, opening.day)
        self.opening_penalty = max(opening.penalty_paid, ZERO)
        self.after = opening.day
        payment = opening.payment
        self.applications.append(Application(payment, to_interest, to_principal, self.opening_penalty,
                                             payment.amount - to_interest - to_principal - self.opening_penalty))

    def apply(self, payment: Payment) -> None:
        rows, rate = self.rows, self.rate
        count, first = len(rows), self.first_open
        while first < count:  # the installments paid off (owing 0) since the last receipt are settled
            row = rows[first]
            if row.interest + row.principal - row.interest_paid - row.principal_paid != 0:
                break
            if row.accrued:  # a zero rounds to ZERO, which adds nothing (not even decimals)
                self.settled_penalty += round_cents(row.accrued)
            first += 1
        self.first_open = first
        amount, day = payment.amount, payment.day
        left = amount if amount > 0 else ZERO
        to_interest = to_principal = ZERO
        k = first
        while k < count:
            row = rows[k]
            if row.source.due_date > day:
                break
            if day > row.since:
                row.accrue(day, rate)
            if left > 0:
                i, p = row.pay(left, day)
                to_interest, to_principal, left = to_interest + i, to_principal + p, left - i - p
            k += 1
        payable = self.settled_penalty + sum((round_cents(r.accrued) for r in rows[first:k]
                                              if r.accrued), ZERO) - self.penalty_paid
        to_penalty = min(left, max(payable, ZERO))
        self.penalty_paid += to_penalty
        left -= to_penalty
        while k < count and left > 0:
            i, p = rows[k].pay(left, day)
            to_interest, to_principal, left = to_interest + i, to_principal + p, left - i - p
            k += 1
        unapplied = left if amount > 0 else amount
        self.applications.append(Application(payment, to_interest, to_principal, to_penalty, unapplied))

    def position(self, as_of: date, states: list[InstallmentState], contract_no: str) -> ContractPosition:
        """The position from ``states`` (one per row, in the rows' order), put in period order."""
        if self.order is not None:
            states = [states[k] for k in self.order]
        # every penalty is rounded to the fen (or ZERO): leaving the zeros out adds up the same
        return ContractPosition(contract_no, as_of, tuple(states), tuple(self.applications),
                                sum([s.penalty for s in states if s.penalty], ZERO) + self.opening_penalty,
                                self.penalty_paid + self.opening_penalty)


def allocate(installments: Sequence[Installment], payments: Sequence[Payment], as_of: date, *,
             grace_days: int = 3, penalty_daily_rate: Decimal = Decimal("0.0003"),
             contract_no: str = "", opening: Opening | None = None) -> ContractPosition:
    """Apply ``payments`` dated on or before ``as_of`` to ``installments`` by the default policy,
    starting from ``opening`` when the contract has one.

    See the module docstring for the policy, the opening and the penalty day count. Installments are
    paid in due-date order (period breaks ties), so the paid ones always form a prefix of that order.
    """
    replay = _Replay(installments, grace_days, _decimal(penalty_daily_rate), opening)
    for payment in sorted((p for p in payments if replay.after < p.day <= as_of), key=_BY_DAY):
        replay.apply(payment)
    for row in replay.rows:
        if row.source.due_date < as_of and row.paid_date is None:  # a paid installment owes nothing: accrues 0
            row.accrue(as_of, replay.rate)
    return replay.position(as_of, [r.state() for r in replay.rows], contract_no)


def allocate_at(installments: Sequence[Installment], payments: Sequence[Payment], dates: Iterable[date], *,
                grace_days: int = 3, penalty_daily_rate: Decimal = Decimal("0.0003"),
                contract_no: str = "", opening: Opening | None = None) -> dict[date, ContractPosition]:
    """The contract's position at each of ``dates``, replaying the receipts once.

    Receipts are applied in date order as :func:`allocate` applies them; at each requested date
    (after the receipts of that day, before the next one) the position is read off without changing
    the replay (penalty accrued up to the date computed, not booked), so
    ``allocate_at(i, p, ds)[d] == allocate(i, p, d)`` exactly for every ``d`` in ``ds``.
    """
    replay = _Replay(installments, grace_days, _decimal(penalty_daily_rate), opening)
    wanted = sorted(set(dates))
    out: dict[date, ContractPosition] = {}
    ahead = 0  # index in ``wanted`` of the next date to read off
    for payment in sorted((p for p in payments if p.day > replay.after), key=_BY_DAY):
        while ahead < len(wanted) and wanted[ahead] < payment.day:
            out[wanted[ahead]] = _read_off(replay, wanted[ahead], contract_no)
            ahead += 1
        if ahead == len(wanted):
            return out
        replay.apply(payment)
    for day in wanted[ahead:]:
        out[day] = _read_off(replay, day, contract_no)
    return out


def _read_off(replay: _Replay, as_of: date, contract_no: str) -> ContractPosition:
    # a paid installment, or one not due before the date, reads as booked (``accrued_to`` would
    # give its ``accrued`` back): its state is the cached one
    rate = replay.rate
    states = [(r._state or r.state()) if r.paid_date is not None or r.source.due_date >= as_of
              else r.state(r.accrued_to(as_of, rate)) for r in replay.rows]
    return replay.position(as_of, states, contract_no)


def penalty_rate_warning(penalty_daily_rate: Decimal, lpr_1y: Decimal) -> str | None:
    """A Chinese warning when the annualised penalty (daily rate × 365) exceeds 4 × the 1-year LPR."""
    daily, lpr = _decimal(penalty_daily_rate), _decimal(lpr_1y)
    annual, cap = daily * 365, lpr * 4
    if annual <= cap:
        return None
    return (f"罚息日利率 {daily} 折合年化 {annual:.2%}，超过一年期LPR {lpr:.2%} 的4倍"
            f"（{cap:.2%}）；依民法典第585条，约定的违约金过分高于损失的，法院可予适当减少")


def _decimal(value: Decimal | float | int | str) -> Decimal:
    """A Decimal; a float goes through its shortest text so 0.0003 stays exactly 0.0003."""
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
