"""One demo company per test session, copied fresh for every ```console block."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def demo_books(tmp_path_factory) -> Path:
    """The demo company as ``dealer-xl demo`` writes it with its defaults."""
    from dealer_xl.demo import generate_demo

    folder = tmp_path_factory.mktemp("docs-demo") / "演示公司"
    generate_demo(folder)
    return folder


@pytest.fixture
def fresh_demo(demo_books, tmp_path) -> Path:
    """A working folder holding a fresh copy of the demo company at ``out/演示公司``."""
    shutil.copytree(demo_books, tmp_path / "out" / "演示公司")
    return tmp_path
