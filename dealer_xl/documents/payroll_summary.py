"""The payroll summary (工资汇总): by department and by branch for the month, and month over month
for the year, with the cost including the employer side when 参数 employer_si_rate > 0.

Guarantees: each table's 合计 row equals the sum of its rows and the department and branch tables
total the same figures (Σ of the month's 工资结果); every row adds across — 应发工资 − 三险一金 −
个人所得税 + 不计税项目 = 实发工资 (issue #21); printed, the body stays ≥ 7.5 pt; the trend table has one row per month of the
year computed so far, up to the month asked; employer cost = clamped 社保基数 × employer_si_rate +
the matching housing fund (0 when the rate is 0). The same data feeds the workbook, the Chinese
summary and the HTML of the scheduled-job pack ``payroll_pack``.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from markupsafe import escape
from openpyxl import Workbook

from .. import ledger
from ..domain.money import ZERO
from ..domain.payroll import PayLine, PayRules, employer_cost
from ..io.legible import fit_legibly
from ..io.report_writer import MONEY, write_row, write_table
from ..io.writer import save_new
from ..ledger.payroll import OutputResult, month_lines
from ..schema import labels as L
from .names import output_path


def _employer(led: ledger.Ledger, lines: list[PayLine]) -> dict[str, Decimal]:
    rules, rate = PayRules.from_params(led.params), led.decimal("employer_si_rate")
    out = {}
    for x in lines:
        e = led.first("master", "employees", "emp_id", x.emp_id) or {}
        out[x.emp_id] = employer_cost(e.get("si_base") or ZERO, rate, x.housing_fund, rules)
    return out


def _group(lines: list[PayLine], employer: dict[str, Decimal], key) -> list[list]:
    groups: dict[str, list[PayLine]] = defaultdict(list)
    for x in lines:
        groups[key(x) or "（未填）"].append(x)
    rows = []
    for name, xs in sorted(groups.items()):
        gross = sum((x.gross for x in xs), ZERO)
        boss = sum((employer[x.emp_id] for x in xs), ZERO)
        rows.append([name, len(xs), gross, sum((x.insurance for x in xs), ZERO), sum((x.iit for x in xs), ZERO),
                     sum((x.non_taxable for x in xs), ZERO), sum((x.net for x in xs), ZERO), boss, gross + boss])
    rows.append(["合计", *[sum((r[i] for r in rows), ZERO if i > 1 else 0) for i in range(1, 9)]])
    return rows


def _branch(led: ledger.Ledger, emp_id: str) -> str | None:
    return (led.first("master", "employees", "emp_id", emp_id) or {}).get("branch")


def summary_tables(led: ledger.Ledger, month: str,
                   only_branch: str | None = None) -> dict[str, tuple[tuple[str, ...], list[list]]]:
    """title → (headers, rows) of the three tables (of one branch's employees when ``only_branch``)."""
    def mine(xs: list[PayLine]) -> list[PayLine]:
        return [x for x in xs if only_branch is None or _branch(led, x.emp_id) == only_branch]
    lines = mine(month_lines(led, month))
    employer = _employer(led, lines)
    branch = {x.emp_id: _branch(led, x.emp_id) for x in lines}
    by = L.SUMMARY_HEADERS
    trend = []
    for m in sorted({r["month"] for r in led.rows("payroll", "results")
                     if r.get("month") and r["month"][:4] == month[:4] and r["month"] <= month}):
        xs = mine(month_lines(led, m))
        boss = sum(_employer(led, xs).values(), ZERO)
        trend.append([m, len(xs), *(sum((getattr(x, f) for x in xs), ZERO) for f in ("gross", "iit", "net")),
                      sum((x.gross for x in xs), ZERO) + boss])
    return {"按部门": ((by[0].format(by=L.DEPT), *by[1:]), _group(lines, employer, lambda x: x.dept)),
            "按分公司": ((by[0].format(by=L.BRANCH), *by[1:]), _group(lines, employer, lambda x: branch[x.emp_id])),
            "逐月对比": (L.TREND_HEADERS, trend)}


def build_summary(led: ledger.Ledger, month: str, out_dir: Path, branch: str | None = None) -> OutputResult:
    """Write ``工资汇总_<月份>[_分公司].xlsx`` into ``out_dir``; the result's ``html`` feeds the job pack."""
    tables = summary_tables(led, month, branch)
    wb = Workbook()
    wb.remove(wb.active)
    for title, (headers, rows) in tables.items():
        ws = wb.create_sheet(title)
        write_table(ws, headers, rows, {h: MONEY for h in headers[2:]})
        fit_legibly(ws)
        if title != "逐月对比":
            write_row(ws, len(rows) + 1, rows[-1], {c: MONEY for c in range(3, len(headers) + 1)}, bold=True)
    result = OutputResult(month)
    result.paths.append(save_new(wb, output_path(out_dir, L.SUMMARY_TITLE, month, branch, suffix=".xlsx")))
    total = tables["按部门"][1][-1]
    result.lines += [f"{month} {L.SUMMARY_TITLE}：{total[1]} 人，应发 {total[2]:,.2f}，实发 {total[6]:,.2f}，"
                     f"人工成本 {total[8]:,.2f}（含单位社保公积金 {total[7]:,.2f}）",
                     f"已写出 {result.paths[0]}"]
    result.rows = [dict(zip(("dept", "count", "gross", "insurance", "iit", "non_taxable", "net", "employer", "cost"), r,
                            strict=True)) for r in tables["按部门"][1]]
    result.html = html_summary(month, tables)
    return result


def html_summary(month: str, tables) -> str:
    """The email summary: the department and branch tables (autoescaped)."""
    parts = [f"<p>{escape(month)} 工资汇总如下，明细见附件。</p>"]
    for title in ("按部门", "按分公司"):
        headers, rows = tables[title]
        head = "".join(f"<th>{escape(h)}</th>" for h in headers)
        body = "".join("<tr>" + "".join(
            f'<td style="text-align:right">{v:,.2f}</td>' if isinstance(v, Decimal) else f"<td>{escape(v)}</td>"
            for v in r) + "</tr>" for r in rows)
        parts.append(f"<h4>{escape(title)}</h4><table border=\"1\" cellspacing=\"0\" cellpadding=\"4\">"
                     f"<tr>{head}</tr>{body}</table>")
    return "".join(parts)
