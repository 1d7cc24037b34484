"""``vouchers``: the month's 记账凭证 of a small company written into real books, checked against amounts
worked out by hand here, and the exact layouts of the 金蝶 (.xls) and 用友 (.txt) import files."""

import json
import subprocess
import sys
from datetime import date
from decimal import Decimal as D

import pytest
from python_calamine import CalamineWorkbook

from dealer_xl.actions.finance import voucher_events
from dealer_xl.actions.finance.vouchers import make_vouchers, write_vouchers
from dealer_xl.domain import vouchers as v
from dealer_xl.ledger import load
from dealer_xl.schema.voucher_layouts import KINGDEE_HEADERS, YONYOU_FIELDS
from tests.documents.books import ROWS, SCHEDULE, SELLER, set_params, write_company

P7, P8 = SCHEDULE[6], SCHEDULE[7]   # HT-1's periods 7 and 8, unpaid, paid together on 2026-10-05
RESULTS = [dict(month="2026-10", emp_id="E1", name="张三", dept="销售部", gross=D("10000"), pension=D("800"),
                medical=D("200"), unemployment=D("50"), housing_fund=D("700"), iit=D("100"), net=D("8150")),
           dict(month="2026-10", emp_id="E2", name="李四", dept="信审债权部", gross=D("8000"), pension=D("640"),
                medical=D("160"), unemployment=D("40"), housing_fund=D("560"), iit=D("50"), net=D("6550"))]
MAKER = [dict(entry_date=date(2026, 10, 3), manufacturer="恒岳重工", doc_type="提车", doc_no="TC1", serial_no="S2",
              amount=D("390000")),
         dict(entry_date=date(2026, 10, 8), manufacturer="恒岳重工", doc_type="付款", doc_no="FK1", amount=D("200000")),
         dict(entry_date=date(2026, 10, 9), manufacturer="恒岳重工", doc_type="返利", doc_no="FL1", amount=D("10000")),
         dict(entry_date=date(2026, 10, 9), manufacturer="恒岳重工", doc_type="索赔结算", doc_no="JS1", amount=D("1200")),
         dict(entry_date=date(2026, 10, 9), manufacturer="恒岳重工", doc_type="调整", doc_no="TZ1", amount=D("500")),
         dict(entry_date=date(2026, 9, 9), manufacturer="恒岳重工", doc_type="付款", doc_no="FK0", amount=D("999"))]
# the claim JS1 settles (validation checks a 索赔结算 row against the settled claims on its note)
CLAIM = dict(claim_no="SP1", wo_no="WO1", manufacturer="恒岳重工", submit_date=date(2026, 9, 20),
             claim_labor=D("1200"), claim_parts=D("0"), claim_travel=D("0"), claim_total=D("1200"), status="已结算",
             approved_amount=D("1200"), settle_month="2026-10", credit_note_no="JS1")
RECEIPT = dict(receipt_no="R-OCT", receipt_date=date(2026, 10, 5), contract_no="HT-1",
               amount=P7.amount_due + P8.amount_due, method="转账")


@pytest.fixture(scope="module")
def company(tmp_path_factory):
    rows = dict(ROWS)
    rows[("receivables", "receipts")] = ROWS[("receivables", "receipts")] + [RECEIPT]
    rows[("payroll", "results")] = RESULTS
    rows[("sales", "manufacturer_ledger")] = MAKER
    rows[("service", "claims")] = [CLAIM]
    folder = write_company(tmp_path_factory.mktemp("v") / "books", rows)
    set_params(folder, SELLER | {"penalty_daily_rate": 0})
    return folder


def _lines(vo):
    return [(line.code, line.party.code, line.debit, line.credit) for line in vo.lines]


def test_sales_and_cost_split_vat_per_sale_at_the_excavators_13_percent(company):
    made = {vo.event: vo for vo in make_vouchers(load(company), "2026-10").vouchers}
    # October: ../x 450,000 and HT-3 500,000 and HT-5 460,000 paid in full; HT-4 480,000 with 144,000 down
    nets = [D("398230.09"), D("442477.88"), D("424778.76"), D("407079.65")]  # price / 1.13, half up, each sale
    assert _lines(made["sales"]) == [("1002", "", D("1554000"), 0), ("1122", "KH1", D("336000"), 0),
                                     ("5001", "", 0, sum(nets)), ("22210102", "", 0, D("1890000") - sum(nets))]
    cost = D("345132.74") + D("362831.86") + D("353982.30") * 2  # S2–S5 purchase prices / 1.13
    assert _lines(made["cost"]) == [("5401", "", cost, 0), ("1405", "", 0, cost)]


