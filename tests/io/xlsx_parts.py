"""Test helpers: real workbooks written with openpyxl, and parts added to their zip packages.

``rich_book`` builds a book carrying everything the writer promises to keep; the ``with_*``
helpers craft what openpyxl cannot write itself (pivot parts, VBA, sheet extensions) by editing
the package, the way Excel would have stored them.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import openpyxl
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule, ColorScaleRule, DataBarRule
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

SALES = [("HT-001", 300000, 90000), ("HT-002", 250000, 50000), ("HT-003", 180000, 54000)]


def rich_book(path: Path) -> Path:
    """销售明细 with styles, rich text, hyperlink, formulas, validation, conditional formats, names,
    merged cells, a comment, widths and frozen panes; 客户 with a table; a hidden, protected 参数
    sheet; a custom document property."""
    wb = Workbook()
    ws = wb.active
    ws.title = "销售明细"
    ws.append(["合同编号", "成交价", "首付款", "分期金额", "付款方式", "备注", ""])
    for no, price, down in SALES:
        r = ws.max_row + 1
        ws.append([no, price, down, f"=B{r}-C{r}", "分期", None])
    ws.append(["合计", "=SUM(B2:B4)", "=SUM(C2:C4)", "=SUM(D2:D4)"])
    thin = Side(style="thin", color="000000")
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF", name="宋体", size=12)
        cell.fill = PatternFill("solid", fgColor="4472C4")
        cell.border = Border(bottom=thin)
        cell.alignment = Alignment(horizontal="center")
    for row in ws["B2:D5"]:
        for cell in row:
            cell.number_format = "#,##0.00"
    ws["F2"] = CellRichText(["重点", TextBlock(InlineFont(b=True, color="FF0000"), "客户")])
    ws["F3"].hyperlink = "https://example.com/contract/HT-002"
    ws["F3"].value = "合同扫描件"
    ws["A2"].comment = Comment("老客户，优先交车", "张经理")
    ws.merge_cells("F6:G6")
    ws["F6"] = "审核：王会计"
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["F"].width = 22.5
    ws.row_dimensions[1].height = 24
    ws.freeze_panes = "B2"
    dv = DataValidation(type="list", formula1='"全款,分期,按揭"', allow_blank=True)
    dv.add("E2:E100")
    ws.add_data_validation(dv)
    customer_list = DataValidation(type="list", formula1="客户!$A$2:$A$3")
    customer_list.add("G2:G100")
    ws.add_data_validation(customer_list)
    ws.conditional_formatting.add("B2:B4", CellIsRule(operator="greaterThan", formula=["260000"],
                                                      fill=PatternFill("solid", bgColor="FFC7CE")))
    ws.conditional_formatting.add("C2:C4", ColorScaleRule(start_type="min", start_color="FFFFFF",
                                                          end_type="max", end_color="63BE7B"))
    ws.conditional_formatting.add("D2:D4", DataBarRule(start_type="min", end_type="max", color="638EC6"))
    ws.defined_names["本表合计"] = DefinedName("本表合计", attr_text="'销售明细'!$D$5")
    ws.print_title_rows = "1:1"

    customers = wb.create_sheet("客户")
    customers.append(["客户编号", "客户名称", "授信额度"])
    customers.append(["C001", "李四", 100000])
    customers.append(["C002", "王五农机合作社", 500000])
    customers.add_table(Table(displayName="客户表", ref="A1:C3",
                              tableStyleInfo=TableStyleInfo(name="TableStyleMedium9", showRowStripes=True)))
    params = wb.create_sheet("参数")
    params.append(["min_down_payment_ratio", 0.3])
    params.sheet_state = "hidden"
    params.protection.sheet = True
    params.protection.password = "dealer"
    wb.custom_doc_props.append(StringProperty(name="所属部门", value="销售部"))
    wb.defined_names["首付比例"] = DefinedName("首付比例", attr_text="参数!$B$1")
    wb.save(path)
    return path


def rewrite_part(path: Path, name: str, change: Callable[[bytes], bytes]) -> Path:
    """Replace part ``name`` of the package by ``change(old bytes)`` (``b""`` when it is new)."""
    with zipfile.ZipFile(path) as src:
        parts = {info.filename: src.read(info.filename) for info in src.infolist()}
    parts[name] = change(parts.get(name, b""))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for part, data in parts.items():
            out.writestr(part, data)
    return path


def add_part(path: Path, name: str, data: bytes = b"<x/>") -> Path:
    return rewrite_part(path, name, lambda _: data)


def before_end_of_sheet(path: Path, xml: str, sheet: str = "xl/worksheets/sheet1.xml") -> Path:
    """Insert ``xml`` just before ``</worksheet>`` (where Excel puts ``extLst`` and controls)."""
    return rewrite_part(path, sheet, lambda old: old.replace(b"</worksheet>", xml.encode() + b"</worksheet>"))


def after_sheet_data(path: Path, xml: str, sheet: str = "xl/worksheets/sheet1.xml") -> Path:
    return rewrite_part(path, sheet, lambda old: old.replace(b"</sheetData>", b"</sheetData>" + xml.encode(), 1))


def plain_book(path: Path, rows: list[list] | None = None, title: str = "销售明细") -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows or [["合同编号", "成交价"], ["HT-001", 300000]]:
        ws.append(row)
    wb.save(path)
    return path


def store_result(path: Path, cell: str, result: str, kind: str = "", sheet: str = "xl/worksheets/sheet1.xml") -> Path:
    """Store ``result`` as the cached result of the formula in ``cell`` (as Excel would have)."""
    t = f' t="{kind}"' if kind else ""

    def change(xml: bytes) -> bytes:
        start = xml.index(f'<c r="{cell}"'.encode())
        end = xml.index(b"</c>", start)
        element = xml[start:end].replace(b"<v />", b"").replace(b"<v/>", b"").replace(b"<v></v>", b"")
        element = element.replace(f'<c r="{cell}"'.encode(), f'<c r="{cell}"{t}'.encode(), 1)
        return xml[:start] + element + f"<v>{result}</v>".encode() + xml[end:]

    return rewrite_part(path, sheet, change)


@contextmanager
def by_hand(path: Path):
    """The user changing the book in Excel between two runs (here: an openpyxl load and save)."""
    wb = openpyxl.load_workbook(path, rich_text=True)
    yield wb
    wb.save(path)
