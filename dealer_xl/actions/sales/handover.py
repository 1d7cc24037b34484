"""Action ``sales handover``: the 出库单 of every machine delivered in a period, and the list of new
machines sent to 售后 with their first service (首保) due and warranty end.

Guarantees:

- the machines are :func:`dealer_xl.ledger.handover.deliveries` (交车日期 from ``first`` to ``last``);
  each gets its 出库单 (:mod:`dealer_xl.documents.outbound`: ``文书/出库单_<合同编号>.docx`` and PDF),
  unless data is missing (named, nothing written for it) or its 销售明细 row has an 错误 in a column
  the form and the dates are taken from (the input gate, :mod:`dealer_xl.actions.gate`); the seller's
  name comes from 参数 ``SELLER_NAME`` only — without it nothing is written (exit 2);
- the list to 售后 (``报表/交车移交售后_<起>_<止>.xlsx``, and the pack ``handover`` of one day the
  scheduled job ``handover_list`` sends each branch's service manager) shows every machine with
  its 首保 due date and hours, the whole-machine warranty end and hours and the 销售回访 date;
- JSON: one object per machine, keys ``contract_no, serial_no, model_code, manufacturer,
  customer_id, customer_name, branch, salesperson, delivery_date, first_service_due,
  first_service_hours, warranty_end, warranty_hours, sales_callback_due, docx, pdf``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ...documents import DOCUMENTS_DIR
from ...documents.masking import mask_phone
from ...documents.outbound import generate_outbound
from ...documents.report_model import COUNT, Report, ReportData, Scope, SheetData, register
from ...documents.reports.common import person_keys
from ...documents.sources import GeneratedDocument
from ...io.report_writer import DATE, finish, new_workbook, write_table
from ...io.writer import save_new
from ...ledger import Ledger, load
from ...ledger.handover import Delivery, deliveries
from ...problems import BadOption, Code, Problem, Severity
from ...schema import labels
from ..book import OUTPUT_DIR
from ..gate import Uses, gate

KIND = "handover"
USES = [Uses("sales", "sales", ("contract_no", "customer_id", "serial_no", "model_code", "delivery_date",
                                "salesperson", "branch"), "contract_no")]
HEADERS = (labels.DELIVERY_DATE, labels.CONTRACT_NO, labels.SERIAL_NO, labels.MODEL, labels.MANUFACTURER,
           labels.CUSTOMER_NAME, labels.PHONE, labels.BRANCH, labels.SALESPERSON, "首保到期日", "首保小时", "三包截止日",
           "三包小时", "销售回访日")
FORMATS = {labels.DELIVERY_DATE: DATE, "首保到期日": DATE, "三包截止日": DATE, "销售回访日": DATE}
LIST_TITLE = "交车移交售后"


def cells(d: Delivery, *, masked: bool) -> list:
    """The row of ``d`` in the list to 售后."""
    phone = str(d.customer.get("phone") or "")
    return [d.delivered, d.contract_no, d.serial_no, d.sale["model_code"] or d.model.get("model_code") or "",
            d.model.get("manufacturer") or "", d.customer.get("name") or "", mask_phone(phone) if masked else phone,
            d.sale["branch"] or "", d.salesperson, d.first_service.due_date, d.first_service.due_hours, d.warranty_end,
            d.warranty_hours, d.callback.due_date]


@dataclass
class HandoverResult:
    """The period's deliveries, the documents written and what stopped the others."""

    first: date
    last: date
    rows: list[Delivery]
    written: list[GeneratedDocument] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    stopped: list[Problem] = field(default_factory=list)
    workbook: Path | None = None

    @property
    def problems(self) -> list[Problem]:
        """The 错误 that stopped a form, and each form not written (an 错误: the command exits 1)."""
        return self.stopped + [Problem("", "", None, "", "", Severity.ERROR, Code.REQUIRED, e) for e in self.errors]

    problems_in_summary = True

    @property
    def paths(self) -> list[Path]:
        return [p for p in (self.workbook, *(x for d in self.written for x in (d.docx, d.pdf))) if p]

    def records(self) -> list[dict[str, Any]]:
        docs = {d.key: d for d in self.written}
        return [{"contract_no": d.contract_no, "serial_no": d.serial_no, "model_code": d.sale["model_code"] or "",
                 "manufacturer": d.model.get("manufacturer") or "", "customer_id": d.sale["customer_id"] or "",
                 "customer_name": d.customer.get("name") or "", "branch": d.sale["branch"] or "",
                 "salesperson": d.salesperson, "delivery_date": d.delivered,
                 "first_service_due": d.first_service.due_date, "first_service_hours": d.first_service.due_hours,
                 "warranty_end": d.warranty_end, "warranty_hours": d.warranty_hours,
                 "sales_callback_due": d.callback.due_date,
                 "docx": str(docs[d.contract_no].docx) if d.contract_no in docs else None,
                 "pdf": str(docs[d.contract_no].pdf) if d.contract_no in docs and docs[d.contract_no].pdf else None}
                for d in self.rows]

    def summary(self) -> list[str]:
        pdfs = sum(1 for d in self.written if d.pdf)
        lines = [f"交车 {self.first} 至 {self.last}：{len(self.rows)} 台；出库单 {len(self.written)} 份"
                 + (f"（另出 PDF {pdfs} 份）" if pdfs else "") + f"，写入 {DOCUMENTS_DIR}/"]
        lines += [f"未生成：{e}" for e in self.errors] + self.refusals
        return lines + ([f"移交售后清单：{self.workbook}"] if self.workbook else [])


