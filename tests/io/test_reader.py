"""Reading real workbooks written by the tests: messy layouts, messy values, and unusable files."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from msoffcrypto.format.ooxml import OOXMLFile

from dealer_xl.io.reader import column_letter, read_book, read_books, read_params, read_sheet
from dealer_xl.problems import BookError, Code, Severity
from dealer_xl.schema import book, sheet

JAN5 = dt.date(2026, 1, 5)
SALES = sheet("sales", "sales")
CUSTOMERS = sheet("master", "customers")
RECEIPTS = sheet("receivables", "receipts")
SCHEDULE = sheet("receivables", "schedule")


def write_xlsx(path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None,
               origin: str = "A1") -> Path:
    """A workbook with one sheet per entry, rows written from ``origin`` down, cells merged as asked."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    first_col = openpyxl.utils.cell.column_index_from_string("".join(c for c in origin if c.isalpha()))
    first_row = int("".join(c for c in origin if c.isdigit()))
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    ws.cell(first_row + r, first_col + c, value)
        for cells in (merges or {}).get(name, []):
            ws.merge_cells(cells)
    wb.save(path)
    return path


def codes(problems) -> list[Code]:
    return [p.code for p in problems]


# ---- finding the header --------------------------------------------------------------------


def test_header_is_found_below_merged_title_rows(tmp_path):
    path = write_xlsx(tmp_path / "销售台账.xlsx", {"销售明细": [
        ["2026年销售台账"],
        ["制表：销售部　单位：元"],
        ["销售日期", "合同编号", "客户编号", "整机编号", "成交价", "付款方式"],
        [JAN5, "HT-001", "C001", "SN001", 350000, "全款"],
        [dt.date(2026, 1, 6), "HT-002", "C002", "SN002", 420000.5, "分期"],
    ]}, {"销售明细": ["A1:F1", "A2:F2"]})
    table = read_sheet(path, SALES)
    assert table.header_row == 3
    assert table.row_numbers == [4, 5]
    assert [r["contract_no"] for r in table.rows] == ["HT-001", "HT-002"]
    assert [r["deal_price"] for r in table.rows] == [Decimal("350000.00"), Decimal("420000.50")]
    assert table.column_letter("deal_price") == "E"
    assert table.cell(1, "deal_price") == "E5"
    assert table.problems == []


def test_aliases_full_width_spaces_and_units_in_headers_are_recognised(tmp_path):
    path = write_xlsx(tmp_path / "销售台账.xlsx", {"销售明细": [
        ["＊销售日期", "合同号", " 客户 代码 ", "车架号", "成交价（元）", "付款\n方式", "业务员姓名", "首付款(元)"],
        [JAN5, "HT-001", "C001", "SN001", 350000, "全款", "张三", 0],
    ]})
    table = read_sheet(path, SALES)
    assert table.columns == {"sale_date": 0, "contract_no": 1, "customer_id": 2, "serial_no": 3,
                             "deal_price": 4, "payment_type": 5, "down_payment": 7}
    assert table.headers["customer_id"] == "客户 代码"
    assert table.headers["sale_date"] == "销售日期"
    assert table.rows[0]["down_payment"] == Decimal("0.00")


def test_table_not_starting_at_a1_keeps_true_cell_addresses(tmp_path):
    path = write_xlsx(tmp_path / "应收款台账.xlsx", {"收款记录": [
        ["收据号", "收款日期", "合同编号", "收款金额"],
        ["R001", JAN5, "HT-001", 1000],
        ["R002", JAN5, "HT-002", "一千"],
    ]}, origin="C3")
    table = read_sheet(path, RECEIPTS)
    assert table.header_row == 3
    assert table.columns == {"receipt_no": 2, "receipt_date": 3, "contract_no": 4, "amount": 5}
    [problem] = table.problems
    assert (problem.cell, problem.row, problem.column, problem.code) == ("F5", 5, "收款金额", Code.BAD_MONEY)


