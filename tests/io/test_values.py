"""The cell value parsers: every messy form staff type, and what is refused or corrected."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dealer_xl.io.values import (
    Issue,
    enum_parser,
    parse_code,
    parse_column,
    parse_date,
    parse_int,
    parse_money,
    parse_month,
    parse_number,
    parse_rate,
    parse_text,
    parse_yesno,
)
from dealer_xl.problems import Code, Severity

JAN5 = dt.date(2026, 1, 5)
FULL_WIDTH = str.maketrans("0123456789.-,", "０１２３４５６７８９．－，")


def issue_code(result: object) -> Code:
    assert isinstance(result, Issue), result
    return result.code


# ---- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [
    JAN5, dt.datetime(2026, 1, 5, 14, 30), "2026.1.5", "2026-1-5", "2026/1/5", "2026年1月5日",
    "2026年01月05日", "20260105", "２０２６－１－５", "２０２６年１月５日", " 2026-01-05 ", "2026-01-05 10:30:00",
    46027, 46027.0, 46027.75, 20260105,
])
def test_every_date_form_reads_as_the_same_day(raw):
    assert parse_date(raw) == JAN5


@pytest.mark.parametrize("raw", ["2026-2-30", "2026.13.1", "20260230", 20260431])
def test_impossible_calendar_date_is_a_bad_date(raw):
    result = parse_date(raw)
    assert issue_code(result) is Code.BAD_DATE
    assert result.value is None and result.severity is Severity.ERROR


def test_bad_date_message_says_why_in_chinese():
    assert "2026年没有2月30日" in parse_date("2026-2-30").message


@pytest.mark.parametrize("raw", ["明天", "1/5", 5, 3.5, dt.time(10, 30), dt.timedelta(hours=30), True])
def test_non_dates_are_bad_dates(raw):
    assert issue_code(parse_date(raw)) is Code.BAD_DATE


@pytest.mark.parametrize("raw", ["", "   ", "-", "／"])
def test_empty_date_is_none(raw):
    assert parse_date(raw) is None


@given(st.dates(dt.date(1950, 1, 1), dt.date(2100, 12, 31)))
def test_any_date_round_trips_through_every_text_form_and_its_serial(day):
    forms = [f"{day.year}.{day.month}.{day.day}", f"{day.year}-{day.month}-{day.day}",
             f"{day.year}/{day.month:02d}/{day.day:02d}", f"{day.year}年{day.month}月{day.day}日",
             day.strftime("%Y%m%d"), day.isoformat().translate(FULL_WIDTH),
             float((day - dt.date(1899, 12, 30)).days)]
    assert [parse_date(f) for f in forms] == [day] * len(forms)


# ---- months --------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [
    "2026-01", "2026-1", "2026.1", "2026/1", "2026年1月", "202601", "２０２６年１月", 202601,
    JAN5, dt.datetime(2026, 1, 31, 8, 0), "2026-01-05", 46027, 2026.01,
])
def test_every_month_form_reads_as_yyyy_mm(raw):
    assert parse_month(raw) == "2026-01"


def test_month_number_with_two_decimals_reads_its_month():
    assert parse_month(2026.12) == "2026-12"


def test_month_number_2026_point_1_is_refused_as_ambiguous():
    result = parse_month(2026.1)
    assert issue_code(result) is Code.BAD_MONTH
    assert "10 月" in result.message


@pytest.mark.parametrize("raw", ["2026-13", "202613", "一月", "26-1"])
def test_bad_months(raw):
    assert issue_code(parse_month(raw)) is Code.BAD_MONTH


# ---- money ---------------------------------------------------------------------------------


@pytest.mark.parametrize("raw, expected", [
    (1234.5, "1234.50"), (1234, "1234.00"), (0.0, "0.00"), ("1,234.50", "1234.50"), ("¥1234", "1234.00"),
    ("￥1,234.5", "1234.50"), ("1234元", "1234.00"), ("１２３４．５元", "1234.50"), (" 1234.50 ", "1234.50"),
    ("(1,234.50)", "-1234.50"), ("（100）", "-100.00"), ("-¥5", "-5.00"), ("¥-5", "-5.00"), ("1.2万", "12000.00"),
    ("3万元", "30000.00"), ("RMB 800", "800.00"), ("人民币800元整", "800.00"), ("1 234", "1234.00"),
    (0.1 + 0.2, "0.30"), (1234.56 * 3, "3703.68"),
])
def test_money_forms(raw, expected):
    result = parse_money(raw)
    assert result == Decimal(expected)
    assert result.as_tuple().exponent == -2


@pytest.mark.parametrize("raw, rounded", [(1234.567, "1234.57"), (0.125, "0.13"), ("2.345", "2.35"),
                                          ("-2.345", "-2.35"), ("1.2345678万", "12345.68")])
def test_money_with_more_than_two_decimals_is_rounded_half_up_with_a_warning(raw, rounded):
    result = parse_money(raw)
    assert issue_code(result) is Code.MONEY_PRECISION
    assert result.severity is Severity.WARNING
    assert result.value == Decimal(rounded)


@pytest.mark.parametrize("raw", ["abc", "12,34", "1.2.3", "$5", "壹万元", True, JAN5, "1e5", "NaN"])
def test_unreadable_money(raw):
    result = parse_money(raw)
    assert issue_code(result) is Code.BAD_MONEY
    assert result.value is None


@pytest.mark.parametrize("raw", ["", " ", "-", "—", "/"])
def test_empty_money_is_none(raw):
    assert parse_money(raw) is None


@given(st.decimals(min_value=Decimal("-99999999.99"), max_value=Decimal("99999999.99"), places=2))
def test_any_formatted_amount_round_trips(amount):
    forms = [f"{amount:,.2f}", f"{amount}元", f"¥{amount}", str(amount).translate(FULL_WIDTH),
             float(amount)]
    if amount < 0:
        forms.append(f"({-amount:,.2f})")
    assert [parse_money(f) for f in forms] == [amount] * len(forms)


# ---- numbers, integers, rates --------------------------------------------------------------


@pytest.mark.parametrize("raw, expected", [(36, 36), (36.0, 36), ("36", 36), ("36期", 36), ("3 天", 3),
                                           ("３６", 36), ("1,200", 1200), ("-2", -2)])
def test_integers(raw, expected):
    result = parse_int(raw)
    assert result == expected and type(result) is int


@pytest.mark.parametrize("raw", [36.5, "36.5", "三十六", "2万", "50%", True])
def test_non_integers_are_bad_ints(raw):
    assert issue_code(parse_int(raw)) is Code.BAD_INT


@pytest.mark.parametrize("raw, expected", [(2.5, "2.5"), (3, "3"), ("1200小时", "1200"), ("35km", "35"),
                                           ("1,234.5", "1234.5"), ("50%", "0.5"), (0.1 + 0.2, "0.3")])
def test_numbers(raw, expected):
    assert parse_number(raw) == Decimal(expected)


@pytest.mark.parametrize("raw", ["两个", "2万", "1.2.3"])
def test_bad_numbers(raw):
    assert issue_code(parse_number(raw)) is Code.BAD_NUMBER


@pytest.mark.parametrize("raw, expected", [(0.06, "0.06"), ("6%", "0.06"), ("6％", "0.06"), ("0.06", "0.06"),
                                           ("4.35%", "0.0435"), ("3‰", "0.003"), (1, "1"), (0, "0")])
def test_rates(raw, expected):
    assert parse_rate(raw) == Decimal(expected)


@pytest.mark.parametrize("raw, expected", [(6, "0.06"), (6.0, "0.06"), ("6", "0.06"), (100, "1"), (4.35, "0.0435")])
def test_rate_above_one_reads_as_percent_with_a_warning(raw, expected):
    result = parse_rate(raw)
    assert issue_code(result) is Code.RATE_AS_PERCENT
    assert result.severity is Severity.WARNING
    assert result.value == Decimal(expected)


@pytest.mark.parametrize("raw", [150, "六厘", "6%%"])
def test_bad_rates(raw):
    assert issue_code(parse_rate(raw)) is Code.BAD_RATE


# ---- choices, yes/no, codes, text ----------------------------------------------------------


def test_enum_accepts_normalised_choices_and_lists_them_when_wrong():
    parse = enum_parser(("A", "B", "C", "D"))
    assert [parse(" B "), parse("ｃ"), parse("d"), parse("")] == ["B", "C", "D", None]
    result = parse("E")
    assert issue_code(result) is Code.BAD_CHOICE
    assert "A、B、C、D" in result.message


def test_enum_of_chinese_choices():
    parse = enum_parser(("全款", "分期", "按揭"))
    assert parse(" 分期\u3000") == "分期"
    assert issue_code(parse("现金")) is Code.BAD_CHOICE


@pytest.mark.parametrize("raw", ["是", "Y", "y", "yes", "YES", "√", "true", "TRUE", "1", 1, 1.0, True, " 是 "])
def test_yes(raw):
    assert parse_yesno(raw) == "是"


@pytest.mark.parametrize("raw", ["否", "N", "no", "×", "false", "0", 0, 0.0, False])
def test_no(raw):
    assert parse_yesno(raw) == "否"


@pytest.mark.parametrize("raw", ["也许", 2, "x"])
def test_bad_yesno(raw):
    assert issue_code(parse_yesno(raw)) is Code.BAD_YESNO


@pytest.mark.parametrize("raw, expected", [
    (1001.0, "1001"), (1001, "1001"), (" ht-2026 001 ", "HT-2026001"), ("ＨＴ－００１", "HT-001"),
    ("lgb\u3000123", "LGB123"), (123456789012345.0, "123456789012345"), ("", None), ("  ", None),
])
def test_codes(raw, expected):
    assert parse_code(raw) == expected


@pytest.mark.parametrize("raw", [110101199003078888.0, 6222021234567890.0, 6222021234567890123])
def test_long_number_in_a_code_column_lost_precision(raw):
    result = parse_code(raw)
    assert issue_code(result) is Code.NUMBER_AS_CODE
    assert result.value is None
    assert "文本" in result.message


@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_any_code_of_up_to_15_digits_stored_as_number_reads_back(n):
    assert parse_code(float(n)) == str(n)


@pytest.mark.parametrize("raw, expected", [(" 合计机械有限公司 ", "合计机械有限公司"), (36.0, "36"), (1.5, "1.5"),
                                           (3e-05, "0.00003"), ("ＡＢＣ", "ＡＢＣ"), (JAN5, "2026-01-05"), ("", None)])
def test_text(raw, expected):
    assert parse_text(raw) == expected


# ---- whole columns -------------------------------------------------------------------------


def test_parse_column_reports_each_issue_at_its_position():
    typed, issues = parse_column([1.5, "x", 1.5, "", "x"], parse_money)
    assert typed == [Decimal("1.50"), None, Decimal("1.50"), None, None]
    assert [i for i, _ in issues] == [1, 4]


def test_parse_column_keeps_true_apart_from_one():
    typed, issues = parse_column([1.0, True, 1.0], parse_money)
    assert typed == [Decimal("1.00"), None, Decimal("1.00")]
    assert [(i, issue.code) for i, issue in issues] == [(1, Code.BAD_MONEY)]


def test_money_column_of_plain_numbers_with_extra_decimals_still_warns():
    typed, issues = parse_column([1.0, 2.345, 3.0], parse_money)
    assert typed == [Decimal("1.00"), Decimal("2.35"), Decimal("3.00")]
    assert [(i, issue.code) for i, issue in issues] == [(1, Code.MONEY_PRECISION)]


def test_money_column_of_plain_numbers_is_exact_to_the_fen():
    typed, issues = parse_column([1234.5, 0.1 + 0.2, -3.0, 19.99], parse_money)
    assert typed == [Decimal("1234.50"), Decimal("0.30"), Decimal("-3.00"), Decimal("19.99")]
    assert {d.as_tuple().exponent for d in typed} == {-2}
    assert issues == []


PARSERS = [parse_money, parse_number, parse_int, parse_rate, parse_date, parse_month, parse_text, parse_code,
           parse_yesno, enum_parser(("是", "否"))]


@given(st.one_of(st.floats(), st.integers(), st.text(), st.booleans(), st.dates(), st.datetimes(), st.times(),
                 st.timedeltas()))
def test_no_parser_raises_on_any_cell_value(value):
    for parse in PARSERS:
        result = parse(value)
        if isinstance(result, Issue):
            assert result.message and result.code in Code
        if isinstance(result, Decimal):
            assert result.is_finite()


def test_a_date_serial_typed_as_text_gives_its_date_and_month_with_a_hint():
    from dealer_xl.io.dates import parse_date, parse_month

    day, month = parse_date("46027"), parse_month("46027")
    assert (day.value, day.severity, day.code) == (dt.date(2026, 1, 5), Severity.INFO, Code.DATE_AS_TEXT_SERIAL)
    assert (month.value, month.severity) == ("2026-01", Severity.INFO)
    assert parse_date("12345").severity is Severity.ERROR          # 1933: outside the serials read as dates
