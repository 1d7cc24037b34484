"""The expected receipts and payments of the cash plan, each from the books as of a date.

In (positive):

- ``installments``: each installment of an open contract due after the as-of date, times the
  historical collection rate of the contract's 催收责任人 (:func:`collection_rates`: what the receipts
  of the last full months paid against what was due or overdue in them), on its due date;
  what is overdue up to 参数 long_overdue_days (逾期, not 陈欠), times the same rate, in four equal parts
  over the first four weeks; written-off contracts and 陈欠 are not planned;
- ``cash_sales``: sales signed by the as-of date and delivered after it — 成交价 of a 全款 sale,
  首付款 of the others — on the 交车日期;
- ``claims``: claims submitted and not yet settled — 批准金额 once approved, else 索赔合计 — 参数
  claim_settle_days after the 提交日期.

Out (negative):

- ``manufacturers``: what 厂家往来 still owes each manufacturer, item by item (提车, 配件采购, an
  opening balance owed) after its payments, rebates and settlements paid the oldest first, due
  参数 manufacturer_pay_days after the item's date;
- ``payroll``, ``iit``, ``social_insurance``: each month's 实发工资, 个人所得税 and social insurance
  and housing fund (the employees' and the employer's) of 工资结果, paid on 参数 payroll_pay_day,
  iit_pay_day and si_pay_day of the month after; a month not computed yet is taken as the last one
  computed;
- ``expenses``: claims 已批 and not paid, 参数 expense_pay_days after the 报销日期;
- ``vat``: the VAT of the as-of month and the month before, estimated as the VAT in the month's
  sales, 保外 charges and settled claims less that in its 提车 and 配件采购 (a month's credit carried
  to the next), paid on 参数 vat_pay_day of the month after.

Anything due on or before the as-of date falls in week 1 (:mod:`dealer_xl.domain.cashplan`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from ...domain.cashplan import Flow, day_in_month, next_month, parse_days, spread
from ...domain.manufacturer_account import signed
from ...domain.money import ZERO, round_cents
from ...domain.monthly import month_range
from ...domain.payroll import PayRules, employer_cost
from ...domain.vat import vat_of
from ...problems import BookError, Problem
from ...schema.finance import APPROVED
from ...schema.sales import PAYMENT_TYPES
from ..gate import Uses
from ..model import Ledger
from .common import BOOK, Refusals, settings, stop, within
from .income import CONTRACT_USES

OPEN_CLAIMS = ("已提交", "已批准", "部分批准")
USES = CONTRACT_USES + (
    Uses("sales", "sales", ("sale_date", "deal_price", "down_payment", "payment_type", "delivery_date"), "contract_no"),
    Uses("service", "claims", ("submit_date", "claim_total", "approved_amount", "status", "settle_month"), "claim_no"),
    Uses("sales", "manufacturer_ledger", ("entry_date", "manufacturer", "doc_type", "amount"), "doc_no"),
    Uses(BOOK, "expenses", ("expense_date", "amount", "status", "paid_date"), "expense_no"),
    Uses("payroll", "results", ("month", "net", "iit", "pension", "medical", "unemployment", "housing_fund"), "emp_id"),
)


def months_back(month: str, count: int) -> list[str]:
    """``count`` months ending with ``month``, oldest first."""
    y, m = int(month[:4]), int(month[5:7])
    index = y * 12 + m - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - count + 1, index + 1)]


def last_full_month(as_of: date) -> str:
    """The as-of month when ``as_of`` is its last day, else the month before."""
    return f"{as_of:%Y-%m}" if (as_of + timedelta(days=1)).day == 1 else f"{as_of.replace(day=1) - timedelta(days=1):%Y-%m}"


def rates_window(as_of: date, months: int) -> tuple[date, date]:
    """The two dates :func:`collection_rates` allocates on: the day before the ``months`` full months up
    to ``as_of``, and the last day of them."""
    wanted = months_back(last_full_month(as_of), months)
    return month_range(wanted[0])[0] - timedelta(days=1), month_range(wanted[-1])[1]


def collection_rates(led: Ledger, as_of: date, months: int) -> tuple[dict[str, Decimal], Decimal | None]:
    """催收责任人 → collected ÷ planned over the ``months`` full months up to ``as_of`` (at most 1), and
    the company's rate: planned = what was outstanding at the window's start on the installments due
    by its end (overdue then, or falling due in it), collected = every receipt dated in the window
    (None when nothing was planned). Two allocations per contract, at the window's two ends."""
    start, end = rates_window(as_of, months)
    found = led.receivables.positions_at([start, end])
    plan: dict[str, Decimal] = defaultdict(lambda: ZERO)
    got: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for c in led.receivables.contracts:
        before, after = found[start].get(c.contract_no), found[end].get(c.contract_no)
        if not c.installments or before is None or after is None:
            continue
        plan[c.collector] += sum((s.outstanding for s in before.installments if s.due_date <= end), ZERO)
        got[c.collector] += after.received - before.received
    rates = {k: min(got[k] / plan[k], Decimal(1)) for k in plan if plan[k] > 0}
    whole = sum(plan.values(), ZERO)
    return rates, (min(sum(got.values(), ZERO) / whole, Decimal(1)) if whole > 0 else None)