def gated_deliveries(led: Ledger, first: date, last: date) -> tuple[list[Delivery], list[Delivery], Any]:
    """(allowed, refused, gate) of the period's deliveries."""
    stop = gate(led, USES)
    found = deliveries(led, first, last)
    return [d for d in found if stop.allows(d.contract_no)], [d for d in found if not stop.allows(d.contract_no)], stop


def write_list(led: Ledger, rows: list[Delivery], first: date, last: date) -> Path:
    """``报表/交车移交售后_<起>_<止>.xlsx``: the list to 售后 (phones in full: it stays in the company)."""
    wb = new_workbook()
    ws = wb.active
    ws.title = LIST_TITLE
    write_table(ws, HEADERS, [cells(d, masked=False) for d in rows], FORMATS)
    ws.freeze_panes = "A2"
    title = f"{LIST_TITLE} {first.isoformat()} 至 {last.isoformat()}"
    return save_new(finish(wb, title, last), led.books_dir / OUTPUT_DIR / f"{LIST_TITLE}_{first.isoformat()}_{last.isoformat()}.xlsx")


def sales_handover(source: Any, first: date | None = None, last: date | None = None, *, pdf: bool = True,
                   documents: bool = True, workbook: bool = True, contract_nos: list[str] | None = None) -> HandoverResult:
    """The 出库单 and the list to 售后 of the machines delivered from ``first`` to ``last`` (default
    today), or of ``contract_nos`` when given (their delivery in any period up to ``last``)."""
    led = load(source, today=last)
    last = led.today
    first = first or last
    if first > last:
        raise BadOption(f"起始日期 {first} 晚于截止日期 {last}")
    if contract_nos is not None:
        first = min((s["delivery_date"] for no in contract_nos if (s := led.sale(no)) and s["delivery_date"]), default=last)
    allowed, refused, stop = gated_deliveries(led, first, last)
    if contract_nos is not None:
        allowed = [d for d in allowed if d.contract_no in contract_nos]
        refused = [d for d in refused if d.contract_no in contract_nos]
    written, errors = generate_outbound(led, allowed, led.books_dir / DOCUMENTS_DIR, pdf=pdf) if documents else ([], [])
    errors = [str(e) for e in errors]
    if contract_nos is not None:
        seen = {d.contract_no for d in allowed + refused}
        errors += [f"合同 {no} 在销售明细中没有截至 {last} 的交车日期，未生成出库单" for no in contract_nos if no not in seen]
    nos = [d.contract_no for d in refused]
    path = write_list(led, allowed, first, last) if workbook else None
    return HandoverResult(first, last, allowed, written, errors, stop.refusals(nos, "出库单"),
                          [p for no in nos for p in stop.refused(no)], path)


def collect(led: Ledger, scope: Scope) -> ReportData:
    """The ``handover`` pack: the machines delivered on ``scope.day``."""
    allowed, refused, stop = gated_deliveries(led, scope.day, scope.day)
    people = person_keys(led, scope.person)
    rows = [d for d in allowed if (not scope.branch or d.sale["branch"] == scope.branch)
            and (not people or d.salesperson in people)]
    by_branch: dict[str, int] = {}
    for d in rows:
        by_branch[str(d.sale["branch"] or "")] = by_branch.get(str(d.sale["branch"] or ""), 0) + 1
    return ReportData(
        f"{LIST_TITLE} {scope.day.isoformat()}{scope.label()}", scope.day.isoformat(),
        [("交车（台）", len(rows), COUNT)],
        [SheetData(LIST_TITLE, HEADERS, [cells(d, masked=scope.masked) for d in rows], FORMATS)],
        ("各分公司交车（台）", list(by_branch), {"交车": list(by_branch.values())}),
        stop.refusals([d.contract_no for d in refused], "移交售后") +
        [f"首保：交车后 {led.params['first_service_days']} 天或工作 {led.params['first_service_hours']} 小时，以先到为准；"
         f"销售回访：交车后 {led.params['sales_callback_days']} 天。"])


REPORT = register(Report(KIND, collect, "pack.html.j2", monthly=False))
