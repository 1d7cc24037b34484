"""Report packs: one mechanism for every monthly/daily report (a report = data + layout + HTML).

A report is a :class:`Report`: a data function turning the ledgers — as they were on the pack's
day (:meth:`dealer_xl.ledger.Ledger.as_of`: nothing dated after it exists) — and a :class:`Scope`
(period, branch or person filter, masking) into :class:`ReportData` — a title, headline figures and
:class:`SheetData` tables, each possibly with a native Excel chart — plus the name of its HTML
template. :func:`build_pack` runs it and writes the pack:

- an .xlsx (``报表/<标题>.xlsx`` by default) with a 概览 sheet of headline figures, one formatted
  sheet per table (bold frozen header, number formats, widths, print titles) and native Excel
  charts (openpyxl.chart) under the tables that have one (the page fits the table, not the chart);
- an HTML summary (Jinja, autoescaped, sandboxed) showing the same headline figures and tables,
  formatted from the very values written to the workbook, so its figures equal the workbook's;
  the key chart is a PNG referenced as ``<img src="cid:KEY">`` and returned in ``Pack.images``.

Text from the books is written as text, never as a formula (``=``, ``+``, ``-``, ``@`` get the
quote prefix via :func:`dealer_xl.io.generated.set_cell_value`). Personal data is masked when
``masked`` (DOMAIN §6). Reports register themselves in :data:`REPORTS` (see ``reports/``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl.chart import BarChart, PieChart, Reference, Series
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from dealer_xl.io.report_writer import NO_ROWS, TITLE_FONT, finish, new_workbook, write_row, write_table
from dealer_xl.io.writer import save_new
from dealer_xl.ledger import Ledger
from dealer_xl.ledger.held import held, hold
from dealer_xl.ledger.requirements import NEEDS, require

from .names import output_path
from .report_model import (
    COUNT,
    MONEY,
    RATE,
    REPORTS,
    ChartSpec,
    Pack,
    Report,
    ReportData,
    Scope,
    SheetData,
    register,
)

__all__ = ["COUNT", "MONEY", "RATE", "REPORTS", "ChartSpec", "Pack", "Report", "ReportData", "Scope", "SheetData",
           "build_pack", "register", "show", "write_pack"]

REPORTS_DIR = "报表"
KEY_CHART = "chart1"
HIGHLIGHT_FILL = PatternFill("solid", fgColor="FFF2CC")


def show(value: object, fmt: str) -> str:
    """The text a workbook cell shows for ``value`` under number format ``fmt``."""
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        if fmt == MONEY:
            return f"{Decimal(value):,.2f}"
        if fmt == RATE:
            return f"{Decimal(value) * 100:.2f}%"
        return f"{value}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def build_pack(kind: str, ledger: Ledger, out_dir: Path | None = None, *, day: date | None = None,
               month: str | None = None, branch: str | None = None, person: str | None = None,
               masked: bool = True, email: bool = True) -> Pack:
    """Build the pack ``kind`` from ``ledger`` into ``out_dir`` (default ``<books_dir>/报表``).

    A daily pack covers ``day`` (default the Ledger's today); a monthly pack ``month`` ('YYYY-MM', default the
    month of ``day`` or today). ``email=False`` writes the workbook only (no HTML, no chart image:
    the month-end close archives the workbook). Raises ValueError (Chinese message) for an unknown
    kind or a bad month.
    """
    from dealer_xl.domain.monthly import month_range

    from . import reports  # noqa: F401  (registers the reports)

    if kind not in REPORTS:
        raise ValueError(f"未知报表「{kind}」，可选：{'、'.join(REPORTS)}")
    report = REPORTS[kind]
    day = day or ledger.today
    month = month or f"{day:%Y-%m}"
    if report.monthly:
        day = month_range(month)[1]
    scope = Scope(day, month, branch or None, person or None, masked)
    if f"pack_{kind}" in NEEDS:
        require(ledger, f"pack_{kind}", f"生成{report.kind}报表")
    with held():
        hold()  # the books read are not walked again by the garbage collector while the pack is computed
        data = report.collect(ledger.as_of(scope.day), scope)  # the books as they were on the pack's day
    out_dir = Path(out_dir) if out_dir else ledger.books_dir / REPORTS_DIR
    return write_pack(kind, data, out_dir, scope.day, report.html_template, masked=scope.masked, email=email)


def write_pack(kind: str, data: ReportData, out_dir: Path, day: date, html_template: str = "pack.html.j2", *,
               masked: bool = True, email: bool = True) -> Pack:
    """Write ``data`` as a pack into ``out_dir`` (workbook ``<标题>.xlsx`` and, with ``email``, the HTML
    summary): what :func:`build_pack` does once a report has collected its data, for an action that
    collected it with options a :class:`Scope` does not carry (a manufacturer, a number of weeks)."""
    xlsx = save_new(_workbook(data, day), output_path(Path(out_dir), data.title, suffix=".xlsx"))
    if not email:
        return Pack(kind, data.title, data.period, xlsx, "", {})
    # matplotlib and the templates only for the email (a close writes workbooks only)
    from .charts import bar_chart_png
    from .rendering import render_html

    chart_title, categories, series = data.key_chart
    images = {KEY_CHART: bar_chart_png(chart_title, categories, series)}
    html = render_html(html_template, {
        "title": data.title, "period": data.period, "notes": data.notes, "chart_cid": KEY_CHART,
        "chart_title": chart_title, "masked": masked,
        "figures": [(label, show(value, fmt)) for label, value, fmt in data.figures],
        "tables": [_html_table(s) for s in data.sheets if s.in_html]})
    return Pack(kind, data.title, data.period, xlsx, html, images)


def _html_table(sheet: SheetData) -> dict:
    fmts = [sheet.formats.get(h, "") for h in sheet.headers]
    rows = [[show(v, f) for v, f in zip(row, fmts, strict=True)] for row in sheet.rows[:sheet.html_rows]]
    total = [show(v, f) for v, f in zip(sheet.total, fmts, strict=True)] if sheet.total else None
    return {"name": sheet.name, "headers": sheet.headers, "rows": rows, "total": total,
            "numeric": [bool(f) for f in fmts], "more": max(len(sheet.rows) - sheet.html_rows, 0)}


def _workbook(data: ReportData, day: date):
    wb = new_workbook()
    ws = wb.active
    ws.title = "概览"
    write_row(ws, 1, [data.title], {})
    ws.cell(1, 1).font = TITLE_FONT
    for i, (label, value, fmt) in enumerate(data.figures, 3):
        write_row(ws, i, [label, value], {2: fmt} if fmt else {})
    for i, note in enumerate(data.notes, len(data.figures) + 4):
        write_row(ws, i, [note], {})
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 28, 20
    for sheet in data.sheets:
        _table_sheet(wb.create_sheet(sheet.name), sheet)
    return finish(wb, data.title, day)


def _table_sheet(ws, sheet: SheetData) -> None:
    last = write_table(ws, sheet.headers, sheet.rows, sheet.formats, autofilter=False)
    if not sheet.rows:  # an empty section says so (a company with no sales or contracts yet)
        last += 1
        write_row(ws, last, [NO_ROWS] + [None] * (len(sheet.headers) - 1), {})
    for i in sheet.highlight:
        for cell in ws[i + 2]:
            cell.fill, cell.font = HIGHLIGHT_FILL, Font(name=cell.font.name, size=cell.font.sz, bold=True)
    if sheet.total:
        write_row(ws, last + 1, sheet.total, {i: sheet.formats[h] for i, h in enumerate(sheet.headers, 1)
                                              if h in sheet.formats}, bold=True)
    if sheet.chart and sheet.rows:
        n = min(len(sheet.rows), sheet.chart.rows or len(sheet.rows))
        where = f"A{last + 3 + bool(sheet.total)}" if sheet.chart.below else f"{get_column_letter(len(sheet.headers) + 2)}2"
        ws.add_chart(_chart(ws, sheet.chart, n), where)


def _chart(ws, spec: ChartSpec, n: int):
    chart = PieChart() if spec.kind == "pie" else BarChart()
    chart.title = spec.title
    for col in spec.values:
        series = Series(Reference(ws, min_col=col, min_row=2 + spec.skip, max_row=n + 1),
                        title_from_data=False, title=ws.cell(1, col).value)
        chart.series.append(series)
    chart.set_categories(Reference(ws, min_col=spec.category, min_row=2 + spec.skip, max_row=n + 1))
    if spec.kind != "pie":
        chart.y_axis.number_format = "#,##0"
        chart.x_axis.tickLblPos = "low"  # category names under the plot, clear of negative bars
    chart.width, chart.height = 18, 7 if spec.below else 9  # under a table: low enough to share its page
    return chart
