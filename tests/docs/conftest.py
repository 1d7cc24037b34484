"""One demo company per test run (the shared default demo), copied fresh for every ```console block."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def demo_books(demo_default) -> Path:
    """The demo company as ``dealer-xl demo`` writes it with its defaults."""
    return demo_default


@pytest.fixture
def fresh_demo(demo_books, tmp_path) -> Path:
    """A working folder holding a fresh copy of the demo company at ``out/演示公司``."""
    shutil.copytree(demo_books, tmp_path / "out" / "演示公司")
    return tmp_path
