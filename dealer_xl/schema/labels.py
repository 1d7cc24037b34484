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

DATE = header("sales", "manufacturer_ledger", "entry_date")                # 日期
DOC_NO = header("sales", "manufacturer_ledger", "doc_no")                  # 单据号
MANUFACTURER = header("master", "models", "manufacturer")                  # 厂家
MODEL = header("master", "models", "model_code")                           # 机型
SERIAL_NO = header("sales", "stock", "serial_no")                          # 整机编号
PURCHASE_PRICE = header("sales", "stock", "purchase_price")                # 采购价
SALE_DATE = header("sales", "sales", "sale_date")                          # 销售日期
DEAL_PRICE = header("sales", "sales", "deal_price")                        # 成交价
PAYMENT_TYPE = header("sales", "sales", "payment_type")                    # 付款方式
DOWN_PAYMENT = header("sales", "sales", "down_payment")                    # 首付款
FINANCED_AMOUNT = header("sales", "sales", "financed_amount")              # 分期金额
TERM_MONTHS = header("sales", "sales", "term_months")                      # 分期期数
TARGET_UNITS = header("sales", "targets", "target_units")                  # 目标台数
TARGET_AMOUNT = header("sales", "targets", "target_amount")                # 目标金额
CUSTOMER_ID = header("master", "customers", "customer_id")                 # 客户编号
SIGN_DATE = header("receivables", "contracts", "sign_date")                # 签订日期
TOTAL_PRICE = header("receivables", "contracts", "total_price")            # 合同总价
REPAY_METHOD = header("receivables", "contracts", "method")                # 还款方式
GUARANTOR = header("receivables", "contracts", "guarantor")                # 担保人
RECEIPT_AMOUNT = header("receivables", "receipts", "amount")               # 收款金额
WRITEOFF_DATE = header("receivables", "writeoffs", "date")                 # 核销日期
WRITEOFF_REASON = header("receivables", "writeoffs", "reason")             # 核销原因
CASE_NO = header("receivables", "cases", "case_no")                        # 案号
COURT = header("receivables", "cases", "court")                            # 法院
FILING_DATE = header("receivables", "cases", "filing_date")                # 立案日期
LAWSUIT_AMOUNT = header("receivables", "cases", "claim_amount")            # 诉讼金额
STAGE = header("receivables", "cases", "stage")                            # 阶段
NEXT_HEARING = header("receivables", "cases", "next_hearing")              # 下次开庭日期
JUDGMENT_AMOUNT = header("receivables", "cases", "judgment_amount")        # 判决金额
LAWYER = header("receivables", "cases", "lawyer")                          # 代理律师
REPO_DATE = header("receivables", "repossessions", "repo_date")            # 扣车日期
REPO_STATUS = header("receivables", "repossessions", "status")             # 扣车状态
REPO_LOCATION = header("receivables", "repossessions", "location")         # 存放地点
DISPOSAL_DATE = header("receivables", "repossessions", "disposal_date")    # 处置日期
DISPOSAL_AMOUNT = header("receivables", "repossessions", "disposal_amount")  # 处置金额
TOWING_FEE = header("receivables", "repossessions", "towing_fee")          # 拖车费
STORAGE_FEE = header("receivables", "repossessions", "storage_fee")        # 保管费
APPRAISAL_FEE = header("receivables", "repossessions", "appraisal_fee")    # 评估费
WO_NO = header("service", "work_orders", "wo_no")                          # 工单号
SERVICE_TYPE = header("service", "work_orders", "service_type")            # 服务类型
LABOR_HOURS = header("service", "work_orders", "labor_hours")              # 工时
CLOSE_DATE = header("service", "work_orders", "close_date")                # 完工日期
CLAIM_NO = header("service", "claims", "claim_no")                         # 索赔单号
CLAIM_LABOR = header("service", "claims", "claim_labor")                   # 索赔工时费
CLAIM_PARTS = header("service", "claims", "claim_parts")                   # 索赔配件费
CLAIM_TRAVEL = header("service", "claims", "claim_travel")                 # 索赔外出费
CLAIM_TOTAL = header("service", "claims", "claim_total")                   # 索赔合计
APPROVED_AMOUNT = header("service", "claims", "approved_amount")           # 批准金额
REJECT_REASON = header("service", "claims", "reject_reason")               # 驳回原因
SETTLE_MONTH = header("service", "claims", "settle_month")                 # 结算月份
CREDIT_NOTE_NO = header("service", "claims", "credit_note_no")             # 厂家结算单号
CALLBACK_DATE = header("service", "callbacks", "callback_date")            # 回访日期
SATISFACTION = header("service", "callbacks", "satisfaction")              # 满意度
FEEDBACK = header("service", "callbacks", "feedback")                      # 客户意见
PART_NO = header("master", "parts", "part_no")                             # 配件编号
PART_NAME = header("master", "parts", "name")                              # 配件名称
EMP_ID = header("master", "employees", "emp_id")                           # 工号
EMP_NAME = header("master", "employees", "name")                           # 姓名
DEPT = header("master", "employees", "dept")                               # 部门
TECH_GRADE = header("master", "employees", "tech_grade")                   # 技术等级
KIND = header("sales", "returns", "kind")                                  # 类型
REASON = header("master", "close_log", "reason")                           # 原因
PARAMS_SHEET = sheet("master", "params").name                              # 参数 (the sheet)

