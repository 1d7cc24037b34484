"""The account with a manufacturer: balances, matching a statement, and the 余额调节表 (pure).

Amounts are signed as "what the dealer owes the manufacturer": our 提车/配件采购 and their
借方/增加 raise it (+), our 付款/返利/索赔结算 and their 贷方/减少 lower it (−); 调整 is signed
as typed (our 金额 is positive, so an 调整 raises it; a negative correction is typed as 返利 or 付款).
期初 — the balance brought forward when the dealer went live — is signed as typed too (negative
when the manufacturer owes the dealer). It counts in every balance dated on or after it, and is
never a transaction to match: :func:`match_entries` leaves it out, and their entries dated on or
before it (their statement's history, which our 期初 sums up) take part only as partners, never as
unmatched items — so a manufacturer can be reconciled from the go-live month on, even when the
dealer went live in the middle of it.

:func:`match_entries` pairs our entries with the statement's: by document number first (equal
amounts → ``matched``, else ``amount_differs``), then by equal amount with dates at most
``window_days`` apart (closest first); the rest are ``only_ours`` / ``only_theirs``. Entries outside
the month take part only as partners (a payment we booked on the 31st that they booked on the 2nd
is ``matched``), never as unmatched items of the month.

:func:`reconcile` builds the 余额调节表 at month end: our balance plus the items only they had
booked by then equals their balance plus the items only we had booked by then. When the two
adjusted balances differ the table does not hold; the ``amount_differs`` pairs explain some or all
of the difference (``unexplained`` is what is left).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

ZERO = Decimal("0.00")
RAISES = ("提车", "配件采购", "调整")
LOWERS = ("付款", "返利", "索赔结算")
OPENING = "期初"
MATCHED, AMOUNT_DIFFERS, ONLY_OURS, ONLY_THEIRS = "matched", "amount_differs", "only_ours", "only_theirs"


@dataclass(frozen=True, slots=True)
class Entry:
    """One booking of either side.

    Attributes:
        source: ``ours`` or ``theirs``.
        date: the booking date.
        doc_no: the document number ('' when none).
        type: our 业务类型, or their 摘要.
        amount: signed: + raises what the dealer owes, − lowers it.
        ref: where it came from (Excel row), for reports.
    """

    source: str
    date: date
    doc_no: str
    type: str
    amount: Decimal
    ref: int = 0


@dataclass(frozen=True, slots=True)
class MatchLine:
    """One line of the matching: an entry with its category and its partner, if any.

    Attributes:
        entry: the entry.
        category: matched / amount_differs / only_ours / only_theirs.
        partner: the other side's entry it was paired with.
    """

    entry: Entry
    category: str
    partner: Entry | None = None


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """The 余额调节表 at month end.

    Attributes:
        month_end: the date of the balances.
        our_balance: what we owe per our books.
        their_balance: what we owe per their statement.
        only_theirs_total: items they booked by month end that we had not (added to ours).
        only_ours_total: items we booked by month end that they had not (added to theirs).
        adjusted_ours: our_balance + only_theirs_total.
        adjusted_theirs: their_balance + only_ours_total.
        differs_total: sum over amount_differs pairs of (theirs − ours).
        lines: every matching line, ours first in date order, then theirs.
    """

    month_end: date
    our_balance: Decimal
    their_balance: Decimal
    only_theirs_total: Decimal
    only_ours_total: Decimal
    adjusted_ours: Decimal
    adjusted_theirs: Decimal
    differs_total: Decimal
    lines: tuple[MatchLine, ...]

    @property
    def holds(self) -> bool:
        """True when both adjusted balances are the same figure."""
        return self.adjusted_ours == self.adjusted_theirs

    @property
    def difference(self) -> Decimal:
        """adjusted theirs − adjusted ours."""
        return self.adjusted_theirs - self.adjusted_ours

    @property
    def unexplained(self) -> Decimal:
        """The part of the difference the amount_differs pairs do not explain."""
        return self.difference - self.differs_total


def signed(doc_type: str, amount: Decimal) -> Decimal:
    """Our 金额 signed by its 业务类型 (see the module docstring)."""
    return -amount if doc_type in LOWERS else amount


def balance(entries: Iterable[Entry], as_of: date) -> Decimal:
    """The sum of the entries dated on or before ``as_of``."""
    return sum((e.amount for e in entries if e.date <= as_of), ZERO)


def match_entries(ours: Sequence[Entry], theirs: Sequence[Entry], month_end: date,
                  window_days: int = 5, month_start: date | None = None) -> list[MatchLine]:
    """Pair both sides' entries (see the module docstring); returns one line per entry listed.

    Unpaired entries outside ``month_start``..``month_end`` are not listed (they belong to another
    month's statement); paired ones are, with their partner. Our 期初 entries are a balance, not a
    transaction: they are neither matched nor listed, and unpaired entries dated on or before the
    latest of them are not listed either (the 期初 holds them).
    """
    openings = [e.date for e in ours if e.type == OPENING]
    ours = [e for e in ours if e.type != OPENING]
    start = max(month_start or date.min, max(openings) + timedelta(days=1) if openings else date.min)
    free_ours, free_theirs = list(range(len(ours))), list(range(len(theirs)))
    pairs: list[tuple[int, int]] = []
    by_doc: dict[str, list[int]] = {}
    for j in free_theirs:
        if theirs[j].doc_no:
            by_doc.setdefault(theirs[j].doc_no, []).append(j)
    for i in list(free_ours):
        candidates = [j for j in by_doc.get(ours[i].doc_no, ()) if j in free_theirs] if ours[i].doc_no else []
        if candidates:
            j = min(candidates, key=lambda j: (theirs[j].amount != ours[i].amount, abs((theirs[j].date - ours[i].date).days)))
            pairs.append((i, j))
            free_ours.remove(i)
            free_theirs.remove(j)
    for i in list(free_ours):
        near = [j for j in free_theirs if theirs[j].amount == ours[i].amount
                and abs((theirs[j].date - ours[i].date).days) <= window_days]
        if near:
            j = min(near, key=lambda j: (abs((theirs[j].date - ours[i].date).days), j))
            pairs.append((i, j))
            free_ours.remove(i)
            free_theirs.remove(j)
    lines: list[MatchLine] = []
    partner_of_ours = dict(pairs)
    partner_of_theirs = {j: i for i, j in pairs}
    for i, e in sorted(enumerate(ours), key=lambda x: (x[1].date, x[0])):
        if i in partner_of_ours:
            p = theirs[partner_of_ours[i]]
            lines.append(MatchLine(e, MATCHED if p.amount == e.amount else AMOUNT_DIFFERS, p))
        elif start <= e.date <= month_end:
            lines.append(MatchLine(e, ONLY_OURS))
    for j, e in sorted(enumerate(theirs), key=lambda x: (x[1].date, x[0])):
        if j in partner_of_theirs:
            p = ours[partner_of_theirs[j]]
            lines.append(MatchLine(e, MATCHED if p.amount == e.amount else AMOUNT_DIFFERS, p))
        elif start <= e.date <= month_end:
            lines.append(MatchLine(e, ONLY_THEIRS))
    return lines


def reconcile(our_balance: Decimal, their_balance: Decimal, lines: Sequence[MatchLine],
              month_end: date) -> Reconciliation:
    """The 余额调节表 from both balances at ``month_end`` and the matching lines."""
    only_ours = only_theirs = differs = ZERO
    for line in lines:
        e, p = line.entry, line.partner
        booked_by_other = p is not None and p.date <= month_end
        if e.source == "ours" and e.date <= month_end and not booked_by_other:
            only_ours += e.amount
        elif e.source == "theirs" and e.date <= month_end and not booked_by_other:
            only_theirs += e.amount
        if line.category == AMOUNT_DIFFERS and e.source == "theirs" and e.date <= month_end \
                and p is not None and p.date <= month_end:
            differs += e.amount - p.amount
    return Reconciliation(month_end, our_balance, their_balance, only_theirs, only_ours,
                          our_balance + only_theirs, their_balance + only_ours, differs, tuple(lines))
