"""Where each employee's tax year stands before a month is computed: the 工资期初 row, the months
already in 工资结果 and the months computed earlier in the same run.

Cumulative withholding needs every month of the tax year at this employer before the one computed
(from January, or from the hire month for someone hired this year). Guarantees:

- the months up to a 工资期初 row's 截至月份 are covered by it; the others must be in 工资结果 (or
  computed earlier in the run); a month missing refuses that employee with MISSING_PAY_MONTH
  naming the months (nothing is ever taken as 0) — the other employees are computed (when nobody
  can be, the run raises :class:`MissingMonth` with one line instead);
- with 参数 go_live in the tax year, dealer_xl computes nothing before the go-live month
  (:func:`first_month` refuses such a month with one line); an employee employed before it needs
  a 工资期初 row through the month before it, else OPENING_MISSING says what to fill in;
- the YearToDate of a month continues the 工资期初 row (if any) with the year's earlier rows in
  month order, then with the lines the run computed (:meth:`History.record`);
- a run of months replaces those months' rows: 工资结果 rows of months in the run are not read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...checks.payroll_opening import go_live_date
from ...domain.payroll import PayLine, YearToDate, advance, year_to_date
from ...domain.payroll_opening import Opening
from ...ledger import Ledger
from ...problems import BookError, Code, Problem, Severity
from ...schema import sheet


class BeforeGoLive(BookError):
    """A month before the go-live month was asked for (computed by the previous system)."""


class MissingMonth(BookError):
    """Nobody can be computed: every employee lacks an earlier month (months run out of order)."""


def months_between(first: str, last: str) -> list[str]:
    """``first`` … ``last`` (YYYY-MM), in order; empty when ``last`` is before ``first``."""
    out, year, mon = [], int(first[:4]), int(first[5:7])
    while f"{year}-{mon:02d}" <= last:
        out.append(f"{year}-{mon:02d}")
        year, mon = (year + 1, 1) if mon == 12 else (year, mon + 1)
    return out


def months_text(months: list[str]) -> str:
    """``2026-03 至 2026-10`` for consecutive months, else the months listed with 、."""
    if len(months) > 2 and months_between(months[0], months[-1]) == months:
        return f"{months[0]} 至 {months[-1]}"
    return "、".join(months)


def previous_month(month: str) -> str:
    """The month before ``month``."""
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year - 1}-12" if mon == 1 else f"{year}-{mon - 1:02d}"


def first_month(led: Ledger, months: list[str]) -> None:
    """Refuse (BeforeGoLive) when any of ``months`` is before the go-live month of 参数 go_live."""
    live = go_live_date(led.params)
    if live is None:
        return
    early = [m for m in months if m < f"{live:%Y-%m}"]
    if early:
        raise BeforeGoLive(f"上线日期（参数 go_live）为 {live}：{'、'.join(early)} 早于上线月份 {live:%Y-%m}，"
                           f"这些月份的工资由原系统计算（累计数填在「工资期初」）；请从 {live:%Y-%m} 起计算")


@dataclass
class Standing:
    """One employee's tax year so far.

    Attributes:
        ytd: where cumulative withholding continues from.
        paid: the months of the year covered (工资期初, 工资结果 or this run).
        opening: the 工资期初 row of the year, if any.
    """

    ytd: YearToDate
    paid: set[str] = field(default_factory=set)
    opening: Opening | None = None


class History:
    """The standings of a run computing ``run_months`` (see the module docstring)."""

    def __init__(self, led: Ledger, run_months: list[str]):
        self.led = led
        self.live = go_live_date(led.params)
        first = run_months[0]
        self.rows: dict[tuple[str, int], list[dict]] = defaultdict(list)
        for row in led.rows("payroll", "results"):
            month, emp = row.get("month"), row.get("emp_id")
            if month and emp and month < first:
                self.rows[(emp, int(month[:4]))].append(row)
        self.openings: dict[tuple[str, int], Opening] = {}
        for row in led.rows("payroll", "opening"):
            person = led.employee(row.get("emp_id")) if row.get("emp_id") else None
            if person and row.get("year") and row.get("through"):
                self.openings.setdefault((person["emp_id"], row["year"]),
                                         Opening.from_row({**row, "emp_id": person["emp_id"]}))
        self._standing: dict[tuple[str, int], Standing] = {}

    def standing(self, emp_id: str, year: int) -> Standing:
        """The employee's standing in ``year`` (built on first use)."""
        key = (emp_id, year)
        if key not in self._standing:
            opening = self.openings.get(key)
            start = opening.year_to_date() if opening else YearToDate()
            rows = self.rows.get(key, [])
            if opening:
                rows = [r for r in rows if r["month"] > opening.through]
            paid = {r["month"] for r in rows} | (set(_months_to(opening.through)) if opening else set())
            self._standing[key] = Standing(year_to_date(rows, start), paid, opening)
        return self._standing[key]

    def start(self, employee: dict[str, Any], month: str) -> YearToDate | Problem:
        """Where ``employee``'s ``month`` continues from, or why it cannot be computed."""
        emp, year = employee["emp_id"], int(month[:4])
        standing = self.standing(emp, year)
        needed = months_between(_first_employed(employee.get("hire_date"), year), previous_month(month))
        missing = [m for m in needed if m not in standing.paid]
        if not missing:
            return standing.ytd
        live = f"{self.live:%Y-%m}" if self.live and self.live.year == year else None
        if live and missing[0] < live:
            return self._problem("opening", Code.OPENING_MISSING, _opening_message(employee, standing, live))
        return self._problem("results", Code.MISSING_PAY_MONTH,
                             f"累计预扣法需要本年此前各月的工资结果，缺少 {months_text(missing)}；请先按月份顺序计算 "
                             f"{missing[0]}（或用 --from {missing[0]} --to {month}）")

    def record(self, line: PayLine) -> None:
        """Continue the employee's standing with the line just computed."""
        standing = self.standing(line.emp_id, int(line.month[:4]))
        standing.ytd = advance(standing.ytd, line)
        standing.paid.add(line.month)

    def _problem(self, sheet_key: str, code: Code, message: str) -> Problem:
        table = self.led.table("payroll", sheet_key)
        name = table.sheet_name if table is not None else sheet("payroll", sheet_key).name
        return Problem(self.led.path("payroll").name, name, None, "", "", Severity.ERROR, code, message)


def _first_employed(hire_date: date | None, year: int) -> str:
    """The first month of ``year`` at this employer (January unless hired that year)."""
    return f"{year}-01" if hire_date is None or hire_date.year < year else f"{year}-{hire_date.month:02d}"


def _months_to(through: str) -> list[str]:
    return months_between(f"{through[:4]}-01", through)


def _opening_message(employee: dict[str, Any], standing: Standing, live: str) -> str:
    before = previous_month(live)
    who = employee.get("name") or employee["emp_id"]
    if standing.opening is None:
        return (f"员工 {who} 在上线（{live}）前已在职，缺少 {live[:4]} 年的「工资期初」：请填截至 {before} 的累计数"
                "（或用 dealer-xl payroll opening --from 个税扣缴端导出的累计数文件 导入）")
    return (f"员工 {who} 的「工资期初」只截至 {standing.opening.through}，上线前的月份到 {before} 还缺累计数："
            f"请把期初改为截至 {before}")
