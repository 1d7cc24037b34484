"""One list of everything in 综合管理台账 that is due or overdue, by owner (issue #26).

:func:`reminders` gives, as of a day, every item whose due date is on or before the day + ``within``
days (overdue ones included, whatever their age), on the books as they were that day:

- 车辆 in use (not 停用/已处置): 交强险到期, 商业险到期, 年检到期; maintenance when the next one
  (上次保养里程 + 保养间隔) is within reach — its date estimated from the daily distance of the last
  90 days of 里程 readings, else listed when fewer than 参数 ``maintenance_warn_km`` km are left
  (without a date). Owner: the 责任司机.
- 劳动合同 of employees on the payroll: the contract in force ending (``open_ended`` when the
  renewal must be 无固定期限 by 第十四条: after two consecutive fixed-term contracts or 10 years of
  service); a probation ending (from today on); no contract in force (due one month after 入职日期,
  or the last contract's end) once the register is in use. A contract whose 状态 is 已续签 is not
  reminded of (mark it when the renewal is signed). Owner: 参数 ``admin_hr_owner``.
- 培训记录: the latest 证书到期 of each person and training, for people on the payroll. Owner: 参加人.
- 证照印章: 到期日期. Owner: 保管人.
- 档案借阅 not returned: 应还日期 (else 参数 ``loan_days`` after lending). Owner: 借阅人.
- 档案 past retention (:mod:`.archives`): the destruction list. Owner: 参数 ``admin_archive_owner``.

Owners are shown by the employee's name (or what was typed when no employee matches);
:data:`~dealer_xl.schema.admin_labels.DEFAULT_OWNER` where none is set. The figure defined here:
:func:`overdue_count` 逾期未办事项 — how many items are past their due date on ``day``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..domain.labour_law import (
    FIXED,
    open_ended_due_by_count,
    open_ended_due_by_service,
    written_contract_due,
)
from ..domain.vehicles import km_per_day, maintenance_due
from ..schema import book as book_spec
from ..schema import sheet as sheet_spec
from ..schema.admin_labels import DEFAULT_OWNER, REMINDER_KINDS
from .admin_view import Person, entries, person, plus_days
from .archives import archive_register, open_loans
from .labour import contract_chains, covering, on_payroll
from .model import Ledger

BOOK = "admin"
IDLE = ("停用", "已处置")
VEHICLE_DATES = (("ctpl", "ctpl_due", "交强险"), ("commercial", "commercial_due", "商业险"), ("inspection", "inspection_due", "年检"))


@dataclass(frozen=True, slots=True)
class Reminder:
    """One thing due.

    Attributes:
        kind: the kind's code (:data:`~dealer_xl.schema.admin_labels.REMINDER_KINDS`).
        item: what it is about (车牌号, employee, certificate, file …), in Chinese.
        due_date: when it falls due (None: a maintenance whose date cannot be estimated).
        days_left: due_date − the day (negative: overdue).
        owner: who must act (an employee's name).
        owner_id: the owner's 工号 (None when not an employee).
        book: the workbook's file name.
        sheet: the sheet's name.
        row: the Excel row the item comes from.
    """

    kind: str
    item: str
    due_date: date | None
    days_left: int | None
    owner: str
    owner_id: str | None
    book: str
    sheet: str
    row: int

    @property
    def label(self) -> str:
        return REMINDER_KINDS[self.kind]

    def record(self) -> dict:
        """The JSON object: kind, item, due_date, days_left, owner, book, sheet, row."""
        return {"kind": self.kind, "item": self.item, "due_date": self.due_date, "days_left": self.days_left,
                "owner": self.owner, "book": self.book, "sheet": self.sheet, "row": self.row}


class _Collector:
    def __init__(self, led: Ledger, day: date, within: int) -> None:
        self.led, self.day, self.horizon = led, day, plus_days(day, within)
        self.found: list[Reminder] = []

    def add(self, kind: str, item: str, due: date | None, owner: Person | None, sheet: str, row: int,
            book: str = BOOK) -> None:
        if due is not None and due > self.horizon:
            return
        self.found.append(Reminder(kind, item, due, None if due is None else (due - self.day).days,
                                   owner.name if owner else DEFAULT_OWNER, owner.emp_id if owner else None,
                                   book_spec(book).filename, sheet_spec(book, sheet).name, row))


def reminders(led: Ledger, day: date, within: int | None = None) -> list[Reminder]:
    """Everything due on or before ``day`` + ``within`` days (default 参数 ``reminder_days``), by due date."""
    collect = _Collector(led, day, int(led.params["reminder_days"] if within is None else within))
    _vehicles(collect)
    _contracts(collect)
    _certificates(collect)
    _licences(collect)
    _archives(collect)
    return sorted(collect.found, key=lambda r: (r.due_date or date.max, r.owner, r.kind, r.row))


def overdue_count(led: Ledger, day: date) -> int:
    """逾期未办事项: how many reminders are past their due date on ``day``."""
    return sum(1 for r in reminders(led, day, 0) if r.days_left is not None and r.days_left < 0)


def _vehicles(c: _Collector) -> None:
    led, day = c.led, c.day
    readings: dict[str, list[tuple[date, Decimal]]] = {}
    for e in entries(led, "vehicle_costs", day):
        if e.row["plate"] and e.row["date"] and e.row["odometer_km"] is not None:
            readings.setdefault(e.row["plate"], []).append((e.row["date"], e.row["odometer_km"]))
    for e in entries(led, "vehicles", day):
        row = e.row
        if not row["plate"] or row["status"] in IDLE:
            continue
        driver = person(led, row["driver"])
        for kind, name, what in VEHICLE_DATES:
            if row[name] is not None:
                c.add(kind, f"{row['plate']} {what}", row[name], driver, "vehicles", e.excel_row)
        _maintenance(c, row, readings.get(row["plate"], []), driver, e.excel_row)


def _maintenance(c: _Collector, row: dict, readings: list, driver: Person | None, excel_row: int) -> None:
    if row["service_interval_km"] is None or row["last_service_km"] is None:
        return
    known = sorted(readings)
    current, read_on = row["odometer_km"], c.day
    if known and (current is None or known[-1][1] >= current):
        read_on, current = known[-1]
    if current is None:
        return
    due = maintenance_due(row["last_service_km"], row["service_interval_km"], current, read_on, km_per_day(known, c.day))
    item = f"{row['plate']} 保养（{due.due_km:,} 公里，当前 {current:,}）"
    if due.due_date is not None:
        c.add("maintenance", item, due.due_date, driver, "vehicles", excel_row)
    elif due.km_left <= c.led.decimal("maintenance_warn_km"):
        c.add("maintenance", item, None, driver, "vehicles", excel_row)


def _owner(led: Ledger, key: str) -> Person | None:
    return person(led, led.params.get(key) or None)


def _contracts(c: _Collector) -> None:
    led, day = c.led, c.day
    table = led.table(BOOK, "labour_contracts")
    if table is None or not table.rows:
        return
    hr = _owner(led, "admin_hr_owner")
    chains = contract_chains(led, day)
    for e in on_payroll(led, day):
        chain = chains.get(str(e["emp_id"]), [])
        who = f"{e.get('name') or ''}（{e['emp_id']}）"
        current = covering(chain, day)
        if current is None:
            _missing(c, e, chain, who, hr)
            continue
        probation = current.row["probation_end"]
        if probation is not None and probation >= day:
            c.add("probation_end", who, probation, hr, "labour_contracts", current.excel_row)
        if current.end is None or current.row["status"] == "已续签":
            continue
        next_day = plus_days(current.end, 1)
        renew_open = current.kind == FIXED and (open_ended_due_by_count(current.fixed_before + 1)
                                                or open_ended_due_by_service(e.get("hire_date"), next_day))
        c.add("open_ended" if renew_open else "contract_end", who, current.end, hr, "labour_contracts",
              current.excel_row)


def _missing(c: _Collector, employee: dict, chain: list, who: str, hr: Person | None) -> None:
    """No contract in force: due a month after 入职日期 (or at once), pointing at the last contract's
    row, else at the employee's row of 主数据 员工 (there is no contract row)."""
    if chain:
        last = chain[-1]
        c.add("contract_missing", who, last.end if last.end is not None and last.end < c.day else c.day, hr,
              "labour_contracts", last.excel_row)
        return
    due = written_contract_due(employee["hire_date"]) if employee.get("hire_date") else c.day
    rows = c.led.table("master", "employees").row_numbers
    c.add("contract_missing", who, due, hr, "employees", rows[c.led.index("master", "employees", "emp_id")[employee["emp_id"]][0]],
          book="master")


def _certificates(c: _Collector) -> None:
    led, day = c.led, c.day
    active = {str(e["emp_id"]) for e in on_payroll(led, day)}
    latest: dict[tuple, tuple] = {}
    for e in entries(led, "training", day):
        row = e.row
        who = person(led, row["attendee"])
        if row["cert_due"] is None or who is None or who.emp_id not in active:
            continue
        key = (who.emp_id, row["course"])
        if key not in latest or row["cert_due"] > latest[key][0]:
            latest[key] = (row["cert_due"], who, row["course"], e.excel_row)
    for due, who, course, excel_row in latest.values():
        c.add("certificate", f"{who.name} {course or ''}".strip(), due, who, "training", excel_row)


def _licences(c: _Collector) -> None:
    for e in entries(c.led, "seals", c.day):
        if e.row["due"] is not None:
            c.add("licence", f"{e.row['name'] or ''} {e.row['number'] or ''}".strip(), e.row["due"],
                  person(c.led, e.row["keeper"]), "seals", e.excel_row)


def _archives(c: _Collector) -> None:
    for loan in open_loans(c.led, c.day):
        name = loan.archive["name"] if loan.archive else ""
        c.add("loan", f"{loan.row['archive_no']} {name or ''}".strip(), loan.due, loan.borrower, "archive_loans",
              loan.excel_row)
    keeper = _owner(c.led, "admin_archive_owner")
    for a in archive_register(c.led, c.day):
        if a.kept_until is not None:
            c.add("retention", f"{a.row['archive_no']} {a.row['name'] or ''}".strip(), a.kept_until, keeper,
                  "archives", a.excel_row)
