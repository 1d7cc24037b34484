"""Row fingerprints of closed months and what changed since (pure; no I/O, no clock).

The month-end close seals every row dated in a closed month: per sheet, a :class:`Fingerprint`
(the row's key, a hash of its values, its Excel row in the archived copy). Later, :func:`compare`
matches the rows of the books now against the seal:

- rows are matched by their hash first, as a multiset, so sorting or moving rows changes nothing;
- a sealed row whose hash is gone is paired with a row of the books now that has the same key
  (the sheet's key fields, see :data:`KEYS`), else with the unmatched row sharing the most values
  (all but at most two, or a quarter, of the fields): that pair is **changed**, with every differing field (old → new);
- a sealed row left unpaired is **deleted**; a row now dated in a closed month that matches
  nothing sealed is **new**. A row whose date was moved out of the closed months pairs with its
  sealed self, so the date cell is reported as changed.

Values are hashed in a canonical text form (dates ISO, numbers without trailing zeros), so a
book re-saved by Excel with the same values has the same fingerprints.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from hashlib import sha256
from typing import Any

Row = Mapping[str, Any]

#: (book, sheet) → the field that dates a row (its month decides whether the row is sealed).
DATED: dict[tuple[str, str], str] = {
    ("sales", "stock"): "inbound_date",
    ("sales", "sales"): "sale_date",
    ("sales", "sample_transfers"): "transfer_date",
    ("sales", "returns"): "return_date",
    ("sales", "targets"): "month",
    ("sales", "manufacturer_ledger"): "entry_date",
    ("receivables", "contracts"): "sign_date",
    ("receivables", "schedule"): "due_date",
    ("receivables", "receipts"): "receipt_date",
    ("receivables", "collection_log"): "log_date",
    ("receivables", "repossessions"): "repo_date",
    ("receivables", "openings"): "as_of",
    ("service", "work_orders"): "open_date",
    ("service", "claims"): "submit_date",
    ("service", "old_parts"): "ship_date",
    ("service", "callbacks"): "callback_date",
    ("service", "complaints"): "date",
    ("service", "parts_moves"): "date",
    ("payroll", "attendance"): "month",
    ("payroll", "adjustments"): "month",
    ("payroll", "results"): "month",
}

#: (book, sheet) → the fields that identify a row when its values changed.
KEYS: dict[tuple[str, str], tuple[str, ...]] = {
    ("sales", "stock"): ("serial_no",),
    ("sales", "sales"): ("contract_no",),
    ("sales", "sample_transfers"): ("serial_no", "transfer_date"),
    ("sales", "returns"): ("contract_no",),
    ("sales", "targets"): ("month", "branch", "salesperson"),
    ("sales", "manufacturer_ledger"): ("manufacturer", "doc_type", "doc_no"),
    ("receivables", "contracts"): ("contract_no",),
    ("receivables", "schedule"): ("contract_no", "period"),
    ("receivables", "receipts"): ("receipt_no",),
    ("receivables", "collection_log"): (),
    ("receivables", "repossessions"): ("contract_no", "repo_date"),
    ("receivables", "openings"): ("contract_no",),
    ("service", "work_orders"): ("wo_no",),
    ("service", "claims"): ("claim_no",),
    ("service", "old_parts"): ("claim_no", "part_no"),
    ("service", "callbacks"): ("wo_no",),
    ("service", "complaints"): ("complaint_no",),
    ("service", "parts_moves"): ("warehouse", "part_no", "kind", "doc_no"),
    ("payroll", "attendance"): ("month", "emp_id"),
    ("payroll", "adjustments"): (),
    ("payroll", "results"): ("month", "emp_id"),
}


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """One sealed row.

    Attributes:
        key: the row's key fields as text joined by ``|`` ('' for sheets without a key).
        digest: the hash of the row's values (16 hex digits of SHA-256).
        row: the row's Excel row number in the archived book.
    """

    key: str
    digest: str
    row: int


@dataclass(frozen=True, slots=True)
class Change:
    """A difference between the seal and the books now, for one row.

    Attributes:
        kind: ``changed``, ``deleted`` or ``new``.
        sealed_row: Excel row in the archived book (None for ``new``).
        current: index into the current rows (None for ``deleted``).
        fields: for ``changed``: (field, old value, new value) of every differing field.
        key: the row's key text.
    """

    kind: str
    sealed_row: int | None
    current: int | None
    fields: tuple[tuple[str, Any, Any], ...] = ()
    key: str = ""


def canonical(value: Any) -> str:
    """The text a value is hashed as: '' for None, ISO dates, numbers without trailing zeros.

    The common types of typed cells (text, date, int, Decimal) are told by their exact class first;
    a date's text is kept per date, a Decimal's per its ``str`` (the same ``str``, the same number
    and exponent)."""
    kind = value.__class__
    if kind is str:
        return value.strip()
    if value is None:
        return ""
    if kind is date:
        text = _DATE_TEXT.get(value)
        if text is None:
            text = _DATE_TEXT[value] = value.isoformat()
        return text
    if kind is int:
        return str(value)
    if kind is Decimal:
        text = _DECIMAL_TEXT.get(shown := str(value))
        if text is None:
            text = format(value.normalize(), "f") if value == value else "NaN"
            if len(_DECIMAL_TEXT) < _DECIMALS_KEPT:
                _DECIMAL_TEXT[shown] = text
        return text
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value else "NaN"
    if isinstance(value, float):
        return canonical(Decimal(repr(value)))
    return str(value).strip()


_DATE_TEXT: dict[date, str] = {}
_DECIMAL_TEXT: dict[str, str] = {}
_DECIMALS_KEPT = 200_000


def row_digest(row: Row, fields: Sequence[str]) -> str:
    """16 hex digits of the SHA-256 of the row's canonical values in ``fields`` order."""
    get = row.get
    return _digest([canonical(get(f)) for f in fields])


