"""The month-end close and 综合管理台账 (issue #26): the book is optional for the close, and its 错误
stop only the closes of the months they belong to (a row dated after the month does not)."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from dealer_xl import ledger
from dealer_xl.actions.close.closing import close_month

from ..first_day_company import build_first_day, type_rows


@pytest.fixture(scope="module")
def first_day(tmp_path_factory) -> Path:
    return build_first_day(tmp_path_factory.mktemp("first_day") / "台账")


@pytest.fixture
def office(first_day, tmp_path) -> Path:
    folder = tmp_path / "台账"
    shutil.copytree(first_day, folder)
    return folder


def test_a_company_without_the_book_closes(office):
    (office / "综合管理台账.xlsx").unlink()
    result = close_month(office, "2026-07", today=date(2026, 8, 3))
    assert result.status == "closed" and ledger.load(office).params["closed_through"] == "2026-07"


def test_an_admin_error_dated_after_the_month_does_not_stop_it_but_one_in_it_does(office):
    cost = {"date": datetime(2026, 8, 2), "plate": "豫A12345", "category": "燃油", "amount": 300}   # no such vehicle: 错误
    type_rows(office, "admin", "vehicle_costs", [cost])
    assert close_month(office, "2026-07", today=date(2026, 8, 3)).status == "closed"


def test_an_admin_error_in_the_month_stops_the_close(office):
    cost = {"date": datetime(2026, 7, 20), "plate": "豫A12345", "category": "燃油", "amount": 300}
    type_rows(office, "admin", "vehicle_costs", [cost])
    result = close_month(office, "2026-07", today=date(2026, 8, 3))
    assert result.status == "blocked" and [p.sheet for p in result.problems] == ["车辆费用"]
