"""``payroll run`` and its hand-on files: who is paid, bad input at its cell, month order, what is
written into 工资结果, the bank file's checks. Figures are worked by hand in the comments."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from dealer_xl.actions.payroll.history import MissingMonth
from dealer_xl.actions.payroll.outputs import write_bank, write_tax
from dealer_xl.actions.payroll.run import RESULT_FIELDS, compute_month, run_payroll
from dealer_xl.cli import main
from dealer_xl.io.templates import init_books
from dealer_xl.ledger import Ledger
from dealer_xl.ledger.period import PeriodClosed
from dealer_xl.problems import Code
from dealer_xl.schema import sheet
from dealer_xl.schema.params import defaults
from tests.checks.builders import books, table

TODAY = date(2026, 10, 31)


def emp(emp_id, name, base=10000, hired=date(2020, 5, 1), left=None, dept="财务部", **kw):
    return {"emp_id": emp_id, "name": name, "dept": dept, "hire_date": hired, "leave_date": left,
            "base_salary": None if base is None else D(base), "allowance": D(0), "si_base": D(kw.pop("si", 10000)),
            "hf_base": D(10000), "hf_rate": D("0.07"), "special_deduction": D(0), **kw}


def stored(month, emp_id, gross, insurance, iit, cum_income, cum_taxable):
    """A 工资结果 row with what cumulation needs (三险一金 all put under pension)."""
    return {"month": month, "emp_id": emp_id, "gross": D(gross), "pension": D(insurance), "iit": D(iit),
            "cum_income": D(cum_income), "cum_taxable": D(cum_taxable), "net": D(gross) - D(insurance) - D(iit)}


def ledger_of(employees, attendance=(), adjustments=(), results=(), sales=(), param_rows=(), **params):
    tables = [table("master", "employees", *employees), table("payroll", "attendance", *attendance),
              table("payroll", "adjustments", *adjustments), table("payroll", "results", *results),
              table("sales", "sales", *sales), table("master", "params", *param_rows)]
    return Ledger(Path("."), books(*tables), {**defaults(), **params}, [], TODAY)


def cell(sheet_key, book, field, row):
    from openpyxl.utils import get_column_letter
    return f"{get_column_letter(sheet(book, sheet_key).fields.index(field) + 1)}{row}"


def test_leaver_is_paid_in_the_last_month_and_a_hire_from_the_first():
    # March 2026 has 22 working days. E1 leaves on the 15th after 10 days, E2 joins on the 20th and
    # works 8; their base is prorated by 实出勤天数 / 应出勤天数 (DOMAIN §5).
    people = [emp("E1", "甲", left=date(2026, 3, 15)), emp("E2", "乙", hired=date(2026, 3, 20))]
    # E1's January and February: 10,000 − 5,000 − 1,750 = 3,250 a month, 97.50 tax each
    earlier = [stored("2026-01", "E1", 10000, 1750, "97.50", 10000, 3250),
               stored("2026-02", "E1", 10000, 1750, "97.50", 20000, 6500)]
    attendance = [{"month": "2026-03", "emp_id": "E1", "required_days": D(22), "worked_days": D(10)},
                  {"month": "2026-03", "emp_id": "E2", "required_days": D(22), "worked_days": D(8)}]
    march = compute_month(ledger_of(people, attendance, results=earlier), "2026-03")
    assert [x.emp_id for x in march.lines] == ["E1", "E2"]
    e1, e2 = march.lines
    # E1: 10,000 × 10 / 22 = 4,545.4545 → 4,545.45; cumulative 24,545.45 − 15,000 − 5,250 = 4,295.45
    #     × 3% = 128.86 < 195 withheld → 0; net 4,545.45 − 1,750 = 2,795.45
    assert (e1.base, e1.gross, e1.cum_taxable, e1.iit, e1.net) == \
        (D("4545.45"), D("4545.45"), D("4295.45"), D(0), D("2795.45"))
    # E2: 10,000 × 8 / 22 = 3,636.36; month 1 of 5,000: 3,636.36 − 5,000 − 1,750 = −3,113.64 → no tax
    assert (e2.base, e2.cum_income, e2.cum_taxable, e2.iit) == (D("3636.36"), D("3636.36"), D("-3113.64"), D(0))
    march_rows = [{f: getattr(x, f) for f in RESULT_FIELDS} for x in march.lines]
    april = compute_month(ledger_of(people, results=earlier + march_rows), "2026-04")
    assert [x.emp_id for x in april.lines] == ["E2"]
    # E2's April is a full month: 13,636.36 − 10,000 − 3,500 = 136.36 × 3% = 4.0908 → 4.09
    assert (april.lines[0].base, april.lines[0].iit) == (D(10000), D("4.09"))


def test_a_missing_earlier_month_refuses_that_employee_naming_it():
    people = [emp("E1", "甲"), emp("E2", "乙", hired=date(2026, 3, 1))]
    run = compute_month(ledger_of(people, results=[stored("2026-01", "E1", 10000, 1750, "97.50", 10000, 3250)]),
                        "2026-03")
    ((problem,),) = [ps for _, ps in run.months[0].refused.values()]
    assert list(run.months[0].refused) == ["E1"] and problem.code == Code.MISSING_PAY_MONTH
    assert "缺少 2026-02" in problem.message and problem.sheet == "工资结果"
    assert [x.emp_id for x in run.lines] == ["E2"] and run.errors  # hired in March: nothing earlier needed


def test_nobody_computable_for_want_of_an_earlier_month_is_one_line():
    january = [stored("2026-01", "E1", 10000, 1750, "97.50", 10000, 3250)]
    with pytest.raises(MissingMonth, match="缺少 2026-02（甲）：请按月份顺序先计算 2026-02"):
        compute_month(ledger_of([emp("E1", "甲")], results=january), "2026-03")


def test_bad_input_is_a_problem_at_its_cell():
    people = [emp("E1", "甲", base=None), emp("E2", "乙", left=date(2026, 1, 31))]
    attendance = [{"month": "2026-03", "emp_id": "E2", "required_days": D(22)}]
    run = compute_month(ledger_of(people, attendance=attendance, results=[
        stored("2026-01", "E1", 1, 0, 0, 1, -4999), stored("2026-02", "E1", 1, 0, 0, 2, -9998)]), "2026-03")
    got = sorted((str(p.code), p.sheet, p.cell) for p in run.problems if p.severity == "错误")
    assert got == sorted([(str(Code.REQUIRED), "员工", cell("employees", "master", "base_salary", 2)),
                          (str(Code.INACTIVE_EMPLOYEE), "考勤", cell("attendance", "payroll", "emp_id", 2))])
    assert run.errors


def test_an_unknown_bonus_tax_method_is_an_error_not_a_guess():
    rows = [{"key": "annual_bonus_tax_method", "value": "分开计税"}]
    run = compute_month(ledger_of([emp("E1", "甲")], param_rows=rows), "2026-01")
    assert [(str(p.code), p.cell) for p in run.problems] == [(str(Code.BAD_PARAM), "B2")] and run.errors
    assert run.lines == []  # a payroll 参数 stops everyone


def test_salesperson_commission_and_attendance_enter_gross():
    people = [emp("E1", "王强", base=4350, dept="销售部")]
    attendance = [{"month": "2026-01", "emp_id": "E1", "required_days": D(21), "unpaid_leave_days": D(2),
                   "overtime_hours": D(10)}]
    adjustments = [{"month": "2026-01", "emp_id": "E1", "item": "补贴", "amount": D(300), "taxable": "否"},
                   {"month": "2026-01", "emp_id": "E1", "item": "扣款", "amount": D(-100), "taxable": "是"}]
    sales = [{"contract_no": "HT1", "sale_date": date(2026, 1, 8), "payment_type": "全款", "deal_price": D(200000),
              "down_payment": D(200000), "salesperson": "王强", "approval": "已批"}]
    (line,) = compute_month(ledger_of(people, attendance, adjustments, sales=sales), "2026-01").lines
    # commission 200,000 × 0.5% = 1,000; absence 4,350 ÷ 21 × 2 = 414.29; overtime 10 × 25 × 1.5 = 375
    # gross = 4,350 + 1,000 + 375 − 100 − 414.29 = 5,210.71; 300 non-taxable added after tax
    assert (line.commission, line.absence_deduction, line.overtime_pay, line.bonus, line.gross) == \
        (D(1000), D("414.29"), D(375), D(-100), D("5210.71"))
    # 三险一金 on 10,000: 1,750; cum taxable 5,210.71 − 5,000 − 1,750 < 0 → no tax; net 5,210.71 − 1,750 + 300
    assert (line.iit, line.net) == (D(0), D("3760.71"))


# --- real files ------------------------------------------------------------------------------

def _append(path: Path, sheet_name: str, rows: list[dict]) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet_name]
    headers = [c.value for c in ws[1]]
    for row in rows:
        ws.append([row.get(h) for h in headers])
    wb.save(path)


@pytest.fixture
def folder(tmp_path):
    init_books(tmp_path)
    _append(tmp_path / "主数据.xlsx", "员工", [
        {"工号": "E1", "姓名": "甲", "部门": "财务部", "入职日期": date(2020, 1, 1), "基本工资": 10000,
         "岗位津贴": 0, "社保基数": 10000, "公积金基数": 10000, "公积金比例": 0.07, "银行账号": "6222021234567890123",
         "身份证号": "11010519491231002X"},
        {"工号": "E2", "姓名": "乙", "部门": "销售部", "入职日期": date(2020, 1, 1), "基本工资": 6000,
         "社保基数": 6000, "银行账号": "6222021234567890"}])
    return tmp_path


def _results(folder: Path) -> list[tuple]:
    ws = openpyxl.load_workbook(folder / "工资表.xlsx")["工资结果"]
    return [r[:2] + (r[17], r[18]) for r in ws.iter_rows(min_row=2, values_only=True) if r[0]]


def test_run_writes_only_its_month_and_keeps_the_others(folder):
    run_payroll(folder, "2026-01", today=TODAY)
    run_payroll(folder, "2026-02", today=TODAY)
    run_payroll(folder, "2026-01", today=TODAY)  # again: January replaced, February kept
    # E1: 10,000 − 5,000 − 1,750 = 3,250 → 97.50; net 10,000 − 1,750 − 97.50 = 8,152.50 (both months)
    # E2: 6,000 on the floor base 7,460: 596.80 + 149.20 + 37.30 = 783.30, no fund;
    #     6,000 − 5,000 − 783.30 = 216.70 × 3% = 6.50; net 6,000 − 783.30 − 6.50 = 5,210.20
    assert sorted(_results(folder)) == [("2026-01", "E1", 97.5, 8152.5), ("2026-01", "E2", 6.5, 5210.2),
                                        ("2026-02", "E1", 97.5, 8152.5), ("2026-02", "E2", 6.5, 5210.2)]


def test_json_has_the_result_fields_and_the_issue_keys(folder, capsys):
    assert main(["payroll", "run", str(folder), "--month", "2026-01", "--dry-run", "--format", "json"]) == 0
    text = capsys.readouterr().out
    records = json.loads(text)
    keys = [*RESULT_FIELDS, "employee_id", "refused", "cumulative_income_fen", "cumulative_tax_fen", "tax_fen"]
    assert [list(r) for r in records] == [keys] * 2 and len(RESULT_FIELDS) == 19
    assert '"net": 8152.50' in text and '"iit": 97.50' in text
    # E1 in January: income 10,000.00 = 1,000,000 fen; tax 97.50 = 9,750 fen, all of it this year's
    assert (records[0]["employee_id"], records[0]["refused"], records[0]["cumulative_income_fen"],
            records[0]["cumulative_tax_fen"], records[0]["tax_fen"]) == ("E1", False, 1000000, 9750, 9750)
    assert _results(folder) == []  # dry run wrote nothing


def test_closed_month_writes_nothing_and_a_row_of_nobody_is_listed(folder, capsys):
    with pytest.raises(PeriodClosed):
        run_payroll(folder, "2026-01", today=TODAY, led=_closed(folder))
    assert _results(folder) == [] and not (folder / "备份").exists()  # the safe writer never ran
    _append(folder / "工资表.xlsx", "考勤", [{"月份": "2026-01", "工号": "E9"}])
    assert main(["payroll", "run", str(folder), "--month", "2026-01", "--write"]) == 1
    out = capsys.readouterr().out
    assert "考勤 / B3" in out and "E9" in out  # listed with its cell (openpyxl appends under the styled row 2)
    assert len(_results(folder)) == 2  # E1 and E2 computed and written
    with pytest.raises(SystemExit) as bad:
        main(["payroll", "run", str(folder), "--month", "2026-13"])
    assert bad.value.code == 2


def _closed(folder):
    from dealer_xl import ledger
    led = ledger.load(folder, today=TODAY)
    led.params["closed_through"] = "2026-03"
    return led


def test_bank_file_control_total_and_account_check(folder):
    run_payroll(folder, "2026-01", today=TODAY)
    result = write_bank(folder, "2026-01")
    # 8,152.50 + 5,210.20 = 13,362.70 in 2 transfers
    assert "总笔数 2，总金额 13362.70" in result.summary()[0]
    lines = (folder / "报表" / "代发工资_2026-01_generic.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "序号,收款人账号,收款人姓名,金额,用途" and lines[1] == "1,6222021234567890123,甲,8152.50,工资"
    (folder / "代发工资.toml").write_text('purpose = "代发工资"\ncolumns = [{field = "name", header = "户名"}, '
                                          '{field = "account", header = "账号"}, {field = "amount", header = "金额"}]\n',
                                          encoding="utf-8")
    write_bank(folder, "2026-01")
    assert (folder / "报表" / "代发工资_2026-01_generic.csv").read_text(encoding="utf-8-sig").splitlines()[:2] == \
        ["户名,账号,金额", "甲,6222021234567890123,8152.50"]
    _set_account(folder, "6222-0212")
    refused = write_bank(folder, "2026-01")
    assert refused.problems and "16–19 位数字" in refused.problems[0].message


def _set_account(folder, value):
    wb = openpyxl.load_workbook(folder / "主数据.xlsx")
    ws = wb["员工"]
    headers = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, headers.index("工号") + 1).value == "E1")
    ws.cell(row=row, column=headers.index("银行账号") + 1, value=value)
    wb.save(folder / "主数据.xlsx")


def test_tax_list_has_the_clients_columns_and_unmasked_id(folder):
    run_payroll(folder, "2026-01", today=TODAY)
    write_tax(folder, "2026-01")
    ws = openpyxl.load_workbook(folder / "报表" / "个税申报_2026-01.xlsx")["正常工资薪金收入"]
    header = [c.value for c in ws[1]]
    assert header[:10] == ["工号", "*姓名", "*证件类型", "*证件号码", "本期收入", "本期免税收入", "基本养老保险费",
                           "基本医疗保险费", "失业保险费", "住房公积金"]
    first = [c.value for c in ws[2]]
    # E1: 本期收入 10,000; 养老 800, 医疗 200, 失业 50, 公积金 700
    assert first[:10] == ["E1", "甲", "居民身份证", "11010519491231002X", 10000, 0, 800, 200, 50, 700]


JOBS = """
books = "{books}"
outbox = "{out}/发件箱"
state = "{out}/发送记录"
sender = "经销商助手 <payroll@example.com>"
[smtp]
host = ""
[[jobs]]
name = "工资汇总"
produces = "payroll_pack"
when = "monthly 5 09:00"
recipients = [{{ address = "财务 <cfo@example.com>" }}]
"""


def _jobs_file(folder: Path, out: Path) -> Path:
    path = out / "jobs.toml"
    out.mkdir(exist_ok=True)
    path.write_text(JOBS.format(books=folder.as_posix(), out=out.as_posix()), encoding="utf-8")
    return path


def test_payslips_are_masked_and_mailed_only_to_the_address_on_file(folder, tmp_path):
    from email import message_from_bytes, policy

    from dealer_xl.actions.payroll.outputs import write_slips

    wb = openpyxl.load_workbook(folder / "主数据.xlsx")
    ws = wb["员工"]
    headers = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "E1")
    ws.cell(row, headers.index("电子邮箱") + 1, "jia@example.com")
    wb.save(folder / "主数据.xlsx")
    run_payroll(folder, "2026-01", today=TODAY)
    out = tmp_path / "out"
    from dealer_xl.jobs.config import load_config

    result = write_slips(folder, "2026-01", config=load_config(_jobs_file(folder, out), books=folder))
    text = "\n".join(str(c.value) for r in openpyxl.load_workbook(result.paths[0])["工资条"].iter_rows() for c in r)
    assert "110105********002X" in text and "11010519491231002X" not in text and "****0123" in text
    assert len(list((folder / "报表" / "工资条_2026-01").glob("*.pdf"))) == 2
    (eml,) = (out / "发件箱").glob("*.eml")  # 乙 has no address: no mail
    msg = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert [a.addr_spec for a in msg["To"].addresses] == ["jia@example.com"]
    assert [a.get_filename() for a in msg.iter_attachments()] == ["E1_甲.pdf"]


def test_payroll_pack_job_reaches_only_its_recipients_with_department_totals(folder, tmp_path):
    from email import message_from_bytes, policy

    from dealer_xl.jobs.config import load_config
    from dealer_xl.jobs.runner import run_job

    run_payroll(folder, "2026-01", today=TODAY)
    config = load_config(_jobs_file(folder, tmp_path / "out"), env={})
    run = run_job(config, config.jobs[0], date(2026, 1, 31), sleep=lambda _: None)
    assert [d.status for d in run.deliveries] == ["outbox"]
    (eml,) = (tmp_path / "out" / "发件箱").glob("*.eml")
    msg = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert [a.addr_spec for a in msg["To"].addresses] == ["cfo@example.com"]
    (attachment,) = msg.iter_attachments()
    path = tmp_path / "pack.xlsx"
    path.write_bytes(attachment.get_content())
    rows = list(openpyxl.load_workbook(path)["按部门"].iter_rows(min_row=2, values_only=True))
    # 财务部 甲: gross 10,000, net 8,152.50; 销售部 乙: gross 6,000, net 5,210.20; 合计 16,000 / 13,362.70
    assert [(r[0], r[1], r[2], r[6]) for r in rows] == [("财务部", 1, 10000, 8152.5), ("销售部", 1, 6000, 5210.2),
                                                        ("合计", 2, 16000, 13362.7)]


def test_a_folder_without_the_books_exits_2_naming_the_file(tmp_path, capsys):
    assert main(["payroll", "run", str(tmp_path), "--month", "2026-01", "--write"]) == 2
    assert "没有找到 主数据.xlsx" in capsys.readouterr().err
