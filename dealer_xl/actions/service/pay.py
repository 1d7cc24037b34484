"""Action ``service pay``: technician piece pay of a month, through the input gate of money.

Guarantees:

- pay comes from :func:`dealer_xl.domain.technician_pay.piece_pay` only (the one place it is
  computed; payroll calls the same function);
- a technician is refused — listed with book, sheet, cell and reason in Chinese, given no figure —
  when validation calls an 错误 any cell his pay is computed from: his 员工 row (姓名, 技术等级), the
  month's work orders (维修技师, 完工日期, 工时) and callbacks (工单号, 回访日期, 满意度) of his, the
  undated ones whose date is the 错误, and the 参数 rows of his grade's rate and of the callback
  bonus; a technician whose grade has no rate is refused too (never paid at rate 0);
- the others are computed; ``records()`` carry ``refused`` (and, refused, ``problems``:
  ``{book, sheet, cell, code, message}``); the CLI exits 1 when anyone was refused;
- the workbook ``报表/技师计件_<月份>.xlsx`` has the priced technicians with a 合计 row, and a sheet
  未计算 naming the refused ones, one row per 错误 (book, sheet, cell, reason; no figures).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ...domain.technician_pay import BONUS_PARAM, GRADE_PARAMS, TechnicianPay, piece_pay
from ...io.report_writer import MONEY
from ...ledger import Ledger, load
from ...problems import Problem
from ...schema import labels
from ..gate import REFUSAL_COLUMNS, Uses, gate, param_rows, problem_record, refusal_cells, refusal_line
from .common import write_workbook

PAY_HEADERS = (labels.EMP_ID, labels.EMP_NAME, labels.TECH_GRADE, labels.LABOR_HOURS, "每工时（元）", "计件工资",
               "回访次数", "回访奖扣", "合计")
REFUSED_HEADERS = (labels.EMP_ID, labels.EMP_NAME, *REFUSAL_COLUMNS, labels.REASON)
USES = (Uses("master", "employees", ("name", "tech_grade")),
        Uses("service", "work_orders", ("wo_no", "technician", "close_date", "labor_hours")),
        Uses("service", "callbacks", ("wo_no", "callback_date", "satisfaction")),
        Uses("master", "params", ("value",)))
DATES = ("close_date", "callback_date")


@dataclass(frozen=True)
class Refused:
    """A technician not computed.

    Attributes:
        emp_id: 工号.
        name: 姓名.
        reason: why, in Chinese (the cells, or the grade without a rate).
        problems: the 错误 that stop him (empty when only his grade has no rate).
    """

    emp_id: str
    name: str
    reason: str
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class PayResult:
    """Technician piece pay of a month.

    Attributes:
        month: YYYY-MM.
        rows: one per priced technician, by 工号.
        refused: the technicians not computed, by 工号.
        workbook: the workbook written, None when not written.
    """

    month: str
    rows: list[TechnicianPay]
    refused: list[Refused] = field(default_factory=list)
    workbook: Path | None = None

    @property
    def problems(self) -> list[Problem]:
        return [p for r in self.refused for p in r.problems]

    def records(self) -> list[dict[str, Any]]:
        paid = [{**asdict(r), "refused": False} for r in self.rows]
        refused = [{"emp_id": r.emp_id, "name": r.name, "refused": True, "reason": r.reason,
                    "problems": [problem_record(p) for p in r.problems]} for r in self.refused]
        return sorted(paid + refused, key=lambda r: r["emp_id"])

    def summary(self) -> list[str]:
        total = sum((r.total for r in self.rows), 0)
        hours = sum((r.hours for r in self.rows), 0)
        lines = [f"技师计件 {self.month}：{len(self.rows)} 位技师，工时 {hours}，计件工资与回访奖扣合计 {total:,.2f} 元"
                 + (f"；{len(self.refused)} 位未计算（见下）" if self.refused else "")]
        lines += [r.reason for r in self.refused]
        return lines + ([f"明细：{self.workbook}"] if self.workbook else [])


def pay(led: Ledger, month: str) -> tuple[list[TechnicianPay], list[Refused]]:
    """(the priced technicians that pass the gate, the refused ones) of ``month``."""
    run = piece_pay(led.rows("service", "work_orders"), led.rows("service", "callbacks"), led.employee,
                    led.params, month)
    g = gate(led, USES)
    paid, refused = [], []
    people = {r.emp_id: r for r in run.rows}
    for emp in sorted({*people, *run.unpriced}):
        person = led.first("master", "employees", "emp_id", emp) or {}
        grade = person.get("tech_grade") or ""
        found = g.on(person, *run.sources.get(emp, ()), *param_rows(led, GRADE_PARAMS.get(grade, ""), BONUS_PARAM))
        found += [p for p in g.on(*run.undated.get(emp, ()), fields=DATES) if p not in found]
        name = str(person.get("name") or "")
        if found:
            refused.append(Refused(emp, name, refusal_line("计件工资", f"{emp} {name}", found), tuple(found)))
        elif emp in run.unpriced:
            refused.append(Refused(emp, name, f"未计算计件工资 {emp} {name}：{run.unpriced[emp]}"))
        else:
            paid.append(people[emp])
    return paid, refused


def refused_rows(refused: list[Refused]) -> list[list]:
    """The 未计算 sheet: one row per 错误 of each refused technician (his grade's missing rate when none)."""
    return [[r.emp_id, r.name, *cells] for r in refused
            for cells in ([refusal_cells(p) for p in r.problems] or [["", "", "", r.reason]])]


def service_pay(source: Any, month: str, as_of: date | None = None, *, workbook: bool = True) -> PayResult:
    """Technician piece pay of ``month`` from the books in ``source`` (validated as of ``as_of``)."""
    led = load(source, today=as_of)
    rows, refused = pay(led, month)
    path = None
    if workbook:
        cells = [[r.emp_id, r.name, r.grade, r.hours, r.rate, r.piece_pay, r.callbacks, r.callback_bonus, r.total]
                 for r in rows]
        total = ["合计", "", "", sum((r.hours for r in rows), 0), None, sum((r.piece_pay for r in rows), 0),
                 sum(r.callbacks for r in rows), sum((r.callback_bonus for r in rows), 0),
                 sum((r.total for r in rows), 0)]
        formats = {h: MONEY for h in ("每工时（元）", "计件工资", "回访奖扣", "合计")}
        sheets = [("技师计件", PAY_HEADERS, [*cells, total], formats)]
        if refused:
            sheets.append(("未计算", REFUSED_HEADERS, refused_rows(refused), {}))
        path = write_workbook(led.books_dir, f"技师计件_{month}.xlsx", sheets)
    return PayResult(month, rows, refused, path)
