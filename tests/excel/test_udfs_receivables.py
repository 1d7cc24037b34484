"""Receivables worksheet functions, with Excel-style inputs (serial dates, floats) and hand-worked results."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dealer_xl.excel import udfs

SERIAL_2026_10_31 = 46326.0  # days since 1899-12-30


def test_schedule_has_header_and_hand_worked_annuity_rows():
    # 120000 at 6% over 12 months: r = 0.005, PMT = 120000 × 0.005 / (1 − 1.005^−12) = 10327.97;
    # first interest 600.00, first principal 9727.97, balance 110272.03
    table = udfs.dx_schedule(120000.0, 0.06, 12.0, datetime(2026, 1, 31))
    assert table[0] == ["期数", "应还日期", "应还金额", "本金", "利息", "剩余本金"]
    assert table[1] == [1, date(2026, 1, 31), 10327.97, 9727.97, 600.0, 110272.03]
    assert table[2][1] == date(2026, 2, 28)  # no 31 February: the month's last day
    assert len(table) == 13 and table[-1][5] == 0.0
    assert round(sum(row[3] for row in table[1:]), 2) == 120000.0


def test_schedule_accepts_serial_dates_and_other_methods():
    free = udfs.dx_schedule(30000, 0, 3, SERIAL_2026_10_31, "免息")
    assert [row[1:5] for row in free[1:]] == [[date(2026, 10, 31), 10000.0, 10000.0, 0.0],
                                              [date(2026, 11, 30), 10000.0, 10000.0, 0.0],
                                              [date(2026, 12, 31), 10000.0, 10000.0, 0.0]]
    # 等额本金 60000 at 12% over 3: principal 20000 each; interest 600, 400, 200
    equal = udfs.dx_schedule(60000.0, 0.12, 3.0, "2026-01-15", "等额本金")
    assert [row[2] for row in equal[1:]] == [20600.0, 20400.0, 20200.0]


def test_schedule_rejects_what_is_not_a_loan():
    with pytest.raises(ValueError):
        udfs.dx_schedule(120000, 0.06, 12.5, date(2026, 1, 31))
    with pytest.raises(ValueError):
        udfs.dx_schedule("abc", 0.06, 12, date(2026, 1, 31))
    with pytest.raises(ValueError):
        udfs.dx_schedule(120000, 0.06, 12, "not a date")


def test_overdue_days_counts_only_after_the_due_date():
    assert udfs.dx_overdue_days(date(2026, 9, 30), SERIAL_2026_10_31) == 31
    assert udfs.dx_overdue_days(SERIAL_2026_10_31, date(2026, 10, 31)) == 0
    assert udfs.dx_overdue_days(date(2026, 11, 15), date(2026, 10, 31)) == 0


@pytest.mark.parametrize(("due", "label"), [
    (date(2026, 10, 31), "未到期"), (date(2026, 10, 30), "1-30"), (date(2026, 10, 1), "1-30"),
    (date(2026, 9, 30), "31-60"), (date(2026, 8, 1), "91-180"), (date(2025, 10, 31), "181-365"),
    (date(2025, 10, 30), "365以上")])
def test_aging_bucket_labels(due, label):
    assert udfs.dx_aging_bucket(due, date(2026, 10, 31)) == label


def test_aging_bucket_with_own_bounds():
    assert udfs.dx_aging_bucket(date(2026, 6, 30), date(2026, 10, 31), "30,60,90") == "90以上"


@pytest.mark.parametrize(("days", "klass"), [
    (0, "正常"), (1.0, "关注"), (90, "关注"), (91, "次级"), (270, "次级"), (271, "可疑"), (360, "可疑"), (361, "损失")])
def test_risk_class_boundaries(days, klass):
    assert udfs.dx_risk_class(days) == klass
