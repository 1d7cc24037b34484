"""Which books dealer_xl refuses to save, and the evidence that openpyxl would damage them."""

from __future__ import annotations

import os
import warnings
import zipfile

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference

from dealer_xl.io.safety import check_writable, lock_files, unsupported_parts
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


def test_a_book_with_everything_openpyxl_keeps_is_safe(book):
    assert unsupported_parts(book) == []
    check_writable(book)


def test_a_chart_is_refused(tmp_path):
    path = plain_book(tmp_path / "销售台账.xlsx", [["月份", "台数"], ["1月", 3], ["2月", 5]])
    wb = openpyxl.load_workbook(path)
    chart = BarChart()
    chart.add_data(Reference(wb.active, min_col=2, min_row=1, max_row=3), titles_from_data=True)
    wb.active.add_chart(chart, "D2")
    wb.save(path)
    assert unsupported_parts(path) == ["图表"]
    with pytest.raises(BookError, match="图表"):
        check_writable(path)


def test_a_picture_is_refused(tmp_path):
    pil = pytest.importorskip("PIL.Image")
    from openpyxl.drawing.image import Image

    pil.new("RGB", (8, 8), "red").save(tmp_path / "logo.png")
    path = plain_book(tmp_path / "销售台账.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.active.add_image(Image(tmp_path / "logo.png"), "D2")
    wb.save(path)
    assert unsupported_parts(path) == ["图片"]


def test_a_shape_in_a_drawing_is_refused(book):
    add_part(book, "xl/drawings/drawing1.xml", (
        b'<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing">'
        b'<xdr:twoCellAnchor><xdr:sp macro="" textlink=""><xdr:txBody/></xdr:sp></xdr:twoCellAnchor>'
        b"</xdr:wsDr>"))
    assert unsupported_parts(book) == ["形状或文本框"]


@pytest.mark.parametrize(("part", "name"), PARTS)
def test_a_part_openpyxl_drops_is_refused(book, part, name):
    add_part(book, part)
    assert unsupported_parts(book) == [name]
    with pytest.raises(BookError, match=r"销售台账\.xlsx 含有保存后会丢失的内容：") as e:
        check_writable(book)
    assert name in str(e.value) and "\n" not in str(e.value)


def test_vba_is_kept_in_an_xlsm_but_its_signature_is_refused(tmp_path):
    path = plain_book(tmp_path / "月结.xlsm")
    add_part(path, "xl/vbaProject.bin", b"VBA")
    assert unsupported_parts(path) == []
    add_part(path, "xl/vbaProjectSignature.bin", b"SIG")
    assert unsupported_parts(path) == ["宏的数字签名"]


def test_an_office_2010_ribbon_is_refused_even_in_an_xlsm(tmp_path):
    path = plain_book(tmp_path / "月结.xlsm")
    rewrite_part(path, "_rels/.rels", lambda xml: xml.replace(b"</Relationships>", (
        b'<Relationship Id="rIdUI" Type="http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"'
        b' Target="customUI/customUI14.xml"/></Relationships>')))
    add_part(path, "customUI/customUI14.xml")
    assert unsupported_parts(path) == ["自定义功能区"]


@pytest.mark.parametrize(("xml", "name"), SHEET_EXTENSIONS)
def test_a_sheet_extension_is_refused(book, xml, name):
    before_end_of_sheet(book, xml)
    assert unsupported_parts(book) == [name]


def test_ignored_error_flags_do_not_block(book):
    before_end_of_sheet(book, IGNORED_ERRORS_EXT)
    after_sheet_data(book, '<ignoredErrors><ignoredError sqref="A2:A4" numberStoredAsText="1"/></ignoredErrors>')
    assert unsupported_parts(book) == []


@pytest.mark.parametrize(("xml", "name"), SHEET_ELEMENTS)
def test_a_sheet_setting_openpyxl_drops_is_refused(book, xml, name):
    after_sheet_data(book, xml)
    assert unsupported_parts(book) == [name]


def test_password_to_modify_is_refused(book):
    rewrite_part(book, "xl/workbook.xml", lambda xml: xml.replace(
        b"<workbookPr", b'<fileSharing readOnlyRecommended="1" userName="admin"/><workbookPr', 1))
    assert unsupported_parts(book) == ["修改权限密码或“建议只读”设置"]


def test_comment_boxes_are_allowed_but_old_form_controls_are_not(book):
    comment_vml = b'<xml><v:shape><x:ClientData ObjectType="Note"/></v:shape></xml>'
    add_part(book, "xl/drawings/vmlDrawing9.vml", comment_vml)
    assert unsupported_parts(book) == []
    add_part(book, "xl/drawings/vmlDrawing9.vml", comment_vml.replace(b"Note", b"Button"))
    assert unsupported_parts(book) == ["表单控件（旧式）"]


def test_power_query_is_refused_but_other_custom_xml_is_not(book):
    add_part(book, "customXml/item1.xml", b"<properties/>")
    assert unsupported_parts(book) == []
    add_part(book, "customXml/item2.xml", b'<DataMashup xmlns="http://schemas.microsoft.com/DataMashup"/>')
    assert unsupported_parts(book) == ["Power Query 查询"]


def test_several_kinds_are_named_once_each_in_one_line(book):
    add_part(book, "xl/pivotTables/pivotTable1.xml")
    add_part(book, "xl/pivotCache/pivotCacheDefinition1.xml")
    add_part(book, "xl/charts/chart1.xml")
    assert unsupported_parts(book) == ["图表", "数据透视表"]


# --- evidence: a plain openpyxl load + save really loses what is refused above -------------------

@pytest.mark.parametrize("xml", [p.values[0] for p in SHEET_EXTENSIONS + SHEET_ELEMENTS])
def test_openpyxl_drops_the_refused_sheet_content(book, xml):
    marker = xml.split(">", 1)[0].split()[0].encode()
    (before_end_of_sheet if "extLst" in xml else after_sheet_data)(book, xml)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        openpyxl.load_workbook(book).save(book)
    assert marker not in zipfile.ZipFile(book).read("xl/worksheets/sheet1.xml")


def test_openpyxl_drops_the_password_to_modify(book):
    test_password_to_modify_is_refused(book)
    openpyxl.load_workbook(book).save(book)
    assert b"fileSharing" not in zipfile.ZipFile(book).read("xl/workbook.xml")


def test_openpyxl_does_not_carry_over_parts_it_does_not_model(book):
    for part in ("xl/vbaProject.bin", "xl/threadedComments/threadedComment1.xml", "xl/metadata.xml"):
        add_part(book, part)
    openpyxl.load_workbook(book).save(book)
    assert unsupported_parts(book) == []


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
