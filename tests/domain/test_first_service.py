"""When a delivered machine is due its first service (首保) and its sales callback (销售回访), worked by hand."""

from datetime import date
from decimal import Decimal

from dealer_xl.domain.first_service import first_service_due, sales_callback_due

DELIVERED = date(2026, 10, 1)


def test_first_service_is_due_thirty_days_after_delivery():
    # 10-01 + 30 days = 10-31; seen on 10-20: 11 days left (more than 7) → open
    due = first_service_due(DELIVERED, 30, 50, date(2026, 10, 20))
    assert (due.due_date, due.due_hours, due.days_left, due.status) == (date(2026, 10, 31), Decimal(50), 11, "open")


def test_first_service_is_due_soon_within_seven_days_and_overdue_the_day_after():
    assert first_service_due(DELIVERED, 30, 50, date(2026, 10, 24)).status == "due_soon"  # 7 days left
    assert first_service_due(DELIVERED, 30, 50, date(2026, 10, 31)).status == "due_soon"  # due today
    late = first_service_due(DELIVERED, 30, 50, date(2026, 11, 1))
    assert (late.days_left, late.status) == (-1, "overdue")


def test_the_hour_meter_reaching_the_hours_makes_it_overdue_before_the_date():
    due = first_service_due(DELIVERED, 30, 50, date(2026, 10, 10), hour_meter=Decimal(50))
    assert (due.days_left, due.status) == (21, "overdue")
    assert first_service_due(DELIVERED, 30, 50, date(2026, 10, 10), hour_meter=Decimal("49.9")).status == "open"


def test_zero_days_counts_hours_only_and_zero_hours_days_only():
    hours_only = first_service_due(DELIVERED, 0, 50, date(2027, 3, 1))
    assert (hours_only.due_date, hours_only.days_left, hours_only.status) == (None, None, "open")
    days_only = first_service_due(DELIVERED, 30, 0, date(2026, 12, 1), hour_meter=Decimal(900))
    assert (days_only.due_hours, days_only.status) == (None, "overdue")


def test_a_first_service_done_is_done_whatever_the_dates():
    assert first_service_due(DELIVERED, 30, 50, date(2027, 1, 1), hour_meter=Decimal(300), done=True).status == "done"


def test_the_sales_callback_is_due_fifteen_days_after_delivery():
    due = sales_callback_due(DELIVERED, 15, date(2026, 10, 20))
    assert (due.kind, due.due_date, due.days_left, due.status) == ("sales_callback", date(2026, 10, 16), -4, "overdue")
    assert sales_callback_due(DELIVERED, 15, date(2026, 10, 20), done=True).status == "done"
