"""Scorecard arithmetic: the 奖罚 rules of 参数, and the service figures per technician. Pure.

奖罚 rules (参数 sales_bonus_rules) are ``metric op number:amount`` separated by ``;`` — op one of
``> >= < <= =``, amount signed yuan (a minus for a penalty). Rules of one metric are read left to
right and only the first that holds counts, so tiers are written highest first
(``achievement>=1.2:2000;achievement>=1:800``); rules of different metrics add up. A metric that
cannot be measured (no target, nothing due) satisfies no rule. A rule that cannot be read is a
:class:`RuleError` naming the parameter.

Service figures: :func:`repeat_repairs` counts the orders closed in a month that the same machine
came back from (another 三包 or 保外 order opened within N days after the close, up to the as-of
date); :func:`ratio` is a share rounded half up to 0.0001 (None over nothing).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .money import ZERO

METRICS = {"achievement": "金额达成率", "units_achievement": "台数达成率", "collection_rate": "回款率",
           "overdue_ratio": "客户逾期占比"}
OPS = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le, "=": operator.eq}
_RULE = re.compile(r"^\s*([a-z_]+)\s*(>=|<=|>|<|=)\s*([0-9.]+)\s*[:：]\s*([+-]?[0-9.]+)\s*$")
PLACES = Decimal("0.0001")
REPAIRS = ("三包", "保外")


class RuleError(ValueError):
    """A 参数 rule that cannot be read (the message is Chinese and names the parameter)."""


@dataclass(frozen=True, slots=True)
class BonusRule:
    """One rule: when ``metric op bound`` holds, ``amount`` is added (negative: deducted)."""

    metric: str
    op: str
    bound: Decimal
    amount: Decimal

    def holds(self, metrics: Mapping[str, Decimal | None]) -> bool:
        value = metrics.get(self.metric)
        return value is not None and OPS[self.op](value, self.bound)

    def text(self) -> str:
        """金额达成率≥120%：+2,000.00."""
        return f"{METRICS[self.metric]}{self.op.replace('>=', '≥').replace('<=', '≤')}{self.bound:.0%}：{self.amount:+,.2f}"


def parse_rules(key: str, text: str) -> tuple[BonusRule, ...]:
    """The rules of 参数 ``key`` (RuleError when one cannot be read)."""
    out = []
    for part in filter(None, (p.strip() for p in str(text or "").replace("；", ";").split(";"))):
        found = _RULE.match(part)
        if not found or found.group(1) not in METRICS:
            raise RuleError(f"参数 {key} 的规则「{part}」无法识别（写法如 achievement>=1.2:2000，指标可用 {'、'.join(METRICS)}）")
        out.append(BonusRule(found.group(1), found.group(2), Decimal(found.group(3)), Decimal(found.group(4))))
    return tuple(out)


def bonus(rules: Iterable[BonusRule], metrics: Mapping[str, Decimal | None]) -> tuple[Decimal, tuple[str, ...]]:
    """(奖罚 total, the rules that counted in words): per metric, the first rule that holds."""
    done: set[str] = set()
    total, reasons = ZERO, []
    for rule in rules:
        if rule.metric in done or not rule.holds(metrics):
            continue
        done.add(rule.metric)
        total += rule.amount
        reasons.append(rule.text())
    return total, tuple(reasons)


def ratio(part: Decimal | int, whole: Decimal | int | None) -> Decimal | None:
    """part ÷ whole rounded half up to 0.0001; None when whole is 0 or unknown."""
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(PLACES, rounding=ROUND_HALF_UP)


def repeat_repairs(closed: Iterable[Mapping[str, Any]], orders: Iterable[Mapping[str, Any]], days: int,
                   as_of: date) -> list[Mapping[str, Any]]:
    """The orders of ``closed`` whose machine came back: another 三包/保外 order of the same 整机编号
    opened after the close date, within ``days`` days of it and on or before ``as_of``."""
    later: dict[Any, list[date]] = {}
    for o in orders:
        if o.get("service_type") in REPAIRS and o.get("serial_no") and o.get("open_date") and o["open_date"] <= as_of:
            later.setdefault(o["serial_no"], []).append(o["open_date"])
    out = []
    for o in closed:
        end = o.get("close_date")
        if end is None or not o.get("serial_no"):
            continue
        if any(end < day <= end + timedelta(days=days) for day in later.get(o["serial_no"], ())):
            out.append(o)
    return out
