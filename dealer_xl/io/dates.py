"""Parsers of dates and months (see :mod:`dealer_xl.io.values`).

Dates are ``datetime.date`` (a time of day is dropped) from date cells, Excel serial numbers
between 1950 and 2100, ``20260105`` and text such as ``2026.1.5``, ``2026-1-5``, ``2026/1/5`` and
``2026年1月5日`` (full-width digits too); an impossible day such as 2026-2-30 is refused. A serial
number typed or pasted as text (``'46027``) is read as the serial it is, with a 提示 saying so. Months
are ``'YYYY-MM'`` from ``2026-01``, ``2026.1``, ``2026/1``, ``2026年1月``, ``202601`` or a date.
"""

from __future__ import annotations

import datetime as dt
import re

from dealer_xl.problems import Code, Severity

from .cells import NOTHING, Issue, is_number, nfkc, show

EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()
SERIAL_MIN = dt.date(1950, 1, 1).toordinal() - EXCEL_EPOCH
SERIAL_MAX = dt.date(2100, 12, 31).toordinal() - EXCEL_EPOCH
_DATE_RE = re.compile(
    r"(?P<y>\d{4})\s*[-./年]\s*(?P<m>\d{1,2})\s*[-./月]\s*(?P<d>\d{1,2})\s*[日号]?"
    r"(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
    r"|(?P<y8>\d{4})(?P<m8>\d{2})(?P<d8>\d{2})")
_SERIAL_TEXT_RE = re.compile(r"\d{5}(?:\.0+)?")
_MONTH_NUMBER_RE = re.compile(r"(\d{4})\.(\d{1,2})")
_MONTH_RE = re.compile(r"(?P<y>\d{4})\s*[-./年]\s*(?P<m>\d{1,2})\s*月?|(?P<y6>\d{4})(?P<m6>\d{2})")


def parse_date(value: object) -> dt.date | Issue | None:
    """A calendar date; the time of day, if any, is dropped."""
    if isinstance(value, dt.date):
        return value.date() if value.__class__ is dt.datetime else value
    if is_number(value):
        return _date_from_number(value)
    if value.__class__ is str:
        text = nfkc(value)
        if not text or text in NOTHING:
            return None
        match = _DATE_RE.fullmatch(text)
        if match is None:
            return _serial_text(value, text)
        y, m, d = (match["y"], match["m"], match["d"]) if match["y"] else (match["y8"], match["m8"], match["d8"])
        return _calendar_date(value, int(y), int(m), int(d))
    if isinstance(value, (dt.time, dt.timedelta)):
        return _bad_date(value, "是时间或时长，不是日期")
    return _bad_date(value)


def _date_from_number(value: float | int) -> dt.date | Issue:
    if SERIAL_MIN <= value <= SERIAL_MAX:
        return dt.date.fromordinal(EXCEL_EPOCH + int(value))
    if 19000101 <= value <= 21001231 and value == int(value):
        n = int(value)
        return _calendar_date(value, n // 10000, n // 100 % 100, n % 100)
    return _bad_date(value, "不像日期（超出 1950—2100 年）")


def _serial_text(raw: str, text: str) -> dt.date | Issue:
    """A serial number stored as text: the date it stands for, with a 提示 (else an error)."""
    if _SERIAL_TEXT_RE.fullmatch(text) and SERIAL_MIN <= float(text) <= SERIAL_MAX:
        day = dt.date.fromordinal(EXCEL_EPOCH + int(float(text)))
        return Issue(Code.DATE_AS_TEXT_SERIAL, f"「{raw}」是以文本保存的 Excel 日期序号，已读作 {day.isoformat()}；"
                     "请把单元格设为日期格式", day, Severity.INFO)
    return _bad_date(raw)


def _calendar_date(raw: object, year: int, month: int, day: int) -> dt.date | Issue:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return _bad_date(raw, f"不是有效日期（{year}年没有{month}月{day}日）")


def _bad_date(value: object, why: str = "无法识别为日期") -> Issue:
    return Issue(Code.BAD_DATE, f"「{show(value)}」{why}，请填写如 2026-01-05 的日期")


def parse_month(value: object) -> str | Issue | None:
    """A month as ``'YYYY-MM'`` from ``2026-01``, ``2026.1``, ``2026/1``, ``2026年1月``, ``202601``
    or a date. The number ``2026.1`` is refused: Excel stores 2026.10 the same way."""
    if isinstance(value, dt.date):
        return f"{value.year:04d}-{value.month:02d}"
    if is_number(value):
        return _month_from_number(value)
    if value.__class__ is str:
        text = nfkc(value)
        if not text or text in NOTHING:
            return None
        match = _MONTH_RE.fullmatch(text)
        if match is None:
            date = parse_date(value)
            if date.__class__ is Issue and isinstance(date.value, dt.date):
                return Issue(date.code, date.message, _month_of(date.value), date.severity)
            return _month_of(date) if isinstance(date, dt.date) else _bad_month(value)
        y, m = (match["y"], match["m"]) if match["y"] else (match["y6"], match["m6"])
        return _month_text(value, int(y), int(m))
    return _bad_month(value)


def _month_from_number(value: float | int) -> str | Issue:
    if value.__class__ is int or value.is_integer():
        n = int(value)
        if 190001 <= n <= 210012:
            return _month_text(value, n // 100, n % 100)
        date = _date_from_number(n)
        return _month_of(date) if isinstance(date, dt.date) else _bad_month(value)
    match = _MONTH_NUMBER_RE.fullmatch(repr(value))
    if match is None:
        return _bad_month(value)
    year, month = match.groups()
    if month == "1":
        return Issue(Code.BAD_MONTH, f"数字 {show(value)} 分不清是 1 月还是 10 月，"
                     f"请填写为文本 {year}-01 或 {year}-10")
    return _month_text(value, int(year), int(month))


def _month_of(date: dt.date) -> str:
    return f"{date.year:04d}-{date.month:02d}"


def _month_text(raw: object, year: int, month: int) -> str | Issue:
    if 1 <= month <= 12 and 1900 <= year <= 2100:
        return f"{year:04d}-{month:02d}"
    return _bad_month(raw)


def _bad_month(value: object) -> Issue:
    return Issue(Code.BAD_MONTH, f"无法识别的月份「{show(value)}」，请填写如 2026-01 的月份")


