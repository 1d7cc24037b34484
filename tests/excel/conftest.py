"""Fixtures of the Excel front end's tests: the demo company, generated once per session.

``demo_books`` is a fresh copy per test (actions write into the books), made from one small demo
company (scale 0.3) generated in a session-scoped folder.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

AS_OF = date(2026, 10, 31)  # the demo company's "today"


@pytest.fixture
def demo_books(demo_copy) -> Path:
    return demo_copy
