"""综合管理台账.xlsx — the registers of 综合管理部 (issue #26): vehicles and their costs, fixed assets,
labour contracts, training, licences and seals with their use, archives and their loans, office
supplies.

The book is optional (``Book.optional``): a company that does not keep it has no such file, the
other books and commands run as before, and the ``admin`` commands say the book is missing (exit 2).
When the file is there, each of its sheets is expected (``init`` writes them all).

Sheets and columns are the issue's, in its order. People are typed as 工号 (or a name only one
employee has) and are checked against 主数据 员工 (the column rules and the admin checks).
"""

from __future__ import annotations

from . import common as c
from .master import DEPARTMENTS
from .model import Book, Column, FieldType, Ref, Sheet

T = FieldType

VEHICLE_TYPES = ("轿车", "越野车", "商务车", "皮卡", "货车", "服务车", "其他")
VEHICLE_STATUSES = ("在用", "停用", "维修中", "已处置")
COST_CATEGORIES = ("燃油", "过路", "维修", "保养", "保险", "年检", "违章", "其他")
ASSET_CATEGORIES = ("房屋", "机器设备", "运输工具", "电子设备", "办公家具")
ASSET_STATUSES = ("在用", "闲置", "报废", "处置")
#: 固定资产 类别 → the 参数 holding its minimum years for tax (企业所得税法实施条例 第六十条)
YEARS_PARAM = {"房屋": "asset_years_building", "机器设备": "asset_years_machinery", "运输工具": "asset_years_vehicle",
               "电子设备": "asset_years_electronic", "办公家具": "asset_years_furniture"}
CONTRACT_KINDS = ("固定期限", "无固定期限", "以完成一定工作任务为期限", "劳务")
CONTRACT_STATUSES = ("履行中", "已到期", "已续签", "已解除", "已终止")
TRAINING_KINDS = ("入职", "岗位", "厂家技术", "安全")
TRAINING_RESULTS = ("优秀", "合格", "不合格", "未考核")
SECRECY_LEVELS = ("公开", "内部", "秘密", "机密")
SUPPLY_DIRECTIONS = ("入库", "领用")

EMPLOYEE = c.EMPLOYEE
VEHICLE = Ref("admin", "vehicles", "plate")
SEAL = Ref("admin", "seals", "name")
ARCHIVE = Ref("admin", "archives", "archive_no")


def person(field_name: str, header: str, *aliases: str, required: bool = False) -> Column:
    """A column naming an employee by 工号 (or by a name only one employee has)."""
    return Column(field_name, header, T.TEXT, tuple(aliases), required=required, ref=EMPLOYEE, width=10,
                  note="填工号（或员工姓名），须是主数据「员工」中的人")


plate = Column("plate", "车牌号", T.CODE, ("车牌", "车牌号码", "号牌号码", "牌照号"), width=12,
               note="如 豫A12345；新能源 豫AD12345")

vehicles = Sheet("vehicles", "车辆", (
    plate.with_(required=True, unique=True),
    c.enum("vehicle_type", "车辆类型", VEHICLE_TYPES, "车型"),
    c.text("brand_model", "品牌型号", "厂牌型号", "品牌", width=18),
    c.text("unit", "使用部门/分公司", "使用部门", "使用单位", "所属部门", width=14),
    person("driver", "责任司机", "司机", "驾驶员", "责任人").with_(ref=None),  # the admin check names the rule
    c.date("purchase_date", "购置日期", "购买日期", "购车日期"),
    c.money("purchase_price", "购置价", "购车价", "购置价格"),
    c.date("ctpl_due", "交强险到期", "交强险到期日", "交强险"),
    c.date("commercial_due", "商业险到期", "商业险到期日", "商业险"),
    c.date("inspection_due", "年检到期", "年检到期日", "年审到期"),
    c.number("service_interval_km", "保养间隔(公里)", "保养间隔", "保养周期(公里)"),
    c.number("last_service_km", "上次保养里程", "上次保养公里数"),
    c.number("odometer_km", "当前里程", "当前公里数", "行驶里程"),
    c.enum("status", "状态", VEHICLE_STATUSES, "车辆状态"),
), aliases=("车辆台账", "车辆档案", "公务用车"))

