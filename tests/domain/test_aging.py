"""Aging buckets, five-level class, 逾期/陈欠/呆死帐 and structure ratio (DOMAIN §3)."""

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from dealer_xl.domain.aging import (
    NON_PERFORMING,
    add_buckets,
    age_installments,
    aging_bucket,
    aging_options,
    bucket_labels,
    bucket_text_problem,
    check_buckets,
    overdue_kind,
    parse_buckets,
    risk_class,
    structure_ratio,
)
from dealer_xl.domain.allocation import Payment, allocate
from dealer_xl.domain.schedules import Installment, build_schedule

D = Decimal
SIX = [Installment(k, date(2026, k, 15), D("1000"), D("1000"), D("0"), D(0)) for k in range(1, 7)]


def test_default_labels_and_custom_bounds():
    assert bucket_labels() == ("未到期", "1-30", "31-60", "61-90", "91-180", "181-365", "365以上")
    assert bucket_labels((15, 45)) == ("未到期", "1-15", "16-45", "45以上")


def test_bucket_text_is_parsed_tolerantly_and_bad_text_falls_back_to_the_default():
    assert parse_buckets("30,60,90,180,365") == (30, 60, 90, 180, 365)
    assert parse_buckets(" 30，60、90 ") == (30, 60, 90)
    assert bucket_text_problem("30,60") is None
    for bad in ("", "30,abc", "60,30", "0,30", None):
        assert bucket_text_problem(bad)
        assert parse_buckets(bad) == (30, 60, 90, 180, 365)


def test_bucket_boundaries():
    expected = {-5: "未到期", 0: "未到期", 1: "1-30", 30: "1-30", 31: "31-60", 90: "61-90", 91: "91-180",
                180: "91-180", 181: "181-365", 365: "181-365", 366: "365以上"}
    assert {d: aging_bucket(d) for d in expected} == expected


def test_risk_class_boundaries():
    expected = {0: "正常", 1: "关注", 90: "关注", 91: "次级", 270: "次级", 271: "可疑", 360: "可疑", 361: "损失"}
    assert {d: risk_class(d) for d in expected} == expected
    assert risk_class(31, special=30) == "次级"
    assert NON_PERFORMING == ("次级", "可疑", "损失")


def test_overdue_kind_boundaries_and_written_off():
    expected = {0: "", 1: "逾期", 180: "逾期", 181: "陈欠", 360: "陈欠", 361: "呆死帐"}
    assert {d: overdue_kind(d) for d in expected} == expected
    assert overdue_kind(10, status="核销") == "呆死帐"
    assert overdue_kind(0, status="核销") == ""


def test_contract_aging_by_installment_as_of_may_20():
    # Six installments of 1,000 due on the 15th of Jan…Jun 2026; P1 paid, 400 paid on P2.
    pos = allocate(SIX, [Payment(date(2026, 1, 15), D("1000")), Payment(date(2026, 2, 20), D("400"))],
                   date(2026, 5, 20))
    aging = age_installments(pos)
    # Days overdue on 5-20: P2 (2-15) 13+31+30+20 = 94; P3 (3-15) 16+30+20 = 66; P4 (4-15) 15+20 = 35;
    # P5 (5-15) 5; P6 (6-15) not yet due.
    assert [(r.period, r.days_overdue, r.bucket, r.outstanding) for r in aging.installments] == [
        (2, 94, "91-180", D("600")), (3, 66, "61-90", D("1000")), (4, 35, "31-60", D("1000")),
        (5, 5, "1-30", D("1000")), (6, 0, "未到期", D("1000"))]
    assert aging.buckets == {"未到期": D("1000"), "1-30": D("1000"), "31-60": D("1000"), "61-90": D("1000"),
                             "91-180": D("600"), "181-365": 0, "365以上": 0}
    assert aging.outstanding == D("4600") and aging.overdue == D("3600")
    assert check_buckets(aging.outstanding, aging.buckets)
    assert (aging.dpd, aging.risk_class, aging.kind) == (94, "次级", "逾期")
    assert aging.kind_amounts == {"逾期": D("3600"), "陈欠": 0, "呆死帐": 0}