def installments(led: Ledger, g, refused: Refusals, as_of: date, end: date, months: int) -> list[Flow]:
    rates, company = collection_rates(led, as_of, months)
    long_days = int(led.params["long_overdue_days"])
    first_weeks = [as_of + timedelta(days=1 + 7 * k) for k in range(4)]
    out: list[Flow] = []
    positions = led.receivables.positions(as_of)
    for c in led.receivables.contracts:
        if c.written_off or c.contract_no in led.receivables.skipped or not c.installments:
            continue
        if not refused.allows(g, c.contract_no, "分期合同"):
            continue
        rate = rates.get(c.collector, company if company is not None else Decimal(1))
        overdue = ZERO
        for s in positions[c.contract_no].installments:
            if s.outstanding <= 0:
                continue
            if s.due_date > as_of:
                if s.due_date <= end:
                    out.append(Flow(s.due_date, round_cents(s.outstanding * rate), "installments"))
            elif (as_of - s.due_date).days <= long_days:
                overdue += s.outstanding
        if overdue:
            out += spread(round_cents(overdue * rate), first_weeks, "installments")
    return out


def cash_sales(led: Ledger, g, refused: Refusals, as_of: date) -> list[Flow]:
    out = []
    for s in led.rows("sales", "sales"):
        day, delivered = s["sale_date"], s["delivery_date"]
        if not within(day, date.min, as_of) or delivered is None or delivered <= as_of:
            continue
        amount = s["deal_price"] if s["payment_type"] == PAYMENT_TYPES[0] else s["down_payment"]
        if amount and refused.allows(g, s["contract_no"], "销售"):
            out.append(Flow(delivered, amount, "cash_sales"))
    return out


def claim_settlements(led: Ledger, g, refused: Refusals, as_of: date) -> list[Flow]:
    days, month = int(led.params["claim_settle_days"]), f"{as_of:%Y-%m}"
    out = []
    for c in led.rows("service", "claims"):
        submitted = c["submit_date"]
        if c["status"] not in OPEN_CLAIMS or not within(submitted, date.min, as_of) \
                or (c["settle_month"] and c["settle_month"] <= month):
            continue
        amount = c["approved_amount"] if c["status"] != "已提交" and c["approved_amount"] is not None else c["claim_total"]
        if amount and refused.allows(g, c["claim_no"], "索赔单"):
            out.append(Flow(submitted + timedelta(days=days), amount, "claims"))
    return out


def pay_days(led: Ledger) -> tuple[dict[str, int], int]:
    """参数 manufacturer_pay_days: 厂家 → days, and the days of every other 厂家 (BookError when unreadable)."""
    try:
        return parse_days(str(led.params.get("manufacturer_pay_days") or ""))
    except ValueError as exc:
        raise BookError(f"参数 manufacturer_pay_days 无法识别：{exc}（写天数，或 厂家=天数;其他=天数）") from None


def manufacturers(led: Ledger, g, refused: Refusals, as_of: date) -> list[Flow]:
    table, default = pay_days(led)
    owed: dict[str, list[list]] = defaultdict(list)
    paid: dict[str, Decimal] = defaultdict(lambda: ZERO)
    rows = sorted((r for r in led.rows("sales", "manufacturer_ledger") if within(r["entry_date"], date.min, as_of)
                   and r["amount"] is not None and r["doc_type"] and r["manufacturer"]),
                  key=lambda r: r["entry_date"])
    for r in rows:
        if not refused.allows(g, r["doc_no"], "厂家往来"):
            continue
        amount = signed(r["doc_type"], r["amount"])
        if amount > 0:
            owed[r["manufacturer"]].append([r["entry_date"], amount])
        else:
            paid[r["manufacturer"]] -= amount
    out = []
    for maker, items in owed.items():
        left = paid[maker]
        for day, amount in items:
            used = min(left, amount)
            left -= used
            if amount - used > 0:
                out.append(Flow(day + timedelta(days=table.get(maker, default)), -(amount - used), "manufacturers"))
    return out


