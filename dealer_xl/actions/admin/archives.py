"""Action ``admin archives``: the archive register, the loans not returned, and the destruction list.

As of a day (:mod:`dealer_xl.ledger.archives`): every file with its retention (保管至), the loans
still out with their due date and days overdue, and the files whose retention has ended. The
destruction list (销毁清册) follows 会计档案管理办法 (财政部 国家档案局令第79号, 2015) 第十八条: it names
each file's 名称, 档案编号 (卷号), 起止年度, 应保管期限, 已保管期限 and leaves 册数 and 销毁时间 to be filled
in, followed by the approval lines — 单位负责人, 档案管理机构负责人, 会计管理机构负责人 (for accounting
files), the 经办人 — and the 监销人's after destruction. The workbook ``报表/档案_<日期>.xlsx`` holds
销毁清册, 借出未还 and 档案目录; JSON is ``{"register": [...], "loans": [...], "destruction": [...]}``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl.styles import Border, Font, Side

from ...io.generated import set_cell_value
from ...io.report_writer import COUNT, DATE, new_workbook, print_setup, write_header, write_row, write_table
from ...io.report_writer import fit_widths as fit
from ...io.writer import save_new
from ...ledger.archives import ArchiveLine, Loan, archive_register, destruction_list, open_loans
from ...schema import admin_labels as L
from ..book import OUTPUT_DIR
from .common import admin_ledger, text_table

DESTRUCTION = ("序号", "档案名称", "档案编号（卷号）", "册数", "起止年度", "应保管期限", "已保管期限", L.ARCHIVE_CATEGORY,
               L.ARCHIVE_LOCATION, "销毁时间")
LOANS = (L.ARCHIVE_NO, L.ARCHIVE_NAME, L.SECRECY, L.BORROWER, L.APPROVER, L.LOAN_DATE, L.LOAN_DUE, L.DAYS_OVER)
REGISTER = (L.ARCHIVE_NO, L.ARCHIVE_NAME, L.ARCHIVE_CATEGORY, L.FORMED, L.RETENTION, L.KEPT_UNTIL,
            L.ARCHIVE_LOCATION, L.SECRECY)
APPROVALS = ("单位负责人意见：", "档案管理机构负责人意见：", "会计管理机构负责人意见（会计档案）：", "经办人：", "监销人（销毁后签名）：")
PERMANENT = "永久"


@dataclass
class ArchivesResult:
    """The archives as of a day.

    Attributes:
        as_of: the day.
        register: every file on the register.
        loans: the loans not returned.
        destruction: the files past retention.
        workbook: the workbook written (None when not written).
    """

    as_of: date
    register: list[ArchiveLine]
    loans: list[Loan]
    destruction: list[ArchiveLine]
    workbook: Path | None = None

    @property
    def problems(self) -> list:
        """Data problems found on the way (none: validation reports the rows left out)."""
        return []

    def summary(self) -> list[str]:
        """Counts, the loans out, the destruction list."""
        late = [x for x in self.loans if x.due < self.as_of]
        lines = [f"档案（截至 {self.as_of}）：在册 {len(self.register)} 卷，借出未还 {len(self.loans)} 卷（逾期 {len(late)} 卷），"
                 f"保管期满待销毁 {len(self.destruction)} 卷"]
        if self.loans:
            lines += ["借出未还："] + text_table(LOANS, _loan_rows(self.loans, self.as_of), numeric=(False,) * 7 + (True,))
        if self.destruction:
            lines += ["保管期满（销毁前须经单位负责人等签署意见）："] + text_table(
                DESTRUCTION[1:9], [r[1:9] for r in _destruction_rows(self.destruction, self.as_of)])
        if self.workbook:
            lines.append(f"明细：{self.workbook}")
        return lines

    def records(self) -> list[dict[str, Any]]:
        """The three lists in one object (see :meth:`as_json`)."""
        return [self.as_json()]

    def as_json(self) -> dict[str, list[dict[str, Any]]]:
        """``register`` {archive_no, name, category, formed, retention_years, kept_until, location, secrecy},
        ``loans`` {archive_no, borrower, date, due, days_overdue}, ``destruction`` {archive_no, name,
        formed, retention_years, kept_until}."""
        return {"register": [_file(a) for a in self.register],
                "loans": [{"archive_no": x.row["archive_no"], "borrower": x.borrower.name if x.borrower else None,
                           "date": x.row["date"], "due": x.due, "days_overdue": max(0, (self.as_of - x.due).days)}
                          for x in self.loans],
                "destruction": [{k: v for k, v in _file(a).items() if k not in ("category", "location", "secrecy")}
                                for a in self.destruction]}


def _file(a: ArchiveLine) -> dict[str, Any]:
    r = a.row
    return {"archive_no": r["archive_no"], "name": r["name"], "category": r["category"], "formed": r["formed"],
            "retention_years": r["retention_years"], "kept_until": a.kept_until, "location": r["location"],
            "secrecy": r["secrecy"]}


def _loan_rows(loans: list[Loan], day: date) -> list[list]:
    return [[x.row["archive_no"], x.archive["name"] if x.archive else None, x.archive["secrecy"] if x.archive else None,
             x.borrower.name if x.borrower else None, x.approver.name if x.approver else None, x.row["date"], x.due,
             max(0, (day - x.due).days)]
            for x in loans]


def _destruction_rows(files: list[ArchiveLine], day: date) -> list[list]:
    rows = []
    for n, a in enumerate(files, 1):
        r = a.row
        kept = day.year - r["formed"].year - 1  # whole years since the 1 January after it was formed
        rows.append([n, r["name"], r["archive_no"], None, r["formed"].year, f"{r['retention_years']}年", f"{kept}年",
                     r["category"], r["location"], None])
    return rows


def admin_archives(source: Any, as_of: date | None = None, *, workbook: bool = True) -> ArchivesResult:
    """The archives of the books in ``source`` as of ``as_of`` (default today)."""
    led = admin_ledger(source, as_of, sheets=("archives", "archive_loans"))
    day = led.today
    result = ArchivesResult(day, archive_register(led, day), open_loans(led, day), destruction_list(led, day))
    if workbook:
        result.workbook = _write(led.books_dir, result)
    return result


def _write(books_dir: Path, result: ArchivesResult) -> Path:
    day = result.as_of
    wb = new_workbook()
    ws = wb.active
    ws.title = "销毁清册"
    set_cell_value(ws["A1"], f"档案销毁清册（截至 {day.isoformat()} 保管期满，共 {len(result.destruction)} 卷）")
    ws["A1"].font = Font(bold=True, size=13)
    rows = _destruction_rows(result.destruction, day)
    write_header(ws, DESTRUCTION, row=2)
    for n, values in enumerate(rows, 3):
        write_row(ws, n, values, {1: COUNT, 5: COUNT})
    fit(ws, 2)  # before the approval lines, which run across the empty cells beside them
    thin = Side(style="thin")
    for line in ws.iter_rows(min_row=2, max_row=len(rows) + 2, max_col=len(DESTRUCTION)):
        for cell in line:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    last = len(rows) + 3
    for k, text in enumerate(APPROVALS):
        set_cell_value(ws.cell(last + 1 + 2 * k, 2), f"{text}______________________    日期：__________")
    ws.freeze_panes = "A3"
    print_setup(ws, "档案销毁清册", day, header_row=2)
    ws.print_options.gridLines = False  # the list has its borders; no grid across the approval lines
    loans = wb.create_sheet("借出未还")
    write_table(loans, LOANS, _loan_rows(result.loans, day), {L.LOAN_DATE: DATE, L.LOAN_DUE: DATE, L.DAYS_OVER: COUNT})
    catalogue = wb.create_sheet("档案目录")
    write_table(catalogue, REGISTER, [[a.row["archive_no"], a.row["name"], a.row["category"], a.row["formed"],
                                       a.row["retention_years"] or PERMANENT, a.kept_until, a.row["location"],
                                       a.row["secrecy"]] for a in result.register],
                {L.FORMED: DATE, L.KEPT_UNTIL: DATE})
    for sheet in (loans, catalogue):
        fit(sheet, 1)
        print_setup(sheet, f"档案 {day.isoformat()}", day)
    return save_new(wb, Path(books_dir) / OUTPUT_DIR / f"档案_{day.isoformat()}.xlsx")
