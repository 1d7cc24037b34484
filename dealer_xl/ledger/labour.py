"""The 劳动合同 register as chains of contracts per employee, and who is on the payroll on a day.

:func:`contract_chains` gives each employee's contracts in 开始日期 order, each with its place in
the chain: ``fixed_before``, how many consecutive 固定期限 contracts precede it (劳动合同法 第十四条). A
company that entered only its current contracts types 签订次数: earlier contracts not in the register
count as fixed-term ones (the usual case), so the larger of the register's count and 签订次数 − 1 is
taken; any other kind of contract ends the run. :func:`covering` is the contract in force on a day (started, not ended, not 已解除/已终止);
:func:`on_payroll` the employees of 员工 hired on or before a day and not left before it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain.labour_law import FIXED
from .admin_view import entries
from .model import Ledger

ENDED = ("已解除", "已终止")


@dataclass(frozen=True, slots=True)
class Contract:
    """One 劳动合同 row in its employee's chain.

    Attributes:
        row: the row's values.
        index: its position in the sheet's table.
        excel_row: its row in the workbook.
        fixed_before: consecutive 固定期限 contracts before it (see the module docstring).
        earlier: how many contracts of the employee precede it (in the register or by 签订次数).
    """

    row: dict[str, Any]
    index: int
    excel_row: int
    fixed_before: int
    earlier: int

    @property
    def kind(self) -> str | None:
        return self.row["kind"]

    @property
    def start(self) -> date | None:
        return self.row["start"]

    @property
    def end(self) -> date | None:
        return self.row["end"]

    def in_force(self, day: date) -> bool:
        """True when the contract runs on ``day``."""
        return (self.start is not None and self.start <= day and (self.end is None or self.end >= day)
                and self.row["status"] not in ENDED)


def contract_chains(led: Ledger, day: date | None = None) -> dict[str, list[Contract]]:
    """工号 → the employee's contracts in 开始日期 order (only those started by ``day`` when given)."""
    rows = entries(led, "labour_contracts", day or date.max)
    by_employee: dict[str, list] = defaultdict(list)
    for e in rows:
        if e.row["emp_id"] is not None and e.row["start"] is not None:
            by_employee[str(e.row["emp_id"])].append(e)
    out: dict[str, list[Contract]] = {}
    for emp_id, found in by_employee.items():
        chain, run = [], 0
        for n, e in enumerate(sorted(found, key=lambda e: (e.row["start"], e.excel_row))):
            typed = e.row["signing_no"]
            earlier = max(n, typed - 1 if typed else 0)
            fixed_before = max(run, typed - 1 if typed and run == n else 0)
            chain.append(Contract(e.row, e.index, e.excel_row, fixed_before, earlier))
            run = fixed_before + 1 if e.row["kind"] == FIXED else 0
        out[emp_id] = chain
    return out


def covering(chain: list[Contract], day: date) -> Contract | None:
    """The latest-starting contract of ``chain`` in force on ``day``."""
    running = [c for c in chain if c.in_force(day)]
    return running[-1] if running else None


def on_payroll(led: Ledger, day: date) -> list[dict[str, Any]]:
    """The 员工 rows hired on or before ``day`` (or without a 入职日期) and not left before it."""
    return [e for e in led.rows("master", "employees") if e.get("emp_id")
            and (e.get("hire_date") is None or e["hire_date"] <= day)
            and (e.get("leave_date") is None or e["leave_date"] >= day)]
