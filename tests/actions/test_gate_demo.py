"""Every money-producing action over the demo's planted mistakes: no figure depends on a planted cell.

The demo (scale 0.3, seed 2026, as of 2026-10-31) lists each planted cell in demo_manifest.json;
those validation calls an 错误 are the ones that matter here. For each action this test works out,
from the planted cell's own row and the action's rule as DOMAIN states it (not from the gate's
code), which unit would be computed from that cell — the technician, the claim's work order, the
contract, the party, the employee — and checks that the unit is refused (the cell named), that it
gets no figure in what the action writes, and that the other units are still computed.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import date, timedelta

import openpyxl
import pytest
from docx import Document

from dealer_xl import ledger, schema
from dealer_xl.actions.close.closing import close_month
from dealer_xl.actions.credit.bad_debts import list_bad_debts
from dealer_xl.actions.credit.grades import grade_parties
from dealer_xl.actions.credit.writeoff import write_off
from dealer_xl.actions.gate import validation_problems
from dealer_xl.actions.service.claims import service_claims
from dealer_xl.actions.service.pay import service_pay
from dealer_xl.actions.service.settle import service_settle
from dealer_xl.cli import main
from dealer_xl.documents.contracts import generate_contracts
from dealer_xl.documents.gated import Refused
from dealer_xl.documents.letters import generate_letters
from dealer_xl.domain.technician_pay import in_month
from dealer_xl.problems import Refused as RefusedByGate
from dealer_xl.problems import Severity

AS_OF = date(2026, 10, 31)


@dataclass(frozen=True)
class Planted:
    """A planted cell that validation calls an 错误: where, and the row it is on."""

    book: str
    sheet: str
    cell: str
    field: str
    row: dict

    def in_(self, book: str, sheet: str, *fields: str) -> bool:
        spec = schema.sheet(book, sheet)
        return self.book == schema.book(book).filename and self.sheet == spec.name and self.field in fields


@pytest.fixture(scope="module")
def demo(demo_master, tmp_path_factory):
    folder = tmp_path_factory.mktemp("gate") / "books"
    shutil.copytree(demo_master, folder)
    return folder


@pytest.fixture(scope="module")
def led(demo):
    return ledger.load(demo, today=AS_OF)


@pytest.fixture(scope="module")
def planted(demo, led) -> list[Planted]:
    return planted_in(demo, led)


def planted_in(demo, led) -> list[Planted]:
    """The manifest's planted cells that validation calls an 错误 in the books of ``led``."""
    errors = {(p.book, p.sheet, p.cell) for p in validation_problems(led) if p.severity is Severity.ERROR}
    out = []
    for m in json.loads((demo / "demo_manifest.json").read_text(encoding="utf-8"))["mistakes"]:
        if (m["book"], m["sheet"], m["cell"]) not in errors:
            continue
        table = next(t for data in led.books.values() for t in data.tables.values()
                     if t.book == m["book"] and t.sheet_name == m["sheet"])
        field = next(c.field for c in table.spec.columns if c.header == m["column"])
        out.append(Planted(m["book"], m["sheet"], m["cell"], field, table.rows[table.row_numbers.index(m["row"])]))
    assert len(out) >= 40  # the manifest's 错误 (its 警告 and 提示 stop nothing)
    return out


def cells(problems) -> set[str]:
    return {f"{p.sheet}!{p.cell}" for p in problems}


def spot(p: Planted) -> str:
    return f"{p.sheet}!{p.cell}"


# --- after-sales ------------------------------------------------------------------------------

