"""Safe writing: nothing of the user's book is lost, refusals leave it untouched, failures too."""

from __future__ import annotations

import os
import stat
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal

import openpyxl
import pytest

from dealer_xl.io.writer import (
    BACKUP_DIR,
    Formula,
    backup,
    editing,
    save_new,
    write_generated_sheet,
)
from dealer_xl.problems import BookError

from .xlsx_parts import SALES, add_part, plain_book, rewrite_part, rich_book

LIST_HEADERS = ["单元格", "说明", "金额", "日期"]
LIST_ROWS = [
    ["D2", '=HYPERLINK("http://evil.example")', Decimal("1234.50"), date(2026, 11, 26)],
    ["B3", "+86 138 0000 0000", 0.3, date(2026, 11, 27)],
    ["C4", "-5", -5, None],
    ["E9", "@SUM(A1)", 7, None],
]


@pytest.fixture
def book(tmp_path):
    return rich_book(tmp_path / "销售台账.xlsx")


def features(wb: openpyxl.Workbook, sheets=("销售明细", "客户", "参数")) -> dict:
    """Everything the writer promises to keep, as plain comparable values."""
    found = {"names": {n: d.attr_text for n, d in wb.defined_names.items()},
             "states": {t: wb[t].sheet_state for t in sheets}}
    for title in sheets:
        ws = wb[title]
        found[title] = {
            "cells": {c.coordinate: _cell(c) for row in ws.iter_rows() for c in row},
            "validations": [(v.type, v.formula1, str(v.sqref)) for v in ws.data_validations.dataValidation],
            "conditional": [(str(cf.sqref), [(r.type, r.operator, r.formula, r.dxf and r.dxf.fill and
                                              r.dxf.fill.bgColor.rgb) for r in cf.rules])
                            for cf in ws.conditional_formatting],
            "names": {n: d.attr_text for n, d in ws.defined_names.items()},
            "tables": {t.displayName: (t.ref, t.tableStyleInfo.name) for t in ws.tables.values()},
            "widths": {k: d.width for k, d in ws.column_dimensions.items() if d.customWidth},
            "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height},
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "freeze": ws.freeze_panes,
            "print_titles": ws.print_title_rows,
            "protection": (ws.protection.sheet, ws.protection.password),
        }
    found["custom_properties"] = [(p.name, p.value) for p in wb.custom_doc_props]
    return found


def _cell(c) -> tuple:
    rich = [(getattr(getattr(b, "font", None), "b", None), str(b)) for b in c.value] \
        if isinstance(c.value, openpyxl.cell.rich_text.CellRichText) else None
    return (c.value if rich is None else rich, c.number_format, c.font.name, c.font.b, c.font.color and c.font.color.rgb,
            c.fill.fill_type, c.fill.fgColor.rgb, c.border.bottom.style, c.alignment.horizontal,
            c.hyperlink and c.hyperlink.target, c.comment and (c.comment.text, c.comment.author))


def temp_files(folder) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def load(path, **kw):
    return openpyxl.load_workbook(path, rich_text=True, **kw)


# --- everything is kept ---------------------------------------------------------------------------

def test_writing_a_generated_sheet_keeps_everything_else(book):
    before = features(load(book))
    write_generated_sheet(book, "问题清单", LIST_HEADERS, LIST_ROWS, number_formats={"金额": "#,##0.00"})
    after = load(book)
    assert after.sheetnames == ["销售明细", "客户", "参数", "问题清单"]
    assert features(after) == before
    assert before["销售明细"]["cells"]["D2"][0] == "=B2-C2"
    assert len(before["销售明细"]["validations"]) == 2 and len(before["销售明细"]["conditional"]) == 3
    assert before["客户"]["tables"] == {"客户表": ("A1:C3", "TableStyleMedium9")}
    assert before["参数"]["protection"][0] and before["custom_properties"] == [("所属部门", "销售部")]


def test_the_generated_sheet_is_a_styled_frozen_table_with_formats_and_widths(book):
    write_generated_sheet(book, "问题清单", LIST_HEADERS, LIST_ROWS,
                          number_formats={"金额": "#,##0.00", "日期": "yyyy-mm-dd"}, widths={"说明": 40})
    ws = load(book)["问题清单"]
    assert [c.value for c in ws[1]] == LIST_HEADERS
    assert all(c.font.b for c in ws[1]) and ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"
    table = next(iter(ws.tables.values()))
    assert (table.displayName, table.ref) == ("问题清单", "A1:D5")
    assert ws["C2"].number_format == "#,##0.00" and ws["C2"].value == 1234.5
    assert ws["D2"].number_format == "yyyy-mm-dd" and ws["D2"].value == datetime(2026, 11, 26)
    assert ws.column_dimensions["B"].width == 40
    assert 6 <= ws.column_dimensions["A"].width < 12


