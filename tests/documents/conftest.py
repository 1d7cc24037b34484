"""Fixtures of the documents tests: the small hostile company and the demo company (scale 0.3)."""

from __future__ import annotations

import pytest

from dealer_xl.demo import generate_demo

from .books import write_company


@pytest.fixture(scope="session")
def company(tmp_path_factory):
    """The folder of the small company of :mod:`tests.documents.books` (do not modify it)."""
    return write_company(tmp_path_factory.mktemp("company"))


@pytest.fixture(scope="session")
def demo_books(tmp_path_factory):
    """The demo company at scale 0.3 (do not modify it)."""
    folder = tmp_path_factory.mktemp("demo")
    generate_demo(folder, scale=0.3, seed=2026)
    return folder
