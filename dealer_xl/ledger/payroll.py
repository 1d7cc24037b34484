"""The payroll of a month as written by ``payroll run``, from a Ledger (no I/O), and the result of a
payroll output file.

Guarantees: :func:`month_lines` gives one :class:`~dealer_xl.domain.payroll.PayLine` per employee
with a 工资结果 row in the month, what the rows do not hold derived from the year's earlier rows (after
the employee's 工资期初 row of that year, if any) and the month's 奖扣; a month not yet computed is
refused with one line (BookError).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..domain.money import ZERO
from ..domain.payroll import TOGETHER, YEAR_END_BONUS, PayLine, year_lines
from ..problems import BookError, Problem
from .model import Ledger


@dataclass
class OutputResult:
    """A written payroll file.

    Attributes:
        month: YYYY-MM. paths: files written. lines: Chinese summary. rows: JSON records.
        problems: refused rows (bank accounts failing the check). html: e-mail summary (工资汇总).
    """

    month: str
    paths: list[Path] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    html: str = ""

    problems_in_summary = True  # the CLI adapter does not list them again

    def summary(self) -> list[str]:
        return self.lines + [f"  [{p.severity}] {p.where()}：{p.message}" for p in self.problems]

    def records(self) -> list[dict]:
        return self.rows


def month_lines(led: Ledger, month: str) -> list[PayLine]:
    """The month's 工资结果 rows as PayLines, with what the rows do not hold derived from the year's
    earlier rows and the month's 奖扣 (BookError when the month was not computed)."""
    year: dict[str, list[dict]] = defaultdict(list)
    for row in led.rows("payroll", "results"):
        m = row.get("month")
        if m and m[:4] == month[:4] and m <= month and row.get("emp_id"):
            year[row["emp_id"]].append(row)
    opening = {(led.employee(r.get("emp_id")) or {}).get("emp_id"): r.get("cum_income") or ZERO
               for r in led.rows("payroll", "opening") if r.get("year") == int(month[:4])}
    out = []
    for emp, rows in year.items():
        line = year_lines(rows, opening.get(emp, ZERO))[-1]
        if line.month != month:
            continue
        if not line.bonus_method:
            together = sum((a.get("amount") or ZERO for a in led.rows("payroll", "adjustments")
                            if a.get("month") == month and a.get("item") == YEAR_END_BONUS
                            and (led.employee(a.get("emp_id")) or {}).get("emp_id") == emp), ZERO)
            if together:
                line = replace(line, year_end_bonus=together, bonus_method=TOGETHER)
        out.append(line)
    if not out:
        raise BookError(f"工资结果中没有 {month} 的数据：请先运行 dealer-xl payroll run --month {month}")
    return sorted(out, key=lambda x: x.emp_id)
