"""财务月报 and the finance page of 总经理月报, on the small company of tests/ledger/test_finance_figures.py
written into real books (figures worked by hand there)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from dealer_xl import ledger
from dealer_xl.documents.packs import build_pack

from ..ledger.test_finance_figures import rows
from .books import set_params, write_company


@pytest.fixture
def company(tmp_path):
    folder = write_company(tmp_path / "台账", rows(), seller={})
    set_params(folder, {"cost_includes_vat": "否", "employer_si_rate": "0.16", "cash_opening": "100000"})
    return folder


def values(ws) -> dict[str, list]:
    return {r[0]: list(r[1:]) for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}


def test_the_gm_pack_has_a_finance_page(company):
    pack = build_pack("gm", ledger.load(company, today=date(2026, 4, 5)), month="2026-03")
    wb = openpyxl.load_workbook(pack.xlsx)
    page = wb["财务"]
    assert [c.value for c in page[1]] == ["项目", "东区分公司", "城关分公司", "合计"]
    found = values(page)
    assert found["经营利润"] == [500, 8770, 9270]                     # worked in test_profit_and_loss_…
    assert found["应收返利（截至 2026-03-31）"][-1] == 30000           # FL1 (15 April) not yet credited
    # 13 weeks from 1 April with 100,000: −101,700 (T01, the 800 claim); +10,000 − 6,660 (HT9, March pay);
    # −3,020 (tax, insurance); May: −6,660, then −3,020 + 565 (C1 settled 60 days after 15 March);
    # June: −6,660 − 3,020 → −20,175 in week 11 (10–16 June), the lowest
    low = next(k for k in found if k.startswith("资金低点"))
    assert low == "资金低点：第11周（2026-06-10～2026-06-16）" and found[low][-1] == -20175
    assert page._charts and "财务" in pack.html


def test_a_gm_pack_without_the_finance_book_has_no_finance_page(company):
    (company / "财务台账.xlsx").unlink()
    pack = build_pack("gm", ledger.load(company, today=date(2026, 4, 5)), month="2026-03")
    assert "财务" not in openpyxl.load_workbook(pack.xlsx).sheetnames


def test_the_months_finance_pack(company):
    pack = build_pack("finance", ledger.load(company, today=date(2026, 4, 5)), month="2026-03")
    wb = openpyxl.load_workbook(pack.xlsx)
    assert pack.title == "财务月报 2026-03"
    assert wb.sheetnames == ["概览", "本月", "年累计", "费用与预算", "单台毛利按分公司", "单台毛利按机型", "应收返利",
                             "资金计划逐周", "资金计划收支明细"]
    overview = {r[0]: r[1] for r in wb["概览"].iter_rows(values_only=True) if r and r[0]}
    assert Decimal(str(overview["本月经营利润（元）"])) == Decimal("9270")
    assert Decimal(str(overview["单台毛利合计（元）"])) == Decimal("19600")   # 20,500 − 900
    weeks = wb["资金计划逐周"]
    assert weeks["A12"].font.bold and not weeks["A2"].font.bold         # week 11 is the low point


def test_the_months_finance_figures_are_computed_once_per_ledger_and_month(company):
    """The GM pack's finance page and 财务月报 share one computation per Ledger, date and month (#24):
    the same result again, and another month's (or date's) figures computed, equal to a fresh Ledger's."""
    from dealer_xl.documents.reports.finance import month_finance

    led = ledger.load(company, today=date(2026, 4, 5))
    march = month_finance(led, "2026-03")
    assert month_finance(led, "2026-03") is march
    fresh = ledger.load(company, today=date(2026, 4, 5))
    assert month_finance(led, "2026-02") == month_finance(fresh, "2026-02") != march
    assert march == month_finance(ledger.load(company, today=date(2026, 4, 5)), "2026-03")
    later = ledger.load(led, today=date(2026, 3, 31))  # the same books seen from another day share the caches
    assert month_finance(later, "2026-03") == month_finance(ledger.load(company, today=date(2026, 3, 31)), "2026-03")