def test_a_receipt_is_split_as_the_installments_it_paid(company):
    made = {vo.event: vo for vo in make_vouchers(load(company), "2026-10").vouchers}
    assert _lines(made["receipts"]) == [
        ("1002", "", P7.amount_due + P8.amount_due, 0), ("1122", "KH1", 0, P7.principal + P8.principal),
        ("5051", "", 0, P7.interest + P8.interest)]


def test_payroll_accrues_by_department_and_pays_with_withholdings(company):
    made = {vo.event: vo for vo in make_vouchers(load(company), "2026-10").vouchers}
    assert _lines(made["payroll_accrual"]) == [("5601", "销售部", D("10000"), 0), ("5602", "信审债权部", D("8000"), 0),
                                               ("2211", "", 0, D("18000"))]
    assert _lines(made["payroll_payment"]) == [("2211", "", D("18000"), 0), ("2241", "", 0, D("1890")),
                                               ("2241", "", 0, D("1260")), ("222105", "", 0, D("150")),
                                               ("1002", "", 0, D("14700"))]


def test_manufacturer_entries_of_the_month_only_and_adjustments_named(company):
    result = make_vouchers(load(company), "2026-10")
    made = {vo.event: vo for vo in result.vouchers}
    assert _lines(made["pickups"]) == [("1405", "", D("345132.74"), 0), ("22210101", "", D("44867.26"), 0),
                                       ("2202", "恒岳重工", 0, D("390000"))]
    assert _lines(made["maker_payments"]) == [("2202", "恒岳重工", D("200000"), 0), ("1002", "", 0, D("200000"))]
    assert _lines(made["rebates"])[1] == ("5401", "", 0, D("10000"))
    assert _lines(made["claims"])[1] == ("5051", "", 0, D("1200"))
    assert any("TZ1" in n and "调整" in n for n in result.notes)
    assert [vo.number for vo in result.vouchers] == list(range(1, len(result.vouchers) + 1))
    assert all(vo.balanced and vo.day == date(2026, 10, 31) for vo in result.vouchers)


def test_an_error_in_a_sale_keeps_that_sale_out_and_is_reported(company, tmp_path):
    import shutil

    import openpyxl
    folder = tmp_path / "bad"
    shutil.copytree(company, folder)
    wb = openpyxl.load_workbook(folder / "销售台账.xlsx")
    ws = wb["销售明细"]
    col = [c.value for c in ws[1]].index("成交价") + 1
    ws.cell(6, col).value = "四十六万"  # HT-5 (row 6)
    wb.save(folder / "销售台账.xlsx")
    result = make_vouchers(load(folder), "2026-10")
    sales = next(vo for vo in result.vouchers if vo.event == "sales")
    assert sales.lines[0].debit == D("1554000") - D("460000")
    assert any(p.cell.startswith(ws.cell(6, col).column_letter) for p in result.problems)
    assert any("HT-5" in n for n in result.notes)


def test_an_unbalanced_voucher_is_refused(company, monkeypatch):
    events = voucher_events.Events()
    events.add("sales", [v.Posting("bank", v.DEBIT, D("10")), v.Posting("revenue", v.CREDIT, D("9"))])
    monkeypatch.setattr("dealer_xl.actions.finance.vouchers.event_postings", lambda *a: events)
    result = make_vouchers(load(company), "2026-10")
    assert result.vouchers == [] and "借方 10.00 ≠ 贷方 9.00" in result.problems[0].message


def test_the_account_sheet_decides_the_codes(company, tmp_path):
    import shutil

    import openpyxl
    folder = tmp_path / "mapped"
    shutil.copytree(company, folder)
    wb = openpyxl.load_workbook(folder / "主数据.xlsx")
    ws = wb["会计科目"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "银行存款")
    row[1].value, row[2].value = "100201", "银行存款—工行"
    wb.save(folder / "主数据.xlsx")
    first = make_vouchers(load(folder), "2026-10").vouchers[0]
    assert (first.lines[0].code, first.lines[0].name) == ("100201", "银行存款—工行")


def test_kingdee_file_layout(company, tmp_path):
    result = write_vouchers(load(company), "2026-10", "kingdee", tmp_path)
    path = result.paths[0]
    assert path.name == "记账凭证_2026-10_kingdee.xls" and path.read_bytes()[:8] == bytes.fromhex("D0CF11E0A1B11AE1")
    book = CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == ["凭证"]
    rows = book.get_sheet_by_name("凭证").to_python()
    assert tuple(rows[0]) == KINGDEE_HEADERS and len(KINGDEE_HEADERS) == 37
    first = dict(zip(KINGDEE_HEADERS, rows[1], strict=True))
    assert (first["凭证日期"], first["会计年度"], first["会计期间"], first["凭证字"], first["凭证号"]) == \
        ("2026-10-31", 2026, 10, "记", 1)
    assert (first["科目代码"], first["借方"], first["贷方"], first["原币金额"]) == ("1002", 1554000, 0, 1554000)
    assert (first["币别代码"], first["币别名称"], first["汇率类型"], first["汇率"]) == ("RMB", "人民币", "公司汇率", 1)
    receivable = dict(zip(KINGDEE_HEADERS, rows[2], strict=True))
    assert receivable["核算项目"] == "客户---KH1---王建国" and receivable["分录序号"] == 1
    assert len(rows) - 1 == sum(len(vo.lines) for vo in result.vouchers)
    for number in {r[4] for r in rows[1:]}:  # each voucher balances in the file as read back
        mine = [r for r in rows[1:] if r[4] == number]
        assert round(sum(r[10] for r in mine), 2) == round(sum(r[11] for r in mine), 2)


