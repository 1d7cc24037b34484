"""Opening balances of payroll (DOMAIN §5): what a 工资期初 row means and how the tax client's 累计
export becomes one. Figures worked by hand in the comments."""

from datetime import date
from decimal import Decimal as D

from dealer_xl.domain.payroll import YearToDate
from dealer_xl.domain.payroll_opening import Opening, from_tax_client, months_covered, opening_reasons

ROW = Opening("E1", 2026, "2026-06", income=D(60000), tax_free=D(1000), exemption=D(30000), insurance=D(10500),
              special=D(6000), other=D(500), withheld=D(300))


def test_an_opening_is_where_the_next_month_continues():
    # deductions 1,000 + 30,000 + 10,500 + 6,000 + 500 = 48,000; taxable 60,000 − 48,000 = 12,000
    assert (ROW.deductions, ROW.taxable) == (D(48000), D(12000))
    assert ROW.year_to_date() == YearToDate(D(60000), D(48000), D(300))


def test_months_covered_count_from_january_or_the_hire_month():
    assert months_covered("2026-06", date(2019, 5, 1)) == 6
    assert months_covered("2026-06", date(2026, 3, 20)) == 4      # March–June
    assert months_covered("2026-06", date(2026, 7, 1)) == 0       # hired after it
    assert months_covered("2026-06", None) == 6


def test_reasons_an_opening_cannot_be_right():
    assert opening_reasons(ROW, date(2020, 1, 1), D(5000)) == []
    (field, why), = opening_reasons(ROW, date(2026, 3, 1), D(5000))  # March–June: 4 × 5,000 = 20,000
    assert field == "cum_exemption" and "5,000 × 4 个月 = 20,000.00" in why and "30,000.00" in why
    assert [f for f, _ in opening_reasons(ROW, date(2026, 7, 1), D(5000))] == ["through"]
    assert [f for f, _ in opening_reasons(Opening("E1", 2025, "2026-06"), None, D(5000))] == ["through"]


def line(**kw):
    base = {"cum_income": D(60000), "cum_exemption": D(30000), "cum_insurance": D(10500), "cum_children": D(6000),
            "cum_taxable": D(13500)}
    return {**base, **kw}


def test_tax_withheld_through_the_period_from_the_clients_columns():
    # June due 405, May prepaid 337.50 → 405 withheld through June (应补 67.50 paid in June)
    assert from_tax_client(line(cum_due=D(405), cum_prepaid=D("337.50")))[0]["cum_withheld"] == D(405)
    # due 300 below prepaid 337.50 (应补 −37.50, no refund during the year) → 337.50
    assert from_tax_client(line(cum_due=D(300), cum_prepaid=D("337.50")))[0]["cum_withheld"] == D("337.50")
    # prepaid and 应补(退) only: 337.50 + 67.50 = 405; a negative 应补 adds nothing
    assert from_tax_client(line(cum_prepaid=D("337.50"), cum_balance=D("67.50")))[0]["cum_withheld"] == D(405)
    assert from_tax_client(line(cum_prepaid=D("337.50"), cum_balance=D(-10)))[0]["cum_withheld"] == D("337.50")
    assert from_tax_client(line(cum_withheld=D(405)))[0]["cum_withheld"] == D(405)
    assert from_tax_client(line())[1] is not None  # nothing says what was withheld


def test_deduction_columns_add_up_and_must_give_the_taxable_shown():
    amounts, why = from_tax_client(line(cum_due=D(405), cum_prepaid=D(0), cum_children=D(4000), cum_rent=D(2000),
                                        cum_pension=D(300), cum_donation=D(200), cum_taxable=D(13000)))
    # special 4,000 + 2,000 = 6,000; other 300 + 200 = 500; 60,000 − 30,000 − 10,500 − 6,000 − 500 = 13,000
    assert why is None and (amounts["cum_special"], amounts["cum_other"]) == (D(6000), D(500))
    _, why = from_tax_client(line(cum_due=D(405), cum_prepaid=D(0), cum_taxable=D(12000)))
    assert "13,500.00" in why and "12,000.00" in why
    # a client showing a negative taxable as 0 is accepted
    assert from_tax_client(line(cum_due=D(0), cum_prepaid=D(0), cum_income=D(20000), cum_taxable=D(0)))[1] is None