def test_user_text_that_looks_like_a_formula_stays_text(book):
    write_generated_sheet(book, "问题清单", LIST_HEADERS, LIST_ROWS)
    ws = load(book)["问题清单"]
    for r, text in ((2, '=HYPERLINK("http://evil.example")'), (3, "+86 138 0000 0000"), (4, "-5"), (5, "@SUM(A1)")):
        cell = ws.cell(r, 2)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    xml = zipfile.ZipFile(book).read("xl/worksheets/sheet4.xml")
    assert b"<f>" not in xml


def test_a_formula_is_written_only_when_asked_for(book):
    write_generated_sheet(book, "汇总", ["项目", "金额"], [["分期合计", Formula("=SUM(销售明细!D2:D4)")]])
    cell = load(book)["汇总"]["B2"]
    assert (cell.value, cell.data_type) == ("=SUM(销售明细!D2:D4)", "f")
    with pytest.raises(ValueError):
        Formula("SUM(A1)")


def test_a_generated_sheet_is_replaced_in_place(book):
    write_generated_sheet(book, "问题清单", LIST_HEADERS, LIST_ROWS)
    moved = load(book)  # the user drags the sheet to second place in Excel
    moved.move_sheet("问题清单", offset=-2)
    moved.save(book)
    write_generated_sheet(book, "问题清单", LIST_HEADERS, LIST_ROWS[:1], as_table=False)
    wb = load(book)
    assert wb.sheetnames == ["销售明细", "问题清单", "客户", "参数"]
    ws = wb["问题清单"]
    assert ws.max_row == 2 and not ws.tables and ws.auto_filter.ref == "A1:D2"


def test_a_users_sheet_is_never_overwritten(book):
    original = book.read_bytes()
    with pytest.raises(BookError, match="已有用户填写的工作表「客户」"):
        write_generated_sheet(book, "客户", ["a"], [[1]])
    assert book.read_bytes() == original and not (book.parent / BACKUP_DIR).exists()


def test_an_empty_template_sheet_with_only_headers_is_filled(tmp_path):
    path = plain_book(tmp_path / "工资表.xlsx", [["月份", "工号"]], title="工资结果")
    write_generated_sheet(path, "工资结果", ["月份", "工号"], [["2026-11", "E001"]])
    assert load(path)["工资结果"]["B2"].value == "E001"


def test_table_names_do_not_clash_with_existing_names(book):
    write_generated_sheet(book, "客户表", ["a"], [[1]])
    write_generated_sheet(book, "2026-11 汇总", ["a"], [[1]])
    names = {t for ws in load(book).worksheets for t in ws.tables}
    assert {"客户表", "客户表_2", "表_2026_11_汇总"} <= names


def test_bad_headers_and_rows_are_programmer_errors(book):
    with pytest.raises(ValueError):
        write_generated_sheet(book, "问题清单", ["a", "a"], [])
    with pytest.raises(ValueError):
        write_generated_sheet(book, "问题清单", ["a", "b"], [[1]])
    with pytest.raises(ValueError):
        write_generated_sheet(book, "问题/清单", ["a"], [])


@pytest.mark.libreoffice
@pytest.mark.filterwarnings("ignore:.*extension is not supported")
def test_libreoffice_opens_the_result_and_recalculates_the_formulas(book, libreoffice, tmp_path):
    write_generated_sheet(book, "汇总", ["项目", "金额"], [
        ["分期合计", Formula("=SUM(销售明细!D2:D4)")],
        ["首付比例", Formula("=首付比例")],
        ["注入", '=HYPERLINK("x")'],
    ])
    assert libreoffice(book, "ods", tmp_path / "ods").stat().st_size > 0
    values = load(libreoffice(book, "xlsx", tmp_path / "xlsx"), data_only=True)
    financed = [price - down for _, price, down in SALES]
    assert [values["销售明细"][f"D{r}"].value for r in (2, 3, 4)] == financed == [210000, 200000, 126000]
    assert values["销售明细"]["B5"].value == 730000 and values["销售明细"]["D5"].value == 536000
    assert values["汇总"]["B2"].value == 536000 and values["汇总"]["B3"].value == 0.3
    assert values["汇总"]["B4"].value == '=HYPERLINK("x")'


