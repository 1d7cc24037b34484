"""Credit grades from payment behaviour (信用等级建议): metrics per party and the 参数 rule table.

For a party (a customer, or a sub-dealer over the contracts sold through it) as of a date D and
a window of W months (参数 grade_window_months), over the instalments due in [D − W months, D):

- ``max_dpd`` / ``avg_dpd``: days late per instalment — paid date − due date when paid by D,
  D − due date while unpaid (never below 0) — their maximum and average (rounded to 0.1 day);
- ``on_time``: share of those instalments paid within 参数 grace_days of the due date;
- ``broken``: promises to pay (催收记录) made in the window whose date has passed, with less
  received between the promise and its date than promised;
- ``current``: today's days past due, the worst of the party's contracts;
- ``repossessed`` / ``written_off``: contracts ever repossessed (扣车记录) / written off.

Rules are text in 参数 (grade_b_rule, grade_c_rule, grade_d_rule), conditions separated by ``;``,
each ``metric op number`` with op one of ``> >= < <= =``. The suggestion is D when any D condition
holds, else C, else B, else A; the reasons are the conditions that held at the suggested level,
in Chinese. A metric that cannot be measured (no instalment due in the window) satisfies no
condition. A condition that cannot be read is a :class:`RuleError` naming the parameter. Pure.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .allocation import ContractPosition
from .civil_code import broken_promises

GRADES = ("A", "B", "C", "D")
RULE_PARAMS = (("D", "grade_d_rule"), ("C", "grade_c_rule"), ("B", "grade_b_rule"))
LABELS = {"max_dpd": "最长逾期天数", "avg_dpd": "平均逾期天数", "on_time": "按时还款比例", "broken": "失信承诺次数",
          "current": "当前逾期天数", "repossessed": "扣车次数", "written_off": "核销次数"}
OPS = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le, "=": operator.eq}
_CONDITION = re.compile(r"^\s*([a-z_]+)\s*(>=|<=|>|<|=)\s*([0-9.]+)\s*$")


class RuleError(ValueError):
    """A 参数 rule that cannot be read (the message is Chinese and names the parameter)."""


@dataclass(frozen=True, slots=True)
class Condition:
    """One condition of a rule.

    Attributes:
        metric: a key of :data:`LABELS`.
        op: one of :data:`OPS`.
        bound: the number compared with.
    """

    metric: str
    op: str
    bound: Decimal

    def holds(self, metrics: Mapping[str, Decimal | None]) -> bool:
        value = metrics.get(self.metric)
        return value is not None and OPS[self.op](value, self.bound)

    def reason(self, metrics: Mapping[str, Decimal | None]) -> str:
        value = metrics[self.metric]
        shown = f"{value:.0%}" if self.metric == "on_time" else f"{value.normalize():f}"
        bound = f"{self.bound:.0%}" if self.metric == "on_time" else f"{self.bound.normalize():f}"
        return f"{LABELS[self.metric]} {shown}（{self.op} {bound}）"


def parse_rule(key: str, text: str) -> tuple[Condition, ...]:
    """The conditions of 参数 ``key`` (RuleError when one cannot be read)."""
    out = []
    for part in filter(None, (p.strip() for p in str(text or "").replace("；", ";").split(";"))):
        found = _CONDITION.match(part)
        if not found or found.group(1) not in LABELS:
            raise RuleError(f"参数 {key} 的条件「{part}」无法识别（写法如 max_dpd>60，指标可用 {'、'.join(LABELS)}）")
        out.append(Condition(found.group(1), found.group(2), Decimal(found.group(3))))
    return tuple(out)


def rules_from(params: Mapping[str, Any]) -> dict[str, tuple[Condition, ...]]:
    """Grade → its conditions, from the 参数 values."""
    return {grade: parse_rule(key, params[key]) for grade, key in RULE_PARAMS}


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the month's last day when it has fewer days)."""
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    m += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(y, m, d)
        except ValueError:
            continue
    raise ValueError(day)


def metrics(contracts: Sequence[tuple[ContractPosition, Iterable[Mapping[str, Any]]]], as_of: date, *,
            window_months: int, grace_days: int, repossessed: int = 0,
            written_off: int = 0) -> dict[str, Decimal | None]:
    """The behaviour metrics of one party from its contracts' (position as of ``as_of``, 催收记录
    rows) (see the module docstring)."""
    start = months_before(as_of, window_months)
    positions = [p for p, _ in contracts]
    late = []
    broken = 0
    for position, log_rows in contracts:
        cash = [a.payment for a in position.applications if a.payment.kind != "disposal"]
        broken += len(broken_promises([r for r in log_rows if r.get("log_date") and r["log_date"] >= start],
                                      cash, as_of))
        for s in position.installments:
            if start <= s.due_date < as_of:
                end = s.paid_date if s.paid_date is not None and s.paid_date <= as_of else as_of
                late.append(max((end - s.due_date).days, 0))
    return {
        "max_dpd": Decimal(max(late)) if late else None,
        "avg_dpd": (Decimal(sum(late)) / len(late)).quantize(Decimal("0.1"), ROUND_HALF_UP) if late else None,
        "on_time": (Decimal(sum(d <= grace_days for d in late)) / len(late)).quantize(Decimal("0.0001"), ROUND_HALF_UP) if late else None,
        "broken": Decimal(broken),
        "current": Decimal(max((p.dpd for p in positions), default=0)),
        "repossessed": Decimal(repossessed),
        "written_off": Decimal(written_off),
    }


def suggest(values: Mapping[str, Decimal | None], rules: Mapping[str, Sequence[Condition]]) -> tuple[str, tuple[str, ...]]:
    """(suggested grade, reasons) for ``values`` under ``rules`` (grade → conditions)."""
    for grade in ("D", "C", "B"):
        held = [c.reason(values) for c in rules.get(grade, ()) if c.holds(values)]
        if held:
            return grade, tuple(held)
    return "A", ()
