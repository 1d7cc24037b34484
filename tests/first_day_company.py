"""A small dealer that goes live with dealer_xl on 2026-07-01, typed with openpyxl into the books
``dealer-xl init`` makes: five employees, three installment contracts signed before go-live with
their 合同期初 (the previous system's position on 2026-06-30), July's receipts, and one manufacturer
with its balance brought forward (厂家往来 期初). No 还款计划 rows (the close fills them) and no 考勤
(July's payroll is not part of this day: the close skips it).

Hand-worked July (grace 3 days, penalty 0.03 % a day — the 参数 defaults):

- HT-A 免息 120,000 = 12 × 10,000 due on the 10th from 2026-01-10. Opening: 40,000 principal (periods
  1–4), 2 periods overdue (5-10, 6-10). Receipt 7-15 of 10,000 pays period 5. On 7-31: period 6
  (51 days: 31–60) and period 7 (7-10, 21 days: 1–30) overdue, periods 8–12 not due (50,000).
- HT-B 等额本金 60,000 at 6 % a year in 6 periods from 2026-03-20: principal 10,000 a period,
  interest on the balance at 0.5 % a month: 300, 250, 200, 150, 100, 50. Opening: periods 1–4
  (40,000 + 900 interest). Receipt 7-20 of 10,100 pays period 5 on its due date. On 7-31: period 6
  (10,050, due 8-20) not due; nothing overdue.
- HT-C 免息 36,000 = 12 × 3,000 due on the 5th from 2025-08-05. Opening: 21,000 principal (periods
  1–7, to 2026-02-05), 4 periods overdue (3-05 … 6-05), 300.00 penalty received. No receipt in July.
  On 7-31 every unpaid period is overdue: 3-05 (148 days) and 4-05 (117): 91–180; 5-05 (87): 61–90;
  6-05 (56): 31–60; 7-05 (26): 1–30.
- 徐工: balance brought forward on 6-30 of 1,250,000.00 owed; a 付款 of 300,000.00 on 7-25 → 950,000.00.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from dealer_xl import schema
from dealer_xl.cli import main as cli

GO_LIVE = date(2026, 7, 1)
MONTH_END = date(2026, 7, 31)
# aging buckets on 7-31, worked out in the module docstring
BUCKETS = {"未到期": Decimal("60050.00"), "1-30": Decimal("13000.00"), "31-60": Decimal("13000.00"),
           "61-90": Decimal("3000.00"), "91-180": Decimal("6000.00"), "181-365": Decimal("0.00"),
           "365以上": Decimal("0.00")}
OUTSTANDING = {"HT-A": Decimal("70000.00"), "HT-B": Decimal("10050.00"), "HT-C": Decimal("15000.00")}
OVERDUE = {"HT-A": Decimal("20000.00"), "HT-B": Decimal("0.00"), "HT-C": Decimal("15000.00")}
DPD = {"HT-A": 51, "HT-B": 0, "HT-C": 148}
RISK = {"HT-A": "关注", "HT-B": "正常", "HT-C": "次级"}
MAKER_BALANCE = Decimal("950000.00")


def resident_id(area: str, born: str, seq: str) -> str:
    """A valid 18-character resident ID (GB 11643: weights and check characters of DOMAIN §1)."""
    body = area + born + seq
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


def d(text: str) -> datetime:
    return datetime.fromisoformat(text)


EMPLOYEES = [
    {"emp_id": "E01", "name": "周建国", "dept": "总经办", "position": "总经理", "hire_date": d("2019-03-01"),
     "id_number": resident_id("410102", "19750312", "031"), "base_salary": 15000, "allowance": 3000,
     "si_base": 18000, "hf_base": 18000, "hf_rate": 0.08},
    {"emp_id": "E02", "name": "吴丽娟", "dept": "财务部", "position": "会计", "hire_date": d("2021-06-01"),
     "id_number": resident_id("410103", "19880621", "042"), "base_salary": 6000, "allowance": 800,
     "si_base": 7460, "hf_base": 6800, "hf_rate": 0.08},
    {"emp_id": "E03", "name": "郑海涛", "dept": "销售部", "position": "业务员", "hire_date": d("2022-02-15"),
     "id_number": resident_id("410105", "19900908", "013"), "base_salary": 5000, "allowance": 600,
     "si_base": 7460, "hf_base": 5600, "hf_rate": 0.07},
    {"emp_id": "E04", "name": "王秀英", "dept": "信审债权部", "position": "催收专员", "hire_date": d("2023-04-01"),
     "id_number": resident_id("410104", "19920115", "024"), "base_salary": 5200, "allowance": 600,
     "si_base": 7460, "hf_base": 5800, "hf_rate": 0.07},
    {"emp_id": "E05", "name": "冯志强", "dept": "售后服务部", "position": "维修技师", "tech_grade": "中级",
     "hire_date": d("2020-09-01"), "id_number": resident_id("410108", "19860730", "051"), "base_salary": 4800,
     "allowance": 500, "si_base": 7460, "hf_base": 5300, "hf_rate": 0.05},
]
CUSTOMERS = [
    {"customer_id": "K001", "name": "李国强", "kind": "个人", "id_number": resident_id("410122", "19800515", "017"),
     "phone": "13803710001", "region": "中牟", "branch": "郑州", "credit_grade": "B", "credit_limit": 300000,
     "sales_rep": "E03", "created": d("2025-06-01")},
    {"customer_id": "K002", "name": "赵明", "kind": "个人", "id_number": resident_id("410181", "19850220", "033"),
     "phone": "13903710002", "region": "巩义", "branch": "郑州", "credit_grade": "A", "credit_limit": 200000,
     "sales_rep": "E03", "created": d("2026-01-05")},
    {"customer_id": "K003", "name": "孙建华", "kind": "个人", "id_number": resident_id("410183", "19781102", "055"),
     "phone": "13703710003", "region": "新密", "branch": "郑州", "credit_grade": "B", "credit_limit": 100000,
     "sales_rep": "E03", "created": d("2025-06-20")},
]
MODELS = [{"model_code": "XE60DA", "manufacturer": "徐工", "category": "挖掘机", "list_price": 190000,
           "floor_price": 150000, "warranty_months": 12, "warranty_hours": 2000, "main_parts_months": 24,
           "main_parts_hours": 3000}]
MAKERS = [{"manufacturer": "徐工", "labor_rate": 80, "km_rate": 3, "claim_submit_days": 30, "old_parts_days": 45}]
STOCK = [{"serial_no": f"XUG0060DA{n}", "model_code": "XE60DA", "inbound_date": d(day), "purchase_price": 150000,
          "branch": "郑州", "status": "已售"} for n, day in ((1, "2025-11-20"), (2, "2026-01-10"), (3, "2025-06-25"))]
SALES = [  # 分期 sales: 首付 ≥ 30 %, 分期金额 = 成交价 − 首付
    {"sale_date": d("2025-12-10"), "contract_no": "HT-A", "branch": "郑州", "salesperson": "E03",
     "customer_id": "K001", "serial_no": "XUG0060DA1", "model_code": "XE60DA", "list_price": 190000,
     "deal_price": 180000, "payment_type": "分期", "down_payment": 60000, "financed_amount": 120000,
     "term_months": 12, "annual_rate": 0, "first_due_date": d("2026-01-10"), "delivery_date": d("2025-12-12"),
     "approval": "已批", "notarized": "否"},
    {"sale_date": d("2026-02-20"), "contract_no": "HT-B", "branch": "郑州", "salesperson": "E03",
     "customer_id": "K002", "serial_no": "XUG0060DA2", "model_code": "XE60DA", "list_price": 190000,
     "deal_price": 160000, "payment_type": "分期", "down_payment": 100000, "financed_amount": 60000,
     "term_months": 6, "annual_rate": 0.06, "first_due_date": d("2026-03-20"), "delivery_date": d("2026-02-22"),
     "approval": "已批", "notarized": "否"},
    {"sale_date": d("2025-07-05"), "contract_no": "HT-C", "branch": "郑州", "salesperson": "E03",
     "customer_id": "K003", "serial_no": "XUG0060DA3", "model_code": "XE60DA", "list_price": 190000,
     "deal_price": 156000, "payment_type": "分期", "down_payment": 120000, "financed_amount": 36000,
     "term_months": 12, "annual_rate": 0, "first_due_date": d("2025-08-05"), "delivery_date": d("2025-07-06"),
     "approval": "已批", "notarized": "否"},
]
CONTRACTS = [
    {"contract_no": s["contract_no"], "customer_id": s["customer_id"], "serial_no": s["serial_no"],
     "sign_date": s["sale_date"], "total_price": s["deal_price"], "down_payment": s["down_payment"],
     "financed_amount": s["financed_amount"], "annual_rate": s["annual_rate"], "term_months": s["term_months"],
     "method": method, "first_due_date": s["first_due_date"], "collector": "E04", "status": status}
    for s, method, status in zip(SALES, ("免息", "等额本金", "免息"), ("逾期", "正常", "逾期"), strict=True)
]
OPENINGS = [
    {"contract_no": "HT-A", "as_of": d("2026-06-30"), "principal_paid": 40000, "interest_paid": 0,
     "penalty_paid": 0, "overdue_periods": 2},
    {"contract_no": "HT-B", "as_of": d("2026-06-30"), "principal_paid": 40000, "interest_paid": 900,
     "penalty_paid": 0, "overdue_periods": 0},
    {"contract_no": "HT-C", "as_of": d("2026-06-30"), "principal_paid": 21000, "interest_paid": 0,
     "penalty_paid": 300, "overdue_periods": 4},
]
RECEIPTS = [
    {"receipt_no": "SK2607001", "receipt_date": d("2026-07-15"), "contract_no": "HT-A", "amount": 10000,
     "method": "转账", "payer": "李国强", "handled_by": "E02"},
    {"receipt_no": "SK2607002", "receipt_date": d("2026-07-20"), "contract_no": "HT-B", "amount": 10100,
     "method": "转账", "payer": "赵明", "handled_by": "E02"},
]
MAKER_LEDGER = [
    {"entry_date": d("2026-06-30"), "manufacturer": "徐工", "doc_type": "期初", "amount": 1250000,
     "note": "上线前余额（原系统 2026-06-30）"},
    {"entry_date": d("2026-07-25"), "manufacturer": "徐工", "doc_type": "付款", "doc_no": "FK2607001",
     "amount": 300000},
]


def type_rows(folder: Path, book: str, sheet: str, rows: list[dict]) -> None:
    """Type ``rows`` under the header of ``book``/``sheet`` (columns found by the schema's headers)
    and stretch the sheet's table over them, as a clerk typing into the table would."""
    spec = schema.sheet(book, sheet)
    path = folder / schema.book(book).filename
    wb = openpyxl.load_workbook(path)
    ws = wb[spec.name]
    column = {c.field: n for n, c in enumerate(spec.columns, 1)}
    for r, row in enumerate(rows, 2):
        for field_name, value in row.items():
            ws.cell(r, column[field_name], value)
    for table in ws.tables.values():
        table.ref = f"A1:{get_column_letter(len(spec.columns))}{max(len(rows), 1) + 1}"
    wb.save(path)


def set_param(folder: Path, key: str, value: object) -> None:
    path = folder / schema.book("master").filename
    wb = openpyxl.load_workbook(path)
    ws = wb[schema.sheet("master", "params").name]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == key:
            row[1].value = value
            wb.save(path)
            return
    raise KeyError(key)


def build_first_day(folder: Path) -> Path:
    """``dealer-xl init`` in ``folder``, then the company typed in (see the module docstring)."""
    assert cli(["init", str(folder)]) == 0
    set_param(folder, "go_live", "2026-07-01")
    for (book, sheet), rows in {("master", "employees"): EMPLOYEES, ("master", "customers"): CUSTOMERS,
                                ("master", "models"): MODELS, ("master", "manufacturers"): MAKERS,
                                ("sales", "stock"): STOCK, ("sales", "sales"): SALES,
                                ("sales", "manufacturer_ledger"): MAKER_LEDGER,
                                ("receivables", "contracts"): CONTRACTS, ("receivables", "openings"): OPENINGS,
                                ("receivables", "receipts"): RECEIPTS}.items():
        type_rows(folder, book, sheet, rows)
    return folder
