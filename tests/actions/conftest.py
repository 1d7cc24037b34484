"""Fixtures for the receivables action tests: the demo company generated once per session.

``demo_books`` is the untouched demo (scale 0.3, as of 2026-10-31); ``books`` is a fresh copy of
it per test; ``aged_books`` is one copy per session with 参数 penalty_daily_rate set to 0 and
the missing schedules filled, so that outstanding amounts can be worked out independently from
the raw sheets (no penalty: receipts cover installments oldest first, nothing else).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dealer_xl.actions.receivables.schedule_fill import fill_schedules
from dealer_xl.ledger import load

from .raw_books import set_param


@pytest.fixture(scope="session")
def demo_books(demo_master) -> Path:
    return demo_master


@pytest.fixture
def books(demo_books, tmp_path) -> Path:
    folder = tmp_path / "books"
    shutil.copytree(demo_books, folder)
    return folder


@pytest.fixture(scope="session")
def aged_books(demo_books, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("aged") / "books"
    shutil.copytree(demo_books, folder)
    set_param(folder, "penalty_daily_rate", 0)
    fill_schedules(load(folder))
    return folder