def test_sheet_is_found_by_its_alias(tmp_path):
    path = write_xlsx(tmp_path / "应收款台账.xlsx", {"回款记录": [
        ["收据号", "收款日期", "合同编号", "收款金额"], ["R001", JAN5, "HT-001", 1000]]})
    table = read_sheet(path, RECEIPTS)
    assert table.sheet_name == "回款记录"
    assert len(table.rows) == 1


def test_two_columns_for_one_field_keep_the_canonical_header_and_warn(tmp_path):
    path = write_xlsx(tmp_path / "销售台账.xlsx", {"销售明细": [
        ["销售日期", "合同编号", "客户编号", "车架号", "整机编号", "成交价", "付款方式"],
        [JAN5, "HT-001", "C001", "VIN-A", "SN001", 1, "全款"],
    ]})
    table = read_sheet(path, SALES)
    assert table.columns["serial_no"] == 4
    assert table.rows[0]["serial_no"] == "SN001"
    [problem] = table.problems
    assert (problem.code, problem.severity, problem.cell, problem.column) == (
        Code.DUPLICATE_COLUMN, Severity.WARNING, "D1", "车架号")


# ---- rows that are not data ----------------------------------------------------------------


def test_totals_blank_and_outside_rows_are_skipped_but_every_row_is_accounted_for(tmp_path):
    rows = [
        ["客户编号", "客户名称", "证件号码", "授信额度"],
        ["C001", "合计机械有限公司", "91110000100000000A", 100000],   # 2: a customer, not a total
        [],                                                            # 3
        ["C002", "张三", "110101199003078888", 50000],                # 4
        [None, "小计", None, 150000],                                  # 5
        [],                                                            # 6
        [None, None, None, None, None, "说明：额度单位为元"],           # 7
        [None, "合 计", None, 150000],                                 # 8
        [None, "王五", "110101199003071234", 1000],                   # 9: no 客户编号, still read
        ["C003", "李四", "110101199003075678", 2000],                 # 10
        ["  ", None, "\u3000"],                                        # 11: blank
    ]
    path = write_xlsx(tmp_path / "主数据.xlsx", {"客户": rows})
    table = read_sheet(path, CUSTOMERS)
    assert table.row_numbers == [2, 4, 9, 10]
    assert [r["name"] for r in table.rows] == ["合计机械有限公司", "张三", "王五", "李四"]
    assert table.skipped == [(5, "合计行（小计）"), (7, "表格各列均为空，只有 F 列有内容"), (8, "合计行（合 计）")]
    assert table.blank_rows == 3
    assert len(rows) - 1 == len(table.rows) + len(table.skipped) + table.blank_rows


def test_totals_label_in_the_key_column_is_skipped(tmp_path):
    path = write_xlsx(tmp_path / "应收款台账.xlsx", {"还款计划": [
        ["合同编号", "期数", "应还日期", "本金", "利息", "应还金额"],
        ["HT-001", 1, JAN5, 900, 100, 1000],
        ["HT-001", 2, dt.date(2026, 2, 5), 910, 90, 1000],
        ["合计", None, None, 1810, 190, 2000],
        ["总计：", None, None, 1810, 190, 2000],
    ]})
    table = read_sheet(path, SCHEDULE)
    assert table.row_numbers == [2, 3]
    assert table.skipped == [(4, "合计行（合计）"), (5, "合计行（总计：）")]


def test_rows_of_excels_subtotal_command_are_skipped(tmp_path):
    # 数据 → 分类汇总 writes "<group> 汇总" under each group and "总计" at the bottom
    path = write_xlsx(tmp_path / "应收款台账.xlsx", {"还款计划": [
        ["合同编号", "期数", "应还日期", "本金", "利息", "应还金额"],
        ["HT-001", 1, JAN5, 900, 100, 1000],
        ["HT-001 汇总", None, None, 900, 100, 1000],
        ["HT-002", 1, JAN5, 450, 50, 500],
        ["HT-002汇总", None, None, 450, 50, 500],
        ["总计", None, None, 1350, 150, 1500],
    ]})
    table = read_sheet(path, SCHEDULE)
    assert table.row_numbers == [2, 4]
    assert table.skipped == [(3, "合计行（HT-001 汇总）"), (5, "合计行（HT-002汇总）"), (6, "合计行（总计）")]
    assert table.problems == []


