"""What a report is, apart from how it is written: :class:`Report`, :class:`Scope`, :class:`ReportData`.

A report is a data function turning a :class:`dealer_xl.ledger.Ledger` and a :class:`Scope` into
:class:`ReportData`, plus the name of its HTML template. Reports (``documents/reports/``) register
themselves in :data:`REPORTS` with :func:`register`; :mod:`dealer_xl.documents.packs` writes them.
This module imports nothing of the reports or of the pack writer, so neither depends on the other
through it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dealer_xl.ledger import Ledger

MONEY, COUNT, RATE = "#,##0.00", "0", "0.00%"


@dataclass(frozen=True)
class Pack:
    """A report pack written to disk.

    Attributes:
        kind: 'daily' | 'sales' | 'receivables'.
        title: e.g. 销售月报 2026-10（城关分公司）.
        period: '2026-10-31' or '2026-10'.
        xlsx: the workbook written.
        html: the autoescaped HTML summary; the key chart is ``<img src="cid:KEY">``.
        images: cid KEY → PNG bytes.
    """

    kind: str
    title: str
    period: str
    xlsx: Path
    html: str
    images: dict[str, bytes]


@dataclass(frozen=True)
class Scope:
    """What a pack covers.

    Attributes:
        day: the report date (daily) or the month's last day (monthly).
        month: 'YYYY-MM'.
        branch: only this 分公司, when given.
        person: only this 业务员 / 催收责任人 (name or 工号), when given.
        masked: mask ID numbers, phones and bank accounts.
    """

    day: date
    month: str
    branch: str | None = None
    person: str | None = None
    masked: bool = True

    def label(self) -> str:
        """（城关分公司 · 张三） or ''."""
        parts = [p for p in (self.branch, self.person) if p]
        return f"（{' · '.join(parts)}）" if parts else ""


@dataclass(frozen=True)
class ChartSpec:
    """A native Excel chart over a table: categories in column ``category``, series in ``values``
    (1-based columns); rows of ``SheetData.rows`` only (a 合计 row is left out), from the
    ``skip``-th on (e.g. 1 leaves out 未到期 so the overdue buckets are visible), the first ``rows``
    of them when given. Bar charts show whole yuan on the value axis. ``below`` (the default): the chart
    goes under the table, so the page is fitted to the table's width alone and prints at a readable
    size; False puts it beside the table (the page then shrinks to fit both)."""

    kind: str  # 'bar' | 'pie'
    title: str
    category: int
    values: tuple[int, ...]
    skip: int = 0
    rows: int | None = None
    below: bool = True


@dataclass(frozen=True)
class SheetData:
    """One table of a report: sheet name, headers, rows, a number format per header, an optional
    total row and chart, whether the HTML summary shows it (and at most how many rows), and the rows
    (0-based) the workbook highlights (bold on a light fill: a cash plan's lowest week)."""

    name: str
    headers: tuple[str, ...]
    rows: list[list]
    formats: dict[str, str] = field(default_factory=dict)
    total: list | None = None
    chart: ChartSpec | None = None
    in_html: bool = True
    html_rows: int = 15
    highlight: tuple[int, ...] = ()


@dataclass(frozen=True)
class ReportData:
    """What a report's data function returns: title, headline figures (label, value, format),
    tables, the key chart for the email (title, categories, {series: values}) and notes."""

    title: str
    period: str
    figures: list[tuple[str, object, str]]
    sheets: list[SheetData]
    key_chart: tuple[str, list[str], dict[str, list]]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    """A registered report: its kind, data function and HTML template."""

    kind: str
    collect: Callable[[Ledger, Scope], ReportData]
    html_template: str
    monthly: bool


REPORTS: dict[str, Report] = {}


def register(report: Report) -> Report:
    """Add ``report`` to :data:`REPORTS` (by its kind); returns it."""
    REPORTS[report.kind] = report
    return report
