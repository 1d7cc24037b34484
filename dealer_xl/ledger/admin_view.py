"""综合管理台账 as it was on a date, and the look-ups its registers share (people, units).

:func:`entries` gives a sheet's rows as of a day: a row exists from the date in its :data:`BORN`
field (a vehicle from its 购置日期, a cost from its 日期, a labour contract from its 开始日期 …; a row
without that date is kept, validation reports the missing date), and facts recorded later on an
existing row are taken back (:data:`LATER`: an asset disposed after the day is held, a loan returned
after it is open). Each :class:`Entry` keeps its Excel row, so reminders and problems point at the
book. Source rows are never changed (a changed row is a copy).

:func:`person` resolves a 工号 or a name to the employee (display name, 工号, 分公司);
:func:`unit_kind` says whether a 使用部门/分公司 names a branch or a department.

:func:`refused` is the input gate of the book's money (:mod:`dealer_xl.ledger.gate`) given validation's
problems: which vehicles or assets a money figure leaves out (:class:`Refused`). The vehicle costs and
the asset register use it, so the ``admin`` commands and the report packs leave out the same ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..problems import Problem
from ..schema import labels
from ..schema.master import DEPARTMENTS
from .gate import Gate, Uses, gate
from .model import Ledger
from .scope import branches

Row = dict[str, Any]
BOOK = "admin"

#: sheet → the field whose date brings a row into existence (nothing dated after the as-of day counts)
BORN: dict[str, str] = {
    "vehicles": "purchase_date", "vehicle_costs": "date", "fixed_assets": "purchase_date",
    "labour_contracts": "start", "training": "date", "seal_log": "date", "archives": "formed",
    "archive_loans": "date", "office_supplies": "date",
}
#: sheet → (field, what the row said before that field's date) for facts recorded later on a row
LATER: dict[str, tuple[str, dict[str, Any]]] = {
    "fixed_assets": ("disposal_date", {"disposal_date": None, "disposal_income": None}),
    "archive_loans": ("returned", {"returned": None}),
}
HELD_BEFORE_DISPOSAL = "在用"


@dataclass(frozen=True)
class Refused:
    """What the input gate keeps out of a money figure of the book.

    Attributes:
        gate: the Gate (its ``problems`` are the 错误 that stop something).
        units: the units not computed: the keys refused (sorted), then the rows refused whose key
            cell is empty (named after the row, ``车辆费用第7行``), so none is lost from the refusals.
        exclude: what the computation leaves out: ``units``, and None (the rows without a key) when
            such a row, or the whole sheet, is refused.
    """

    gate: Gate
    units: tuple[Any, ...]
    exclude: frozenset

    @property
    def problems(self) -> list[Problem]:
        return self.gate.problems

    def refusals(self, what: str) -> list[str]:
        """One Chinese line per unit not computed, naming its cells (``未计算<what> <unit>：…``)."""
        return self.gate.refusals(self.units, what)


def refused(led: Ledger, uses: Sequence[Uses], problems: list[Problem], keys: Iterable[Any]) -> Refused:
    """The units among ``keys`` (and the keyless rows) that the gate of ``uses`` refuses, given
    validation's ``problems`` of ``led`` (:func:`dealer_xl.ledger.gate.gate`)."""
    checked = gate(led, uses, problems)
    known = sorted(set(keys))
    stopped = [k for k in known if not checked.allows(k)]
    keyless = [u for u in checked.units if u not in set(known)]
    every = not checked.allows(None)  # a sheet-level 错误 stops every unit
    return Refused(checked, (*stopped, *keyless),
                   frozenset(stopped) | ({None} if keyless or every else set()))


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of an admin sheet as of a day.

    Attributes:
        row: the row's values (a copy when a later fact was taken back).
        excel_row: its row in the workbook.
        index: its position in the sheet's table (for cell addresses).
    """

    row: Row
    excel_row: int
    index: int


def entries(led: Ledger, sheet: str, day: date) -> list[Entry]:
    """The rows of 综合管理台账 ``sheet`` that exist on ``day``, as they were then."""
    table = led.table(BOOK, sheet)
    if table is None:
        return []
    born = BORN.get(sheet)
    later = LATER.get(sheet)
    out: list[Entry] = []
    for i, (row, number) in enumerate(zip(table.rows, table.row_numbers, strict=True)):
        start = row.get(born) if born else None
        if isinstance(start, date) and start > day:
            continue
        if later is not None:
            when = row.get(later[0])
            if isinstance(when, date) and when > day:
                row = {**row, **later[1]}
                if sheet == "fixed_assets" and row.get("status") in ("报废", "处置"):
                    row["status"] = HELD_BEFORE_DISPOSAL
        out.append(Entry(row, number, i))
    return out


@dataclass(frozen=True, slots=True)
class Person:
    """Whom a cell names.

    Attributes:
        text: what was typed.
        emp_id: the employee's 工号 (None when no employee matches).
        name: the employee's name, else the text typed.
        branch: the employee's 分公司 (None when unknown).
        email: the employee's 电子邮箱 (None when unknown).
    """

    text: str
    emp_id: str | None
    name: str
    branch: str | None
    email: str | None = None


def person(led: Ledger, text: Any) -> Person | None:
    """The employee a 工号 or name names (None for an empty cell)."""
    if text is None or str(text).strip() == "":
        return None
    found = led.employee(text)
    if found is None and isinstance(text, str):
        found = led.employee(text.strip().upper())
    if found is None:
        return Person(str(text), None, str(text), None)
    return Person(str(text), found.get("emp_id"), str(found.get("name") or text), found.get("branch"),
                  found.get("email"))


def unit_kind(led: Ledger, unit: Any) -> str | None:
    """分公司 when ``unit`` names a branch the books know, 部门 when a department, else None."""
    if not unit:
        return None
    if unit in DEPARTMENTS:
        return labels.DEPT
    return labels.BRANCH if unit in led.memo("admin_branches", lambda: set(branches(led))) else None


def plus_days(day: date, days: int) -> date:
    """``day`` + ``days``, stopping at the calendar's ends (a date typed 9999-12-31 stays readable)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min
