"""财务台账.xlsx — the finance book (issue #25): expense claims, budgets and manufacturer rebate policies.

An optional book: a company that keeps no expense claims or rebate policies in dealer_xl may lack the
file; the ``finance`` commands then refuse with one line (exit 2) and everything else runs without it.
Columns are exactly the issue's. The expense categories are a list in 参数 (``expense_categories``),
not a fixed dropdown, so finance can add one without a new release; validation checks each
费用类别 against it. A rebate policy is one row per tier: the rows sharing a 政策编号 are one policy.
"""

from __future__ import annotations

from . import common as c
from .master import DEPARTMENTS
from .model import Book, Column, FieldType, Sheet

T = FieldType

EXPENSE_CATEGORIES = ("差旅", "业务招待", "办公", "车辆", "通讯", "广告宣传", "运输", "维修", "培训", "其他")
PENDING, APPROVED, PAID, REJECTED = "待审", "已批", "已付款", "驳回"
EXPENSE_STATUSES = (PENDING, APPROVED, PAID, REJECTED)
UNITS_PICKED_UP, UNITS_SOLD, AMOUNT_PICKED_UP, AMOUNT_PAID = "提车台数", "销售台数", "提车金额", "回款金额"
REBATE_BASES = (UNITS_PICKED_UP, UNITS_SOLD, AMOUNT_PICKED_UP, AMOUNT_PAID)
WHOLE, EXCESS, PER_UNIT = "全额累进", "超额累进", "每台定额"
REBATE_METHODS = (WHOLE, EXCESS, PER_UNIT)

_EMPLOYEE = c.EMPLOYEE


def _person(field_name: str, header: str, *aliases: str, required: bool = False) -> Column:
    return Column(field_name, header, T.TEXT, aliases, required=required, ref=_EMPLOYEE, width=10,
                  note="填工号（或姓名）")


expenses = Sheet("expenses", "费用报销", (
    Column("expense_no", "报销单号", T.CODE, ("报销编号", "单据号", "报销单编号"), required=True, unique=True, width=14),
    c.date("expense_date", "报销日期", "日期", "申请日期", required=True),
    c.branch.with_(required=True),
    c.enum("dept", "部门", DEPARTMENTS, "所属部门", "费用部门", required=True),
    _person("claimant", "报销人", "报销人工号", "报销人(工号)", "申请人", required=True),
    c.text("category", "费用类别", "费用项目", "类别", "报销类别", required=True, width=10),
    c.money("amount", "金额", "报销金额", "金额(元)", required=True),
    Column("invoice_no", "发票号码", T.CODE, ("发票号", "发票编号"), width=22),
    c.integer("invoice_count", "发票张数", "张数", "附件张数"),
    c.text("purpose", "事由", "报销事由", "用途", "摘要", width=30),
    _person("approver", "审批人", "审核人", "一级审批人"),
    _person("second_approver", "二级审批人", "复核人", "二审人"),
    c.date("paid_date", "付款日期", "支付日期", "报销付款日期"),
    c.enum("status", "状态", EXPENSE_STATUSES, "审批状态", "报销状态", required=True),
), aliases=("报销", "费用报销单", "报销明细"))

budgets = Sheet("budgets", "预算", (
    c.integer("year", "年度", "预算年度", "年份", min=2000, max=2100).with_(required=True),
    c.integer("month_no", "月份", "预算月份", "月", min=1, max=12).with_(note="1–12；空白表示全年预算（按月平均分摊）"),
    c.branch.with_(required=True),
    c.enum("dept", "部门", DEPARTMENTS, "所属部门", "费用部门", required=True),
    c.text("category", "费用类别", "费用项目", "类别", required=True, width=10),
    c.money("amount", "预算金额", "预算", "金额", required=True),
), aliases=("费用预算", "预算表"))

rebate_policies = Sheet("rebate_policies", "返利政策", (
    c.manufacturer.with_(required=True, ref=c.MANUFACTURER),
    Column("policy_no", "政策编号", T.CODE, ("政策号", "返利政策编号", "政策代码"), required=True, width=14,
           note="同一政策的各档位写成多行，政策编号相同"),
    c.date("start_date", "开始日期", "起始日期", "政策开始日期", required=True),
    c.date("end_date", "结束日期", "截止日期", "政策结束日期", required=True),
    c.enum("basis", "依据", REBATE_BASES, "计算依据", "返利依据", required=True),
    c.enum("method", "计算方式", REBATE_METHODS, "方式", "返利方式", required=True),
    c.number("tier_from", "档位下限", "下限", "起点"),
    c.number("tier_to", "档位上限", "上限", "止点").with_(note="空白表示不封顶（只能是最后一档）"),
    c.number("rate", "比例或每台金额", "比例", "每台金额", "返利标准").with_(
        required=True, note="按金额计填比例（1% 或 0.01），按台数计填每台金额（元）"),
    c.text("model_scope", "机型范围", "适用机型", width=20).with_(note="机型或类别，多个用顿号分隔；空白表示全部机型"),
    c.text("condition", "兑现条件", "兑付条件", "备注", width=30),
), aliases=("返利", "厂家返利政策", "商务政策"))

BOOK = Book("finance", "财务台账.xlsx", "财务台账（财务部）", (expenses, budgets, rebate_policies), optional=True)