vehicle_costs = Sheet("vehicle_costs", "车辆费用", (
    c.date("date", "日期", "费用日期", "发生日期", required=True),
    plate.with_(required=True, ref=VEHICLE),
    c.enum("category", "类别", COST_CATEGORIES, "费用类别", "费用类型", required=True),
    c.money("amount", "金额", "费用金额", required=True),
    Column("odometer_km", "里程", T.NUMBER, ("里程表读数", "公里数", "当时里程"), min=0, width=10,
           note="当时的里程表读数（公里）；加油时填写，才能算百公里油费"),
    person("handled_by", "经办人", "报销人"),
), aliases=("车辆费用明细", "用车费用"))

fixed_assets = Sheet("fixed_assets", "固定资产", (
    Column("asset_id", "资产编号", T.CODE, ("固定资产编号", "资产代码", "卡片编号"), required=True, unique=True, width=14),
    c.text("name", "名称", "资产名称", required=True, width=18),
    c.enum("category", "类别", ASSET_CATEGORIES, "资产类别", required=True),
    c.text("dept", "使用部门", "使用单位", "部门", width=12),
    person("keeper", "保管人", "责任人", "使用人"),
    c.text("location", "存放地点", "存放位置", "地点", width=16),
    c.date("purchase_date", "购置日期", "购入日期", "入账日期", required=True),
    c.money("cost", "原值", "原价", "资产原值", required=True),
    Column("residual_rate", "残值率", T.RATE, ("净残值率", "预计净残值率"), min=0, max=1, width=8,
           note="如 5%；不填按参数 asset_residual_rate"),
    Column("years", "折旧年限", T.INT, ("使用年限", "折旧年数"), min=1, max=100, width=8,
           note="年；不填按类别的税法最低年限（参数 asset_years_*）"),
    c.enum("status", "状态", ASSET_STATUSES, "资产状态"),
    c.date("disposal_date", "处置日期", "报废日期", "减少日期"),
    c.money("disposal_income", "处置收入", "处置收益", "变价收入"),
), aliases=("固定资产台账", "固定资产卡片", "资产台账"))

labour_contracts = Sheet("labour_contracts", "劳动合同", (
    c.emp_id.with_(required=True, ref=EMPLOYEE),
    Column("contract_no", "合同编号", T.CODE, ("劳动合同编号", "合同号"), unique=True, width=14),
    c.enum("kind", "类型", CONTRACT_KINDS, "合同类型", "合同期限类型", required=True),
    c.date("start", "开始日期", "合同开始日期", "起始日期", required=True),
    c.date("end", "结束日期", "合同结束日期", "终止日期", "到期日期"),
    c.date("probation_end", "试用期结束", "试用期至", "试用期结束日期"),
    c.integer("signing_no", "签订次数", "第几次签订", "续签次数", min=1, max=50),
    c.enum("status", "状态", CONTRACT_STATUSES, "合同状态"),
), aliases=("劳动合同台账", "劳动合同管理"))

training = Sheet("training", "培训记录", (
    c.date("date", "日期", "培训日期", required=True),
    c.text("course", "培训名称", "培训项目", "课程", required=True, width=20),
    c.enum("kind", "类型", TRAINING_KINDS, "培训类型"),
    c.text("trainer", "讲师", "培训讲师", "授课人", width=10),
    person("attendee", "参加人", "参训人", "学员", required=True),
    c.number("hours", "学时", "课时", "培训学时"),
    c.enum("result", "考核结果", TRAINING_RESULTS, "考核", "成绩"),
    c.date("cert_due", "证书到期", "证书有效期至", "证书到期日"),
), aliases=("培训台账", "培训"))

