"""The demo's work that crosses departments (issue #29): sales callbacks, complaints, one overdue
customer's machine in the workshop, and the parts stock with its journal.

:func:`stage_handover` edits the clean world before mistakes are planted, breaking no rule:

- 销售回访 rows in 回访记录 for most machines delivered in the last 180 days (a few left to call, a few
  dissatisfied);
- 客户投诉: one per dissatisfied callback of the last year but the two newest (left as drafts), and
  complaints by phone, visit, WeChat and the makers; most closed with a result, some still open;
- exactly one work order in the workshop for a customer more than 参数 service_hold_dpd days past due
  (the one the books hold, else one opened the day before the as-of date for the worst defaulter).

:data:`HANDOVER_PLANTERS` plant one mistake per rule of :mod:`dealer_xl.checks.service_desk` and
:mod:`dealer_xl.checks.parts` (the overdue customer's work order is a warning the books carry anyway).
They run last of all planters, and the first parts planter builds 配件库存 and 配件出入库 from the work
orders as the other planters left them (:func:`build_parts`): per part and branch warehouse an opening
盘点 on 2025-12-31, an 入库 up to the ceiling on the first of a month when the stock is at the floor
(and at once when a work order would take it below zero), a few 配件批发 to customers with credit and
no installment contract, two 调拨 pairs, a mid-year 盘点 with a difference; 配件库存 数量 is the stock
the journal gives on the as-of date.
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
from .world import World

D = Decimal
ORDERS, USED, CALLBACKS = ("service", "work_orders"), ("service", "parts_used"), ("service", "callbacks")
COMPLAINTS, STOCK, MOVES = ("service", "complaints"), ("service", "parts_stock"), ("service", "parts_moves")
SALES_CALLBACK = "销售回访"
OPENING = date(2025, 12, 31)
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


@dataclass(frozen=True, slots=True)
class PartStock:
    """A row of 配件库存."""

    part_no: str
    warehouse: str
    qty: Decimal
    bin: str
    min_qty: Decimal | None
    max_qty: Decimal | None


@dataclass(frozen=True, slots=True)
class PartMove:
    """A row of 配件出入库."""

    date: date
    part_no: str
    warehouse: str
    kind: str
    qty: Decimal
    unit_price: Decimal | None
    doc_no: str
    reference: str | None


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


def _day_of(order) -> date | None:
    """The date a work order's parts leave the warehouse, as the ledger reads it (完工, else 报修日期)."""
    for value in (order.close_date, order.open_date):
        if isinstance(value, date):
            return value
    return None


def build_parts(world: World, rng: Random) -> None:
    """Write 配件库存 and 配件出入库 into ``world`` (see the module docstring)."""
    parts = {p.part_no: p for p in world.company.parts}
    orders = {w.wo_no: w for w in world.sheets[ORDERS]}
    events: dict[tuple[str, str], list[tuple[date, str, Decimal, str | None, str]]] = defaultdict(list)
    for u in world.sheets[USED]:
        wo = orders.get(u.wo_no)
        day = _day_of(wo) if wo is not None else None
        if day is not None and day > OPENING and isinstance(u.qty, Decimal) and u.part_no in parts and wo.branch:
            events[(u.part_no, wo.branch)].append((day, "use", u.qty, None, ""))
    keys = sorted(events)
    installment = {c.customer_id for c in world.sheets["receivables", "contracts"]}
    buyers = [c for c in world.sheets["master", "customers"] if c.credit_grade in ("A", "B")
              and isinstance(c.credit_limit, Decimal) and c.credit_limit >= 20000 and c.customer_id not in installment]
    count = max(3, round(len(keys) / 25))
    chosen = rng.sample(buyers, min(count, len(buyers)))
    for n in range(count):
        part_no, house = rng.choice(keys)
        day = OPENING + timedelta(days=rng.randint(20, (AS_OF - OPENING).days - 1))
        events[(part_no, house)].append((day, "出库", D(rng.randint(1, 4)), chosen[n % len(chosen)].customer_id,
                                         f"PF{day:%y%m}{n + 1:03d}"))
    houses = sorted({k[1] for k in keys})
    for n, (part_no, house) in enumerate(rng.sample(keys, min(2, len(keys)))):
        other = next(h for h in houses if h != house)
        day = OPENING + timedelta(days=rng.randint(60, 200))
        events[(part_no, house)].append((day, "调拨", D(-2), None, f"DB{day:%y%m}{n + 1:03d}"))
        events[(part_no, other)].append((day, "调拨", D(2), None, f"DB{day:%y%m}{n + 1:03d}"))
    for key in keys:
        if key[1] == houses[0] and rng.random() < 0.5:
            events[key].append((MID_YEAR_COUNT, "盘点", D(0), None, f"PD{MID_YEAR_COUNT:%y%m}01"))
    moves, stock = [], []
    for key in sorted(events, key=lambda k: (k[1], k[0])):
        journal, row = _simulate(rng, parts[key[0]], key, sorted(events[key], key=lambda e: (e[0], ORDER[e[1]])))
        moves += journal
        stock.append(row)
    world.sheets[MOVES] = sorted(moves, key=lambda m: (m.date, m.warehouse, m.part_no, ORDER[m.kind]))
    world.sheets[STOCK] = stock


