"""The one writer of generated workbooks: font, widths from content, print setup."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import openpyxl

from dealer_xl.io.report_writer import (
    FONT,
    MAX_WIDTH,
    MONEY,
    cn_date,
    finish,
    new_workbook,
    page_header,
    text_width,
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


def written(tmp_path, headers, rows, formats=None, title="测试报表", as_of=date(2026, 10, 31)):
    wb = new_workbook()
    ws = wb.active
    ws.title = "明细"
    last = write_table(ws, headers, rows, formats)
    write_row(ws, last + 1, ["合计", *([None] * (len(headers) - 1))], {}, bold=True)
    path = save_new(finish(wb, title, as_of), tmp_path / "报表.xlsx")
    return openpyxl.load_workbook(path)["明细"]


def test_widths_follow_the_formatted_content_with_a_maximum_and_wrap(tmp_path):
    long_text = "长" * 60                                   # 120 wide: capped, wrapped
    ws = written(tmp_path, ["客户名称", "金额", "说明"], [["新疆鑫达建筑工程有限公司", Decimal("1234567.89"), long_text]],
                 {"金额": MONEY})
    assert ws.column_dimensions["A"].width == 2 * 12 + 2      # 12 CJK characters
    assert ws.column_dimensions["B"].width == len("1,234,567.89") + 2
    assert ws.column_dimensions["C"].width == MAX_WIDTH and ws["C2"].alignment.wrap_text


def test_every_cell_uses_one_font_family_bold_totals_included(tmp_path):
    ws = written(tmp_path, ["客户名称", "金额"], [["甲", Decimal("1.00")]], {"金额": MONEY})
    fonts = {ws.cell(r, c).font.name for r in range(1, 4) for c in (1, 2)}
    assert fonts == {FONT} and ws["A1"].font.b and ws["A3"].font.b


def test_print_setup_a4_one_page_wide_header_repeated_title_date_and_page_numbers(tmp_path):
    narrow = written(tmp_path, ["客户名称", "金额"], [["甲", 1]])
    assert int(narrow.page_setup.paperSize) == 9 and narrow.page_setup.orientation == "portrait"
    assert narrow.sheet_properties.pageSetUpPr.fitToPage and narrow.page_setup.fitToWidth == 1
    assert narrow.page_setup.fitToHeight == 0 and narrow.print_title_rows == "$1:$1"
    assert narrow.oddHeader.center.text == "测试报表　2026年10月31日"
    assert narrow.oddFooter.center.text == "第 &P 页 共 &N 页" and narrow.print_options.gridLines
    wide = written(tmp_path, [f"很长的列标题{i:02d}" for i in range(12)], [["某某某某某某某某某"] * 12])
    assert wide.page_setup.orientation == "landscape"
