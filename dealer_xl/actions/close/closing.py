"""Action: the month-end close (``dealer-xl close``) and its reopening (``--reopen``).

Close ``YYYY-MM``, in order — each stage only when the one before succeeded:

0. refuse (BookError, exit 2, whatever ``force`` says) a month that has not ended yet (its last day
   is today or later), a month before the go-live month (参数 go_live: the first month dealer_xl
   closes), and a folder where one of the five books is missing (a book that cannot be opened stops
   the reading already);
1. refuse while a book is open in Excel (nothing done yet); a month already closed is reported and
   nothing changes (idempotent);
2. validate the five books (with the seal of the previous close); any 错误 dated in or before the
   month, or not dated at all (master data, missing sheets), stops the close with the problem
   list, unless ``force`` with a ``reason`` (recorded in the manifest and the 结账记录) — forcing
   never lets money through: each money step still refuses the units whose cells are 错误 (the
   input gate, :mod:`dealer_xl.actions.gate`);
3. run :data:`dealer_xl.actions.close.steps.STEPS` in the order their declared inputs give, on the
   Ledger read in stage 1 (a step's writes are applied to it in memory: nothing is read again); their
   log lines and reports are listed in the order the steps are listed;
4. build the archive in a temporary folder and publish it as ``归档/YYYY-MM`` (:mod:`.archive`);
5. lock: one safe write of 主数据 sets 参数 ``closed_through`` and appends a 结账 row to 结账记录.

Stages 3–5 are one :func:`dealer_xl.io.journal.transaction` over the books: a failure rolls back
every book the steps wrote (schedules, payroll) with the lock, and a kill anywhere leaves a journal
that the next dealer_xl command rolls back — all books old or all new, never some of each.
Only stage 5 makes the close count: a failure or a kill before it leaves ``closed_through`` as it
was, and the next close sets any archive of that month aside and builds a fresh one (a close that
fails after publishing sets the archive aside at once). Problems dated after the month (a 诉讼案件
filed since, a 核销 of later) do not stop the close: validation runs as of today, and only 错误
dated in or before the month, or not dated, count. Reopening
(only the latest closed month) sets ``closed_through`` back to the close before it (from the
结账记录), logs a 反结账 row, and sets the month's archive aside; closing again re-fingerprints.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ... import ledger
from ...checks.closed_period import check_closed_period
from ...domain.fingerprints import DATED, month_of
from ...domain.monthly import month_range
from ...io.journal import transaction
from ...io.safety import check_writable
from ...ledger.admin_view import BORN as ADMIN_BORN
from ...ledger.files import excel_files
from ...ledger.held import held, hold
from ...ledger.period import closed_through, go_live, go_live_month
from ...problems import BookError, MissingBook, Problem, Severity
from ..gate import validation_problems
from ..steps import ordered
from . import log as close_log
from .archive import archive_path, build_archive, load_seal, publish, set_aside
from .steps import STEPS, CloseRun


@dataclass
class CloseResult:
    """What ``close`` did.

    Attributes:
        month: the month asked for.
        status: ``closed``, ``already_closed``, ``blocked`` (errors found) or ``reopened``.
        lines: Chinese log lines.
        problems: the 错误 that stopped (or, forced, did not stop) the close.
        archive: the published archive folder, when one was made.
    """

    month: str
    status: str
    lines: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    archive: Path | None = None

    def summary(self) -> list[str]:
        """The Chinese log lines (the problems are listed after them by the front end)."""
        return list(self.lines)

    def records(self) -> list[dict]:
        """One object: month, status, archive folder, log lines."""
        return [{"month": self.month, "status": self.status, "archive": str(self.archive or ""),
                 "lines": self.lines, "problems": [p.as_dict() for p in self.problems]}]


def os_user() -> str:
    """The operating-system user running dealer_xl."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "未知用户"


