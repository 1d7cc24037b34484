"""The 售后月报 pack: figures from the books, totals that reconcile, branch filtering, the producer."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dealer_xl.documents.packs import REPORTS, Scope, build_pack
from dealer_xl.io.reader import read_books
from dealer_xl.jobs.producers import PRODUCERS
from dealer_xl.ledger import load

MONTH, LAST = "2026-10", date(2026, 10, 31)


def collect(folder, branch=None):
    from dealer_xl.documents import reports  # noqa: F401  (registers the reports)

    return REPORTS["service"].collect(load(folder), Scope(LAST, MONTH, branch))


def figure(data, label):
    return next(v for k, v, _ in data.figures if k == label)


def test_work_orders_and_revenue_of_the_month_add_up(demo_master):
    orders = [w for w in read_books(demo_master)["service"].tables["work_orders"].rows
              if w["close_date"] and f"{w['close_date']:%Y-%m}" == MONTH]
    data = collect(demo_master)
    by_type = next(s for s in data.sheets if s.name == "按服务类型")
    assert by_type.total[1] == len(orders) == figure(data, "完工工单") == sum(r[1] for r in by_type.rows)
    paid = sum((w["customer_charge"] or Decimal(0) for w in orders if w["service_type"] == "保外"), Decimal(0))
    assert figure(data, "保外收费（元）") == paid
    claims = next(s for s in data.sheets if s.name == "索赔")
    assert claims.total[1:] == [sum((r[i] for r in claims.rows), 0) for i in range(1, 9)]


def test_branch_packs_split_the_whole(demo_master):
    whole = figure(collect(demo_master), "完工工单")
    branches = {w["branch"] for w in read_books(demo_master)["service"].tables["work_orders"].rows if w["branch"]}
    assert sum(figure(collect(demo_master, b), "完工工单") for b in branches) == whole


def test_pack_and_producer_write_the_workbook(demo_master, tmp_path):
    pack = build_pack("service", load(demo_master), tmp_path, month=MONTH)
    assert pack.xlsx.exists() and "售后月报" in pack.html
    assert PRODUCERS["service_pack"].granularity == "month"
    branch = PRODUCERS["service_pack"].build(demo_master, tmp_path / "b", LAST, branch="城关分公司")
    assert "城关分公司" in branch.title and branch.xlsx.exists()
