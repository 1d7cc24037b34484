"""Working days in China (法定节假日 off, 调休 on) for the jobs' 工作日 and the 应出勤 default.

Expected days are taken from the State Council's notice on the 2026 holidays (国办发明电〔2025〕7号),
written out here by hand, not from the library under test."""

from __future__ import annotations

from datetime import date

from dealer_xl.jobs.timing import parse_when, runs_on
from dealer_xl.ledger.calendar import covered, is_working_day, working_days


def test_national_day_is_off_and_its_make_up_days_are_on():
    assert not any(is_working_day(date(2026, 10, d)) for d in range(1, 8))   # 国庆 10月1日至7日
    assert is_working_day(date(2026, 9, 20)) and is_working_day(date(2026, 10, 10))  # 调休上班（周日、周六）
    assert not is_working_day(date(2026, 10, 11))                              # an ordinary Sunday


def test_spring_festival_2026():
    assert not any(is_working_day(date(2026, 2, d)) for d in range(15, 24))  # 2月15日至23日
    assert is_working_day(date(2026, 2, 14)) and is_working_day(date(2026, 2, 28))  # 调休上班（周六）


def test_working_days_of_october_2026_by_hand():
    # 22 weekdays, minus the five that fall in the holiday (1, 2, 5, 6, 7), plus Saturday the 10th
    assert working_days("2026-10") == 22 - 5 + 1 == 18


def test_a_year_without_a_published_schedule_falls_back_to_monday_to_friday():
    assert not covered(date(2099, 1, 1)) and covered(date(2026, 1, 1))
    assert working_days("2099-02") == 20  # February 2099 starts on a Sunday: 4 full weeks


def test_the_jobs_workday_timetable_follows_the_holidays():
    when = parse_when("weekdays 07:30")
    assert not runs_on(when, date(2026, 10, 1)) and runs_on(when, date(2026, 10, 10))
    assert "法定节假日" in when.describe()
