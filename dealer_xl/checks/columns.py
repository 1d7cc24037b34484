"""Column rules straight from the schema: required, unique, references and numeric ranges.

Applied to every sheet typed by users (generated sheets are skipped). A cell the reader already
reported (an unreadable date, a value outside the dropdown) is not reported again as missing, and
references are not checked against a sheet or column that was not read.
"""

from __future__ import annotations

from decimal import Decimal
from operator import itemgetter

from .. import schema
from ..io.reader import Table
from ..ledger import Ledger
from ..problems import Code, Problem
from ..schema import Column, Ref

# A reference whose failure has a more telling code than "bad reference".
REF_CODES = {("sales", "serial_no"): Code.SERIAL_NOT_IN_STOCK}
_NUMBERS = (int, Decimal)  # isinstance(value, int | Decimal)


def check_columns(ctx: Ledger) -> list[Problem]:
    """Required, unique, reference and range problems of every user-typed sheet."""
    return [p for data in ctx.books.values() for table in data.tables.values()
            if not table.spec.generated for p in check_table_columns(ctx, table)]


def check_sheet_columns(ctx: Ledger, book: str, sheet: str) -> list[Problem]:
    """:func:`check_columns` of the one sheet ``book``/``sheet`` (none for a generated or absent one):
    what validation reuses sheet by sheet (:mod:`.reuse`)."""
    table = ctx.table(book, sheet)
    return [] if table is None or table.spec.generated else check_table_columns(ctx, table)


check_columns.per_sheet = check_sheet_columns


def check_table_columns(ctx: Ledger, table: Table) -> list[Problem]:
    """The column rules of one sheet (what validating a single sheet from Excel runs)."""
    problems: list[Problem] = []
    for col in table.spec.columns:
        if col.field not in table.columns:
            continue
        if col.required:
            problems += _required(ctx, table, col)
        if col.unique:
            problems += _unique(ctx, table, col)
        if col.ref:
            problems += _references(ctx, table, col, col.ref)
        if col.min is not None or col.max is not None:
            problems += _ranges(ctx, table, col)
    return problems


def _column(table: Table, col: Column):
    """The values of ``col`` in every row of ``table``, in row order (one C-level pass)."""
    return map(itemgetter(col.field), table.rows)


def _required(ctx: Ledger, table: Table, col: Column) -> list[Problem]:
    out = []
    for i in [i for i, value in enumerate(_column(table, col)) if value is None]:
        if not ctx.already_flagged(table, table.cell(i, col.field)):
            out.append(ctx.problem(table, i, col.field, Code.REQUIRED, f"「{col.header}」必填，不能为空"))
    return out


def _unique(ctx: Ledger, table: Table, col: Column) -> list[Problem]:
    out, seen = [], {}
    for i, row in enumerate(table.rows):
        value = row[col.field]
        if value is None:
            continue
        if value in seen:
            first = table.row_numbers[seen[value]]
            out.append(ctx.problem(table, i, col.field, Code.DUPLICATE,
                                   f"「{col.header}」{value} 与第 {first} 行重复，应唯一"))
        else:
            seen[value] = i
    return out


def _references(ctx: Ledger, table: Table, col: Column, ref: Ref) -> list[Problem]:
    target = ctx.table(ref.book, ref.sheet)
    if target is None or not any(ctx.has(ref.book, ref.sheet, f) for f in (ref.field, ref.alt_field) if f):
        return []
    keys = ctx.index(ref.book, ref.sheet, ref.field)
    alt = ctx.index(ref.book, ref.sheet, ref.alt_field) if ref.alt_field else {}
    if _all_found(table, col, keys, alt):
        return []
    code = REF_CODES.get((table.spec.key, col.field), Code.BAD_REFERENCE)
    where = f"{schema.book(ref.book).filename} 的「{target.sheet_name}」表"
    out = []
    for i, value in [(i, value) for i, value in enumerate(_column(table, col))
                     if value is not None and value not in keys and value not in alt]:
        out.append(ctx.problem(table, i, col.field, code, f"「{col.header}」{value} 在 {where} 中不存在"))
    return out


def _ranges(ctx: Ledger, table: Table, col: Column) -> list[Problem]:
    lo = None if col.min is None else Decimal(str(col.min))
    hi = None if col.max is None else Decimal(str(col.max))
    if _within(table, col, lo, hi):
        return []
    out = []
    # the few numbers outside lo…hi first (one comprehension), then each told as before
    outside = [(i, value) for i, value in enumerate(_column(table, col))
               if value is not None and isinstance(value, _NUMBERS)
               and ((lo is not None and value < lo) or (hi is not None and value > hi))]
    for i, value in outside:
        if lo is not None and value < lo:
            out.append(ctx.problem(table, i, col.field, Code.OUT_OF_RANGE, f"「{col.header}」不能小于 {lo}"))
        elif hi is not None and value > hi:
            out.append(ctx.problem(table, i, col.field, Code.OUT_OF_RANGE, f"「{col.header}」不能大于 {hi}"))
    return out


def _within(table: Table, col: Column, lo: Decimal | None, hi: Decimal | None) -> bool:
    """True when no value of ``col`` can be outside ``lo``…``hi``: the column's least and greatest
    values (None left out) are inside, so every number between them is. False whenever that
    cannot be told so simply (values that do not compare, a NaN first): the caller looks at each."""
    values = [v for v in _column(table, col) if v is not None]
    if not values:
        return True
    try:
        least, greatest = min(values), max(values)
        return (lo is None or lo <= least) and (hi is None or greatest <= hi)
    except (TypeError, ArithmeticError):
        return False


def _all_found(table: Table, col: Column, keys: dict, alt: dict) -> bool:
    """True when every value of ``col`` (None left out) is a key of ``keys`` or ``alt``: the common
    case, told with one set of the column's values."""
    present = set(_column(table, col))
    present.discard(None)
    return not present.difference(keys, alt)
