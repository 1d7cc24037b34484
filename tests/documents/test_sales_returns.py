"""销售月报: returns netted in their month, exchanges counted once, targets per salesperson."""

from datetime import date
from decimal import Decimal

import openpyxl

from dealer_xl.documents.packs import build_pack
from dealer_xl.ledger import load

from .books import ROWS, TARGETS, write_company

D = Decimal
RETURNS = [dict(return_date=date(2026, 10, 25), contract_no="HT-3", serial_no="S3", kind="退车", reason="客户拒收",
                refund_amount=D("500000")),
           dict(return_date=date(2026, 10, 28), contract_no="HT-4", serial_no="S4", kind="换车", reason="换型",
                new_serial_no="S9")]
PERSON_TARGETS = [dict(month="2026-10", branch="城关分公司", salesperson="E1", target_units=2, target_amount=D("1000000")),
                  dict(month="2026-10", branch="城关分公司", salesperson="李四", target_units=1, target_amount=D("300000"))]


def _pack(tmp_path):
    rows = dict(ROWS) | {("sales", "returns"): RETURNS, ("sales", "targets"): TARGETS + PERSON_TARGETS}
    folder = write_company(tmp_path / "books", rows)
    return build_pack("sales", load(folder), tmp_path / "out", month="2026-10")


def test_return_is_netted_in_its_month_and_exchange_counts_once(tmp_path):
    pack = _pack(tmp_path)
    overview = {r[0]: r[1] for r in openpyxl.load_workbook(pack.xlsx)["概览"].iter_rows(values_only=True) if r[0]}
    # October sales: ../x 450,000 + HT-3 500,000 + HT-4 480,000 + HT-5 460,000 = 1,890,000 in 4 units;
    # HT-3 returned on 10-25: −500,000 and −1 unit; HT-4 exchanged: no change
    assert overview["销售台数"] == 3 and D(str(overview["销售额（元）"])) == D("1390000")
    assert any("退车在退车当月冲减" in str(k) and "本月退车 1 台" in str(k) and "本月换车 1 台" in str(k)
               for k in overview)


def test_salespeople_show_target_actual_and_rate_including_those_without_sales(tmp_path):
    pack = _pack(tmp_path)
    ws = openpyxl.load_workbook(pack.xlsx)["按业务员"]
    header, *rows = list(ws.iter_rows(values_only=True))
    # the salespeople's own targets have a label of their own (目标台数/目标金额 are the branches')
    assert header == ("业务员", "分公司", "台数", "销售额", "毛利", "毛利率", "个人目标台数", "个人目标金额", "完成率")
    by = {(r[0], r[1]): r for r in rows}
    zhang = by[("张三", "城关分公司")]              # HT-4 480,000 + HT-5 460,000 against 1,000,000
    assert (zhang[2], D(str(zhang[3])), zhang[6], D(str(zhang[7])), D(str(zhang[8]))) == (
        2, D("940000"), 2, D("1000000"), D("0.94"))
    li = by[("李四", "城关分公司")]                 # a target and no sale
    assert (li[2], D(str(li[3])), li[6], D(str(li[8]))) == (0, D("0"), 1, D("0"))
    sun = by[("孙五", "东区分公司")]                # ../x 450,000; HT-3 sold and returned in October
    assert (sun[2], D(str(sun[3]))) == (1, D("450000"))


def test_person_targets_that_differ_from_the_branch_targets_are_noted(tmp_path):
    pack = _pack(tmp_path)
    overview = [r[0] for r in openpyxl.load_workbook(pack.xlsx)["概览"].iter_rows(values_only=True) if r[0]]
    # branches: 2 + 2 units, 1,000,000 + 800,000; salespeople: E1 2 units 1,000,000 and 李四 1 unit 300,000
    assert "业务员个人目标合计 3 台、1,300,000.00 元，与分公司目标 4 台、1,800,000.00 元不一致；" \
           "目标完成率按分公司目标计算，请核对「销售目标」。" in overview
