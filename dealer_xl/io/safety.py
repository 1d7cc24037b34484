"""Checks before dealer_xl writes to a user's workbook: is it there, free, writable, and safe to save?

The books are the system of record, and dealer_xl saves them through openpyxl, which rebuilds the
whole package from its object model. Whatever openpyxl does not model is silently lost on save.
:func:`unsupported_parts` inspects the zip package (part names, sheet XML, workbook XML) and
names, in Chinese, every kind of content a save would lose or degrade; :func:`check_writable`
refuses such a book with a one-line :class:`~dealer_xl.problems.BookError` rather than damage it.

Refused, because openpyxl 3.1 loses or degrades them (checked by round-tripping, see
tests/io/test_safety.py):

- drawings: charts and chart sheets, pictures, shapes and text boxes, SmartArt, OLE objects,
  sheet background and header/footer pictures. openpyxl re-reads charts and (only with Pillow)
  pictures of its own making, but rebuilds charts from its model (dropping chart style parts and
  extensions) and drops every shape, so no drawing survives faithfully;
- pivot tables and caches (rebuilt through openpyxl's model, their extLst dropped), slicers,
  timelines, Power Pivot data models, Power Query queries, external data connections and query
  tables;
- form controls and ActiveX controls, VBA in a macro-free .xlsx, signed VBA (the signature's
  relationship is lost), Excel 4.0 macro and dialog sheets, a custom ribbon in a .xlsx, and in
  an .xlsm a ribbon in the Office 2010 form (``customUI14.xml``: its relationship is lost; the
  Office 2007 form ``customUI.xml`` is kept with ``keep_vba``);
- worksheet extensions (``extLst``), dropped wholesale by openpyxl: Excel 2010 conditional formats
  (data bar details, icon sets, rules referring to other sheets), data validations whose list
  refers to another sheet, sparklines, slicer and timeline references, allow-edit ranges, web
  add-ins, and any extension not known to be harmless;
- threaded comments (they would fall back to plain notes), dynamic array formulas and in-cell
  pictures/data types (``xl/metadata.xml``, ``xl/richData``), the cell checkboxes' feature
  property bags, named sheet views, shared-workbook revisions;
- allow-edit ranges, custom views, consolidation settings and custom sheet properties
  (``protectedRanges``, ``customSheetViews``/``customWorkbookViews``, ``dataConsolidate``,
  ``customProperties``), and the workbook's password-to-modify / read-only-recommended setting
  (``fileSharing``);
- legacy VML shapes other than comment boxes (old-style form controls).

Kept by openpyxl, shown by the round-trip tests in tests/io/test_writer.py: every sheet with its
state and order, cell values, number formats and styles (rich text too, loaded with
``rich_text=True``), formulas, merged cells, column widths and row heights, freeze panes, data
validations within the 2007 schema (lists typed in or referring to other sheets by a plain
formula), conditional formats of the 2007 schema (cell rules, colour scales, plain data bars),
defined names (global and sheet scoped), tables, hyperlinks, print titles, sheet protection,
comment text and author, custom document properties, and the VBA project and Office 2007 ribbon
of an .xlsm (``keep_vba``). Kept according to openpyxl's source, not tested here: array and
shared formulas, autofilters, page setup, workbook protection, external links (``keep_links``).
Formula results are not kept by openpyxl; :mod:`dealer_xl.io.formula_results` puts them back.

Allowed although lost or regenerated, because losing them changes nothing a user relies on:
the calculation chain (Excel rebuilds it), printer driver settings (the page setup is kept),
the thumbnail, docProps/app.xml, ignored-error flags (green triangles may reappear), phonetic
settings, smart tags, cell watches, web publishing items, the last sort state, custom XML parts
other than Power Query, and the size, position and formatting of comment boxes.

Lock files: Excel (and WPS, which imitates it) creates the hidden owner file ``~$`` + file name
beside an open book. For long names Word replaces the first characters of the name instead
(``~$gBudget.doc`` for ``BigBudget.doc``); Excel is documented to prepend to the full name, but as
this cannot be verified here without Excel, the truncated forms (first one or two characters
replaced) are refused too, unless the folder holds the book whose full name that lock file has
(``~$台账.xlsx`` is 台账.xlsx's lock when 台账.xlsx exists, not 销售台账.xlsx's). LibreOffice's
``.~lock.<name>#`` is refused as well. On Windows an open book is also locked by the system, so
the final replacement fails (BookError) even if a lock file was missed.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from pathlib import Path

from dealer_xl.problems import BookError

WRITABLE_SUFFIXES = (".xlsx", ".xlsm")

_PART_PREFIXES: tuple[tuple[str, str], ...] = (
    ("xl/charts/", "图表"),
    ("xl/chartsheets/", "图表工作表"),
    ("xl/media/", "图片"),
    ("xl/diagrams/", "SmartArt 图形"),
    ("xl/ink/", "墨迹（手写批注）"),
    ("xl/embeddings/", "嵌入的对象（OLE）"),
    ("xl/pivotTables/", "数据透视表"),
    ("xl/pivotCache/", "数据透视表"),
    ("xl/slicers/", "切片器"),
    ("xl/slicerCaches/", "切片器"),
    ("xl/timelines/", "日程表（时间线切片器）"),
    ("xl/timelineCaches/", "日程表（时间线切片器）"),
    ("xl/ctrlProps/", "表单控件"),
    ("xl/activeX/", "ActiveX 控件"),
    ("xl/vbaProjectSignature", "宏的数字签名"),
    ("xl/macrosheets/", "Excel 4.0 宏表"),
    ("xl/dialogsheets/", "Excel 5.0 对话框工作表"),
    ("xl/threadedComments/", "新版批注（对话式批注）"),
    ("xl/connections.xml", "外部数据连接"),
    ("xl/queryTables/", "外部数据查询表"),
    ("xl/model/", "数据模型（Power Pivot）"),
    ("xl/richData/", "单元格中的图片或链接数据类型"),
    ("xl/metadata.xml", "动态数组公式"),
    ("xl/featurePropertyBag/", "单元格复选框等新版功能"),
    ("xl/namedSheetViews/", "工作表视图（协作时的个人视图）"),
    ("xl/revisions/", "共享工作簿的修订记录"),
    ("xl/webextensions/", "Office 加载项"),
)
_XLSX_ONLY_PREFIXES: tuple[tuple[str, str], ...] = (
    ("xl/vbaProject.bin", "宏（VBA 工程，.xlsx 保存后会丢失）"),
    ("customUI/", "自定义功能区"),
)

_SHEET_ELEMENTS = {
    "protectedRanges": "允许编辑区域",
    "customSheetViews": "自定义视图",
    "dataConsolidate": "合并计算设置",
    "drawingHF": "页眉页脚中的图片",
    "legacyDrawingHF": "页眉页脚中的图片",
    "picture": "工作表背景图片",
    "oleObjects": "嵌入的对象（OLE）",
    "controls": "表单控件",
    "customProperties": "工作表自定义属性",
}
_WORKBOOK_ELEMENTS = {
    "fileSharing": "修改权限密码或“建议只读”设置",
    "customWorkbookViews": "自定义视图",
}
_CF_2010 = "条件格式（Excel 2010 扩展：数据条、图标集或引用其他工作表）"
_SHEET_EXTENSIONS = {
    "{78C0D931-6437-407D-A8EE-F0AAD7539E65}": _CF_2010,
    "{B025F937-C7B1-47D3-B67F-A62EFF666E3E}": _CF_2010,
    "{CCE6A557-97BC-4B89-ADB6-D9C93CAAB3DF}": "数据验证（引用其他工作表的下拉列表）",
    "{05C60535-1F16-4FD2-B633-F4F36F0B64E0}": "迷你图",
    "{A8765BA9-456A-4DAB-B4F3-ACF838C121DE}": "切片器",
    "{3A4CF648-6AED-40F4-86FF-DC5316D8AED3}": "切片器",
    "{7E03D99C-DC04-49D9-9315-930204A7B6E9}": "日程表（时间线切片器）",
    "{FC87AEE6-9EDD-4A0A-B7FB-166176984837}": "允许编辑区域",
    "{F7C9EE02-42E1-4005-9D12-6889AFFD525C}": "Office 加载项",
}
_RIBBON_2010_REL = b"schemas.microsoft.com/office/2007/relationships/ui/extensibility"
_HARMLESS_EXTENSIONS = {"{01252117-D84E-4E92-8308-4BE1C098FCBB}"}  # x14 ignored errors

_TAG = rb"<(?:[A-Za-z0-9_]+:)?(%s)[\s/>]"
_SHEET_TAG_RE = re.compile(_TAG % "|".join(_SHEET_ELEMENTS).encode())
_WORKBOOK_TAG_RE = re.compile(_TAG % "|".join(_WORKBOOK_ELEMENTS).encode())
_EXT_URI_RE = re.compile(rb"<(?:[A-Za-z0-9_]+:)?ext\s[^>]*?uri=\"([^\"]+)\"")
_VML_OBJECT_RE = re.compile(rb"ObjectType=\"(\w+)\"")
_DRAWING_KINDS = (
    (re.compile(rb"<(?:\w+:)?pic[\s>]"), "图片"),
    (re.compile(rb"<(?:\w+:)?(?:sp|cxnSp)[\s>]"), "形状或文本框"),
)
_GRAPHIC_FRAME_RE = re.compile(rb"<(?:\w+:)?graphicFrame[\s>]")


def unsupported_parts(path) -> list[str]:
    """Chinese names of the workbook's contents that saving it with openpyxl would lose.

    Returns ``[]`` when a save keeps everything that matters (see the module docstring). Raises
    BookError when the file is missing or is not an .xlsx/.xlsm package.
    """
    path = Path(path)
    prefixes = _PART_PREFIXES + (_XLSX_ONLY_PREFIXES if path.suffix.lower() == ".xlsx" else ())
    found = []
    with _open_package(path) as package:
        for name in sorted(package.namelist()):
            found += [label for prefix, label in prefixes if name.startswith(prefix)]
            found += _names_from_part_content(name, package)
    return list(dict.fromkeys(found))


def check_writable(path) -> None:
    """Raise BookError (one line of Chinese) unless dealer_xl may safely save the book at ``path``.

    Refused: a missing file or folder, a name that is not .xlsx/.xlsm, a book open in Excel,
    WPS or LibreOffice (its lock file), a read-only file or folder, a file that is not an Excel
    package (encrypted or damaged), and a book holding contents openpyxl would lose.
    """
    path = Path(path)
    if not path.is_file():
        raise BookError(f"找不到工作簿：{path}")
    if path.suffix.lower() not in WRITABLE_SUFFIXES:
        raise BookError(f"{path.name} 不是 .xlsx 或 .xlsm 工作簿，dealer_xl 只写入这两种格式")
    check_not_locked(path)
    check_not_read_only(path)
    lost = unsupported_parts(path)
    if lost:
        raise BookError(
            f"{path.name} 含有保存后会丢失的内容：{'、'.join(lost)}；为免损坏台账未作修改，"
            "请把这些内容移到其他工作簿后再试")


def check_not_locked(path: Path) -> None:
    """Raise BookError when a lock file shows that Excel, WPS or LibreOffice has the book open."""
    locks = lock_files(path)
    if locks:
        lock = locks[0]
        program = "LibreOffice" if lock.name.startswith(".~lock.") else "Excel"
        raise BookError(
            f"{path.name} 正在被 {program} 打开（发现锁文件 {lock.name}），"
            f"请先在 {program} 中保存并关闭后再试")


def check_not_read_only(path: Path) -> None:
    """Raise BookError when the book (if it exists) or its folder cannot be written."""
    if path.exists() and not (path.stat().st_mode & stat.S_IWUSR and os.access(path, os.W_OK)):
        raise BookError(f"{path.name} 是只读文件，请取消只读属性后再试")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise BookError(f"没有权限写入 {path.name} 所在的文件夹：{path.parent}")


def lock_files(path: Path) -> list[Path]:
    """The lock files beside ``path`` that exist now (see the module docstring for the names)."""
    name = path.name
    locks = [path.with_name(f"~${name}"), path.with_name(f".~lock.{name}#")]
    if len(path.stem) > 2:
        truncated = [path.with_name(f"~${name[i:]}") for i in (1, 2)]
        locks += [lock for lock in truncated if not path.with_name(lock.name[2:]).exists()]
    return [lock for lock in locks if lock.exists()]


def _open_package(path: Path) -> zipfile.ZipFile:
    if not path.is_file():
        raise BookError(f"找不到工作簿：{path}")
    try:
        package = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise BookError(f"{path.name} 不是有效的 Excel 工作簿（可能设置了打开密码或已损坏）") from None
    if "xl/workbook.xml" not in package.namelist():
        package.close()
        raise BookError(f"{path.name} 不是有效的 Excel 工作簿（缺少 xl/workbook.xml）")
    return package


def _names_from_part_content(name: str, package: zipfile.ZipFile) -> list[str]:
    if name.startswith("xl/worksheets/") and name.endswith(".xml"):
        return _sheet_findings(package.read(name))
    if name == "xl/workbook.xml":
        return [_WORKBOOK_ELEMENTS[m.decode()] for m in _WORKBOOK_TAG_RE.findall(package.read(name))]
    if name.startswith("xl/drawings/") and name.endswith(".xml") and "/_rels/" not in name:
        return _drawing_findings(package.read(name))
    if name.endswith(".vml"):
        kinds = set(_VML_OBJECT_RE.findall(package.read(name))) - {b"Note"}
        return ["表单控件（旧式）"] if kinds else []
    if name == "_rels/.rels" and _RIBBON_2010_REL in package.read(name):
        return ["自定义功能区"]
    if name.startswith("customXml/item") and b"DataMashup" in package.read(name):
        return ["Power Query 查询"]
    return []


def _drawing_findings(xml: bytes) -> list[str]:
    """Pictures and shapes of a DrawingML part; charts and SmartArt are named by their own parts."""
    found = [label for pattern, label in _DRAWING_KINDS if pattern.search(xml)]
    if not found and not _GRAPHIC_FRAME_RE.search(xml):
        found.append("绘图对象")
    return found


def _sheet_findings(xml: bytes) -> list[str]:
    """What openpyxl drops from one worksheet's XML; only the part after the cell data is read."""
    tail = xml[max(xml.rfind(b"</sheetData>"), 0):]
    found = [_SHEET_ELEMENTS[m.decode()] for m in _SHEET_TAG_RE.findall(tail)]
    for raw in _EXT_URI_RE.findall(tail):
        uri = raw.decode().upper()
        if uri not in _HARMLESS_EXTENSIONS:
            found.append(_SHEET_EXTENSIONS.get(uri, f"未识别的 Excel 扩展内容 {uri}"))
    return found
