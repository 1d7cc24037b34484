"""The hardened add-in: guards and an error handler in DxAction, the DealerXLAddin project (distinct
from every module), Excel's own icons, the 信审 group, the xlwings pin equal to the DLL the VBA names,
and an install that verifies it landed."""

from __future__ import annotations

import re
import tomllib
import warnings
import zipfile
from pathlib import Path

import olefile
import pytest

from dealer_xl.cli import main
from dealer_xl.excel import addin
from dealer_xl.problems import BookError

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from oletools.olevba import VBA_Parser

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return addin.build_addin(tmp_path_factory.mktemp("dist") / addin.ADDIN_NAME)


@pytest.fixture(scope="module")
def dealer_module(built):
    parser = VBA_Parser(str(built))
    try:
        return next(code for _, _, name, code in parser.extract_macros() if name == "DealerXL.bas")
    finally:
        parser.close()


def zh_texts(source: str) -> list[str]:
    """Every Zh("...") literal of the VBA decoded the way the VBA's Zh() does."""
    return ["".join(chr(int(c, 16)) for c in codes.split()) for codes in re.findall(r'Zh\("([0-9a-f ]+)"\)', source)]


def dx_action(source: str) -> str:
    return source[source.index("Public Sub DxAction"):source.index("End Sub")]


def test_dxaction_has_an_error_handler_before_anything_can_fail(dealer_module):
    body = dx_action(dealer_module)
    lines = [line.strip() for line in body.splitlines()]
    assert lines[2] == "On Error GoTo Failed"      # right after the declarations
    assert "Failed:" in lines and "Exit Sub" in lines[lines.index("Failed:") - 1]
    assert body.index("WorkbookRefusal()") < body.index("RunPython")


def test_guards_name_protected_view_no_book_the_addin_and_read_only(dealer_module):
    refusal = dealer_module[dealer_module.index("Private Function WorkbookRefusal"):]
    assert "ActiveProtectedViewWindow" in dealer_module
    assert "ActiveWorkbook Is Nothing" in refusal and "ActiveWorkbook Is ThisWorkbook" in refusal
    assert "ActiveWorkbook.IsAddin" in refusal and "ActiveWorkbook.ReadOnly" in refusal
    texts = " ".join(zh_texts(dealer_module))
    for words in ("受保护的视图", "启用编辑", "请先打开一本台账", "加载项本身", "只读", "dealer-xl doctor", "台账没有被改动"):
        assert words in texts


def test_vba_module_stays_ascii_so_the_western_code_page_keeps_it():
    (ROOT / "macros" / "DealerXL.bas").read_bytes().decode("ascii")


def test_vba_project_is_named_dealerxladdin_in_both_streams_and_no_module_shares_it(built):
    with zipfile.ZipFile(built) as z, olefile.OleFileIO(z.read("xl/vbaProject.bin")) as ole:
        project = ole.openstream("PROJECT").read()
        dir_stream = ole.openstream("VBA/dir").read()
    assert b'Name="DealerXLAddin"' in project and b"MyAddin" not in project
    from pyopenvba.vba import decompress
    raw = decompress(dir_stream)
    assert b"\x04\x00\x0d\x00\x00\x00DealerXLAddin" in raw and b"MyAddin" not in raw
    assert addin.VBA_PROJECT_NAME not in addin.expected_modules()  # "DealerXL.DxAction" names the module


# Every icon of the ribbon is in Microsoft's list of Excel's own controls for Office 2013, 2016, 2019
# and Microsoft 365 (excelcontrols.xlsx of OfficeDev/office-fluent-ui-command-identifiers, checked
# when these were chosen); FilterToggleFilter, CreateReport and ExportExcel are in none of them
# (they are Access's) and Excel shows a blank square for them.
EXCEL_ICONS = frozenset({
    "AccountingFormat", "AdvancedFilterDialog", "AutoSum", "CalculateNow", "ChartInsert", "ConditionalFormattingMenu",
    "DataValidation", "FileNew", "FileOpen", "FilePrint", "FileSave", "FileSaveAs", "FileSendAsAttachment", "Filter",
    "FunctionsDateTimeInsertGallery", "Lock", "PivotTableInsert", "Refresh", "ReviewNewComment", "ReviewProtectWorkbook",
    "SheetInsert", "SignatureLineInsert"})


