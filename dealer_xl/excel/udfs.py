"""Worksheet functions (``=DX_ID_VALID(A2)`` …) as plain Python functions.

Each is callable without Excel and holds no logic of its own: it wraps a domain function. The Excel
front end registers them as xlwings UDFs, using each docstring as the function's help text, so the
docstrings are written for the staff who see them in Excel's function wizard.
"""

from __future__ import annotations

from ..domain import identifiers, rmb


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


def _amount(value: object) -> object:
    """Excel hands amounts over as floats: 1680.32 is the amount 1680.32 (its shortest repr), and a
    computed 0.30000000000000004 is 0.30 (float noise below a millionth of a fen is dropped)."""
    if isinstance(value, float) and abs(value * 100 - round(value * 100)) < 1e-6:
        return f"{value:.2f}"
    return value


def dx_rmb_upper(amount: object) -> str:
    """金额的中文大写（不含"人民币"前缀），按《正确填写票据和结算凭证的基本规定》：负数前加"负"，
    最多两位小数，金额须小于1万亿元。例：=DX_RMB_UPPER(107000.53) 得 壹拾万柒仟元零伍角叁分"""
    return rmb.rmb_upper(_amount(amount))
