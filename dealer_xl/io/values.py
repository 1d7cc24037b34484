"""Pure parsers turning one raw cell value into the typed value of a column (DESIGN §2).

A raw value is what python-calamine yields: ``str`` (``''`` when empty), ``float``, ``int``,
``bool``, ``datetime.date``/``datetime.datetime``, ``datetime.time`` or ``datetime.timedelta``.
Each parser returns the typed value, ``None`` for an empty cell, or an :class:`Issue` when the
value cannot be read as typed (``Issue.value`` is then ``None``) or was read with a correction
the user should know about (a warning whose ``Issue.value`` is the corrected value).

Guarantees:

- money is a ``Decimal`` with exactly two decimals, rounded ROUND_HALF_UP; text such as
  ``'¥1,234.50'``, ``'1234元'``, ``'(100)'`` (negative) and ``'1.2万'`` (= 12000.00) is accepted;
  float noise left by formulas (``0.30000000000000004``) is rounded silently, real extra
  decimals (``1234.567``) give a MONEY_PRECISION warning;
- dates are ``datetime.date`` (times dropped); Excel serial numbers between 1950 and 2100 and
  text like ``2026.1.5``, ``2026-1-5``, ``2026/1/5``, ``2026年1月5日``, ``20260105`` are read;
- months are ``'YYYY-MM'``; numbers are ``Decimal``; integers are ``int``; rates are ``Decimal``
  fractions (``'6%'`` → ``0.06``; a bare number above 1 and up to 100 is read as a percent with a
  RATE_AS_PERCENT warning);
- codes are NFKC, without whitespace, upper case; a number of 16 or more digits is refused
  (Excel kept only 15 of them). Text is stripped but never NFKC-normalised;
- full-width digits and punctuation are accepted in every numeric, date and code value;
- a lone dash or slash (``-``, ``—``, ``/``) in a numeric or date cell means "nothing" (None).

This module is the entry point: text, code, yes/no and choice parsers live here, money and other
numbers in :mod:`dealer_xl.io.numbers`, dates and months in :mod:`dealer_xl.io.dates`, and
:func:`parser_for`/:func:`parse_column` pick and apply them. Nothing here knows about sheets,
rows or files; :mod:`dealer_xl.io.reader` adds the location.
"""

from __future__ import annotations

from collections.abc import Callable

from dealer_xl.problems import Code
from dealer_xl.schema import NO, YES, Column, FieldType

from .cells import MAX_EXACT, Issue, is_number, nfkc, number_text, show
from .dates import parse_date, parse_month
from .numbers import money_from_floats, parse_int, parse_money, parse_number, parse_rate

__all__ = [
    "Issue", "enum_parser", "parse_code", "parse_column", "parse_date", "parse_int", "parse_money",
    "parse_month", "parse_number", "parse_rate", "parse_text", "parse_yesno", "parser_for", "show",
]

_YESNO = {
    "是": YES, "y": YES, "yes": YES, "√": YES, "✓": YES, "✔": YES, "true": YES, "1": YES, "有": YES,
    "否": NO, "n": NO, "no": NO, "×": NO, "✗": NO, "✘": NO, "false": NO, "0": NO, "无": NO,
}


def parse_text(value: object) -> str | None:
    """Free text, stripped; a number becomes its plain text (``36`` not ``36.0``)."""
    if value.__class__ is str:
        return value.strip() or None
    if is_number(value):
        return number_text(value)
    return show(value)


def parse_code(value: object) -> str | Issue | None:
    """An identifier: NFKC, every space removed, upper case; ``1001.0`` → ``'1001'``."""
    if value.__class__ is str:
        return "".join(nfkc(value).split()).upper() or None
    if is_number(value) and abs(value) >= MAX_EXACT:
        return Issue(Code.NUMBER_AS_CODE, f"编号被存成了数字 {value:.15G}，Excel 只保留 15 位有效数字，"
                     "后面的位数已丢失；请把该单元格设为“文本”格式后重新输入")
    text = parse_text(value)
    return text and text.upper()


def parse_yesno(value: object) -> str | Issue | None:
    """是 or 否 from 是/否, Y/N, yes/no, √/×, true/false, 1/0 (text, number or TRUE/FALSE cell)."""
    if value.__class__ is bool:
        return YES if value else NO
    key = number_text(value) if is_number(value) else nfkc(str(value)).lower()
    if not key:
        return None
    answer = _YESNO.get(key)
    if answer is None:
        return Issue(Code.BAD_YESNO, f"「{show(value)}」不是 是/否，请填写“是”或“否”")
    return answer


def enum_parser(choices: tuple[str, ...]) -> Callable[[object], str | Issue | None]:
    """A parser accepting one of ``choices`` (compared after NFKC, strip and case folding)."""
    allowed = {nfkc(c).casefold(): c for c in choices}
    listed = "、".join(choices)

    def parse_enum(value: object) -> str | Issue | None:
        text = parse_text(value)
        if text is None:
            return None
        choice = allowed.get(nfkc(text).casefold())
        if choice is None:
            return Issue(Code.BAD_CHOICE, f"「{text}」不是可选值，可选：{listed}")
        return choice

    return parse_enum


_PARSERS: dict[FieldType, Callable[[object], object]] = {
    FieldType.TEXT: parse_text,
    FieldType.CODE: parse_code,
    FieldType.INT: parse_int,
    FieldType.NUMBER: parse_number,
    FieldType.MONEY: parse_money,
    FieldType.RATE: parse_rate,
    FieldType.DATE: parse_date,
    FieldType.MONTH: parse_month,
    FieldType.YESNO: parse_yesno,
}


def parser_for(column: Column) -> Callable[[object], object]:
    """The parser of ``column``'s type (an enum parser bound to its choices for ENUM)."""
    if column.type is FieldType.ENUM:
        return enum_parser(column.choices)
    return _PARSERS[column.type]


def parse_column(values: list, parse: Callable[[object], object]) -> tuple[list, list[tuple[int, Issue]]]:
    """``parse`` applied to every value: the typed values, and ``(index, Issue)`` for each issue.

    Each distinct raw value is parsed once (columns repeat amounts, dates and choices a lot); a
    money column of plain numbers is converted in bulk. A column holding TRUE/FALSE cells is parsed
    value by value, since ``True == 1 == 1.0`` as dict keys.
    """
    kinds = set(map(type, values))
    if bool in kinds:
        return _parse_each(values, parse)
    if parse is parse_money and kinds == {float}:
        typed = money_from_floats(values)
        if typed is not None:
            return typed, []
    memo = dict.fromkeys(values)
    flawed = False
    for value in memo:
        result = memo[value] = parse(value)
        flawed = flawed or result.__class__ is Issue
    typed = list(map(memo.__getitem__, values))
    return _take_issues(typed) if flawed else (typed, [])


def _parse_each(values: list, parse: Callable[[object], object]) -> tuple[list, list[tuple[int, Issue]]]:
    return _take_issues(list(map(parse, values)))


def _take_issues(results: list) -> tuple[list, list[tuple[int, Issue]]]:
    """Replace each Issue in ``results`` by its value, returning where they were."""
    issues = []
    for i, result in enumerate(results):
        if result.__class__ is Issue:
            issues.append((i, result))
            results[i] = result.value
    return results, issues
