"""应收款台账.xlsx — the collection tracker owned by Credit & collections (DESIGN §2)."""

from __future__ import annotations

from . import common as c
from .model import Book, Column, FieldType, Sheet

T = FieldType

METHODS = ("等额本息", "等额本金", "免息", "自定义")
CONTRACT_STATUSES = ("正常", "逾期", "诉讼", "扣车", "结清", "核销")
RECEIPT_METHODS = ("现金", "转账", "承兑汇票", "其他")
COLLECTION_ACTIONS = ("电话", "短信", "上门", "催款函", "律师函", "起诉", "扣车")
REPO_STATUSES = ("扣押中", "已赎回", "已处置")
CASE_STAGES = ("立案", "开庭", "判决", "执行", "终结")

contracts = Sheet("contracts", "分期合同", (
    c.contract_no.with_(required=True, unique=True, ref=c.SALE),
    c.customer_id.with_(required=True, ref=c.CUSTOMER),
    c.serial_no.with_(required=True, ref=c.STOCK),
    c.date("sign_date", "签订日期", "签约日期", "合同日期", required=True),
    c.money("total_price", "合同总价", "总价", "合同金额", required=True),
    c.money("down_payment", "首付款", "首付"),
    c.money("financed_amount", "分期金额", "贷款金额", "融资金额", required=True),
    c.rate("annual_rate", "年利率", "利率"),
    c.integer("term_months", "分期期数", "期数", "还款期数", max=120),
    c.enum("method", "还款方式", METHODS, "还款类型", required=True),
    c.date("first_due_date", "首期还款日", "首次还款日", "首期还款日期", required=True),
    c.text("guarantor", "担保人", "保证人", width=12),
    c.text("collateral", "抵押物", "抵押", width=18),
    Column("collector", "催收责任人", T.TEXT, ("清欠责任人", "债权责任人", "催收人"), ref=c.EMPLOYEE, width=10),
    c.enum("status", "合同状态", CONTRACT_STATUSES, "状态"),
), aliases=("分期合同台账", "分期台账", "合同台账"))

schedule = Sheet("schedule", "还款计划", (
    c.contract_no.with_(required=True, ref=c.CONTRACT),
    c.integer("period", "期数", "期次", "第几期", min=1),
    c.date("due_date", "应还日期", "还款日期", "到期日", required=True),
    c.money("principal", "本金", "应还本金"),
    c.money("interest", "利息", "应还利息"),
    c.money("amount_due", "应还金额", "应还款", "月供", required=True),
), aliases=("还款计划表", "分期计划"))

receipts = Sheet("receipts", "收款记录", (
    Column("receipt_no", "收据号", T.CODE, ("收据编号", "票据号", "收款单号"), required=True, unique=True, width=14),
    c.date("receipt_date", "收款日期", "日期", "到账日期", required=True),
    c.contract_no.with_(required=True, ref=c.CONTRACT),
    c.money("amount", "收款金额", "金额", "实收金额", required=True, min=None),
    c.enum("method", "收款方式", RECEIPT_METHODS, "付款方式", "结算方式"),
    c.text("payer", "付款人", "交款人", width=12),
    Column("handled_by", "经办人", T.TEXT, ("收款人", "经手人"), ref=c.EMPLOYEE, width=10),
    c.text("note", "备注", "说明", width=24),
), aliases=("收款明细", "回款记录", "收款"))

collection_log = Sheet("collection_log", "催收记录", (
    c.date("log_date", "催收日期", "日期", required=True),
    c.contract_no.with_(required=True, ref=c.CONTRACT),
    Column("collector", "催收人", T.TEXT, ("清欠人", "经办人"), ref=c.EMPLOYEE, width=10),
    c.enum("action", "催收方式", COLLECTION_ACTIONS, "方式", required=True),
    c.text("result", "催收结果", "结果", width=20),
    c.date("promise_date", "承诺还款日", "承诺日期", "承诺还款日期"),
    c.money("promise_amount", "承诺金额", "承诺还款金额"),
), aliases=("催收台账", "清欠记录"))

repossessions = Sheet("repossessions", "扣车记录", (
    c.date("repo_date", "扣车日期", "日期", required=True),
    c.contract_no.with_(required=True, ref=c.CONTRACT),
    c.serial_no.with_(ref=c.STOCK),
    c.text("location", "存放地点", "停放地点"),
    c.text("keeper", "保管人", width=10),
    c.enum("status", "扣车状态", REPO_STATUSES, "状态"),
    c.date("redeemed_date", "赎回日期"),
    c.money("disposal_amount", "处置金额", "变卖金额"),
    c.date("disposal_date", "处置日期", "变卖日期"),
    c.money("towing_fee", "拖车费", "拖运费"),
    c.money("storage_fee", "保管费", "停放费"),
    c.money("appraisal_fee", "评估费", "鉴定评估费"),
), aliases=("扣车台账",))

writeoffs = Sheet("writeoffs", "核销记录", (
    c.date("date", "核销日期", "日期", required=True),
    c.contract_no.with_(required=True, unique=True, ref=c.CONTRACT),
    c.money("principal", "核销本金", "本金"),
    c.money("interest", "核销利息", "利息"),
    c.money("penalty", "核销罚息", "罚息"),
    c.text("reason", "核销原因", "原因", required=True, width=24),
    Column("approved_by", "审批人", T.TEXT, ("批准人",), required=True, ref=c.EMPLOYEE, width=10),
    Column("approved_by_2", "复核人", T.TEXT, ("总经理审批", "二审人"), ref=c.EMPLOYEE, width=10),
), aliases=("核销台账", "呆账核销"))

cases = Sheet("cases", "诉讼案件", (
    Column("case_no", "案号", T.CODE, ("案件编号", "诉讼案号"), required=True, unique=True, width=22),
    c.contract_no.with_(required=True, ref=c.CONTRACT),
    c.text("court", "法院", "受理法院", width=18),
    c.date("filing_date", "立案日期", "起诉日期", required=True),
    c.money("claim_amount", "诉讼金额", "诉讼标的", "起诉金额"),
    c.enum("stage", "阶段", CASE_STAGES, "案件阶段", "诉讼阶段", required=True),
    c.date("next_hearing", "下次开庭日期", "开庭日期"),
    c.money("judgment_amount", "判决金额", "判决标的"),
    c.text("lawyer", "代理律师", "律师", width=12),
), aliases=("诉讼台账", "案件台账"))

openings = Sheet("openings", "合同期初", (
    c.contract_no.with_(required=True, unique=True, ref=c.CONTRACT),
    c.date("as_of", "截至日期", "截止日期", "期初日期", required=True),
    c.money("principal_paid", "已还本金", "累计已还本金", required=True),
    c.money("interest_paid", "已还利息", "累计已还利息", required=True),
    c.money("penalty_paid", "已收罚息", "累计已收罚息", "已还罚息"),
    c.integer("overdue_periods", "逾期期数", "已逾期期数", "当前逾期期数"),
), aliases=("合同期初余额", "分期期初", "期初余额"), optional=True)
"""合同期初: where a contract stood on 截至日期 per the previous system, for contracts whose receipts up to
then are not typed in 收款记录 (dealer_xl allocates the receipts after it from this position)."""

BOOK = Book("receivables", "应收款台账.xlsx", "应收款台账（信审债权部）",
            (contracts, schedule, receipts, collection_log, repossessions, writeoffs, cases, openings))
