"""Column rules from the schema: required, unique, references and numeric ranges.

Columns follow the spec's order, so 客户: A 客户编号, B 客户名称, ... J 授信额度; 销售明细: E 客户编号,
G 整机编号; 收款记录: A 收据号, C 合同编号; 索赔单: B 工单号; 考勤: B 工号; 回访记录: D 满意度.
Types and dropdown choices are the reader's rules (BAD_DATE, BAD_CHOICE ...), not these.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dealer_xl.checks.columns import check_columns
from dealer_xl.problems import Code, Problem, Severity

from .builders import context, found, table

ERROR = Severity.ERROR


def customers(*rows):
    return table("master", "customers", *rows)


def test_empty_required_cell_is_an_error():
    problems = check_columns(context(customers({"customer_id": "C001", "name": None, "id_number": "X1"})))
    assert found(problems) == [(Code.REQUIRED, "B2", ERROR)]
    assert problems[0].message == "「客户名称」必填，不能为空"
    assert (problems[0].book, problems[0].sheet, problems[0].column) == ("主数据.xlsx", "客户", "客户名称")


def test_filled_required_cells_are_fine():
    assert check_columns(context(customers({"customer_id": "C001", "name": "张三", "id_number": "X1"}))) == []


def test_cell_the_reader_could_not_read_is_not_reported_again_as_empty():
    unreadable = Problem("销售台账.xlsx", "销售明细", 2, "销售日期", "A2", ERROR, Code.BAD_DATE, "无法识别为日期")
    sale = {"contract_no": "HT001", "customer_id": "C001", "serial_no": "S1", "deal_price": Decimal("1.00"),
            "payment_type": "全款"}
    assert check_columns(context(table("sales", "sales", sale, problems=(unreadable,)))) == []
    assert found(check_columns(context(table("sales", "sales", sale)))) == [(Code.REQUIRED, "A2", ERROR)]


def test_required_column_missing_from_the_sheet_is_left_to_the_reader():
    without_name = table("master", "customers", {"customer_id": "C001", "id_number": "X1"}, absent=("name",))
    assert check_columns(context(without_name)) == []


def test_repeated_unique_value_is_an_error_on_the_later_row():
    problems = check_columns(context(customers(
        {"customer_id": "C001", "name": "张三", "id_number": "X1"},
        {"customer_id": "C002", "name": "李四", "id_number": "X2"},
        {"customer_id": "C001", "name": "王五", "id_number": "X3"})))
    assert found(problems) == [(Code.DUPLICATE, "A4", ERROR)]
    assert "与第 2 行重复" in problems[0].message


def test_duplicate_receipt_number_is_an_error():
    def receipts(second_no):
        return table("receivables", "receipts",
                     {"receipt_no": "R001", "receipt_date": date(2026, 2, 5), "contract_no": "HT001",
                      "amount": Decimal("1000.00")},
                     {"receipt_no": second_no, "receipt_date": date(2026, 3, 5), "contract_no": "HT001",
                      "amount": Decimal("1000.00")})
    assert found(check_columns(context(receipts("R001")))) == [(Code.DUPLICATE, "A3", ERROR)]
    assert check_columns(context(receipts("R002"))) == []


def sale_of(customer_id):
    return table("sales", "sales", {"sale_date": date(2026, 3, 10), "contract_no": "HT001",
                                    "customer_id": customer_id, "serial_no": "S1",
                                    "deal_price": Decimal("480000.00"), "payment_type": "全款"})


def test_reference_to_a_missing_customer_is_an_error():
    master = customers({"customer_id": "C001", "name": "张三", "id_number": "X1"})
    problems = check_columns(context(master, sale_of("C009")))
    assert found(problems) == [(Code.BAD_REFERENCE, "E2", ERROR)]
    assert problems[0].message == "「客户编号」C009 在 主数据.xlsx 的「客户」表 中不存在"
    assert check_columns(context(master, sale_of("C001"))) == []


def test_reference_is_not_checked_when_the_referenced_sheet_was_not_read():
    assert check_columns(context(sale_of("C009"))) == []


def test_employee_may_be_referred_to_by_name():
    staff = table("master", "employees", {"emp_id": "E001", "name": "王五", "dept": "销售部"})
    def sale(person):
        return table("sales", "sales", {"sale_date": date(2026, 3, 10), "contract_no": "HT001",
                                        "salesperson": person, "customer_id": "C001", "serial_no": "S1",
                                        "deal_price": Decimal("1.00"), "payment_type": "全款"})
    assert check_columns(context(staff, sale("王五"))) == []
    assert check_columns(context(staff, sale("E001"))) == []
    assert found(check_columns(context(staff, sale("赵六")))) == [(Code.BAD_REFERENCE, "D2", ERROR)]


def test_sold_serial_not_in_stock_has_its_own_code():
    stock = table("sales", "stock", {"serial_no": "S1", "model_code": "SY215"})
    sale = {"sale_date": date(2026, 3, 10), "contract_no": "HT001", "customer_id": "C001",
            "deal_price": Decimal("1.00"), "payment_type": "全款"}
    problems = check_columns(context(stock, table("sales", "sales", {**sale, "serial_no": "S2"})))
    assert found(problems) == [(Code.SERIAL_NOT_IN_STOCK, "G2", ERROR)]
    assert check_columns(context(stock, table("sales", "sales", {**sale, "serial_no": "S1"}))) == []


def test_receipt_for_an_unknown_contract_is_an_error():
    contracts = table("receivables", "contracts", {
        "contract_no": "HT001", "customer_id": "C001", "serial_no": "S1", "sign_date": date(2026, 1, 5),
        "total_price": Decimal("4000.00"), "financed_amount": Decimal("3000.00"), "method": "免息",
        "first_due_date": date(2026, 2, 5)})
    def receipt(contract_no):
        return table("receivables", "receipts", {"receipt_no": "R001", "receipt_date": date(2026, 2, 5),
                                                 "contract_no": contract_no, "amount": Decimal("1000.00")})
    assert found(check_columns(context(contracts, receipt("HT002")))) == [(Code.BAD_REFERENCE, "C2", ERROR)]
    assert check_columns(context(contracts, receipt("HT001"))) == []


def test_claim_for_an_unknown_work_order_is_an_error():
    orders = table("service", "work_orders", {"wo_no": "WO1", "open_date": date(2026, 2, 1), "serial_no": "S1",
                                              "service_type": "保外"})
    def claim(wo_no):
        return table("service", "claims", {"claim_no": "CL1", "wo_no": wo_no})
    assert found(check_columns(context(orders, claim("WO2")))) == [(Code.BAD_REFERENCE, "B2", ERROR)]
    assert check_columns(context(orders, claim("WO1"))) == []


def test_attendance_of_an_unknown_employee_is_an_error():
    staff = table("master", "employees", {"emp_id": "E001", "name": "王五", "dept": "财务部"})
    def attendance(emp_id):
        return table("payroll", "attendance", {"month": "2026-03", "emp_id": emp_id})
    assert found(check_columns(context(staff, attendance("E002")))) == [(Code.BAD_REFERENCE, "B2", ERROR)]
    assert check_columns(context(staff, attendance("E001"))) == []


def test_negative_money_is_out_of_range():
    def customer(limit):
        return customers({"customer_id": "C001", "name": "张三", "id_number": "X1", "credit_limit": limit})
    problems = check_columns(context(customer(Decimal("-0.01"))))
    assert found(problems) == [(Code.OUT_OF_RANGE, "J2", ERROR)]
    assert problems[0].message == "「授信额度」不能小于 0"
    assert check_columns(context(customer(Decimal("0.00")))) == []


def test_number_above_its_maximum_is_out_of_range():
    def callback(score):
        return table("service", "callbacks", {"wo_no": "WO1", "callback_date": date(2026, 3, 1),
                                              "satisfaction": score})
    problems = check_columns(context(callback(6)))
    assert found(problems) == [(Code.OUT_OF_RANGE, "D2", ERROR)]
    assert problems[0].message == "「满意度」不能大于 5"
    assert check_columns(context(callback(5))) == []
    assert found(check_columns(context(callback(0)))) == [(Code.OUT_OF_RANGE, "D2", ERROR)]


def test_generated_sheets_are_not_checked():
    results = table("payroll", "results", {"month": None, "emp_id": None, "net": Decimal("-5.00")})
    assert check_columns(context(results)) == []


def test_reference_is_not_checked_when_the_referenced_column_is_missing():
    # the reader reports the missing 客户编号 column once; every sale is not "unknown customer" then
    master = table("master", "customers", {"name": "张三", "id_number": "X1"}, absent=("customer_id",))
    assert check_columns(context(master, sale_of("C009"))) == []


def test_employee_is_still_found_by_name_when_the_id_column_is_missing():
    staff = table("master", "employees", {"name": "王五", "dept": "销售部"}, absent=("emp_id",))
    def attendance(person):
        return table("payroll", "attendance", {"month": "2026-03", "emp_id": person})
    assert check_columns(context(staff, attendance("王五"))) == []
    assert found(check_columns(context(staff, attendance("赵六")))) == [(Code.BAD_REFERENCE, "B2", ERROR)]