def technician_owners(led, planted: list[Planted], month: str) -> dict[str, set[str]]:
    """工号 → the planted cells his piece pay of ``month`` is computed from (DOMAIN §4: his grade,
    the hours and completion dates of his month's work orders, his month's callbacks)."""
    owners: dict[str, set[str]] = {}
    tech_of = {wo["wo_no"]: led.employee(wo["technician"]) for wo in led.rows("service", "work_orders")
               if wo["technician"]}
    for p in planted:
        emp = None
        if p.in_("master", "employees", "tech_grade", "name"):
            emp = p.row
        elif p.in_("service", "work_orders", "labor_hours", "close_date", "technician") and \
                (p.row["close_date"] is None or in_month(p.row["close_date"], month)):
            emp = tech_of.get(p.row["wo_no"])
        elif p.in_("service", "callbacks", "satisfaction", "callback_date", "wo_no") and \
                (p.row["callback_date"] is None or in_month(p.row["callback_date"], month)):
            emp = tech_of.get(p.row["wo_no"])
        if emp is not None:
            owners.setdefault(emp["emp_id"], set()).add(spot(p))
    return owners


def test_service_pay_refuses_the_technicians_of_planted_cells_and_pays_the_others(demo, led, planted):
    dated = [p.row.get("close_date") or p.row.get("callback_date") for p in planted
             if p.sheet in (schema.sheet("service", "work_orders").name, schema.sheet("service", "callbacks").name)]
    months = {"2026-10"} | {f"{d:%Y-%m}" for d in dated if d}
    checked = set()
    for month in sorted(months):
        owners = technician_owners(led, planted, month)
        result = service_pay(led, month, workbook=False)
        refused = {r.emp_id: cells(r.problems) for r in result.refused}
        for emp, where in owners.items():
            if emp in refused or emp in {r.emp_id for r in result.rows}:
                assert where <= refused[emp], (month, emp)
                checked |= where
        assert not set(owners) & {r.emp_id for r in result.rows}
        assert result.rows  # the others are paid
    assert {spot(p) for p in planted if p.in_("master", "employees", "tech_grade")} <= checked
    assert any(c.startswith("服务工单!") for c in checked) and any(c.startswith("回访记录!") for c in checked)
    special = next(p for p in planted if p.in_("master", "employees", "tech_grade")).row
    result = service_pay(demo, "2026-10")
    ws = openpyxl.load_workbook(result.workbook)["技师计件"]
    assert special["emp_id"] not in {r[0] for r in ws.iter_rows(values_only=True)}
    assert special["emp_id"] in {r[0] for r in openpyxl.load_workbook(result.workbook)["未计算"].iter_rows(values_only=True)}


CLAIM_ORDER = ("serial_no", "model_code", "open_date", "hour_meter", "service_type", "status", "fault_part_no",
               "labor_hours", "travel_km", "sub_dealer_id")


def sale_in_effect(led, wo: dict) -> dict | None:
    """The sale whose 交车日期 starts the order's 三包: the machine's latest sale on or before the order
    was opened (a resale restarts it), else its first sale."""
    sales = [s for s in led.rows("sales", "sales") if s["serial_no"] == wo["serial_no"]]
    before = [s for s in sales if s["sale_date"] and wo["open_date"] and s["sale_date"] <= wo["open_date"]]
    return max(before, key=lambda s: s["sale_date"]) if before else (sales[0] if sales else None)


def claim_owners(led, planted: list[Planted]) -> dict[str, set[str]]:
    """工单号 → planted cells its claim is computed from (DOMAIN §4: the order, the warranty start of
    the machine's sale, the model's terms, the maker's and sub-dealer's rates, parts and prices)."""
    orders = [wo for wo in led.rows("service", "work_orders") if wo["service_type"] == "三包"]
    used = {wo["wo_no"]: {u["part_no"] for u in led.all("service", "parts_used", "wo_no", wo["wo_no"])}
            | {wo["fault_part_no"]} for wo in orders}
    owners: dict[str, set[str]] = {}
    for p in planted:
        hit = []
        if p.in_("service", "work_orders", *CLAIM_ORDER) and p.row["service_type"] == "三包":
            hit = [p.row["wo_no"]]
        elif p.in_("service", "parts_used", "part_no", "qty", "warranty"):
            hit = [p.row["wo_no"]]
        elif p.in_("master", "parts", "claim_price", "main_part"):
            hit = [wo["wo_no"] for wo in orders if p.row["part_no"] in used[wo["wo_no"]]]
        elif p.in_("sales", "sales", "serial_no", "sale_date", "delivery_date", "model_code"):
            hit = [wo["wo_no"] for wo in orders if sale_in_effect(led, wo) is p.row]
        elif p.in_("master", "sub_dealers", "labor_rate"):
            hit = [wo["wo_no"] for wo in orders if wo["sub_dealer_id"] == p.row["dealer_id"]]
        for wo in hit:
            owners.setdefault(wo, set()).add(spot(p))
    return owners


