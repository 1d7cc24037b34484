"""Action ``admin reminders``: one list of everything in 综合管理台账 due or overdue, by owner.

The list is :func:`dealer_xl.ledger.reminders.reminders` as of a day (default today) over the next
``within`` days (default 参数 ``reminder_days``): insurance, inspection, maintenance, labour contracts
and probations, certificates, licences, archive loans and files past retention. ``person`` narrows it
to one owner (name or 工号) — what the scheduled job mails each owner. The workbook
``报表/综合提醒_<日期>.xlsx`` holds the list by due date and a count per owner; JSON is one object per
item with the keys the issue names.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ...documents.names import safe_name
from ...io.report_writer import COUNT, DATE
from ...ledger.admin_view import person as find_person
from ...ledger.reminders import Reminder, reminders
from ...ledger.scope import check_scope
from ...schema.admin_labels import REMINDER_HEADERS, REMINDER_KINDS, REMINDER_TERMINAL
from .common import Section, admin_ledger, text_table, write_pack

OWNER_HEADERS = ("负责人", "事项数", "已逾期", "未到期")


@dataclass
class RemindersResult:
    """The reminders as of a day.

    Attributes:
        as_of: the day.
        within: how many days ahead are included.
        items: the reminders, by owner (the most urgent owner first), each owner's by due date.
        person: the owner they were narrowed to, if any.
        workbook: the workbook written (None when not written).
    """

    as_of: date
    within: int
    items: list[Reminder]
    person: str | None = None
    workbook: Path | None = None
    problems: list = field(default_factory=list)

    @property
    def overdue(self) -> list[Reminder]:
        return [r for r in self.items if r.days_left is not None and r.days_left < 0]

    def summary(self) -> list[str]:
        """A headline, then the table: owner, due date, days left, kind, item, where (sheet!row)."""
        who = f"（{self.person}）" if self.person else ""
        lines = [f"综合管理提醒{who}：截至 {self.as_of}，{self.within} 天内到期及已逾期 {len(self.items)} 项"
                 f"（已逾期 {len(self.overdue)} 项）"]
        if self.items:
            lines += text_table(REMINDER_TERMINAL, [_cells(r)[:5] + [f"{r.sheet}!{r.row}"] for r in self.items],
                                numeric=(False, False, True))
        if self.workbook:
            lines.append(f"明细：{self.workbook}")
        return lines

    def records(self) -> list[dict[str, Any]]:
        """``{kind, item, due_date, days_left, owner, book, sheet, row}`` per item."""
        return [r.record() for r in self.items]


def _cells(r: Reminder) -> list:
    return [r.owner, r.due_date, "" if r.days_left is None else r.days_left, REMINDER_KINDS[r.kind], r.item,
            r.book, r.sheet, r.row]


def by_owner(items: list[Reminder]) -> list[Reminder]:
    """``items`` grouped by owner (the owner with the most urgent item first), each by due date."""
    first: dict[str, int] = {}
    for n, r in enumerate(items):  # items come by due date
        first.setdefault(r.owner, n)
    return sorted(items, key=lambda r: (first[r.owner], r.owner))


def admin_reminders(source: Any, as_of: date | None = None, *, within: int | None = None, person: str | None = None,
                    workbook: bool = True) -> RemindersResult:
    """The reminders of the books in ``source`` (see the module docstring)."""
    led = admin_ledger(source, as_of)
    check_scope(led, person=person, what="负责人")
    days = int(led.params["reminder_days"] if within is None else within)
    items = reminders(led, led.today, days)
    if person:
        wanted = find_person(led, person)
        items = [r for r in items if r.owner_id == wanted.emp_id or r.owner == wanted.name]
    result = RemindersResult(led.today, days, by_owner(items), person)
    if workbook:
        result.workbook = write_pack(led.books_dir, _filename(led.today, person), "综合管理提醒", led.today, [
            Section("提醒", REMINDER_HEADERS, [_cells(r) for r in result.items], {REMINDER_HEADERS[1]: DATE}),
            Section("按负责人", OWNER_HEADERS, _by_owner(items), {h: COUNT for h in OWNER_HEADERS[1:]})])
    return result


def _filename(day: date, person: str | None) -> str:
    return f"综合提醒_{safe_name(person) + '_' if person else ''}{day.isoformat()}.xlsx"


def _by_owner(items: list[Reminder]) -> list[list]:
    count = Counter(r.owner for r in items)
    late = Counter(r.owner for r in items if r.days_left is not None and r.days_left < 0)
    return [[owner, n, late[owner], n - late[owner]] for owner, n in sorted(count.items(), key=lambda x: (-x[1], x[0]))]
