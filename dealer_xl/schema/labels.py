"""Labels of generated reports: schema headers by field, and the report-only labels, in one place.

A report column that shows a book's column takes its label from the schema (:func:`header`), so
renaming a header in the schema renames it in every report; labels no book has (逾期天数, 五级分类,
…) are declared here once. Code outside ``schema/`` writes no Chinese header literal (a test checks).
"""

from __future__ import annotations

from . import sheet


def header(book: str, sheet_key: str, field: str) -> str:
    """The canonical header of ``field`` in ``book``/``sheet_key`` (KeyError for an unknown field)."""
    return sheet(book, sheet_key).column(field).header


# --- book columns shown in reports (from the schema) ---------------------------------------------
CONTRACT_NO = header("receivables", "contracts", "contract_no")      # 合同编号
CONTRACT_STATUS = header("receivables", "contracts", "status")       # 合同状态
COLLECTOR = header("receivables", "contracts", "collector")          # 催收责任人
CUSTOMER_NAME = header("master", "customers", "name")                # 客户名称
PHONE = header("master", "customers", "phone")                       # 联系电话
BRANCH = header("master", "customers", "branch")                     # 分公司
REGION = header("master", "customers", "region")                     # 片区
SALESPERSON = header("sales", "sales", "salesperson")                # 业务员
PERIOD = header("receivables", "schedule", "period")                 # 期数
DUE_DATE = header("receivables", "schedule", "due_date")             # 应还日期
PRINCIPAL = header("receivables", "schedule", "principal")           # 本金
INTEREST = header("receivables", "schedule", "interest")             # 利息
AMOUNT_DUE = header("receivables", "schedule", "amount_due")         # 应还金额
ANNUAL_RATE = header("receivables", "contracts", "annual_rate")      # 年利率
FIRST_DUE_DATE = header("receivables", "contracts", "first_due_date")  # 首期还款日
TECHNICIAN = header("service", "work_orders", "technician")          # 维修技师
MAIN_PART = header("master", "parts", "main_part")                   # 主要部件
USCC = header("master", "sub_dealers", "uscc")                       # 统一社会信用代码
BANK_ACCOUNT = header("master", "employees", "bank_account")         # 银行账号

# --- report-only labels ----------------------------------------------------------------------------
AMOUNT, ITEM, VALUE, MONTH, NOTES, CATEGORY = "金额", "项目", "值", "月份", "说明", "类别"
BALANCE = "剩余本金"
OVERDUE_DAYS, RISK_CLASS, OVERDUE_KIND = "逾期天数", "五级分类", "逾期类别"
SUB_DEALER, SCHEDULE_SOURCE = "二级经销商", "还款计划来源"