def test_every_icon_is_from_excels_own_gallery():
    ribbon = (ROOT / "macros" / "ribbon.xml").read_text(encoding="utf-8")
    used = set(re.findall(r'<button [^>]*imageMso="([^"]+)"', ribbon))
    assert used and used <= EXCEL_ICONS, used - EXCEL_ICONS
    for wrong in ("TableInsert", "EnvelopesAndLabelsDialog", "CalendarInsert", "FilterToggleFilter", "CreateReport",
                  "ExportExcel"):
        assert f'imageMso="{wrong}"' not in ribbon


def test_the_credit_department_has_its_own_group_with_its_buttons_and_a_place_for_lawsuit_drafts():
    from xml.etree import ElementTree as ET

    from dealer_xl.actions import registry

    root = ET.parse(ROOT / "macros" / "ribbon.xml").getroot()
    ns = {"ui": addin.CUSTOMUI_NS}
    group = next(g for g in root.iter(f"{{{addin.CUSTOMUI_NS}}}group") if g.get("label") == "信审")
    tags = [b.get("tag") for b in group.findall("ui:button", ns)]
    assert tags == ["credit_grades", "bad_debts", "repossession_notice", "handover_note", "lawsuit_draft", "disputes_report"]
    assert all(registry.ACTIONS[t].group == "信审" for t in tags)
    assert registry.GROUPS.index("信审") == registry.GROUPS.index("应收") + 1
    assert "lawsuit_draft" in (ROOT / "macros" / "ribbon.xml").read_text(encoding="utf-8")  # the place left for it


def test_windows_extra_pins_exactly_the_xlwings_whose_dll_the_vba_names(built):
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    pins = [r for r in extras["windows"] if r.startswith("xlwings")]
    assert pins == [f"xlwings=={addin.addin_dll_version(built)}"]
    assert addin.addin_dll_version(built) == addin.PINNED_XLWINGS


def test_dll_version_is_read_from_declare_lines():
    assert addin.vba_dll_version('Declare PtrSafe Function F Lib "xlwings64-0.40.1.dll" ()') == "0.40.1"
    with pytest.raises(BookError):
        addin.vba_dll_version('"xlwings64-0.40.1.dll" "xlwings32-0.37.8.dll"')


def test_another_xlwings_is_refused_with_the_pip_command():
    with pytest.raises(BookError, match=r'pip install "xlwings==0\.37\.8"'):
        addin.require_pinned_xlwings("0.38.0")


def test_install_copies_into_the_users_xlstart_and_verifies(built, tmp_path):
    message = addin.install_addin(built, platform="win32", env={"APPDATA": str(tmp_path)})
    target = tmp_path / "Microsoft" / "Excel" / "XLSTART" / addin.ADDIN_NAME
    assert target.read_bytes() == built.read_bytes() and str(target) in message


def test_install_that_cannot_write_raises_a_chinese_error(built, tmp_path):
    (tmp_path / "Microsoft").mkdir()
    (tmp_path / "Microsoft" / "Excel").write_text("a file where the folder should be")
    with pytest.raises(BookError, match="加载项没有装上"):
        addin.install_addin(built, platform="win32", env={"APPDATA": str(tmp_path)})


def test_failed_install_from_the_cli_exits_non_zero(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path))
    (tmp_path / "Microsoft").write_text("blocks the XLSTART folder")
    assert main(["addin", "install", "--interpreter", r"C:\venv\Scripts\pythonw.exe"]) == 2
    assert "加载项没有装上" in capsys.readouterr().err.replace("\n", "")
