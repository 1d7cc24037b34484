"""The identifier checks and 大写金额 against independent, well-kept libraries (test oracles only):
python-stdnum (GB 11643 resident ID, GB 32100 credit code) and cn2an (RMB in capitals)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from dealer_xl.domain.identifiers import (
    USCC_CHARS,
    is_valid_resident_id,
    is_valid_uscc,
    resident_id_check_char,
    uscc_check_char,
)
from dealer_xl.domain.rmb import rmb_upper

REGIONS = ("110101", "310104", "440305", "510107", "370102")  # real 行政区划代码 (stdnum checks them)
ids = st.builds(lambda region, born, seq: f"{region}{born:%Y%m%d}{seq:03d}",
                st.sampled_from(REGIONS), st.dates(date(1930, 1, 1), date(2010, 12, 31)), st.integers(0, 999))
uscc_bodies = st.text(alphabet=USCC_CHARS, min_size=17, max_size=17)


@given(ids)
def test_resident_id_check_character_agrees_with_stdnum(body):
    check = ric.calc_check_digit(body + "0")  # stdnum takes the number with a check place
    assert resident_id_check_char(body) == check
    assert is_valid_resident_id(body + check, date(2026, 10, 31))


@given(uscc_bodies)
def test_credit_code_check_character_agrees_with_stdnum(body):
    assert uscc_check_char(body) == uscc.calc_check_digit(body)
    assert is_valid_uscc(body + uscc.calc_check_digit(body))


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999999.99"), places=2))
def test_rmb_upper_agrees_with_cn2an(amount):
    """The same words as cn2an, except the one 零 that the rules let either write (DOMAIN §2: when
    the 万 or 元 position is 0 but the next lower one is not, 'one 零 may be written or omitted'):
    right after 亿 or 万 before a 仟, or right after 元 before a 角. Both sides drop exactly those
    optional zeros and must then read the same."""
    ours, theirs = rmb_upper(amount), cn2an.an2cn(str(amount), "rmb")
    optional = re.compile(r"(?<=[亿万])零(?=[壹贰叁肆伍陆柒捌玖]仟)|(?<=元)零(?=[壹贰叁肆伍陆柒捌玖]角)")
    assert optional.sub("", ours) == optional.sub("", theirs)


def test_the_optional_zero_is_the_only_difference_allowed():
    """The comparison above still fails on a real difference (a missing mandatory 零)."""
    optional = re.compile(r"(?<=[亿万])零(?=[壹贰叁肆伍陆柒捌玖]仟)|(?<=元)零(?=[壹贰叁肆伍陆柒捌玖]角)")
    assert optional.sub("", "壹佰万零壹仟元整") == optional.sub("", "壹佰万壹仟元整")
    assert optional.sub("", "壹亿零壹万元整") != optional.sub("", "壹亿壹万元整")
    assert rmb_upper("30010000000") in {"叁佰亿壹仟万元整", "叁佰亿零壹仟万元整"}


@pytest.mark.parametrize(("amount", "words"), [
    ("100000", "壹拾万元整"), ("1234.05", "壹仟贰佰叁拾肆元零伍分"), ("100100", "壹拾万零壹佰元整")])
def test_cn2an_reads_the_rules_as_we_do_on_the_hand_worked_examples(amount, words):
    assert cn2an.an2cn(amount, "rmb") == words == rmb_upper(amount)
