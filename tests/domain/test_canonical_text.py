"""The canonical text of a cell value (what a row fingerprint hashes) against the rule written out.

The rule (DESIGN: the seal of a closed month): '' for None, ISO dates (a datetime with a space),
numbers without trailing zeros in plain notation, floats through their repr, text stripped. The
fast path of :func:`dealer_xl.domain.fingerprints.canonical` must give exactly this text.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from dealer_xl.domain.fingerprints import canonical, is_sealed, row_digest


def rule(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value else "NaN"
    if isinstance(value, float):
        return rule(Decimal(repr(value)))
    return str(value).strip()


VALUES = [None, "", "  甲 ", "HT2026XQ0001", date(2026, 1, 31), date(999, 12, 1), datetime(2026, 1, 31, 8, 5),
          Decimal("0"), Decimal("-0"), Decimal("0.00"), Decimal("-0.00"), Decimal("1200.50"), Decimal("1.2E+3"),
          Decimal("1E-7"), Decimal("NaN"), Decimal("123456789012.345000"), 0, 36, -5, True, 0.1, 1e20, 2.50]


def test_each_value_has_the_text_of_the_rule_twice_over():
    for value in VALUES * 2:  # the second round reads what the first kept
        assert canonical(value) == rule(value), value


def test_hand_worked_texts():
    assert canonical(Decimal("1200.50")) == "1200.5"
    assert canonical(Decimal("-0.00")) == "-0"
    assert canonical(Decimal("1.2E+3")) == "1200"
    assert canonical(datetime(2026, 1, 31, 8, 5)) == "2026-01-31 08:05:00"


def test_a_row_digest_is_the_sha256_of_its_joined_texts():
    import hashlib

    row = {"a": Decimal("10.00"), "b": date(2026, 1, 5), "c": " x ", "d": None}
    text = "10\x1f2026-01-05\x1fx\x1f"
    assert row_digest(row, ["a", "b", "c", "d"]) == hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def test_sealed_up_to_the_month_by_date_or_month_text():
    assert is_sealed({"d": date(2026, 1, 31)}, "d", "2026-01")
    assert not is_sealed({"d": date(2026, 2, 1)}, "d", "2026-01")
    assert is_sealed({"d": "2025-12"}, "d", "2026-01")
    assert not is_sealed({"d": None}, "d", "2026-01")
    assert is_sealed({"d": datetime(2026, 1, 3, 9, 0)}, "d", "2026-01")