def test_installment_due_on_the_as_of_date_is_not_yet_due_and_kinds_split_per_installment():
    aging = age_installments(allocate(SIX, [], date(2026, 5, 15)), long_overdue_days=60, bad_debt_days=100)
    # On 5-15: P1 120 days (呆死帐 beyond 100), P2 89 and P3 61 (陈欠 beyond 60), P4 30 (逾期), P5 due today.
    assert [r.bucket for r in aging.installments] == ["91-180", "61-90", "61-90", "1-30", "未到期", "未到期"]
    assert aging.kind_amounts == {"逾期": D("1000"), "陈欠": D("2000"), "呆死帐": D("1000")}
    assert aging.kind == "呆死帐"


def test_check_buckets_detects_a_difference_of_one_fen():
    assert check_buckets(D("10.00"), [D("4.00"), D("6.00")])
    assert not check_buckets(D("10.00"), {"a": D("4.00"), "b": D("5.99")})


def test_add_buckets_sums_label_wise():
    assert add_buckets([{"a": D("1"), "b": D("2")}, {"b": D("3"), "c": D("4")}]) == {
        "a": D("1"), "b": D("5"), "c": D("4")}


def test_structure_ratio_gives_the_leftover_unit_to_the_largest_remainder():
    shares = structure_ratio({"正常": D("1"), "关注": D("1"), "次级": D("1")})
    assert shares == {"正常": D("0.3334"), "关注": D("0.3333"), "次级": D("0.3333")}
    # 2/3 cut to 0.6666 leaves 0.0000666…, 1/3 cut to 0.3333 leaves 0.0000333…: the missing unit goes to a
    assert structure_ratio({"a": D("2"), "b": D("1")}) == {"a": D("0.6667"), "b": D("0.3333")}
    assert structure_ratio({"a": D("0"), "b": D("0")}) == {"a": 0, "b": 0}


def test_aging_options_read_the_parameters():
    options = aging_options({"aging_buckets": "30,90", "long_overdue_days": 120, "risk_special_days": 60})
    assert options == {"bounds": (30, 90), "long_overdue_days": 120, "bad_debt_days": 360,
                       "risk_days": (60, 270, 360)}


@settings(max_examples=100, deadline=None)
@given(st.decimals(min_value=D("1000"), max_value=D("300000"), places=2), st.integers(1, 36),
       st.lists(st.tuples(st.integers(0, 1200), st.decimals(min_value=D("0.01"), max_value=D("20000"), places=2)),
                max_size=20),
       st.integers(0, 1500))
def test_buckets_always_add_up_to_outstanding(principal, months, receipts, as_of_day):
    base = date(2025, 1, 1).toordinal()
    rows = build_schedule(principal, D("0.08"), months, date(2025, 2, 28), "等额本息")
    payments = [Payment(date.fromordinal(base + d), a) for d, a in receipts]
    aging = age_installments(allocate(rows, payments, date.fromordinal(base + as_of_day)))
    assert check_buckets(aging.outstanding, aging.buckets)
    assert sum(aging.kind_amounts.values()) == aging.overdue
    assert aging.buckets["未到期"] == aging.outstanding - aging.overdue


@given(st.dictionaries(st.text(min_size=1, max_size=3),
                       st.decimals(min_value=D("0"), max_value=D("1e9"), places=2), min_size=1, max_size=6))
def test_structure_shares_sum_to_one(amounts):
    shares = structure_ratio(amounts)
    assert set(shares) == set(amounts)
    if sum(amounts.values()) > 0:
        assert sum(shares.values()) == 1
        assert all(abs(shares[k] - amounts[k] / sum(amounts.values())) < D("0.0001") for k in amounts)
