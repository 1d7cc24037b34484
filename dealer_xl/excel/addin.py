"""Building ``dealer_xl.xlam`` on any OS, and installing it with xlwings where Excel runs.

:func:`build_addin` starts from xlwings' own Excel-saved ribbon add-in template
(``quickstart_addin_ribbon.xlam`` in the xlwings wheel; xlwings open source, BSD 3-clause, see its
LICENSE.txt — the ``xlwings`` VBA module keeps its licence header) and writes, with pyOpenVBA:

- the VBA modules of ``macros/*.bas`` and ``macros/*.cls`` (one module per file, named by its
  ``Attribute VB_Name`` line) and the generated ``DxFunctions`` module
  (:mod:`dealer_xl.excel.vba_udfs`); the template's sample ``RibbonMyAddin`` module is removed;
- ``PROJECT_NAME = "dealer_xl"`` in the xlwings module, so it reads the conf sheet ``dealer_xl.conf``;
- the VBA project's name ``DealerXLAddin`` (the template's is ``MyAddin``) in the dir and PROJECT streams,
  distinct from every module name (the ribbon's module is ``DealerXL``: ``onAction="DealerXL.DxAction"``
  names the module, never the project);

and then, in the zip package, the ribbon (``macros/ribbon.xml``, each tagged button's label and
tooltip filled from :data:`dealer_xl.actions.registry.ACTIONS`) and the conf sheet (interpreter,
PYTHONPATH, UDF modules, and "Use UDF Server" on: xlwings then runs every ribbon click in the one
Python process it keeps for the worksheet functions, so only the first click of an Excel session
starts an interpreter). The result replaces ``dest`` atomically. :func:`install_addin` refuses
clearly where Excel cannot run (Linux); elsewhere it copies the file into the user's XLSTART folder
and verifies the copy (same bytes, readable package), raising a Chinese BookError when it did not land.

The add-in is bound to one xlwings version: its VBA declares ``xlwings64-<version>.dll`` (and the 32-bit
one), the DLL that ships in that xlwings wheel. :data:`PINNED_XLWINGS` is that version; pyproject's
``windows`` extra and the offline bundle pin exactly it, and :func:`require_pinned_xlwings` refuses to
build an add-in for an installer with another xlwings.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

import xlwings
from pyopenvba import ExcelFile

from .. import resources
from ..actions.registry import ACTIONS
from ..problems import BookError
from . import vba_udfs

PROJECT = "dealer_xl"
ADDIN_NAME = f"{PROJECT}.xlam"
CONF_SHEET = f"{PROJECT}.conf"
TEMPLATE = Path(xlwings.__file__).parent / "quickstart_addin_ribbon.xlam"
MACROS = resources.folder("macros")
CUSTOMUI_NS = "http://schemas.microsoft.com/office/2006/01/customui"
RIBBON_PART, CONF_PART, WORKBOOK_PART = "customUI/customUI.xml", "xl/worksheets/sheet1.xml", "xl/workbook.xml"
_VB_NAME = re.compile(r'^Attribute VB_Name = "([A-Za-z][A-Za-z0-9_]*)"')
_PROJECT_LINE = re.compile(r'(Public Const PROJECT_NAME As String = )"[^"]*"')
VBA_PROJECT_NAME = "DealerXLAddin"
PINNED_XLWINGS = "0.37.8"
_DLL = re.compile(r'"xlwings(?:32|64)-([0-9][0-9A-Za-z.]*)\.dll"')


@dataclass(frozen=True, slots=True)
class AddinSettings:
    """What the conf sheet tells xlwings: Python to start, extra PYTHONPATH, UDF modules.

    ``udf_server`` (xlwings' "Use UDF Server"): RunPython goes to the COM server that also answers the
    worksheet functions — one long-lived pythonw.exe per Excel session instead of one per click.
    """

    interpreter_win: str = ""
    interpreter_mac: str = ""
    pythonpath: str = ""
    udf_modules: str = vba_udfs.UDF_MODULE
    udf_server: bool = True

    def rows(self) -> list[tuple[str, str | bool]]:
        return [("Interpreter_Win", self.interpreter_win), ("Interpreter_Mac", self.interpreter_mac),
                ("PYTHONPATH", self.pythonpath), ("UDF Modules", self.udf_modules),
                ("ADD_WORKBOOK_TO_PYTHONPATH", False), ("Conda Path", ""), ("Conda Env", ""),
                ("Debug UDFs", False), ("Use UDF Server", self.udf_server), ("Show Console", False)]


def macro_sources(folder: Path = MACROS) -> dict[str, str]:
    """VBA module name → source (CRLF line ends) of every ``.bas``/``.cls`` file in ``folder``."""
    if not folder.is_dir():
        raise BookError(f"找不到加载项源文件夹 {folder}（macros/）；请在 dealer_xl 源码目录中运行")
    sources = {}
    for path in sorted([*folder.glob("*.bas"), *folder.glob("*.cls")]):
        text = path.read_text(encoding="ascii")
        match = _VB_NAME.match(text)
        if match is None:
            raise BookError(f"{path.name} 第一行必须是 Attribute VB_Name = \"模块名\"")
        sources[match.group(1)] = "\r\n".join(text.splitlines()) + "\r\n"
    return sources


def ribbon_xml(folder: Path = MACROS) -> bytes:
    """``macros/ribbon.xml`` with each tagged button's label, screentip and supertip from the registry."""
    ET.register_namespace("", CUSTOMUI_NS)
    root = ET.fromstring((folder / "ribbon.xml").read_bytes())
    for button in root.iter(f"{{{CUSTOMUI_NS}}}button"):
        action = ACTIONS.get(button.get("tag", ""))
        if action is not None:
            button.set("label", button.get("label") or action.label)
            button.set("screentip", button.get("screentip") or action.label)
            button.set("supertip", button.get("supertip") or action.description)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def conf_sheet_xml(settings: AddinSettings) -> bytes:
    """The conf sheet: keys in column A, values in B (inline strings, booleans)."""
    rows = []
    for n, (key, value) in enumerate(settings.rows(), 1):
        cell_b = (f'<c r="B{n}" t="b"><v>{int(value)}</v></c>' if isinstance(value, bool) else
                  f'<c r="B{n}" t="inlineStr"><is><t>{escape(value)}</t></is></c>' if value else "")
        rows.append(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{escape(key)}</t></is></c>{cell_b}</row>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheetPr codeName="Sheet2"/><dimension ref="A1:B' + str(len(rows)) + '"/>'
            '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15.75"/><cols><col min="1" max="1" width="30" customWidth="1"/>'
            '<col min="2" max="2" width="60" customWidth="1"/></cols>'
            f'<sheetData>{"".join(rows)}</sheetData></worksheet>').encode("utf-8")


def expected_modules(folder: Path = MACROS) -> dict[str, str]:
    """Every module the built add-in must hold with exactly this source (ours and the generated one)."""
    return {**macro_sources(folder), vba_udfs.MODULE_NAME: vba_udfs.module_source()}


def build_addin(dest: Path, settings: AddinSettings | None = None, *, folder: Path = MACROS) -> Path:
    """Build the add-in at ``dest`` (see the module docstring) and return ``dest``."""
    settings = settings or AddinSettings()
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    modules = expected_modules(folder)
    with tempfile.TemporaryDirectory(prefix="dealer_xl-addin-") as tmp:
        stage = Path(tmp) / ADDIN_NAME
        shutil.copyfile(TEMPLATE, stage)
        with ExcelFile(stage) as book:
            project = book.vba_project()
            _rename_project(book, project, VBA_PROJECT_NAME)
            project.delete_module("RibbonMyAddin")
            book.set_module("xlwings", _PROJECT_LINE.sub(rf'\1"{PROJECT}"', book.get_module("xlwings"), count=1))
            present = set(book.module_names())
            for name, source in modules.items():
                if name in present:
                    book.set_module(name, source)
                else:
                    project.add_module(name, source)
            book.save()
        replaced = {RIBBON_PART: ribbon_xml(folder), CONF_PART: conf_sheet_xml(settings)}
        out = Path(tmp) / "out.xlam"
        with zipfile.ZipFile(stage) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                data = replaced.get(item.filename) or src.read(item.filename)
                if item.filename == WORKBOOK_PART:
                    data = data.replace(b'name="_myaddin.conf"', f'name="{CONF_SHEET}"'.encode())
                dst.writestr(item.filename, data, compress_type=zipfile.ZIP_DEFLATED)
        shutil.move(out, dest)  # a rename (atomic) when on one file system
    return dest


def _rename_project(book: ExcelFile, project, name: str) -> None:
    """Name the VBA project ``name`` in the dir stream's PROJECTNAME record and the PROJECT stream.

    pyOpenVBA has no call for this; the save that follows a module change rewrites the dir stream
    from ``dir_raw`` (records before the modules section kept verbatim) and keeps the PROJECT
    stream's other lines, so both are patched here before that save.
    """
    old = project.name.encode("ascii")
    record = b"\x04\x00" + len(old).to_bytes(4, "little") + old
    at = project.dir_raw.find(record)
    if at < 0:
        raise BookError(f"加载项模板的 VBA 工程名记录找不到（{project.name}）；请检查 xlwings 版本")
    new = name.encode("ascii")
    project.dir_raw = project.dir_raw[:at] + b"\x04\x00" + len(new).to_bytes(4, "little") + new + \
        project.dir_raw[at + len(record):]
    project.dir_modules_offset += len(new) - len(old)
    project.name = name
    cfb = book._get_cfb()
    cfb.write_stream("PROJECT", cfb.get_stream("PROJECT").replace(b'Name="' + old + b'"', b'Name="' + new + b'"'))


def vba_dll_version(source: str) -> str | None:
    """The xlwings version of the DLL the VBA source ``source`` declares (None when it names none)."""
    versions = set(_DLL.findall(source))
    if len(versions) > 1:
        raise BookError(f"加载项的 VBA 引用了多个 xlwings DLL 版本：{'、'.join(sorted(versions))}")
    return next(iter(versions), None)


def addin_dll_version(path: Path) -> str | None:
    """The xlwings DLL version the add-in file at ``path`` names (its ``xlwings`` VBA module)."""
    with tempfile.TemporaryDirectory(prefix="dealer_xl-read-") as tmp:
        copy = Path(tmp) / Path(path).name  # pyOpenVBA opens for writing; never touch the original
        shutil.copyfile(path, copy)
        with ExcelFile(copy) as book:
            return vba_dll_version(book.get_module("xlwings"))


def require_pinned_xlwings(installed: str | None = None) -> None:
    """BookError unless the installed xlwings is the pinned one (the add-in would name another DLL)."""
    installed = installed or xlwings.__version__
    if installed != PINNED_XLWINGS:
        raise BookError(f"此环境的 xlwings 是 {installed}，加载项需要 xlwings {PINNED_XLWINGS}"
                        f"（VBA 调用 xlwings64-{PINNED_XLWINGS}.dll）；请运行 "
                        f"pip install \"xlwings=={PINNED_XLWINGS}\" 后重试")


def default_interpreter() -> str:
    """The Python to start from Excel: this one (pythonw.exe on Windows, so no console flashes)."""
    exe = Path(sys.executable)
    windowless = exe.with_name("pythonw.exe")
    return str(windowless if windowless.exists() else exe)


def require_excel(platform: str | None = None) -> None:
    """BookError (Chinese, saying why and what to do instead) where desktop Excel does not run."""
    platform = platform or sys.platform
    if not platform.startswith(("win", "darwin")):
        raise BookError("无法在此系统上安装加载项：Excel 桌面版只在 Windows 和 macOS 上运行，这里没有 Excel。"
                        "请在员工的 Windows 电脑上运行 dealer-xl addin install；"
                        "在本机可以用 dealer-xl addin build 生成 dist/dealer_xl.xlam 后复制过去")


def xlstart_dir(env: Mapping[str, str] | None = None, platform: str | None = None) -> Path:
    """The user's Excel start-up folder: ``%APPDATA%\\Microsoft\\Excel\\XLSTART`` on Windows."""
    env, platform = os.environ if env is None else env, platform or sys.platform
    if platform.startswith("win"):
        if not env.get("APPDATA"):
            raise BookError("找不到 %APPDATA%（用户配置文件夹）；请以员工本人的 Windows 账户运行安装")
        return Path(env["APPDATA"]) / "Microsoft" / "Excel" / "XLSTART"
    from xlwings.cli import get_addin_dir

    return Path(get_addin_dir())


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def install_addin(path: Path, *, platform: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """Copy the built add-in into XLSTART and verify it landed; returns a Chinese line, else BookError."""
    require_excel(platform)
    folder = xlstart_dir(env, platform)
    target = folder / ADDIN_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    except PermissionError as exc:
        raise BookError(f"加载项没有装上：无法写入 {target}（{exc.strerror}）。Excel 正在运行时文件被占用："
                        "请关闭所有 Excel 窗口后重新运行 dealer-xl addin install") from exc
    except OSError as exc:
        raise BookError(f"加载项没有装上：无法写入 {target}（{exc.strerror or exc}）；"
                        "请检查该文件夹是否存在、是否可写，或是否被安全软件拦截") from exc
    if not target.is_file() or _digest(target) != _digest(Path(path)) or not zipfile.is_zipfile(target):
        raise BookError(f"加载项没有装上：{target} 与生成的文件不一致（可能被安全软件拦截或删除）；"
                        "请把该文件夹加入安全软件的信任区后重新运行 dealer-xl addin install")
    return f"已安装加载项 {target}；请重新启动 Excel，功能区会出现“经销商助手”选项卡"
