"""Planted mistakes of 主数据, 售后服务台账 and 工资表: one planter per rule, each returning its Mistake.

Master-data mistakes sit on customers who never bought (so a bad ID or credit limit does not
touch any sale), on a sub-dealer's credit code, a technician's grade and a part's cost. Service
mistakes sit on work orders nothing else depends on (an inspection, a paid repair without a
callback, a claim still awaiting the maker); payroll mistakes on single rows
of the months before the tax year the demo's payroll runs (so every run from January is clean).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from ..domain.identifiers import ID_CHECK, USCC_CHARS, is_valid_uscc, resident_id_check_char, uscc_check_char
from ..domain.schedules import due_date_for
from ..problems import Code
from .company import TECHNICIAN
from .mistakes import Mistake, Planting
from .payroll import PAYROLL_START, TAX_YEAR_START
from .people import COUNTIES, person_name, uscc

CUSTOMERS, DEALERS = ("master", "customers"), ("master", "sub_dealers")
EMPLOYEES, PARTS = ("master", "employees"), ("master", "parts")
ORDERS, CLAIMS = ("service", "work_orders"), ("service", "claims")
OLD_PARTS, CALLBACKS = ("service", "old_parts"), ("service", "callbacks")
ATTENDANCE, ADJUSTMENTS = ("payroll", "attendance"), ("payroll", "adjustments")


def _prospect(p: Planting, kind: str | None = "个人"):
    """A customer without sales (of ``kind``, or any kind when None)."""
    ids = {c.customer_id for c in p.world.specials.customers if kind in (None, c.kind)}
    return p.take(CUSTOMERS, lambda c: c.customer_id in ids)


def bad_id_number(p: Planting) -> Mistake:
    c = _prospect(p)
    right = resident_id_check_char(c.id_number[:17])
    typed = next(c.id_number[:17] + ch for ch in ID_CHECK
                 if ch != right and not is_valid_uscc(c.id_number[:17] + ch))
    edited = p.edit(CUSTOMERS, c, id_number=typed)
    return p.mistake(CUSTOMERS, edited, "id_number", Code.BAD_ID_NUMBER, "身份证号末位校验码错误", c.id_number)


def id_kind_mismatch(p: Planting) -> Mistake:
    c = _prospect(p)
    county = next(x for x in COUNTIES if x.code == c.id_number[:6])
    edited = p.edit(CUSTOMERS, c, id_number=uscc(p.rng, county))
    return p.mistake(CUSTOMERS, edited, "id_number", Code.ID_KIND_MISMATCH,
                     "客户类型为个人，证件号码却填了统一社会信用代码", c.id_number)


def bad_phone(p: Planting) -> Mistake:
    c = _prospect(p)
    edited = p.edit(CUSTOMERS, c, phone=c.phone[:10])
    return p.mistake(CUSTOMERS, edited, "phone", Code.BAD_PHONE, "手机号少录一位（10位）", c.phone)


def bad_sales_rep(p: Planting) -> Mistake:
    c = _prospect(p, None)
    names = {e.name for e in p.rows(EMPLOYEES)}
    ghost = next(n for n in (person_name(p.rng, True) for _ in range(1000)) if n not in names)
    edited = p.edit(CUSTOMERS, c, sales_rep=ghost)
    return p.mistake(CUSTOMERS, edited, "sales_rep", Code.BAD_REFERENCE, "业务员不在员工档案中", c.sales_rep)


def negative_credit_limit(p: Planting) -> Mistake:
    c = _prospect(p)
    edited = p.edit(CUSTOMERS, c, credit_limit=-c.credit_limit if c.credit_limit else c.credit_limit - 100000)
    return p.mistake(CUSTOMERS, edited, "credit_limit", Code.OUT_OF_RANGE, "授信额度为负数", c.credit_limit)


def bad_uscc(p: Planting) -> Mistake:
    d = p.take(DEALERS, lambda d: True)
    right = uscc_check_char(d.uscc[:17])
    wrong = USCC_CHARS[(USCC_CHARS.index(right) + 7) % 31]
    edited = p.edit(DEALERS, d, uscc=d.uscc[:17] + wrong)
    return p.mistake(DEALERS, edited, "uscc", Code.BAD_USCC, "统一社会信用代码校验位错误", d.uscc)


def bad_tech_grade(p: Planting) -> Mistake:
    e = p.take(EMPLOYEES, lambda e: e.position == TECHNICIAN and e.leave_date is None)
    edited = p.edit(EMPLOYEES, e, tech_grade="特级")
    return p.mistake(EMPLOYEES, edited, "tech_grade", Code.BAD_CHOICE, "技术等级“特级”不在可选值（初级/中级/高级/技师）中",
                     e.tech_grade)


def bad_part_cost(p: Planting) -> Mistake:
    part = p.take(PARTS, lambda x: "00" in f"{x.cost_price:.0f}")
    typed = f"{part.cost_price:.0f}".replace("00", "OO", 1)
    edited = p.edit(PARTS, part, cost_price=typed)
    return p.mistake(PARTS, edited, "cost_price", Code.BAD_MONEY, f"成本价“{typed}”把数字0录成了字母O", part.cost_price)


def serial_not_sold(p: Planting) -> Mistake:
    machine = p.world.specials.machines["serial_not_sold"]
    wo = p.take(ORDERS, _paid_repair)
    edited = p.edit(ORDERS, wo, serial_no=machine.serial_no, model_code=machine.model_code)
    return p.mistake(ORDERS, edited, "serial_no", Code.SERIAL_NOT_SOLD, "工单的整机编号是一台在库未售的机器", wo.serial_no)


def _paid_repair(w) -> bool:
    return w.service_type == "保外" and w.close_date is not None


def _without_callback(p: Planting):
    called = {c.wo_no for c in p.rows(CALLBACKS)}
    return lambda w: w.wo_no not in called


def dates_out_of_order(p: Planting) -> Mistake:
    wo = p.take(ORDERS, lambda w: _paid_repair(w) and w.close_date > w.open_date, prefer=_without_callback(p))
    edited = p.edit(ORDERS, wo, close_date=wo.open_date - timedelta(days=3))
    return p.mistake(ORDERS, edited, "close_date", Code.DATES_OUT_OF_ORDER, "完工日期早于报修日期", wo.close_date)


def out_of_warranty(p: Planting) -> Mistake:
    delivered = {s.serial_no: s.delivery_date for s in p.rows(("sales", "sales"))}
    company = p.world.company

    def expired(w) -> bool:
        part, m = company.part.get(w.fault_part_no), company.model[w.model_code]
        return (w.service_type in ("保外", "巡检") and (part is None or part.main_part == "否")
                and w.open_date > due_date_for(delivered[w.serial_no], m.warranty_months + 1))
    wo = p.take(ORDERS, expired, prefer=lambda w: w.service_type == "保外")
    edited = p.edit(ORDERS, wo, service_type="三包")
    return p.mistake(ORDERS, edited, "open_date", Code.OUT_OF_WARRANTY,
                     f"按三包登记（原为{wo.service_type}），但报修日期已超过整机三包期")


def bad_hour_meter(p: Planting) -> Mistake:
    wo = p.take(ORDERS, _paid_repair, prefer=lambda w: w.hour_meter > 300)
    typed = f"约{int(wo.hour_meter)}"
    edited = p.edit(ORDERS, wo, hour_meter=typed)
    return p.mistake(ORDERS, edited, "hour_meter", Code.BAD_NUMBER, f"工作小时填成“{typed}”，不是数字", wo.hour_meter)


def claim_total_mismatch(p: Planting) -> Mistake:
    claim = p.take(CLAIMS, lambda c: True, prefer=lambda c: c.status in ("待提交", "已提交", "已批准"))
    edited = p.edit(CLAIMS, claim, claim_total=claim.claim_total + 100)
    return p.mistake(CLAIMS, edited, "claim_total", Code.CLAIM_TOTAL_MISMATCH, "索赔合计比工时费+配件费+外出费多 100 元",
                     claim.claim_total)


def old_part_missing(p: Planting) -> Mistake:
    shipped = {o.claim_no for o in p.rows(OLD_PARTS)}
    claim = p.take(CLAIMS, lambda c: c.claim_no in shipped)
    p.delete(OLD_PARTS, lambda o: o.claim_no == claim.claim_no)
    return p.mistake(CLAIMS, claim, "claim_no", Code.OLD_PART_MISSING, "需返厂的故障件没有旧件返厂记录")


def satisfaction_out_of_range(p: Planting) -> Mistake:
    cb = p.take(CALLBACKS, lambda c: True, prefer=lambda c: c.satisfaction == 5)
    edited = p.edit(CALLBACKS, cb, satisfaction=6)
    return p.mistake(CALLBACKS, edited, "satisfaction", Code.OUT_OF_RANGE, "满意度 6 超出 1–5 分", cb.satisfaction)


def inactive_employee(p: Planting) -> Mistake:
    rows = p.rows(ATTENDANCE)
    joiner = next(e for e in p.rows(EMPLOYEES) if PAYROLL_START < e.hire_date < TAX_YEAR_START)
    month = f"{PAYROLL_START:%Y-%m}"
    first = next(a for a in rows if a.emp_id == joiner.emp_id)
    anchor = [a for a in rows if a.month <= month][-1]
    ghost = p.insert_after(ATTENDANCE, anchor, replace(first, month=month))
    return p.mistake(ATTENDANCE, ghost, "emp_id", Code.INACTIVE_EMPLOYEE,
                     f"该员工 {joiner.hire_date.isoformat()} 才入职，{month} 不应有考勤")


def worked_days_exceed(p: Planting) -> Mistake:
    a = p.take(ATTENDANCE, lambda a: a.paid_leave_days == 0 and a.unpaid_leave_days == 0)
    edited = p.edit(ATTENDANCE, a, worked_days=a.required_days + 2)
    return p.mistake(ATTENDANCE, edited, "worked_days", Code.WORKED_DAYS_EXCEED, "实出勤天数超过应出勤天数",
                     a.worked_days)


def bad_month(p: Planting) -> Mistake:
    adj = p.take(ADJUSTMENTS, lambda a: True, prefer=lambda a: a.month.endswith("-12"))
    edited = p.edit(ADJUSTMENTS, adj, month=f"{adj.month[:4]}-13")
    return p.mistake(ADJUSTMENTS, edited, "month", Code.BAD_MONTH, "月份 13 不存在", adj.month)


def missing_amount(p: Planting) -> Mistake:
    adj = p.take(ADJUSTMENTS, lambda a: True, prefer=lambda a: a.item == "奖金" and a.month < f"{TAX_YEAR_START:%Y-%m}")
    edited = p.edit(ADJUSTMENTS, adj, amount=None)
    return p.mistake(ADJUSTMENTS, edited, "amount", Code.REQUIRED, "奖扣金额为空", adj.amount)


MASTER_PLANTERS = (bad_id_number, id_kind_mismatch, bad_phone, bad_sales_rep, negative_credit_limit, bad_uscc,
                   bad_tech_grade, bad_part_cost)
SERVICE_PLANTERS = (serial_not_sold, dates_out_of_order, out_of_warranty, bad_hour_meter, claim_total_mismatch,
                    old_part_missing, satisfaction_out_of_range)
PAYROLL_PLANTERS = (inactive_employee, worked_days_exceed, bad_month, missing_amount)