ORDER = {"入库": 0, "出库": 1, "调拨": 1, "use": 2, "盘点": 3}  # a 盘点 counts at the end of its day
MID_YEAR_COUNT = date(2026, 6, 30)


def _simulate(rng: Random, part, key: tuple[str, str], events: list) -> tuple[list[PartMove], PartStock]:
    """The journal of one part in one warehouse, and its 配件库存 row."""
    part_no, house = key
    monthly = sum((e[2] for e in events if e[1] in ("use", "出库")), D(0)) / 10
    low = D(max(1, round(monthly)))
    high = low * 2 + 2
    balance = high
    out = [PartMove(OPENING, part_no, house, "盘点", balance, None, f"PD{OPENING:%y%m}01", None)]
    month, seq = (OPENING.year, OPENING.month), 0
    for day, kind, qty, ref, doc in events:
        if (day.year, day.month) != month:
            month = (day.year, day.month)
            if balance <= low:
                seq += 1
                first = date(day.year, day.month, 1)
                out.append(PartMove(first, part_no, house, "入库", high - balance, part.cost_price, f"RK{first:%y%m}{seq:03d}", None))
                balance = high
        if kind == "盘点":
            balance = max(balance + D(rng.choice((-1, 1))), D(0))
            out.append(PartMove(day, part_no, house, kind, balance, None, doc, None))
            continue
        taken = qty if kind in ("use", "出库") else -qty
        if balance - taken < 0:
            seq += 1
            out.append(PartMove(day, part_no, house, "入库", high - balance + taken, part.cost_price,
                                f"RK{day:%y%m}{seq:03d}", None))
            balance = high + taken
        balance -= taken
        if kind != "use":
            out.append(PartMove(day, part_no, house, kind, qty, part.sale_price if kind == "出库" else part.cost_price,
                                doc, ref))
    code = sum(map(ord, part_no))
    limits = rng.random() > 0.15
    return out, PartStock(part_no, house, balance, f"{'ABCDEF'[code % 6]}-{code % 20 + 1:02d}",
                          low if limits else None, high if limits else None)


def _overdue_in_workshop(world: World) -> None:
    """Keep exactly one work order in the workshop of a customer past 参数 service_hold_dpd (module docstring)."""
    tables = {key: [{f: getattr(r, f, None) for f in sheet(*key).fields} for r in rows]
              for key, rows in world.sheets.items() if key[0] in ("receivables", "sales", "master")}
    model = build_receivables(tables, defaults(), AS_OF)
    limit = int(PARAM["service_hold_dpd"])
    contracts = defaultdict(list)
    for c in model.contracts:
        contracts[c.contract.get("customer_id")].append(c.contract_no)

    def dpd(customer: str, day: date) -> int:
        return max((p.dpd for no in contracts.get(customer, ()) if (p := model.position(no, day))), default=0)

    rows = world.sheets[ORDERS]
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