def test_service_claims_refuse_the_orders_of_planted_cells(books, led, planted):
    """Few of the demo's planted orders would be drafted (most are 保外 or claimed already): the planted
    work orders are made 三包 and the claims of every planted order taken out of 索赔单 first."""
    orders, claims = led.table("service", "work_orders"), led.table("service", "claims")
    wb = openpyxl.load_workbook(books / "售后服务台账.xlsx")
    for p in planted:
        if p.in_("service", "work_orders", *CLAIM_ORDER):
            i = next(i for i, r in enumerate(orders.rows) if r is p.row)
            wb[orders.sheet_name][orders.cell(i, "service_type")] = "三包"
    wb.save(books / "售后服务台账.xlsx")
    led = ledger.load(books, today=AS_OF)
    owners = claim_owners(led, planted_in(books, led))
    gone = [n for n, r in zip(claims.row_numbers, claims.rows, strict=True) if r["wo_no"] in owners]
    for n in sorted(gone, reverse=True):
        wb[claims.sheet_name].delete_rows(n)
    wb.save(books / "售后服务台账.xlsx")
    result = service_claims(books, AS_OF)
    drafted = [d for d in result.drafts if d.wo_no in owners]
    assert len(drafted) >= 2
    for d in drafted:
        assert not d.eligible and d.claim_total is None and owners[d.wo_no] <= cells(result.refused[d.wo_no])
    ws = openpyxl.load_workbook(result.workbook).active
    priced = {r[0] for r in ws.iter_rows(min_row=2, values_only=True) if r[6] is not None}
    assert priced and not priced & set(owners)


JUDGED = ("claim_no", "manufacturer", "status", "claim_labor", "claim_parts", "claim_travel", "settle_month")


def test_settlement_judges_no_claim_by_a_planted_cell(demo, led, planted):
    judged = {p.row["claim_no"]: spot(p) for p in planted if p.in_("service", "claims", *JUDGED)}
    typed = {p.row["claim_no"] for p in planted if p.in_("service", "claims", "claim_total")}
    assert typed  # the demo's planted 索赔合计 error: ours, not a reason to refuse
    seen = set()
    for statement in sorted(demo.glob("厂家结算单_*.xlsx")):
        result = service_settle(led, statement, AS_OF, workbook=False)
        for r in result.rows:
            seen.add(r.claim_no)
            if r.claim_no in judged and r.category != "duplicate":
                assert r.category == "refused" and r.claimed is None and judged[r.claim_no] in cells(
                    result.refused[r.claim_no])
            if r.claim_no in typed and r.category not in ("duplicate", "refused"):
                row = led.first("service", "claims", "claim_no", r.claim_no)
                assert r.claimed == row["claim_labor"] + row["claim_parts"] + row["claim_travel"] != row["claim_total"]
                assert r.typed == row["claim_total"]
    assert seen & (set(judged) | typed)


# --- documents --------------------------------------------------------------------------------

PARTY = ("name", "kind", "id_number", "address", "phone")
SALE = ("contract_no", "sale_date", "customer_id", "serial_no", "model_code", "deal_price", "payment_type",
        "down_payment", "delivery_date", "notarized")
