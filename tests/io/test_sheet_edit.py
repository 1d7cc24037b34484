"""The surgical sheet edit on small hand-made books: rows appended and cells set exactly where asked,
ranges over the data grown, everything else in the sheet's XML left as it was."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from dealer_xl.io.cell_xml import cell_element, serial
from dealer_xl.io.sheet_xml import SheetXml, grow_sqref
from dealer_xl.io.writer import editing, write_generated_sheet
from dealer_xl.problems import BookError

from .xlsx_parts import plain_book, rewrite_part


@pytest.fixture
def book(tmp_path):
    """收款记录: header in row 1, three rows, a table, a validation and a conditional format over
    A2:C4, a name over the amounts, a formula total in another sheet, dates formatted."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "收款记录"
    ws.append(["收据号", "收款日期", "收款金额"])
    for n, (day, amount) in enumerate(((date(2026, 1, 5), 1000), (date(2026, 2, 5), 2000.5), (date(2026, 3, 5), 30)), 2):
        ws.append([f"SJ{n:03d}", day, amount])
        ws.cell(n, 2).number_format = "yyyy-mm-dd"
        ws.cell(n, 3).number_format = "#,##0.00"
    ws.add_table(Table(displayName="收款表", ref="A1:C4", tableStyleInfo=TableStyleInfo(name="TableStyleMedium9")))
    dv = DataValidation(type="decimal", operator="greaterThan", formula1="0")
    dv.add("C2:C4")
    ws.add_data_validation(dv)
    ws.conditional_formatting.add("C2:C4", CellIsRule(operator="greaterThan", formula=["1500"],
                                                      fill=PatternFill("solid", bgColor="FFC7CE")))
    wb.defined_names["收款金额"] = DefinedName("收款金额", attr_text="'收款记录'!$C$2:$C$4")
    wb.defined_names["别处"] = DefinedName("别处", attr_text="'收款记录'!$C$2:$C$3")
    total = wb.create_sheet("汇总")
    total["A1"] = "=SUM(收款金额)"
    path = tmp_path / "应收款台账.xlsx"
    wb.save(path)
    rewrite_part(path, "xl/worksheets/sheet2.xml", lambda xml: xml.replace(b"<v></v>", b"<v>3030.5</v>")
                 .replace(b"<v />", b"<v>3030.5</v>").replace(b"<v/>", b"<v>3030.5</v>"))
    return path


def append(path, rows, last=4):
    with editing(path, make_backup=False) as wb:
        return wb["收款记录"].append(1, last, rows, {2: "yyyy-mm-dd", 3: "#,##0.00"})


def test_rows_go_below_the_data_with_the_row_aboves_formats(book):
    assert append(book, [{1: "SJ005", 2: date(2026, 4, 1), 3: Decimal("88.10")}]) == [5]
    ws = openpyxl.load_workbook(book)["收款记录"]
    assert (ws["A5"].value, ws["B5"].value.date(), ws["C5"].value) == ("SJ005", date(2026, 4, 1), 88.1)
    assert ws["B5"].number_format == "yyyy-mm-dd" and ws["C5"].number_format == "#,##0.00"


def test_the_table_validation_conditional_format_and_name_grow_over_new_rows(book):
    append(book, [{1: "SJ005"}, {1: "SJ006"}])
    wb = openpyxl.load_workbook(book)
    ws = wb["收款记录"]
    assert ws.tables["收款表"].ref == "A1:C6"
    assert [str(v.sqref) for v in ws.data_validations.dataValidation] == ["C2:C6"]
    assert [str(cf.sqref) for cf in ws.conditional_formatting] == ["C2:C6"]
    assert wb.defined_names["收款金额"].attr_text == "'收款记录'!$C$2:$C$6"
    assert wb.defined_names["别处"].attr_text == "'收款记录'!$C$2:$C$3"


def test_other_sheets_and_their_cached_results_are_byte_identical(book):
    before = zipfile.ZipFile(book).read("xl/worksheets/sheet2.xml")
    append(book, [{1: "SJ005", 3: 5}])
    assert zipfile.ZipFile(book).read("xl/worksheets/sheet2.xml") == before
    assert openpyxl.load_workbook(book, data_only=True)["汇总"]["A1"].value == 3030.5


def test_a_total_below_the_data_refuses_and_changes_nothing(book):
    wb = openpyxl.load_workbook(book)
    wb["收款记录"]["C7"] = "=SUM(C2:C4)"
    wb.save(book)
    original = book.read_bytes()
    with pytest.raises(BookError, match="第4行下方（第7行）还有内容"):
        append(book, [{1: "SJ005"}])
    assert book.read_bytes() == original