seals = Sheet("seals", "证照印章", (
    c.text("name", "名称", "证照名称", "印章名称", required=True, width=18),
    Column("number", "编号", T.CODE, ("证照编号", "证号"), width=20),
    person("keeper", "保管人", "保管员", "责任人"),
    c.date("due", "到期日期", "有效期至", "到期日"),
), aliases=("证照印章台账", "印章", "证照"))

seal_log = Sheet("seal_log", "用印登记", (
    c.date("date", "日期", "用印日期", required=True),
    c.text("seal", "印章", "印章名称", "用印", required=True, width=12).with_(ref=SEAL),
    c.text("document", "文件名称", "文件", "用印文件", required=True, width=24),
    c.integer("copies", "份数", "用印份数", min=1),
    person("applicant", "申请人", "经办人", "用印人", required=True),
    person("approver", "批准人", "审批人", "批准"),
    c.text("purpose", "用途", "事由", width=18),
), aliases=("用印登记表", "用印记录", "印章使用登记"))

archives = Sheet("archives", "档案", (
    Column("archive_no", "档案号", T.CODE, ("档案编号", "卷号"), required=True, unique=True, width=14),
    c.text("name", "名称", "档案名称", "案卷题名", required=True, width=24),
    c.text("category", "类别", "档案类别", "门类", width=10),
    c.date("formed", "形成日期", "归档日期", "形成时间"),
    Column("retention_years", "保管期限(年)", T.INT, ("保管期限", "保管年限"), min=1, max=100, width=10,
           note="年；永久保管的留空"),
    c.text("location", "存放位置", "存放地点", "位置", width=14),
    c.enum("secrecy", "密级", SECRECY_LEVELS, "保密级别"),
), aliases=("档案台账", "档案目录"))

archive_loans = Sheet("archive_loans", "档案借阅", (
    c.date("date", "日期", "借阅日期", "借出日期", required=True),
    Column("archive_no", "档案号", T.CODE, ("档案编号", "卷号"), required=True, ref=ARCHIVE, width=14),
    person("borrower", "借阅人", "借阅者", required=True),
    person("approver", "批准人", "审批人"),
    c.date("due", "应还日期", "归还期限", "应归还日期"),
    c.date("returned", "归还日期", "实际归还日期", "还回日期"),
), aliases=("档案借阅登记", "借阅登记"))

office_supplies = Sheet("office_supplies", "办公用品", (
    c.date("date", "日期", "出入库日期", required=True),
    c.text("item", "物品", "物品名称", "用品名称", required=True, width=16),
    c.enum("direction", "入库/领用", SUPPLY_DIRECTIONS, "出入库", "收发", required=True),
    Column("quantity", "数量", T.NUMBER, ("件数",), required=True, min=0, width=8),
    c.money("unit_price", "单价", "价格"),
    c.enum("dept", "部门", DEPARTMENTS, "领用部门"),
    person("handled_by", "经办人", "领用人"),
), aliases=("办公用品台账", "办公用品出入库"))

BOOK = Book("admin", "综合管理台账.xlsx", "综合管理台账（综合管理部）",
            (vehicles, vehicle_costs, fixed_assets, labour_contracts, training, seals, seal_log, archives,
             archive_loans, office_supplies), optional=True)

#: the printable asset count sheet ``admin assets count-sheet`` writes per branch and reads back once
#: filled in (not a sheet of the book: a document, read like one)
asset_count = Sheet("asset_count", "资产盘点表", (
    fixed_assets.column("asset_id").with_(unique=False),
    fixed_assets.column("name").with_(required=False),
    fixed_assets.column("category").with_(required=False, type=T.TEXT, choices=()),
    fixed_assets.column("dept"),
    c.text("keeper", "保管人", "责任人", "使用人", width=10),
    fixed_assets.column("location"),
    c.text("counted", "实盘", "实盘情况", "盘点结果", width=8),
    c.text("note", "备注", "说明", "盘点说明", width=24),
), aliases=("固定资产盘点表", "盘点表", "资产盘点"))
