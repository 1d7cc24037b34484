"""The demo company's history closed month by month, once per test run, for the ties tests.

``history`` is the demo company at scale 0.1 (seed 2026) with 参数 penalty_daily_rate 0 — receipts
then pay installments strictly oldest first, so balances can be worked out from the raw sheets
(``tests/actions/expected.py``) — and without its 2025 考勤 rows (the demo's payroll starts in
January 2026; payroll cannot start in November without the opening balances of 工资期初), closed as
finance would close it: every month from 2024-11 to 2026-10, in order, each close running its steps
(schedules, aging snapshot, collection plan, payroll, the month's packs) and archiving them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

FIRST, LAST = "2024-11", "2026-10"
TODAY = date(2026, 10, 31)


def months(first: str = FIRST, last: str = LAST) -> list[str]:
    """Every month from ``first`` to ``last``."""
    out, (y, m) = [], map(int, first.split("-"))
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


@dataclass(frozen=True)
class History:
    """The closed books: their folder and each month's close log lines."""

    folder: Path
    lines: dict[str, list[str]]

    def archive(self, month: str) -> Path:
        return self.folder / "归档" / month


def drop_rows(path: Path, sheet: str, header: str, unwanted) -> None:
    """Delete the rows of ``sheet`` whose ``header`` cell satisfies ``unwanted`` (openpyxl, bottom up)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    rows = list(ws.iter_rows(values_only=True))
    head = next(i for i, r in enumerate(rows) if header in [str(v).strip() if v else "" for v in r])
    col = [str(v).strip() if v else "" for v in rows[head]].index(header)
    for n in range(len(rows), head + 1, -1):
        if unwanted(rows[n - 1][col]):
            ws.delete_rows(n)
    wb.save(path)


def close_history(root: Path) -> None:
    """Build the closed history into ``root``: the books in ``root/台账`` and each month's close log
    lines in ``root/lines.json`` (what :func:`history` hands the tests)."""
    from dealer_xl.actions.close.closing import close_month
    from dealer_xl.demo import generate_demo

    from ..actions.raw_books import set_param

    folder = root / "台账"
    generate_demo(folder, scale=0.1, seed=2026)
    set_param(folder, "penalty_daily_rate", 0)
    drop_rows(folder / "工资表.xlsx", "考勤", "月份", lambda v: str(v or "").startswith("2025"))
    lines = {}
    for month in months():
        result = close_month(folder, month, force=True, reason="口径核对", today=date(2026, 11, 2),
                             now=datetime(2026, 11, 2, 9))  # October has ended
        assert result.status == "closed", (month, result.lines[-3:])
        lines[month] = result.lines
    (root / "lines.json").write_text(json.dumps(lines, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="session")
def history(tmp_path_factory) -> History:
    """The closed history, built once per test run and shared by every xdist worker (tests/conftest.py's
    ``built_once``): its tests only read the folder (the two modules that use it may run on two
    workers, and each used to close the 24 months again)."""
    from ..conftest import built_once

    root = built_once(tmp_path_factory, "figures-history", close_history)
    return History(root / "台账", json.loads((root / "lines.json").read_text(encoding="utf-8")))
