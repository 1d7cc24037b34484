"""Rules for 工资期初, the payroll opening balances of a company that went live mid-year.

Each row is an 错误 at its cell when: its 截至月份 is not before the go-live month (参数 go_live:
the first month dealer_xl computes is the go-live month, so an opening covers the months before
it); its 截至月份 is outside its 年度; the employee was hired after it; 累计减除费用 is not 参数
iit_monthly_exemption × the months employed that year up to it; 累计免税收入 exceeds 累计收入; the
same 工号 has two rows for one 年度; or 工资结果 already holds a month it covers (the month would
count twice). Amounts below 0 and unknown 工号 are the column rules' (:mod:`.columns`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from ..domain.payroll_opening import Opening, opening_reasons
from ..io.dates import parse_date
from ..ledger import Ledger
from ..problems import Code, Problem


def go_live_date(params: Mapping[str, Any]) -> date | None:
    """参数 go_live as a date (None when blank or unreadable — validation reports the latter)."""
    found = parse_date(str(params.get("go_live") or "").strip()[:10])
    return found if isinstance(found, date) else None


def check_opening(ctx: Ledger) -> list[Problem]:
    """Every 工资期初 row that cannot be right, at its cell."""
    table = ctx.table("payroll", "opening")
    if table is None:
        return []
    live = go_live_date(ctx.params)
    exemption = Decimal(str(ctx.params["iit_monthly_exemption"]))
    computed = _computed_months(ctx)
    out: list[Problem] = []
    seen: dict[tuple, int] = {}
    for i, row in enumerate(table.rows):
        employee = ctx.employee(row["emp_id"]) if row["emp_id"] else None
        if employee is None or row["year"] is None or row["through"] is None:
            continue
        opening = Opening.from_row({**row, "emp_id": employee["emp_id"]})
        key = (opening.emp_id, opening.year)
        if key in seen:
            out.append(ctx.problem(table, i, "year", Code.DUPLICATE,
                                   f"员工 {employee['name']} 的 {opening.year} 年工资期初与第 {table.row_numbers[seen[key]]} "
                                   "行重复，每人每年只应有一行"))
            continue
        seen[key] = i
        if live is not None and opening.through >= f"{live:%Y-%m}":
            out.append(ctx.problem(table, i, "through", Code.OPENING_AFTER_GO_LIVE,
                                   f"截至月份 {opening.through} 不早于上线月份 {live:%Y-%m}（参数 go_live）："
                                   "上线当月起的工资由 dealer_xl 计算，期初只应截至上线前一个月"))
        for field, reason in opening_reasons(opening, employee.get("hire_date"), exemption):
            out.append(ctx.problem(table, i, field, Code.OPENING_INCONSISTENT, f"员工 {employee['name']}：{reason}"))
        twice = sorted(m for m in computed[opening.emp_id] if m[:4] == opening.through[:4] and m <= opening.through)
        if twice:
            out.append(ctx.problem(table, i, "through", Code.OPENING_INCONSISTENT,
                                   f"「工资结果」中已有员工 {employee['name']} {'、'.join(twice)} 的工资，与截至 "
                                   f"{opening.through} 的期初重复计算；期初只应截至 dealer_xl 计算的第一个月之前"))
    return out


def _computed_months(ctx: Ledger) -> dict[str, set[str]]:
    """工号 → the months 工资结果 holds for that employee."""
    out: dict[str, set[str]] = defaultdict(set)
    for row in ctx.rows("payroll", "results"):
        if row.get("emp_id") and row.get("month"):
            out[row["emp_id"]].add(row["month"])
    return out
