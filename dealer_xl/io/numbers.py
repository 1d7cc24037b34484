"""Parsers of money, plain numbers, whole numbers and rates (see :mod:`dealer_xl.io.values`).

Money is a Decimal with exactly two decimals (ROUND_HALF_UP): ``'¥1,234.50'``, ``'1234元'``,
``'(100)'`` (negative) and ``'1.2万'`` (12000.00) are read; float noise left by formulas is
rounded silently, real extra decimals give a MONEY_PRECISION warning. Numbers are Decimals and
may carry a short unit (``'1200小时'``) or ``%``; integers accept ``36.0`` and ``'36期'``; rates are
fractions, and a bare number above 1 and up to 100 reads as a percent with a warning.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal
from itertools import repeat

import numpy as np

from dealer_xl.problems import Code, Severity

from .cells import MAX_EXACT, Issue, clean, show

CENT = Decimal("0.01")
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_MONEY_RE = re.compile(
    rf"(?P<sign>[-+−])?(?:¥|RMB|CNY|人民币)?(?P<sign2>[-+−])?(?P<num>{_NUMBER})(?P<unit>万元|万|元|圆)?整?",
    re.IGNORECASE)
_QUANTITY_RE = re.compile(rf"(?P<sign>[-+−])?(?P<num>{_NUMBER})(?P<unit>%|‰|[^\W\d_]{{1,3}})?")
_MULTIPLIER_UNITS = ("万", "亿")
_BARE_MULTIPLIERS = frozenset({"十", "百", "千"})


def _signed(sign: str | None, number: Decimal) -> Decimal:
    return -number if sign in ("-", "−") else number


# ---- money ---------------------------------------------------------------------------------


def parse_money(value: object) -> Decimal | Issue | None:
    """Money in yuan as a Decimal with two decimals."""
    if value.__class__ is float:
        fen = value * 100
        rounded = round(fen) if -MAX_EXACT < fen < MAX_EXACT else None
        if rounded is not None and abs(fen - rounded) < 1e-6:
            return Decimal(rounded).scaleb(-2)
        return _money_from_decimal(value, Decimal(repr(value)))
    if value.__class__ is int:
        return Decimal(value * 100).scaleb(-2) if abs(value) < MAX_EXACT else _bad_money(value)
    if value.__class__ is str:
        return _money_from_text(value)
    return _bad_money(value)


def money_from_floats(values: list[float]) -> list[Decimal] | None:
    """:func:`parse_money` of a list of floats at once, or None when any needs a closer look (a value
    too large for a cent, such as 1e308, overflows to inf here: no warning, it is read one by one)."""
    with np.errstate(over="ignore", invalid="ignore"):
        fen = np.asarray(values, dtype=np.float64) * 100
        rounded = np.rint(fen)
        exact = (np.abs(fen - rounded) < 1e-6) & (np.abs(rounded) < MAX_EXACT)
    if not exact.all():
        return None
    return list(map(Decimal.scaleb, map(Decimal, rounded.astype(np.int64).tolist()), repeat(-2)))


def _money_from_text(value: str) -> Decimal | Issue | None:
    text = clean(value)
    if not text:
        return None
    negative = text.startswith("(") and text.endswith(")")
    match = _MONEY_RE.fullmatch(text[1:-1] if negative else text)
    if match is None:
        return _bad_money(value)
    amount = Decimal(match["num"].replace(",", ""))
    if match["unit"] in ("万", "万元"):
        amount = amount.scaleb(4)
    amount = _signed(match["sign"] or match["sign2"], amount)
    return _money_from_decimal(value, -amount if negative else amount)


def _money_from_decimal(raw: object, amount: Decimal) -> Decimal | Issue:
    if not amount.is_finite() or abs(amount) >= MAX_EXACT:
        return _bad_money(raw)
    rounded = amount.quantize(CENT, ROUND_HALF_UP)
    if rounded != amount:
        return Issue(Code.MONEY_PRECISION, f"金额 {show(raw)} 超过两位小数，已四舍五入为 {rounded}",
                     rounded, Severity.WARNING)
    return rounded


def _bad_money(value: object) -> Issue:
    return Issue(Code.BAD_MONEY, f"无法识别的金额「{show(value)}」，请填写数字，如 1234.50")


def _quantity(text: str) -> tuple[Decimal, str] | None:
    """``(number, unit)`` from cleaned text such as ``'36期'`` or ``'6%'``, if it is one."""
    match = _QUANTITY_RE.fullmatch(text)
    if match is None:
        return None
    return _signed(match["sign"], Decimal(match["num"].replace(",", ""))), match["unit"] or ""


def _from_float(value: float) -> Decimal:
    """The float's decimal value without binary noise below 1e-10 (``0.1 + 0.2`` → ``0.3``, ``6.0`` → ``6``)."""
    value = round(value, 10)
    return Decimal(int(value)) if value.is_integer() else Decimal(repr(value))


