"""主数据.xlsx — master data owned by Admin/Finance (DESIGN §2)."""

from __future__ import annotations

from . import common as c
from .model import Book, Column, FieldType, Sheet

T = FieldType

CUSTOMER_KINDS = ("个人", "企业")
MODEL_CATEGORIES = ("挖掘机", "装载机", "起重机", "拖拉机", "收割机", "自卸车", "其他")
DEPARTMENTS = ("销售部", "售后服务部", "信审债权部", "综合管理部", "财务部", "总经办")
TECH_GRADES = ("初级", "中级", "高级", "技师")

customers = Sheet("customers", "客户", (
    c.customer_id.with_(required=True, unique=True),
    c.text("name", "客户名称", "客户姓名", "姓名", "客户", "单位名称", required=True),
    c.enum("kind", "客户类型", CUSTOMER_KINDS, "类型", "客户性质"),
    Column("id_number", "证件号码", T.CODE, ("身份证号", "身份证号码", "证件号", "统一社会信用代码", "身份证/信用代码"),
           required=True, width=22, note="个人填18位身份证号，企业填统一社会信用代码"),
    c.phone,
    c.region,
    c.branch,
    c.text("address", "地址", "联系地址", "住址", "送达地址", width=30),
    c.credit_grade,
    c.credit_limit,
    Column("sales_rep", "业务员", T.TEXT, ("销售员", "客户经理", "业务经理"), ref=c.EMPLOYEE, width=10),
    c.date("created", "建档日期", "建档时间", "录入日期"),
), aliases=("客户档案", "客户资料", "客户信息"))

models = Sheet("models", "机型", (
    c.model_code.with_(required=True, unique=True),
    c.manufacturer.with_(required=True, ref=c.MANUFACTURER),
    c.enum("category", "类别", MODEL_CATEGORIES, "产品类别", "机型类别"),
    c.money("list_price", "指导价", "厂家指导价", "销售指导价"),
    c.money("floor_price", "最低限价", "限价", "最低售价"),
    c.integer("warranty_months", "整机三包期(月)", "三包期(月)", "整机三包期", "三包月数"),
    c.integer("warranty_hours", "整机三包小时", "三包小时", "整机三包小时数"),
    c.integer("main_parts_months", "主要部件保修期(月)", "主要部件保修期", "主要部件三包期(月)"),
    c.integer("main_parts_hours", "主要部件保修小时", "主要部件三包小时"),
), aliases=("机型表", "产品"))

manufacturers = Sheet("manufacturers", "厂家", (
    c.manufacturer.with_(required=True, unique=True),
    c.money("labor_rate", "索赔工时单价", "工时单价", "索赔工时费单价"),
    c.money("km_rate", "外出里程单价", "里程单价", "外出单价"),
    c.integer("claim_submit_days", "索赔提交时限(天)", "索赔时限(天)", "索赔提交时限"),
    c.integer("old_parts_days", "旧件返厂时限(天)", "旧件返厂时限", "返厂时限(天)"),
), aliases=("厂家表", "厂商"))

sub_dealers = Sheet("sub_dealers", "二级经销商", (
    c.sub_dealer_id.with_(field="dealer_id", required=True, unique=True),
    c.text("name", "经销商名称", "二级经销商名称", "代理商名称", required=True),
    Column("uscc", "统一社会信用代码", T.CODE, ("信用代码", "社会信用代码", "营业执照号"), width=22),
    c.region,
    c.text("contact", "联系人", "负责人", width=10),
    c.phone,
    c.credit_grade,
    c.credit_limit,
    c.money("labor_rate", "三包工时单价", "工时单价"),
), aliases=("二级代理商", "经销商"))

employees = Sheet("employees", "员工", (
    c.emp_id.with_(required=True, unique=True),
    c.text("name", "姓名", "员工姓名", required=True, width=10),
    c.enum("dept", "部门", DEPARTMENTS, "所属部门", required=True),
    c.branch,
    c.text("position", "岗位", "职务", "职位", width=12),
    c.enum("tech_grade", "技术等级", TECH_GRADES, "技师等级", "技术级别"),
    c.date("hire_date", "入职日期", "入职时间"),
    c.date("leave_date", "离职日期", "离职时间"),
    Column("id_number", "身份证号", T.CODE, ("身份证号码", "证件号码"), width=22),
    Column("bank_account", "银行账号", T.CODE, ("工资卡号", "银行卡号", "账号"), width=22),
    c.money("base_salary", "基本工资", "基础工资", "底薪"),
    c.money("allowance", "岗位津贴", "津贴", "岗位工资"),
    c.money("si_base", "社保基数", "社保缴费基数"),
    c.money("hf_base", "公积金基数", "公积金缴费基数"),
    c.rate("hf_rate", "公积金比例", "公积金缴存比例"),
    c.money("special_deduction", "专项附加扣除(月)", "专项附加扣除", "月专项附加扣除"),
    c.text("email", "电子邮箱", "邮箱", "Email", "E-mail", width=24),
), aliases=("员工档案", "人员", "员工信息"))

