"""``payroll tax``: the tax client's import workbook, read back from the real file — sheet names,
header cells and their order, 证件类型, text IDs — and 专项附加扣除 cumulated from its sheet by the
rule docs/工资.md states. Expected layouts are typed here from the issue and the client's template,
not taken from the code; figures are worked by hand in the comments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from dealer_xl.actions.payroll.special_deductions import special_deductions
from dealer_xl.actions.payroll.tax_import import write_tax
from dealer_xl.cli import main
from dealer_xl.ledger import Ledger
from dealer_xl.problems import Code
from dealer_xl.schema.params import defaults
from tests.checks.builders import books, table

from .payroll_books import ID1, ID2, ID3, append, company, run_months

# the 24 columns, in the client's order
CLIENT_COLUMNS = ["工号", "*姓名", "*证件类型", "*证件号码", "本期收入", "本期免税收入", "基本养老保险费", "基本医疗保险费",
                  "失业保险费", "住房公积金", "累计子女教育", "累计继续教育", "累计住房贷款利息", "累计住房租金", "累计赡养老人",
                  "累计3岁以下婴幼儿照护", "累计个人养老金", "企业(职业)年金", "商业健康保险", "税延养老保险", "其他",
                  "准予扣除的捐赠额", "减免税额", "备注"]
BONUS_COLUMNS = ["工号", "*姓名", "*证件类型", "*证件号码", "*全年一次性奖金额", "免税收入", "其他", "准予扣除的捐赠额",
                 "减免税额", "备注"]


@pytest.fixture(scope="module")
def march(tmp_path_factory) -> Path:
    folder = company(tmp_path_factory.mktemp("tax"))
    append(folder / "工资表.xlsx", "专项附加扣除", [
        {"工号": "E1", "月份": "2026-01", "子女教育": 2000, "赡养老人": 1500},
        {"工号": "E1", "月份": "2026-03", "子女教育": 2000},  # 赡养老人 ends in March
        {"工号": "E3", "月份": "2026-01", "住房租金": 1500}])  # declared before E3's hire on 2026-03-10
    # a hire within the month is paid by attendance (DOMAIN §5): 16 of the 22 working days from 03-10
    append(folder / "工资表.xlsx", "考勤", [{"月份": "2026-03", "工号": "E3", "应出勤天数": 22, "实出勤天数": 16}])
    run_months(folder, "2026-01", "2026-02", "2026-03")
    write_tax(folder, "2026-03")
    return folder


def _book(folder: Path, month: str = "2026-03"):
    return openpyxl.load_workbook(folder / "报表" / f"个税申报_{month}.xlsx")


def test_the_workbook_has_the_clients_sheets_and_header_rows(march):
    wb = _book(march)
    assert wb.sheetnames == ["正常工资薪金收入", "全年一次性奖金收入", "人员信息采集", "核对（本公司计算）", "填表说明"]
    assert [c.value for c in wb["正常工资薪金收入"][1]] == CLIENT_COLUMNS
    assert [c.value for c in wb["全年一次性奖金收入"][1]] == BONUS_COLUMNS
    person = [c.value for c in wb["人员信息采集"][1]]
    assert len(person) == 51 and person[:7] == ["工号", "*姓名", "*证件类型", "*证件号码", "*国籍(地区)", "*性别", "*出生日期"]
    assert person[12:14] == ["任职受雇从业日期", "离职日期"] and person[-1] == "职务"


def test_ids_are_text_shown_whole_and_the_id_type_is_spelled_as_the_client_does(march):
    ws = _book(march)["正常工资薪金收入"]
    e1 = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "E1")
    assert e1[3].value == ID1 and e1[3].data_type == "s" and e1[3].number_format == "@"
    assert e1[2].value == "居民身份证" and e1[0].number_format == "@"
    assert ws.column_dimensions["D"].width >= 20  # 18 digits never shown as 1.1E+17 or cut


def test_cumulative_special_deductions_by_kind_and_blank_without_a_declaration(march):
    ws = _book(march)["正常工资薪金收入"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    # E1: 本期收入 10,000; 养老 800, 医疗 200, 失业 50, 公积金 700; 子女教育 2,000 × 3 months = 6,000,
    # 赡养老人 1,500 × 2 (January, February) = 3,000
    assert rows["E1"][4:17] == (10000, 0, 800, 200, 50, 700, 6000, 0, 0, 0, 3000, 0, 0)
    assert rows["E1"][17:] == (None,) * 7  # nothing we don't know put under 年金, 捐赠 …
    # E3 hired in March: 住房租金 1,500 for one month employed
    assert rows["E3"][10:17] == (0, 0, 0, 1500, 0, 0, 0)
    # E2 has no row on the sheet: the client uses its own downloaded declarations
    assert rows["E2"][10:17] == (None,) * 7


def test_a_hire_of_the_month_is_in_person_information(march):
    ws = _book(march)["人员信息采集"]
    headers = [c.value for c in ws[1]]
    (row,) = [dict(zip(headers, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]
    # ID3 = 410102 19950812 004x: born 1995-08-12, 17th digit 4 is even → 女
    assert (row["工号"], row["*姓名"], row["*证件号码"], row["*性别"], row["*出生日期"]) == \
        ("E3", "丙", ID3, "女", "1995-08-12")
    assert (row["*国籍(地区)"], row["*任职受雇从业类型"], row["任职受雇从业日期"], row["离职日期"], row["职务"]) == \
        ("中国", "雇员", "2026-03-10", None, "业务员")


def test_json_records_and_the_check_sheet(march, capsys):
    assert main(["payroll", "tax", str(march), "--month", "2026-03", "--format", "json"]) == 0
    import json
    records = {r["employee_id"]: r for r in json.loads(capsys.readouterr().out)}
    assert records["E1"]["cum_special_deduction"] == 9000.00 and records["E2"]["cum_special_deduction"] is None
    check = {r[0]: r for r in _book(march)["核对（本公司计算）"].iter_rows(min_row=2, values_only=True)}
    assert check["E1"][4] == 9000 and check["E1"][8] == "专项附加扣除表"


def test_an_id_validation_calls_wrong_keeps_that_employee_out_and_says_where(tmp_path):
    folder = company(tmp_path)
    wb = openpyxl.load_workbook(folder / "主数据.xlsx")
    ws = wb["员工"]
    headers = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, headers.index("工号") + 1).value == "E2")
    ws.cell(row, headers.index("身份证号") + 1, ID2[:-1] + ("0" if ID2[-1] != "0" else "1"))  # wrong check char
    wb.save(folder / "主数据.xlsx")
    run_months(folder, "2026-01")
    result = write_tax(folder, "2026-01")
    assert [r["employee_id"] for r in result.records()] == ["E1"]
    assert any(p.sheet == "员工" and p.cell.endswith(str(row)) for p in result.problems)
    assert main(["payroll", "tax", str(folder), "--month", "2026-01"]) == 1


def _ledger(*tables) -> Ledger:
    people = table("master", "employees", {"emp_id": "E1", "name": "甲", "hire_date": date(2020, 1, 1)},
                   {"emp_id": "E2", "name": "乙", "hire_date": date(2026, 2, 1)})
    return Ledger(Path("."), books(people, *tables), defaults(), [], date(2026, 6, 30))


def test_a_row_holds_until_the_next_and_january_starts_over():
    rows = table("payroll", "special_deductions",
                 {"emp_id": "E1", "month": "2025-11", "child_education": D(2000)},  # last year: not carried
                 {"emp_id": "E1", "month": "2026-02", "elderly_support": D(3000)},
                 {"emp_id": "E2", "month": "2026-01", "housing_rent": D(1500)})
    found = special_deductions(_ledger(rows), "2026-03")
    e1, e2 = found.by_employee["E1"], found.by_employee["E2"]
    # E1: nothing in January, 3,000 in February and March; E2 hired in February: two months of 1,500
    assert (e1.cumulative["child_education"], e1.cumulative["elderly_support"], e1.cumulative_total) == (0, 6000, 6000)
    assert e1.monthly_total == 3000 and e2.cumulative_total == 3000
    assert "E1" not in special_deductions(_ledger(rows), "2026-01").by_employee  # no row of 2026 yet


def test_no_sheet_or_no_row_this_year_gives_none_and_two_rows_a_month_are_an_error():
    assert special_deductions(_ledger(), "2026-03") is None
    old = table("payroll", "special_deductions", {"emp_id": "E1", "month": "2025-11", "child_education": D(2000)})
    assert special_deductions(_ledger(old), "2026-03") is None
    twice = table("payroll", "special_deductions", {"emp_id": "E1", "month": "2026-01", "child_education": D(2000)},
                  {"emp_id": "E1", "month": "2026-01", "child_education": D(1000)})
    found = special_deductions(_ledger(twice), "2026-03")
    assert found.refused == {"E1"} and "E1" not in found.by_employee
    assert [(str(p.code), p.cell) for p in found.problems] == [(str(Code.DUPLICATE), "B3")]