BOOKS = ("master", "sales", "receivables", "service", "payroll")
"""The books a close needs (each missing one refuses the close)."""
DATED_TOO = {("receivables", "writeoffs"): "date", ("receivables", "cases"): "filing_date",
             ("finance", "expenses"): "expense_date"}
DATED_TOO |= {("admin", sheet): field for sheet, field in ADMIN_BORN.items()}  # 综合管理台账 (optional book)
"""Sheets the seal does not keep but whose rows are dated too (a case filed after the month)."""


def blocking(problems: list[Problem], books: dict, month: str) -> list[Problem]:
    """The 错误 dated in or before ``month``, or not dated (sheet-level, master data)."""
    errors = [p for p in problems if p.severity is Severity.ERROR]
    dates = _row_dates(books, {(p.book, p.sheet, p.row) for p in errors if p.row is not None})
    out = []
    for p in errors:
        day = dates.get((p.book, p.sheet, p.row))
        if day is None or day <= month:
            out.append(p)
    return out


def _row_dates(books: dict, wanted: set[tuple[str, str, int]]) -> dict[tuple[str, str, int], str]:
    """(workbook, sheet, Excel row) → the month dating that row (``9999-99`` when its date is
    missing or not a date), for the rows of ``wanted`` on a dated sheet; the rows of the errors
    only are looked at (a sheet's rows are not all dated when the errors are few)."""
    sheets = {(book, sheet) for book, sheet, _ in wanted}
    found: dict[tuple[str, str, int], str] = {}
    for (book, sheet), date_field in (DATED | DATED_TOO).items():
        data = books.get(book)
        table = data.tables.get(sheet) if data else None
        if table is None or (table.book, table.sheet_name) not in sheets:
            continue
        for i, n in enumerate(table.row_numbers):
            if (table.book, table.sheet_name, n) in wanted:
                found[table.book, table.sheet_name, n] = month_of(table.rows[i].get(date_field)) or "9999-99"
    return found


def refuse_to_close(led: ledger.Ledger, month: str, last: date) -> None:
    """BookError (exit 2) when ``month`` must not be closed at all (stage 0 of the module docstring)."""
    if last >= led.today:
        raise BookError(f"{month} 还没有结束（今天是 {led.today}），不能结账：请在 {month} 最后一天之后再结账"
                        "（--force 也不能结账未结束的月份）")
    live = go_live_month(led.params)
    if live and month < live:
        raise BookError(f"{month} 早于上线月份 {live}（参数 go_live = {go_live(led.params)}）：上线前的月份是历史，"
                        f"不在 dealer_xl 中结账；第一个结账的月份是 {live}")
    missing = [led.books[key].spec.filename for key in BOOKS if not led.found(key)]
    if missing:
        found = excel_files(led.books_dir)
        there = f"找到的 Excel 文件：{'、'.join(found)}" if found else "该文件夹中没有 Excel 文件"
        raise MissingBook(f"结账需要五个台账，在 {led.books_dir} 中没有找到 {'、'.join(missing)}（{there}）；"
                          "请放回后再结账（不使用的台账也要有：在另一个文件夹运行 dealer-xl init，把空白台账复制过来）")


def close_month(folder: Path | str, month: str, *, force: bool = False, reason: str = "",
                today: date | None = None, now: datetime | None = None,
                books: ledger.Ledger | None = None) -> CloseResult:
    """Close ``month`` for the books in ``folder`` (see the module docstring); ``books`` is the
    Ledger of those books when the caller has read them already (read here otherwise)."""
    folder = Path(folder)
    first, last = month_range(month)
    month = f"{first:%Y-%m}"
    if force and not reason.strip():
        raise BookError("强制结账（--force）必须用 --reason 写明原因")
    now = now or datetime.now()
    with held(paused=True):  # the books read below are left out of the garbage collector's passes until the end,
        # and the collector runs once per step (at its end), not over and over inside it
        return _close(books if books is not None else folder, folder, month, last, force=force, reason=reason,
                      today=today or now.date(), now=now)


