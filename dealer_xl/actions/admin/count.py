"""Action ``admin assets count-sheet``: the printable fixed-asset count sheet of a branch, and the
differences once it is filled in — as the machine stock count does for 整机.

An asset is counted at a branch (:func:`dealer_xl.ledger.assets.asset_branch`): its 使用部门 when that
names a branch, else its 保管人's 分公司. The sheet lists the assets held on the day (not disposed),
by 存放地点 and 资产编号, with blank 实盘 and 备注 columns and signature lines; read back with
``counted``, 实盘 有 (或 是/在/1/√) = present, 无 (否/缺/0/×) = missing, blank = not counted, and an
asset written in that is not on the books of the branch is 盘盈 (:func:`dealer_xl.domain.stock_count.compare_count`).
Files go to ``报表/``: ``资产盘点表_<分公司>_<日期>.xlsx`` and ``资产盘点差异_<分公司>_<日期>.xlsx``;
nothing is written to the books or to the file read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl.styles import Border, Font, Side

from ...documents.names import safe_name
from ...domain.stock_count import Machine, StockLine, compare_count
from ...io.generated import set_cell_value
from ...io.incoming import read_document
from ...io.report_writer import new_workbook, print_setup, write_header, write_table
from ...io.writer import save_new
from ...ledger.assets import asset_branch, asset_lines
from ...ledger.scope import branches
from ...problems import BadOption
from ...schema import labels
from ...schema.admin import asset_count
from ..book import OUTPUT_DIR
from .common import admin_ledger

HEADERS = tuple(c.header for c in asset_count.columns)
DIFFERENCE_HEADERS = (HEADERS[0], HEADERS[1], "账面", "实盘", "差异")
CATEGORIES = {k: labels.STOCK_CATEGORIES[k] for k in ("missing", "found", "not_counted")}
SIGNATURES = "盘点人：__________    保管人：__________    复核人：__________    日期：__________"


def held_assets(led, branch: str, day: date) -> list:
    """The assets of ``branch`` held on ``day``, by 存放地点 and 资产编号."""
    lines = [a for a in asset_lines(led, f"{day:%Y-%m}") if a.held and asset_branch(led, a) == branch]
    return sorted(lines, key=lambda a: (a.row["location"] or "", a.asset_id))


def _check_branch(led, branch: str) -> None:
    known = branches(led)
    if branch not in known:
        raise BadOption(f"未知的分公司「{branch}」；可选：{'、'.join(known) or '（台账中没有）'}")


def write_count_sheet(source: Any, branch: str, *, as_of: date | None = None) -> Path:
    """The printable count sheet of ``branch``: ``报表/资产盘点表_<分公司>_<日期>.xlsx``."""
    led = admin_ledger(source, as_of, sheets=("fixed_assets",))
    _check_branch(led, branch)
    lines = held_assets(led, branch, led.today)
    wb = new_workbook()
    ws = wb.active
    ws.title = asset_count.name
    set_cell_value(ws["A1"], f"{branch} 固定资产盘点表（截至 {led.today.isoformat()}，共 {len(lines)} 项）")
    ws["A1"].font = Font(bold=True, size=13)
    write_header(ws, HEADERS, row=2)
    for n, a in enumerate(lines, 3):
        ws.row_dimensions[n].height = 24  # room to write 有/无 by hand
        keeper = a.keeper.name if a.keeper else None
        for col, value in enumerate((a.asset_id, a.row["name"], a.row["category"], a.row["dept"], keeper,
                                     a.row["location"], None, None), 1):
            set_cell_value(ws.cell(n, col), value)
    thin = Side(style="thin")
    for row in ws.iter_rows(min_row=2, max_row=len(lines) + 2, max_col=len(HEADERS)):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    set_cell_value(ws.cell(len(lines) + 4, 2), SIGNATURES)  # beside, not in, the 资产编号 column
    for col, width in zip("ABCDEFGH", (14, 26, 10, 12, 10, 14, 8, 20), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A3"
    print_setup(ws, f"{branch} 固定资产盘点表", led.today, header_row=2)
    ws.print_options.gridLines = False  # the sheet has its borders; no grid across the signature line
    return save_new(wb, Path(led.books_dir) / OUTPUT_DIR / f"资产盘点表_{safe_name(branch)}_{led.today.isoformat()}.xlsx")


@dataclass
class CountResult:
    """The differences of a count read back.

    Attributes:
        branch: the branch counted.
        counted: the file read.
        lines: the differences.
        agree: assets on the books and counted present.
        workbook: the differences workbook.
    """

    branch: str
    counted: Path
    lines: list[StockLine]
    agree: int
    workbook: Path | None = None
    problems: list = field(default_factory=list)

    def summary(self) -> list[str]:
        """Counts per category, then each difference."""
        counts = {k: sum(1 for x in self.lines if x.category == k) for k in CATEGORIES}
        shown = "，".join(f"{CATEGORIES[k]} {n} 项" for k, n in counts.items() if n) or "没有差异"
        out = [f"{self.branch} 固定资产盘点（{self.counted.name}）：相符 {self.agree} 项；{shown}"]
        out += [f"  [{CATEGORIES[x.category]}] {x.serial_no} {x.model_code}：账面 {x.ours or '—'}，实盘 {x.theirs or '—'}"
                for x in self.lines]
        if self.workbook:
            out.append(f"  差异表：{self.workbook}")
        return out

    def records(self) -> list[dict[str, Any]]:
        """``{asset_id, name, ours, theirs, category}`` per difference."""
        return [{"asset_id": x.serial_no, "name": x.model_code, "ours": x.ours, "theirs": x.theirs,
                 "category": x.category} for x in self.lines]


def read_count_sheet(source: Any, counted: Path | str, branch: str, *, as_of: date | None = None) -> CountResult:
    """The differences between a filled-in count sheet and the branch's assets on the books."""
    led = admin_ledger(source, as_of, sheets=("fixed_assets",))
    _check_branch(led, branch)
    table = read_document(counted, asset_count)
    booked = [Machine(a.asset_id, a.row["name"] or "", a.row["location"] or "") for a in held_assets(led, branch, led.today)]
    rows = [(r["asset_id"], r["name"] or "", r["counted"]) for r in table.rows if r["asset_id"]]
    lines, agree = compare_count(booked, rows)
    wb = new_workbook()
    ws = wb.active
    ws.title = "差异"
    write_table(ws, DIFFERENCE_HEADERS, [[x.serial_no, x.model_code, x.ours, x.theirs, CATEGORIES[x.category]]
                                         for x in lines])
    path = save_new(wb, Path(led.books_dir) / OUTPUT_DIR / f"资产盘点差异_{safe_name(branch)}_{led.today.isoformat()}.xlsx")
    return CountResult(branch, Path(counted), lines, agree, path, list(table.problems))
