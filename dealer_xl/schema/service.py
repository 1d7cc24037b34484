"""售后服务台账.xlsx — service claim sheets owned by After-sales (DESIGN §2).

Issue #29 adds 客户投诉, 配件库存 and 配件出入库 (optional: a book without them is valid) and two
columns of 回访记录 for the sales callback (回访类型 销售回访 with the sale's 合同编号 instead of a
工单号): a 服务回访 row still needs its 工单号 (checked in :mod:`dealer_xl.checks.service_desk`).
"""

from __future__ import annotations

from . import common as c
from .master import DEPARTMENTS
from .model import Book, Column, FieldType, Sheet

T = FieldType

SERVICE_TYPES = ("三包", "保外", "首保", "巡检")
WO_STATUSES = ("进行中", "已完工", "已结算")
CLAIM_STATUSES = ("待提交", "已提交", "已批准", "部分批准", "驳回", "已结算")
OLD_PART_STATUSES = ("待返", "已发", "厂家已收")
CALLBACK_KINDS = ("服务回访", "销售回访")
COMPLAINT_CHANNELS = ("电话", "来访", "回访", "微信", "厂家转办", "其他")
COMPLAINT_CATEGORIES = ("产品质量", "服务质量", "配件", "销售", "收费", "其他")
COMPLAINT_SATISFACTION = ("满意", "基本满意", "不满意")
MOVE_KINDS = ("入库", "出库", "调拨", "盘点")

work_orders = Sheet("work_orders", "服务工单", (
    c.wo_no.with_(required=True, unique=True),
    c.date("open_date", "报修日期", "报修时间", "开单日期", required=True),
    c.date("close_date", "完工日期", "完工时间"),
    c.customer_id.with_(ref=c.CUSTOMER),
    c.serial_no.with_(required=True, ref=c.STOCK),
    c.model_code.with_(ref=c.MODEL),
    c.number("hour_meter", "工作小时", "小时数", "工作小时数", "小时表读数"),
    c.enum("service_type", "服务类型", SERVICE_TYPES, "服务性质", required=True),
    c.text("fault", "故障描述", "故障现象", width=28),
    c.part_no.with_(field="fault_part_no", header="故障配件编号", aliases=("故障件编号", "故障配件"), ref=c.PART),
    c.text("technician", "维修技师", "服务技师", "技师", "维修人员", width=10).with_(ref=c.EMPLOYEE),
    c.number("labor_hours", "工时", "维修工时", max=1000),
    c.number("travel_km", "外出里程", "里程", "外出公里数", max=5000),
    c.money("labor_fee", "工时费", "人工费"),
    c.money("parts_fee", "配件费", "材料费"),
    c.money("travel_fee", "外出费", "出车费", "差旅费"),
    c.money("customer_charge", "向客户收费", "客户付费", "收费金额"),
    c.sub_dealer_id.with_(ref=c.SUB_DEALER),
    c.branch,
    c.enum("status", "工单状态", WO_STATUSES, "状态"),
), aliases=("工单", "服务工单台账", "维修工单"))

parts_used = Sheet("parts_used", "配件明细", (
    c.wo_no.with_(required=True, ref=c.WORK_ORDER),
    c.part_no.with_(required=True, ref=c.PART),
    c.number("qty", "数量", "用量"),
    c.money("unit_price", "单价"),
    c.yesno("warranty", "是否三包", "三包"),
), aliases=("配件使用明细", "用料明细"))

claims = Sheet("claims", "索赔单", (
    c.claim_no.with_(required=True, unique=True),
    c.wo_no.with_(required=True, ref=c.WORK_ORDER),
    c.manufacturer.with_(ref=c.MANUFACTURER),
    c.date("submit_date", "提交日期", "索赔日期"),
    c.money("claim_labor", "索赔工时费", "工时费"),
    c.money("claim_parts", "索赔配件费", "配件费"),
    c.money("claim_travel", "索赔外出费", "外出费"),
    c.money("claim_total", "索赔合计", "索赔金额", "合计金额"),
    c.enum("status", "索赔状态", CLAIM_STATUSES, "状态"),
    c.money("approved_amount", "批准金额", "厂家批准金额"),
    c.text("reject_reason", "驳回原因", width=20),
    c.month.with_(field="settle_month", header="结算月份", aliases=("结算期间",)),
    c.text("credit_note_no", "厂家结算单号", "结算单号"),
), aliases=("索赔台账", "索赔"))

