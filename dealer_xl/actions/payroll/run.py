"""``payroll run``: compute one month's pay for every employee and write it into 工资结果.

Guarantees: a closed month is refused before anything is read (:func:`refuse_if_closed`); the
month's inputs come from one Ledger (:mod:`.payroll_inputs`); when any 错误 is found nothing is
written; otherwise the generated sheet 工资结果 of 工资表.xlsx is rewritten through the safe writer
with this month's rows replaced and every other month's rows kept as they were (sorted by month,
then 工号). ``dry_run`` computes and reports without writing. The summary has a line per
department, the total cost (employer side included when 参数 employer_si_rate > 0) and the check
line Σ 实发 + Σ 扣款 = Σ 应发 + Σ 不计税项目.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from ... import ledger
from ...domain.money import ZERO
from ...domain.payroll import PayLine, PayRules, YearToDate, check_line, compute_pay, employer_cost
from ...io.writer import write_generated_sheet
from ...ledger.period import refuse_if_closed
from ...problems import Problem, Severity, has_errors
from ...schema import sheet
from .inputs import gather

RESULTS = sheet("payroll", "results")
JSON_KEYS = RESULTS.fields  # exactly DESIGN §2's 19 fields of 工资结果


@dataclass
class PayrollRun:
    """The outcome of one run.

    Attributes:
        month: YYYY-MM. lines: the pay lines (in 工号 order). problems: bad input found.
        written: True when 工资结果 was rewritten. path: 工资表.xlsx. dry_run: asked not to write.
        employer: 工号 → employer social insurance + housing fund (0 when 参数 gives no rate).
        branches: 工号 → 分公司. later_months: months after this one already computed.
    """

    month: str
    lines: list[PayLine]
    problems: list[Problem]
    path: Path
    dry_run: bool = False
    written: bool = False
    employer: dict[str, Decimal] = field(default_factory=dict)
    branches: dict[str, str] = field(default_factory=dict)
    later_months: tuple[str, ...] = ()

    problems_in_summary = True  # listed by summary() when they stop the run

    @property
    def errors(self) -> bool:
        return has_errors(self.problems)

    def records(self) -> list[dict]:
        """The JSON objects: exactly the 19 fields of 工资结果 in DESIGN §2."""
        return [{k: getattr(x, k) for k in JSON_KEYS} for x in self.lines]

    def summary(self) -> list[str]:
        """The Chinese summary: per department, total cost, the check line, what was written."""
        m = self.month
        if self.errors:
            n = sum(p.severity is Severity.ERROR for p in self.problems)
            return [f"{m} 工资未计算：发现 {n} 处错误，未写入任何数据。"] + \
                [f"  [{p.severity}] {p.where()}：{p.message}" for p in self.problems]
        out = [f"{m} 工资：{len(self.lines)} 人"]
        by_dept: dict[str, list[PayLine]] = defaultdict(list)
        for x in self.lines:
            by_dept[x.dept].append(x)
        for dept, lines in sorted(by_dept.items()):
            out.append(f"  {dept}：{len(lines)} 人，应发 {_sum(lines, 'gross'):,.2f}，个税 {_sum(lines, 'iit'):,.2f}，"
                       f"实发 {_sum(lines, 'net'):,.2f}")
        gross, employer = _sum(self.lines, "gross"), sum(self.employer.values(), ZERO)
        cost = f"人工成本：应发 {gross:,.2f}"
        if employer:
            cost += f" + 单位社保公积金 {employer:,.2f} = {gross + employer:,.2f}"
        out.append(cost)
        net, deductions, gross, non_taxable = check_line(self.lines)
        ok = "✓ 平衡" if net + deductions == gross + non_taxable else "✗ 不平衡"
        out.append(f"核对：Σ实发 {net:,.2f} + Σ扣款(三险一金+个税) {deductions:,.2f} = {net + deductions:,.2f}；"
                   f"Σ应发 {gross:,.2f} + Σ不计税项目 {non_taxable:,.2f} = {gross + non_taxable:,.2f} {ok}")
        if self.written:
            out.append(f"已写入 {self.path.name} 的「{RESULTS.name}」（{m} 的 {len(self.lines)} 行，其他月份保留）")
        elif self.dry_run:
            out.append("试算（--dry-run）：未写入")
        if self.later_months:
            out.append(f"注意：{'、'.join(self.later_months)} 已有工资结果，其累计数依赖本月，请按顺序重新计算")
        warnings = [p for p in self.problems if p.severity is not Severity.ERROR]
        out += [f"  [{p.severity}] {p.where()}：{p.message}" for p in warnings]
        return out


def _sum(lines: list[PayLine], name: str) -> Decimal:
    return sum((getattr(x, name) for x in lines), ZERO)


def compute_month(led: ledger.Ledger, month: str) -> PayrollRun:
    """The pay lines of ``month`` from ``led`` (MissingMonth for a gap in this year's months)."""
    found = gather(led, month)
    rules = PayRules.from_params(led.params)
    lines = [compute_pay(i, found.earlier.get(i.emp_id) or YearToDate(), rules) for i in found.inputs]
    rate = led.decimal("employer_si_rate")
    employer = {x.emp_id: employer_cost(found.employees[x.emp_id]["si_base"], rate, x.housing_fund, rules)
                for x in lines}
    branches = {emp: e.get("branch") or "" for emp, e in found.employees.items()}
    return PayrollRun(month, lines, list(found.problems), led.path("payroll"), employer=employer,
                      branches=branches, later_months=found.later_months)


def result_sheet(led: ledger.Ledger, run: PayrollRun) -> tuple[list[str], list[list], dict, dict]:
    """(headers, rows, number formats, widths) of 工资结果 with ``run``'s month replaced."""
    kept = [[row.get(f) for f in RESULTS.fields] for row in led.rows("payroll", "results")
            if row.get("month") != run.month and row.get("month")]
    new = [[getattr(x, f) for f in RESULTS.fields] for x in run.lines]
    rows = sorted(kept + new, key=lambda r: (r[0], str(r[1])))
    return ([c.header for c in RESULTS.columns], rows,
            {c.header: "#,##0.00" for c in RESULTS.columns if c.type == "money"},
            {c.header: c.width for c in RESULTS.columns if c.width})


def next_month(led: ledger.Ledger) -> str:
    """The month to run next: the one after the latest in 工资结果, else the first 考勤 month of
    this year, else this month."""
    done = sorted(m for m in (r.get("month") for r in led.rows("payroll", "results")) if m)
    if done:
        year, mon = int(done[-1][:4]), int(done[-1][5:7])
        return f"{year + mon // 12}-{mon % 12 + 1:02d}"
    this_year = f"{led.today:%Y}"
    months = sorted(m for m in (r.get("month") for r in led.rows("payroll", "attendance")) if m and m[:4] == this_year)
    return months[0] if months else f"{led.today:%Y-%m}"


def run_payroll(folder: Path | str, month: str, *, dry_run: bool = False, today: date | None = None,
                led: ledger.Ledger | None = None) -> PayrollRun:
    """Compute ``month`` and (unless ``dry_run`` or an 错误 was found) write it into 工资结果."""
    led = led or ledger.load(Path(folder), today=today)
    if not dry_run:
        refuse_if_closed(led.params, [month], f"写入 {month} 工资结果")
    run = compute_month(led, month)
    run.dry_run = dry_run
    if dry_run or run.errors:
        return run
    headers, rows, formats, widths = result_sheet(led, run)
    write_generated_sheet(run.path, RESULTS.name, headers, rows, number_formats=formats, widths=widths)
    run.written = True
    return run
