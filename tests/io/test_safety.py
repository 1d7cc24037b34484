"""Which books dealer_xl refuses to write (open elsewhere, read-only, not a package), and that anything
else a book holds — even what openpyxl would lose — survives a write byte for byte."""

from __future__ import annotations

import os
import zipfile

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference

from dealer_xl.io.safety import check_writable, lock_files
from dealer_xl.io.writer import editing
from dealer_xl.problems import BookError

from .xlsx_parts import add_part, after_sheet_data, before_end_of_sheet, plain_book, rewrite_part, rich_book

X14 = 'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"'
XM = 'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"'


def ext(uri: str, body: str) -> str:
    return f'<extLst><ext uri="{uri}" {X14}>{body}</ext></extLst>'


CROSS_SHEET_LIST = ext("{CCE6A557-97BC-4B89-ADB6-D9C93CAAB3DF}", (
    f'<x14:dataValidations count="1" {XM}><x14:dataValidation type="list" allowBlank="1">'
    "<x14:formula1><xm:f>参数!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>E2:E100</xm:sqref>"
    "</x14:dataValidation></x14:dataValidations>"))
SPARKLINES = ext("{05C60535-1F16-4fd2-B633-F4F36F0B64E0}", (
    f'<x14:sparklineGroups {XM}><x14:sparklineGroup><x14:sparklines><x14:sparkline>'
    "<xm:f>销售明细!B2:D2</xm:f><xm:sqref>H2</xm:sqref></x14:sparkline></x14:sparklines>"
    "</x14:sparklineGroup></x14:sparklineGroups>"))
DATA_BAR_2010 = ext("{78C0D931-6437-407D-A8EE-F0AAD7539E65}", (
    f'<x14:conditionalFormattings {XM}><x14:conditionalFormatting><x14:cfRule type="dataBar" '
    'id="{00000000-0000-0000-0000-000000000001}"><x14:dataBar minLength="0" maxLength="100" gradient="0"/>'
    "</x14:cfRule><xm:sqref>D2:D4</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings>"))
UNKNOWN_EXT = ext("{12345678-0000-0000-0000-000000000000}", "<x14:somethingNew/>")
IGNORED_ERRORS_EXT = ext("{01252117-D84E-4E92-8308-4BE1C098FCBB}", "<x14:ignoredErrors/>")

SHEET_EXTENSIONS = [
    pytest.param(CROSS_SHEET_LIST, "数据验证（引用其他工作表的下拉列表）", id="x14-data-validation"),
    pytest.param(SPARKLINES, "迷你图", id="sparklines"),
    pytest.param(DATA_BAR_2010, "条件格式（Excel 2010 扩展：数据条、图标集或引用其他工作表）", id="x14-data-bar"),
    pytest.param(UNKNOWN_EXT, "未识别的 Excel 扩展内容 {12345678-0000-0000-0000-000000000000}", id="unknown"),
]
SHEET_ELEMENTS = [
    pytest.param('<protectedRanges><protectedRange name="区域1" sqref="A1:B2"/></protectedRanges>',
                 "允许编辑区域", id="protected-ranges"),
    pytest.param('<customSheetViews><customSheetView guid="{00000000-0000-0000-0000-000000000001}"/>'
                 "</customSheetViews>", "自定义视图", id="custom-views"),
    pytest.param('<dataConsolidate function="sum"/>', "合并计算设置", id="data-consolidate"),
]
PARTS = [
    pytest.param("xl/pivotTables/pivotTable1.xml", "数据透视表", id="pivot-table"),
    pytest.param("xl/pivotCache/pivotCacheDefinition1.xml", "数据透视表", id="pivot-cache"),
    pytest.param("xl/vbaProject.bin", "宏（VBA 工程，.xlsx 保存后会丢失）", id="vba-in-xlsx"),
    pytest.param("xl/slicers/slicer1.xml", "切片器", id="slicer"),
    pytest.param("xl/timelines/timeline1.xml", "日程表（时间线切片器）", id="timeline"),
    pytest.param("xl/ctrlProps/ctrlProp1.xml", "表单控件", id="form-control"),
    pytest.param("xl/activeX/activeX1.xml", "ActiveX 控件", id="activex"),
    pytest.param("xl/embeddings/oleObject1.bin", "嵌入的对象（OLE）", id="ole"),
    pytest.param("xl/threadedComments/threadedComment1.xml", "新版批注（对话式批注）", id="threaded-comments"),
    pytest.param("xl/metadata.xml", "动态数组公式", id="dynamic-arrays"),
    pytest.param("xl/richData/rdrichvalue.xml", "单元格中的图片或链接数据类型", id="rich-data"),
    pytest.param("xl/connections.xml", "外部数据连接", id="connections"),
    pytest.param("xl/model/item.data", "数据模型（Power Pivot）", id="data-model"),
    pytest.param("xl/media/image1.png", "图片", id="media"),
]


@pytest.fixture
def book(tmp_path):
    return rich_book(tmp_path / "销售台账.xlsx")


def parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def write_a_cell(path) -> None:
    """A surgical write on 客户 (sheet2): the parts of 销售明细 (sheet1) are not among those it edits."""
    with editing(path, make_backup=False) as wb:
        wb["客户"]["D2"] = "新备注"


