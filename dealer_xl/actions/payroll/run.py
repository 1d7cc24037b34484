"""``payroll run``: compute one month's pay — or several months in order, in one pass — for every
employee and write it into 工资结果.

Guarantees: a missing 主数据 or 工资表 (MissingBook), a closed month (:func:`refuse_if_closed`) and a
month before the go-live month (:func:`.history.first_month`) are refused before anything is computed; the books are read once
(one Ledger) and the months are computed in order in memory, each continuing the tax years the
month before left (:class:`.history.History`); an employee the gate or the inputs refuse
(:mod:`.inputs`) is listed with book, sheet, cell and reason and not computed, the others are; the
run has ``errors`` when anyone is refused or an 错误 stops nobody in particular (exit code 1).
Unless ``dry_run``, the generated sheet 工资结果 of 工资表.xlsx is written once, through the safe
writer, with the run's months replaced by the lines computed and every other month's rows kept as
they were (sorted by month, then 工号); nothing is written when no line was computed. Each month's
summary has a line per department, the total cost (employer side included when 参数
employer_si_rate > 0) and the check line Σ 实发 + Σ 扣款 = Σ 应发 + Σ 不计税项目.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from ... import ledger
from ...checks.payroll_opening import go_live_date
from ...domain.payroll import PayLine, PayRules, compute_pay, employer_cost
from ...io.writer import write_generated_sheet
from ...jsonout import fen
from ...ledger.period import refuse_if_closed
from ...problems import BadOption, Code, Problem, Severity
from ...schema import sheet
from ..gate import problem_record
from .history import History, MissingMonth, first_month, months_between
from .inputs import gather
from .month import MonthPay
from .summary import month_summary, range_summary

RESULTS = sheet("payroll", "results")
RESULT_FIELDS = RESULTS.fields  # exactly DESIGN §2's 19 fields of 工资结果


@dataclass
class PayrollRun:
    """The outcome of a run (a :class:`dealer_xl.actions.result.Result`).

    Attributes:
        months: the months computed, in order. path: 工资表.xlsx. dry_run: asked not to write.
        written: True when 工资结果 was rewritten. later_months: months after the run already in
        工资结果 (their cumulative figures go stale).
    """

    months: list[MonthPay]
    path: Path
    dry_run: bool = False
    written: bool = False
    later_months: tuple[str, ...] = ()

    problems_in_summary = True  # listed by summary() when they stop the run

    @property
    def month(self) -> str:
        """The month computed, or ``first 至 last`` for a run of several."""
        first, last = self.months[0].month, self.months[-1].month
        return first if first == last else f"{first} 至 {last}"

    @property
    def lines(self) -> list[PayLine]:
        """Every line computed, month by month."""
        return [x for m in self.months for x in m.lines]

    @property
    def problems(self) -> list[Problem]:
        """Every 错误 that stopped someone, then the others found on the way."""
        return [p for m in self.months for _, ps in m.refused.values() for p in ps] + \
            [p for m in self.months for p in m.problems]

    @property
    def errors(self) -> bool:
        """True when an employee was refused or an 错误 was found."""
        return any(p.severity is Severity.ERROR for p in self.problems)

    def records(self) -> list[dict]:
        """The JSON objects, month by month and 工号 by 工号: a computed line has the 19 fields of
        工资结果 with ``employee_id``, ``refused`` false and the ``*_fen`` figures; a refused
        employee has ``employee_id``, ``refused`` true and ``problems``."""
        out = []
        for m in self.months:
            rows = [(x.emp_id, _line_record(x, m.withheld[x.emp_id])) for x in m.lines]
            rows += [(emp, {"month": m.month, "employee_id": emp, "emp_id": emp, "name": e.get("name") or "",
                            "dept": e.get("dept") or "", "refused": True,
                            "problems": [problem_record(p) for p in problems]})
                     for emp, (e, problems) in m.refused.items()]
            out += [record for _, record in sorted(rows, key=lambda r: r[0])]
        return out

    def summary(self) -> list[str]:
        """The Chinese summary (see :mod:`.summary`)."""
        out = month_summary(self.months[0]) if len(self.months) == 1 else range_summary(self.months)
        if self.written:
            n = len(self.lines)
            out.append(f"已写入 {self.path.name} 的「{RESULTS.name}」（{self.month} 的 {n} 行，其他月份保留）")
        elif self.dry_run:
            out.append("预览：未写入（加 --write 写入）")
        if self.later_months:
            out.append(f"注意：{'、'.join(self.later_months)} 已有工资结果，其累计数依赖本次计算的月份，请按顺序重新计算")
        return out


def _line_record(line: PayLine, withheld: Decimal) -> dict:
    record = {f: getattr(line, f) for f in RESULT_FIELDS}
    record.update(employee_id=line.emp_id, refused=False, cumulative_income_fen=fen(line.cum_income),
                  cumulative_tax_fen=fen(withheld), tax_fen=fen(line.iit))
    return record


def compute_months(led: ledger.Ledger, months: list[str]) -> PayrollRun:
    """The pay of ``months`` (consecutive, in order) from ``led``, each continuing the one before."""
    led.require("master", "employees")  # MissingBook (exit 2) naming the file when a book is not there
    led.require("payroll", "attendance")
    first_month(led, months)
    rules = PayRules.from_params(led.params)
    rate = led.decimal("employer_si_rate")
    history = History(led, months)
    out = []
    for month in months:
        found = gather(led, month, history)
        pay = MonthPay(month, problems=found.problems,
                       refused={emp: (found.employees[emp], ps) for emp, ps in sorted(found.refused.items())})
        for inp in found.inputs:
            line = compute_pay(inp, found.starts[inp.emp_id], rules)
            pay.lines.append(line)
            pay.withheld[line.emp_id] = found.starts[inp.emp_id].withheld + line.iit - line.bonus_tax
            pay.employer[line.emp_id] = employer_cost(found.employees[line.emp_id]["si_base"], rate,
                                                      line.housing_fund, rules)
            history.record(line)
        out.append(pay)
        if len(out) == 1:
            _refuse_out_of_order(pay)
    done = sorted({r.get("month") for r in led.rows("payroll", "results") if r.get("month")})
    return PayrollRun(out, led.path("payroll"), later_months=tuple(m for m in done if m > months[-1]))


def _refuse_out_of_order(pay: MonthPay) -> None:
    """One line (MissingMonth) when nobody could be computed only because earlier months are missing."""
    gaps = [[p for p in ps if p.code == Code.MISSING_PAY_MONTH] for _, ps in pay.refused.values()]
    if pay.lines or not gaps or not all(gaps):
        return
    month = max(p.message.split("缺少 ", 1)[1][:7] for found in gaps for p in found)  # the one everyone lacks
    names = [e.get("name") or emp for emp, (e, _) in pay.refused.items()]
    who = "、".join(names[:3]) + (f"等 {len(names)} 人" if len(names) > 3 else "")
    raise MissingMonth(f"累计预扣法需要本年此前各月的工资结果，缺少 {month}（{who}）：请按月份顺序先计算 {month}"
                       f"（或用 --from {month} --to {pay.month}）")


def compute_month(led: ledger.Ledger, month: str) -> PayrollRun:
    """The pay of one ``month`` from ``led``."""
    return compute_months(led, [month])


def result_sheet(led: ledger.Ledger, run: PayrollRun) -> tuple[list[str], list[list], dict, dict]:
    """(headers, rows, number formats, widths) of 工资结果 with the run's months replaced."""
    replaced = {m.month for m in run.months}
    kept = [[row.get(f) for f in RESULT_FIELDS] for row in led.rows("payroll", "results")
            if row.get("month") and row.get("month") not in replaced]
    new = [[getattr(x, f) for f in RESULT_FIELDS] for x in run.lines]
    rows = sorted(kept + new, key=lambda r: (r[0], str(r[1])))
    return ([c.header for c in RESULTS.columns], rows,
            {c.header: "#,##0.00" for c in RESULTS.columns if c.type == "money"},
            {c.header: c.width for c in RESULTS.columns if c.width})