def _journal(p: Planting) -> None:
    """The parts journal, built once, when the first parts planter runs (after every other planter)."""
    if not p.rows(STOCK):
        build_parts(p.world, p.rng)


def stock_mismatch(p: Planting) -> Mistake:
    _journal(p)
    row = p.take(STOCK, lambda r: r.min_qty is not None)
    edited = p.edit(STOCK, row, qty=row.qty + 3)
    return p.mistake(STOCK, edited, "qty", Code.PARTS_STOCK_MISMATCH, "配件库存账面数量比出入库流水结存多 3", row.qty)


def stock_twice(p: Planting) -> Mistake:
    row = p.take(STOCK, lambda r: r.min_qty is not None)
    twin = p.insert_after(STOCK, row, replace(row, bin="Z-99"))
    return p.mistake(STOCK, twin, "warehouse", Code.DUPLICATE, "同一配件同一仓库在配件库存中记了两行")


def ceiling_below_floor(p: Planting) -> Mistake:
    row = p.take(STOCK, lambda r: r.min_qty is not None and r.min_qty >= 1)
    edited = p.edit(STOCK, row, max_qty=row.min_qty - 1)
    return p.mistake(STOCK, edited, "max_qty", Code.OUT_OF_RANGE, "最高库存小于最低库存", row.max_qty)


def receipt_of_nothing(p: Planting) -> Mistake:
    row = p.take(MOVES, lambda m: m.kind == "入库")
    empty = p.insert_after(MOVES, row, replace(row, qty=D(0), doc_no=f"{row.doc_no}B"))
    return p.mistake(MOVES, empty, "qty", Code.OUT_OF_RANGE, "入库数量为 0")


def transfer_unbalanced(p: Planting) -> Mistake:
    row = p.take(STOCK, lambda r: r.qty >= 2)
    day = AS_OF - timedelta(days=3)
    anchor = max((m for m in p.rows(MOVES) if m.date <= day), key=lambda m: m.date)
    lone = p.insert_after(MOVES, anchor, PartMove(day, row.part_no, row.warehouse, "调拨", D(-1), None,
                                                  f"DB{day:%y%m}901", None))
    p.edit(STOCK, row, qty=row.qty - 1)
    return p.mistake(MOVES, lone, "qty", Code.TRANSFER_UNBALANCED, "调拨单只有调出一行，没有调入")


def _sales_out(p: Planting) -> list:
    return [m for m in p.rows(MOVES) if m.kind == "出库" and m.reference]


def grade_refused(p: Planting) -> Mistake:
    refused = next(c for c in p.rows(("master", "customers")) if c.credit_grade == "D")
    row = p.take(MOVES, lambda m: m.kind == "出库" and m.reference is not None)
    edited = p.edit(MOVES, row, reference=refused.customer_id)
    return p.mistake(MOVES, edited, "reference", Code.PARTS_GRADE_REFUSED, "向信用等级 D 的客户赊销配件", row.reference)


def limit_exceeded(p: Planting) -> Mistake:
    days = int(PARAM["parts_credit_days"])
    out = _sales_out(p)

    def alone(m) -> bool:  # no later sale of the customer within the credit days (it would exceed too)
        return not any(o is not m and o.reference == m.reference and m.date <= o.date <= m.date + timedelta(days=days)
                       for o in out)
    row = p.take(MOVES, lambda m: m.kind == "出库" and m.reference is not None and alone(m))
    limit = next(c.credit_limit for c in p.rows(("master", "customers")) if c.customer_id == row.reference)
    price = (limit / row.qty + 1000).quantize(D("0.01"))
    edited = p.edit(MOVES, row, unit_price=price)
    return p.mistake(MOVES, edited, "reference", Code.PARTS_LIMIT_EXCEEDED, "配件批发金额超过客户授信额度（单价填大）")


HANDOVER_PLANTERS = (customer_overdue, complaint_closed_before_received, complaint_without_result, stock_mismatch,
                     stock_twice, ceiling_below_floor, receipt_of_nothing, transfer_unbalanced, grade_refused,
                     limit_exceeded)
