"""Drafting a warranty claim: eligibility, amounts rounded to the fen, and claim numbers.

Maker 恒岳: labour 80.00/h, 2.50/km. Model SY215: whole machine 12 months / 2,000 h, main parts
24 months / 4,000 h. The machine was delivered 2025-01-15: whole-machine cover to 2026-01-15.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dealer_xl.domain.claims import claim_amounts, draft_claim, next_claim_numbers

D = Decimal
MAKER = {"manufacturer": "恒岳", "labor_rate": D("80.00"), "km_rate": D("2.50")}
MODEL = {"model_code": "SY215", "manufacturer": "恒岳", "warranty_months": 12, "warranty_hours": 2000,
         "main_parts_months": 24, "main_parts_hours": 4000}
SALE = {"sale_date": date(2025, 1, 10), "delivery_date": date(2025, 1, 15)}
FILTER = {"part_no": "F1", "main_part": "否", "claim_price": D("123.45")}
SEAL = {"part_no": "S1", "main_part": "否", "claim_price": D("33.33")}
PUMP = {"part_no": "P1", "main_part": "是", "claim_price": D("5000.00")}
ORDER = {"wo_no": "WO1", "serial_no": "M1", "open_date": date(2025, 6, 1), "hour_meter": D("800"),
         "fault_part_no": "F1", "labor_hours": D("3.5"), "travel_km": D("37")}
USED = [({"part_no": "F1", "qty": D("2"), "warranty": "是"}, FILTER),
        ({"part_no": "S1", "qty": D("1.5"), "warranty": "是"}, SEAL),
        ({"part_no": "P1", "qty": D("1"), "warranty": "否"}, PUMP)]


def draft(order=ORDER, **kw):
    args = {"sale": SALE, "model": MODEL, "maker": MAKER, "fault_part": FILTER, "used": USED, **kw}
    return draft_claim(order, **args)


def test_claim_is_labour_plus_warranty_parts_plus_travel_each_to_the_fen():
    # labour 3.5 × 80 = 280.00; parts 2 × 123.45 + 1.5 × 33.33 = 246.90 + 49.995 = 296.895 → 296.90
    # (rounded once, half up); travel 37 × 2.50 = 92.50; the pump (是否三包=否) is not claimed
    d = draft()
    assert (d.claim_labor, d.claim_parts, d.claim_travel) == (D("280.00"), D("296.90"), D("92.50"))
    assert d.claim_total == D("669.40") and d.eligible and d.reason == ""
    assert d.manufacturer == "恒岳"


def test_a_sub_dealers_job_is_claimed_at_the_makers_rate_and_the_dealer_paid_its_own():
    """DOMAIN §4: the claim is 3.5 h × the maker's 80.00 = 280.00 whoever did the work; D1 is paid
    3.5 × 60.00 = 210.00; the 70.00 between is our margin."""
    job = {**ORDER, "sub_dealer_id": "D1"}
    d = draft(job, sub_dealer={"dealer_id": "D1", "labor_rate": D("60.00")})
    assert (d.claim_labor, d.claim_total) == (D("280.00"), D("669.40"))
    assert (d.sub_dealer_id, d.dealer_labor, d.margin) == ("D1", D("210.00"), D("70.00"))
    no_rate = draft({**ORDER, "sub_dealer_id": "D2"}, sub_dealer={"dealer_id": "D2", "labor_rate": None})
    assert (no_rate.claim_labor, no_rate.dealer_labor, no_rate.margin) == (D("280.00"), None, None)
    ours = draft()
    assert (ours.sub_dealer_id, ours.dealer_labor, ours.margin) == ("", None, None)


def test_warranty_ends_on_the_same_day_months_later():
    assert draft({**ORDER, "open_date": date(2026, 1, 15)}).eligible
    late = draft({**ORDER, "open_date": date(2026, 1, 16)})
    assert not late.eligible and "超出整机三包期" in late.reason and late.claim_total is None


def test_hour_meter_above_the_limit_is_out_of_warranty():
    assert draft({**ORDER, "hour_meter": D("2000")}).eligible
    assert "三包小时" in draft({**ORDER, "hour_meter": D("2001")}).reason


def test_a_main_part_fault_uses_the_main_part_terms():
    order = {**ORDER, "fault_part_no": "P1", "open_date": date(2026, 6, 1), "hour_meter": D("3000")}
    assert draft(order, fault_part=PUMP).eligible  # 16 months, 3,000 h: within 24 months / 4,000 h
    assert not draft(order, fault_part=FILTER).eligible


def test_unsold_machine_or_missing_fault_part_gives_a_reason_not_a_claim():
    assert "未销售" in draft(sale=None).reason
    assert "故障配件" in draft({**ORDER, "fault_part_no": None}).reason
    assert "缺少数量或索赔价" in draft(used=[({"part_no": "F1", "qty": D("1"), "warranty": "是"},
                                           {**FILTER, "claim_price": None})]).reason


def test_claim_amounts_round_half_up():
    assert claim_amounts(D("0.333"), D("1.5"), [], D("0"), D("1")) == (D("0.50"), D("0.00"), D("0.00"), D("0.50"))


def test_new_numbers_continue_above_every_number_of_the_prefix_and_year():
    existing = ["SP202600007", "SP202500099", "SP26100001", None, "XX202600050"]
    assert next_claim_numbers(existing, "SP", 2026, 2) == ["SP202600008", "SP202600009"]
    assert next_claim_numbers([], "SP", 2027, 1) == ["SP202700001"]
