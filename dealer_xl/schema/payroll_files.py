"""The layouts of the payroll files other offices read — the tax client's import workbook and the
banks' batch-payroll upload files — as their publishers spell them (issue #23).

Sources (docs/工资.md cites them for the user):

- Tax: the import templates of 自然人电子税务局（扣缴端）, 综合所得申报. 「正常工资薪金所得」: sheet
  正常工资薪金收入, one header row, the 24 columns of the client since 累计个人养老金 was added (2023);
  「全年一次性奖金收入」: 10 columns; 「人员信息采集」: the 51-column template. 证件类型 as the client
  lists it (居民身份证). Later client builds add columns (公务交通费用, 通讯费用, 律师办案费用,
  西藏附加减除费用, 协定减免): docs/工资.md says which layout this is.
- Banks: ``BANK_PROFILES`` below; each profile's ``source`` says what it follows and how sure that is.
"""

from __future__ import annotations

# --- 扣缴客户端 import workbook ------------------------------------------------------------------
TAX_CLIENT_VERSION = "自然人电子税务局（扣缴端）综合所得申报导入模板（含「累计个人养老金」列的版本，2023 年起）"
TAX_NORMAL_SHEET = "正常工资薪金收入"
TAX_NORMAL_HEADERS = (
    "工号", "*姓名", "*证件类型", "*证件号码", "本期收入", "本期免税收入", "基本养老保险费", "基本医疗保险费",
    "失业保险费", "住房公积金", "累计子女教育", "累计继续教育", "累计住房贷款利息", "累计住房租金", "累计赡养老人",
    "累计3岁以下婴幼儿照护", "累计个人养老金", "企业(职业)年金", "商业健康保险", "税延养老保险", "其他",
    "准予扣除的捐赠额", "减免税额", "备注")
# the 累计 columns in the order of dealer_xl.schema.payroll.SPECIAL_DEDUCTION_KINDS
TAX_CUMULATIVE_HEADERS = TAX_NORMAL_HEADERS[10:17]
TAX_BONUS_SHEET = "全年一次性奖金收入"
TAX_BONUS_HEADERS = ("工号", "*姓名", "*证件类型", "*证件号码", "*全年一次性奖金额", "免税收入", "其他",
                     "准予扣除的捐赠额", "减免税额", "备注")
TAX_PERSON_SHEET = "人员信息采集"
TAX_PERSON_HEADERS = (
    "工号", "*姓名", "*证件类型", "*证件号码", "*国籍(地区)", "*性别", "*出生日期", "是否高级专家",
    "*任职受雇从业类型", "其他情况说明", "入职年度就业情形", "手机号码", "任职受雇从业日期", "离职日期",
    "是否离职后补发工资", "实际补发工资的月份", "是否残疾", "是否烈属", "是否孤老", "残疾证件类型", "残疾证号",
    "烈属证号", "是否扣除减除费用", "个人投资额", "个人投资比例(%)", "备注", "中文名", "涉税事由", "出生国家(地区)",
    "首次入境时间", "预计离境时间", "其他证件类型", "其他证件号码", "户籍所在地（省）", "户籍所在地（市）",
    "户籍所在地（区县）", "户籍所在地（详细地址）", "经常居住地（省）", "经常居住地（市）", "经常居住地（区县）",
    "经常居住地（详细地址）", "联系地址（省）", "联系地址（市）", "联系地址（区县）", "联系地址（详细地址）",
    "电子邮箱", "学历", "开户银行", "银行账号", "开户行省份", "职务")
# the columns dealer_xl fills (the others stay blank for the clerk or the client)
TAX_PERSON_FIELDS = {"emp_id": "工号", "name": "*姓名", "id_type": "*证件类型", "id_number": "*证件号码",
                     "nationality": "*国籍(地区)", "sex": "*性别", "birth": "*出生日期", "kind": "*任职受雇从业类型",
                     "hire_date": "任职受雇从业日期", "leave_date": "离职日期", "deduct": "是否扣除减除费用",
                     "email": "电子邮箱", "bank_account": "银行账号", "position": "职务"}
TAX_PERSON_VALUES = {"nationality": "中国", "kind": "雇员", "deduct": "是", "male": "男", "female": "女"}
TAX_CHECK_SHEET = "核对（本公司计算）"
TAX_CHECK_HEADERS = ("工号", "姓名", "本期收入", "累计收入", "累计专项附加扣除", "累计应纳税所得额", "本月预扣个税",
                     "年终奖单独计税税额", "专项附加扣除来源")
TAX_NOTE_SHEET = "填表说明"
RESIDENT_ID = "居民身份证"

