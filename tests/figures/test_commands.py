"""The commands on a date: ``--as-of``/``--month`` see only what existed then, ``--format json`` prints
the glossary's figures by key with money in integer fen (on the closed demo history of conftest)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dealer_xl.cli import main
from dealer_xl.domain.monthly import month_range

from ..actions.expected import ZERO, expected_aging, month_collected
from ..actions.raw_books import day, sheet_rows


def run_json(capsys, *args: str):
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def fen(amount) -> int:
    return int(amount * 100)


@pytest.mark.parametrize("as_of", [date(2024, 12, 31), date(2025, 6, 30), date(2026, 6, 30), date(2026, 10, 31)])
def test_age_as_of_a_past_date_counts_only_what_existed_then(history, capsys, as_of):
    got = run_json(capsys, "receivables", "age", str(history.folder), "--as-of", str(as_of), "--format", "json")
    assert set(got) == {"as_of", "contracts", "balance_fen", "overdue_fen", "written_off_fen", "buckets"}
    aged = expected_aging(history.folder, as_of)
    on_books = {no: e for no, e in aged.items() if "已核销" not in e}
    assert got["as_of"] == str(as_of) and got["contracts"] == len(on_books)
    assert got["balance_fen"] == fen(sum((e["应收余额"] for e in on_books.values()), ZERO))
    assert got["overdue_fen"] == fen(sum((e.get("逾期金额", ZERO) for e in on_books.values()), ZERO))
    assert got["written_off_fen"] == fen(sum((e.get("已核销", ZERO) for e in aged.values()), ZERO))
    buckets = got["buckets"]
    overdue = sum(v for k, v in buckets.items() if k not in ("未到期", "已核销"))
    assert overdue == got["overdue_fen"] and buckets["未到期"] + overdue == got["balance_fen"]
    assert buckets.get("已核销", 0) == got["written_off_fen"]
    signed = [r for r in sheet_rows(history.folder / "应收款台账.xlsx", "分期合同") if day(r["签订日期"]) <= as_of]
    assert got["contracts"] <= len(signed)


def test_written_off_debt_appears_on_its_write_off_date_and_not_before(history, capsys):
    (row, *_) = sheet_rows(history.folder / "应收款台账.xlsx", "核销记录")
    written = day(row["核销日期"])
    before = run_json(capsys, "receivables", "age", str(history.folder), "--as-of",
                      str(date.fromordinal(written.toordinal() - 1)), "--format", "json")
    after = run_json(capsys, "receivables", "age", str(history.folder), "--as-of", str(written), "--format", "json")
    assert before["written_off_fen"] == 0 and "已核销" not in before["buckets"]
    assert after["written_off_fen"] > 0


@pytest.mark.parametrize("month", ["2025-03", "2026-02"])
def test_gm_json_has_the_issues_keys_and_payroll_only_once_computed(history, capsys, month):
    got = run_json(capsys, "report", "gm", str(history.folder), "--month", month, "--format", "json")
    assert list(got) == ["month", "receivables", "sales", "payroll"] and got["month"] == month
    assert list(got["receivables"]) == ["balance_fen", "opening_balance_fen", "overdue_fen", "long_overdue_fen",
                                        "written_off_fen", "collected_fen", "disposal_fen"]
    assert list(got["sales"]) == ["units", "amount_fen", "target_units", "target_amount_fen"]
    if month < "2026-01":
        assert got["payroll"] is None   # the demo's payroll starts in 2026: 未计算, never 0
    else:
        assert list(got["payroll"]) == ["people", "gross_fen", "net_fen"] and got["payroll"]["people"] > 0
    manifest = json.loads((history.archive(month) / "manifest.json").read_text(encoding="utf-8"))["totals"]
    assert got == {k: manifest[k] for k in got}
    alone = run_json(capsys, "report", "receivables", str(history.folder), "--month", month, "--format", "json")
    assert alone == {"month": month, "receivables": got["receivables"]}
    assert got["receivables"]["collected_fen"] == fen(month_collected(history.folder, month))


def test_plan_json_sums_to_the_glossarys_plan_and_cash(history, capsys):
    got = run_json(capsys, "receivables", "plan", str(history.folder), "--month", "2026-10", "--format", "json")
    assert got["collected_fen"] == fen(month_collected(history.folder, "2026-10"))
    assert sum(x["plan_fen"] for x in got["by_collector"]) == got["plan_fen"] == sum(x["plan_fen"] for x in got["by_region"])
    assert sum(x["collected_fen"] for x in got["by_collector"]) == got["collected_fen"]


def test_claims_as_of_a_past_date_list_no_work_order_done_later(history, capsys):
    as_of = date(2024, 12, 31)
    listed = run_json(capsys, "service", "claims", str(history.folder), "--as-of", str(as_of), "--format", "json")
    orders = {str(r["工单号"]).strip(): r for r in sheet_rows(history.folder / "售后服务台账.xlsx", "服务工单", "工单号")}
    assert all(day(orders[d["wo_no"]]["完工日期"]) <= as_of for d in listed)
    deadlines = run_json(capsys, "service", "deadlines", str(history.folder), "--as-of", str(as_of), "--format", "json")
    assert all(d["wo_no"] in orders and day(orders[d["wo_no"]]["报修日期"]) <= as_of for d in deadlines)


def test_figures_on_a_month_are_the_reports_figures(history, capsys):
    got = run_json(capsys, "figures", str(history.folder), "--month", "2026-07", "--format", "json")
    assert got["as_of"] == str(month_range("2026-07")[1])
    by_key = {f["key"]: f for f in got["figures"]}
    gm = run_json(capsys, "report", "gm", str(history.folder), "--month", "2026-07", "--format", "json")
    assert by_key["receivables.balance"]["value_fen"] == gm["receivables"]["balance_fen"]
    assert by_key["payroll.people"]["value"] == gm["payroll"]["people"]


def test_json_refuses_what_it_cannot_give(history, capsys):
    assert main(["report", "gm", str(history.folder), "--month", "2026-07", "--format", "json", "--branch", "城关分公司"]) == 2
    assert main(["report", "daily", str(history.folder), "--format", "json"]) == 2
    assert "只用于月报" in capsys.readouterr().err
