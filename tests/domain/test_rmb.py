"""大写金额 against hand-written cases covering every zero rule of DOMAIN §2."""

from decimal import Decimal

import pytest

from dealer_xl.domain.rmb import contract_amount_text, format_yuan, rmb_upper

HAND_WRITTEN = [
    # 万位/元位 single zero, lower position non-zero: our choice omits 零
    ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
    ("107000.53", "壹拾万柒仟元零伍角叁分"),   # 万位 single zero omitted; 佰拾元 run → 元零伍角
    ("20100000000", "贰佰零壹亿元整"),
    ("2010000000", "贰拾亿壹仟万元整"),         # 亿位 single zero omitted
    ("10.5", "壹拾元伍角"),                     # 元位 single zero omitted
    # several zeros in a row → one 零, also across 万 / 元
    ("100500", "壹拾万零伍佰元整"),
    ("1007000", "壹佰万零柒仟元整"),
    ("100.50", "壹佰元零伍角"),
    ("100000001", "壹亿零壹元整"),
    ("200010000", "贰亿零壹万元整"),
    ("1000000001", "壹拾亿零壹元整"),
    # a zero between non-zero digits
    ("1409.50", "壹仟肆佰零玖元伍角"),
    ("6007.14", "陆仟零柒元壹角肆分"),
    ("10010", "壹万零壹拾元整"),
    ("1010000", "壹佰零壹万元整"),
    # 角 zero, 分 not: 零 after 元
    ("325.04", "叁佰贰拾伍元零肆分"),
    ("10.05", "壹拾元零伍分"),
    # below one yuan, 整 rules, 壹拾 in full
    ("0.5", "伍角"),
    ("0.05", "伍分"),
    ("0.55", "伍角伍分"),
    ("0", "零元整"),
    ("10", "壹拾元整"),
    ("15", "壹拾伍元整"),
    ("100", "壹佰元整"),
    ("100000", "壹拾万元整"),
    ("110000", "壹拾壹万元整"),
    ("1000000000", "壹拾亿元整"),
    ("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
]


@pytest.mark.parametrize(("amount", "expected"), HAND_WRITTEN)
def test_upper_form_follows_the_zero_rules(amount, expected):
    assert rmb_upper(Decimal(amount)) == expected


def test_accepts_int_str_and_negative():
    assert rmb_upper(100) == "壹佰元整"
    assert rmb_upper("1,234.50") == "壹仟贰佰叁拾肆元伍角"
    assert rmb_upper("¥1,234.50") == "壹仟贰佰叁拾肆元伍角"
    assert rmb_upper(Decimal("-6007.14")) == "负陆仟零柒元壹角肆分"
    assert rmb_upper("1.500") == "壹元伍角"   # trailing zeros are not a third decimal


@pytest.mark.parametrize(("bad", "words"), [
    ("abc", "不是数字"), (None, "不是数字"), (True, "不是数字"), ("NaN", "不是数字"),
    ("1.234", "两位小数"), (Decimal("1000000000000"), "1万亿"), ("-1000000000000", "1万亿"),
])
def test_rejects_what_the_rules_do_not_cover(bad, words):
    with pytest.raises(ValueError, match=words):
        rmb_upper(bad)


def test_contract_text_prints_figure_and_upper_form():
    text = contract_amount_text(Decimal("1234.5"))
    assert text.figure == "¥1,234.50"
    assert text.upper == "人民币壹仟贰佰叁拾肆元伍角"
    assert str(text) == "人民币壹仟贰佰叁拾肆元伍角（¥1,234.50）"
    assert format_yuan("-5") == "-¥5.00"
    assert format_yuan(1680000) == "¥1,680,000.00"


def test_worksheet_function_takes_excel_floats():
    from dealer_xl.excel.udfs import dx_rmb_upper

    assert dx_rmb_upper(100) == "壹佰元整"
    assert dx_rmb_upper(107000.53) == "壹拾万柒仟元零伍角叁分"
    assert dx_rmb_upper(0.1 + 0.2) == "叁角"          # float noise is not a third decimal
    with pytest.raises(ValueError, match="两位小数"):
        dx_rmb_upper(1.234)