# --- work that crosses departments (issue #29): handover, service desk, complaints, parts ----------
DELIVERY_DATE = header("sales", "sales", "delivery_date")                  # 交车日期
OPEN_DATE = header("service", "work_orders", "open_date")                  # 报修日期
HOUR_METER = header("service", "work_orders", "hour_meter")                # 工作小时
WO_STATUS = header("service", "work_orders", "status")                     # 工单状态
CALLBACK_KIND = header("service", "callbacks", "kind")                     # 回访类型
COMPLAINT_NO = header("service", "complaints", "complaint_no")             # 投诉编号
CHANNEL = header("service", "complaints", "channel")                       # 渠道
CONTENT = header("service", "complaints", "content")                       # 内容
DEPARTMENT = header("service", "complaints", "department")                 # 责任部门
HANDLER = header("service", "complaints", "handler")                       # 处理人
RESULT = header("service", "complaints", "result")                         # 处理结果
COMPLAINT_CLOSED = header("service", "complaints", "close_date")           # 关闭日期
WAREHOUSE = header("service", "parts_stock", "warehouse")                  # 仓库
BIN = header("service", "parts_stock", "bin")                              # 库位
MIN_QTY = header("service", "parts_stock", "min_qty")                      # 最低库存
MAX_QTY = header("service", "parts_stock", "max_qty")                      # 最高库存
QTY = header("service", "parts_used", "qty")                               # 数量
UNIT_PRICE = header("service", "parts_used", "unit_price")                 # 单价
COST_PRICE = header("master", "parts", "cost_price")                       # 成本价
CLAIM_PRICE = header("master", "parts", "claim_price")                     # 索赔价
CREDIT_GRADE = header("master", "customers", "credit_grade")               # 信用等级
CREDIT_LIMIT = header("master", "customers", "credit_limit")               # 授信额度
UNIT = header("master", "parts", "unit")                                   # 单位
NOTE = header("receivables", "receipts", "note")                           # 备注

# --- report-only labels ----------------------------------------------------------------------------
AMOUNT, ITEM, VALUE, MONTH, NOTES, CATEGORY = "金额", "项目", "值", "月份", "说明", "类别"
BALANCE = "剩余本金"
OVERDUE_DAYS, RISK_CLASS, OVERDUE_KIND = "逾期天数", "五级分类", "逾期类别"
SUB_DEALER, SCHEDULE_SOURCE = "二级经销商", "还款计划来源"

# --- payroll outputs (payslip, bank file, tax list, summary) ------------------------------------------
# The 工资结果 headers themselves live in dealer_xl.schema.payroll; these label generated files only.
REPORTS_DIR = "报表"

# payslip: three blocks that each add up — pay items to 应发工资, non-taxable items, deductions —
# then the equation 应发 + 不计税 − 扣款 = 实发: (PayLine attribute, label) in the order printed
SLIP_PAY = (("base", "基本工资"), ("allowance", "岗位津贴"), ("commission", "提成/计件"),
            ("overtime_pay", "加班费"), ("bonus", "奖金"), ("absence_deduction", "缺勤扣款"))
SLIP_NON_TAXABLE = (("non_taxable", "不计税补贴/扣款"),)
SLIP_DEDUCTIONS = (("pension", "养老保险"), ("medical", "医疗保险"), ("unemployment", "失业保险"),
                   ("housing_fund", "住房公积金"), ("iit", "个人所得税"))
SLIP_BLOCKS = ("应发项目", "不计税项目（税后）", "扣款项目")
SLIP_TOTALS = ("应发工资", "不计税合计", "扣款合计", "实发工资")
SLIP_EQUATION = "{gross_label} {gross} ＋ {non_taxable_label} {non_taxable} － {deductions_label} {deductions} ＝ {net_label} {net}"
SLIP_TITLE = "{year}年{mon}月 工资条"
SLIP_SHEET = "工资条"
SLIP_NO_EMPLOYER = "参数 SELLER_NAME（单位全称）未填：工资条上没有单位名称，请在「参数」中填写"
SLIP_FOOTER = "本工资条仅供本人查阅；如有疑问请与财务部联系。"

# bank and tax files: their layouts are in dealer_xl.schema.payroll_files
BANK_CONFIG = "代发工资.toml"

# summary pack
SUMMARY_TITLE = "工资汇总"
SUMMARY_HEADERS = ("{by}", "人数", "应发工资", "三险一金(个人)", "个人所得税", "不计税项目", "实发工资", "单位社保公积金",
                   "人工成本")
TREND_HEADERS = ("月份", "人数", "应发工资", "个人所得税", "实发工资", "人工成本")

# --- reconciliation reports (厂家对账, 库存核对, 盘点差异) --------------------------------------------
# Categories are stable English codes in JSON output and code; these are what workbooks and terminal show.
ACCOUNT_CATEGORIES = {"matched": "已核对", "amount_differs": "金额不符", "only_ours": "我方已记厂家未记",
                      "only_theirs": "厂家已记我方未记"}
SOURCES = {"ours": "我方", "theirs": "厂家"}
ACCOUNT_DETAIL_HEADERS = ("来源", "日期", "单据号", "类型/摘要", "金额", "核对结果", "对方单据号", "对方日期", "对方金额")
STOCK_CATEGORIES = {"only_ours": "我方有、清单无", "only_theirs": "清单有、我方无", "status_differs": "状态不同",
                    "model_differs": "机型不同", "missing": "盘亏（实盘无）", "found": "盘盈（账上没有）",
                    "not_counted": "未盘"}
STOCK_HEADERS = ("整机编号", "机型", "我方", "对方", "差异")
