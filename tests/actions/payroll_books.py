"""A small company on real files for the payroll output tests: the books ``init`` writes, three
employees typed into 员工 and rows appended to any sheet, then ``payroll run`` month by month.

The figures of each employee are worked by hand where the tests use them:
E1 甲 — base 10,000, 社保/公积金基数 10,000, 公积金 7 %: 养老 800, 医疗 200, 失业 50, 公积金 700 = 1,750.
E2 乙 — base 6,000 on the floor base 7,460: 养老 596.80, 医疗 149.20, 失业 37.30 = 783.30, no fund.
E3 丙 — hired 2026-03-10, base 8,000, 基数 8,000: 640 + 160 + 40 = 840, no fund.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from dealer_xl.actions.payroll.run import run_payroll
from dealer_xl.domain.identifiers import resident_id_check_char
from dealer_xl.io.templates import init_books

TODAY = date(2026, 10, 31)


def resident_id(first17: str) -> str:
    return first17 + resident_id_check_char(first17)


ID1, ID2, ID3 = resident_id("11010519491231002"), resident_id("41010319900307123"), resident_id("41010219950812004")
ACCOUNT1, ACCOUNT2, ACCOUNT3 = "6222021234567890123", "6222021234567890", "6217001234567890128"


def append(path: Path, sheet_name: str, rows: list[dict]) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet_name]
    headers = [c.value for c in ws[1]]
    for row in rows:
        ws.append([row.get(h) for h in headers])
    wb.save(path)


def company(folder: Path, *, seller: str | None = "郑州恒通工程机械销售有限公司") -> Path:
    init_books(folder)
    append(folder / "主数据.xlsx", "员工", [
        {"工号": "E1", "姓名": "甲", "部门": "财务部", "入职日期": date(2020, 1, 1), "基本工资": 10000, "岗位津贴": 0,
         "社保基数": 10000, "公积金基数": 10000, "公积金比例": 0.07, "银行账号": ACCOUNT1, "身份证号": ID1},
        {"工号": "E2", "姓名": "乙", "部门": "销售部", "入职日期": date(2020, 1, 1), "基本工资": 6000,
         "社保基数": 6000, "银行账号": ACCOUNT2, "身份证号": ID2},
        {"工号": "E3", "姓名": "丙", "部门": "销售部", "入职日期": date(2026, 3, 10), "基本工资": 8000,
         "社保基数": 8000, "银行账号": ACCOUNT3, "身份证号": ID3, "岗位": "业务员"}])
    if seller:
        wb = openpyxl.load_workbook(folder / "主数据.xlsx")
        ws = wb["参数"]
        for row in ws.iter_rows(min_row=2):
            if row[0].value == "SELLER_NAME":
                row[1].value = seller
        wb.save(folder / "主数据.xlsx")
    return folder


def run_months(folder: Path, *months: str) -> None:
    for month in months:
        run = run_payroll(folder, month, today=TODAY)
        assert not run.errors, run.summary()
