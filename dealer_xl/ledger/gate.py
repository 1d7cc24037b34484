"""The input gate of money: no figure is computed from a cell that validation calls an 错误.

A money-producing action (payroll run, claims, settlement, piece pay, contract, letter, write-off,
credit grades, disposal, close) declares what it reads as a list of :class:`Uses` — a sheet, the
columns it computes from, and the field that names the unit it would refuse (the employee, the
contract, the work order). :func:`gate` takes the validation problems of the Ledger (run once per
Ledger and date, shared by every gate of the run) and returns a :class:`Gate`. Two ways to ask it:

- by unit (:meth:`Gate.refused`): the 错误 on the rows whose ``key`` is that unit (rows passing
  ``where``), in a used column or on the row as a whole;
- by row (:meth:`Gate.on`): the 错误 on the very rows an action read for one unit (a work order, its
  parts, the machine's sale, the maker's rates …), whatever their key — for units that draw on rows
  of several sheets.

Guarantees:

- an 错误 on a used row, in a used column (the ``key`` column counts as used: a duplicate key makes
  the unit ambiguous) or on the row as a whole (a row-level rule), stops that row's unit; the
  others are computed;
- an 错误 at sheet level on a used column (a required column missing) or on a used sheet as a whole
  (the sheet missing, no header row) stops every unit (:data:`ALL`);
- a row whose ``decides`` cell (a field ``where`` reads) is an 错误 counts as used: whether it
  belongs to the action is unknown, so its unit stops rather than lose the row silently;
- a used row whose ``key`` cell cannot be read stops a unit named after the row
  (``考勤第7行``), listed by :attr:`Gate.units`, so it is never lost from the refusals;
- 警告 and 提示 never stop anything; an unknown field in :class:`Uses` is a programmer error
  (``KeyError``);
- :meth:`Gate.refusals` lists each stopped unit with book, sheet, cell and reason in Chinese, and
  :func:`problem_record` gives the ``--format json`` record ``{book, sheet, cell, code, message}``.

There is no ``--force`` for money: the way through is to correct the cell. The rule lives here, in
the Ledger's layer, so that every layer above gates money the same way: the finance figures and the
report packs (given validation's problems), :mod:`dealer_xl.checks.gate` (which runs validation once
per Ledger and date) for the documents, and :mod:`dealer_xl.actions.gate` for the actions.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import islice
from operator import lt
from typing import Any

from ..io.table import Table
from ..problems import Problem, Severity
from .model import Ledger

ALL = "*"  # the unit of a sheet-level 错误: it stops every unit
SHOWN = 3  # cells named per refused unit in a refusal line (the rest counted)


@dataclass(frozen=True)
class Uses:
    """One sheet a money action computes from.

    Attributes:
        book: the book's key (``payroll``).
        sheet: the sheet's key (``attendance``).
        fields: the columns the action reads (empty: every column of the row).
        key: the field naming the unit a bad row stops (``emp_id``, ``contract_no``, ``wo_no``), or a
            tuple of fields whose values together name it (a budget line: 分公司, 部门, 费用类别);
            empty when the action asks by row only (:meth:`Gate.on`).
        where: only rows for which this is true are used (e.g. the month being computed).
        decides: the fields ``where`` reads; a row with an 错误 there counts as used.
    """

    book: str
    sheet: str
    fields: tuple[str, ...] = ()
    key: str | tuple[str, ...] = ""
    where: Callable[[Mapping[str, Any]], bool] | None = None
    decides: tuple[str, ...] = ()


def _key(p: Problem) -> tuple:
    return (p.book, p.sheet, p.row, p.cell, p.code, p.message)


def _unique(found: Iterable[Problem]) -> list[Problem]:
    seen: dict[tuple, Problem] = {}
    for p in found:
        seen.setdefault(_key(p), p)
    return list(seen.values())


@dataclass
class Gate:
    """Which units (and rows) an action must not compute (see the module docstring).

    Attributes:
        stopped: unit → the 错误 that stop it (``ALL`` → the ones that stop every unit).
        by_row: ``id(row)`` of a used row of the Ledger → (field, 错误) in its used columns (field ''
            for a problem on the row as a whole).
    """

    stopped: dict[Any, list[Problem]] = field(default_factory=dict)
    by_row: dict[int, list[tuple[str, Problem]]] = field(default_factory=dict)

    def refused(self, *units: Any) -> list[Problem]:
        """The 错误 that stop any of ``units`` (empty: they may be computed), each once."""
        return _unique([*self.stopped.get(ALL, ()), *(p for u in units for p in self.stopped.get(u, ()))])

    def on(self, *rows: Mapping[str, Any] | None, fields: Iterable[str] | None = None) -> list[Problem]:
        """The 错误 in the used columns of ``rows`` (rows of this Ledger; None is skipped) — only in
        ``fields`` when given, and on the row as a whole — and the ones that stop every unit, each once."""
        only = None if fields is None else set(fields)
        return _unique([*self.stopped.get(ALL, ()),
                        *(p for row in rows if row is not None for f, p in self.by_row.get(id(row), ())
                          if only is None or not f or f in only)])

    def stops(self, *units: Any, rows: Iterable[Mapping[str, Any] | None] = (),
              fields: Iterable[str] | None = None) -> list[Problem]:
        """Both ways at once: the 错误 of ``units`` (:meth:`refused`) and of ``rows`` (:meth:`on`), each once."""
        return _unique([*self.refused(*units), *self.on(*rows, fields=fields)])

    def allows(self, *units: Any) -> bool:
        """True when nothing stops ``units``."""
        return not self.refused(*units)

    @property
    def units(self) -> list[Any]:
        """Every stopped unit (not :data:`ALL`), in the order found."""
        return [u for u in self.stopped if u != ALL]

    @property
    def problems(self) -> list[Problem]:
        """Every stopping 错误, once."""
        return _unique([p for found in self.stopped.values() for p in found] +
                       [p for found in self.by_row.values() for _, p in found])

    def refusals(self, units: Iterable[Any], what: str) -> list[str]:
        """One Chinese line per stopped unit of ``units``: ``what`` and the cells that stop it."""
        return [refusal_line(what, unit, found) for unit in units if (found := self.refused(unit))]


def refusal_line(what: str, unit: Any, found: list[Problem], verb: str = "计算") -> str:
    """``未<verb><what> <unit>：台账有错误，请先改正 — <book / sheet / cell：reason>；…`` (three cells at most)."""
    cells = "；".join(f"{p.where()}：{p.message}" for p in found[:SHOWN])
    more = f"（另有 {len(found) - SHOWN} 处）" if len(found) > SHOWN else ""
    return f"未{verb}{what} {unit}：台账有错误，请先改正 — {cells}{more}"


REFUSAL_COLUMNS = ("台账", "工作表", "单元格")  # then the reason: where a refusal sheet lists each 错误


def refusal_cells(p: Problem) -> list[str]:
    """A refusal sheet's cells of one stopping 错误: book, sheet, cell (or row), reason."""
    return [p.book, p.sheet, p.cell or (f"第{p.row}行" if p.row else ""), p.message]


