"""Action ``service scorecard``: each technician's month against the month's 服务计划 (售后服务部「三包服务和
保外维修管理与考核」).

Per technician with a work order closed in the month M, a claim decided in M, or a plan row for M
(as of M's last day: nothing dated after it counts):

- 工时, 工单数: the 工时 and the count of his 服务工单 closed (完工日期) in M; 保外收入: their 向客户收费 of
  保外 orders;
- 返修: his orders closed in M that the machine came back from — another 三包/保外 order of the same
  整机编号 opened within 参数 repeat_repair_days after the close, up to M's last day
  (:func:`dealer_xl.domain.scorecards.repeat_repairs`); 返修率 = 返修 ÷ 工单数;
- 回访满意度: the average 满意度 of the callbacks (dated up to M's last day) of his orders closed in M;
- 索赔驳回率: of the claims of his work orders (any month) the maker decided with 结算月份 M
  (已结算/部分批准/驳回), the share 驳回;
- 计划工时, 计划工单数, 保外收入目标 from 服务计划 (his rows of M) and the 完成率 of each.

Input gate: a technician whose figures come from a cell validation calls an 错误 (his work orders'
维修技师, 完工日期, 工时, 服务类型, 向客户收费; their callbacks; the claims decided; his plan rows) gets none — listed with the
cells — and the command exits 1. Written to ``报表/技师考核_<M>.xlsx``; the books are never written.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from ...domain.money import ZERO
from ...domain.monthly import month_range
from ...domain.scorecards import ratio, repeat_repairs
from ...domain.technician_pay import in_month
from ...ledger import load
from ...problems import Problem
from ...schema import labels
from ..gate import Uses, gate, refusal_line
from ..report_book import write_report
from ..result import Refusing

PLANNED_HOURS, PLANNED_ORDERS, PLANNED_INCOME = (labels.header("service", "service_plans", f)
                                                  for f in ("planned_hours", "planned_orders", "planned_income"))
HEADERS = (labels.EMP_ID, labels.EMP_NAME, labels.BRANCH, labels.TECH_GRADE, labels.LABOR_HOURS, PLANNED_HOURS, "工时完成率",
           "工单数", PLANNED_ORDERS, "工单完成率", "保外收入", PLANNED_INCOME, "收入完成率", "返修", "返修率", "回访次数",
           "回访满意度", "索赔结算", "索赔驳回", "索赔驳回率")
RATES = {h: "0.00%" for h in ("工时完成率", "工单完成率", "收入完成率", "返修率", "索赔驳回率")}
FORMATS = {**RATES, "保外收入": "#,##0.00", PLANNED_INCOME: "#,##0.00", labels.LABOR_HOURS: "0.0", PLANNED_HOURS: "0.0",
           "回访满意度": "0.00"}
DECIDED = ("已结算", "部分批准", "驳回")
USES = (Uses("service", "work_orders", ("wo_no", "technician", "close_date", "labor_hours", "service_type",
                                        "customer_charge", "serial_no", "open_date")),
        Uses("service", "callbacks", ("wo_no", "callback_date", "satisfaction")),
        Uses("service", "claims", ("wo_no", "status", "settle_month")),
        Uses("service", "service_plans", ("month", "technician", "planned_hours", "planned_orders", "planned_income")))


@dataclass(frozen=True)
class TechCard:
    """One technician's month (see the module docstring)."""

    emp_id: str
    name: str
    branch: str
    grade: str
    hours: Decimal
    orders: int
    income: Decimal
    repeats: int
    callbacks: int
    satisfaction: Decimal | None
    decided: int
    rejected: int
    planned_hours: Decimal | None = None
    planned_orders: int | None = None
    planned_income: Decimal | None = None

    def record(self) -> dict[str, Any]:
        return {"emp_id": self.emp_id, "technician": self.name, "branch": self.branch, "grade": self.grade,
                "hours": self.hours, "orders": self.orders, "income": self.income, "repeat_repairs": self.repeats,
                "repeat_rate": ratio(self.repeats, self.orders), "callbacks": self.callbacks,
                "satisfaction": self.satisfaction, "claims_decided": self.decided, "claims_rejected": self.rejected,
                "rejection_rate": ratio(self.rejected, self.decided), "planned_hours": self.planned_hours,
                "planned_orders": self.planned_orders, "planned_income": self.planned_income,
                "hours_achievement": ratio(self.hours, self.planned_hours),
                "orders_achievement": ratio(self.orders, self.planned_orders),
                "income_achievement": ratio(self.income, self.planned_income)}

    def cells(self) -> list:
        r = self.record()
        return [self.emp_id, self.name, self.branch, self.grade, self.hours, self.planned_hours, r["hours_achievement"],
                self.orders, self.planned_orders, r["orders_achievement"], self.income, self.planned_income,
                r["income_achievement"], self.repeats, r["repeat_rate"], self.callbacks, self.satisfaction, self.decided,
                self.rejected, r["rejection_rate"]]


