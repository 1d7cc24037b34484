"""The demo's work that crosses departments (issue #29): sales callbacks, complaints, and one overdue
customer's machine in the workshop; the parts stock and its journal are :mod:`.parts_journal`.

:func:`stage_handover` edits the clean world before mistakes are planted, breaking no rule:

- 销售回访 rows in 回访记录 for most machines delivered in the last 180 days (a few left to call, a few
  dissatisfied);
- 客户投诉: one per dissatisfied callback of the last year but the two newest (left as drafts), and
  complaints by phone, visit, WeChat and the makers; most closed with a result, some still open;
- exactly one work order in the workshop for a customer more than 参数 service_hold_dpd days past due
  (the one the books hold, else one opened the day before the as-of date for the worst defaulter).

:data:`HANDOVER_PLANTERS` plant one mistake per rule of :mod:`dealer_xl.checks.service_desk` and,
through :mod:`.parts_journal` (which also writes 配件库存 and 配件出入库), of :mod:`dealer_xl.checks.parts`
(the overdue customer's work order is a warning the books carry anyway). They run last of all planters.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from ..ledger.receivables import build_receivables
from ..problems import Code
from ..schema import PARAMS, sheet
from ..schema.params import defaults
from .claims import Callback
from .company import AS_OF, TECHNICIAN
from .mistakes import Mistake, Planting
from .parts_journal import PARTS_PLANTERS
from .world import World

D = Decimal
ORDERS, CALLBACKS, COMPLAINTS = ("service", "work_orders"), ("service", "callbacks"), ("service", "complaints")
SALES_CALLBACK = "销售回访"
PARAM = {p.key: p.default for p in PARAMS}
SALES_FEEDBACK = {5: ("交车讲解清楚，很满意", "业务员服务周到", "满意"), 4: ("总体满意", "交车稍晚，其他满意"),
                  3: ("一般", "随车资料不全，已补"), 2: ("交车比约定晚了一周", "承诺的赠品没有兑现")}
TOPICS = {"产品质量": ("售后服务部", ("发动机冒黑烟", "液压系统反复漏油", "驾驶室异响")),
          "服务质量": ("售后服务部", ("服务人员到场太慢", "维修后故障复发")),
          "配件": ("售后服务部", ("配件等了一周", "配件价格偏高")),
          "收费": ("财务部", ("保外维修收费有疑问", "发票开具不及时")),
          "销售": ("销售部", ("交车时间一再推迟", "合同条款解释不清"))}
RESULTS = ("已上门处理，客户认可", "已更换配件，故障排除", "已解释并致歉", "已退还多收费用", "已协调厂家处理")


@dataclass(frozen=True, slots=True)
class Complaint:
    """A row of 客户投诉."""

    complaint_no: str
    date: date
    customer_id: str
    serial_no: str
    channel: str
    category: str
    content: str
    department: str
    handler: str
    result: str | None
    close_date: date | None
    satisfaction: str | None


def stage_handover(world: World, rng: Random) -> None:
    """Edit ``world`` in place before planting (see the module docstring)."""
    _sales_callbacks(world, rng)
    _complaints(world, rng)
    _overdue_in_workshop(world)


def _delivered(world: World) -> list:
    returned = {r.contract_no for r in world.sheets["sales", "returns"]}
    skip = returned | world.specials.contract_numbers
    return [s for s in world.sheets["sales", "sales"] if s.contract_no not in skip and s.delivery_date <= AS_OF]


def _sales_callbacks(world: World, rng: Random) -> None:
    staff = [e.name for e in world.company.employees if e.position == "销售内勤"] or \
        [e.name for e in world.company.employees if e.dept == "销售部"]
    days = int(PARAM["sales_callback_days"])
    rows = world.sheets[CALLBACKS]
    for sale in sorted(_delivered(world), key=lambda s: (s.delivery_date, s.contract_no)):
        due = sale.delivery_date + timedelta(days=days)
        if due > AS_OF or (AS_OF - due).days > 180 or rng.random() < 0.1:
            continue
        day = due + timedelta(days=rng.randint(0, 6))
        if day > AS_OF:
            continue
        score = rng.choices((5, 4, 3, 2), (0.55, 0.33, 0.08, 0.04))[0]
        rows.append(Callback(None, day, rng.choice(staff), score, rng.choice(SALES_FEEDBACK[score]),
                             SALES_CALLBACK, sale.contract_no))
    rows.sort(key=lambda c: (c.callback_date, c.wo_no or "", c.contract_no or ""))


def _complaints(world: World, rng: Random) -> None:
    sales = {s.contract_no: s for s in world.sheets["sales", "sales"]}
    orders = {w.wo_no: w for w in world.sheets[ORDERS]}
    staff = defaultdict(list)
    for e in world.company.employees:
        if e.leave_date is None:
            staff[e.dept].append(e.name)
    drafts = []
    for cb in world.sheets[CALLBACKS]:
        if cb.satisfaction <= 2 and (AS_OF - cb.callback_date).days <= 365:
            subject = sales[cb.contract_no] if cb.kind == SALES_CALLBACK else orders[cb.wo_no]
            category, dept = ("销售", "销售部") if cb.kind == SALES_CALLBACK else ("服务质量", "售后服务部")
            drafts.append((cb.callback_date, subject.customer_id, subject.serial_no, "回访", category, cb.feedback, dept))
    drafts.sort()
    found = drafts[:-2]
    machines = _delivered(world)
    for _ in range(max(6, round(18 * len(machines) / 450))):
        sale = rng.choice(machines)
        day = AS_OF - timedelta(days=rng.randint(0, 300))
        if day <= sale.delivery_date:
            continue
        category = rng.choice(list(TOPICS))
        dept, contents = TOPICS[category]
        channel = "厂家转办" if category == "产品质量" and rng.random() < 0.4 else rng.choice(("电话", "来访", "微信"))
        found.append((day, sale.customer_id, sale.serial_no, channel, category, rng.choice(contents), dept))
    rows, seq = [], defaultdict(int)
    for day, customer, serial, channel, category, content, dept in sorted(found):
        seq[day.year] += 1
        close = day + timedelta(days=rng.randint(1, 12))
        open_ = close > AS_OF or ((AS_OF - day).days < 60 and rng.random() < 0.3)
        rows.append(Complaint(f"TS{day.year}{seq[day.year]:05d}", day, customer, serial, channel, category, content,
                              dept, rng.choice(staff[dept]), None if open_ else rng.choice(RESULTS),
                              None if open_ else close, None if open_ else rng.choice(("满意", "满意", "基本满意"))))
    world.sheets[COMPLAINTS] = rows


def _overdue_in_workshop(world: World) -> None:
    """Keep exactly one work order in the workshop of a customer past 参数 service_hold_dpd (module docstring)."""
    rows = world.sheets[ORDERS]
    waiting = {w.customer_id for w in rows if w.close_date is None}
    wanted = world.defaulters | {c.contract_no for c in world.sheets["receivables", "contracts"] if c.customer_id in waiting}
    tables = {key: [{f: getattr(r, f, None) for f in sheet(*key).fields} for r in recs
                    if getattr(r, "contract_no", None) in wanted]  # only the contracts that can matter
              for key, recs in world.sheets.items() if key[0] == "receivables" or key == ("sales", "sales")}
    model = build_receivables(tables, defaults(), AS_OF)
    limit = int(PARAM["service_hold_dpd"])
    contracts = defaultdict(list)
    for c in model.contracts:
        contracts[c.contract.get("customer_id")].append(c.contract_no)

    def dpd(customer: str, day: date) -> int:
        return max((p.dpd for no in contracts.get(customer, ()) if (p := model.position(no, day))), default=0)

    hosts = [i for i, w in enumerate(rows) if w.close_date is None and dpd(w.customer_id, w.open_date) > limit]
    for i in hosts[1:]:
        rows[i] = replace(rows[i], close_date=rows[i].open_date, status="已完工")
    if not hosts:
        worst = max(model.contracts, key=lambda c: (model.position(c.contract_no, AS_OF).dpd, c.contract_no))
        sale = next(s for s in world.sheets["sales", "sales"] if s.contract_no == worst.contract_no)
        day = AS_OF - timedelta(days=1)
        number = f"FW{day:%y%m}{sum(1 for w in rows if w.wo_no.startswith(f'FW{day:%y%m}')) + 1:04d}"
        techs = world.company.staff(TECHNICIAN, sale.branch, day) or world.company.staff(TECHNICIAN, on=day)
        last = max((w for w in rows if w.serial_no == sale.serial_no), key=lambda w: w.open_date, default=None)
        rows.append(replace(rows[-1], wo_no=number, open_date=day, close_date=None, customer_id=sale.customer_id,
                            serial_no=sale.serial_no, model_code=sale.model_code,
                            hour_meter=(last.hour_meter if last else D(0)) + 20, service_type="保外",
                            fault="液压油管漏油", fault_part_no=None, technician=techs[0].name, labor_hours=D(0),
                            travel_km=D(0), labor_fee=D(0), parts_fee=D(0), travel_fee=D(0), customer_charge=D(0),
                            sub_dealer_id=None, branch=sale.branch, status="进行中"))
        hosts = [len(rows) - 1]
    world.handover["overdue_order"] = rows[hosts[0]].wo_no


# --- planted mistakes --------------------------------------------------------------------------------

def customer_overdue(p: Planting) -> Mistake:
    order = p.find(ORDERS, "wo_no", p.world.handover["overdue_order"])
    return p.mistake(ORDERS, order, "customer_id", Code.CUSTOMER_OVERDUE,
                     "在修工单的客户分期逾期超过 service_hold_dpd 天（欠款客户，保外先款后修）")


def complaint_closed_before_received(p: Planting) -> Mistake:
    row = p.take(COMPLAINTS, lambda c: c.close_date is not None and c.result)
    edited = p.edit(COMPLAINTS, row, close_date=row.date - timedelta(days=3))
    return p.mistake(COMPLAINTS, edited, "close_date", Code.DATES_OUT_OF_ORDER, "投诉的关闭日期早于投诉日期", row.close_date)


def complaint_without_result(p: Planting) -> Mistake:
    row = p.take(COMPLAINTS, lambda c: c.close_date is not None and c.result)
    edited = p.edit(COMPLAINTS, row, result=None)
    return p.mistake(COMPLAINTS, edited, "result", Code.COMPLAINT_INCOMPLETE, "投诉已关闭但没有处理结果", row.result)


HANDOVER_PLANTERS = (customer_overdue, complaint_closed_before_received, complaint_without_result, *PARTS_PLANTERS)
