"""The one writer of generated workbooks: font, widths from content, print setup."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from dealer_xl.io.generated import Formula
from dealer_xl.io.report_writer import (
    FONT,
    MAX_WIDTH,
    MONEY,
    cn_date,
    finish,
    new_workbook,
    page_header,
    text_width,
    write_grouped,
    write_row,
    write_table,
)
from dealer_xl.io.writer import save_new


def test_cjk_characters_count_double():
    assert text_width("合同编号") == 8 and text_width("HT-1") == 4 and text_width("客户A") == 5


def test_page_header_names_the_date_once_in_chinese():
    assert page_header("账龄分析", date(2026, 10, 31)) == "账龄分析　2026年10月31日"
    assert page_header("催收工作清单 2026-10-31", date(2026, 10, 31)) == "催收工作清单 2026年10月31日"
    assert page_header("问题清单", None) == "问题清单"


def test_chinese_date():
    assert cn_date(date(2026, 10, 31)) == "2026年10月31日" and cn_date(date(2026, 1, 5)) == "2026年1月5日"


@pytest.fixture(params=[False, True], ids=["openpyxl", "xlsxwriter"])
def fast(request):
    """Both backends of the writer must give the same workbook."""
    return request.param


def written(tmp_path, headers, rows, formats=None, title="测试报表", as_of=date(2026, 10, 31), fast=False):
    wb = new_workbook(fast=fast)
    ws = wb.active
    ws.title = "明细"
    last = write_table(ws, headers, rows, formats)
    write_row(ws, last + 1, ["合计", *([None] * (len(headers) - 1))], {}, bold=True)
    path = save_new(finish(wb, title, as_of), tmp_path / "报表.xlsx")
    return openpyxl.load_workbook(path)["明细"]


def test_widths_follow_the_formatted_content_with_a_maximum_and_wrap(tmp_path, fast):
    long_text = "长" * 60                                   # 120 wide: capped, wrapped
    ws = written(tmp_path, ["客户名称", "金额", "说明"], [["新疆鑫达建筑工程有限公司", Decimal("1234567.89"), long_text]],
                 {"金额": MONEY})
    assert ws.column_dimensions["A"].width == 2 * 12 + 2      # 12 CJK characters
    assert ws.column_dimensions["B"].width == len("1,234,567.89") + 2
    assert ws.column_dimensions["C"].width == MAX_WIDTH and ws["C2"].alignment.wrap_text


def test_every_cell_uses_one_font_family_bold_totals_included(tmp_path, fast):
    ws = written(tmp_path, ["客户名称", "金额"], [["甲", Decimal("1.00")]], {"金额": MONEY}, fast=fast)
    fonts = {ws.cell(r, c).font.name for r in range(1, 4) for c in (1, 2)}
    assert fonts == {FONT} and ws["A1"].font.b and ws["A3"].font.b


def test_print_setup_a4_one_page_wide_header_repeated_title_date_and_page_numbers(tmp_path, fast):
    narrow = written(tmp_path, ["客户名称", "金额"], [["甲", 1]], fast=fast)
    assert int(narrow.page_setup.paperSize) == 9 and narrow.page_setup.orientation == "portrait"
    # fitToWidth 1 is the OOXML default, which XlsxWriter leaves out (openpyxl then reads None)
    assert narrow.sheet_properties.pageSetUpPr.fitToPage and (narrow.page_setup.fitToWidth or 1) == 1
    assert narrow.page_setup.fitToHeight == 0 and narrow.print_title_rows == "$1:$1"
    assert narrow.oddHeader.center.text == "测试报表　2026年10月31日"
    assert narrow.oddFooter.center.text == "第 &P 页 共 &N 页" and narrow.print_options.gridLines
    wide = written(tmp_path, [f"很长的列标题{i:02d}" for i in range(12)], [["某某某某某某某某某"] * 12], fast=fast)
    assert wide.page_setup.orientation == "landscape"


def test_grouped_sheet_has_outline_levels_subtotals_with_their_results_and_a_frozen_filtered_header(tmp_path, fast):
    wb = new_workbook(fast=fast)
    ws = wb.active
    ws.title = "按片区"
    groups = [("东区", [["东区", "HT-1", Decimal("100.10")], ["东区", "HT-2", Decimal("0.20")]]),
              ("西区", [["西区", "HT-3", Decimal("50.00")]])]
    total_row = write_grouped(ws, ["片区", "合同编号", "应收余额"], groups, ["应收余额"], {"应收余额": MONEY})
    path = save_new(finish(wb, "账龄分析", date(2026, 10, 31)), tmp_path / "分组.xlsx")
    sheet = openpyxl.load_workbook(path)["按片区"]
    assert total_row == 7 and sheet.freeze_panes == "A2"
    assert [sheet.cell(r, 1).value for r in range(1, 8)] == ["片区", "东区", "东区", "东区 小计", "西区", "西区 小计", "总计"]
    assert [sheet.row_dimensions[r].outlineLevel for r in range(2, 8)] == [1, 1, 0, 1, 0, 0]
    assert sheet["C4"].value == "=SUBTOTAL(9,C2:C3)" and sheet["C7"].value == "=SUBTOTAL(9,C2:C6)"
    assert sheet["C2"].number_format == MONEY and sheet["C4"].font.b and sheet["A1"].fill.fgColor.rgb.endswith("DDEBF7")
    if fast:  # XlsxWriter stores each result: 100.10 + 0.20, 50.00, and the total without the 小计 rows
        values = openpyxl.load_workbook(path, data_only=True)["按片区"]
        assert (values["C4"].value, values["C6"].value, values["C7"].value) == (pytest.approx(100.3), 50, pytest.approx(150.3))


def test_a_grouped_sheet_without_groups_says_so_and_totals_zero(tmp_path, fast):
    wb = new_workbook(fast=fast)
    ws = wb.active
    ws.title = "按片区"
    assert write_grouped(ws, ["片区", "合同编号", "应收余额"], [], ["应收余额"], {"应收余额": MONEY}) == 3
    path = save_new(finish(wb, "账龄分析", date(2026, 7, 31)), tmp_path / "空.xlsx")
    sheet = openpyxl.load_workbook(path)["按片区"]
    assert [sheet.cell(r, 1).value for r in (2, 3)] == ["（无数据）", "总计"]
    assert sheet["C3"].value == "=SUBTOTAL(9,C2:C2)"


def test_text_that_looks_like_a_formula_stays_text_and_a_given_result_is_stored(tmp_path, fast):
    wb = new_workbook(fast=fast)
    ws = wb.active
    ws.title = "明细"
    last = write_table(ws, ["客户名称", "金额"], [["=HYPERLINK(1)", Decimal("2.50")], ["-某公司", Decimal("1.00")]],
                       {"金额": MONEY})
    write_row(ws, last + 1, ["核对", Formula("=ROUND(B2-B3,2)", 1.5)], {2: MONEY}, bold=True)
    path = save_new(finish(wb, "测试", None), tmp_path / "文本.xlsx")
    sheet = openpyxl.load_workbook(path)["明细"]
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == "=HYPERLINK(1)" and sheet["A3"].value == "-某公司"
    assert sheet["B4"].value == "=ROUND(B2-B3,2)" and sheet.auto_filter.ref == "A1:B3"
    if fast:
        assert openpyxl.load_workbook(path, data_only=True)["明细"]["B4"].value == 1.5
