"""The reminder list of 综合管理台账 on inline books, as of 2026-10-31 with 30 days ahead.

Each kind is planted once with a date inside the window, once outside it (or settled), so a test
can see both what is listed and what is not. Owners: 王强 E01 (a driver), 李敏 E02 (HR, 参数
admin_hr_owner), 赵刚 E03 (an employee who keeps a licence and borrowed a file), 周新 E04 (a technician).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from dealer_xl.ledger.reminders import overdue_count, reminders

from ..checks.builders import context, table

DAY = date(2026, 10, 31)
STAFF = table("master", "employees",
              {"emp_id": "E01", "name": "王强", "branch": "城关分公司", "hire_date": date(2018, 3, 1)},
              {"emp_id": "E02", "name": "李敏", "branch": "城关分公司", "hire_date": date(2016, 5, 1)},
              {"emp_id": "E03", "name": "赵刚", "branch": "东区分公司", "hire_date": date(2020, 8, 1)},
              {"emp_id": "E04", "name": "周新", "branch": "东区分公司", "hire_date": date(2024, 11, 4)},
              {"emp_id": "E05", "name": "钱多", "branch": "东区分公司", "hire_date": date(2026, 10, 20)})


def books(**extra):
    vehicles = table("admin", "vehicles",
                     {"plate": "豫A11111", "driver": "E01", "purchase_date": date(2021, 11, 12), "status": "在用",
                      "ctpl_due": date(2026, 11, 11), "commercial_due": date(2027, 3, 1),
                      "inspection_due": date(2026, 10, 20), "service_interval_km": D(5000),
                      "last_service_km": D(45000), "odometer_km": D(49000)},
                     {"plate": "豫A22222", "driver": "E01", "purchase_date": date(2016, 1, 1), "status": "已处置",
                      "ctpl_due": date(2026, 1, 1)})
    costs = table("admin", "vehicle_costs",
                  {"date": date(2026, 8, 2), "plate": "豫A11111", "category": "燃油", "amount": D(300),
                   "odometer_km": D(40000)},
                  {"date": date(2026, 10, 31), "plate": "豫A11111", "category": "燃油", "amount": D(300),
                   "odometer_km": D(49200)},
                  {"date": date(2026, 11, 5), "plate": "豫A11111", "category": "燃油", "amount": D(300),
                   "odometer_km": D(49900)})   # after the day: does not count
    contracts = table("admin", "labour_contracts",
                      {"emp_id": "E01", "kind": "固定期限", "start": date(2018, 3, 1), "end": date(2021, 2, 28),
                       "signing_no": 1, "status": "已续签"},
                      {"emp_id": "E01", "kind": "固定期限", "start": date(2021, 3, 1), "end": date(2026, 11, 20),
                       "signing_no": 2, "status": "履行中"},
                      {"emp_id": "E02", "kind": "固定期限", "start": date(2023, 11, 1), "end": date(2026, 11, 25),
                       "signing_no": 2, "status": "已续签"},
                      {"emp_id": "E03", "kind": "固定期限", "start": date(2023, 8, 1), "end": date(2026, 11, 28),
                       "signing_no": 1, "status": "履行中"},
                      {"emp_id": "E04", "kind": "固定期限", "start": date(2024, 11, 4), "end": date(2027, 11, 3),
                       "probation_end": date(2026, 11, 3), "signing_no": 1, "status": "履行中"})
    training = table("admin", "training",
                     {"date": date(2024, 11, 20), "course": "厂家认证", "attendee": "E04", "cert_due": date(2026, 11, 19)},
                     {"date": date(2023, 5, 1), "course": "叉车证", "attendee": "E03", "cert_due": date(2026, 5, 1)},
                     {"date": date(2026, 4, 28), "course": "叉车证", "attendee": "E03", "cert_due": date(2029, 4, 28)})
    seals = table("admin", "seals", {"name": "道路运输经营许可证", "number": "豫-01", "keeper": "E03", "due": date(2026, 11, 18)},
                  {"name": "公章", "keeper": "E02"})
    files = table("admin", "archives",
                  {"archive_no": "DA-2015", "name": "2015年度行政文件", "formed": date(2015, 12, 31), "retention_years": 10},
                  {"archive_no": "DA-2016", "name": "2016年度行政文件", "formed": date(2016, 12, 31), "retention_years": 10},
                  {"archive_no": "DA-P", "name": "公司章程", "formed": date(2010, 5, 1)})
    loans = table("admin", "archive_loans",
                  {"date": date(2026, 10, 1), "archive_no": "DA-2016", "borrower": "E03", "due": date(2026, 10, 11)},
                  {"date": date(2026, 10, 25), "archive_no": "DA-P", "borrower": "E02"},
                  {"date": date(2026, 9, 1), "archive_no": "DA-2015", "borrower": "E02", "due": date(2026, 9, 8),
                   "returned": date(2026, 11, 2)})   # returned after the day: still out on it
    return context(STAFF, vehicles, costs, contracts, training, seals, files, loans, today=DAY,
                   **{"admin_hr_owner": "李敏", **extra})


def listed(led=None, day=DAY, within=30):
    return [(r.kind, r.item, r.due_date, r.days_left, r.owner, r.sheet, r.row) for r in reminders(led or books(), day, within)]


def test_the_list_as_of_the_day_by_due_date():
    assert listed() == [
        ("retention", "DA-2015 2015年度行政文件", date(2025, 12, 31), -304, "综合管理部", "档案", 2),
        ("loan", "DA-2015 2015年度行政文件", date(2026, 9, 8), -53, "李敏", "档案借阅", 4),
        ("loan", "DA-2016 2016年度行政文件", date(2026, 10, 11), -20, "赵刚", "档案借阅", 2),
        ("inspection", "豫A11111 年检", date(2026, 10, 20), -11, "王强", "车辆", 2),
        ("probation_end", "周新（E04）", date(2026, 11, 3), 3, "李敏", "劳动合同", 6),
        # 45,000 + 5,000 due; 49,200 read on 10-31; 9,200 km in 90 days (08-02 → 10-31) = 102.2 km a day:
        # 800 km left → 7.8 days → 11-07
        ("maintenance", "豫A11111 保养（50,000 公里，当前 49,200）", date(2026, 11, 7), 7, "王强", "车辆", 2),
        ("ctpl", "豫A11111 交强险", date(2026, 11, 11), 11, "王强", "车辆", 2),
        ("licence", "道路运输经营许可证 豫-01", date(2026, 11, 18), 18, "赵刚", "证照印章", 2),
        ("certificate", "周新 厂家认证", date(2026, 11, 19), 19, "周新", "培训记录", 2),
        ("contract_missing", "钱多（E05）", date(2026, 11, 19), 19, "李敏", "员工", 6),   # hired 10-20
        ("open_ended", "王强（E01）", date(2026, 11, 20), 20, "李敏", "劳动合同", 3),   # the second fixed term
        ("loan", "DA-P 公司章程", date(2026, 11, 24), 24, "李敏", "档案借阅", 3),     # lent 10-25 + 30 days
        ("contract_end", "赵刚（E03）", date(2026, 11, 28), 28, "李敏", "劳动合同", 5),
    ]


def test_what_is_listed_and_what_is_not():
    kinds = {(k, item) for k, item, *_ in listed()}
    assert ("retention", "DA-2016 2016年度行政文件") not in kinds        # kept through 2026-12-31
    assert ("licence", "公章") not in kinds                              # no end date
    assert not any(item.startswith("豫A22222") for _, item in kinds)    # disposed
    assert ("certificate", "赵刚 叉车证") not in kinds                   # renewed: the latest certificate counts
    assert ("contract_end", "李敏（E02）") not in kinds and ("open_ended", "李敏（E02）") not in kinds  # 已续签
    assert ("commercial", "豫A11111 商业险") not in kinds                # beyond 30 days


def test_the_list_runs_in_due_date_order_with_overdue_first():
    dates = [r[2] for r in listed()]
    assert dates == sorted(dates)
    assert overdue_count(books(), DAY) == 4


def test_nothing_dated_after_the_day_counts():
    earlier = listed(day=date(2026, 9, 30), within=0)
    assert ("loan", "DA-2016 2016年度行政文件") not in {(k, i) for k, i, *_ in earlier}   # lent on 10-01
    assert any(k == "loan" and i.startswith("DA-2015") and d == date(2026, 9, 8) for k, i, d, *_ in earlier)


def test_the_window_is_a_parameter_and_an_argument():
    assert [r[0] for r in listed(within=0) if r[3] >= 0] == []
    assert len(reminders(books(reminder_days=0), DAY)) == 4


def test_owners_default_to_the_department_when_no_hr_owner_is_set():
    led = books(admin_hr_owner="")
    assert {r.owner for r in reminders(led, DAY, 30) if r.kind in ("open_ended", "contract_end")} == {"综合管理部"}
