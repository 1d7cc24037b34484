"""Rules of 综合管理台账 劳动合同 (劳动合同法, DOMAIN §5b; issue #26).

Per contract row:

- 结束日期 before 开始日期, or 试用期结束 before 开始日期 or after 结束日期 (``dates_out_of_order``, 错误);
- a 固定期限 contract without 结束日期 (``required``, 错误: its term decides the probation and its end);
- a probation longer than 第十九条 allows for the contract's term (``probation_too_long``, 错误, at
  试用期结束, naming the longest lawful probation);
- a probation in a contract that is not the employee's first with the company (``probation_repeated``,
  错误: 第十九条 allows one probation per employee);
- a 固定期限 contract after two consecutive fixed-term ones, or starting after 10 years of service
  (``open_ended_due``, 警告, at 类型: 第十四条 makes it 无固定期限 unless the employee asked otherwise —
  keep the employee's written request).

Per employee on the payroll today (员工: hired, not left), once the register is in use (劳动合同 has
rows): no contract in force today although hired more than a month ago (``no_labour_contract``,
警告, at the employee's 工号 in 主数据 员工; 第十条 and 第八十二条: double wages after one month).
劳务 contracts (service, not labour) are outside the probation and 第十四条 rules but count as a
contract on file.
"""

from __future__ import annotations

from ..domain.labour_law import (
    FIXED,
    SERVICE,
    open_ended_due_by_count,
    open_ended_due_by_service,
    probation_excess,
    written_contract_due,
)
from ..ledger import Ledger
from ..ledger.labour import Contract, contract_chains, covering, on_payroll
from ..problems import Code, Problem, Severity

BOOK = "admin"


def check_labour(ctx: Ledger) -> list[Problem]:
    """Every problem of the rules above."""
    table = ctx.table(BOOK, "labour_contracts")
    if table is None:
        return []
    out: list[Problem] = []
    chains = contract_chains(ctx)
    for emp_id, chain in chains.items():
        employee = ctx.first("master", "employees", "emp_id", emp_id)
        for c in chain:
            out += _contract(ctx, table, c, employee)
    if table.rows:
        out += _uncovered(ctx, chains)
    return out


def _contract(ctx: Ledger, table, c: Contract, employee) -> list[Problem]:
    i, row = c.index, c.row
    out = []
    if c.end is not None and c.end < c.start:
        return [ctx.problem(table, i, "end", Code.DATES_OUT_OF_ORDER, f"结束日期早于开始日期 {c.start}")]
    probation = row["probation_end"]
    if probation is not None and (probation < c.start or (c.end is not None and probation > c.end)):
        return [ctx.problem(table, i, "probation_end", Code.DATES_OUT_OF_ORDER,
                            "试用期结束应在合同开始日期与结束日期之间")]
    if c.kind == FIXED and c.end is None and "end" in table.columns \
            and not ctx.already_flagged(table, table.cell(i, "end")):
        out.append(ctx.problem(table, i, "end", Code.REQUIRED, "固定期限劳动合同须填结束日期"))
    if c.kind is None or c.kind == SERVICE:
        return out
    excess = probation_excess(c.kind, c.start, c.end, probation)
    if excess is not None:
        lawful = f"最长 {excess.allowed_months} 个月（至 {excess.latest_end}）" if excess.allowed_months else "不得约定试用期"
        out.append(ctx.problem(table, i, "probation_end", Code.PROBATION_TOO_LONG,
                               f"{_term(c)}的合同{lawful}，试用期却到 {probation}（劳动合同法第十九条）"))
    elif probation is not None and c.earlier > 0:
        out.append(ctx.problem(table, i, "probation_end", Code.PROBATION_REPEATED,
                               "同一员工只能约定一次试用期（劳动合同法第十九条），这不是该员工的第一份合同"))
    if c.kind == FIXED:
        hired = employee.get("hire_date") if employee else None
        if open_ended_due_by_count(c.fixed_before):
            out.append(ctx.problem(table, i, "kind", Code.OPEN_ENDED_DUE,
                                   f"已连续订立 {c.fixed_before} 次固定期限合同，续订应为无固定期限（劳动合同法第十四条），"
                                   "除非员工提出订立固定期限：请留存员工的书面申请", Severity.WARNING))
        elif open_ended_due_by_service(hired, c.start):
            out.append(ctx.problem(table, i, "kind", Code.OPEN_ENDED_DUE,
                                   f"员工自 {hired} 入职已满十年，续订应为无固定期限（劳动合同法第十四条），"
                                   "除非员工提出订立固定期限：请留存员工的书面申请", Severity.WARNING))
    return out


def _term(c: Contract) -> str:
    if c.end is None:
        return c.kind or ""
    return f"期限 {c.start} 至 {c.end} "


def _uncovered(ctx: Ledger, chains: dict[str, list[Contract]]) -> list[Problem]:
    table = ctx.table("master", "employees")
    if table is None:
        return []
    today = ctx.today
    positions = ctx.index("master", "employees", "emp_id")
    out = []
    for e in on_payroll(ctx, today):
        hired = e.get("hire_date")
        if hired is not None and written_contract_due(hired) >= today:
            continue
        chain = chains.get(str(e["emp_id"]), [])
        if covering(chain, today) is not None:
            continue
        out.append(ctx.problem(table, positions[e["emp_id"]][0], "emp_id", Code.NO_LABOUR_CONTRACT,
                               f"{e.get('name') or e['emp_id']} 在职，{_why(chain, today)}：入职一个月内须订立书面劳动合同"
                               "（劳动合同法第十条、第八十二条）", Severity.WARNING))
    return out


def _why(chain: list[Contract], today) -> str:
    if not chain:
        return "综合管理台账「劳动合同」中没有该员工的合同"
    last = chain[-1]
    if last.end is not None and last.end < today:
        return f"最近一份合同（{last.start} 起）已于 {last.end} 到期"
    return f"最近一份合同（{last.start} 起）今天不在履行中（状态：{last.row['status'] or '未填'}）"
