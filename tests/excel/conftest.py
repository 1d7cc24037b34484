"""Fixtures of the Excel front end's tests: the demo company, generated once per session.

``demo_books`` is a fresh copy per test (actions write into the books), made from one small demo
company (scale 0.3) generated in a session-scoped folder.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from dealer_xl.demo import generate_demo

AS_OF = date(2026, 10, 31)  # the demo company's "today"


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "演示公司"
    generate_demo(folder, scale=0.3, seed=11)
    return folder


@pytest.fixture
def demo_books(demo_master, tmp_path) -> Path:
    folder = tmp_path / "台账"
    shutil.copytree(demo_master, folder)
    return folder
