"""First day in an office, payroll half (#22): a company made by ``dealer-xl init`` goes live on
2026-07-01 with five employees whose 累计 figures through June are typed into 工资期初; July's
payroll continues cumulative withholding from them. Every figure is worked by hand below.

参数: 减除费用 5,000 a month; pension 8%, medical 2%, unemployment 0.5% on si_base clamped to
7,460–37,302; housing fund on hf_base clamped to 2,690–37,302 × the employee's rate.

| 工号 | 入职 | 基本工资 | 社保/公积金基数 | 公积金 | 专项附加 | 三险一金 a month |
|---|---|---|---|---|---|---|
| E01 | 2020-05-01 | 10,000 | 10,000 | 7% | 1,000 | 800 + 200 + 50 + 700 = 1,750 |
| E02 | 2019-03-01 | 30,000 | 30,000 | 7% | 2,000 | 2,400 + 600 + 150 + 2,100 = 5,250 |
| E03 | 2026-03-01 | 8,000 | 8,000 | 5% | 0 | 640 + 160 + 40 + 400 = 1,240 |
| E04 | 2015-08-01 | 50,000 | 50,000 → 37,302 | 12% | 3,000 | 2,984.16 + 746.04 + 186.51 + 4,476.24 = 8,392.95 |
| E05 | 2024-01-01, leaves 2026-07-15 | 12,000 | 12,000 | 8% | 1,500 | 960 + 240 + 60 + 960 = 2,220 |

工资期初 through 2026-06 (累计应纳税所得额 → 累计已预扣税额 by 预扣率表一):

- E01: 60,000 − 30,000 − 10,500 − 6,000 = 13,500 × 3% = 405.00
- E02: 180,000 − 30,000 − 31,500 − 12,000 = 106,500 × 10% − 2,520 = 8,130.00
- E03 (March–June, 4 months): 32,000 − 20,000 − 4,960 = 7,040 × 3% = 211.20
- E04: 300,000 − 3,000 免税 − 30,000 − 50,357.70 − 18,000 − 1,200 其他 = 197,442.30 × 20% − 16,920 = 22,568.46
- E05: 72,000 − 30,000 − 13,320 − 9,000 = 19,680 × 3% = 590.40
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from dealer_xl.cli import main

EMPLOYEES = [
    {"工号": "E01", "姓名": "赵一", "部门": "财务部", "入职日期": date(2020, 5, 1), "基本工资": 10000, "社保基数": 10000,
     "公积金基数": 10000, "公积金比例": 0.07, "专项附加扣除(月)": 1000},
    {"工号": "E02", "姓名": "钱二", "部门": "销售部", "入职日期": date(2019, 3, 1), "基本工资": 30000, "社保基数": 30000,
     "公积金基数": 30000, "公积金比例": 0.07, "专项附加扣除(月)": 2000},
    {"工号": "E03", "姓名": "孙三", "部门": "综合管理部", "入职日期": date(2026, 3, 1), "基本工资": 8000, "社保基数": 8000,
     "公积金基数": 8000, "公积金比例": 0.05},
    {"工号": "E04", "姓名": "李四", "部门": "总经办", "入职日期": date(2015, 8, 1), "基本工资": 50000, "社保基数": 50000,
     "公积金基数": 50000, "公积金比例": 0.12, "专项附加扣除(月)": 3000},
    {"工号": "E05", "姓名": "周五", "部门": "售后服务部", "入职日期": date(2024, 1, 1), "离职日期": date(2026, 7, 15),
     "基本工资": 12000, "社保基数": 12000, "公积金基数": 12000, "公积金比例": 0.08, "专项附加扣除(月)": 1500},
]
OPENING = [  # 工号, 累计收入, 免税, 减除费用, 专项扣除, 专项附加, 其他, 已预扣税额 — through 2026-06
    ("E01", 60000, 0, 30000, 10500, 6000, 0, 405),
    ("E02", 180000, 0, 30000, 31500, 12000, 0, 8130),
    ("E03", 32000, 0, 20000, 4960, 0, 0, "211.20"),
    ("E04", 300000, 3000, 30000, "50357.70", 18000, 1200, "22568.46"),
    ("E05", 72000, 0, 30000, 13320, 9000, 0, "590.40"),
]
# July 2026 has 23 working days; E01 works 8 hours overtime, E05 leaves on the 15th after 11 days.
JULY = [{"月份": "2026-07", "工号": emp, "应出勤天数": 23, "实出勤天数": 11 if emp == "E05" else 23,
         "加班小时": 8 if emp == "E01" else 0} for emp, *_ in OPENING]


def put(ws, rows: list[dict]) -> None:
    """Type ``rows`` under the header of ``ws`` from row 2, by header name."""
    headers = [c.value for c in ws[1]]
    for n, row in enumerate(rows, 2):
        for header, value in row.items():
            ws.cell(row=n, column=headers.index(header) + 1, value=value)


def set_param(folder: Path, key: str, value: str) -> None:
    wb = openpyxl.load_workbook(folder / "主数据.xlsx")
    ws = wb["参数"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == key)
    row[1].value = value
    wb.save(folder / "主数据.xlsx")


@pytest.fixture
def office(tmp_path) -> Path:
    folder = tmp_path / "公司"
    assert main(["init", str(folder)]) == 0
    set_param(folder, "go_live", "2026-07-01")
    wb = openpyxl.load_workbook(folder / "主数据.xlsx")
    put(wb["员工"], EMPLOYEES)
    wb.save(folder / "主数据.xlsx")
    wb = openpyxl.load_workbook(folder / "工资表.xlsx")
    put(wb["工资期初"], [{"工号": emp, "年度": 2026, "截至月份": "2026-06", "累计收入": D(str(income)),
                        "累计免税收入": D(str(free)), "累计减除费用": D(str(exemption)), "累计专项扣除": D(str(insurance)),
                        "累计专项附加扣除": D(str(special)), "累计其他扣除": D(str(other)), "累计已预扣税额": D(str(withheld))}
                       for emp, income, free, exemption, insurance, special, other, withheld in OPENING])
    put(wb["考勤"], JULY)
    wb.save(folder / "工资表.xlsx")
    return folder


def test_july_tax_continues_from_the_opening_rows(office, capsys):
    assert main(["payroll", "run", str(office), "--month", "2026-07", "--write", "--format", "json"]) == 0
    got = {r["employee_id"]: r for r in json.loads(capsys.readouterr().out)}
    # E01: overtime 8 × 10,000 ÷ 21.75 ÷ 8 × 1.5 = 689.655 → 689.66; gross 10,689.66
    #      cumulative 70,689.66 − (30,000 + 10,500 + 6,000 + 5,000 + 1,750 + 1,000 = 54,250) = 16,439.66
    #      × 3% = 493.19 − 405 = 88.19
    # E02: 210,000 − (30,000 + 31,500 + 12,000 + 5,000 + 5,250 + 2,000 = 85,750) = 124,250
    #      × 10% − 2,520 = 9,905 − 8,130 = 1,775.00
    # E03: 40,000 − (20,000 + 4,960 + 5,000 + 1,240 = 31,200) = 8,800 × 3% = 264 − 211.20 = 52.80
    # E04: 350,000 − (3,000 + 30,000 + 50,357.70 + 18,000 + 1,200 + 5,000 + 8,392.95 + 3,000 = 118,950.65)
    #      = 231,049.35 × 20% − 16,920 = 29,289.87 − 22,568.46 = 6,721.41
    # E05: base 12,000 × 11 ÷ 23 = 5,739.13; 77,739.13 − (30,000 + 13,320 + 9,000 + 5,000 + 2,220 + 1,500
    #      = 61,040) = 16,699.13 × 3% = 500.97 < 590.40 withheld → 0 (no refund during the year)
    assert {emp: r["tax_fen"] for emp, r in got.items()} == \
        {"E01": 8819, "E02": 177500, "E03": 5280, "E04": 672141, "E05": 0}
    assert sum(r["tax_fen"] for r in got.values()) == 863740  # July's tax: 8,637.40
    assert (got["E05"]["base"], got["E05"]["net"]) == (5739.13, 3519.13)  # 5,739.13 − 2,220 − 0
    # withheld through July = the opening's 累计已预扣税额 + July's tax; income includes the opening's
    assert (got["E02"]["cumulative_income_fen"], got["E02"]["cumulative_tax_fen"]) == (21000000, 990500)
    assert (got["E05"]["cumulative_income_fen"], got["E05"]["cumulative_tax_fen"]) == (7773913, 59040)
    assert all(r["refused"] is False for r in got.values())
    ws = openpyxl.load_workbook(office / "工资表.xlsx")["工资结果"]
    assert sorted((r[0], r[1], r[17]) for r in ws.iter_rows(min_row=2, values_only=True) if r[0]) == \
        [("2026-07", "E01", 88.19), ("2026-07", "E02", 1775), ("2026-07", "E03", 52.8), ("2026-07", "E04", 6721.41),
         ("2026-07", "E05", 0)]


def test_august_continues_from_july_and_the_opening(office, capsys):
    # E02 in August: 240,000 − (85,750 + 12,250) = 142,000 × 10% − 2,520 = 11,680 − 9,905 = 1,775.00
    assert main(["payroll", "run", str(office), "--from", "2026-07", "--to", "2026-08", "--write",
                 "--format", "json"]) == 0
    august = {r["employee_id"]: r for r in json.loads(capsys.readouterr().out) if r["month"] == "2026-08"}
    assert sorted(august) == ["E01", "E02", "E03", "E04"]  # E05 left in July
    assert august["E02"]["tax_fen"] == 177500 and august["E02"]["cumulative_tax_fen"] == 1168000


def test_the_first_month_is_the_go_live_month(office, capsys):
    assert main(["payroll", "run", str(office), "--month", "2026-06", "--write"]) == 2
    assert "早于上线月份 2026-07" in capsys.readouterr().err


def test_an_employee_there_before_go_live_needs_an_opening_row(office, capsys):
    wb = openpyxl.load_workbook(office / "工资表.xlsx")
    wb["工资期初"].delete_rows(4)  # E03's row
    wb.save(office / "工资表.xlsx")
    assert main(["payroll", "run", str(office), "--month", "2026-07", "--write", "--format", "json"]) == 1
    got = {r["employee_id"]: r for r in json.loads(capsys.readouterr().out)}
    assert got["E03"]["refused"] is True and [p["code"] for p in got["E03"]["problems"]] == ["opening_missing"]
    assert "工资期初" in got["E03"]["problems"][0]["message"] and "2026-06" in got["E03"]["problems"][0]["message"]
    assert got["E02"]["tax_fen"] == 177500  # the others are computed as before