TERMS = ("contract_no", "customer_id", "serial_no", "sign_date", "total_price", "down_payment", "financed_amount",
         "annual_rate", "term_months", "method", "first_due_date", "guarantor", "collateral")


def contract_owners(led, planted: list[Planted]) -> dict[str, set[str]]:
    """合同编号 → planted cells its sales contract prints (DOMAIN §6: parties with ID and address,
    the machine, price and payment terms)."""
    numbers = set(led.by_key("sales", "sales", "contract_no")) | set(led.by_key("receivables", "contracts",
                                                                                "contract_no"))
    owners: dict[str, set[str]] = {}
    for no in numbers:
        base = led.contract(no) or led.sale(no)
        people = {base["customer_id"], (led.person(base["guarantor"]) or {}).get("customer_id")
                  if base.get("guarantor") else None} - {None}
        for p in planted:
            if (p.in_("sales", "sales", *SALE) or p.in_("receivables", "contracts", *TERMS)) and \
                    p.row["contract_no"] == no or \
                    p.in_("master", "customers", *PARTY) and p.row["customer_id"] in people or \
                    p.in_("sales", "stock", "serial_no", "model_code") and p.row["serial_no"] == base["serial_no"]:
                owners.setdefault(no, set()).add(spot(p))
    return owners


def test_contracts_are_never_printed_from_a_planted_cell(demo, led, planted, tmp_path):
    owners = contract_owners(led, planted)
    assert len(owners) >= 8
    clean = sorted(n for n in led.by_key("receivables", "contracts", "contract_no") if n not in owners)[:3]
    docs, errors = generate_contracts(led, sorted(owners) + clean, tmp_path, pdf=False, draft=True)
    stopped = {e.unit: cells(e.problems) for e in errors if isinstance(e, Refused)}
    for no, where in owners.items():
        assert where <= stopped[no], no
    assert {d.key for d in docs} == set(clean)
    values = {p.row[p.field] for p in planted if p.in_("master", "customers", *PARTY)}
    for d in docs:
        text = "\n".join(par.text for par in Document(d.docx).paragraphs)
        assert not [v for v in values if str(v) in text]


POSITION = {("receivables", "contracts"): TERMS, ("receivables", "schedule"): ("period", "due_date", "principal",
                                                                             "interest", "amount_due"),
            ("receivables", "receipts"): ("receipt_no", "receipt_date", "amount"),
            ("receivables", "repossessions"): ("repo_date", "status", "disposal_amount", "disposal_date",
                                               "towing_fee", "storage_fee", "appraisal_fee"),
            ("receivables", "writeoffs"): ("date", "principal", "interest", "penalty")}


def position_owners(planted: list[Planted]) -> dict[str, set[str]]:
    """合同编号 → planted cells what it owes is computed from (DOMAIN §3: terms, schedule, receipts,
    repossession proceeds and costs, write-off), by the planted row's 合同编号."""
    owners: dict[str, set[str]] = {}
    for p in planted:
        if any(p.in_(book, sheet, *fields) for (book, sheet), fields in POSITION.items()) and p.row["contract_no"]:
            owners.setdefault(p.row["contract_no"], set()).add(spot(p))
    return owners


def test_demand_letters_write_offs_and_the_disposal_list_refuse_the_contracts_of_planted_cells(demo, led, planted,
                                                                                            tmp_path):
    owners = position_owners(planted)
    assert len(owners) >= 5
    letters, errors = generate_letters(led, AS_OF, tmp_path, contract_nos=sorted(owners), pdf=False, draft=True)
    assert letters == []
    assert {e.unit: cells(e.problems) >= owners[e.unit] for e in errors if isinstance(e, Refused)} == {
        no: True for no in owners}
    for no, where in owners.items():
        with pytest.raises(RefusedByGate) as refused:
            write_off(led, no, "失联", "YG0005", "YG0001")
        assert where <= cells(refused.value.problems)
    result = list_bad_debts(led, AS_OF)
    assert set(owners) <= set(result.refused)
    assert not set(owners) & ({r.contract_no for r in result.rows} | {r[0] for r in result.repossessions})


