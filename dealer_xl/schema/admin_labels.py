"""Labels of the 综合管理 reports (reminders, assets, vehicles, archives) — Chinese kept in the schema.

Reminder kinds are stable English codes in JSON and code (:data:`REMINDER_KINDS` gives what tables,
workbooks and e-mails show); report headers reuse the book's headers where a column shows one.
"""

from __future__ import annotations

from . import sheet

REMINDER_KINDS = {
    "ctpl": "交强险到期", "commercial": "商业险到期", "inspection": "年检到期", "maintenance": "保养到期",
    "contract_end": "劳动合同到期", "open_ended": "劳动合同到期（应签无固定期限）", "probation_end": "试用期届满",
    "contract_missing": "未签劳动合同", "certificate": "证书到期", "licence": "证照到期",
    "loan": "档案借阅未归还", "retention": "档案保管期满（应销毁）",
}
#: the same kinds in two to five characters, for the axis of the reminders chart
REMINDER_SHORT = {
    "ctpl": "交强险", "commercial": "商业险", "inspection": "年检", "maintenance": "保养", "contract_end": "合同到期",
    "open_ended": "无固定期限", "probation_end": "试用期", "contract_missing": "未签合同", "certificate": "证书",
    "licence": "证照", "loan": "档案借阅", "retention": "档案销毁",
}
DEFAULT_OWNER = "综合管理部"


def _h(sheet_key: str, field: str) -> str:
    return sheet("admin", sheet_key).column(field).header


PLATE = _h("vehicles", "plate")
UNIT = _h("vehicles", "unit")
DRIVER = _h("vehicles", "driver")
ASSET_ID = _h("fixed_assets", "asset_id")
ASSET_NAME = _h("fixed_assets", "name")
ASSET_CATEGORY = _h("fixed_assets", "category")
ASSET_DEPT = _h("fixed_assets", "dept")
KEEPER = _h("fixed_assets", "keeper")
LOCATION = _h("fixed_assets", "location")
PURCHASE_DATE = _h("fixed_assets", "purchase_date")
COST = _h("fixed_assets", "cost")
RESIDUAL_RATE = _h("fixed_assets", "residual_rate")
YEARS = _h("fixed_assets", "years")
STATUS = _h("fixed_assets", "status")
DISPOSAL_DATE = _h("fixed_assets", "disposal_date")
DISPOSAL_INCOME = _h("fixed_assets", "disposal_income")
ARCHIVE_NO = _h("archives", "archive_no")
ARCHIVE_NAME = _h("archives", "name")
ARCHIVE_CATEGORY = _h("archives", "category")
FORMED = _h("archives", "formed")
RETENTION = _h("archives", "retention_years")
ARCHIVE_LOCATION = _h("archives", "location")
SECRECY = _h("archives", "secrecy")
LOAN_DATE = _h("archive_loans", "date")
BORROWER = _h("archive_loans", "borrower")
APPROVER = _h("archive_loans", "approver")
LOAN_DUE = _h("archive_loans", "due")

# reminders
REMINDER_HEADERS = ("负责人", "到期日", "剩余天数", "事项", "内容", "台账", "工作表", "行")
REMINDER_TERMINAL = ("负责人", "到期日", "剩余天数", "事项", "内容", "位置")
# assets
MONTHLY_CHARGE, MONTH_CHARGE, ACCUMULATED, NET, RESIDUAL = "月折旧额", "本月折旧", "累计折旧", "净值", "残值"
GAIN = "处置损益"
COUNTED, COUNT_NOTE = "实盘", "盘点说明"
# vehicles
FUEL, TOLLS, REPAIRS, INSURANCE, OTHER, TOTAL = "燃油", "过路", "维修保养", "保险", "其他", "合计"
KM, FUEL_PER_100KM, FUEL_KM = "本月里程(公里)", "百公里油费(元)", "计油里程(公里)"
# archives
KEPT_UNTIL, DAYS_OVER = "保管至", "超期天数"
