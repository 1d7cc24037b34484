"""综合管理提醒 as a report pack: what the scheduled job mails each owner (issue #26).

The rows are :func:`dealer_xl.ledger.reminders.reminders` as of the pack's day over 参数
``reminder_days``: everything due in that time and everything overdue. A pack for a person (name or
工号) holds the items that person owns; for a branch, the items whose owner works there. The key chart
counts the items by kind, overdue and not yet due. A company without 综合管理台账 gets a MissingBook
(the job logs it and the recipients are told it failed).
"""

from __future__ import annotations

from collections import Counter

from dealer_xl.ledger import Ledger
from dealer_xl.ledger.admin_view import person
from dealer_xl.ledger.model import missing_book_message
from dealer_xl.ledger.reminders import reminders
from dealer_xl.problems import MissingBook
from dealer_xl.schema import book
from dealer_xl.schema.admin_labels import REMINDER_HEADERS, REMINDER_KINDS, REMINDER_SHORT

from ..report_model import COUNT, Report, ReportData, Scope, SheetData, register

TITLE = "综合管理提醒"


def collect(ledger: Ledger, scope: Scope) -> ReportData:
    if not ledger.found("admin"):
        raise MissingBook(missing_book_message(ledger.books_dir, book("admin").filename))
    days = int(ledger.params["reminder_days"])
    items = reminders(ledger, scope.day, days)
    if scope.person:
        who = person(ledger, scope.person)
        items = [r for r in items if (who.emp_id and r.owner_id == who.emp_id) or r.owner == who.name]
    if scope.branch:
        items = [r for r in items if r.owner_id and (person(ledger, r.owner_id).branch == scope.branch)]
    late = [r for r in items if r.days_left is not None and r.days_left < 0]
    rows = [[r.owner, r.due_date.isoformat() if r.due_date else "", "" if r.days_left is None else r.days_left,
             REMINDER_KINDS[r.kind], r.item, r.book, r.sheet, r.row] for r in items]
    kinds = [k for k in REMINDER_KINDS if any(r.kind == k for r in items)]
    overdue, coming = Counter(r.kind for r in late), Counter(r.kind for r in items if r not in late)
    return ReportData(
        f"{TITLE} {scope.day.isoformat()}{scope.label()}", scope.day.isoformat(),
        [("事项", len(items), COUNT), ("已逾期", len(late), COUNT), (f"{days} 天内到期", len(items) - len(late), COUNT)],
        [SheetData("提醒", REMINDER_HEADERS, rows, {REMINDER_HEADERS[2]: COUNT}, html_rows=30)],
        ("到期事项（项）", [REMINDER_SHORT[k] for k in kinds],
         {"已逾期": [overdue[k] for k in kinds], "未到期": [coming[k] for k in kinds]}),
        [f"截至 {scope.day.isoformat()}：{days} 天内到期的事项和全部已逾期的事项；办完后在综合管理台账中更新（续保后改到期日，"
         "续签后把原合同状态改为「已续签」，归还后填归还日期）。"])


REPORT = register(Report("admin_reminders", collect, "pack.html.j2", monthly=False))
