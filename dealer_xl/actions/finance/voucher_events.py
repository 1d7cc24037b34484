"""The month's business events as the vouchers book them, read from a Ledger (no I/O).

One function per figure the vouchers share with the reports — each is THE place this module computes
it, to be replaced by the glossary of figures (``ledger/figures.py``) once it exists:

- :func:`month_sales` — the month's sales (销售额 = Σ 成交价);
- :func:`month_receipts` — the month's receipts as allocated (本月实收; ``recovery`` kind: 核销后追回);
- :func:`month_disposals` — net disposal proceeds applied in the month (处置回收);
- :func:`month_writeoffs` — the month's 核销记录 rows (已核销, principal booked);
- :func:`month_payroll` — the month's 工资结果 rows (工资应发 / 实发).

:func:`event_postings` turns them (and the month's 厂家往来 rows) into the postings of each event
class, leaving out every unit the input gate stops (an 错误 in a cell it reads) and every row that
lacks what a posting needs, each named in ``notes``. Guarantees: a receipt's postings are the
allocation's split (principal / interest / penalty / unapplied), so they add up to the receipt; a
sale's VAT is split at its model category's rate from 参数 ``vat_rates``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from ...domain import vouchers as v
from ...domain.allocation import Application
from ...domain.money import ZERO
from ...domain.monthly import month_range
from ...domain.repossession import DISPOSAL, RECOVERY
from ...ledger import Ledger
from ..gate import Gate, Uses

SELLING_DEPARTMENTS = ("销售部", "售后服务部")
CASH_ACCOUNTS = {"现金": "cash", "承兑汇票": "notes"}
MAKER_CREDITS = {"付款": "bank", "返利": "rebate", "索赔结算": "claim_income"}
PARTS = "配件"


@dataclass
class Events:
    """The postings of each event class and what was left out.

    Attributes:
        postings: event key → its postings, in document order.
        counts: event key → how many documents it books.
        notes: Chinese lines: units left out and why (each once).
        stopped: the 错误 that stopped a unit with something to book this month.
    """

    postings: dict[str, list[v.Posting]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    stopped: list = field(default_factory=list)

    def add(self, event: str, postings: list[v.Posting]) -> None:
        self.postings.setdefault(event, []).extend(postings)
        self.counts[event] = self.counts.get(event, 0) + 1


def _in(day, first: date, last: date) -> bool:
    return isinstance(day, date) and first <= day <= last


def uses(month: str) -> list[Uses]:
    """What the vouchers compute from (the input gate's declaration)."""
    first, last = month_range(month)
    return [
        Uses("sales", "sales", ("sale_date", "customer_id", "serial_no", "model_code", "deal_price", "payment_type",
                                "down_payment"), "contract_no", lambda r: _in(r.get("sale_date"), first, last)),
        Uses("sales", "stock", ("model_code", "purchase_price"), "serial_no"),
        Uses("master", "models", ("category",), "model_code"),
        Uses("receivables", "contracts", ("customer_id", "financed_amount", "annual_rate", "term_months", "method",
                                          "first_due_date"), "contract_no"),
        Uses("receivables", "schedule", ("due_date", "principal", "interest", "amount_due"), "contract_no"),
        Uses("receivables", "receipts", ("receipt_date", "amount", "method"), "contract_no"),
        Uses("receivables", "repossessions", ("status", "disposal_amount", "disposal_date", "towing_fee", "storage_fee",
                                              "appraisal_fee"), "contract_no"),
        Uses("receivables", "writeoffs", ("date", "principal"), "contract_no"),
        Uses("payroll", "results", (), "emp_id", lambda r: r.get("month") == month),
        Uses("sales", "manufacturer_ledger", ("entry_date", "manufacturer", "doc_type", "serial_no", "amount"), "doc_no",
             lambda r: _in(r.get("entry_date"), first, last)),
    ]


def vat_rates(text: str) -> tuple[dict[str, Decimal], list[str]]:
    """参数 ``vat_rates`` (``类别=税率;…``) as a dict, and the pieces it could not read."""
    rates, bad = {}, []
    for piece in (text or "").replace("；", ";").split(";"):
        if not piece.strip():
            continue
        name, _, value = piece.partition("=")
        try:
            rate = Decimal(value.strip().rstrip("%")) / (100 if value.strip().endswith("%") else 1)
        except InvalidOperation:
            bad.append(piece.strip())
            continue
        if not 0 <= rate < 1:
            bad.append(piece.strip())
            continue
        rates[name.strip()] = rate
    return rates, bad


# --- the figures (one function each; the glossary will own them) ----------------------------------

def month_sales(led: Ledger, month: str) -> list[dict]:
    """销售额: the 销售明细 rows dated in ``month`` (Σ 成交价 is the figure)."""
    first, last = month_range(month)
    return [r for r in led.rows("sales", "sales") if _in(r.get("sale_date"), first, last)]


def _applications(led: Ledger, month: str, kinds: tuple[str, ...]) -> list[tuple[str, Application]]:
    first, last = month_range(month)
    out = []
    for no, position in led.receivables.positions(last).items():
        out += [(no, a) for a in position.applications if a.payment.kind in kinds and first <= a.payment.day <= last]
    return sorted(out, key=lambda pair: (pair[1].payment.day, pair[0]))


def month_receipts(led: Ledger, month: str) -> list[tuple[str, Application]]:
    """本月实收: every receipt dated in ``month`` (收款记录; recoveries after a write-off included), as
    the allocation applied it, with its contract number."""
    return _applications(led, month, ("receipt", RECOVERY))


def month_disposals(led: Ledger, month: str) -> list[tuple[str, Application]]:
    """处置回收: the net proceeds of machines disposed of in ``month``, as the allocation applied them."""
    return _applications(led, month, (DISPOSAL,))


def month_writeoffs(led: Ledger, month: str) -> list[dict]:
    """已核销: the 核销记录 rows dated in ``month``."""
    first, last = month_range(month)
    return [r for r in led.rows("receivables", "writeoffs") if _in(r.get("date"), first, last)]


def month_payroll(led: Ledger, month: str) -> list[dict]:
    """工资应发 / 实发: the 工资结果 rows of ``month``."""
    return [r for r in led.rows("payroll", "results") if r.get("month") == month]


# --- postings -------------------------------------------------------------------------------------

def event_postings(led: Ledger, month: str, gate: Gate) -> Events:
    """The postings of every event class of ``month`` (see the module docstring)."""
    out = Events()
    rates, bad = vat_rates(str(led.params.get("vat_rates") or ""))
    if bad:
        out.notes.append(f"参数 vat_rates 中无法识别：{'、'.join(bad)}（按「其他」的税率计）")
    default_rate = rates.get("其他", Decimal("0.13"))
    _sales(led, month, gate, rates, default_rate, out)
    _receipts(led, month, gate, out)
    _writeoffs(led, month, gate, out)
    _payroll(led, month, gate, out)
    _maker(led, month, gate, rates, default_rate, out)
    return out


def _customer(led: Ledger, customer_id) -> v.Party:
    row = led.customer(customer_id) or {}
    return v.Party(str(customer_id or ""), row.get("name") or "")


def _rate(led: Ledger, model_code, rates: dict, default: Decimal) -> Decimal:
    category = (led.model(model_code) or {}).get("category")
    return rates.get(category, default)


def _refused(gate: Gate, units, what: str, out: Events) -> bool:
    units = [u for u in units if u is not None]
    lines = gate.refusals(units, what)
    out.notes += [line for line in lines if line not in out.notes]
    for unit in units:
        out.stopped += [p for p in gate.refused(unit) if p not in out.stopped]
    return bool(lines)


def _sales(led, month, gate, rates, default, out: Events) -> None:
    for r in month_sales(led, month):
        no, price, serial = r["contract_no"], r.get("deal_price"), r.get("serial_no")
        if _refused(gate, [no, serial, r.get("model_code")], "销售凭证", out):
            continue
        if price is None or price <= 0:
            out.notes.append(f"销售 {no} 没有成交价，未入凭证")
            continue
        rate = _rate(led, r.get("model_code"), rates, default)
        cash = price if r.get("payment_type") == "全款" else min(r.get("down_payment") or ZERO, price)
        out.add("sales", v.sale_postings(price, cash, rate, _customer(led, r.get("customer_id"))))
        machine = led.machine(serial) or {}
        cost = machine.get("purchase_price")
        if cost is None:
            out.notes.append(f"整机 {serial or '（未填）'} 没有采购价，合同 {no} 未结转成本")
            continue
        out.add("cost", v.cost_postings(v.vat_split(cost, _rate(led, machine.get("model_code"), rates, default))[0]))


def _receipts(led, month, gate, out: Events) -> None:
    methods = {r.get("receipt_no"): r.get("method") for r in led.rows("receivables", "receipts")}
    for event, found in (("receipts", month_receipts(led, month)), ("disposals", month_disposals(led, month))):
        for no, a in found:
            if _refused(gate, [no], "收款凭证", out):
                continue
            customer = _customer(led, led.receivables.by_no[no].contract.get("customer_id"))
            if a.payment.kind == RECOVERY:
                out.add("recoveries", v.recovery_postings(a.payment.amount, customer,
                                                          CASH_ACCOUNTS.get(methods.get(a.payment.receipt_no), "bank")))
                continue
            cash = CASH_ACCOUNTS.get(methods.get(a.payment.receipt_no), "bank") if event == "receipts" else "bank"
            surplus = "advance" if event == "receipts" else "disposal_refund"
            out.add(event, v.receipt_postings(a.payment.amount, a.to_principal, a.to_interest, a.to_penalty,
                                              a.unapplied, customer, cash, surplus))
    for no, reason in sorted(led.receivables.skipped.items()):
        out.notes.append(f"合同 {no} 未计算收款：{reason}")


def _writeoffs(led, month, gate, out: Events) -> None:
    for r in month_writeoffs(led, month):
        if _refused(gate, [r["contract_no"]], "核销凭证", out):
            continue
        contract = led.contract(r["contract_no"]) or {}
        out.add("writeoffs", v.writeoff_postings(r.get("principal") or ZERO, _customer(led, contract.get("customer_id"))))


def _payroll(led, month, gate, out: Events) -> None:
    rows = [r for r in month_payroll(led, month) if not _refused(gate, [r.get("emp_id")], "工资凭证", out)]
    totals: dict[str, dict[str, Decimal]] = {}
    for r in rows:
        parts = {k: r.get(k) or ZERO for k in ("net", "pension", "medical", "unemployment", "housing_fund", "iit")}
        dept = totals.setdefault(r.get("dept") or "（未填部门）", {k: ZERO for k in parts})
        for k, value in parts.items():
            dept[k] += value
    whole = {k: sum((d[k] for d in totals.values()), ZERO) for k in ("net", "pension", "medical", "unemployment",
                                                                      "housing_fund", "iit")}
    for dept, t in totals.items():
        expense = "wages_selling" if dept in SELLING_DEPARTMENTS else "wages_admin"
        out.postings.setdefault("payroll_accrual", []).extend(
            v.payroll_accrual_postings(v.Party(dept, dept), expense, sum(t.values(), ZERO)))
    if totals:
        social = whole["pension"] + whole["medical"] + whole["unemployment"]
        out.add("payroll_payment", v.payroll_payment_postings(sum(whole.values(), ZERO), social, whole["housing_fund"],
                                                              whole["iit"], whole["net"]))
        out.counts["payroll_accrual"] = out.counts["payroll_payment"] = len(rows)  # 笔 = employees paid


def _maker(led, month, gate, rates, default, out: Events) -> None:
    first, last = month_range(month)
    for r in led.rows("sales", "manufacturer_ledger"):
        if not _in(r.get("entry_date"), first, last):
            continue
        kind, amount, maker = r.get("doc_type"), r.get("amount"), v.Party(r.get("manufacturer") or "", r.get("manufacturer") or "")
        if _refused(gate, [r.get("doc_no")], "厂家往来凭证", out) or amount is None:
            continue
        if kind in ("提车", "配件采购"):
            model = (led.machine(r.get("serial_no")) or {}).get("model_code")
            rate = rates.get(PARTS, default) if kind == "配件采购" else _rate(led, model, rates, default)
            out.add("pickups", v.pickup_postings(amount, rate, maker))
        elif kind in MAKER_CREDITS:
            event = {"付款": "maker_payments", "返利": "rebates", "索赔结算": "claims"}[kind]
            out.add(event, v.maker_credit_postings(amount, MAKER_CREDITS[kind], maker))
        else:
            out.notes.append(f"厂家往来 {r.get('entry_date')} {r.get('doc_no') or ''} 业务类型「{kind}」不生成凭证，请手工处理")
