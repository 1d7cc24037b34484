"""增值税 (DOMAIN §5a): rates by model category, amounts net of VAT, and the 参数 tables that hold them.

Guarantees: :func:`net_of_vat` is ``amount ÷ (1 + rate)`` rounded to the fen half up (a price of
113,000.00 at 13% is 100,000.00 net); :func:`parse_pairs` reads the ``名称=值;名称=值`` texts of 参数
(``vat_rates``, ``manufacturer_pay_days``) and raises ValueError naming the piece it cannot read;
:func:`parse_rate` takes ``0.13``, ``13%`` or ``13`` (a number above 1 is a percentage). Pure.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .money import round_cents

OTHER = "其他"  # the key of a 参数 table that applies to every name not listed
_SPLIT = re.compile(r"[;；\n]+")


def net_of_vat(amount: Decimal, rate: Decimal) -> Decimal:
    """``amount`` (VAT included) without its VAT at ``rate``, to the fen."""
    return round_cents(Decimal(amount) / (1 + Decimal(rate)))


def vat_of(amount: Decimal, rate: Decimal) -> Decimal:
    """The VAT inside ``amount`` (VAT included): ``amount − net_of_vat(amount, rate)``."""
    return Decimal(amount) - net_of_vat(amount, rate)


def parse_rate(text: str) -> Decimal:
    """``0.13``, ``13%`` or ``13`` → Decimal('0.13'); ValueError for anything else."""
    raw = str(text).strip().replace("％", "%")
    try:
        value = Decimal(raw.rstrip("%"))
    except InvalidOperation:
        raise ValueError(f"税率「{text}」无法识别") from None
    if raw.endswith("%") or value > 1:
        value = value / 100
    if not 0 <= value < 1:
        raise ValueError(f"税率「{text}」应在 0 与 100% 之间")
    return value


def parse_pairs(text: str) -> dict[str, str]:
    """``A=1;B=2`` (也可用中文分号、换行分隔，等号也可写作全角) → {'A': '1', 'B': '2'}; ValueError naming a bad piece."""
    out: dict[str, str] = {}
    for piece in _SPLIT.split(str(text or "")):
        piece = piece.strip()
        if not piece:
            continue
        name, sep, value = piece.replace("＝", "=").partition("=")
        if not sep or not name.strip() or not value.strip():
            raise ValueError(f"「{piece}」应写成 名称=值")
        out[name.strip()] = value.strip()
    return out


def parse_rates(text: str) -> dict[str, Decimal]:
    """The 参数 ``vat_rates`` table: category → rate (ValueError naming what cannot be read)."""
    return {name: parse_rate(value) for name, value in parse_pairs(text).items()}


def rate_for(rates: dict[str, Decimal], category: str | None, fallback: Decimal) -> Decimal:
    """The rate of ``category``: its own, else the table's 其他, else ``fallback``."""
    if category and category in rates:
        return rates[category]
    return rates.get(OTHER, fallback)
