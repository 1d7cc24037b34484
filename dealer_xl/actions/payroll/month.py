"""One month of a ``payroll run``: the lines computed and the employees refused, with what the
summary and the JSON records need (tax withheld through the month, employer cost)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ...domain.payroll import PayLine
from ...problems import Problem


@dataclass
class MonthPay:
    """One month of a run.

    Attributes:
        month: YYYY-MM. lines: the pay lines computed (工号 order).
        refused: 工号 → (the 员工 row, the 错误 that stop the employee).
        withheld: 工号 → tax withheld this year through the month (cumulative method).
        employer: 工号 → employer social insurance + housing fund (0 when 参数 gives no rate).
        problems: 错误 stopping nobody, and 警告.
    """

    month: str
    lines: list[PayLine] = field(default_factory=list)
    refused: dict[str, tuple[dict, list[Problem]]] = field(default_factory=dict)
    withheld: dict[str, Decimal] = field(default_factory=dict)
    employer: dict[str, Decimal] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