def test_a_date_serial_typed_as_text_is_read_as_that_date_with_a_hint(tmp_path):
    rows = [["收据号", "收款日期", "合同编号", "收款金额"], ["R1", "46027", "HT-001", 1], ["R2", "４６０２７", "HT-001", 1],
            ["R3", "99999", "HT-001", 1]]
    table = read_sheet(write_xlsx(tmp_path / "应收款台账.xlsx", {"收款记录": rows}), RECEIPTS)
    assert [r["receipt_date"] for r in table.rows] == [JAN5, JAN5, None]
    assert [(p.cell, p.code, p.severity) for p in table.problems] == [
        ("B2", Code.DATE_AS_TEXT_SERIAL, Severity.INFO), ("B3", Code.DATE_AS_TEXT_SERIAL, Severity.INFO),
        ("B4", Code.BAD_DATE, Severity.ERROR)]
    assert "2026-01-05" in table.problems[0].message


# ---- typed values --------------------------------------------------------------------------


def test_every_date_and_amount_form_is_read(tmp_path):
    dates = [JAN5, dt.datetime(2026, 1, 5, 9, 30), 46027, "2026.1.5", "2026-1-5", "2026/1/5", "2026年1月5日",
             "20260105", "２０２６－１－５"]
    amounts = [1234.5, "1,234.50", "¥1234.5", "1234.5元", "１２３４．５", "1234.50", " 1,234.5 元", "￥1,234.50",
               "0.12345万"]
    rows = [["收据号", "收款日期", "合同编号", "收款金额"]]
    rows += [[f"R{n:03d}", d, "HT-001", a] for n, (d, a) in enumerate(zip(dates, amounts, strict=True))]
    path = write_xlsx(tmp_path / "应收款台账.xlsx", {"收款记录": rows})
    table = read_sheet(path, RECEIPTS)
    assert [r["receipt_date"] for r in table.rows] == [JAN5] * 9
    assert [r["amount"] for r in table.rows] == [Decimal("1234.50")] * 9
    assert table.problems == []


def test_rates_choices_yes_no_and_integers_are_read(tmp_path):
    header = ["销售日期", "合同编号", "客户编号", "整机编号", "成交价", "付款方式", "年利率", "是否公证", "分期期数"]
    path = write_xlsx(tmp_path / "销售台账.xlsx", {"销售明细": [
        header,
        [JAN5, "HT-1", "C1", "S1", 1, " 分期 ", 0.06, "√", 36],
        [JAN5, "HT-2", "C2", "S2", 1, "按揭", "6%", "N", "36期"],
        [JAN5, "HT-3", "C3", "S3", 1, "全款", "4.35％", True, "12 期"],
        [JAN5, "HT-4", "C4", "S4", 1, "分期", 6, "yes", 24.0],
    ]})
    table = read_sheet(path, SALES)
    assert [r["payment_type"] for r in table.rows] == ["分期", "按揭", "全款", "分期"]
    assert [r["annual_rate"] for r in table.rows] == [Decimal("0.06"), Decimal("0.06"), Decimal("0.0435"),
                                                      Decimal("0.06")]
    assert [r["notarized"] for r in table.rows] == ["是", "否", "是", "是"]
    assert [r["term_months"] for r in table.rows] == [36, 36, 12, 24]
    [problem] = table.problems
    assert (problem.code, problem.severity, problem.cell, problem.value) == (
        Code.RATE_AS_PERCENT, Severity.WARNING, "G5", "6")