def row_key(row: Row, key_fields: Sequence[str]) -> str:
    """The key text of a row ('' when the sheet has no key fields)."""
    return _key([canonical(row.get(f)) for f in key_fields])


def _digest(texts: Sequence[str]) -> str:
    """16 hex digits of the SHA-256 of a row's canonical ``texts`` (the one rule of :func:`row_digest`)."""
    return sha256("\x1f".join(texts).encode("utf-8")).hexdigest()[:16]


def _key(texts: Sequence[str]) -> str:
    """A row's key from the canonical ``texts`` of its key fields (the one rule of :func:`row_key`)."""
    return "|".join(texts)


def month_of(value: Any) -> str | None:
    """``YYYY-MM`` of a date or month text, else None."""
    if isinstance(value, date):
        return f"{value:%Y-%m}"
    if isinstance(value, str) and len(value) == 7 and value[4] == "-":
        return value
    return None


def is_sealed(row: Row, date_field: str, closed_through: str) -> bool:
    """True when the row's date falls in a month up to ``closed_through``."""
    value = row.get(date_field)
    if value.__class__ is date and value.year >= 1000:  # what month_of gives, without strftime
        return f"{value.year}-{value.month:02d}" <= closed_through
    month = month_of(value)
    return month is not None and month <= closed_through


def seal(rows: Sequence[Row], row_numbers: Sequence[int], fields: Sequence[str], date_field: str,
         key_fields: Sequence[str], closed_through: str) -> list[Fingerprint]:
    """The fingerprints of the rows dated up to ``closed_through``, in sheet order: each row's
    :func:`row_key` and :func:`row_digest`, its values made canonical a column at a time."""
    chosen = [(r, n) for r, n in zip(rows, row_numbers, strict=True) if is_sealed(r, date_field, closed_through)]
    sealed = [r for r, _ in chosen]
    values = [[canonical(r.get(f)) for r in sealed] for f in fields]
    keyed = [[canonical(r.get(f)) for r in sealed] for f in key_fields]
    keys = map(_key, zip(*keyed, strict=True)) if key_fields else [""] * len(sealed)
    digests = map(_digest, zip(*values, strict=True))
    return [Fingerprint(key, digest, n) for key, digest, (_, n) in zip(keys, digests, chosen, strict=True)]