def test_yonyou_file_layout(company, tmp_path):
    result = write_vouchers(load(company), "2026-10", "yonyou", tmp_path)
    raw = result.paths[0].read_bytes()
    assert result.paths[0].name == "记账凭证_2026-10_yonyou.txt"
    text = raw.decode("gbk")
    assert raw.endswith(b"\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert lines[0] == "填制凭证,V800" and len(YONYOU_FIELDS) == 19
    first = dict(zip(YONYOU_FIELDS, lines[1].split(","), strict=True))
    assert (first["制单日期"], first["凭证类别字"], first["凭证号"], first["附单据数"], first["科目编码"],
            first["借方金额"], first["贷方金额"]) == ("2026-10-31", "记", "1", "0", "1002", "1554000.00", "0")
    receivable = dict(zip(YONYOU_FIELDS, lines[2].split(","), strict=True))
    assert receivable["客户编码"] == "KH1" and receivable["借方金额"] == "336000.00"
    assert all(len(line.split(",")) == 19 for line in lines[1:])


def test_command_prints_the_json_the_issue_names(company):
    out = subprocess.run([sys.executable, "-m", "dealer_xl", "vouchers", str(company), "--month", "2026-10",
                          "--format", "json"], capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    assert set(data[0]) == {"voucher_no", "date", "summary", "lines"}
    assert data[0]["lines"][0] == {"account_code": "1002", "account_name": "银行存款", "debit_fen": 155400000,
                                   "credit_fen": 0}
    assert all(sum(x["debit_fen"] for x in vo["lines"]) == sum(x["credit_fen"] for x in vo["lines"]) for vo in data)


def test_init_fills_the_account_sheet_with_the_small_enterprise_standard_chart(tmp_path):
    import openpyxl

    from dealer_xl.io.templates import init_books
    init_books(tmp_path)
    ws = openpyxl.load_workbook(tmp_path / "主数据.xlsx")["会计科目"]
    assert [c.value for c in ws[1]] == ["事项", "科目代码", "科目名称", "核算项目"]
    rows = {r[0]: r[1:] for r in ws.iter_rows(min_row=2, values_only=True)}
    # 《小企业会计准则》附录 会计科目: 1002 银行存款, 1122 应收账款, 1405 库存商品, 2202 应付账款,
    # 2211 应付职工薪酬, 5001 主营业务收入, 5401 主营业务成本, 5601 销售费用, 5602 管理费用, 5711 营业外支出
    assert rows["银行存款"] == ("1002", "银行存款", None)
    assert rows["应收账款"] == ("1122", "应收账款", "客户")
    assert rows["应付账款（厂家）"] == ("2202", "应付账款", "供应商")
    assert rows["主营业务收入"][0] == "5001" and rows["主营业务成本"][0] == "5401" and rows["库存商品"][0] == "1405"
    assert rows["应付职工薪酬"][0] == "2211" and rows["坏账核销"][:2] == ("5711", "营业外支出")
    assert rows["工资费用（销售部、售后服务部）"][0] == "5601" and rows["工资费用（其他部门）"][0] == "5602"
    assert ws.cell(2, 2).number_format == "@"  # codes are text: 1002 stays "1002"


def test_both_files_from_one_computation_are_the_files_each_computes_alone(company, tmp_path):
    """The close and the ribbon compute the month's vouchers once and write both layouts from it (#24)."""
    led = load(company)
    made = make_vouchers(led, "2026-10")
    before = (list(made.notes), list(made.paths), len(made.vouchers))
    for fmt in ("kingdee", "yonyou"):
        shared = write_vouchers(led, "2026-10", fmt, tmp_path / "shared", made=made)
        alone = write_vouchers(load(company), "2026-10", fmt, tmp_path / "alone")
        assert shared.paths[0].read_bytes() == alone.paths[0].read_bytes()
        assert shared.summary()[:-1] == alone.summary()[:-1] and shared.records() == alone.records()
    assert (list(made.notes), list(made.paths), len(made.vouchers)) == before  # the shared result is not changed
