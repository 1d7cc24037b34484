"""Rules of 综合管理台账 for vehicles, assets, seals, archives and supplies, on inline books.

Employees: E01 王强 (综合管理部, in service), E02 李敏 (财务部), E03 赵刚 (left 2026-03-31). Today is 2026-06-30.
Columns (schema order): 车辆 A 车牌号 D 使用部门/分公司 E 责任司机 L 上次保养里程; 车辆费用 A 日期 E 里程;
固定资产 D 使用部门 J 折旧年限 K 状态 L 处置日期; 用印登记 F 批准人; 培训记录 H 证书到期;
档案借阅 E 应还日期 F 归还日期 D 批准人; 办公用品 D 数量.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from dealer_xl.checks.admin import check_admin
from dealer_xl.problems import Code, Severity

from .builders import context, found, table

ERROR, WARNING = Severity.ERROR, Severity.WARNING
STAFF = table("master", "employees",
              {"emp_id": "E01", "name": "王强", "dept": "综合管理部", "branch": "城关分公司"},
              {"emp_id": "E02", "name": "李敏", "dept": "财务部", "branch": "城关分公司"},
              {"emp_id": "E03", "name": "赵刚", "dept": "销售部", "branch": "东区分公司", "leave_date": date(2026, 3, 31)})
VAN = {"plate": "豫A12345", "unit": "综合管理部", "driver": "E01", "purchase_date": date(2022, 5, 10),
       "last_service_km": D(40000), "odometer_km": D(43000), "status": "在用"}


def check(*tables):
    return check_admin(context(STAFF, *tables))


def test_a_clean_vehicle_passes():
    assert check(table("admin", "vehicles", VAN)) == []


def test_a_plate_with_the_letter_o_is_an_error():
    problems = check(table("admin", "vehicles", {**VAN, "plate": "豫AO1234"}))
    assert found(problems) == [(Code.BAD_PLATE, "A2", ERROR)]
    assert "I 或 O" in problems[0].message


def test_a_driver_must_be_an_employee_and_one_who_has_left_is_flagged():
    assert found(check(table("admin", "vehicles", {**VAN, "driver": "外聘王师傅"}))) == \
        [(Code.DRIVER_NOT_EMPLOYEE, "E2", ERROR)]
    assert check(table("admin", "vehicles", {**VAN, "driver": "王强"})) == []   # a name only one employee has
    left = check(table("admin", "vehicles", {**VAN, "driver": "E03"}))
    assert found(left) == [(Code.DRIVER_LEFT, "E2", WARNING)] and "2026-03-31" in left[0].message


def test_a_service_mileage_above_the_odometer_is_an_error():
    assert found(check(table("admin", "vehicles", {**VAN, "last_service_km": D(430000)}))) == \
        [(Code.ODOMETER_BACKWARDS, "L2", ERROR)]


def test_a_unit_must_be_a_department_or_a_branch_the_books_know():
    assert check(table("admin", "vehicles", {**VAN, "unit": "东区分公司"})) == []
    assert found(check(table("admin", "vehicles", {**VAN, "unit": "财务室"}))) == [(Code.UNKNOWN_UNIT, "D2", WARNING)]


def test_a_cost_before_the_purchase_and_a_reading_going_back_are_reported():
    costs = table("admin", "vehicle_costs",
                  {"date": date(2022, 5, 1), "plate": "豫A12345", "category": "燃油", "amount": D("300.00")},
                  {"date": date(2026, 6, 1), "plate": "豫A12345", "category": "燃油", "amount": D("300.00"),
                   "odometer_km": D(42000)},
                  {"date": date(2026, 6, 9), "plate": "豫A12345", "category": "燃油", "amount": D("300.00"),
                   "odometer_km": D(4250)},
                  {"date": date(2026, 6, 17), "plate": "豫A12345", "category": "燃油", "amount": D("300.00"),
                   "odometer_km": D(43000)})
    problems = check(table("admin", "vehicles", VAN), costs)
    assert found(problems) == [(Code.DATES_OUT_OF_ORDER, "A2", ERROR), (Code.ODOMETER_BACKWARDS, "E4", WARNING)]
    assert "42,000" in problems[1].message and "第 3 行" in problems[1].message


ASSET = {"asset_id": "DZ-01", "name": "台式电脑", "category": "电子设备", "dept": "财务部", "keeper": "E02",
         "purchase_date": date(2024, 3, 15), "cost": D("5000.00"), "years": 3, "status": "在用"}


def test_a_disposal_needs_its_date_and_its_status():
    assert check(table("admin", "fixed_assets", ASSET)) == []
    assert found(check(table("admin", "fixed_assets", {**ASSET, "status": "报废"}))) == \
        [(Code.ASSET_DISPOSAL_INCOMPLETE, "L2", ERROR)]
    assert found(check(table("admin", "fixed_assets", {**ASSET, "disposal_date": date(2025, 6, 20)}))) == \
        [(Code.ASSET_DISPOSAL_INCOMPLETE, "K2", ERROR)]
    assert found(check(table("admin", "fixed_assets", {**ASSET, "status": "处置",
                                                        "disposal_date": date(2024, 1, 2)}))) == \
        [(Code.DATES_OUT_OF_ORDER, "L2", ERROR)]


def test_years_shorter_than_the_tax_minimum_warn_with_the_category_minimum_from_params():
    problems = check(table("admin", "fixed_assets", {**ASSET, "years": 2}))
    assert found(problems) == [(Code.ASSET_YEARS_BELOW_TAX, "J2", WARNING)] and "最低年限 3 年" in problems[0].message
    assert check_admin(context(STAFF, table("admin", "fixed_assets", {**ASSET, "years": 2}),
                               asset_years_electronic=2)) == []


def test_a_seal_used_without_approval_or_approved_by_its_applicant_is_an_error():
    log = table("admin", "seal_log",
                {"date": date(2026, 6, 2), "seal": "公章", "document": "催款函", "applicant": "E02", "approver": "E01"},
                {"date": date(2026, 6, 3), "seal": "公章", "document": "投标文件", "applicant": "E02"},
                {"date": date(2026, 6, 4), "seal": "财务专用章", "document": "对账单", "applicant": "E02",
                 "approver": "李敏"})
    assert found(check(log)) == [(Code.SEAL_NOT_APPROVED, "F3", ERROR), (Code.SEAL_SELF_APPROVED, "F4", ERROR)]


def test_a_certificate_cannot_run_out_before_the_training():
    rows = table("admin", "training", {"date": date(2026, 5, 12), "course": "认证", "attendee": "E01",
                                       "cert_due": date(2026, 5, 11)})
    assert found(check(rows)) == [(Code.DATES_OUT_OF_ORDER, "H2", ERROR)]


def test_loans_in_order_and_a_secret_file_only_with_approval():
    files = table("admin", "archives", {"archive_no": "DA-1", "name": "股东会决议", "secrecy": "机密"},
                  {"archive_no": "DA-2", "name": "行政文件", "secrecy": "内部"})
    loans = table("admin", "archive_loans",
                  {"date": date(2026, 6, 1), "archive_no": "DA-2", "borrower": "E02", "returned": date(2026, 5, 27)},
                  {"date": date(2026, 6, 1), "archive_no": "DA-2", "borrower": "E02", "due": date(2026, 5, 30)},
                  {"date": date(2026, 6, 1), "archive_no": "DA-1", "borrower": "E02"},
                  {"date": date(2026, 6, 1), "archive_no": "DA-1", "borrower": "E02", "approver": "E01"})
    assert found(check(files, loans)) == [(Code.DATES_OUT_OF_ORDER, "F2", ERROR), (Code.DATES_OUT_OF_ORDER, "E3", ERROR),
                                          (Code.LOAN_NOT_APPROVED, "D4", ERROR)]


def test_an_issue_beyond_stock_warns_once_and_the_stock_stays_as_it_was():
    rows = table("admin", "office_supplies",
                 {"date": date(2026, 6, 1), "item": "复印纸", "direction": "入库", "quantity": D(10)},
                 {"date": date(2026, 6, 2), "item": "复印纸", "direction": "领用", "quantity": D(30)},   # 3 typed 30
                 {"date": date(2026, 6, 3), "item": "复印纸", "direction": "领用", "quantity": D(6)},
                 {"date": date(2026, 6, 4), "item": "复印纸", "direction": "领用", "quantity": D(4)},
                 {"date": date(2026, 6, 5), "item": "复印纸", "direction": "领用", "quantity": D(1)})
    problems = check(rows)
    assert found(problems) == [(Code.SUPPLY_OVERDRAWN, "D3", WARNING), (Code.SUPPLY_OVERDRAWN, "D6", WARNING)]
    assert "库存只有 10" in problems[0].message and "库存只有 0" in problems[1].message


def test_a_company_without_the_book_is_not_judged():
    ctx = context(STAFF, table("admin", "vehicles", {**VAN, "plate": "bad"}))
    ctx.books["admin"].found = False
    assert check_admin(ctx) == []
