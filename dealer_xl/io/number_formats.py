"""One Excel number format per field type (:data:`NUMBER_FORMATS`), for templates and for writes.

Codes, free text, months and choices are text (``@``, :data:`TEXT_FORMAT`) so Excel never turns an
ID, a phone number or ``2026-01`` into a number or a date. Kept apart from the template styles so
that writing a book imports no spreadsheet library.
"""

from __future__ import annotations

from dealer_xl.schema import FieldType

T = FieldType
TEXT_FORMAT = "@"

NUMBER_FORMATS: dict[FieldType, str] = {
    T.TEXT: TEXT_FORMAT,
    T.CODE: TEXT_FORMAT,
    T.INT: "0",
    T.NUMBER: "General",  # "0.##" would show a whole number as "2." in Excel and LibreOffice
    T.MONEY: "#,##0.00",
    T.RATE: "0.00%",
    T.DATE: "yyyy-mm-dd",
    T.MONTH: TEXT_FORMAT,
    T.ENUM: TEXT_FORMAT,
    T.YESNO: TEXT_FORMAT,
}
