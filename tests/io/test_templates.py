"""``dealer-xl init``: the five empty books, read back from real files with openpyxl and LibreOffice."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from io import BytesIO
from pathlib import Path
from zipfile import ZipFile

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from dealer_xl import schema
from dealer_xl.io.dropdowns import LAST_ROW, choices
from dealer_xl.io.templates import build_book, init_books, template_bytes
from dealer_xl.problems import BookError
from dealer_xl.schema import BOOKS, PARAMS, Book, Column, FieldType, Sheet, master

T = FieldType
WORKBOOKS = Path(__file__).resolve().parents[2] / "workbooks"
REGENERATE = "请运行 make workbooks（或 .venv/bin/python -m dealer_xl.io.templates workbooks/）重新生成并提交"

FORMATS = {
    T.TEXT: "@", T.CODE: "@", T.MONTH: "@", T.ENUM: "@", T.YESNO: "@",
    T.INT: "0", T.NUMBER: "General", T.MONEY: "#,##0.00", T.RATE: "0.00%", T.DATE: "yyyy-mm-dd",
}

# (book, sheet, header) → the list source of its dropdown; references into other books get none.
REFERENCE_DROPDOWNS = {
    ("master", "客户", "业务员"): "'员工'!$B$2:$B$20001",
    ("master", "机型", "厂家"): "'厂家'!$A$2:$A$20001",
    ("master", "配件", "厂家"): "'厂家'!$A$2:$A$20001",
    ("sales", "销售明细", "整机编号"): "'整机库存'!$A$2:$A$20001",
    ("sales", "样机调拨", "整机编号"): "'整机库存'!$A$2:$A$20001",
    ("sales", "退换车", "合同编号"): "'销售明细'!$B$2:$B$20001",
    ("sales", "退换车", "整机编号"): "'整机库存'!$A$2:$A$20001",
    ("sales", "退换车", "新整机编号"): "'整机库存'!$A$2:$A$20001",
    ("sales", "厂家往来", "整机编号"): "'整机库存'!$A$2:$A$20001",
    ("sales", "退车入库", "整机编号"): "'整机库存'!$A$2:$A$20001",
    ("sales", "退车入库", "合同编号"): "'销售明细'!$B$2:$B$20001",
    ("receivables", "还款计划", "合同编号"): "'分期合同'!$A$2:$A$20001",
    ("receivables", "收款记录", "合同编号"): "'分期合同'!$A$2:$A$20001",
    ("receivables", "催收记录", "合同编号"): "'分期合同'!$A$2:$A$20001",
    ("receivables", "扣车记录", "合同编号"): "'分期合同'!$A$2:$A$20001",
    ("receivables", "核销记录", "合同编号"): "'分期合同'!$A$2:$A$20001",
    ("receivables", "诉讼案件", "合同编号"): "'分期合同'!$A$2:$A$20001",
    ("receivables", "合同期初", "合同编号"): "'分期合同'!$A$2:$A$20001",
    ("service", "配件明细", "工单号"): "'服务工单'!$A$2:$A$20001",
    ("service", "索赔单", "工单号"): "'服务工单'!$A$2:$A$20001",
    ("service", "旧件返厂", "索赔单号"): "'索赔单'!$A$2:$A$20001",
    ("service", "回访记录", "工单号"): "'服务工单'!$A$2:$A$20001",
    ("admin", "车辆费用", "车牌号"): "'车辆'!$A$2:$A$20001",
    ("admin", "用印登记", "印章"): "'证照印章'!$A$2:$A$20001",
    ("admin", "档案借阅", "档案号"): "'档案'!$A$2:$A$20001",
}

SHEETS = [(b, s) for b in BOOKS for s in b.sheets]
SHEET_IDS = [f"{b.key}-{s.key}" for b, s in SHEETS]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("books")
    init_books(folder)
    return folder


@pytest.fixture(scope="module")
def loaded(folder) -> dict[str, openpyxl.Workbook]:
    return {b.key: openpyxl.load_workbook(folder / b.filename) for b in BOOKS}


def worksheet(loaded, book: Book, sheet: Sheet):
    return loaded[book.key][sheet.name]


def validations_at(ws, cell: str) -> list:
    return [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]


def dropdown_at(ws, cell: str):
    lists = [dv for dv in validations_at(ws, cell) if dv.type == "list"]
    return lists[0] if len(lists) == 1 else None


def parts(data: bytes) -> list[tuple[str, bytes]]:
    with ZipFile(BytesIO(data)) as z:
        return [(name, z.read(name)) for name in z.namelist()]


def test_init_writes_the_five_books_in_order(folder):
    assert sorted(p.name for p in folder.iterdir()) == sorted(b.filename for b in BOOKS)


@pytest.mark.parametrize("book", BOOKS, ids=[b.key for b in BOOKS])
def test_sheets_follow_the_schema_in_order(loaded, book):
    assert loaded[book.key].sheetnames == [s.name for s in book.sheets]


@pytest.mark.parametrize(("book", "sheet"), SHEETS, ids=SHEET_IDS)
def test_row_1_holds_exactly_the_schema_headers(loaded, book, sheet):
    ws = worksheet(loaded, book, sheet)
    assert [c.value for c in ws[1]] == [c.header for c in sheet.columns]


@pytest.mark.parametrize(("book", "sheet"), SHEETS, ids=SHEET_IDS)
def test_each_sheet_is_a_banded_table_with_frozen_header(loaded, book, sheet):
    ws = worksheet(loaded, book, sheet)
    filled = {"params": len(PARAMS), "accounts": len(master.ACCOUNT_EVENTS)}  # init fills these two (#23)
    last_row = filled.get(sheet.key, 1) + 1
    table = ws.tables[f"tbl_{sheet.key}"]
    assert table.ref == f"A1:{get_column_letter(len(sheet.columns))}{last_row}"
    assert table.tableStyleInfo.name == "TableStyleMedium2" and table.tableStyleInfo.showRowStripes
    assert ws.freeze_panes == "A2"
    assert ws.max_row == last_row


@pytest.mark.parametrize(("book", "sheet"), SHEETS, ids=SHEET_IDS)
def test_columns_carry_width_and_number_format_of_their_type(loaded, book, sheet):
    ws = worksheet(loaded, book, sheet)
    for index, column in enumerate(sheet.columns, 1):
        dimension = ws.column_dimensions[get_column_letter(index)]
        assert dimension.width == column.width, column.header
        assert dimension.number_format == FORMATS[column.type], column.header
        if sheet.key != "params":
            assert ws.cell(2, index).number_format == FORMATS[column.type], column.header


def test_width_falls_back_to_header_length_counting_cjk_twice():
    sheet = Sheet("s", "表", (Column("name", "客户名称"), Column("code", "ID"), Column("m", "备注Remark")))
    ws = build_book(Book("x", "x.xlsx", "x", (sheet,)))["表"]
    assert [ws.column_dimensions[c].width for c in "ABC"] == [10, 8, 12]


@pytest.mark.parametrize(("book", "sheet"), SHEETS, ids=SHEET_IDS)
def test_headers_are_bold_centred_wrapped_and_red_when_required(loaded, book, sheet):
    ws = worksheet(loaded, book, sheet)
    for index, column in enumerate(sheet.columns, 1):
        cell = ws.cell(1, index)
        assert cell.font.b and cell.alignment.wrap_text and cell.alignment.horizontal == "center"
        if sheet.generated:
            assert cell.fill.fgColor.rgb == "FFD9D9D9"
        else:
            assert (cell.font.color.rgb == "FFC00000") == column.required, column.header


def test_required_columns_and_notes_show_as_header_help(loaded):
    ws = loaded["master"]["客户"]
    columns = schema.sheet("master", "customers").columns
    help_of = {c.header: validations_at(ws, f"{get_column_letter(i)}1") for i, c in enumerate(columns, 1)}
    assert "必填" in help_of["客户编号"][0].prompt and "不可重复" in help_of["客户编号"][0].prompt
    assert "个人填18位身份证号" in help_of["证件号码"][0].prompt
    assert help_of["证件号码"][0].promptTitle == "证件号码" and help_of["证件号码"][0].showInputMessage
    assert "必填" not in help_of["客户类型"][0].prompt
    assert help_of["地址"] == []


def test_generated_sheet_is_grey_and_says_dealer_xl_writes_it(loaded):
    ws = loaded["payroll"]["工资结果"]
    assert ws.sheet_properties.tabColor.rgb == "FF808080"
    for index in range(1, ws.max_column + 1):
        (help_,) = validations_at(ws, f"{get_column_letter(index)}1")
        assert "由 dealer_xl 计算生成" in help_.prompt


@pytest.mark.parametrize(("book", "sheet"), SHEETS, ids=SHEET_IDS)
def test_every_enum_and_yesno_column_has_a_strict_dropdown(loaded, book, sheet):
    ws = worksheet(loaded, book, sheet)
    for index, column in enumerate(sheet.columns, 1):
        if column.type not in (T.ENUM, T.YESNO):
            continue
        letter = get_column_letter(index)
        dv = dropdown_at(ws, f"{letter}2")
        assert dv is not None and f"{letter}{LAST_ROW}" in dv.sqref, column.header
        assert dv.formula1 == '"' + ",".join(choices(column)) + '"'
        assert dv.showErrorMessage and dv.errorStyle == "stop"
        assert dv.error == "请从下拉列表中选择：" + "、".join(choices(column))


def test_payment_type_and_yesno_dropdowns_list_their_choices(loaded):
    assert dropdown_at(loaded["sales"]["销售明细"], "K2").formula1 == '"全款,分期,按揭"'
    assert dropdown_at(loaded["master"]["配件"], "H2").formula1 == '"是,否"'


def test_reference_dropdowns_point_at_the_referenced_column_of_the_same_book(loaded):
    found = {}
    for book, sheet in SHEETS:
        ws = worksheet(loaded, book, sheet)
        for index, column in enumerate(sheet.columns, 1):
            dv = dropdown_at(ws, f"{get_column_letter(index)}2")
            if dv is not None and "!" in dv.formula1:
                found[(book.key, sheet.name, column.header)] = dv.formula1
    assert found == REFERENCE_DROPDOWNS


def test_reference_dropdowns_reject_unknown_values_except_where_a_second_field_is_allowed(loaded):
    stock = dropdown_at(loaded["sales"]["销售明细"], "G2")
    assert stock.errorStyle == "stop" and not stock.allow_blank and "整机库存" in stock.error
    sales_rep = dropdown_at(loaded["master"]["客户"], "K2")
    assert sales_rep.errorStyle == "warning" and "工号" in sales_rep.error


def test_cross_book_references_name_the_other_book_in_header_help(loaded):
    (help_,) = validations_at(loaded["sales"]["销售明细"], "E1")
    assert "主数据.xlsx「客户」" in help_.prompt


def test_validation_texts_fit_excel_limits(loaded):
    for wb in loaded.values():
        for ws in wb:
            for dv in ws.data_validations.dataValidation:
                assert len(dv.promptTitle or "") <= 32 and len(dv.errorTitle or "") <= 32
                assert len(dv.prompt or "") <= 255 and len(dv.error or "") <= 255
                assert len(dv.formula1 or "") <= 255


def test_params_sheet_lists_every_parameter_with_its_default(loaded):
    ws = loaded["master"]["参数"]
    rows = {key: (value, note) for key, value, note in ws.iter_rows(min_row=2, values_only=True)}
    assert list(rows) == [p.key for p in PARAMS]
    assert all(rows[p.key][1] == p.note for p in PARAMS)
    assert rows["grace_days"][0] == 3 and isinstance(rows["grace_days"][0], int)
    assert rows["penalty_daily_rate"][0] == 0.0003
    assert rows["min_down_payment_ratio"][0] == 0.3
    assert rows["si_base_min"][0] == 7460 and isinstance(rows["si_base_min"][0], int)
    assert rows["monthly_paid_days"][0] == 21.75
    assert rows["aging_buckets"][0] == "30,60,90,180,365"
    assert rows["vin_pattern"][0] is None
    assert ws["B3"].number_format == "General" and ws["B7"].number_format == "@"


def test_init_is_byte_identical_from_run_to_run(folder, tmp_path):
    init_books(tmp_path)
    for book in BOOKS:
        assert (tmp_path / book.filename).read_bytes() == (folder / book.filename).read_bytes()
    assert template_bytes(BOOKS[1]) == template_bytes(BOOKS[1])


def test_document_properties_are_fixed(loaded):
    props = loaded["sales"].properties
    assert props.creator == props.lastModifiedBy == "dealer_xl"
    assert props.created == props.modified and props.created.year == 2026


@pytest.mark.parametrize("book", BOOKS, ids=[b.key for b in BOOKS])
def test_committed_workbooks_equal_what_init_writes_today(book):
    committed = WORKBOOKS / book.filename
    assert committed.exists(), f"缺少 {committed}；{REGENERATE}"
    # Part by part, not byte by byte: another zlib build may compress the same parts differently.
    assert parts(committed.read_bytes()) == parts(template_bytes(book)), f"{committed} 已过期；{REGENERATE}"


def test_init_refuses_to_overwrite_an_existing_book(tmp_path):
    (tmp_path / "销售台账.xlsx").write_bytes(b"user data")
    with pytest.raises(BookError, match="销售台账.xlsx"):
        init_books(tmp_path)
    assert (tmp_path / "销售台账.xlsx").read_bytes() == b"user data"
    assert [p.name for p in tmp_path.iterdir()] == ["销售台账.xlsx"]


def test_init_overwrites_when_asked(tmp_path):
    (tmp_path / "销售台账.xlsx").write_bytes(b"old")
    init_books(tmp_path, overwrite=True)
    assert (tmp_path / "销售台账.xlsx").read_bytes() == template_bytes(BOOKS[1])


def test_init_refuses_a_book_open_in_excel(tmp_path):
    init_books(tmp_path)
    (tmp_path / "~$工资表.xlsx").write_bytes(b"lock")
    with pytest.raises(BookError, match="Excel.*工资表.xlsx"):
        init_books(tmp_path, overwrite=True)


def test_init_creates_missing_folders(tmp_path):
    paths = init_books(tmp_path / "新建" / "台账")
    assert [p.name for p in paths] == [b.filename for b in BOOKS] and all(p.exists() for p in paths)


# --- LibreOffice: the books open in a real spreadsheet engine and keep their dropdowns ---

NS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0"}
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


@pytest.fixture(scope="module")
def converted(libreoffice, folder) -> dict[str, dict[str, Path]]:
    done = {fmt: libreoffice.many([folder / b.filename for b in BOOKS], fmt, folder / f"lo-{fmt}")
            for fmt in ("ods", "xlsx")}
    return {b.key: {fmt: done[fmt][i] for fmt in done} for i, b in enumerate(BOOKS)}


def ods_row_conditions(content: ET.Element, sheet_name: str, row_number: int) -> list[str | None]:
    """The validation condition of each cell of one row of an ODS sheet (None where there is none)."""
    conditions = {v.get(f"{TABLE}name"): v.get(f"{TABLE}condition")
                  for v in content.iterfind(".//table:content-validation", NS)}
    table = next(t for t in content.iterfind(".//table:table", NS) if t.get(f"{TABLE}name") == sheet_name)
    row = list(table.iterfind(".//table:table-row", NS))[row_number - 1]
    cells = []
    for cell in row.iterfind("table:table-cell", NS):
        repeat = int(cell.get(f"{TABLE}number-columns-repeated", "1"))
        cells += [conditions.get(cell.get(f"{TABLE}content-validation-name"))] * repeat
    return cells


@pytest.mark.libreoffice
@pytest.mark.parametrize(("book", "sheet"), SHEETS, ids=SHEET_IDS)
def test_libreoffice_ods_carries_the_dropdowns(converted, book, sheet):
    with ZipFile(converted[book.key]["ods"]) as z:
        content = ET.fromstring(z.read("content.xml"))
    row_2 = ods_row_conditions(content, sheet.name, 2)
    for index, column in enumerate(sheet.columns):
        values = choices(column)
        if values:
            quoted = ";".join(f'"{v}"' for v in values)
            assert row_2[index] == f"of:cell-content-is-in-list({quoted})", column.header


@pytest.mark.libreoffice
def test_libreoffice_ods_lists_payment_types_and_the_stock_column(converted):
    with ZipFile(converted["sales"]["ods"]) as z:
        row_2 = ods_row_conditions(ET.fromstring(z.read("content.xml")), "销售明细", 2)
    assert row_2[10] == 'of:cell-content-is-in-list("全款";"分期";"按揭")'
    assert row_2[6] == f"of:cell-content-is-in-list([$整机库存.$A$2:.$A${LAST_ROW}])"


@pytest.mark.libreoffice
@pytest.mark.parametrize("book", BOOKS, ids=[b.key for b in BOOKS])
def test_libreoffice_xlsx_keeps_headers_and_dropdowns(converted, book):
    wb = openpyxl.load_workbook(converted[book.key]["xlsx"])
    for sheet in book.sheets:
        ws = wb[sheet.name]
        assert [c.value for c in ws[1]] == [c.header for c in sheet.columns]
        for index, column in enumerate(sheet.columns, 1):
            dv = dropdown_at(ws, f"{get_column_letter(index)}2")
            expected = REFERENCE_DROPDOWNS.get((book.key, sheet.name, column.header))
            if choices(column):
                assert dv.formula1 == '"' + ",".join(choices(column)) + '"', column.header
            elif expected:
                assert dv.formula1 == expected.replace("'", ""), column.header
            else:
                assert dv is None, column.header