def payroll(led: Ledger, g, refused: Refusals, as_of: date, end: date) -> list[Flow]:
    rows = [r for r in led.rows("payroll", "results") if r["month"] and r["emp_id"]
            and r["month"] <= f"{as_of:%Y-%m}" and refused.allows(g, r["emp_id"], "工资")]
    if not rows:
        return []
    rules, rate = PayRules.from_params(led.params), led.decimal("employer_si_rate")
    totals: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO])
    for r in rows:
        person = led.first("master", "employees", "emp_id", r["emp_id"]) or {}
        t = totals[r["month"]]
        t[0] += r["net"] or ZERO
        t[1] += r["iit"] or ZERO
        t[2] += sum((r[f] or ZERO for f in ("pension", "medical", "unemployment", "housing_fund")), ZERO) \
            + employer_cost(person.get("si_base") or ZERO, rate, r["housing_fund"] or ZERO, rules)
    last = max(totals)
    days = [(int(led.params["payroll_pay_day"]), "payroll"), (int(led.params["iit_pay_day"]), "iit"),
            (int(led.params["si_pay_day"]), "social_insurance")]
    out, month = [], months_back(f"{as_of:%Y-%m}", 2)[0]
    while month <= f"{end:%Y-%m}":
        paid_in = next_month(month)
        for (day, kind), amount in zip(days, totals.get(month, totals[last]), strict=True):
            when = day_in_month(int(paid_in[:4]), int(paid_in[5:]), day)
            if as_of < when <= end and amount:
                out.append(Flow(when, -amount, kind))
        month = paid_in
    return out


def expenses(led: Ledger, g, refused: Refusals, as_of: date) -> list[Flow]:
    days = int(led.params["expense_pay_days"])
    return [Flow(r["expense_date"] + timedelta(days=days), -r["amount"], "expenses")
            for r in led.rows(BOOK, "expenses")
            if r["status"] == APPROVED and r["paid_date"] is None and r["amount"]
            and within(r["expense_date"], date.min, as_of) and refused.allows(g, r["expense_no"], "报销单")]


def vat(led: Ledger, g, refused: Refusals, as_of: date) -> list[Flow]:
    s = settings(led)
    out, carry = [], ZERO
    for month in months_back(f"{as_of:%Y-%m}", 2):
        first, last = month_range(month)
        last = min(last, as_of)
        due = ZERO
        for r in led.rows("sales", "sales"):
            if within(r["sale_date"], first, last) and r["deal_price"] and refused.allows(g, r["contract_no"], "销售"):
                due += vat_of(r["deal_price"], s.machine_rate(led, r["model_code"]))
        for wo in led.rows("service", "work_orders"):
            if within(wo["close_date"], first, last) and wo["customer_charge"]:
                due += vat_of(wo["customer_charge"], s.service_rate)
        for c in led.rows("service", "claims"):
            if c["settle_month"] == month and c["approved_amount"]:
                due += vat_of(c["approved_amount"], s.service_rate)
        for r in led.rows("sales", "manufacturer_ledger"):
            if r["doc_type"] in ("提车", "配件采购") and within(r["entry_date"], first, last) and r["amount"] \
                    and refused.allows(g, r["doc_no"], "厂家往来"):
                rate = s.machine_rate(led, (led.machine(r["serial_no"]) or {}).get("model_code")) \
                    if r["doc_type"] == "提车" else s.service_rate
                due -= vat_of(r["amount"], rate) if s.cost_vat else round_cents(r["amount"] * rate)
        due += carry
        carry = min(due, ZERO)
        paid_in = next_month(month)
        when = day_in_month(int(paid_in[:4]), int(paid_in[5:]), int(led.params["vat_pay_day"]))
        if due > 0 and when > as_of:
            out.append(Flow(when, -due, "vat"))
    return out


def all_flows(led: Ledger, problems: list[Problem], as_of: date, end: date, refused: Refusals) -> list[Flow]:
    """Every expected flow up to ``end`` (see the module docstring)."""
    g = stop(led, problems, USES)
    months = int(led.params["collection_history_months"])
    flows = installments(led, g, refused, as_of, end, months) + cash_sales(led, g, refused, as_of) \
        + claim_settlements(led, g, refused, as_of) + manufacturers(led, g, refused, as_of) \
        + payroll(led, g, refused, as_of, end) + vat(led, g, refused, as_of)
    if led.found(BOOK):
        flows += expenses(led, g, refused, as_of)
    return flows