def _close(source: Path | ledger.Ledger, folder: Path, month: str, last: date, *, force: bool, reason: str,
           today: date, now: datetime) -> CloseResult:
    """Stages 0–5 (see the module docstring) on the books of ``source``, read once."""
    led = ledger.load(source, today=today)
    del source  # the run's Ledger is run.ledger from stage 3 on: the books as first read must not outlive it
    hold()
    refuse_to_close(led, month, last)
    done = closed_through(led.params)
    if done and month <= done:
        return CloseResult(month, "already_closed", [f"{month} 已结账（结账至 {done}），未作任何改动"])
    for data in led.books.values():
        if data.found:
            check_writable(data.path)
    problems = list(validation_problems(led))  # the gate's: validated once, shared with the money steps' gates
    seal = load_seal(led, folder, led.params)
    if seal is not None:
        problems += check_closed_period(led, seal)
    stop = blocking(problems, led.books, month)
    result = CloseResult(month, "blocked", problems=stop)
    if stop and not force:
        result.lines.append(f"{month} 未结账：{len(stop)} 个错误发生在 {month} 及以前（或不属于任何月份），"
                            "请更正后再结账，或用 --force --reason 强制结账")
        return result
    if month == go_live_month(led.params):
        result.lines.append(f"[上线] {month} 是上线月份（参数 go_live = {go_live(led.params)}）：dealer_xl 从本月起结账，"
                            "工资从本月起计算，此前的数据是历史，余额以期初为准")
    run = CloseRun(folder, month, last, led.today, led, forced=force)
    paths = [d.path for d in led.books.values() if d.found]
    del led  # the steps replace run.ledger as they write
    hold()  # validation's indexes and the receivables model live on: not walked again by each step
    reports: list[Path] = []
    try:
        with transaction(folder, paths, f"{month} 结账"):
            done = {}
            for step in ordered(STEPS):
                done[step.name] = step.run(run)
                hold(collect=True)  # what the step keeps (caches of the run's Ledger) is not walked again
            for step in STEPS:  # logged and archived in the order the steps are listed
                result.lines += [f"[{step.label}] {line}" for line in done[step.name].lines]
                reports += done[step.name].files
            led = run.ledger
            tmp = build_archive(led, month, reports, user=os_user(), reason=reason, forced=bool(stop), now=now)
            result.archive = publish(tmp, month, now=now)
            note = reason or ("" if not stop else "强制结账")
            close_log.record(led, closed=month, month=month, action="结账", user=os_user(), reason=note, now=now)
    except BaseException:
        if result.archive is not None:
            set_aside(result.archive, now=now)   # the books were rolled back: this archive must not look done
        raise
    result.status = "closed"
    forced = f"（强制：{len(stop)} 个错误未更正，原因：{reason}）" if stop else ""
    result.lines.append(f"{month} 已结账{forced}：归档 {result.archive}，参数 closed_through = {month}")
    return result


def reopen_month(folder: Path | str, month: str, *, reason: str, now: datetime | None = None) -> CloseResult:
    """Reopen ``month``, which must be the latest closed month (see the module docstring)."""
    folder = Path(folder)
    first, _ = month_range(month)
    month = f"{first:%Y-%m}"
    if not reason.strip():
        raise BookError("反结账必须用 --reason 写明原因")
    now = now or datetime.now()
    led = ledger.load(folder)
    done = closed_through(led.params)
    if not done:
        raise BookError(f"没有已结账的月份，无法反结账 {month}")
    if month != done:
        raise BookError(f"只能反结账最近结账的月份 {done}，不能反结账 {month}")
    before = close_log.previous_close(led, month)
    close_log.record(led, closed=before or "", month=month, action="反结账", user=os_user(), reason=reason, now=now)
    aside = set_aside(archive_path(folder, month), now=now)
    where = f"，原归档移至 {aside.name}" if aside else ""
    return CloseResult(month, "reopened", [f"{month} 已反结账：closed_through = {before or '（无）'}{where}"])
