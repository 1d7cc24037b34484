"""When a job is due: daily, on working days, weekly on a day, or monthly on day N.

A timetable is written in the jobs file as one short phrase (``"daily 07:30"``, ``"weekdays 07:30"``,
``"weekly monday 08:00"`` or ``"weekly 周一 08:00"``, ``"monthly 31 08:00"``) and parsed into a
:class:`When`. ``weekdays`` runs on China's working days (:mod:`dealer_xl.ledger.calendar`: not on
法定节假日 such as 国庆, but on the 调休 Saturdays and Sundays). ``monthly N`` runs on day N, or on the month's last day when the month is shorter
(day 31 runs on 28/29 February, 30 April…), so it runs exactly once every month. The functions here
are pure: they take the day or moment to judge, so tests drive them with :class:`ManualClock`, the
controllable clock that the scheduler loop also accepts.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ..ledger.calendar import is_working_day

UNITS = ("daily", "weekdays", "weekly", "monthly")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_ALIASES = {**{name: i for i, name in enumerate(WEEKDAYS)},
                    **{name[:3]: i for i, name in enumerate(WEEKDAYS)},
                    **{f"周{c}": i for i, c in enumerate("一二三四五六日")}, "周天": 6}
PERIOD_RULES = {"today": "当天", "yesterday": "前一天", "last_month": "上月"}
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class TimingError(ValueError):
    """A timetable phrase that cannot be understood; the message is Chinese and says why."""


@dataclass(frozen=True)
class When:
    """A parsed timetable.

    Attributes:
        unit: one of :data:`UNITS`.
        at: time of day to run.
        weekday: 0 = Monday … 6 = Sunday, for ``weekly``.
        day: day of the month 1–31, for ``monthly``.
    """

    unit: str
    at: time
    weekday: int | None = None
    day: int | None = None

    def describe(self) -> str:
        """The timetable in Chinese, for ``jobs list`` and logs."""
        clock = self.at.strftime("%H:%M")
        if self.unit == "daily":
            return f"每天 {clock}"
        if self.unit == "weekdays":
            return f"工作日（按法定节假日与调休） {clock}"
        if self.unit == "weekly":
            return f"每周{'一二三四五六日'[self.weekday]} {clock}"
        short = "（当月无此日则为月末）" if self.day > 28 else ""
        return f"每月{self.day}日{short} {clock}"


def parse_when(text: str) -> When:
    """Parse a timetable phrase; raise :class:`TimingError` with a Chinese message when invalid."""
    words = str(text).strip().lower().split()
    hint = "应写作 daily 07:30、weekdays 07:30、weekly monday 08:00 或 monthly 31 08:00"
    if not words or words[0] not in UNITS:
        raise TimingError(f"无法识别的时间安排“{text}”：{hint}")
    unit, args = words[0], words[1:]
    expected = 2 if unit in ("weekly", "monthly") else 1
    if len(args) != expected:
        raise TimingError(f"时间安排“{text}”的写法不对：{hint}")
    match = _TIME.match(args[-1])
    if not match:
        raise TimingError(f"时间安排“{text}”中的时刻“{args[-1]}”无效，应为 HH:MM（如 07:30）")
    at = time(int(match[1]), int(match[2]))
    if unit == "weekly":
        if args[0] not in _WEEKDAY_ALIASES:
            raise TimingError(f"时间安排“{text}”中的星期“{args[0]}”无效（如 monday 或 周一）")
        return When(unit, at, weekday=_WEEKDAY_ALIASES[args[0]])
    if unit == "monthly":
        if not args[0].isdigit() or not 1 <= int(args[0]) <= 31:
            raise TimingError(f"时间安排“{text}”中的日期“{args[0]}”无效，应为 1–31")
        return When(unit, at, day=int(args[0]))
    return When(unit, at)


def last_day_of_month(day: date) -> date:
    """The last day of ``day``'s month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def runs_on(when: When, day: date) -> bool:
    """Whether the timetable runs on ``day`` (at ``when.at``)."""
    if when.unit == "daily":
        return True
    if when.unit == "weekdays":
        return is_working_day(day)
    if when.unit == "weekly":
        return day.weekday() == when.weekday
    return day.day == min(when.day, last_day_of_month(day).day)


def next_run(when: When, after: datetime) -> datetime:
    """The first moment strictly after ``after`` at which the timetable runs."""
    day = after.date()
    for _ in range(400):
        moment = datetime.combine(day, when.at)
        if moment > after and runs_on(when, day):
            return moment
        day += timedelta(days=1)
    raise AssertionError(f"no run within 400 days for {when}")


def period_date(rule: str, run_day: date) -> date:
    """The day whose figures a run on ``run_day`` reports, by the job's period rule.

    ``today`` → the run day; ``yesterday`` → the day before; ``last_month`` → the last day of
    the previous month (so a monthly pack run on the 1st reports the month just closed).
    """
    if rule == "today":
        return run_day
    if rule == "yesterday":
        return run_day - timedelta(days=1)
    if rule == "last_month":
        return run_day.replace(day=1) - timedelta(days=1)
    raise TimingError(f"无法识别的报告期规则“{rule}”，应为 {'、'.join(PERIOD_RULES)}")


def default_period_rule(when: When) -> str:
    """Monthly jobs report the month just closed; the others report the day before the run."""
    return "last_month" if when.unit == "monthly" else "yesterday"


class ManualClock:
    """A clock that only moves when told to — for tests and dry runs of the scheduler."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def now(self) -> datetime:
        return self.moment

    def advance(self, delta: timedelta) -> datetime:
        self.moment += delta
        return self.moment


class SystemClock:
    """The machine's local clock."""

    def now(self) -> datetime:
        return datetime.now()
