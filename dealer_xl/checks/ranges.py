"""Dates and amounts outside their plausible range are 错误 at their cell (issue #12).

Every date column of every user-typed sheet must lie between 1 January of 参数 earliest_date_year
(default 1990) and 参数 latest_date_years_ahead (default 50) years after today; every money column
must be writable in 大写 (absolute value below 1 万亿 yuan). Such a value is a typo (9999-12-31,
1900-01-01, 1e14) that would make every computation over it meaningless: the receivables model and
the documents leave that contract out, and this check says where the value is. Negative amounts are
reported by the column rules (:mod:`dealer_xl.checks.columns`, the schema's ``min``), not again here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from operator import itemgetter

from ..domain.ranges import amount_reason, bounds, date_reason
from ..domain.rmb import LIMIT
from ..problems import Code, Problem
from ..schema import FieldType


def check_ranges(ctx, book: str | None = None) -> list[Problem]:
    """Implausible dates and amounts of every user-typed sheet, at their cells (only the sheets of
    the book named ``book`` — a key of ``ctx.books`` — when given)."""
    limits = bounds(ctx.params, ctx.today)
    problems: list[Problem] = []
    if book is None:
        books = list(ctx.books.values())
    else:
        books = [ctx.books[book]] if book in ctx.books else []
    for data in books:
        for table in data.tables.values():
            problems += _table_ranges(ctx, table, limits)
    return problems


def check_sheet_ranges(ctx, book: str, sheet: str) -> list[Problem]:
    """:func:`check_ranges` of the one sheet ``book``/``sheet`` (none for a generated or absent one):
    what validation reuses sheet by sheet (:mod:`.reuse`)."""
    table = ctx.table(book, sheet)
    return [] if table is None or table.spec.generated else _table_ranges(ctx, table, bounds(ctx.params, ctx.today))


check_ranges.per_sheet = check_sheet_ranges


def _table_ranges(ctx, table, limits) -> list[Problem]:
    if table.spec.generated:
        return []
    problems: list[Problem] = []
    for col in table.spec.columns:
        if col.field not in table.columns or col.type not in (FieldType.DATE, FieldType.MONEY):
            continue
        # the common case screened out in one comprehension: a typed date in range, a
        # Decimal amount writable in 大写; the few others are looked at one by one
        if _plain(table, col.field, date if col.type is FieldType.DATE else Decimal,
                  (limits.earliest, limits.latest) if col.type is FieldType.DATE else None):
            continue
        values = enumerate(map(itemgetter(col.field), table.rows))
        if col.type is FieldType.DATE:
            earliest, latest = limits.earliest, limits.latest
            odd = [(i, v) for i, v in values
                   if v is not None and (v.__class__ is not date or not earliest <= v <= latest)]
        else:
            odd = [(i, v) for i, v in values
                   if v is not None and (v.__class__ is not Decimal or not -LIMIT < v < LIMIT)]
        for i, value in odd:
            reason = date_reason(value, limits) if col.type is FieldType.DATE \
                else amount_reason(value, negative_ok=True)
            if reason and not ctx.already_flagged(table, table.cell(i, col.field)):
                problems.append(ctx.problem(table, i, col.field, Code.OUT_OF_RANGE,
                                            f"「{col.header}」{reason}（合理范围见参数 earliest_date_year、"
                                            "latest_date_years_ahead）" if col.type is FieldType.DATE
                                            else f"「{col.header}」{reason}"))
    return problems


def _plain(table, field: str, kind: type, dates: tuple[date, date] | None) -> bool:
    """True when every value of ``field`` is None or of exactly ``kind`` and the least and greatest
    are inside the limits (``dates``: earliest…latest; an amount: −LIMIT…LIMIT, both excluded), so
    the column has nothing to report; False when that cannot be told so simply."""
    values = [v for v in map(itemgetter(field), table.rows) if v is not None]
    if not values:
        return True
    if set(map(type, values)) != {kind}:
        return False
    try:
        least, greatest = min(values), max(values)
    except ArithmeticError:  # a Decimal NaN
        return False
    if dates is not None:
        return dates[0] <= least and greatest <= dates[1]
    return -LIMIT < least and greatest < LIMIT
