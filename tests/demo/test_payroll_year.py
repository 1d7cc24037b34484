"""The demo's payroll year: clamp cases, a year-end bonus, hires and leavers, and a clean run."""

import json
from datetime import date
from decimal import Decimal as D

from dealer_xl import ledger
from dealer_xl.actions.payroll.run import compute_month


def test_demo_has_the_payroll_cases_the_run_must_handle(demo_master):
    led = ledger.load(demo_master, today=date(2026, 10, 31))
    staff = led.rows("master", "employees")
    bases = {e["position"]: e["si_base"] for e in staff}
    assert bases["总经理"] > D(37302) and bases["出纳"] < D(7460)
    assert any(a["item"] == "年终奖" and a["month"] == "2026-01" for a in led.rows("payroll", "adjustments"))
    assert any(e["hire_date"] and date(2026, 1, 1) < e["hire_date"] <= date(2026, 10, 31) for e in staff)
    assert any(e["leave_date"] and date(2026, 1, 1) <= e["leave_date"] < date(2026, 10, 31) for e in staff)
    attendance = led.rows("payroll", "attendance")
    assert any(a["unpaid_leave_days"] for a in attendance) and any(a["overtime_hours"] for a in attendance)
    january = compute_month(led, "2026-01")
    assert any(x.bonus_method == "单独计税" for x in january.lines) and len(january.lines) > 15
    # the only employees refused are those the demo planted a mistake for: each refusal names a planted cell
    planted = {(m["book"], m["sheet"], m["cell"])
               for m in json.loads((demo_master / "demo_manifest.json").read_text(encoding="utf-8"))["mistakes"]}
    refused = [ps for _, ps in january.months[0].refused.values()]
    assert refused and all(any((p.book, p.sheet, p.cell) in planted for p in ps) for ps in refused)
