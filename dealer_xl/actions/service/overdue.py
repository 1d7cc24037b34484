"""Action ``service overdue``: overdue customers whose machines are in the workshop — the daily list
to the collectors, the strongest lever they have.

Guarantees:

- the list is :func:`dealer_xl.ledger.holds.in_workshop` on the date: work orders opened on or
  before it and not completed by it whose customer is more than 参数 ``service_hold_dpd`` days past
  due then, with the overdue amount, the worst DPD, the contracts and who chases them; 保外 work is
  marked 先款后修;
- money goes through the input gate (:mod:`dealer_xl.actions.gate`): a contract whose 分期合同,
  还款计划 or 收款记录 cells that the position is computed from carry an 错误 is not counted and named;
- the pack ``service_overdue`` (registered here; the scheduled job ``service_overdue_list`` sends
  each collector their own customers) is what the command writes as
  ``报表/在修欠款客户 <日期>.xlsx``;
- JSON: one object per work order, keys ``wo_no, open_date, service_type, pay_first, customer_id,
  customer_name, phone, serial_no, branch, technician, dpd, overdue, responsible, contracts``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ...documents.masking import mask_phone
from ...documents.packs import build_pack
from ...documents.report_model import COUNT, MONEY, Report, ReportData, Scope, SheetData, register
from ...documents.reports.common import person_keys
from ...domain.money import ZERO
from ...io.report_writer import DATE
from ...ledger import Ledger, load
from ...ledger.handover import name_of
from ...ledger.holds import Hold, in_workshop
from ...problems import Problem
from ...schema import labels
from ..gate import REFUSAL_COLUMNS, Uses, gate, refusal_cells

KIND = "service_overdue"
_CONTRACT = ("contract_no", "customer_id", "financed_amount", "annual_rate", "term_months", "method",
             "first_due_date", "sign_date", "status", "collector")
USES = [Uses("receivables", "contracts", _CONTRACT, "contract_no"),
        Uses("receivables", "schedule", ("contract_no", "period", "due_date", "principal", "interest", "amount_due"),
             "contract_no"),
        Uses("receivables", "receipts", ("contract_no", "receipt_date", "amount"), "contract_no")]
HEADERS = (labels.WO_NO, labels.OPEN_DATE, labels.SERVICE_TYPE, "先款后修", labels.CUSTOMER_ID, labels.CUSTOMER_NAME,
           labels.PHONE, labels.SERIAL_NO, labels.BRANCH, labels.TECHNICIAN, labels.OVERDUE_DAYS, "逾期金额",
           labels.COLLECTOR, labels.CONTRACT_NO)
FORMATS = {labels.OPEN_DATE: DATE, labels.OVERDUE_DAYS: COUNT, "逾期金额": MONEY}


def gated_holds(led: Ledger, day: date) -> tuple[list[Hold], dict[str, list[Problem]], list[str]]:
    """(holds, contract → the 错误 that keep it out, refusal lines) of ``day``: contracts the gate stops
    are not counted (those of customers whose machines are in the workshop are named)."""
    def build():
        stop = gate(led, USES)
        skip = {c.contract_no for c in led.receivables.contracts if not stop.allows(c.contract_no)}
        holds = in_workshop(led, day, skip=skip)
        customers = {h.order["customer_id"] for h in holds}
        hit = sorted(c.contract_no for c in led.receivables.contracts
                     if c.contract_no in skip and c.contract.get("customer_id") in customers)
        return holds, {no: stop.refused(no) for no in hit}, stop.refusals(hit, "逾期金额（合同）")
    return led.memo((KIND, day), build)


def _record(led: Ledger, h: Hold) -> dict[str, Any]:
    o, s = h.order, h.standing
    customer = led.customer(o["customer_id"]) or {}
    return {"wo_no": o["wo_no"], "open_date": o["open_date"], "service_type": o["service_type"] or "",
            "pay_first": h.pay_first, "customer_id": o["customer_id"], "customer_name": customer.get("name") or "",
            "phone": customer.get("phone") or "", "serial_no": o["serial_no"] or "", "branch": o["branch"] or "",
            "technician": name_of(led, o["technician"]), "dpd": s.dpd, "overdue": s.overdue,
            "responsible": s.responsible, "contracts": list(s.contracts)}


@dataclass
class OverdueResult:
    """The list of a date (see the module docstring)."""

    as_of: date
    rows: list[dict[str, Any]]
    problems: list[Problem] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    workbook: Path | None = None

    def records(self) -> list[dict[str, Any]]:
        return self.rows

    def summary(self) -> list[str]:
        customers = {r["customer_id"]: r["overdue"] for r in self.rows}
        first = sum(1 for r in self.rows if r["pay_first"])
        people = sorted({r["responsible"] for r in self.rows})
        lines = [f"在修欠款客户（截至 {self.as_of}）：{len(self.rows)} 张工单、{len(customers)} 位客户，"
                 f"逾期金额 {sum(customers.values(), ZERO):,.2f} 元；先款后修（保外）{first} 张"
                 + (f"；催收责任人：{'、'.join(people)}" if people else "")]
        lines += [f"  {r['wo_no']} {r['customer_name']}：逾期 {r['dpd']} 天 {r['overdue']:,.2f} 元，{r['responsible']}"
                  + ("，先款后修" if r["pay_first"] else "") for r in self.rows]
        return lines + self.refusals + ([f"明细：{self.workbook}"] if self.workbook else [])


def collect(led: Ledger, scope: Scope) -> ReportData:
    """The ``service_overdue`` pack of ``scope.day``."""
    holds, refused, refusals = gated_holds(led, scope.day)
    people = person_keys(led, scope.person)
    rows = [_record(led, h) for h in holds
            if (not scope.branch or h.order["branch"] == scope.branch) and (not people or h.standing.responsible in people)]
    cells = [[r["wo_no"], r["open_date"], r["service_type"], "是" if r["pay_first"] else "", r["customer_id"],
              r["customer_name"], mask_phone(r["phone"]) if scope.masked else r["phone"], r["serial_no"], r["branch"],
              r["technician"], r["dpd"], r["overdue"], r["responsible"], "、".join(r["contracts"])] for r in rows]
    owed = {r["customer_id"]: r["overdue"] for r in rows}
    by_person: dict[str, Decimal] = {}
    for r in rows:
        by_person[r["responsible"]] = by_person.get(r["responsible"], ZERO) + r["overdue"]
    return ReportData(
        f"在修欠款客户 {scope.day.isoformat()}{scope.label()}", scope.day.isoformat(),
        [("在修工单（张）", len(rows), COUNT), ("欠款客户（位）", len(owed), COUNT),
         ("逾期金额（元）", sum(owed.values(), ZERO), MONEY),
         ("先款后修（张）", sum(1 for r in rows if r["pay_first"]), COUNT)],
        [SheetData("在修欠款客户", HEADERS, cells, FORMATS),
         *([SheetData("未计算", (labels.CONTRACT_NO, *REFUSAL_COLUMNS, labels.REASON),
                      [[no, *refusal_cells(p)] for no, found in refused.items() for p in found])] if refused else [])],
        ("各催收责任人的在修欠款（元）", list(by_person), {"逾期金额": list(by_person.values())}),
        refusals + [f"在修：报修日期在当日或以前、当日尚未完工；欠款：分期合同逾期超过 {led.params['service_hold_dpd']} 天；"
                    "同一客户多张工单时逾期金额只计一次。保外维修请先收款后修车。"])


REPORT = register(Report(KIND, collect, "pack.html.j2", monthly=False))


def service_overdue(source: Any, as_of: date | None = None, *, workbook: bool = True) -> OverdueResult:
    """The overdue customers in the workshop as of ``as_of`` (default today)."""
    led = load(source, today=as_of)
    holds, refused, refusals = gated_holds(led, led.today)
    path = build_pack(KIND, led, day=led.today, masked=False).xlsx if workbook else None
    return OverdueResult(led.today, [_record(led, h) for h in holds], [p for found in refused.values() for p in found],
                         refusals, path)
