"""Report-only labels of the payroll outputs (payslip, bank file, tax list, summary), in one place.

The 工资结果 headers themselves live in the schema (``dealer_xl.schema.payroll``); these are the
labels of generated files only. The tax list follows the import template of the tax client
(自然人电子税务局（扣缴端）「综合所得预扣预缴申报 — 正常工资薪金所得」and「全年一次性奖金收入」).
"""

from __future__ import annotations

REPORTS_DIR = "报表"

# payslip: (PayLine attribute, label) in the order printed
SLIP_INCOME = (("base", "基本工资"), ("allowance", "岗位津贴"), ("commission", "提成/计件"),
               ("overtime_pay", "加班费"), ("bonus", "奖金"), ("absence_deduction", "缺勤扣款"),
               ("gross", "应发工资"))
SLIP_DEDUCTIONS = (("pension", "养老保险"), ("medical", "医疗保险"), ("unemployment", "失业保险"),
                   ("housing_fund", "住房公积金"), ("iit", "个人所得税"), ("non_taxable", "不计税项目"),
                   ("net", "实发工资"))
SLIP_TITLE = "{year}年{mon}月 工资条"
SLIP_SHEET = "工资条"

# bank file: field → default header (the columns common to Chinese banks' batch payroll templates)
BANK_FIELDS = {"seq": "序号", "account": "收款人账号", "name": "收款人姓名", "amount": "金额",
               "purpose": "用途", "emp_id": "工号", "id_number": "证件号码", "id_type": "证件类型",
               "bank": "开户行", "note": "备注"}
BANK_DEFAULT_COLUMNS = ("seq", "account", "name", "amount", "purpose")
BANK_CONFIG = "代发工资.toml"
BANK_SHEET, BANK_TOTAL_SHEET = "代发明细", "汇总"

# tax list (正常工资薪金所得)
ID_TYPE = "居民身份证"
TAX_SHEET = "正常工资薪金所得"
TAX_HEADERS = ("工号", "*姓名", "*证件类型", "*证件号码", "本期收入", "本期免税收入", "基本养老保险费",
               "基本医疗保险费", "失业保险费", "住房公积金", "企业(职业)年金", "商业健康保险", "税延养老保险",
               "其他", "准予扣除的捐赠额", "减免税额", "备注")
BONUS_SHEET = "全年一次性奖金收入"
BONUS_HEADERS = ("工号", "*姓名", "*证件类型", "*证件号码", "*全年一次性奖金额", "免税收入", "其他",
                 "准予扣除的捐赠额", "减免税额", "备注")
CHECK_SHEET = "核对（本公司计算）"
CHECK_HEADERS = ("工号", "姓名", "累计收入", "累计应纳税所得额", "本月预扣个税", "年终奖单独计税税额")

# summary pack
SUMMARY_TITLE = "工资汇总"
SUMMARY_HEADERS = ("{by}", "人数", "应发工资", "三险一金(个人)", "个人所得税", "实发工资", "单位社保公积金", "人工成本")
TREND_HEADERS = ("月份", "人数", "应发工资", "个人所得税", "实发工资", "人工成本")
