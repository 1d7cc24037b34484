"""``payroll bank --bank …``: each bank's upload file read back from disk (columns, encoding, amount
and date formats), ``代发工资.toml`` overriding a profile, the signed control sheet with whole account
numbers, and the refusals that keep wrong money out (a negative 实发 is named, never dropped).

January, hand-worked (see payroll_books): 甲 10,000 − 1,750 − 97.50 = 8,152.50; 乙 6,000 − 783.30 −
(6,000 − 5,000 − 783.30 = 216.70 × 3 % = 6.50) = 5,210.20; together 13,362.70 in 2 transfers."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from dealer_xl import ledger
from dealer_xl.actions.payroll.bank_file import write_bank
from dealer_xl.cli import main
from dealer_xl.problems import BookError

from .payroll_books import ACCOUNT1, ACCOUNT2, TODAY, append, company, run_months

ICBC_COLUMNS = ["币种", "日期", "明细标志", "顺序号", "付款账号开户行", "付款账号/卡号", "付款账号名称/卡名称", "收款账号开户行",
                "收款账号省份", "收款账号地市", "收款账号地区码", "收款账号", "收款账号名称", "金额", "汇款用途", "备注信息",
                "汇款方式", "收款账户短信通知手机号码", "自定义序号"]
SELLER = "郑州恒通工程机械销售有限公司"


@pytest.fixture
def january(tmp_path) -> Path:
    folder = company(tmp_path, seller=SELLER)
    run_months(folder, "2026-01")
    return folder


def _rows(path: Path) -> list[list]:
    return [list(r) for r in openpyxl.load_workbook(path).active.iter_rows(values_only=True)]


def test_icbc_file_has_the_batch_payment_columns_and_text_accounts(january):
    result = write_bank(january, "2026-01", bank="icbc", led=ledger.load(january, today=TODAY))  # 日期 = the day it is made
    path = january / "报表" / "代发工资_2026-01_icbc.xlsx"
    assert result.paths[0] == path
    rows = _rows(path)
    assert rows[0] == ICBC_COLUMNS
    first = dict(zip(ICBC_COLUMNS, rows[1], strict=True))
    assert (first["币种"], first["日期"], first["顺序号"], first["收款账号"], first["收款账号名称"], first["金额"]) == \
        ("RMB", "20261031", 1, ACCOUNT1, "甲", "8152.50")
    assert (first["付款账号名称/卡名称"], first["汇款用途"], first["自定义序号"]) == (SELLER, "工资", "E1")
    assert openpyxl.load_workbook(path).active["L2"].data_type == "s"  # 19 digits as text
    assert "总笔数 2，总金额 13362.70" in result.summary()[0]


def test_abc_file_is_gbk_text_and_generic_is_utf8(january):
    write_bank(january, "2026-01", bank="abc")
    raw = (january / "报表" / "代发工资_2026-01_abc.csv").read_bytes()
    assert raw.decode("gbk").splitlines() == ["账号,户名,金额,备注", f"{ACCOUNT1},甲,8152.50,2026-01工资",
                                              f"{ACCOUNT2},乙,5210.20,2026-01工资"]
    write_bank(january, "2026-01")  # no bank named, no config: generic
    text = (january / "报表" / "代发工资_2026-01_generic.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[:2] == ["序号,收款人账号,收款人姓名,金额,用途", f"1,{ACCOUNT1},甲,8152.50,工资"]


def test_the_toml_beside_the_books_overrides_a_profile(january):
    (january / "代发工资.toml").write_text(
        'bank = "ccb"\n[ccb]\ntitle_rows = [["总笔数", "{count}", "总金额", "{total}"]]\n'
        'columns = [{field = "name", header = "户名"}, {field = "account", header = "账号"}, '
        '{field = "amount", header = "金额"}, {field = "province", header = "省份"}]\n'
        'values = {province = "河南省"}\n', encoding="utf-8")
    write_bank(january, "2026-01")
    rows = _rows(january / "报表" / "代发工资_2026-01_ccb.xlsx")
    assert rows[:3] == [["总笔数", "2", "总金额", "13362.70"], ["户名", "账号", "金额", "省份"],
                        ["甲", ACCOUNT1, 8152.5, "河南省"]]
    (january / "代发工资.toml").write_text('[ccb]\ncolumns = [{field = "salary", header = "工资"}]\n', encoding="utf-8")
    with pytest.raises(BookError, match="未知字段 'salary'"):
        write_bank(january, "2026-01", bank="ccb")


def test_control_sheet_lists_whole_accounts_and_the_total(january):
    write_bank(january, "2026-01", bank="icbc")
    ws = openpyxl.load_workbook(january / "报表" / "代发工资_2026-01_icbc_核对单.xlsx").active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1] == ("序号", "工号", "姓名", "收款账号", "金额")
    assert rows[2] == (1, "E1", "甲", ACCOUNT1, 8152.5) and ws["D3"].data_type == "s"
    assert rows[4][0] == "合计 2 笔" and rows[4][4] == pytest.approx(13362.70)
    assert ws.column_dimensions["D"].width >= 21  # 19 digits never cut on paper


def test_a_negative_net_refuses_the_file_naming_the_employee(january, capsys):
    # 乙 loses 9,000 (taxable 扣款): gross 6,000 − 9,000 = −3,000; net −3,000 − 783.30 = −3,783.30
    append(january / "工资表.xlsx", "奖扣", [{"月份": "2026-01", "工号": "E2", "项目": "扣款", "金额": -9000,
                                             "是否计税": "是", "备注": "赔偿"}])
    run_months(january, "2026-01")
    assert main(["payroll", "bank", str(january), "--month", "2026-01", "--bank", "icbc"]) == 1
    out = capsys.readouterr().out
    assert "乙（E2）2026-01 实发工资为负（-3,783.30），不能代发" in out and "工资结果" in out
    assert not list((january / "报表").glob("代发工资_*"))  # nothing written, not a file without 乙


def test_a_bad_account_refuses_the_whole_file(january):
    wb = openpyxl.load_workbook(january / "主数据.xlsx")
    ws = wb["员工"]
    headers = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, headers.index("工号") + 1).value == "E1")
    ws.cell(row, headers.index("银行账号") + 1, "6222-0212")
    wb.save(january / "主数据.xlsx")
    result = write_bank(january, "2026-01", bank="psbc")
    assert result.problems and not result.paths
    assert any("16–19 位数字" in p.message for p in result.problems)


def test_json_records(january, capsys):
    assert main(["payroll", "bank", str(january), "--month", "2026-01", "--bank", "boc", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records == [{"seq": 1, "employee_id": "E1", "name": "甲", "account": ACCOUNT1, "amount": 8152.50, "bank": "boc"},
                       {"seq": 2, "employee_id": "E2", "name": "乙", "account": ACCOUNT2, "amount": 5210.20, "bank": "boc"}]
