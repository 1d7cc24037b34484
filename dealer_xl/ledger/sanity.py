"""Which rows hold values no computation can be trusted with (issue #12), by the schema's columns.

:func:`row_reasons` applies :mod:`dealer_xl.domain.ranges` to one row of a sheet: every date column
(参数 plausible range), every money column (the 大写 range; negative only where the schema's
``min`` allows it) and the 分期期数 (at most the schema's maximum, so a schedule never runs past the
calendar). :func:`contract_reason` gathers one contract's rows (分期合同, its 还款计划, 收款记录 and
催收记录 rows) into the single Chinese line a computation prints when it leaves that contract out.
Validation reports the same values at their cells (:mod:`dealer_xl.checks.ranges`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from .. import schema
from ..domain.ranges import Bounds, amount_reason, date_reason
from ..domain.rmb import LIMIT
from ..schema import Column, FieldType, Sheet

Row = dict[str, Any]
TERM_FIELD = "term_months"
LABELS = {"contracts": "分期合同", "schedule": "还款计划", "receipts": "收款记录", "collection_log": "催收记录"}


def row_reasons(spec: Sheet, row: Row, limits: Bounds) -> list[tuple[str, str]]:
    """(field, reason) for each value of ``row`` outside its plausible range, in column order."""
    found = []
    for col in _checked_columns(spec):
        value = row.get(col.field)
        if value is None:
            continue
        reason = None
        if col.type is FieldType.DATE:
            if value.__class__ is date and limits.earliest <= value <= limits.latest:
                continue
            reason = date_reason(value, limits)
        elif col.type is FieldType.MONEY:
            negative_ok = col.min is None or col.min < 0
            if value.__class__ is Decimal and -LIMIT < value < LIMIT and (negative_ok or value >= 0):
                continue
            reason = amount_reason(value, negative_ok=negative_ok)
        elif isinstance(value, int | Decimal) and not 0 <= value <= col.max:
            reason = f"{value} 超出 0–{col.max:g} 期"
        if reason:
            found.append((col.field, f"「{col.header}」{reason}"))
    return found


_CHECKED: dict[int, tuple[Sheet, tuple[Column, ...]]] = {}


def _checked_columns(spec: Sheet) -> tuple[Column, ...]:
    """The columns of ``spec`` whose values :func:`row_reasons` looks at (worked out once per sheet,
    found by identity: hashing the frozen sheet spec on every row cost more than the check)."""
    found = _CHECKED.get(id(spec))
    if found is None or found[0] is not spec:
        found = _CHECKED[id(spec)] = (spec, tuple(c for c in spec.columns if c.type in (FieldType.DATE, FieldType.MONEY)
                                                  or (c.field == TERM_FIELD and c.max is not None)))
    return found[1]


def sheet_reasons(book: str, sheet: str, rows: Iterable[Row | None], limits: Bounds) -> list[str]:
    """One Chinese phrase per implausible value of ``rows`` of ``book``/``sheet`` (None rows ignored)."""
    spec = schema.sheet(book, sheet)
    return [f"{spec.name}中{reason}" for row in rows if row for _, reason in row_reasons(spec, row, limits)]


def contract_reason(parts: dict[str, Iterable[Row]], limits: Bounds, suspects: set[int] | None = None) -> str | None:
    """Why a contract is left out of computations: the first implausible value among its rows.

    ``parts`` maps a 应收款台账 sheet key (contracts, schedule, receipts, collection_log) to the
    contract's rows of that sheet. None when every value is plausible. ``suspects``, when given, are
    the ``id`` of every row of those sheets :func:`suspect_rows` did not find plainly plausible: the
    others are not looked at again (:func:`row_reasons` would find nothing in them).
    """
    for key, rows in parts.items():
        spec = schema.sheet("receivables", key)
        for row in rows:
            if suspects is not None and id(row) not in suspects:
                continue
            reasons = row_reasons(spec, row, limits)
            if reasons:
                return f"{LABELS.get(key, spec.name)}中{reasons[0][1]}，该合同未参与计算"
    return None


def suspect_rows(spec: Sheet, rows: list[Row], limits: Bounds) -> list[Row]:
    """The rows of ``spec`` holding a value :func:`row_reasons` might find implausible, found column
    by column (one comprehension each): every other row has only empty values, dates within
    ``limits``, Decimal amounts within the 大写 range and of the allowed sign, and terms within
    0…max, so :func:`row_reasons` finds nothing in it."""
    earliest, latest = limits.earliest, limits.latest
    found: dict[int, Row] = {}
    for col in _checked_columns(spec):
        name = col.field
        values = enumerate([r.get(name) for r in rows])  # a row may lack the field (as row_reasons reads it)
        if col.type is FieldType.DATE:
            odd = [i for i, v in values if v is not None and (v.__class__ is not date or not earliest <= v <= latest)]
        elif col.type is FieldType.MONEY:
            negative_ok = col.min is None or col.min < 0
            odd = [i for i, v in values if v is not None and (v.__class__ is not Decimal or not -LIMIT < v < LIMIT
                                                               or not (negative_ok or v >= 0))]
        else:
            most = col.max
            odd = [i for i, v in values if v is not None and isinstance(v, int | Decimal) and not 0 <= v <= most]
        for i in odd:
            found[i] = rows[i]
    return [found[i] for i in sorted(found)]
