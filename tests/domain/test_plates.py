"""Plate numbers (GA 36-2018): ordinary, new-energy and special plates; what people type wrong."""

from __future__ import annotations

import pytest

from dealer_xl.domain.plates import normalise_plate, plate_reason


@pytest.mark.parametrize("plate", ["豫A12345", "豫AB123C", "豫AD12345", "豫ADA1234", "豫AF12345", "豫A12345D",
                                   "豫A1234挂", "京Q2345学", "豫A·12345", "豫a 12345", "豫Ａ１２３４５"])
def test_these_are_plates(plate):
    assert plate_reason(plate) is None


@pytest.mark.parametrize(("plate", "why"), [
    ("", "为空"),
    ("XA12345", "省、自治区、直辖市简称"),
    ("豫I12345", "发牌机关代号"),
    ("豫A1234", "应为 7 位"),
    ("豫AO1234", "I 或 O"),
    ("豫A12I45", "I 或 O"),
    ("豫A123456", "编码规则"),             # 6 digits: a new-energy plate needs D or F
    ("豫AD1234X", "编码规则"),
    ("豫A123456789", "应为 7 位"),
])
def test_these_are_not_and_the_reason_says_why(plate, why):
    assert why in plate_reason(plate)


def test_input_is_normalised_before_checking():
    assert normalise_plate(" 豫a·12345 ") == "豫A12345"