def test_a_styled_blank_row_below_is_filled_not_duplicated(book):
    wb = openpyxl.load_workbook(book)
    wb["收款记录"]["A5"].fill = PatternFill("solid", fgColor="FFFF00")
    wb["收款记录"].row_dimensions[5].height = 30
    wb.save(book)
    append(book, [{1: "SJ005"}])
    xml = zipfile.ZipFile(book).read("xl/worksheets/sheet1.xml")
    assert xml.count(b'<row r="5"') == 1 and b'ht="30"' in xml
    assert openpyxl.load_workbook(book)["收款记录"]["A5"].value == "SJ005"


def test_setting_a_cell_keeps_the_rows_other_cells_and_its_style(book):
    with editing(book, make_backup=False) as wb:
        wb["收款记录"].set(3, 3, Decimal("2100.00"))
        wb["收款记录"]["E3"] = "备注"
    ws = openpyxl.load_workbook(book)["收款记录"]
    assert [c.value for c in ws[3]][:5] == ["SJ003", ws["B3"].value, 2100, None, "备注"]
    assert ws["C3"].number_format == "#,##0.00"


def test_rows_and_cells_of_a_prefixed_sheet_without_addresses_are_found():
    xml = (b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           b'<x:dimension ref="A1:B2"/><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c>'
           b'<x:c><x:v>1</x:v></x:c></x:row><x:row><x:c/><x:c s="2"><x:v>2</x:v></x:c></x:row></x:sheetData>'
           b"</x:worksheet>")
    sheet = SheetXml(xml)
    assert sheet.numbers == [1, 2] and sheet.prefix == "x:" and sheet.style(2, 2) == 2
    sheet.set_cell(2, 1, cell_element("A2", "新", 0, prefix="x:"))
    sheet.set_cell(4, 2, cell_element("B4", 7, 0, prefix="x:"))
    out = sheet.to_bytes()
    assert b'<x:c r="A2" t="inlineStr"><x:is><x:t>\xe6\x96\xb0</x:t></x:is></x:c><x:c s="2"><x:v>2</x:v></x:c>' in out
    assert out.endswith(b'<x:row r="4"><x:c r="B4"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>')
    assert b'<x:dimension ref="A1:B4"/>' in out


def test_values_are_written_exactly():
    assert cell_element("A1", Decimal("1234.50"), 3) == b'<c r="A1" s="3"><v>1234.50</v></c>'
    assert cell_element("A1", 0.1 + 0.2, 0) == b'<c r="A1"><v>0.30000000000000004</v></c>'
    assert cell_element("A1", 1e-05, 0) == b'<c r="A1"><v>0.00001</v></c>'
    assert cell_element("A1", True, 0) == b'<c r="A1" t="b"><v>1</v></c>'
    assert cell_element("A1", " a<b\x07 ", 0) == b'<c r="A1" t="inlineStr"><is><t xml:space="preserve"> a&lt;b </t></is></c>'
    assert cell_element("A1", None, 4) == b'<c r="A1" s="4"/>'
    # 2026-01-05 is day 46027 counted from 1899-12-30 (Excel's 1900 system), day 44565 in the 1904 system
    assert (serial(date(2026, 1, 5)), serial(date(2026, 1, 5), date1904=True)) == ("46027", "44565")


def test_only_ranges_ending_at_the_last_data_row_grow():
    assert grow_sqref("C2:C4 E2:E100 A1:C4 G4", 1, 4, 6) == "C2:C6 E2:E100 A1:C6 G4"


def test_workbook_elements_are_added_in_the_schemas_order(tmp_path):
    path = plain_book(tmp_path / "工资表.xlsx")
    rewrite_part(path, "xl/workbook.xml", lambda xml: re.sub(rb"<definedNames\s*/>|<calcPr[^>]*/>", b"", xml)
                 .replace(b"</workbook>", b"<extLst/></workbook>"))
    write_generated_sheet(path, "工资结果", ["月份"], [["2026-01"]])
    xml = zipfile.ZipFile(path).read("xl/workbook.xml")
    assert xml.index(b"</sheets>") < xml.index(b"<definedNames>") < xml.index(b"<calcPr") < xml.index(b"<extLst")
    assert openpyxl.load_workbook(path)["工资结果"]["A2"].value == "2026-01"
