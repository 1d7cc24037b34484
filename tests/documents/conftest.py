"""Fixtures of the documents tests: the small hostile company and the demo company (scale 0.3)."""

from __future__ import annotations

import pytest

from .books import write_company


@pytest.fixture(scope="session")
def company(tmp_path_factory):
    """The folder of the small company of :mod:`tests.documents.books` (do not modify it)."""
    return write_company(tmp_path_factory.mktemp("company"))


@pytest.fixture(scope="session")
def demo_books(demo_master):
    """The demo company at scale 0.3 (do not modify it)."""
    return demo_master