# --- banks' batch-payroll upload files ---------------------------------------------------------
# Fields a profile can place (docs/工资.md lists them for 代发工资.toml): seq 序号, account 收款账号,
# name 户名, amount 金额, purpose 用途, note 备注, emp_id 工号, id_number 证件号码, id_type 证件类型,
# bank 收款行, province 省份, city 城市, date 日期, currency 币种, payer_account 付款账号,
# payer_name 付款户名, payer_bank 付款行, blank (an empty column the template keeps).
BANK_FIELD_LABELS = {
    "seq": "序号", "account": "收款账号", "name": "户名", "amount": "金额", "purpose": "用途", "note": "备注",
    "emp_id": "工号", "id_number": "证件号码", "id_type": "证件类型", "bank": "收款行", "province": "省份",
    "city": "城市", "date": "日期", "currency": "币种", "payer_account": "付款账号", "payer_name": "付款户名",
    "payer_bank": "付款行", "blank": ""}

BANK_PROFILES: dict[str, dict] = {
    "icbc": {
        "label": "中国工商银行 企业网银「企业财务室—批量支付」",
        "source": "工行企业网银帮助「付款业务企业财务室代发工资方法」（上传文件，模板 1.0/1.1/2.0/3.0）；"
                  "列按公开流传的 1.x 模板（19 列，币种…自定义序号）",
        "format": "xlsx", "sheet": "Sheet1", "date_format": "%Y%m%d", "amount": "text",
        "columns": [("currency", "币种"), ("date", "日期"), ("blank", "明细标志"), ("seq", "顺序号"),
                    ("payer_bank", "付款账号开户行"), ("payer_account", "付款账号/卡号"),
                    ("payer_name", "付款账号名称/卡名称"), ("bank", "收款账号开户行"), ("province", "收款账号省份"),
                    ("city", "收款账号地市"), ("blank", "收款账号地区码"), ("account", "收款账号"),
                    ("name", "收款账号名称"), ("amount", "金额"), ("purpose", "汇款用途"), ("note", "备注信息"),
                    ("blank", "汇款方式"), ("blank", "收款账户短信通知手机号码"), ("emp_id", "自定义序号")],
        "values": {"currency": "RMB", "bank": "中国工商银行", "purpose": "工资"}},
    "ccb": {
        "label": "中国建设银行 企业网银「代发工资」",
        "source": "未找到公开模板；按建行说明的必填项（姓名、账号、金额）",
        "format": "xlsx", "sheet": "Sheet1", "date_format": "%Y%m%d", "amount": "number",
        "columns": [("seq", "序号"), ("account", "账号"), ("name", "户名"), ("amount", "金额"), ("note", "摘要")],
        "values": {}},
    "abc": {
        "label": "中国农业银行 企业网银「批量代发」",
        "source": "未找到公开模板；按农行说明的必填项（员工姓名、账号、金额），文本文件 GBK",
        "format": "csv", "encoding": "gbk", "date_format": "%Y%m%d", "amount": "text",
        "columns": [("account", "账号"), ("name", "户名"), ("amount", "金额"), ("note", "备注")],
        "values": {}},
    "boc": {
        "label": "中国银行 企业网银「代收代付—快捷代发」",
        "source": "中行的代发工具（realtimepayoffbatchdatatemplate.xlt）由宏生成文本文件，列说明未公开；"
                  "本文件供粘贴进该模板：收款人账号、收款人名称、金额、用途",
        "format": "xlsx", "sheet": "Sheet1", "date_format": "%Y%m%d", "amount": "number",
        "columns": [("account", "收款人账号"), ("name", "收款人名称"), ("amount", "金额"), ("purpose", "用途")],
        "values": {"purpose": "工资"}},
    "psbc": {
        "label": "中国邮政储蓄银行 企业网银「企业财务室—批量支付」",
        "source": "未找到公开模板；按邮储说明：账号、姓名、金额必填，备注选填",
        "format": "xlsx", "sheet": "Sheet1", "date_format": "%Y%m%d", "amount": "number",
        "columns": [("account", "账号"), ("name", "姓名"), ("amount", "金额"), ("note", "备注")],
        "values": {}},
    "generic": {
        "label": "通用（各行批量代发模板共有的列）",
        "source": "各行模板的共同列；表头可在 代发工资.toml 改",
        "format": "csv", "encoding": "utf-8-sig", "date_format": "%Y-%m-%d", "amount": "text",
        "columns": [("seq", "序号"), ("account", "收款人账号"), ("name", "收款人姓名"), ("amount", "金额"),
                    ("purpose", "用途")],
        "values": {"purpose": "工资"}},
}
BANK_CONTROL_TITLE = "代发工资核对单"
BANK_CONTROL_HEADERS = ("序号", "工号", "姓名", "收款账号", "金额")
BANK_CONTROL_SIGN = "制表：　　　　　　　复核：　　　　　　　财务负责人：　　　　　　　日期："
