"""JSON output of commands, one encoder for all: amounts as numbers written with exactly two decimals
(``386300.00``), integer fen where a key ends ``_fen``, dates as ``YYYY-MM-DD``.

:func:`dumps` is ``json.dumps`` (UTF-8 text, indented) where every Decimal becomes a JSON number
with two decimals, rounded half up (``Decimal('0.125')`` → ``0.13``; ``float`` would print
``386300.0``), and every date ``YYYY-MM-DD``. :func:`fen` turns an amount in yuan into integer fen,
rounded half up, for the ``*_fen`` keys the issues name.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

_TOKEN = re.compile(r'"\\u0000(-?[0-9]+\.[0-9]{2})\\u0000"')
CENT = Decimal("0.01")


def fen(amount: Decimal | int | str | None) -> int | None:
    """``amount`` (yuan) in integer fen, rounded half up; None stays None."""
    if amount is None:
        return None
    return int((Decimal(str(amount)) / CENT).quantize(Decimal(1), ROUND_HALF_UP))


def _mark(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"\0{value.quantize(CENT, ROUND_HALF_UP)}\0"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _mark(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_mark(v) for v in value]
    return value


def dumps(value: Any) -> str:
    """``value`` as indented JSON with Decimals as two-decimal numbers and dates as ``YYYY-MM-DD``."""
    return _TOKEN.sub(r"\1", json.dumps(_mark(value), ensure_ascii=False, indent=1))
