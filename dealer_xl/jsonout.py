"""JSON output of commands: amounts as numbers written with exactly two decimals (``386300.00``).

:func:`dumps` is ``json.dumps`` (UTF-8 text, indented) where every Decimal becomes a JSON number
with two decimals, rounded half up — ``float`` would print ``386300.0``.
"""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

_TOKEN = re.compile(r'"\\u0000(-?[0-9]+\.[0-9]{2})\\u0000"')


def _mark(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"\0{value.quantize(Decimal('0.01'), ROUND_HALF_UP)}\0"
    if isinstance(value, dict):
        return {k: _mark(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_mark(v) for v in value]
    return value


def dumps(value: Any) -> str:
    """``value`` as indented JSON with Decimals as two-decimal numbers."""
    return _TOKEN.sub(r"\1", json.dumps(_mark(value), ensure_ascii=False, indent=1))