def test_codes_stored_as_numbers_read_as_text_and_long_ids_are_refused(tmp_path):
    path = write_xlsx(tmp_path / "主数据.xlsx", {"客户": [
        ["客户编号", "客户名称", "证件号码", "联系电话"],
        [1001, "张三", "110101199003078888", 13800138000],
        [1002.0, "李四", 110101199003071234, "138 0013 8001"],
        [" c-1003 ", "王五", "ｌｇｂ１２３", None],
    ]})
    table = read_sheet(path, CUSTOMERS)
    assert [r["customer_id"] for r in table.rows] == ["1001", "1002", "C-1003"]
    assert [r["phone"] for r in table.rows] == ["13800138000", "13800138001", None]
    assert [r["id_number"] for r in table.rows] == ["110101199003078888", None, "LGB123"]
    [problem] = table.problems
    assert (problem.code, problem.severity, problem.cell, problem.row, problem.column) == (
        Code.NUMBER_AS_CODE, Severity.ERROR, "C3", 3, "证件号码")
    assert problem.value == "110101199003071000"  # what Excel kept: 15 significant digits


def test_unreadable_values_are_problems_at_their_cells_and_their_rows_are_kept(tmp_path):
    header = ["合同编号", "客户编号", "整机编号", "成交价", "付款方式", "销售日期"]
    rows = [["2026年日销售台帐"], [], header]
    rows += [[f"HT-{n:03d}", "C001", f"SN{n:03d}", 100000, "全款", JAN5] for n in range(1, 15)]
    rows[4][3] = 1234.567          # D5: more than two decimals
    rows[9][3] = "abc"             # D10
    rows[11][4] = "现金"           # E12
    rows[16][5] = "2026-2-30"      # F17
    path = write_xlsx(tmp_path / "销售台账.xlsx", {"日销售台帐": rows}, {"日销售台帐": ["A1:F1"]})
    table = read_sheet(path, SALES)
    assert table.row_numbers == list(range(4, 18))
    found = {p.cell: p for p in table.problems}
    assert sorted(found) == ["D10", "D5", "E12", "F17"]
    bad_date = found["F17"]
    assert (bad_date.book, bad_date.sheet, bad_date.row, bad_date.column) == ("销售台账.xlsx", "日销售台帐", 17, "销售日期")
    assert (bad_date.severity, bad_date.code, bad_date.value) == (Severity.ERROR, Code.BAD_DATE, "2026-2-30")
    assert "销售日期" in bad_date.message and "2026-2-30" in bad_date.message
    assert (found["D5"].code, found["D5"].severity) == (Code.MONEY_PRECISION, Severity.WARNING)
    assert (found["D10"].code, found["D10"].value) == (Code.BAD_MONEY, "abc")
    assert (found["E12"].code, found["E12"].value) == (Code.BAD_CHOICE, "现金")
    assert "全款、分期、按揭" in found["E12"].message
    last = table.rows[-1]
    assert (last["contract_no"], last["sale_date"]) == ("HT-014", None)
    assert table.rows[1]["deal_price"] == Decimal("1234.57")
    assert table.rows[6]["deal_price"] is None


def test_to_frame_has_typed_columns_indexed_by_excel_row(tmp_path):
    path = write_xlsx(tmp_path / "应收款台账.xlsx", {"收款记录": [
        ["收款明细"], ["收据号", "收款日期", "合同编号", "收款金额"],
        ["R001", JAN5, "HT-001", 1234.5], ["R002", "2026.1.6", "HT-001", None]]})
    frame = read_sheet(path, RECEIPTS).to_frame()
    assert list(frame.index) == [3, 4]
    assert str(frame["amount"].dtype) == "Int64"
    assert frame.loc[3, "amount"] == 123450
    assert frame["amount"].isna().tolist() == [False, True]
    assert frame.loc[4, "receipt_date"].date() == dt.date(2026, 1, 6)
    assert frame["method"].isna().all()


