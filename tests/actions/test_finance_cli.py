"""``dealer-xl finance …`` on real .xlsx files of the small company of tests/ledger/test_finance_figures.py.

The hand-worked figures are those of that module's docstring (参数 cost_includes_vat = 否, employer_si_rate =
16% written into the real 参数 sheet); here they come back through the files, the CLI and its JSON.
"""

from __future__ import annotations

import json
import shutil
from datetime import date

import openpyxl
import pytest

from dealer_xl.actions import registry
from dealer_xl.actions.book import FileBooks
from dealer_xl.cli import main

from ..documents.books import set_params, write_company
from ..ledger.test_finance_figures import rows


@pytest.fixture(scope="module")
def company_master(tmp_path_factory):
    folder = write_company(tmp_path_factory.mktemp("finance") / "台账", rows(), seller={})
    set_params(folder, {"cost_includes_vat": "否", "employer_si_rate": "0.16"})
    return folder


@pytest.fixture
def company(company_master, tmp_path):
    """A fresh copy of the company per test (tests write packs, delete and re-create books)."""
    return shutil.copytree(company_master, tmp_path / "台账")


def run_json(capsys, *argv):
    code = main(["finance", *argv, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_expenses_json_has_the_issues_keys_and_the_hand_figures(company, capsys):
    code, lines = run_json(capsys, "expenses", str(company), "--month", "2026-03")
    assert code == 0
    assert all(list(x) == ["branch", "department", "category", "actual_fen", "budget_fen", "over_fen",
                           "ytd_actual_fen", "ytd_budget_fen"] for x in lines)
    travel = next(x for x in lines if x["category"] == "差旅")
    # 1,200 + 800 against 1,000 + 500; year 2,000 + 2,000 against 3,500
    assert (travel["actual_fen"], travel["budget_fen"], travel["over_fen"]) == (200000, 150000, 50000)
    assert (travel["ytd_actual_fen"], travel["ytd_budget_fen"]) == (400000, 350000)
    assert not list((company / "报表").glob("*.xlsx"))      # JSON writes no workbook


def test_rebates_json_earned_credited_outstanding(company, capsys):
    code, found = run_json(capsys, "rebates", str(company), "--to", "2026-04-30")
    assert code == 0 and list(found) == ["policies", "earned_fen", "credited_fen", "outstanding_fen"]
    (p1,) = found["policies"]
    assert list(p1) == ["policy", "basis_value", "rebate_fen", "tiers"]
    assert (p1["policy"], p1["basis_value"], p1["rebate_fen"]) == ("P1", 15, 3000000)      # 15 × 2,000
    assert [t["slice"] for t in p1["tiers"]] == [0, 15]
    assert (found["earned_fen"], found["credited_fen"], found["outstanding_fen"]) == (3000000, 1200000, 1800000)
    _, before = run_json(capsys, "rebates", str(company), "--to", "2026-03-31")
    assert before["credited_fen"] == 0                     # FL1 is dated 15 April
    code, _ = run_json(capsys, "rebates", str(company), "--manufacturer", "丰源农装")
    assert code == 0


def test_margin_json_per_machine(company, capsys):
    code, machines = run_json(capsys, "margin", str(company), "--month", "2026-03")
    assert code == 0 and [m["serial"] for m in machines] == ["S11", "T01"]
    assert list(machines[0]) == ["serial", "contract_no", "model", "branch", "salesperson", "net_price_fen", "cost_fen",
                                 "rebate_fen", "margin_fen"]
    assert [(m["net_price_fen"], m["cost_fen"], m["rebate_fen"], m["margin_fen"]) for m in machines] == [
        (10000000, 8150000, 200000, 2050000), (10000000, 10090000, 0, -90000)]


def test_pnl_json_by_branch_and_total(company, capsys):
    code, p = run_json(capsys, "pnl", str(company), "--month", "2026-03")
    assert code == 0 and list(p) == ["month", "branches", "total"] and p["month"] == "2026-03"
    assert set(p["branches"]) == {"城关分公司", "东区分公司"}
    a = p["branches"]["城关分公司"]
    assert (a["machine_margin"], a["rebates"], a["service_margin"], a["expenses"], a["payroll"],
            a["employer_insurance"], a["operating_profit"]) == (1760000, 200000, 85000, 200000, 800000, 168000, 877000)
    assert p["total"]["operating_profit"] == 927000 and p["total"]["ytd_operating_profit"] == 991000
    assert a["budget_expenses"] == 150000 and a["ytd_budget_expenses"] == 350000


def test_cashplan_json_week_by_week(company, capsys):
    code, weeks = run_json(capsys, "cashplan", str(company), "--as-of", "2026-03-31", "--weeks", "4",
                           "--opening", "100000")
    assert code == 0 and all(list(w) == ["week_start", "in_fen", "out_fen", "closing_fen"] for w in weeks)
    assert [w["week_start"] for w in weeks] == ["2026-04-01", "2026-04-08", "2026-04-15", "2026-04-22"]
    assert [w["closing_fen"] for w in weeks] == [-170000, 164000, -138000, -138000]


def test_tables_and_packs_with_charts_and_the_low_week_marked(company, capsys):
    assert main(["finance", "cashplan", str(company), "--as-of", "2026-03-31", "--weeks", "4",
                 "--opening", "100000"]) == 0
    printed = capsys.readouterr().out
    assert "资金低点 -1,700.00 元（第1周 2026-04-01～2026-04-07）" in printed and "◆ 资金低点" in printed
    for argv in (["expenses", "--month", "2026-03"], ["rebates", "--to", "2026-04-30"], ["margin", "--month", "2026-03"],
                 ["pnl", "--month", "2026-03"]):
        assert main(["finance", argv[0], str(company), *argv[1:]]) == 0
    out = capsys.readouterr().out
    assert "工作簿：" in out and "低于成本" in out
    packs = {p.name: openpyxl.load_workbook(p) for p in (company / "报表").glob("*.xlsx")}
    assert set(packs) == {"资金计划 2026-03-31 起4周.xlsx", "费用预算执行 2026-03.xlsx", "厂家返利 截至2026-04-30.xlsx",
                          "单台毛利 2026-03.xlsx", "管理利润表 2026-03.xlsx"}
    for wb in packs.values():
        assert wb.sheetnames[0] == "概览" and any(ws._charts for ws in wb.worksheets)
    weeks = packs["资金计划 2026-03-31 起4周.xlsx"]["逐周"]
    assert weeks["A2"].font.bold and weeks["A2"].fill.fgColor.rgb.endswith("FFF2CC")   # week 1 is the low
    assert not weeks["A3"].font.bold


def test_a_company_without_the_finance_book(company, capsys):
    (company / "财务台账.xlsx").unlink()
    assert main(["finance", "pnl", str(company), "--month", "2026-03"]) == 2
    err = capsys.readouterr().err
    assert "没有找到 财务台账.xlsx" in err and "init" in err and "--book 财务台账" in err
    assert main(["validate", str(company), "--as-of", "2026-03-31"]) == 0       # an optional book missing is no 错误
    assert "财务台账" not in capsys.readouterr().out
    assert main(["init", str(company), "--book", "财务台账"]) == 0
    assert sorted(p.name for p in company.glob("*.xlsx")).count("财务台账.xlsx") == 1
    assert main(["init", str(company), "--book", "财务台账"]) == 2             # never over an existing book
    assert main(["finance", "expenses", str(company), "--month", "2026-03"]) == 0   # an empty book is fine


def test_the_ribbon_buttons_write_their_packs(company):
    books = FileBooks(company, today=date(2026, 3, 31))
    for tag, name in (("finance_expenses", "费用预算执行"), ("finance_rebates", "厂家返利"), ("finance_margin", "单台毛利"),
                      ("finance_pnl", "管理利润表"), ("finance_cashplan", "资金计划")):
        result = registry.run(tag, books)
        assert registry.lookup(tag).group == "财务" and result.errors == 0
        assert any(name in p.name for p in result.outputs), tag
