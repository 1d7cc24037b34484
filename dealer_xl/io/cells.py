"""Raw cell values: what python-calamine yields, how they are shown, how a problem with one is told.

A raw value is a ``str`` (``''`` when the cell is empty), ``float``, ``int``, ``bool``,
``datetime.date``/``datetime.datetime``, ``datetime.time`` or ``datetime.timedelta``. The parsers
of :mod:`dealer_xl.io.values` return a typed value, None, or an :class:`Issue` defined here;
:func:`show` renders a raw value the way the user sees it in Excel, for messages.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from dealer_xl.problems import Code, Severity

MAX_EXACT = 1e15  # Excel keeps 15 significant digits; a number this large has lost some
HUGE = 1e21  # from here Excel's formula bar shows an exponent
NOTHING = frozenset({"-", "—", "–", "−", "/", "--", "——"})  # typed to mean "no value"


@dataclass(frozen=True, slots=True)
class Issue:
    """Why a value could not be read as typed, or what was corrected while reading it.

    Attributes:
        code: the reason code.
        message: Chinese explanation, without the column or cell (the reader adds those).
        value: the value to keep: ``None`` for errors, the corrected value for warnings.
        severity: 错误 unless the value was read with a correction (警告).
    """

    code: Code
    message: str
    value: object = None
    severity: Severity = Severity.ERROR


def show(value: object) -> str:
    """The raw value as a user would recognise it in a message (``36`` rather than ``36.0``)."""
    if value.__class__ is float:
        return number_text(value)
    if value.__class__ is bool:
        return "TRUE" if value else "FALSE"
    if value.__class__ is Decimal and value.is_finite() and abs(value) >= HUGE:
        return number_text(float(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    return str(value)


def number_text(value: float | int) -> str:
    """A number as Excel's formula bar shows it: no trailing ``.0``, no exponent (``3e-05`` →
    ``0.00003``), and at most 15 significant digits (``110101199003071000``); from 1E+21 on, with an
    exponent as Excel writes it (``1E+308``, not 309 digits)."""
    if value.__class__ is int and abs(value) < MAX_EXACT:
        return str(value)
    if abs(value) >= HUGE:
        return format(value, ".15G")
    if abs(value) >= MAX_EXACT:
        return format(Decimal(f"{value:.15g}"), "f")
    if value.is_integer():
        return str(int(value))
    text = repr(value)
    return format(Decimal(text), "f") if "e" in text else text


def nfkc(text: str) -> str:
    """``text`` stripped, full-width characters made half-width (NFKC; ASCII skips the work)."""
    return text.strip() if text.isascii() else unicodedata.normalize("NFKC", text).strip()


def clean(text: str) -> str:
    """NFKC ``text`` without any whitespace; ``''`` also for a lone dash or slash (no value)."""
    text = "".join(nfkc(text).split())
    return "" if text in NOTHING else text


def is_number(value: object) -> bool:
    """True for a float or int cell (not a TRUE/FALSE cell)."""
    return value.__class__ is float or value.__class__ is int
