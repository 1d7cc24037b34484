"""The payroll of a month as written by ``payroll run``, from a Ledger (no I/O), and the result of a
payroll output file.

Guarantees: :func:`month_lines` gives one :class:`~dealer_xl.domain.payroll.PayLine` per employee
with a 工资结果 row in the month, what the rows do not hold derived from the year's earlier rows (after
the employee's 工资期初 row of that year, if any) and the month's 奖扣; a month not yet computed is
refused with one line (BookError). A year's lines are derived once per Ledger (every month of it at
once) and each call gets its own list.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal
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
    out = _year_lines(led, month[:4]).get(month)
    if not out:
        raise BookError(f"工资结果中没有 {month} 的数据：请先运行 dealer-xl payroll run --month {month}")
    return list(out)


def _year_lines(led: Ledger, year: str) -> dict[str, list[PayLine]]:
    """Month → its PayLines by 工号, for every month of ``year`` in 工资结果 (once per Ledger: each
    employee's year is derived in one pass, a month's line being the last of the months up to it)."""
    return led.memo(("payroll_month_lines", year), lambda: _build_year(led, year))


def _build_year(led: Ledger, year: str) -> dict[str, list[PayLine]]:
    rows_of: dict[str, list[dict]] = defaultdict(list)
    for row in led.rows("payroll", "results"):
        m = row.get("month")
        if m and m[:4] == year and row.get("emp_id"):
            rows_of[row["emp_id"]].append(row)
    opening = {(led.employee(r.get("emp_id")) or {}).get("emp_id"): r.get("cum_income") or ZERO
               for r in led.rows("payroll", "opening") if r.get("year") == int(year)}
    together: dict[tuple[str, str], Decimal] = {}  # (month, 工号) → Σ 年终奖 of 奖扣, in sheet order
    for a in led.rows("payroll", "adjustments"):
        m = a.get("month")
        if a.get("item") == YEAR_END_BONUS and isinstance(m, str) and m[:4] == year:
            emp = (led.employee(a.get("emp_id")) or {}).get("emp_id")
            if emp:
                together[(m, emp)] = together.get((m, emp), ZERO) + (a.get("amount") or ZERO)
    by_month: dict[str, list[PayLine]] = defaultdict(list)
    for emp, rows in rows_of.items():
        last: dict[str, PayLine] = {}  # month → the employee's last line of that month (rows in month order)
        for line in year_lines(rows, opening.get(emp, ZERO)):
            last[line.month] = line
        for month, line in last.items():
            if not line.bonus_method and together.get((month, emp)):
                line = replace(line, year_end_bonus=together[(month, emp)], bonus_method=TOGETHER)
            by_month[month].append(line)
    return {month: sorted(lines, key=lambda x: x.emp_id) for month, lines in by_month.items()}
