"""Masking personal data in anything emailed or printed for circulation (DOMAIN §6).

Guarantees: ID numbers keep the first 6 and last 4 characters (``410103********2558``), mobile
phones the first 3 and last 4 (``138****1234``), bank accounts only the last 4 (``****8870``).
A value too short to keep those parts is masked entirely; None and empty text stay empty. The
masks never reveal more characters than the rules allow, whatever the input looks like.
"""

from __future__ import annotations

import re

_PHONE_PREFIX = re.compile(r"^(?:\+?86)?[\s-]*")


def _clean(value: object) -> str:
    return "" if value is None else re.sub(r"\s+", "", str(value))


def mask_id(value: object) -> str:
    """Resident ID or credit code: first 6 + ******** + last 4."""
    text = _clean(value)
    if not text:
        return ""
    if len(text) < 14:
        return "*" * len(text)
    return f"{text[:6]}********{text[-4:]}"


def mask_phone(value: object) -> str:
    """Mobile phone: 138****1234 (a +86 prefix is dropped)."""
    text = _PHONE_PREFIX.sub("", _clean(value)) if value is not None else ""
    if not text:
        return ""
    if len(text) < 8:
        return "*" * len(text)
    return f"{text[:3]}****{text[-4:]}"


def mask_account(value: object) -> str:
    """Bank account: last 4 only (****8870)."""
    text = _clean(value)
    if not text:
        return ""
    if len(text) < 8:
        return "*" * len(text)
    return f"****{text[-4:]}"