# ---- missing sheets and columns ------------------------------------------------------------


def test_missing_required_column_is_a_problem_and_missing_optional_columns_are_none(tmp_path):
    path = write_xlsx(tmp_path / "销售台账.xlsx", {"销售明细": [
        ["2026年销售台账"],
        ["销售日期", "合同编号", "客户编号", "整机编号", "成交价"],
        [JAN5, "HT-001", "C001", "SN001", 1000],
    ]})
    table = read_sheet(path, SALES)
    [problem] = table.problems
    assert (problem.code, problem.severity, problem.column, problem.row) == (
        Code.MISSING_COLUMN, Severity.ERROR, "付款方式", 2)
    assert "付款方式" in problem.message and "第2行" in problem.message
    assert table.rows[0]["branch"] is None and table.rows[0]["payment_type"] is None
    assert set(table.rows[0]) == set(SALES.fields)


def test_missing_sheet_is_a_problem_and_left_out_of_the_book(tmp_path):
    path = write_xlsx(tmp_path / "销售台账.xlsx", {"销售明细": [
        ["销售日期", "合同编号", "客户编号", "整机编号", "成交价", "付款方式"]]})
    table = read_sheet(path, sheet("sales", "stock"))
    [problem] = table.problems
    assert (problem.code, problem.sheet, problem.row, table.rows) == (Code.MISSING_SHEET, "整机库存", None, [])
    data = read_book(path)
    assert list(data.tables) == ["sales"]
    assert codes(data.problems) == [Code.MISSING_SHEET] * (len([s for s in book("sales").sheets if not s.optional]) - 1)


def test_sheet_without_a_header_row(tmp_path):
    path = write_xlsx(tmp_path / "销售台账.xlsx", {"销售明细": [["随便写的"], ["没有表头", 1, 2]]})
    table = read_sheet(path, SALES)
    assert codes(table.problems) == [Code.NO_HEADER]
    assert table.header_row == 0 and table.rows == []


def test_missing_generated_sheet_is_not_a_problem(tmp_path):
    path = write_xlsx(tmp_path / "工资表.xlsx", {
        "考勤": [["月份", "工号", "实出勤天数"], ["2026-01", "E01", 21]],
        "奖扣": [["月份", "工号", "项目", "金额"], ["2026.1", "E01", "奖金", "500元"]]})
    data = read_book(path)
    assert data.problems == []
    assert list(data.tables) == ["attendance", "adjustments"]
    assert data.tables["adjustments"].rows[0]["month"] == "2026-01"


# ---- whole books and folders ---------------------------------------------------------------


def test_read_book_reports_progress_per_sheet(tmp_path):
    path = write_xlsx(tmp_path / "工资表.xlsx", {"考勤": [["月份", "工号"], ["2026-01", "E01"]]})
    calls = []
    read_book(path, progress=lambda done, total, label: calls.append((done, total, label)))
    sheets = book("payroll").sheets  # 考勤, 奖扣, 工资结果, then the sheets added later (工资期初 …)
    assert calls == [(n, len(sheets), f"工资表/{s.name}") for n, s in enumerate(sheets, 1)]
    assert calls[:3] == [(1, len(sheets), "工资表/考勤"), (2, len(sheets), "工资表/奖扣"), (3, len(sheets), "工资表/工资结果")]


def test_read_book_of_some_sheets_only(tmp_path):
    path = write_xlsx(tmp_path / "sales.xlsx", {"销售明细": [
        ["销售日期", "合同编号", "客户编号", "整机编号", "成交价", "付款方式"]]})
    data = read_book(path, sheets=["sales"])
    assert data.spec.key == "sales" and list(data.tables) == ["sales"] and data.problems == []


def params_rows() -> list[list]:
    return [
        ["参数", "值", "说明"],
        ["min_down_payment_ratio", "30%", "首付"],
        ["max_term_months", 24, ""],
        ["grace_days", "五天", ""],
        ["lpr_1y", None, ""],
        ["Callback_Days", 10, ""],
        ["penalty_daily_rate", 0.0005, ""],
        ["aging_buckets", "30,60,90", ""],
        ["no_such_param", 1, ""],
    ]