def _is_multiplier(unit: str) -> bool:
    return unit.startswith(_MULTIPLIER_UNITS) or unit in _BARE_MULTIPLIERS


def parse_number(value: object) -> Decimal | Issue | None:
    """A decimal quantity; text may carry a short unit (``'1200小时'``, ``'35km'``) or ``%``/``‰``."""
    if value.__class__ is float:
        return _from_float(value) if math.isfinite(value) else _bad_number(value)
    if value.__class__ is int:
        return Decimal(value)
    if value.__class__ is str:
        text = clean(value)
        if not text:
            return None
        parsed = _quantity(text)
        if parsed is not None and not _is_multiplier(parsed[1]):
            return _scaled(*parsed)
    return _bad_number(value)


def _scaled(number: Decimal, unit: str) -> Decimal:
    return number.scaleb(-2) if unit == "%" else number.scaleb(-3) if unit == "‰" else number


def _bad_number(value: object) -> Issue:
    return Issue(Code.BAD_NUMBER, f"无法识别的数字「{show(value)}」，请填写数字")


def parse_int(value: object) -> int | Issue | None:
    """A whole number; ``36.0`` and ``'36期'``/``'3 天'`` are accepted, ``36.5`` is not."""
    if value.__class__ is int:
        return value
    if value.__class__ is float:
        return int(value) if value.is_integer() else _bad_int(value)
    if value.__class__ is str:
        text = clean(value)
        if not text:
            return None
        parsed = _quantity(text)
        if parsed is not None and parsed[1] not in ("%", "‰") and not _is_multiplier(parsed[1]):
            number = parsed[0]
            return int(number) if number == number.to_integral_value() else _bad_int(value)
    return _bad_int(value)


def _bad_int(value: object) -> Issue:
    return Issue(Code.BAD_INT, f"「{show(value)}」不是整数，请填写整数")


def parse_rate(value: object) -> Decimal | Issue | None:
    """A ratio as a fraction: ``0.06``, ``'6%'``, ``'6％'``, ``'3‰'``; ``6`` reads as 6% with a warning."""
    if value.__class__ is float:
        return _rate_from_decimal(value, _from_float(value))
    if value.__class__ is int:
        return _rate_from_decimal(value, Decimal(value))
    if value.__class__ is str:
        text = clean(value)
        if not text:
            return None
        parsed = _quantity(text)
        if parsed is not None:
            number, unit = parsed
            if unit in ("%", "‰"):
                return _scaled(number, unit)
            if not unit:
                return _rate_from_decimal(value, number)
    return _bad_rate(value)


def _rate_from_decimal(raw: object, number: Decimal) -> Decimal | Issue:
    if not number.is_finite() or number > 100:
        return _bad_rate(raw)
    if number > 1:
        percent = number.scaleb(-2)
        return Issue(Code.RATE_AS_PERCENT, f"比率填写为 {show(raw)}，已按 {show(raw)}% 即 {percent} 读取；"
                     f"请填写 {show(raw)}% 或 {percent}", percent, Severity.WARNING)
    return number


def _bad_rate(value: object) -> Issue:
    return Issue(Code.BAD_RATE, f"无法识别的比率「{show(value)}」，请填写如 6% 或 0.06")


