"""Timetables: parsing, which days a job runs, the report period, and the real scheduler on a clock."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from dealer_xl.jobs.config import load_config
from dealer_xl.jobs.producers import Producer
from dealer_xl.jobs.runner import build_scheduler
from dealer_xl.jobs.timing import ManualClock, TimingError, next_run, parse_when, period_date, runs_on

from .conftest import build_sales_list


def days_run(phrase: str, first: date, last: date) -> list[date]:
    when = parse_when(phrase)
    return [first + timedelta(n) for n in range((last - first).days + 1) if runs_on(when, first + timedelta(n))]


def test_phrases_parse_into_unit_time_and_day():
    assert parse_when("daily 07:30").at == time(7, 30)
    assert parse_when("weekly 周五 09:00").weekday == 4
    assert parse_when("weekly sunday 9:05").weekday == 6
    assert parse_when("monthly 31 08:00").day == 31


@pytest.mark.parametrize("phrase", ["hourly 07:00", "daily 7", "daily 24:00", "weekly 周八 08:00",
                                    "monthly 32 08:00", "monthly 0 08:00", "monthly 08:00", ""])
def test_bad_phrases_are_refused_in_chinese(phrase):
    with pytest.raises(TimingError, match="时间安排"):
        parse_when(phrase)


def test_monthly_day_31_runs_on_the_last_day_of_short_months():
    runs = days_run("monthly 31 08:00", date(2027, 1, 1), date(2028, 4, 30))
    assert runs[:5] == [date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30),
                        date(2027, 5, 31)]
    assert date(2028, 2, 29) in runs and date(2028, 4, 30) in runs
    assert len(runs) == 16                      # once in each of the 16 months, never twice


def test_monthly_day_30_runs_on_february_28_and_otherwise_on_the_30th():
    assert days_run("monthly 30 08:00", date(2027, 2, 1), date(2027, 3, 31)) == [date(2027, 2, 28),
                                                                                date(2027, 3, 30)]


def test_monthly_day_1_runs_on_the_first():
    assert days_run("monthly 1 08:00", date(2027, 1, 15), date(2027, 3, 15)) == [date(2027, 2, 1),
                                                                                date(2027, 3, 1)]


def test_weekdays_skip_saturday_and_sunday():
    # 2027-01-04 is a Monday
    assert days_run("weekdays 08:00", date(2027, 1, 4), date(2027, 1, 10)) == [
        date(2027, 1, d) for d in (4, 5, 6, 7, 8)]


def test_weekly_runs_on_its_day_only():
    assert days_run("weekly wednesday 08:00", date(2027, 1, 1), date(2027, 1, 31)) == [
        date(2027, 1, d) for d in (6, 13, 20, 27)]


def test_next_run_is_strictly_after_the_moment():
    when = parse_when("monthly 31 08:00")
    assert next_run(when, datetime(2027, 2, 1, 0, 0)) == datetime(2027, 2, 28, 8, 0)
    assert next_run(when, datetime(2027, 2, 28, 8, 0)) == datetime(2027, 3, 31, 8, 0)
    assert next_run(parse_when("daily 07:30"), datetime(2027, 1, 1, 7, 29)) == datetime(2027, 1, 1, 7, 30)


def test_period_rules():
    assert period_date("yesterday", date(2027, 3, 1)) == date(2027, 2, 28)
    assert period_date("last_month", date(2027, 3, 1)) == date(2027, 2, 28)
    assert period_date("last_month", date(2027, 1, 31)) == date(2026, 12, 31)
    assert period_date("today", date(2027, 4, 30)) == date(2027, 4, 30)


def test_scheduler_runs_each_job_on_its_days_on_a_controlled_clock(write_config, clock_for_schedule):
    path = write_config("""
        [[jobs]]
        name = "月末"
        produces = "probe"
        when = "monthly 31 08:30"
        period = "today"
        recipients = ["a@example.com"]
        [[jobs]]
        name = "工作日"
        produces = "probe"
        when = "weekdays 07:30"
        recipients = ["b@example.com"]
        [[jobs]]
        name = "周日"
        produces = "probe"
        when = "weekly 周日 18:00"
        recipients = ["c@example.com"]
        """)
    config = load_config(path, env={})
    clock = ManualClock(datetime(2027, 1, 25, 0, 0))
    clock_for_schedule(clock)
    runs = []

    def probe(books, out_dir, period, branch=None, person=None, shared=None):
        runs.append((out_dir.parts[-3], clock.now(), period))
        return build_sales_list(books, out_dir, period)

    scheduler = build_scheduler(config, clock, producers={"probe": Producer("probe", "", "day", probe)})
    while clock.now() < datetime(2027, 5, 3):
        scheduler.run_pending()
        clock.advance(timedelta(minutes=15))
    monthly = [(at, period) for job, at, period in runs if job == "月末"]
    assert monthly == [(datetime(2027, m, d, 8, 30), date(2027, m, d)) for m, d in
                       ((1, 31), (2, 28), (3, 31), (4, 30))]
    sundays = [at.date() for job, at, _ in runs if job == "周日"]
    assert sundays[:3] == [date(2027, 1, 31), date(2027, 2, 7), date(2027, 2, 14)]
    assert all(d.weekday() == 6 for d in sundays) and len(sundays) == 14
    weekdays = [(at, period) for job, at, period in runs if job == "工作日"]
    assert weekdays[:6] == [(datetime(2027, 1, d, 7, 30), date(2027, 1, d - 1)) for d in (25, 26, 27, 28, 29)] + [
        (datetime(2027, 2, 1, 7, 30), date(2027, 1, 31))]
    assert all(at.weekday() < 5 for at, _ in weekdays)
