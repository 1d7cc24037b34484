"""总经理月报's 综合 page shows what ``dealer-xl admin vehicles`` and ``admin assets`` print (issues #20, #26).

A figure is defined once and is the same in every report: the page's 车辆费用, 本月折旧, 固定资产原值 and
固定资产净值 of each month it shows (the month, the month before, the same month last year) equal the
totals worked out here from the commands' ``--format json`` rows for that month on the books as of its
last day. Both go through the input gate of money: the demo plants a vehicle whose 车牌号 is invalid, a
cost on a plate that is not in 车辆 and a scrapped computer without its 处置日期; the commands leave those
out and name them, and so must the page.

原值 and 净值 count the assets held at the month's end: the JSON rows of assets disposed in the month
(their 处置日期, read here from the raw sheet with openpyxl) are left out of those two, not of 本月折旧.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

import openpyxl

from dealer_xl import ledger
from dealer_xl.cli import main
from dealer_xl.documents.packs import build_pack

MONTHS = {"2026-10": "2026-10-31", "2026-09": "2026-09-30", "2025-10": "2025-10-31"}  # 本月, 上月, 去年同月
CENT = Decimal("0.01")


def page(path) -> dict[str, list[Decimal]]:
    """The 综合 sheet: label → the three months' values, as Decimal to the cent."""
    ws = openpyxl.load_workbook(path)["综合"]
    return {r[0]: [Decimal(repr(v)).quantize(CENT) for v in r[1:4]]
            for r in ws.iter_rows(min_row=2, values_only=True) if r[0] and all(isinstance(v, float | int) for v in r[1:4])}


def rows_of(capsys, *argv) -> list[dict]:
    main([*argv, "--format", "json"])
    captured = capsys.readouterr()
    assert captured.out.strip(), captured.err
    return json.loads(captured.out, parse_float=Decimal)


def disposed_in(folder, month: str) -> set[str]:
    """资产编号 of the assets whose 处置日期 falls in ``month``, read from 固定资产 with openpyxl."""
    ws = openpyxl.load_workbook(folder / "综合管理台账.xlsx", read_only=True, data_only=True)["固定资产"]
    rows = list(ws.iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if r and "资产编号" in r)
    header = rows[top]
    out = set()
    for r in rows[top + 1:]:
        row = dict(zip(header, r, strict=False))
        when = row.get("处置日期")
        when = when.date() if isinstance(when, datetime) else when
        if isinstance(when, date) and f"{when:%Y-%m}" == month:
            out.add(str(row["资产编号"]))
    return out


def test_the_admin_page_equals_the_admin_commands_json_totals(demo_books, tmp_path, capsys):
    pack = build_pack("gm", ledger.load(demo_books, today=date(2026, 10, 31)), tmp_path, month="2026-10", email=False)
    shown = page(pack.xlsx)
    expected: dict[str, list[Decimal]] = {"车辆费用": [], "本月折旧": [], "固定资产原值": [], "固定资产净值": []}
    for month, end in MONTHS.items():
        vehicles = rows_of(capsys, "admin", "vehicles", str(demo_books), "--month", month, "--as-of", end)
        assets = rows_of(capsys, "admin", "assets", str(demo_books), "--month", month, "--as-of", end)
        gone = disposed_in(demo_books, month)
        held = [a for a in assets if a["asset_id"] not in gone]
        expected["车辆费用"].append(sum((v["total"] for v in vehicles), Decimal(0)))
        expected["本月折旧"].append(Decimal(sum(a["month_depreciation_fen"] for a in assets)) / 100)
        expected["固定资产原值"].append(Decimal(sum(a["cost_fen"] for a in held)) / 100)
        expected["固定资产净值"].append(Decimal(sum(a["net_fen"] for a in held)) / 100)
    assert {k: shown[k] for k in expected} == expected
    assert all(v for values in expected.values() for v in values)  # something to compare, in every month
