"""销售台账.xlsx — the sales ledger owned by Sales (DESIGN §2)."""

from __future__ import annotations

from . import common as c
from .model import Book, Column, FieldType, Sheet

T = FieldType

STOCK_STATUSES = ("在库", "已售", "样机", "调拨中", "已退厂")
PAYMENT_TYPES = ("全款", "分期", "按揭")
APPROVALS = ("待审", "已批", "驳回")
RETURN_KINDS = ("退车", "换车")
MANUFACTURER_DOC_TYPES = ("提车", "配件采购", "付款", "返利", "索赔结算", "调整", "期初")
OPENING = "期初"  # 厂家往来: the balance brought forward at go-live, signed as typed (− : the maker owes us)

stock = Sheet("stock", "整机库存", (
    c.serial_no.with_(required=True, unique=True),
    c.model_code.with_(required=True, ref=c.MODEL),
    c.date("inbound_date", "入库日期", "入库时间", "到货日期"),
    c.money("purchase_price", "采购价", "进价", "采购成本", "进货价"),
    c.branch,
    c.enum("status", "库存状态", STOCK_STATUSES, "状态"),
    c.text("purchase_invoice", "采购发票号", "发票号", "进项发票号"),
), aliases=("库存", "整机库存台账", "库存明细"))

sales = Sheet("sales", "销售明细", (
    c.date("sale_date", "销售日期", "日期", "开票日期", required=True),
    c.contract_no.with_(required=True, unique=True),
    c.branch,
    Column("salesperson", "业务员", T.TEXT, ("销售员", "业务经理"), ref=c.EMPLOYEE, width=10),
    c.customer_id.with_(required=True, ref=c.CUSTOMER),
    c.sub_dealer_id.with_(ref=c.SUB_DEALER),
    c.serial_no.with_(required=True, ref=c.STOCK),
    c.model_code.with_(ref=c.MODEL),
    c.money("list_price", "指导价", "厂家指导价"),
    c.money("deal_price", "成交价", "销售价", "成交金额", "合同价", required=True),
    c.enum("payment_type", "付款方式", PAYMENT_TYPES, "付款类型", "结算方式", required=True),
    c.money("down_payment", "首付款", "首付", "首付金额"),
    c.money("financed_amount", "分期金额", "贷款金额", "欠款金额", "融资金额"),
    c.integer("term_months", "分期期数", "期数", "还款期数", max=120),
    c.rate("annual_rate", "年利率", "利率"),
    c.date("first_due_date", "首期还款日", "首次还款日", "首期还款日期"),
    c.date("delivery_date", "交车日期", "交付日期", "提车日期"),
    c.enum("approval", "审批状态", APPROVALS, "审批", "审批结果"),
    c.yesno("notarized", "是否公证", "公证"),
), aliases=("销售台账", "日销售台帐", "日销售台账", "销售"))

sample_transfers = Sheet("sample_transfers", "样机调拨", (
    c.date("transfer_date", "调拨日期", "日期", required=True),
    c.serial_no.with_(required=True, ref=c.STOCK),
    c.text("from_branch", "调出分公司", "调出单位", width=12),
    c.text("to_branch", "调入分公司", "调入单位", width=12),
    c.text("purpose", "用途", "调拨用途"),
    c.date("expected_return", "预计归还日期", "预计归还"),
    c.date("returned_date", "实际归还日期", "归还日期"),
), aliases=("样车调拨",))

returns = Sheet("returns", "退换车", (
    c.date("return_date", "退换日期", "日期", required=True),
    c.contract_no.with_(required=True, ref=c.SALE),
    c.serial_no.with_(required=True, ref=c.STOCK),
    c.enum("kind", "类型", RETURN_KINDS, "退换类型", required=True),
    c.text("reason", "原因", "退换原因", width=24),
    c.serial_no.with_(field="new_serial_no", header="新整机编号", aliases=("新机号", "换车整机编号"), ref=c.STOCK),
    c.money("refund_amount", "退款金额", "退款"),
), aliases=("退换车辆",))

targets = Sheet("targets", "销售目标", (
    c.month.with_(required=True),
    c.branch.with_(required=True),
    Column("salesperson", "业务员", T.TEXT, ("销售员",), ref=c.EMPLOYEE, width=10),
    c.integer("target_units", "目标台数", "任务台数"),
    c.money("target_amount", "目标金额", "任务金额"),
), aliases=("销售任务", "目标"))

manufacturer_ledger = Sheet("manufacturer_ledger", "厂家往来", (
    c.date("entry_date", "日期", "记账日期", "业务日期", required=True),
    c.manufacturer.with_(required=True, ref=c.MANUFACTURER),
    c.enum("doc_type", "业务类型", MANUFACTURER_DOC_TYPES, "类型", "业务", required=True),
    Column("doc_no", "单据号", T.CODE, ("单号", "凭证号", "结算单号", "付款单号"), width=16),
    c.serial_no.with_(ref=c.STOCK),
    c.money("amount", "金额", "发生额", "金额(元)", required=True, min=None),
    c.text("note", "备注", "说明", width=24),
), aliases=("厂家往来帐", "厂家往来账", "与厂家往来"))

annual_targets = Sheet("annual_targets", "年度目标", (
    c.integer("year", "年度", "目标年度", min=1990, max=2100).with_(required=True),
    c.branch.with_(note="留空为全公司目标"),
    c.integer("target_units", "目标台数", "任务台数"),
    c.money("target_amount", "目标金额", "任务金额"),
    c.text("note", "备注", "说明", width=24),
), aliases=("年度销售目标", "年度任务"), optional=True)
"""年度目标: the year's sales target of the company (分公司 empty) or of a branch; ``sales targets`` splits
it to months, branches and salespeople in 销售目标 (by last year's share where nothing is typed)."""

restocks = Sheet("restocks", "退车入库", (
    c.date("restock_date", "入库日期", "退车入库日期", "日期", required=True),
    c.serial_no.with_(required=True, ref=c.STOCK),
    c.contract_no.with_(ref=c.SALE),
    c.enum("kind", "类型", RETURN_KINDS, "退换类型"),
    Column("doc_no", "入库单号", T.CODE, ("单号", "入库单编号"), width=16),
    c.branch.with_(aliases=(*c.branch.aliases, "入库分公司", "入库仓库")),
    Column("handled_by", "经办人", T.TEXT, ("经手人",), ref=c.EMPLOYEE, width=10),
    c.text("note", "备注", "说明", width=24),
), aliases=("退车入库记录", "退换车入库"), optional=True)
"""退车入库: a machine brought back by a 退车 (or the old machine of a 换车) entering stock again
(销售部「退换车手续、交接、入库」); written by ``sales returns --write`` with the stock status."""

BOOK = Book("sales", "销售台账.xlsx", "销售台账（销售部）",
            (stock, sales, sample_transfers, returns, targets, manufacturer_ledger, annual_targets, restocks))
