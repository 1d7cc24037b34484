"""Catching up runs missed while the PC was off: the last moment the scheduler was alive, and what fell due since.

The scheduler writes the current time to ``调度器心跳.txt`` in the state folder on every pass of its
loop (:class:`Heartbeat`). When it starts again — at logon, after a reboot, after a crash — every
job that fell due between that moment and now is run ONCE, for its most recent due day (a PC off
for a week sends last week's daily report for the latest day only, and a monthly pack missed on
the 1st is sent when the PC is next on, for the month just closed). The sent log still prevents a
message from going twice. Without a heartbeat (first start) the look-back begins at midnight
today. Pure functions except :class:`Heartbeat`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path

from .timing import runs_on

HEARTBEAT_NAME = "调度器心跳.txt"
MAX_LOOKBACK_DAYS = 62


def last_due_day(when, since: datetime, now: datetime) -> date | None:
    """The latest day whose run moment lies in ``(since, now]``, or None."""
    since = max(since, now - timedelta(days=MAX_LOOKBACK_DAYS))
    day = now.date()
    while day >= since.date():
        moment = datetime.combine(day, when.at)
        if since < moment <= now and runs_on(when, day):
            return day
        day -= timedelta(days=1)
    return None


def missed(jobs: Iterable, since: datetime | None, now: datetime) -> list[tuple[object, date]]:
    """(job, due day) for each job with a run in ``(since, now]`` (since=None: from midnight today)."""
    since = since or datetime.combine(now.date(), datetime.min.time()) - timedelta(microseconds=1)
    found = []
    for job in jobs:
        day = last_due_day(job.when, since, now)
        if day is not None:
            found.append((job, day))
    return found


class Heartbeat:
    """The file recording when the scheduler was last alive."""

    def __init__(self, state: Path) -> None:
        self.path = Path(state) / HEARTBEAT_NAME

    def last(self) -> datetime | None:
        """The last recorded moment, or None (never ran, or an unreadable file)."""
        try:
            return datetime.fromisoformat(self.path.read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            return None

    def beat(self, now: datetime) -> None:
        """Record ``now`` (replacing the file atomically)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(now.isoformat(timespec="seconds"), encoding="utf-8")
        tmp.replace(self.path)