def problem_record(p: Problem) -> dict[str, str]:
    """The JSON record of a stopping problem: ``{book, sheet, cell, code, message}``."""
    return {"book": p.book, "sheet": p.sheet, "cell": p.cell, "code": str(p.code), "message": p.message}


def unit_of(row: Mapping[str, Any], key: str | tuple[str, ...]) -> Any:
    """The unit ``row`` belongs to: the value of the field ``key``, or the tuple of the fields' values."""
    return tuple(row.get(k) for k in key) if isinstance(key, tuple) else row.get(key)


def param_rows(led: Ledger, *keys: str) -> list[dict[str, Any]]:
    """The 参数 rows of ``keys`` (matched ignoring case, as the 参数 sheet is read), for :meth:`Gate.on`."""
    wanted = {k.lower() for k in keys}
    return [row for row in led.rows("master", "params") if str(row.get("key") or "").lower() in wanted]


def _headers(table: Table, fields: Iterable[str]) -> dict[str, str]:
    """Header (as found, and canonical) → field, for ``fields`` of ``table``."""
    out: dict[str, str] = {}
    for f in fields:
        if f not in table.spec.fields:
            raise KeyError(f"{table.spec.key} has no field {f!r}")
        out[table.header(f)] = f
        out[table.spec.column(f).header] = f
    return out


def _positions(led: Ledger, table: Table) -> Callable[[int], int | None]:
    """Excel row → index in ``table``'s rows (None when absent). Rows in ascending Excel order (as
    read, and as a view or a write keeps them: told once per table of ``led``) are found by bisection,
    without a map of every row for each gate (a run gates many computations on 还款计划 and 收款记录)."""
    key = ("gate_rows", table.book, table.sheet_name)
    found = led._indexes.get(key)
    numbers = table.row_numbers
    if found is None or found[0] is not table:
        found = led._indexes[key] = (table, all(map(lt, numbers, islice(numbers, 1, None))))
    if not found[1]:
        return {n: i for i, n in enumerate(numbers)}.get

    def at(row: int) -> int | None:
        i = bisect_left(numbers, row)
        return i if i < len(numbers) and numbers[i] == row else None

    return at


def gate(led: Ledger, uses: Iterable[Uses], problems: list[Problem]) -> Gate:
    """The Gate of a computation that reads ``uses``, given validation's ``problems`` of ``led``."""
    errors = [p for p in problems if p.severity is Severity.ERROR]
    by_place: dict[tuple[str, str], list[Problem]] = {}
    for p in errors:
        by_place.setdefault((p.book, p.sheet), []).append(p)
    result = Gate()
    for use in uses:
        table = led.table(use.book, use.sheet)
        if table is None:
            continue
        found = by_place.get((table.book, table.sheet_name))
        if not found:
            continue
        keys = (use.key if isinstance(use.key, tuple) else (use.key,)) if use.key else ()
        fields = (use.fields or tuple(table.spec.fields)) + keys + use.decides
        headers, deciding = _headers(table, fields), set(_headers(table, use.decides))
        position = _positions(led, table)
        for p in found:
            i = position(p.row) if p.row is not None and p.row > table.header_row else None
            if i is None:
                if p.row is None or p.row <= table.header_row:
                    if p.column in headers or not p.column:
                        result.stopped.setdefault(ALL, []).append(p)
                continue
            if p.column and p.column not in headers:
                continue
            row = table.rows[i]
            result.by_row.setdefault(id(row), []).append((headers.get(p.column, ""), p))
            if use.key and (use.where is None or p.column in deciding or use.where(row)):
                unit = unit_of(row, use.key)
                unit = f"{table.sheet_name}第{p.row}行" if unit is None or unit == () else unit
                result.stopped.setdefault(unit, []).append(p)
    for unit, found in result.stopped.items():
        result.stopped[unit] = _unique(found)
    return result


__all__ = ["ALL", "REFUSAL_COLUMNS", "Gate", "Uses", "gate", "param_rows", "problem_record", "refusal_cells",
           "refusal_line", "unit_of"]
