"""A small company written into real books (blank templates from ``init_books`` plus rows).

Names are chosen to attack the documents: a customer called ``<script>alert(1)</script>``, one
called ``=HYPERLINK("x")``, a contract numbered ``../x``. Text is stored as text cells (never as a
formula), exactly as a user typing with a leading apostrophe would store it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl

from dealer_xl.domain.schedules import build_schedule
from dealer_xl.io.generated import set_cell_value
from dealer_xl.io.templates import init_books
from dealer_xl.schema import BOOKS

D = Decimal
AS_OF = date(2026, 10, 31)
SCRIPT, FORMULA = "<script>alert(1)</script>", '=HYPERLINK("x")'
ID_1, ID_2, USCC = "11010519491231002X", "110105194912310021", "91350100M000100Y43"

CUSTOMERS = [
    dict(customer_id="KH1", name="王建国", kind="个人", id_number=ID_1, phone="13812345678", branch="城关分公司",
         address="河南省郑州市金水区花园路1号"),
    dict(customer_id="KH2", name=SCRIPT, kind="企业", id_number=USCC, phone="13900001111", branch="东区分公司",
         address="河南省开封市尉氏县"),
    dict(customer_id="KH3", name=FORMULA, kind="个人", id_number=ID_1, phone="13700002222", branch="东区分公司",
         address="河南省郑州市中牟县"),
    dict(customer_id="KH4", name="赵担保", kind="个人", id_number=ID_1, phone="13600003333", address="河南省郑州市二七区"),
    dict(customer_id="KH5", name="钱无址", kind="个人", id_number=ID_1, phone="13500004444"),
]
EMPLOYEES = [dict(emp_id="E1", name="张三", dept="销售部", branch="城关分公司"),
             dict(emp_id="E2", name="李四", dept="信审债权部", branch="城关分公司"),
             dict(emp_id="E3", name="孙五", dept="销售部", branch="东区分公司")]
MODELS = [dict(model_code="M1", manufacturer="恒岳重工", category="挖掘机", list_price=D("500000"),
               floor_price=D("400000"), warranty_months=12, warranty_hours=2000, main_parts_months=24,
               main_parts_hours=4000)]
STOCK = [dict(serial_no=f"S{i}", model_code="M1", purchase_price=D(p), status="已售", branch="城关分公司")
         for i, p in ((1, "400000"), (2, "390000"), (3, "410000"), (4, "400000"), (5, "400000"))]


def sale(no, day, branch, person, customer, serial, price, kind="全款", **terms):
    return dict(sale_date=day, contract_no=no, branch=branch, salesperson=person, customer_id=customer,
                serial_no=serial, model_code="M1", list_price=D("500000"), deal_price=D(price), payment_type=kind,
                delivery_date=day, approval="已批", **terms)


INSTALLMENT = dict(down_payment=D("144000"), financed_amount=D("336000"), term_months=12, annual_rate=D("0.06"),
                   first_due_date=date(2026, 2, 10))
SALES = [
    sale("HT-1", date(2026, 1, 10), "城关分公司", "张三", "KH1", "S1", "480000", "分期", **INSTALLMENT),
    sale("../x", date(2026, 10, 5), "东区分公司", "孙五", "KH2", "S2", "450000"),
    sale("HT-3", date(2026, 10, 20), "东区分公司", "孙五", "KH3", "S3", "500000"),
    sale("HT-4", date(2026, 10, 20), "城关分公司", "张三", "KH1", "S4", "480000", "分期",
         **INSTALLMENT | dict(first_due_date=date(2026, 11, 20))),
    sale("HT-5", date(2026, 10, 31), "城关分公司", "E1", "KH2", "S5", "460000"),
]
CONTRACT = dict(contract_no="HT-1", customer_id="KH1", serial_no="S1", sign_date=date(2026, 1, 10),
                total_price=D("480000"), method="等额本息", guarantor="赵担保", collector="李四", status="逾期",
                collateral="所购设备（已装GPS）", **INSTALLMENT)
CONTRACTS = [CONTRACT, CONTRACT | dict(contract_no="HT-4", serial_no="S4", sign_date=date(2026, 10, 20),
                                       first_due_date=date(2026, 11, 20), guarantor="钱无址", status="正常")]
SCHEDULE = build_schedule(D("336000"), D("0.06"), 12, date(2026, 2, 10))
PAID_PERIODS = 6   # periods 1–6 paid on their due dates; 7 (2026-08-10) onwards unpaid
RECEIPTS = [dict(receipt_no=f"R{i.period}", receipt_date=i.due_date, contract_no="HT-1", amount=i.amount_due,
                 method="转账") for i in SCHEDULE[:PAID_PERIODS]]
TARGETS = [dict(month="2026-10", branch="城关分公司", target_units=2, target_amount=D("1000000")),
           dict(month="2026-10", branch="东区分公司", target_units=2, target_amount=D("800000"))]

ROWS = {("master", "customers"): CUSTOMERS, ("master", "employees"): EMPLOYEES, ("master", "models"): MODELS,
        ("master", "manufacturers"): [dict(manufacturer="恒岳重工")],
        ("sales", "stock"): STOCK, ("sales", "sales"): SALES, ("sales", "targets"): TARGETS,
        ("receivables", "contracts"): CONTRACTS, ("receivables", "receipts"): RECEIPTS}


SELLER = {"SELLER_NAME": "测试机械销售有限公司", "SELLER_USCC": "91410104MA9K7H3Q5P",
          "SELLER_ADDRESS": "河南省郑州市管城回族区测试路1号", "SELLER_BANK": "测试银行郑州支行",
          "SELLER_ACCOUNT": "6222000011112222", "SELLER_PHONE": "0371-12345678", "SELLER_PLACE": "河南省郑州市"}


def set_params(folder: Path, values: dict[str, str]) -> None:
    """Write ``values`` into the 值 column of the 参数 rows with those keys (init wrote every key)."""
    spec = next(b for b in BOOKS if b.key == "master")
    path = folder / spec.filename
    wb = openpyxl.load_workbook(path)
    ws = wb[spec.sheet("params").name]
    for row in ws.iter_rows(min_row=2):
        if row[0].value in values:
            set_cell_value(row[1], values[row[0].value])
    wb.save(path)


def write_company(folder: Path, rows: dict | None = None, seller: dict | None = None) -> Path:
    """The five books in ``folder`` holding ``rows`` ((book, sheet) → list of field dicts) and the
    seller's 参数 rows (:data:`SELLER` unless given; {} leaves them empty as ``init`` writes them)."""
    init_books(folder, overwrite=True)
    set_params(folder, SELLER if seller is None else seller)
    by_book: dict[str, dict] = {}
    for (book, sheet), items in (rows or ROWS).items():
        by_book.setdefault(book, {})[sheet] = items
    for spec in BOOKS:
        if spec.key not in by_book:
            continue
        path = folder / spec.filename
        wb = openpyxl.load_workbook(path)
        for sheet_key, items in by_book[spec.key].items():
            sheet = spec.sheet(sheet_key)
            ws = wb[sheet.name]
            headers = [c.value for c in ws[1]]
            columns = {c.field: headers.index(c.header) + 1 for c in sheet.columns}
            for r, item in enumerate(items, 2):
                for field, value in item.items():
                    set_cell_value(ws.cell(r, columns[field]), value)
            for table in ws.tables.values():
                table.ref = f"{table.ref.split(':')[0]}:{table.ref.split(':')[1].rstrip('0123456789')}{max(len(items) + 1, 2)}"
        wb.save(path)
    return folder