def assert_kept(path, before: dict[str, bytes]) -> None:
    after = parts(path)
    edited = {"xl/worksheets/sheet2.xml"}
    assert {n for n in before if n not in edited and after.get(n) != before[n]} == set()
    assert openpyxl.load_workbook(path)["客户"]["D2"].value == "新备注"


# --- what openpyxl would lose survives a write, byte for byte -------------------------------------

@pytest.mark.parametrize(("part", "name"), PARTS)
def test_a_part_openpyxl_would_drop_is_kept(book, part, name):
    add_part(book, part, f"<{name}/>".encode())
    before = parts(book)
    check_writable(book)
    write_a_cell(book)
    assert_kept(book, before)


@pytest.mark.filterwarnings("ignore:.*extension is not supported")
@pytest.mark.parametrize("xml", [p.values[0] for p in SHEET_EXTENSIONS + SHEET_ELEMENTS])
def test_sheet_content_openpyxl_would_drop_is_kept_in_other_sheets(book, xml):
    (before_end_of_sheet if "extLst" in xml else after_sheet_data)(book, xml)
    before = parts(book)
    write_a_cell(book)
    assert_kept(book, before)


@pytest.mark.parametrize("xml", [p.values[0] for p in SHEET_EXTENSIONS + SHEET_ELEMENTS])
def test_sheet_content_openpyxl_would_drop_is_kept_in_the_edited_sheet(book, xml):
    (before_end_of_sheet if "extLst" in xml else after_sheet_data)(book, xml)
    with editing(book, make_backup=False) as wb:
        wb["销售明细"]["H3"] = "备注"
    sheet = zipfile.ZipFile(book).read("xl/worksheets/sheet1.xml")
    assert xml.encode() in sheet


def test_a_chart_and_a_picture_are_kept(tmp_path):
    pil = pytest.importorskip("PIL.Image")
    from openpyxl.drawing.image import Image

    pil.new("RGB", (8, 8), "red").save(tmp_path / "logo.png")
    path = plain_book(tmp_path / "销售台账.xlsx", [["月份", "台数"], ["1月", 3], ["2月", 5]])
    wb = openpyxl.load_workbook(path)
    chart = BarChart()
    chart.add_data(Reference(wb.active, min_col=2, min_row=1, max_row=3), titles_from_data=True)
    wb.active.add_chart(chart, "D2")
    wb.active.add_image(Image(tmp_path / "logo.png"), "D20")
    wb.create_sheet("客户").append(["客户编号"])
    wb.save(path)
    before = parts(path)
    assert any(n.startswith("xl/charts/") for n in before) and any(n.startswith("xl/media/") for n in before)
    write_a_cell(path)
    assert_kept(path, before)


def test_a_password_to_modify_and_signed_vba_are_kept(tmp_path):
    path = plain_book(tmp_path / "月结.xlsm")
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("客户")
    wb.save(path)
    rewrite_part(path, "xl/workbook.xml", lambda xml: xml.replace(
        b"<workbookPr", b'<fileSharing readOnlyRecommended="1" userName="admin"/><workbookPr', 1))
    add_part(path, "xl/vbaProject.bin", b"VBA")
    add_part(path, "xl/vbaProjectSignature.bin", b"SIG")
    before = parts(path)
    write_a_cell(path)
    after = parts(path)
    assert after["xl/vbaProject.bin"] == b"VBA" and after["xl/vbaProjectSignature.bin"] == b"SIG"
    assert b"fileSharing" in after["xl/workbook.xml"]
    assert {n for n in before if after.get(n) != before[n]} <= {"xl/worksheets/sheet2.xml", "xl/workbook.xml"}


# --- lock files and other refusals ------------------------------------------------------------

def test_excel_lock_file_refuses_with_a_clear_message(book):
    (book.parent / "~$销售台账.xlsx").write_bytes(b"\x05owner")
    with pytest.raises(BookError) as e:
        check_writable(book)
    assert str(e.value) == ("销售台账.xlsx 正在被 Excel 打开（发现锁文件 ~$销售台账.xlsx），"
                            "请先在 Excel 中保存并关闭后再试")


@pytest.mark.parametrize("lock", ["~$售台账.xlsx", "~$台账.xlsx", ".~lock.销售台账.xlsx#"])
def test_truncated_and_libreoffice_lock_files_refuse_too(book, lock):
    (book.parent / lock).write_bytes(b"x")
    assert [p.name for p in lock_files(book)] == [lock]
    with pytest.raises(BookError, match="正在被"):
        check_writable(book)


def test_another_books_lock_file_does_not_refuse(book):
    (book.parent / "~$应收款台账.xlsx").write_bytes(b"x")
    plain_book(book.parent / "台账.xlsx")
    (book.parent / "~$台账.xlsx").write_bytes(b"x")
    check_writable(book)


def test_missing_read_only_and_non_excel_files_are_refused(tmp_path, book):
    with pytest.raises(BookError, match="找不到工作簿"):
        check_writable(tmp_path / "没有.xlsx")
    old = tmp_path / "旧账.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(BookError, match="不是 .xlsx 或 .xlsm"):
        check_writable(old)
    encrypted = tmp_path / "加密.xlsx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(BookError, match="可能设置了打开密码或已损坏"):
        check_writable(encrypted)
    os.chmod(book, 0o444)
    with pytest.raises(BookError, match="只读"):
        check_writable(book)
