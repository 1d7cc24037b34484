"""The input gate of money: no figure is computed from a cell that validation calls an 错误.

The gate's rule on a Ledger and its validation problems, here so that inner layers (report packs,
the finance figures) gate their money exactly as the actions do; :mod:`dealer_xl.actions.gate` is
the actions' face of it, running validation once per Ledger. A money-producing action (payroll run,
claims, settlement, piece pay, contract, letter, write-off, credit grades, disposal, close) declares
what it reads as a list of :class:`Uses` — a sheet, the
columns it computes from, and the field that names the unit it would refuse (the employee, the
contract, the work order). :func:`gate` takes the validation problems of the Ledger (run once per
Ledger and shared by every gate of the run) and returns a :class:`Gate` that says, per unit, which
错误 stop it. Guarantees:

- an 错误 on a row the action uses, in a column it uses (or on the row as a whole: a duplicate key,
  a row-level rule), stops that row's unit; the others are computed;
- an 错误 at sheet level on a used column (a required column missing) stops every unit;
- 警告 and 提示 never stop anything;
- :meth:`Gate.refusals` lists each stopped unit with book, sheet, cell and reason in Chinese, ready
  for ``summary()`` and for ``--format json`` (``{book, sheet, cell, code, message}``).

There is no ``--force`` for money: the way through is to correct the cell.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..problems import Problem, Severity
from .model import Ledger

ALL = "*"  # Uses.key_value of a sheet-level problem: it stops every unit


@dataclass(frozen=True)
class Uses:
    """One sheet a money action computes from.

    Attributes:
        book: the book's key (``payroll``).
        sheet: the sheet's key (``attendance``).
        fields: the columns the action reads (empty: every column of the row).
        key: the field naming the unit a bad row stops (``emp_id``, ``contract_no``, ``wo_no``), or a
            tuple of fields whose values together name it (a budget line: 分公司, 部门, 费用类别).
        where: only rows for which this is true are used (e.g. the month being computed).
    """

    book: str
    sheet: str
    fields: tuple[str, ...]
    key: str | tuple[str, ...]
    where: Callable[[dict[str, Any]], bool] | None = None


@dataclass
class Gate:
    """Which units an action must not compute (see the module docstring).

    Attributes:
        stopped: unit key → the 错误 that stop it (``ALL`` → the ones that stop every unit).
    """

    stopped: dict[Any, list[Problem]] = field(default_factory=dict)

    def refused(self, unit: Any) -> list[Problem]:
        """The 错误 that stop ``unit`` (empty: it may be computed)."""
        return self.stopped.get(ALL, []) + self.stopped.get(unit, [])

    def allows(self, unit: Any) -> bool:
        """True when nothing stops ``unit``."""
        return not self.refused(unit)

    @property
    def problems(self) -> list[Problem]:
        """Every stopping 错误, once."""
        seen: dict[tuple, Problem] = {}
        for found in self.stopped.values():
            for p in found:
                seen.setdefault((p.book, p.sheet, p.cell, p.row, p.code, p.message), p)
        return list(seen.values())

    def refusals(self, units: Iterable[Any], what: str) -> list[str]:
        """One Chinese line per stopped unit of ``units``: ``what`` and the cells that stop it."""
        lines = []
        for unit in units:
            found = self.refused(unit)
            if found:
                cells = "；".join(f"{p.where()}：{p.message}" for p in found[:3])
                more = f"（另有 {len(found) - 3} 处）" if len(found) > 3 else ""
                lines.append(f"未计算{what} {unit}：台账有错误，请先改正 — {cells}{more}")
        return lines


def unit_of(row: dict[str, Any], key: str | tuple[str, ...]) -> Any:
    """The unit ``row`` belongs to: the value of the field ``key``, or the tuple of the fields' values."""
    return tuple(row.get(k) for k in key) if isinstance(key, tuple) else row.get(key)


def problem_record(p: Problem) -> dict[str, str]:
    """The JSON record of a stopping problem: ``{book, sheet, cell, code, message}``."""
    return {"book": p.book, "sheet": p.sheet, "cell": p.cell, "code": str(p.code), "message": p.message}


def gate(led: Ledger, uses: Iterable[Uses], problems: list[Problem]) -> Gate:
    """The Gate of a computation that reads ``uses``, given validation's ``problems`` of ``led``."""
    errors = [p for p in problems if p.severity is Severity.ERROR]
    by_place: dict[tuple[str, str], list[Problem]] = {}
    for p in errors:
        by_place.setdefault((p.book, p.sheet), []).append(p)
    stopped: dict[Any, list[Problem]] = {}
    for use in uses:
        table = led.table(use.book, use.sheet)
        if table is None:
            continue
        found = by_place.get((table.book, table.sheet_name))
        if not found:
            continue
        fields = use.fields or tuple(table.spec.fields)
        headers = {table.header(f) for f in fields if f in table.spec.fields} | {
            table.spec.column(f).header for f in fields if f in table.spec.fields}
        units = {n: unit_of(row, use.key) for n, row in zip(table.row_numbers, table.rows, strict=True)
                 if use.where is None or use.where(row)}
        for p in found:
            if p.row is None or p.row < table.header_row + 1:
                if p.column in headers:
                    stopped.setdefault(ALL, []).append(p)
            elif p.row in units and (not p.column or p.column in headers):
                stopped.setdefault(units[p.row], []).append(p)
    return Gate(stopped)


__all__ = ["ALL", "Gate", "Uses", "gate", "problem_record", "unit_of"]
