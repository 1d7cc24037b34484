"""The claim clocks: due date, days left and status (overdue / due within 7 days / open)."""

from __future__ import annotations

from datetime import date

from dealer_xl.domain.claim_deadlines import deadline, deadline_status, due_after


def test_a_limit_counts_whole_days_from_the_start():
    assert due_after(date(2026, 10, 1), 15) == date(2026, 10, 16)
    assert due_after(date(2026, 12, 20), 30) == date(2027, 1, 19)
    assert due_after(date(2026, 12, 20), 10**9) == date.max  # a typo in the 厂家 sheet never raises


def test_status_by_days_left():
    due = date(2026, 10, 16)
    assert deadline_status(due, date(2026, 10, 17)) == (-1, "overdue")
    assert deadline_status(due, date(2026, 10, 16)) == (0, "due_soon")
    assert deadline_status(due, date(2026, 10, 9)) == (7, "due_soon")
    assert deadline_status(due, date(2026, 10, 8)) == (8, "open")


def test_deadline_carries_what_it_is_about():
    d = deadline("old_parts_return", "SP1", "WO1", "P1", "恒岳", date(2026, 9, 1), 45, date(2026, 10, 31))
    assert (d.due_date, d.days_left, d.status) == (date(2026, 10, 16), -15, "overdue")
    assert (d.claim_no, d.wo_no, d.part_no, d.manufacturer) == ("SP1", "WO1", "P1", "恒岳")
