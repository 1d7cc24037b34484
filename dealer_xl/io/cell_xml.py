"""A Python value as a worksheet cell element (``<c>``), written the way Excel reads it back.

Guarantees of :func:`cell_element`:

- text is an inline string (``t="inlineStr"``), so no shared-strings part has to change; it is
  never a formula: text starting with ``=``, ``+``, ``-`` or ``@`` is marked by the caller with
  Excel's quote prefix (:func:`needs_quote_prefix`) so it stays text when a user edits the cell.
  Characters XML cannot hold are removed and text longer than a cell holds is cut with a visible
  note (the rules of :func:`dealer_xl.io.generated.set_cell_value`);
- numbers (int, float, Decimal) are written exactly, without exponent; a non-finite float is
  written as text; booleans as TRUE/FALSE cells;
- dates and datetimes are serial numbers in the book's date system (1900 or 1904); the caller
  gives the cell a date format;
- a formula is written only from :class:`dealer_xl.io.generated.Formula` (reports), with its
  known result when it has one;
- ``None`` is an empty cell that keeps only its style.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

from dealer_xl.io.generated import FORMULA_TRIGGERS, Formula, fit_cell_text

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)
_LETTERS = [chr(65 + i) for i in range(26)]


def escape(text: str) -> str:
    """``text`` safe inside an XML element (as xml.sax.saxutils.escape, whose import pulls in urllib)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoteattr(text: str) -> str:
    """``text`` as a double-quoted XML attribute value."""
    return '"' + escape(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;") + '"'


def column_letters(col: int) -> str:
    """``1`` → ``A``, ``28`` → ``AB``."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = _LETTERS[rest] + letters
    return letters


def column_number(letters: str) -> int:
    """``A`` → 1, ``AB`` → 28."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def clean_text(value: str) -> str:
    """Text as it may be stored: XML-illegal characters removed, cut to what a cell holds."""
    return fit_cell_text(_ILLEGAL_XML.sub("", value))


def needs_quote_prefix(value: object) -> bool:
    """True for text Excel would take as a formula if a user re-entered it."""
    return isinstance(value, str) and not isinstance(value, Formula) and value.startswith(FORMULA_TRIGGERS)


def serial(value: dt.date | dt.datetime, date1904: bool = False) -> str:
    """A date or datetime as Excel's serial number in the 1900 (or 1904) date system."""
    moment = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
    if moment.tzinfo is not None:
        raise TypeError("Excel does not support timezones in dates: convert to local time first")
    delta = moment - (_EPOCH_1904 if date1904 else _EPOCH_1900)
    days = delta.days + delta.seconds / 86400 + delta.microseconds / 86_400_000_000
    return str(int(days)) if float(days).is_integer() else repr(days)


def cell_element(ref: str, value: object, style: int | None, *, date1904: bool = False,
                 prefix: str = "") -> bytes:
    """The ``<c>`` element of ``value`` at ``ref`` with style index ``style`` (see the module docstring)."""
    c = f"{prefix}c"
    s = f' s="{style}"' if style else ""
    body = _body(value, date1904, prefix)
    if body is None:
        return f'<{c} r="{ref}"{s}/>'.encode()
    kind, inner = body
    t = f' t="{kind}"' if kind else ""
    return f'<{c} r="{ref}"{s}{t}>{inner}</{c}>'.encode()


def _body(value: object, date1904: bool, prefix: str) -> tuple[str, str] | None:
    if value is None:
        return None
    if isinstance(value, Formula):
        result = getattr(value, "value", None)
        v = "" if result is None else f"<{prefix}v>{escape(str(result))}</{prefix}v>"
        kind = "str" if isinstance(result, str) else ""
        return kind, f"<{prefix}f>{escape(str(value)[1:])}</{prefix}f>{v}"
    if isinstance(value, bool):
        return "b", f"<{prefix}v>{int(value)}</{prefix}v>"
    if isinstance(value, int):
        return "", f"<{prefix}v>{value}</{prefix}v>"
    if isinstance(value, Decimal):
        if value.is_finite():
            return "", f"<{prefix}v>{format(value, 'f')}</{prefix}v>"
        value = str(value)
    if isinstance(value, float):
        if math.isfinite(value):
            return "", f"<{prefix}v>{format(Decimal(repr(value)), 'f')}</{prefix}v>"
        value = str(value)
    if isinstance(value, dt.date):
        return "", f"<{prefix}v>{serial(value, date1904)}</{prefix}v>"
    text = clean_text(str(value))
    space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
    return "inlineStr", f"<{prefix}is><{prefix}t{space}>{escape(text)}</{prefix}t></{prefix}is>"