def test_an_xlsm_keeps_its_vba_project_and_ribbon(tmp_path):
    path = plain_book(tmp_path / "月结.xlsm")
    rewrite_part(path, "[Content_Types].xml", lambda xml: xml.replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml").replace(
        b"<Default ", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default ', 1))
    rewrite_part(path, "xl/_rels/workbook.xml.rels", lambda xml: xml.replace(b"</Relationships>", (
        b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject"'
        b' Target="vbaProject.bin"/></Relationships>')))
    add_part(path, "xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 fake vba project")
    rewrite_part(path, "_rels/.rels", lambda xml: xml.replace(b"</Relationships>", (
        b'<Relationship Id="rIdUI" Type="http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"'
        b' Target="customUI/customUI.xml"/></Relationships>')))
    add_part(path, "customUI/customUI.xml", b"<customUI/>")
    write_generated_sheet(path, "结果", ["a"], [[1]])
    package = zipfile.ZipFile(path)
    assert package.read("xl/vbaProject.bin") == b"\xd0\xcf\x11\xe0 fake vba project"
    assert b"macroEnabled" in package.read("[Content_Types].xml")
    assert package.read("customUI/customUI.xml") == b"<customUI/>"
    assert b"customUI/customUI.xml" in package.read("_rels/.rels")


# --- refusals leave the book untouched --------------------------------------------------------------

def test_a_book_open_in_excel_is_refused_and_untouched(book):
    (book.parent / "~$销售台账.xlsx").write_bytes(b"\x05owner")
    original = book.read_bytes()
    with pytest.raises(BookError, match=r"^销售台账.xlsx 正在被 Excel 打开（发现锁文件 ~\$销售台账.xlsx），"):
        write_generated_sheet(book, "问题清单", LIST_HEADERS, LIST_ROWS)
    assert book.read_bytes() == original and not (book.parent / BACKUP_DIR).exists()


def test_a_read_only_book_is_refused(book):
    os.chmod(book, 0o444)
    with pytest.raises(BookError, match="只读"):
        write_generated_sheet(book, "问题清单", LIST_HEADERS, LIST_ROWS)


# --- backups, atomic replacement, failures ------------------------------------------------------

def test_a_backup_equal_to_the_original_is_made_before_the_change(book):
    original = book.read_bytes()
    write_generated_sheet(book, "问题清单", LIST_HEADERS, LIST_ROWS)
    (copy,) = (book.parent / BACKUP_DIR).iterdir()
    assert copy.read_bytes() == original and book.read_bytes() != original
    assert copy.name.startswith("销售台账_") and copy.suffix == ".xlsx"


def test_backups_are_named_by_time_and_never_overwritten(book):
    now = datetime(2026, 11, 26, 23, 30, 0)
    first, second, third = (backup(book, now=now) for _ in range(3))
    assert [first.name, second.name, third.name] == [
        "销售台账_20261126-233000.xlsx", "销售台账_20261126-233000_2.xlsx", "销售台账_20261126-233000_3.xlsx"]
    assert first.parent == book.parent / "备份"


def test_editing_without_backup_makes_none(book):
    with editing(book, make_backup=False) as wb:
        wb["客户"]["D1"] = "备注"
    assert not (book.parent / BACKUP_DIR).exists()
    assert load(book)["客户"]["D1"].value == "备注"


def test_an_exception_inside_editing_leaves_the_book_untouched(book):
    original = book.read_bytes()
    with pytest.raises(ZeroDivisionError):
        with editing(book) as wb:
            wb["销售明细"]["B2"] = 1
            raise ZeroDivisionError
    assert book.read_bytes() == original
    assert temp_files(book.parent) == [] and not (book.parent / BACKUP_DIR).exists()


def test_a_failure_while_saving_leaves_the_book_untouched(book):
    original = book.read_bytes()
    with pytest.raises(TypeError, match="timezones"):
        with editing(book) as wb:
            wb["销售明细"]["H2"] = datetime(2026, 11, 26, tzinfo=UTC)
    assert book.read_bytes() == original
    assert temp_files(book.parent) == [] and not (book.parent / BACKUP_DIR).exists()


def test_a_book_changed_on_disk_meanwhile_is_not_overwritten(book, tmp_path):
    someone_elses = plain_book(tmp_path / "other.xlsx").read_bytes()
    with pytest.raises(BookError, match="处理期间被修改过"):
        with editing(book) as wb:
            wb["客户"]["D1"] = "备注"
            book.write_bytes(someone_elses)
    assert book.read_bytes() == someone_elses and temp_files(book.parent) == []


def test_the_books_permissions_are_kept(book):
    os.chmod(book, 0o640)
    write_generated_sheet(book, "问题清单", LIST_HEADERS, LIST_ROWS)
    assert stat.S_IMODE(book.stat().st_mode) == 0o640


# --- new output workbooks ---------------------------------------------------------------------------

def test_save_new_creates_folders_and_replaces_atomically(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "月报"
    target = tmp_path / "报表" / "2026-11" / "月报.xlsx"
    assert save_new(wb, target) == target
    wb.active["A1"] = datetime(2026, 11, 26, tzinfo=UTC)
    with pytest.raises(TypeError):
        save_new(wb, target)
    assert load(target).active["A1"].value == "月报" and temp_files(target.parent) == []
    (target.parent / "~$月报.xlsx").write_bytes(b"x")
    with pytest.raises(BookError, match="正在被 Excel 打开"):
        save_new(openpyxl.Workbook(), target)
    with pytest.raises(ValueError):
        save_new(wb, tmp_path / "月报.csv")
