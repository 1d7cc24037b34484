"""Payslips and the payroll summary as a clerk prints them: blocks that add up on paper, the equation
应发 + 不计税 − 扣款 = 实发, the employer's name, 累计应纳税所得额 never negative, PDFs stamped from one
form with an embedded Simplified-Chinese subset, and every printed sheet at ≥ 7 pt after fitting
(LibreOffice converts the workbooks; pdftotext measures the text).

乙 in January, hand-worked: 2 days of unpaid leave of 21 → 6,000 ÷ 21 × 2 = 571.43; 应发 5,428.57;
三险 783.30 (floor base 7,460); 累计应纳税所得额 5,428.57 − 5,000 − 783.30 = −354.73 → no tax, shown 0.00;
不计税 300.00 (交通补贴); 实发 5,428.57 + 300.00 − 783.30 = 4,945.27.
"""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from dealer_xl.actions.payroll.outputs import write_bank, write_slips, write_summary, write_tax
from dealer_xl.documents.pdf_form import find_font
from dealer_xl.documents.rendering import soffice
from dealer_xl.io.legible import printed_points
from dealer_xl.problems import BookError
from tests.actions.payroll_books import append, company, run_months

SELLER = "郑州恒通工程机械销售有限公司"
EQUATION = "应发工资 5,428.57 ＋ 不计税合计 300.00 － 扣款合计 783.30 ＝ 实发工资 4,945.27"


def _has_font() -> bool:
    try:
        find_font()
    except BookError:
        return False
    return True


@pytest.fixture(scope="module")
def january(tmp_path_factory) -> Path:
    folder = company(tmp_path_factory.mktemp("slips"), seller=SELLER)
    append(folder / "工资表.xlsx", "考勤", [{"月份": "2026-01", "工号": "E2", "应出勤天数": 21, "实出勤天数": 19,
                                           "事假天数": 2}])
    append(folder / "工资表.xlsx", "奖扣", [{"月份": "2026-01", "工号": "E2", "项目": "补贴", "金额": 300,
                                           "是否计税": "否", "备注": "交通补贴"}])
    run_months(folder, "2026-01")
    return folder


@pytest.mark.skipif(not _has_font(), reason="需要中文字体（fonts-noto-cjk）")
def test_each_block_adds_up_and_the_slip_states_the_equation(january):
    result = write_slips(january, "2026-01")
    ws = openpyxl.load_workbook(result.paths[0])["工资条"]
    cells = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value is not None}
    top = next(r for (r, col), v in cells.items() if col == 1 and isinstance(v, str) and "乙（E2）" in v)
    assert cells[(top, 1)].startswith(SELLER)
    pay = [cells.get((top + 2, c), 0) for c in range(2, 8)]
    assert pay == [6000, 0, 0, 0, 0, -571.43] and cells[(top + 2, 8)] == 5428.57
    deductions = [cells.get((top + 4, c), 0) for c in range(2, 7)]
    assert deductions == [596.80, 149.20, 37.30, 0, 0] and cells[(top + 4, 8)] == 783.30
    assert cells[(top + 5, 8)] == 300 and cells[(top + 6, 1)] == EQUATION
    assert "累计应纳税所得额 0.00" in cells[(top + 7, 1)]


@pytest.mark.skipif(not _has_font() or shutil.which("pdftotext") is None, reason="需要中文字体和 pdftotext")
def test_the_pdf_is_real_text_in_an_embedded_chinese_face(january):
    result = write_slips(january, "2026-01")
    (pdf,) = [Path(r["pdf"]) for r in result.records() if r["employee_id"] == "E2"]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert SELLER in text and "".join(EQUATION.split()) in "".join(text.split())
    assert "累计应纳税所得额 0.00" in text and "-571.43" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    line = fonts.splitlines()[2]
    assert "+" in line.split()[0] and " yes yes yes " in f" {' '.join(line.split()[-5:-2])} "  # emb sub uni
    first = pdf.read_bytes()
    write_slips(january, "2026-01")
    assert pdf.read_bytes() == first  # the same slip gives the same bytes


def test_the_summary_adds_across(january):
    result = write_summary(january, "2026-01")
    rows = {r["dept"]: r for r in result.records()}
    sales = rows["销售部"]
    assert (sales["gross"], sales["insurance"], sales["iit"], sales["non_taxable"], sales["net"]) == \
        (D("5428.57"), D("783.30"), D(0), D(300), D("4945.27"))
    for r in result.records():
        assert r["gross"] - r["insurance"] - r["iit"] + r["non_taxable"] == r["net"], r["dept"]
    ws = openpyxl.load_workbook(result.paths[0])["按部门"]
    assert [c.value for c in ws[1]][5] == "不计税项目"


def test_every_printed_sheet_fits_at_seven_points_or_more(january):
    write_tax(january, "2026-01")
    write_bank(january, "2026-01", bank="icbc")
    write_summary(january, "2026-01")
    reports = january / "报表"
    for name in ("个税申报_2026-01.xlsx", "代发工资_2026-01_icbc_核对单.xlsx", "工资汇总_2026-01.xlsx"):
        for ws in openpyxl.load_workbook(reports / name).worksheets:
            assert printed_points(ws) >= 7, (name, ws.title)


@pytest.mark.libreoffice
@pytest.mark.skipif(soffice() is None or shutil.which("pdftotext") is None, reason="需要 LibreOffice 和 pdftotext")
def test_libreoffice_prints_the_tax_workbook_at_seven_points_or_more(january, tmp_path):
    write_tax(january, "2026-01")
    source = january / "报表" / "个税申报_2026-01.xlsx"
    subprocess.run([soffice(), "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   capture_output=True, check=True, timeout=240)
    bbox = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(tmp_path / "个税申报_2026-01.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    heights = [float(w.split('yMax="')[1].split('"')[0]) - float(w.split('yMin="')[1].split('"')[0])
               for w in bbox.split("<word ")[1:] if ">E1<" in w or ">8152.50<" in w]
    assert heights and min(heights) >= 7  # the body's digits, as printed on the A3 page
