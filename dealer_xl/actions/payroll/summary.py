"""The Chinese lines ``payroll run`` prints: what was computed, what was refused and why.

Guarantees: a single month shows a line per department (人数, 应发, 个税, 实发), the labour cost (the
employer's social insurance and housing fund added when 参数 employer_si_rate > 0) and the check
Σ实发 + Σ扣款 = Σ应发 + Σ不计税项目 with ✓/✗; a run of months shows one such line per month and the
totals. Every refused employee gets one line with 工号, 姓名 and up to three cells (book / sheet /
cell：reason), then how many more — in a run of months once, with the months not computed and the
cells that stopped them (a month missing only because an earlier month of the run was refused is
not repeated); 错误 that stop nobody and 警告 follow, one line each (once per run).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ...domain.money import ZERO
from ...domain.payroll import PayLine, check_line
from ...problems import Code, Problem
from .history import months_text
from .month import MonthPay

SHOWN = 3  # cells listed per refused employee


def month_summary(pay: MonthPay) -> list[str]:
    """The lines of one month."""
    refused = f"，另有 {len(pay.refused)} 人未计算（见下）" if pay.refused else ""
    out = [f"{pay.month} 工资：{len(pay.lines)} 人{refused}"]
    by_dept: dict[str, list[PayLine]] = defaultdict(list)
    for x in pay.lines:
        by_dept[x.dept].append(x)
    for dept, lines in sorted(by_dept.items()):
        out.append(f"  {dept}：{len(lines)} 人，应发 {_sum(lines, 'gross'):,.2f}，个税 {_sum(lines, 'iit'):,.2f}，"
                   f"实发 {_sum(lines, 'net'):,.2f}")
    if pay.lines:
        gross, employer = _sum(pay.lines, "gross"), sum(pay.employer.values(), ZERO)
        cost = f"人工成本：应发 {gross:,.2f}"
        if employer:
            cost += f" + 单位社保公积金 {employer:,.2f} = {gross + employer:,.2f}"
        out += [cost, _check(pay.lines)]
    return out + refusal_lines(pay)


def range_summary(months: list[MonthPay]) -> list[str]:
    """The lines of a run of months: one per month, the refusals under it, then the totals."""
    out = [f"{months[0].month} 至 {months[-1].month} 工资（按月份顺序计算）："]
    for pay in months:
        refused = f"；未计算 {len(pay.refused)} 人" if pay.refused else ""
        net, deductions, gross, non_taxable = check_line(pay.lines)
        ok = "✓" if net + deductions == gross + non_taxable else "✗"
        out.append(f"  {pay.month}：{len(pay.lines)} 人，应发 {gross:,.2f}，个税 {_sum(pay.lines, 'iit'):,.2f}，"
                   f"实发 {net:,.2f}；核对 实发+扣款 = 应发+不计税 {ok}{refused}")
    lines = [x for pay in months for x in pay.lines]
    out.append(f"合计：{len(lines)} 行，应发 {_sum(lines, 'gross'):,.2f}，个税 {_sum(lines, 'iit'):,.2f}，"
               f"实发 {_sum(lines, 'net'):,.2f}")
    return out + _range_refusals(months)


def _range_refusals(months: list[MonthPay]) -> list[str]:
    """Each employee refused in the run once: the months, and what stopped them."""
    run = {pay.month for pay in months}
    who: dict[str, tuple[dict, list[str], list[Problem]]] = {}
    for pay in months:
        for emp, (employee, problems) in pay.refused.items():
            _, refused_months, reasons = who.setdefault(emp, (employee, [], []))
            refused_months.append(pay.month)
            for p in problems:
                cascade = p.code == Code.MISSING_PAY_MONTH and refused_months[0] in run and len(refused_months) > 1
                if not cascade and all(_where(p) != _where(q) for q in reasons):
                    reasons.append(p)
    out = [f"未计算的员工（台账有错误，请先改正，再从所列第一个月起重新计算）：{len(who)} 人"] if who else []
    for emp, (employee, refused_months, reasons) in sorted(who.items()):
        cells = "；".join(_where(p) for p in reasons[:SHOWN])
        more = f"（另有 {len(reasons) - SHOWN} 处）" if len(reasons) > SHOWN else ""
        out.append(f"  {emp} {employee.get('name') or ''}：{months_text(refused_months)} 未计算 — {cells}{more}")
    seen: set[str] = set()
    for pay in months:
        for p in pay.problems:
            if _where(p) not in seen:
                seen.add(_where(p))
                out.append(f"  [{p.severity}] {_where(p)}")
    return out


def refusal_lines(pay: MonthPay) -> list[str]:
    """One line per refused employee, then the month's other problems."""
    out = []
    if pay.refused:
        out.append(f"未计算 {len(pay.refused)} 人（台账有错误，请先改正再重新计算 {pay.month}）：")
    for emp, (employee, problems) in pay.refused.items():
        cells = "；".join(_where(p) for p in problems[:SHOWN])
        more = f"（另有 {len(problems) - SHOWN} 处）" if len(problems) > SHOWN else ""
        out.append(f"  {emp} {employee.get('name') or ''}：{cells}{more}")
    out += [f"  [{p.severity}] {_where(p)}" for p in pay.problems]
    return out


def _where(p: Problem) -> str:
    return f"{p.where()}：{p.message}"


def _check(lines: list[PayLine]) -> str:
    net, deductions, gross, non_taxable = check_line(lines)
    ok = "✓ 平衡" if net + deductions == gross + non_taxable else "✗ 不平衡"
    return (f"核对：Σ实发 {net:,.2f} + Σ扣款(三险一金+个税) {deductions:,.2f} = {net + deductions:,.2f}；"
            f"Σ应发 {gross:,.2f} + Σ不计税项目 {non_taxable:,.2f} = {gross + non_taxable:,.2f} {ok}")


def _sum(lines: list[PayLine], name: str) -> Decimal:
    return sum((getattr(x, name) for x in lines), ZERO)