def next_month(led: ledger.Ledger) -> str:
    """The month to run next: the one after the latest in 工资结果, else the go-live month, else
    the first 考勤 month of this year, else this month."""
    done = sorted(m for m in (r.get("month") for r in led.rows("payroll", "results")) if m)
    if done:
        year, mon = int(done[-1][:4]), int(done[-1][5:7])
        return f"{year + mon // 12}-{mon % 12 + 1:02d}"
    live = go_live_date(led.params)
    if live is not None:
        return f"{live:%Y-%m}"
    this_year = f"{led.today:%Y}"
    months = sorted(m for m in (r.get("month") for r in led.rows("payroll", "attendance")) if m and m[:4] == this_year)
    return months[0] if months else f"{led.today:%Y-%m}"


def run_payroll(folder: Path | str, month: str, *, to: str | None = None, dry_run: bool = False,
                today: date | None = None, led: ledger.Ledger | None = None) -> PayrollRun:
    """Compute ``month`` (through ``to`` when given) and, unless ``dry_run``, write 工资结果 once."""
    months = months_between(month, to or month)
    if not months:
        raise BadOption(f"--to {to} 早于 --from {month}")
    led = led or ledger.load(Path(folder), today=today)
    if not dry_run:
        refuse_if_closed(led.params, months, f"写入 {months[0]}{'' if len(months) == 1 else ' 至 ' + months[-1]} 工资结果")
    run = compute_months(led, months)
    run.dry_run = dry_run
    if dry_run or not run.lines:
        return run
    headers, rows, formats, widths = result_sheet(led, run)
    write_generated_sheet(run.path, RESULTS.name, headers, rows, number_formats=formats, widths=widths)
    run.written = True
    return run


__all__ = ["RESULTS", "RESULT_FIELDS", "MonthPay", "PayrollRun", "compute_month", "compute_months", "next_month",
           "result_sheet", "run_payroll"]