def test_read_params_types_values_like_their_defaults(tmp_path):
    path = write_xlsx(tmp_path / "主数据.xlsx", {"参数": params_rows()})
    params, problems = read_params(read_book(path))
    assert params["min_down_payment_ratio"] == Decimal("0.30")
    assert params["max_term_months"] == 24 and type(params["max_term_months"]) is int
    assert params["grace_days"] == 3
    assert params["lpr_1y"] == Decimal("0.030")
    assert params["callback_days"] == 10
    assert params["penalty_daily_rate"] == Decimal("0.0005")
    assert params["aging_buckets"] == "30,60,90"
    assert params["long_overdue_days"] == 180
    assert [(p.cell, p.severity, p.code) for p in problems] == [
        ("B4", Severity.ERROR, Code.BAD_PARAM), ("B5", Severity.INFO, Code.BAD_PARAM),
        ("A9", Severity.INFO, Code.BAD_PARAM)]
    assert "grace_days" in problems[0].message and "3" in problems[0].message


def test_read_books_finds_books_by_name_and_reports_missing_and_duplicate_ones(tmp_path):
    write_xlsx(tmp_path / "主数据.xlsx", {"参数": params_rows()})
    sales = write_xlsx(tmp_path / "销售台账.xlsx", {"销售明细": [
        ["销售日期", "合同编号", "客户编号", "整机编号", "成交价", "付款方式"], [JAN5, "HT-1", "C1", "S1", 1, "全款"]]})
    shutil.copy(sales, tmp_path / "销售台账.xlsm")
    (tmp_path / "~$销售台账.xlsx").write_bytes(b"lock")
    (tmp_path / "说明.txt").write_text("无关文件")
    calls = []
    books = read_books(tmp_path, progress=lambda *args: calls.append(args))
    assert list(books) == ["master", "sales", "receivables", "service", "payroll", "finance", "admin"]
    assert [books[k].found for k in books] == [True, True, False, False, False, False, False]
    assert books["finance"].problems == [] and books["admin"].problems == []  # optional books may be absent
    assert books["sales"].path.name == "销售台账.xlsx"
    assert books["sales"].problems[0].code is Code.DUPLICATE_BOOK
    assert "销售台账.xlsm" in books["sales"].problems[0].message
    assert books["sales"].tables["sales"].rows[0]["contract_no"] == "HT-1"
    missing = books["payroll"]
    assert (missing.tables, codes(missing.problems), missing.problems[0].severity) == (
        {}, [Code.MISSING_BOOK], Severity.WARNING)
    sheets = len(book("master").sheets) + len(book("sales").sheets)
    assert calls[-1][:2] == (sheets, sheets) and len(calls) == sheets


def test_read_books_of_a_missing_folder(tmp_path):
    with pytest.raises(BookError, match="找不到台账文件夹"):
        read_books(tmp_path / "nowhere")


# ---- other file formats and unusable files -------------------------------------------------


def small_receipts(path: Path) -> Path:
    return write_xlsx(path, {"收款记录": [
        ["2026年收款记录"], ["收据号", "收款日期", "合同编号", "收款金额", "收款方式"],
        ["R001", JAN5, "HT-001", 1234.5, "转账"], ["R002", "2026/1/6", 1002, "2,000元", "现金"]]},
        {"收款记录": ["A1:E1"]})


def assert_small_receipts(table):
    assert table.header_row == 2
    assert table.row_numbers == [3, 4]
    assert [(r["receipt_no"], r["receipt_date"], r["contract_no"], r["amount"], r["method"]) for r in table.rows] == [
        ("R001", JAN5, "HT-001", Decimal("1234.50"), "转账"),
        ("R002", dt.date(2026, 1, 6), "1002", Decimal("2000.00"), "现金")]


