"""The add-in built on Linux: a valid package with our ribbon, our VBA (decoded by oletools) and conf sheet."""

from __future__ import annotations

import re
import warnings
import zipfile
from xml.etree import ElementTree as ET

import pytest
from python_calamine import CalamineWorkbook

from dealer_xl.actions import registry
from dealer_xl.excel import addin, vba_udfs
from dealer_xl.excel.udf_registry import SPECS

with warnings.catch_warnings():  # oletools still uses pyparsing's old names, warned about at import
    warnings.simplefilter("ignore", DeprecationWarning)
    from oletools.olevba import VBA_Parser

NS = {"ui": addin.CUSTOMUI_NS}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    settings = addin.AddinSettings(interpreter_win=r"C:\dx\venv\Scripts\pythonw.exe", pythonpath=r"D:\扩展")
    return addin.build_addin(tmp_path_factory.mktemp("dist") / "dealer_xl.xlam", settings)


@pytest.fixture(scope="module")
def modules(built):
    parser = VBA_Parser(str(built))
    try:
        return {name: code for _, stream, name, code in parser.extract_macros()}
    finally:
        parser.close()


def test_the_addin_is_a_valid_zip_package_with_its_parts(built):
    with zipfile.ZipFile(built) as z:
        assert z.testzip() is None
        names = set(z.namelist())
        assert {"[Content_Types].xml", "xl/workbook.xml", "xl/vbaProject.bin", "customUI/customUI.xml"} <= names
        types = ET.fromstring(z.read("[Content_Types].xml"))
        assert any(o.get("ContentType") == "application/vnd.ms-excel.addin.macroEnabled.main+xml" for o in types)


def test_ribbon_is_well_formed_customui_with_unique_ids_and_registered_tags(built):
    with zipfile.ZipFile(built) as z:
        root = ET.fromstring(z.read(addin.RIBBON_PART))
    assert root.tag == f"{{{addin.CUSTOMUI_NS}}}customUI"
    (tab,) = root.findall("ui:ribbon/ui:tabs/ui:tab", NS)
    assert tab.get("label") == "经销商助手"
    assert [g.get("label") for g in tab.findall("ui:group", NS)] == list(registry.GROUPS)
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    buttons = list(root.iter(f"{{{addin.CUSTOMUI_NS}}}button"))
    assert sorted(b.get("tag") for b in buttons) == sorted(registry.ACTIONS)  # every action has one button
    for group in tab.findall("ui:group", NS):
        for b in group.findall("ui:button", NS):
            action = registry.lookup(b.get("tag"))
            assert b.get("onAction") == "DealerXL.DxAction"
            assert (b.get("label"), b.get("supertip"), group.get("label")) == (action.label, action.description, action.group)


def test_every_vba_module_decodes_to_exactly_its_source(modules):
    expected = addin.expected_modules()
    assert {"DealerXL", "ThisWorkbook", vba_udfs.MODULE_NAME} <= set(expected)
    for name, source in expected.items():
        kind = "cls" if name == "ThisWorkbook" else "bas"
        assert modules[f"{name}.{kind}"].splitlines() == source.splitlines(), name
    assert "RibbonMyAddin.bas" not in modules


def test_macro_sources_are_ascii_files_in_macros():
    for path in [*addin.MACROS.glob("*.bas"), *addin.MACROS.glob("*.cls")]:
        assert path.read_bytes().isascii(), path.name  # the VBA project stores source in a Western code page


def test_the_xlwings_module_is_the_templates_reading_our_conf_sheet(modules):
    parser = VBA_Parser(str(addin.TEMPLATE))
    try:
        template = next(code for _, _, name, code in parser.extract_macros() if name == "xlwings.bas")
    finally:
        parser.close()
    ours, theirs = modules["xlwings.bas"].splitlines(), template.splitlines()
    changed = [(a, b) for a, b in zip(ours, theirs, strict=True) if a != b]
    assert changed == [('Public Const PROJECT_NAME As String = "dealer_xl"',
                        'Public Const PROJECT_NAME As String = "myaddin"')]


def test_the_dispatcher_passes_only_the_tag_to_the_python_dispatcher(modules):
    code = modules["DealerXL.bas"]
    assert re.search(r"Public Sub DxAction\(control As IRibbonControl\)", code)
    assert """RunPython "import dealer_xl.excel.dispatch as d; d.run('" & tag & "')\"""" in code
    assert 'Like "[a-z_]"' in code


def test_every_worksheet_function_has_a_vba_declaration_calling_the_udf_module(modules):
    code = modules[f"{vba_udfs.MODULE_NAME}.bas"]
    for spec in SPECS:
        assert f"Function {spec.name}(" in code
        assert f'XLPy.CallUDF("dealer_xl.excel.udf_registry", "{spec.name}"' in code
        assert f'Application.MacroOptions Macro:="{spec.name}"' in code
    assert max(len(line) for line in code.splitlines()) < 1024


def test_conf_sheet_names_interpreter_pythonpath_and_udf_module(built):
    workbook = CalamineWorkbook.from_path(str(built))  # an independent reader of the package
    assert workbook.sheet_names == ["dealer_xl.conf"]
    conf = dict(workbook.get_sheet_by_name("dealer_xl.conf").to_python())
    assert conf["Interpreter_Win"] == r"C:\dx\venv\Scripts\pythonw.exe"
    assert conf["PYTHONPATH"] == r"D:\扩展"
    assert conf["UDF Modules"] == "dealer_xl.excel.udf_registry"
    assert conf["Use UDF Server"] is True and conf["Show Console"] is False  # one Python for every click
    assert addin.AddinSettings(udf_server=False).rows()[-2] == ("Use UDF Server", False)


def test_install_refuses_on_linux_and_says_why():
    with pytest.raises(addin.BookError, match="Excel 桌面版只在 Windows 和 macOS 上运行"):
        addin.install_addin(addin.TEMPLATE, platform="linux")