old_parts = Sheet("old_parts", "旧件返厂", (
    c.claim_no.with_(required=True, ref=c.CLAIM),
    c.part_no.with_(required=True, ref=c.PART),
    c.number("qty", "数量"),
    c.date("ship_date", "发运日期", "发货日期"),
    c.text("waybill_no", "运单号", "快递单号", "物流单号"),
    c.date("received_date", "厂家签收日期", "签收日期"),
    c.enum("status", "返厂状态", OLD_PART_STATUSES, "状态"),
), aliases=("旧件", "旧件返厂台账"))

callbacks = Sheet("callbacks", "回访记录", (
    c.wo_no.with_(ref=c.WORK_ORDER),
    c.date("callback_date", "回访日期", "日期", required=True),
    c.text("staff", "回访人", "回访人员", width=10),
    c.integer("satisfaction", "满意度", "满意程度", min=1, max=5),
    c.text("feedback", "客户意见", "意见", "反馈", width=30),
    c.enum("kind", "回访类型", CALLBACK_KINDS, "回访类别"),
    c.contract_no.with_(ref=c.SALE),
), aliases=("回访",))

service_plans = Sheet("service_plans", "服务计划", (
    c.month.with_(required=True),
    c.branch,
    Column("technician", "维修技师", T.TEXT, ("技师", "维修工", "服务工程师"), ref=c.EMPLOYEE, width=10),
    c.number("planned_hours", "计划工时", "目标工时"),
    c.integer("planned_orders", "计划工单数", "目标工单数", "计划台次"),
    c.money("planned_income", "保外收入目标", "计划收入", "保外维修目标"),
    c.text("note", "备注", "说明", width=24),
), aliases=("月度服务计划", "服务目标"), optional=True)
"""服务计划: the month's service plan (售后服务部经理「制定每月的服务计划」) per technician, or per branch
with 维修技师 empty; ``service scorecard`` measures each technician against it."""

complaints = Sheet("complaints", "客户投诉", (
    Column("complaint_no", "投诉编号", T.CODE, ("投诉单号",), required=True, unique=True, width=14),
    c.date("date", "日期", "投诉日期", "受理日期", required=True),
    c.customer_id.with_(ref=c.CUSTOMER),
    c.serial_no.with_(ref=c.STOCK),
    c.enum("channel", "渠道", COMPLAINT_CHANNELS, "投诉渠道", "来源"),
    c.enum("category", "类别", COMPLAINT_CATEGORIES, "投诉类别"),
    c.text("content", "内容", "投诉内容", width=30),
    c.enum("department", "责任部门", DEPARTMENTS, "处理部门"),
    c.text("handler", "处理人", "经办人", width=10).with_(ref=c.EMPLOYEE),
    c.text("result", "处理结果", "处理意见", width=30),
    c.date("close_date", "关闭日期", "结案日期"),
    c.enum("satisfaction", "客户满意度", COMPLAINT_SATISFACTION, "满意度评价"),
), aliases=("投诉", "投诉台账", "客户投诉台账"), optional=True)

parts_stock = Sheet("parts_stock", "配件库存", (
    c.part_no.with_(required=True, ref=c.PART),
    c.text("warehouse", "仓库", "库房", "仓库名称", required=True, width=12),
    c.number("qty", "数量", "库存数量", "账面数量"),
    c.text("bin", "库位", "货位", width=10),
    c.number("min_qty", "最低库存", "安全库存", "最低库存量"),
    c.number("max_qty", "最高库存", "最高库存量"),
), aliases=("配件库存表", "配件台账"), optional=True)

parts_moves = Sheet("parts_moves", "配件出入库", (
    c.date("date", "日期", "业务日期", required=True),
    c.part_no.with_(required=True, ref=c.PART),
    c.text("warehouse", "仓库", "库房", required=True, width=12),
    c.enum("kind", "类型", MOVE_KINDS, "入库/出库/调拨/盘点", "出入库类型", required=True),
    c.number("qty", "数量", min=None),
    c.money("unit_price", "单价"),
    c.text("doc_no", "单据号", "单号", "出入库单号"),
    Column("reference", "工单号/客户编号", T.CODE, ("工单号或客户编号", "领用单位"), width=14),
), aliases=("配件出入库明细", "配件进出库", "出入库明细"), optional=True)

BOOK = Book("service", "售后服务台账.xlsx", "售后服务台账（售后服务部）",
            (work_orders, parts_used, claims, old_parts, callbacks, complaints, parts_stock, parts_moves, service_plans))