@pytest.mark.libreoffice
def test_xls_file_is_read(tmp_path, libreoffice):
    xls = libreoffice(small_receipts(tmp_path / "应收款台账.xlsx"), "xls", tmp_path / "old")
    assert_small_receipts(read_sheet(xls, RECEIPTS))


@pytest.mark.libreoffice
def test_xls_saved_under_an_xlsx_name_is_read_by_its_content(tmp_path, libreoffice):
    xls = libreoffice(small_receipts(tmp_path / "应收款台账.xlsx"), "xls", tmp_path / "old")
    renamed = xls.rename(tmp_path / "old" / "应收款台账.xlsx")
    assert_small_receipts(read_sheet(renamed, RECEIPTS))


def assert_book_error(path: Path, fragment: str):
    with pytest.raises(BookError) as caught:
        read_book(path, book("receivables"))
    message = str(caught.value)
    assert message.startswith(f"无法打开 {path.name}：")
    assert fragment in message
    assert "\n" not in message


def test_encrypted_workbook(tmp_path):
    plain = small_receipts(tmp_path / "plain.xlsx")
    encrypted = tmp_path / "应收款台账.xlsx"
    with plain.open("rb") as source, encrypted.open("wb") as target:
        OOXMLFile(source).encrypt("secret", target)
    assert_book_error(encrypted, "文件已加密，请在 Excel 中取消密码后再试")


def test_corrupt_zip(tmp_path):
    whole = small_receipts(tmp_path / "whole.xlsx").read_bytes()
    broken = tmp_path / "应收款台账.xlsx"
    broken.write_bytes(whole[: len(whole) // 2])
    assert_book_error(broken, "已损坏")


def test_damaged_sheet_inside_a_readable_workbook(tmp_path):
    whole = write_xlsx(tmp_path / "whole.xlsx", {
        "还款计划": [["合同编号", "应还日期", "应还金额"], ["HT-001", JAN5, 1000]],
        "收款记录": [["收据号", "收款日期", "合同编号", "收款金额"], ["R001", JAN5, "HT-001", 1000]]})
    damaged = tmp_path / "应收款台账.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(damaged, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, data[: len(data) // 2] if name == "xl/worksheets/sheet2.xml" else data)
    with pytest.raises(BookError, match="无法打开 应收款台账.xlsx：工作表「收款记录」已损坏"):
        read_book(damaged)


def test_text_file_renamed_xlsx(tmp_path):
    path = tmp_path / "应收款台账.xlsx"
    path.write_text("收据号,金额\nR001,100\n", encoding="utf-8")
    assert_book_error(path, "不是 Excel 工作簿")


def test_missing_file(tmp_path):
    assert_book_error(tmp_path / "应收款台账.xlsx", "文件不存在")


def test_empty_file(tmp_path):
    path = tmp_path / "应收款台账.xlsx"
    path.write_bytes(b"")
    assert_book_error(path, "文件是空的")


def test_folder_named_like_a_book(tmp_path):
    (tmp_path / "应收款台账.xlsx").mkdir()
    assert_book_error(tmp_path / "应收款台账.xlsx", "文件夹")


def test_csv_is_not_a_workbook(tmp_path):
    path = tmp_path / "应收款台账.csv"
    path.write_text("a,b\n", encoding="utf-8")
    assert_book_error(path, "不是 Excel 工作簿")


def test_file_not_named_like_a_book_needs_a_spec(tmp_path):
    path = small_receipts(tmp_path / "收款2026.xlsx")
    with pytest.raises(BookError, match="收款2026.xlsx"):
        read_book(path)
    assert_small_receipts(read_book(path, book("receivables"), ["receipts"]).tables["receipts"])


@pytest.mark.parametrize("index, letters", [(0, "A"), (5, "F"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA"),
                                            (16383, "XFD")])
def test_column_letter(index, letters):
    assert column_letter(index) == letters