parts = Sheet("parts", "配件", (
    c.part_no.with_(required=True, unique=True),
    c.text("name", "配件名称", "零件名称", "名称", required=True),
    c.manufacturer.with_(ref=c.MANUFACTURER),
    c.text("unit", "单位", "计量单位", width=6),
    c.money("cost_price", "成本价", "进价", "采购价"),
    c.money("sale_price", "销售价", "售价", "零售价"),
    c.money("claim_price", "索赔价", "索赔单价", "三包价"),
    c.yesno("main_part", "主要部件", "是否主要部件"),
    c.yesno("return_required", "需返厂", "是否返厂", "是否需返厂"),
), aliases=("配件表", "配件目录"))

params = Sheet("params", "参数", (
    Column("key", "参数", T.CODE, ("参数名", "参数名称", "键"), required=True, unique=True, width=34),
    Column("value", "值", T.TEXT, ("参数值", "取值", "数值"), width=20),
    c.text("note", "说明", "备注", "描述", width=70),
), aliases=("参数表", "系统参数"))

CLOSE_ACTIONS = ("结账", "反结账")

close_log = Sheet("close_log", "结账记录", (
    c.month.with_(required=True),
    c.enum("action", "操作", CLOSE_ACTIONS, required=True),
    c.text("at", "时间", "操作时间", width=20),
    c.text("user", "操作人", "用户", width=12),
    c.text("reason", "原因", "说明", width=40),
), generated=True, aliases=("月结记录",))

# 会计科目 (issue #23): 事项 → the account a voucher line of that kind goes to. ``init`` fills one row per
# 事项 with the 小企业会计准则 (财会〔2011〕17号, 附录 会计科目) account; finance edits codes and names to
# its own chart (e.g. 核销 → 1231 坏账准备 where an allowance is kept). Each entry: (key used in code,
# 事项, 科目代码, 科目名称, 核算项目).
AUX_KINDS = ("客户", "供应商", "部门", "职员")
ACCOUNT_EVENTS: tuple[tuple[str, str, str, str, str], ...] = (
    ("bank", "银行存款", "1002", "银行存款", ""),
    ("cash", "库存现金", "1001", "库存现金", ""),
    ("notes", "应收票据", "1121", "应收票据", "客户"),
    ("receivable", "应收账款", "1122", "应收账款", "客户"),
    ("advance", "多收款（预收账款）", "2203", "预收账款", "客户"),
    ("revenue", "主营业务收入", "5001", "主营业务收入", ""),
    ("output_vat", "销项税额", "22210102", "应交税费—应交增值税—销项税额", ""),
    ("input_vat", "进项税额", "22210101", "应交税费—应交增值税—进项税额", ""),
    ("inventory", "库存商品", "1405", "库存商品", ""),
    ("cost", "主营业务成本", "5401", "主营业务成本", ""),
    ("interest_income", "分期利息收入", "5051", "其他业务收入", ""),
    ("penalty_income", "罚息收入", "5301", "营业外收入", ""),
    ("disposal_refund", "处置余款（应退买受人）", "2241", "其他应付款", "客户"),
    ("bad_debt", "坏账核销", "5711", "营业外支出", ""),
    ("recovery", "核销后追回", "5301", "营业外收入", ""),
    ("payable", "应付账款（厂家）", "2202", "应付账款", "供应商"),
    ("rebate", "厂家返利", "5401", "主营业务成本", ""),
    ("claim_income", "索赔结算收入", "5051", "其他业务收入", ""),
    ("wages_selling", "工资费用（销售部、售后服务部）", "5601", "销售费用", "部门"),
    ("wages_admin", "工资费用（其他部门）", "5602", "管理费用", "部门"),
    ("wages_payable", "应付职工薪酬", "2211", "应付职工薪酬", ""),
    ("si_withheld", "代扣社会保险费", "2241", "其他应付款", ""),
    ("hf_withheld", "代扣住房公积金", "2241", "其他应付款", ""),
    ("iit_withheld", "代扣个人所得税", "222105", "应交税费—应交个人所得税", ""),
)

accounts = Sheet("accounts", "会计科目", (
    Column("event", "事项", T.ENUM, ("业务事项", "项目"), required=True, unique=True,
           choices=tuple(e[1] for e in ACCOUNT_EVENTS), width=30),
    Column("code", "科目代码", T.CODE, ("科目编码", "会计科目代码"), required=True, width=14),
    c.text("name", "科目名称", "会计科目", "科目", required=True, width=30),
    c.enum("aux", "核算项目", AUX_KINDS, "辅助核算"),
), aliases=("科目对照", "凭证科目"))

BOOK = Book("master", "主数据.xlsx", "主数据（综合管理部/财务部）",
            (customers, models, manufacturers, sub_dealers, employees, parts, params, close_log, accounts))
