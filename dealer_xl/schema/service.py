"""售后服务台账.xlsx — service claim sheets owned by After-sales (DESIGN §2)."""

from __future__ import annotations

from . import common as c
from .model import Book, Column, FieldType, Sheet

T = FieldType

SERVICE_TYPES = ("三包", "保外", "首保", "巡检")
WO_STATUSES = ("进行中", "已完工", "已结算")
CLAIM_STATUSES = ("待提交", "已提交", "已批准", "部分批准", "驳回", "已结算")
OLD_PART_STATUSES = ("待返", "已发", "厂家已收")

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
    c.wo_no.with_(required=True, ref=c.WORK_ORDER),
    c.date("callback_date", "回访日期", "日期", required=True),
    c.text("staff", "回访人", "回访人员", width=10),
    c.integer("satisfaction", "满意度", "满意程度", min=1, max=5),
    c.text("feedback", "客户意见", "意见", "反馈", width=30),
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

BOOK = Book("service", "售后服务台账.xlsx", "售后服务台账（售后服务部）",
            (work_orders, parts_used, claims, old_parts, callbacks, service_plans))