@dataclass(frozen=True)
class TechScorecardResult(Refusing):
    """What ``service scorecard`` produced."""

    month: str
    cards: tuple[TechCard, ...]
    workbook: Path | None = None
    refused: dict[str, tuple[Problem, ...]] = field(default_factory=dict)

    def records(self) -> list[dict[str, Any]]:
        return [c.record() for c in self.cards] + self.refusal_records("technician")

    def summary(self) -> list[str]:
        lines = [f"技师考核（{self.month}）：{len(self.cards)} 人，工时 {sum((c.hours for c in self.cards), ZERO)}，"
                 f"工单 {sum(c.orders for c in self.cards)} 张，返修 {sum(c.repeats for c in self.cards)} 张"]
        for c in self.cards:
            r = c.record()
            plan = f"（计划 {c.planned_hours}，完成 {r['hours_achievement']:.0%}）" if r["hours_achievement"] is not None else ""
            happy = f"{c.satisfaction}" if c.satisfaction is not None else "无回访"
            rejected = f"{r['rejection_rate']:.0%}" if r["rejection_rate"] is not None else "无结算"
            lines.append(f"  {c.name}（{c.branch}）：工时 {c.hours}{plan}，工单 {c.orders} 张，返修 {c.repeats}，"
                         f"满意度 {happy}，索赔驳回率 {rejected}")
        lines += [refusal_line("技师考核", who, list(found)) for who, found in self.refused.items()]
        return lines + ([f"明细：{self.workbook}"] if self.workbook else [])


def service_scorecard(source: Any, month: str, *, workbook: bool = True) -> TechScorecardResult:
    """The technicians' scorecards of ``month`` of the books in ``source``."""
    first, last = month_range(month)
    led = load(source, today=last)
    orders = led.rows("service", "work_orders")
    closed: dict[str, list] = defaultdict(list)
    for o in orders:
        if o.get("technician") and in_month(o.get("close_date"), month):
            person = led.employee(o["technician"]) or {}
            closed[person.get("emp_id") or o["technician"]].append(o)
    decided: dict[str, list] = defaultdict(list)
    by_order = {o.get("wo_no"): o.get("technician") for o in orders if o.get("wo_no") and o.get("technician")}
    for c in led.rows("service", "claims"):
        if c.get("settle_month") == month and c.get("status") in DECIDED and c.get("wo_no") in by_order:
            person = led.employee(by_order[c["wo_no"]]) or {}
            decided[person.get("emp_id") or by_order[c["wo_no"]]].append(c)
    plans: dict[str, list] = defaultdict(list)
    for p in led.rows("service", "service_plans"):
        if p.get("month") == month and p.get("technician"):
            person = led.employee(p["technician"]) or {}
            plans[person.get("emp_id") or p["technician"]].append(p)
    g = gate(led, USES)
    days = int(led.params["repeat_repair_days"])
    by_serial: dict[Any, list] = defaultdict(list)  # a repeat is an order of the same machine: only those are looked at
    for o in orders:
        if o.get("serial_no"):
            by_serial[o["serial_no"]].append(o)
    cards, refused = [], {}
    for emp in sorted(set(closed) | set(plans) | set(decided)):
        person = led.employee(emp) or {}
        mine = closed[emp]
        callbacks = [c for o in mine for c in led.all("service", "callbacks", "wo_no", o.get("wo_no"))
                     if c.get("callback_date") and c["callback_date"] <= last]
        found = g.on(*mine, *callbacks, *plans[emp], *decided[emp])
        if found:
            refused[person.get("name") or emp] = tuple(found)
            continue
        machines = [o for serial in dict.fromkeys(o.get("serial_no") for o in mine if o.get("serial_no"))
                    for o in by_serial[serial]]
        cards.append(_card(emp, person, mine, callbacks, plans[emp], decided[emp], machines, days, last))
    result = TechScorecardResult(month, tuple(cards), refused=refused)
    if workbook:
        result = replace(result, workbook=write_report(led.books_dir, f"技师考核_{month}.xlsx",
                                                       [("技师考核", HEADERS, [c.cells() for c in cards], FORMATS)], last))
    return result


def _card(emp, person, mine, callbacks, plans, claims, orders, days, last) -> TechCard:
    scores = [Decimal(c["satisfaction"]) for c in callbacks if c.get("satisfaction") is not None]
    happy = (sum(scores, ZERO) / len(scores)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if scores else None
    hours = [p.get("planned_hours") for p in plans if p.get("planned_hours") is not None]
    count = [p.get("planned_orders") for p in plans if p.get("planned_orders") is not None]
    income = [p.get("planned_income") for p in plans if p.get("planned_income") is not None]
    return TechCard(
        emp, person.get("name") or emp, person.get("branch") or next((o.get("branch") for o in mine if o.get("branch")), ""),
        person.get("tech_grade") or "", sum((Decimal(o.get("labor_hours") or 0) for o in mine), ZERO), len(mine),
        sum((o.get("customer_charge") or ZERO for o in mine if o.get("service_type") == "保外"), ZERO),
        len(repeat_repairs(mine, orders, days, last)), len(callbacks), happy, len(claims),
        sum(1 for c in claims if c.get("status") == "驳回"),
        sum(hours, Decimal(0)) if hours else None, sum(count) if count else None, sum(income, ZERO) if income else None)