def test_credit_grades_leave_out_the_parties_of_planted_cells(demo, led, planted):
    owners = position_owners(planted)
    log = {p.row["contract_no"] for p in planted if p.in_("receivables", "collection_log", "log_date", "promise_date",
                                                          "promise_amount", "result")}
    parties = {(k, c["customer_id"]) for no in set(owners) | log if (c := led.contract(no)) for k in ("客户",)}
    result = grade_parties(led, AS_OF)
    refused = {(k, pid) for k, pid, _ in result.refused}
    assert parties and parties <= refused
    assert not parties & {(g.kind, g.party_id) for g in result.grades}
    ws = openpyxl.load_workbook(result.path).active
    assert not {pid for _, pid in parties} & {r[1] for r in ws.iter_rows(min_row=2, values_only=True)}


def test_the_close_computes_nothing_while_planted_errors_stand(demo, led, planted):
    before = {p.name: p.read_bytes() for p in demo.glob("*.xlsx")}
    result = close_month(demo, "2026-10", today=AS_OF + timedelta(days=1))  # a month closes once it has ended
    assert result.status == "blocked" and result.archive is None and not (demo / "归档").exists()
    undated = {spot(p) for p in planted if p.book == "主数据.xlsx"}  # master data: in no month, always blocks
    assert undated and undated <= cells(result.problems)
    assert {p.name: p.read_bytes() for p in demo.glob("*.xlsx")} == before


# --- payroll (its gate is built on the payroll branch; this checks whatever payroll run does then) ---

PAYROLL = {("master", "employees"): ("tech_grade", "base_salary", "allowance", "si_base", "hf_base", "hf_rate",
                                     "special_deduction", "hire_date", "leave_date"),
           ("payroll", "attendance"): ("emp_id", "required_days", "worked_days", "paid_leave_days",
                                       "unpaid_leave_days", "overtime_hours"),
           ("payroll", "adjustments"): ("emp_id", "item", "amount", "taxable")}


def test_payroll_run_refuses_the_employees_of_planted_cells(books, planted, capsys):
    """Months of the tax year in order (each needs the one before), up to the last planted one, on a
    copy of the demo (payroll writes 工资结果)."""
    owners: dict[tuple[str | None, str], set[str]] = {}  # (month, or None for every month; 工号) → cells
    for p in planted:
        for (book, sheet), fields in PAYROLL.items():
            if p.in_(book, sheet, *fields) and p.row.get("emp_id"):
                owners.setdefault((p.row.get("month") if sheet != "employees" else None, p.row["emp_id"]),
                                  set()).add(spot(p))
    last = max(m for m, _ in owners if m and m.startswith("2026"))
    for month in [f"2026-{n:02d}" for n in range(1, int(last[5:]) + 1)]:
        code = main(["payroll", "run", str(books), "--month", month, "--format", "json"])
        text = capsys.readouterr().out
        assert code != 2, text
        try:
            records = json.loads(text)
        except json.JSONDecodeError:
            records = None
        if not records or "refused" not in records[0]:
            pytest.skip(f"payroll run 还没有经过输入闸门（payroll 分支合并后生效）：{month} 退出码 {code}")
        by_emp = {r["employee_id"]: r for r in records}
        for (m, emp), where in owners.items():
            if m in (None, month) and emp in by_emp:
                assert by_emp[emp]["refused"] is True, (month, emp)
                assert where <= {f"{x['sheet']}!{x['cell']}" for x in by_emp[emp]["problems"]}
        assert any(not r["refused"] for r in records)
        paid = {r["emp_id"] for r in ledger.load(books).rows("payroll", "results") if r["month"] == month}
        assert not paid & {emp for (m, emp) in owners if m in (None, month)}
