"""Worksheet functions (``=DX_ID_VALID(A2)`` …) as plain Python functions.

Each is callable without Excel and holds no logic of its own: it wraps a domain function. The Excel
front end registers them as xlwings UDFs, using each docstring as the function's help text, so the
docstrings are written for the staff who see them in Excel's function wizard.
"""

from __future__ import annotations

from ..domain import identifiers


def _text(value: object) -> object:
    """Excel hands numbers over as floats: 13912345678.0 is the text 13912345678."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def dx_id_valid(text: object) -> bool:
    """身份证号是否有效：18位、出生日期真实、校验位正确（GB 11643-1999）。例：=DX_ID_VALID(D2)"""
    return identifiers.is_valid_resident_id(_text(text))


def dx_uscc_valid(text: object) -> bool:
    """统一社会信用代码是否有效：18位、字符集与校验位正确（GB 32100-2015）。例：=DX_USCC_VALID(D2)"""
    return identifiers.is_valid_uscc(_text(text))


def dx_vin_valid(text: object) -> bool:
    """车辆识别代号（VIN）是否有效：17位、不含I/O/Q、第9位校验位正确（GB 16735-2019）。例：=DX_VIN_VALID(A2)"""
    return identifiers.is_valid_vin(_text(text))


def dx_phone_valid(text: object) -> bool:
    """手机号是否有效：1[3-9]开头的11位数字，可带 +86。例：=DX_PHONE_VALID(E2)"""
    return identifiers.is_valid_mobile(_text(text))
