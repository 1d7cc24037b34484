"""Action: the month-end close (``dealer-xl close``) and its reopening (``--reopen``).

Close ``YYYY-MM``, in order — each stage only when the one before succeeded:

1. refuse while a book is open in Excel (nothing done yet); a month already closed is reported and
   nothing changes (idempotent);
2. validate the five books (with the seal of the previous close); any 错误 dated in or before the
   month, or not dated at all (master data, missing sheets), stops the close with the problem
   list, unless ``force`` with a ``reason`` (recorded in the manifest and the 结账记录);
3. run :data:`dealer_xl.actions.close.steps.STEPS` in the order their declared inputs give, on the
   Ledger read in stage 1 (a step's writes are applied to it in memory: nothing is read again);
4. build the archive in a temporary folder and publish it as ``归档/YYYY-MM`` (:mod:`.archive`);
5. lock: one safe write of 主数据 sets 参数 ``closed_through`` and appends a 结账 row to 结账记录.

Only stage 5 makes the close count: a failure or a kill before it leaves ``closed_through`` as it
was, and the next close sets any archive of that month aside and builds a fresh one (a lock write
that fails sets the archive just published aside at once). Reopening
(only the latest closed month) sets ``closed_through`` back to the close before it (from the
结账记录), logs a 反结账 row, and sets the month's archive aside; closing again re-fingerprints.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ... import ledger
from ...checks import run_checks
from ...checks.closed_period import check_closed_period
from ...domain.fingerprints import DATED, month_of
from ...domain.monthly import month_range
from ...io.safety import check_writable
from ...ledger.period import closed_through
from ...problems import BookError, Problem, Severity
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


def os_user() -> str:
    """The operating-system user running dealer_xl."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "未知用户"


def blocking(problems: list[Problem], books: dict, month: str) -> list[Problem]:
    """The 错误 dated in or before ``month``, or not dated (sheet-level, master data)."""
    dates = _row_dates(books)
    out = []
    for p in problems:
        if p.severity is not Severity.ERROR:
            continue
        day = dates.get((p.book, p.sheet, p.row))
        if day is None or day <= month:
            out.append(p)
    return out


def _row_dates(books: dict) -> dict[tuple[str, str, int], str | None]:
    found: dict[tuple[str, str, int], str | None] = {}
    for (book, sheet), date_field in DATED.items():
        data = books.get(book)
        table = data.tables.get(sheet) if data else None
        if table is None:
            continue
        for row, n in zip(table.rows, table.row_numbers, strict=True):
            found[table.book, table.sheet_name, n] = month_of(row.get(date_field)) or "9999-99"
    return found


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
    led = ledger.load(books if books is not None else folder, today=today or last)
    done = closed_through(led.params)
    if done and month <= done:
        return CloseResult(month, "already_closed", [f"{month} 已结账（结账至 {done}），未作任何改动"])
    for data in led.books.values():
        if data.found:
            check_writable(data.path)
    problems = run_checks(led) + led.param_problems
    seal = load_seal(led, folder, led.params)
    if seal is not None:
        problems += check_closed_period(led, seal)
    stop = blocking(problems, led.books, month)
    result = CloseResult(month, "blocked", problems=stop)
    if stop and not force:
        result.lines.append(f"{month} 未结账：{len(stop)} 个错误发生在 {month} 及以前（或不属于任何月份），"
                            "请更正后再结账，或用 --force --reason 强制结账")
        return result
    run = CloseRun(folder, month, last, led.today, led)
    reports: list[Path] = []
    for step in ordered(STEPS):
        step_result = step.run(run)
        result.lines += [f"[{step.label}] {line}" for line in step_result.lines]
        reports += step_result.files
    led = run.ledger
    tmp = build_archive(led, month, reports, user=os_user(), reason=reason, forced=bool(stop), now=now)
    result.archive = publish(tmp, month, now=now)
    note = reason or ("" if not stop else "强制结账")
    try:
        close_log.record(led, closed=month, month=month, action="结账", user=os_user(), reason=note, now=now)
    except BookError:
        set_aside(result.archive, now=now)   # the lock failed: this archive must not look done
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
