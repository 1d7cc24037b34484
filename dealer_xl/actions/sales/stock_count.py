"""Actions: stock against the manufacturer's list (``reconcile stock``) and the physical count
(``stock count-sheet``: write the printable count sheet of a branch, or read it back).

Our stock is the 整机库存 rows whose 库存状态 is 在库/样机/调拨中 and that are not sold (a 销售明细
row with that 整机编号, unless a 退车 in 退换车 took it back). A machine sold but still marked
在库 is left out here; validation reports it. Outputs go to ``报表/`` beside the books; nothing is
written to the books or to the files read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Border, Font, Side

from ... import ledger
from ...documents.packs import REPORTS_DIR
from ...domain.stock_count import Machine, StockLine, compare_count, compare_stock
from ...io.generated import set_cell_value
from ...io.incoming import read_document
from ...io.report_writer import write_header, write_table
from ...io.writer import save_new
from ...ledger.stock import held_machines
from ...problems import BookError
from ...schema import incoming_finance, labels
from ...schema.labels import STOCK_CATEGORIES, STOCK_HEADERS


@dataclass(frozen=True)
class StockResult:
    """The differences found and the workbook listing them.

    Attributes:
        title: what was compared (Chinese).
        lines: the differences.
        agree: machines on both sides with nothing different (for a count read-back: booked and
            counted present).
        workbook: the workbook written.
    """

    title: str
    lines: list[StockLine]
    agree: int
    workbook: Path

    def summary(self) -> list[str]:
        """Chinese lines: counts per category and each difference."""
        counts = {k: sum(1 for line in self.lines if line.category == k) for k in STOCK_CATEGORIES}
        shown = "，".join(f"{STOCK_CATEGORIES[k]} {n} 台" for k, n in counts.items() if n) or "没有差异"
        out = [f"{self.title}：一致 {self.agree} 台；{shown}"]
        out += [f"  [{STOCK_CATEGORIES[x.category]}] {x.serial_no} {x.model_code}：我方 {x.ours or '—'}，对方 {x.theirs or '—'}"
                for x in self.lines]
        out.append(f"  差异表：{self.workbook}")
        return out

    @property
    def problems(self) -> list:
        """Data problems found on the way (none: what was left out is named in the summary)."""
        return []

    def records(self) -> list[dict]:
        """The JSON objects (:meth:`json_rows`)."""
        return self.json_rows()

    def json_rows(self) -> list[dict]:
        """``serial_no, model_code, ours, theirs, category`` per difference."""
        return [{"serial_no": x.serial_no, "model_code": x.model_code, "ours": x.ours, "theirs": x.theirs,
                 "category": x.category} for x in self.lines]


def _machine(row: dict) -> Machine:
    return Machine(row["serial_no"], row["model_code"] or "", row["status"] or "")


def reconcile_stock(folder: Path | str, statement: Path | str, *, manufacturer: str | None = None,
                    today: date | None = None) -> StockResult:
    """Our stock against the manufacturer's stock list; writes ``报表/库存核对_<日期>.xlsx``."""
    led = ledger.load(folder, today=today)
    table = read_document(statement, incoming_finance.stock_list)
    theirs = [Machine(r["serial_no"], r["model_code"] or "", r["status"] or "") for r in table.rows if r["serial_no"]]
    lines, agree = compare_stock([_machine(r) for r in held_machines(led, manufacturer=manufacturer)], theirs)
    who = f"_{manufacturer}" if manufacturer else ""
    path = _write_differences(led.books_dir / REPORTS_DIR / f"库存核对{who}_{led.today.isoformat()}.xlsx", lines)
    title = f"与{manufacturer or labels.MANUFACTURER}库存清单核对（{Path(statement).name}）"
    return StockResult(title, lines, agree, path)


def write_count_sheet(folder: Path | str, branch: str, *, today: date | None = None) -> Path:
    """The printable count sheet of ``branch`` (its stock on the date): ``报表/盘点表_<分公司>_<日期>.xlsx``."""
    led = ledger.load(folder, today=today)
    led = led.as_of(led.today)
    branches = sorted({r["branch"] for r in led.rows("sales", "stock") if r["branch"]})
    if branch not in branches:
        raise BookError(f"整机库存中没有分公司「{branch}」；可选：{'、'.join(branches)}")
    rows = held_machines(led, branch=branch)
    spec = incoming_finance.count_sheet
    wb = Workbook()
    ws = wb.active
    ws.title = spec.name
    set_cell_value(ws["A1"], f"{branch} 整机盘点表（截至 {led.today.isoformat()}，共 {len(rows)} 台）  盘点人：________  复核人：________")
    headers = [c.header for c in spec.columns]
    write_header(ws, headers, row=2)
    ws["A1"].font = Font(bold=True, size=13)
    for n, r in enumerate(sorted(rows, key=lambda r: (r["model_code"] or "", r["serial_no"])), 3):
        ws.row_dimensions[n].height = 24  # room to write 有/无 by hand
        for col, value in enumerate((r["serial_no"], r["model_code"], r["status"], r["branch"], None, None), 1):
            cell = ws.cell(n, col, value)
            cell.data_type = "s" if value is not None else cell.data_type
    thin = Side(style="thin")
    for row in ws.iter_rows(min_row=2, max_row=len(rows) + 2, max_col=len(headers)):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for col, width in zip("ABCDEF", (22, 14, 10, 14, 8, 24), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A3"
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    return save_new(wb, led.books_dir / REPORTS_DIR / f"盘点表_{branch}_{led.today.isoformat()}.xlsx")


def read_count_sheet(folder: Path | str, counted: Path | str, branch: str, *, today: date | None = None) -> StockResult:
    """Differences between a filled-in count sheet and the branch's booked stock on the date; the
    machines booked and counted present are the ones that agree."""
    led = ledger.load(folder, today=today)
    led = led.as_of(led.today)
    table = read_document(counted, incoming_finance.count_sheet)
    rows = [(r["serial_no"], r["model_code"] or "", r["counted"]) for r in table.rows]
    lines, agree = compare_count([_machine(r) for r in held_machines(led, branch=branch)], rows)
    path = _write_differences(led.books_dir / REPORTS_DIR / f"盘点差异_{branch}_{led.today.isoformat()}.xlsx", lines)
    return StockResult(f"{branch} 实物盘点（{Path(counted).name}）", lines, agree, path)


def _write_differences(path: Path, lines: list[StockLine]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "差异"
    write_table(ws, STOCK_HEADERS, [[x.serial_no, x.model_code, x.ours, x.theirs, STOCK_CATEGORIES[x.category]] for x in lines])
    return save_new(wb, path)
