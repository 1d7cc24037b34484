"""``payroll opening``: the tax client's 累计 export into 工资期初, and the rules for 工资期初 rows.

The export is written here the way 自然人电子税务局（扣缴端）exports 综合所得 正常工资薪金所得 (the columns
and their order as docs/工资.md cites them: 工号 · 姓名 · 证件类型 · 证件号码 · 税款所属期起 · 税款所属期止 ·
所得项目 · 本期… · 累计收入额 … 累计已预缴税额 · 累计应补(退)税额 · 备注), a title row above the header,
``*`` markers and full-width brackets. The company is the one of tests/test_first_day_payroll.py.
June's line of each employee (the figures are that module's, split the way the client splits them):

- 累计已预缴税额 is what was withheld through May, 累计应扣缴税额 through June, 应补 the difference:
  E01 monthly taxable 2,250 → May 11,250 × 3% = 337.50, June 405, 应补 67.50;
  E02 17,750 a month → May 88,750 × 10% − 2,520 = 6,355, June 8,130, 应补 1,775;
  E03 1,760 a month from March → May 5,280 × 3% = 158.40, June 211.20, 应补 52.80;
  E04 32,907.05 a month → May 164,535.25 × 20% − 16,920 = 15,987.05, June 22,568.46, 应补 6,581.41;
  E05 3,280 a month → May 16,400 × 3% = 492, June 590.40, 应补 98.40.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D

import openpyxl
import pytest

from dealer_xl.cli import main
from tests.test_first_day_payroll import EMPLOYEES, JULY, OPENING, put, set_param

HEADER = ["工号", "*姓名", "*证件类型", "*证件号码", "税款所属期起", "税款所属期止", "所得项目", "本期收入", "本期费用",
          "本期免税收入", "本期基本养老保险费", "本期基本医疗保险费", "本期失业保险费", "本期住房公积金", "本期企业(职业)年金",
          "本期商业健康保险费", "本期税延养老保险费", "本期其他扣除(其他)", "累计收入额", "累计免税收入", "累计减除费用",
          "累计专项扣除", "累计子女教育支出扣除", "累计继续教育支出扣除", "累计住房贷款利息支出扣除", "累计住房租金支出扣除",
          "累计赡养老人支出扣除", "累计3岁以下婴幼儿照护支出扣除", "累计个人养老金", "累计其他扣除", "累计准予扣除的捐赠",
          "累计应纳税所得额", "税率", "速算扣除数", "累计应纳税额", "累计减免税额", "累计应扣缴税额", "累计已预缴税额",
          "累计应补（退）税额", "备注"]
# 工号: (子女教育, 住房贷款利息, 住房租金, 赡养老人, 其他扣除, 个人养老金, 累计应纳税所得额, 应扣缴, 已预缴)
SPLIT = {"E01": (0, 6000, 0, 0, 0, 0, 13500, 405, "337.50"),
         "E02": (12000, 0, 0, 0, 0, 0, 106500, 8130, 6355),
         "E03": (0, 0, 0, 0, 0, 0, 7040, "211.20", "158.40"),
         "E04": (0, 0, 0, 18000, 600, 600, "197442.30", "22568.46", "15987.05"),
         "E05": (0, 0, 9000, 0, 0, 0, 19680, "590.40", 492)}


def export_row(emp: str, item: str = "正常工资薪金") -> list:
    _, income, free, exemption, insurance, _, _, _ = next(o for o in OPENING if o[0] == emp)
    children, mortgage, rent, elderly, other, pension, taxable, due, prepaid = SPLIT[emp]
    name = next(e["姓名"] for e in EMPLOYEES if e["工号"] == emp)
    values = {"工号": emp, "*姓名": name, "*证件类型": "居民身份证", "*证件号码": "", "税款所属期起": date(2026, 6, 1),
              "税款所属期止": date(2026, 6, 30), "所得项目": item, "累计收入额": income, "累计免税收入": free,
              "累计减除费用": exemption, "累计专项扣除": D(str(insurance)), "累计子女教育支出扣除": children,
              "累计住房贷款利息支出扣除": mortgage, "累计住房租金支出扣除": rent, "累计赡养老人支出扣除": elderly,
              "累计个人养老金": pension, "累计其他扣除": other, "累计准予扣除的捐赠": 0, "累计应纳税所得额": D(str(taxable)),
              "累计减免税额": 0, "累计应扣缴税额": D(str(due)), "累计已预缴税额": D(str(prepaid)),
              "累计应补（退）税额": D(str(due)) - D(str(prepaid))}
    return [values.get(h) for h in HEADER]


@pytest.fixture
def office(tmp_path):
    folder = tmp_path / "公司"
    assert main(["init", str(folder)]) == 0
    set_param(folder, "go_live", "2026-07-01")
    wb = openpyxl.load_workbook(folder / "主数据.xlsx")
    put(wb["员工"], EMPLOYEES)
    wb.save(folder / "主数据.xlsx")
    wb = openpyxl.load_workbook(folder / "工资表.xlsx")
    put(wb["考勤"], JULY)
    wb.save(folder / "工资表.xlsx")
    return folder


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "正常工资薪金所得_202606.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "正常工资薪金所得"
    ws.append(["综合所得申报 正常工资薪金所得 税款所属期：2026-06-01 至 2026-06-30"])
    ws.append(HEADER)
    for emp in ("E01", "E02", "E03", "E04", "E05"):
        ws.append(export_row(emp))
    ws.append(export_row("E02", "全年一次性奖金收入"))  # another 所得项目: not wages, ignored
    stranger = export_row("E01")
    stranger[0], stranger[1] = "X99", "陌生人"
    ws.append(stranger)
    wb.save(path)
    return path


def opening_rows(folder):
    ws = openpyxl.load_workbook(folder / "工资表.xlsx")["工资期初"]
    return sorted(tuple(r) for r in ws.iter_rows(min_row=2, values_only=True) if r[0])


def test_export_preview_writes_nothing_and_names_the_row_it_refuses(office, export, capsys):
    assert main(["payroll", "opening", str(office), "--from", str(export)]) == 1
    out = capsys.readouterr().out
    assert "5 人的累计数可导入" in out and "预览：未写入" in out
    assert "正常工资薪金所得_202606.xlsx / 正常工资薪金所得 / B9" in out and "陌生人" in out  # row 9, 姓名
    assert opening_rows(office) == []


def test_export_is_written_into_the_opening_and_july_follows(office, export, capsys):
    assert main(["payroll", "opening", str(office), "--from", str(export), "--write", "--format", "json"]) == 1
    records = json.loads(capsys.readouterr().out)
    assert [(r["employee_id"], r["through"], r["cumulative_tax_fen"]) for r in records] == \
        [("E01", "2026-06", 40500), ("E02", "2026-06", 813000), ("E03", "2026-06", 21120),
         ("E04", "2026-06", 2256846), ("E05", "2026-06", 59040)]
    # the rows typed by hand in tests/test_first_day_payroll.py: special = the client's deduction
    # columns added up (E04: 赡养老人 18,000), other = 其他扣除 600 + 个人养老金 600 = 1,200
    expected = sorted((emp, 2026, "2026-06", *(float(D(str(v))) for v in rest)) for emp, *rest in OPENING)
    assert opening_rows(office) == expected
    assert main(["payroll", "run", str(office), "--month", "2026-07", "--write", "--format", "json"]) == 0
    taxes = {r["employee_id"]: r["tax_fen"] for r in json.loads(capsys.readouterr().out)}
    assert taxes == {"E01": 8819, "E02": 177500, "E03": 5280, "E04": 672141, "E05": 0}  # as typed by hand


def test_importing_again_replaces_the_year_row(office, export, capsys):
    assert main(["payroll", "opening", str(office), "--from", str(export), "--write"]) == 1
    assert main(["payroll", "opening", str(office), "--from", str(export), "--write"]) == 1
    assert "替换原有行" in capsys.readouterr().out
    assert len(opening_rows(office)) == 5


def test_a_line_whose_figures_miss_a_deduction_column_is_refused(office, tmp_path, capsys):
    path = tmp_path / "导出.xlsx"
    wb = openpyxl.Workbook()
    header = [h for h in HEADER if h != "累计赡养老人支出扣除"]  # a column dealer_xl would not see
    wb.active.append(header)
    row = dict(zip(HEADER, export_row("E04"), strict=True))
    wb.active.append([row[h] for h in header])
    wb.save(path)
    assert main(["payroll", "opening", str(office), "--from", str(path), "--write"]) == 1
    out = capsys.readouterr().out
    # 300,000 − 3,000 − 30,000 − 50,357.70 − 1,200 = 215,442.30 ≠ 197,442.30 shown: not imported
    assert "215,442.30" in out and "197,442.30" in out and opening_rows(office) == []


def test_opening_after_go_live_is_refused(office, export, capsys):
    set_param(office, "go_live", "2026-06-01")
    assert main(["payroll", "opening", str(office), "--from", str(export), "--write"]) == 1
    assert "不早于上线月份 2026-06" in capsys.readouterr().out and opening_rows(office) == []