def unmatched(sealed: Sequence[Fingerprint], rows: Sequence[Row], fields: Sequence[str], date_field: str | None = None,
              closed_through: str | None = None) -> tuple[list[Fingerprint], list[int]]:
    """The sealed rows whose hash no current row has, and the current rows matching no sealed hash.

    Given the sheet's ``date_field`` (one of ``fields``) and the seal's ``closed_through``, a row
    dated by a true date after the closed months is not hashed: every sealed row's date, which its
    hash covers, is in a closed month, so such a row matches none (the same result, without hashing
    the rows of the months still open)."""
    waiting: dict[str, list[Fingerprint]] = defaultdict(list)
    for fp in sealed:
        waiting[fp.digest].append(fp)
    later = _after(date_field, closed_through) if date_field in fields else None
    rest: list[int] = []
    for i, row in enumerate(rows):
        if later is not None and later(row):
            rest.append(i)
            continue
        found = waiting.get(row_digest(row, fields))
        if found:
            found.pop()
        else:
            rest.append(i)
    left = sorted((fp for fps in waiting.values() for fp in fps), key=lambda fp: fp.row)
    return left, rest


def _after(date_field: str, closed_through: str | None):
    """A test of a row: dated by a :class:`~datetime.date` (exactly) in a month after ``closed_through``."""
    if not closed_through:
        return None

    def later(row: Row) -> bool:
        value = row.get(date_field)
        return value.__class__ is date and value.year >= 1000 and f"{value.year}-{value.month:02d}" > closed_through

    return later


def compare(sealed: Sequence[Fingerprint], rows: Sequence[Row], fields: Sequence[str], date_field: str,
            key_fields: Sequence[str], closed_through: str, old_rows: Mapping[int, Row],
            pending: tuple[list[Fingerprint], list[int]] | None = None) -> list[Change]:
    """What changed in one sheet since it was sealed (see the module docstring).

    ``old_rows`` maps an archived Excel row number to its values; it needs to hold the sealed rows
    :func:`unmatched` leaves (other rows are not looked at). ``pending`` is :func:`unmatched`'s
    result when the caller already has it.
    """
    left, rest = pending or unmatched(sealed, rows, fields, date_field, closed_through)
    if not left and not any(is_sealed(rows[i], date_field, closed_through) for i in rest):
        return []
    free = dict.fromkeys(rest)
    by_key: dict[str, list[int]] = defaultdict(list)
    if key_fields:
        for i in rest:
            by_key[row_key(rows[i], key_fields)].append(i)
    changes: list[Change] = []
    for fp in left:
        old = old_rows.get(fp.row)
        match = _pair(fp, old, rows, fields, free, by_key)
        if match is None:
            changes.append(Change("deleted", fp.row, None, key=fp.key))
            continue
        del free[match]
        diffs = tuple((f, None if old is None else old.get(f), rows[match].get(f)) for f in fields
                      if old is None or canonical(old.get(f)) != canonical(rows[match].get(f)))
        changes.append(Change("changed", fp.row, match, diffs, fp.key))
    changes += [Change("new", None, i, key=row_key(rows[i], key_fields)) for i in free
                if is_sealed(rows[i], date_field, closed_through)]
    return changes


def _pair(fp: Fingerprint, old: Row | None, rows: Sequence[Row], fields: Sequence[str],
          free: dict[int, None], by_key: dict[str, list[int]]) -> int | None:
    """The unmatched current row that is this sealed row changed, if any."""
    for i in by_key.get(fp.key, ()) if fp.key.strip("|") else ():
        if i in free:
            return i
    if old is None:
        return None
    best, best_score = None, len(fields) - max(2, len(fields) // 4) - 1
    for i in free:
        score = sum(canonical(old.get(f)) == canonical(rows[i].get(f)) for f in fields)
        if score > best_score:
            best, best_score = i, score
    return best
