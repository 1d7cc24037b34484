"""THE allowlist of user actions: tag → :class:`Action`. The ribbon and the CLI both use it.

A ribbon button's ``tag`` (``macros/ribbon.xml``) is a key of :data:`ACTIONS`; the one generic VBA
callback hands the tag to :func:`dealer_xl.excel.dispatch.run`, which runs :func:`lookup` — so
nothing outside this table can be run from Excel. ``dealer-xl action TAG DIR`` runs the same
function on the files. Guarantees: tags are lower-case ``[a-z_]`` (the VBA callback refuses
anything else before Python starts); every action has a group that is a ribbon group; an unknown
tag raises :class:`UnknownAction` with a Chinese message naming the choices.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..problems import BookError, UnknownAction  # noqa: F401  (BookError: re-exported for callers)
from . import ribbon as book_actions
from .admin import ribbon as admin_ribbon
from .book import ActionResult, Books
from .close import ribbon as close_ribbon
from .credit import ribbon as credit_actions
from .finance import ribbon as finance_ribbon
from .payroll import ribbon as payroll_actions
from .receivables import court_ribbon
from .receivables import ribbon as receivables_actions
from .sales import office_ribbon as sales_office
from .sales import ribbon as sales_actions
from .service import office_ribbon as service_office
from .service import ribbon as service_ribbon
from .service import ribbon_desk as desk_ribbon

GROUPS = ("校验", "销售", "应收", "信审", "售后", "工资", "财务", "综合")
TAG_PATTERN = re.compile(r"^[a-z][a-z_]*$")


@dataclass(frozen=True, slots=True)
class Action:
    """One user action.

    Attributes:
        label: the button's caption (Chinese, short).
        group: the ribbon group it sits in (one of :data:`GROUPS`).
        function: ``function(books) -> ActionResult``.
        description: the button's tooltip and the CLI's help line (Chinese).
        needs_selection: True when it works on the rows the user selected.
    """

    label: str
    group: str
    function: Callable[[Books], ActionResult]
    description: str
    needs_selection: bool = False


ACTIONS: dict[str, Action] = {
    "validate_book": Action(
        "校验本簿", "校验", book_actions.validate_active_book,
        "校验当前台账：五本台账一起读取核对，在本簿有问题的单元格填色并加批注（上次的标记先清除）"),
    "problem_list": Action(
        "问题清单", "校验", book_actions.problem_list,
        "校验五本台账，把全部问题写入 报表/问题清单.xlsx（单元格地址可点击跳转）"),
    "books_summary": Action(
        "读取汇总", "校验", book_actions.books_summary,
        "读取五本台账，报告每本读到的行数和无法识别的值的个数"),
    "schedule_preview": Action(
        "生成还款计划", "应收", receivables_actions.schedule_preview,
        "按选中的分期合同行的条款计算还款计划，写入「计划预览」工作表（不改动还款计划）",
        needs_selection=True),
    "demand_letter": Action(
        "催款函", "应收", receivables_actions.demand_letter,
        "为选中的分期合同行生成催款函（.docx，装有 LibreOffice 时另出 PDF），写入 文书/", needs_selection=True),
    "aging": Action(
        "账龄分析", "应收", receivables_actions.aging,
        "截至今天的应收账龄与五级风险分类，写入 报表/账龄分析_<日期>.xlsx"),
    "worklist": Action(
        "催收清单", "应收", receivables_actions.worklist,
        "截至今天的逾期合同催收清单（按优先分排序，每位责任人一页），写入 报表/"),
    "collection_plan": Action(
        "催收计划", "应收", receivables_actions.collection_plan,
        "本月催收计划与回收分析，写入 报表/催收计划_<月份>.xlsx"),
    "contract_document": Action(
        "生成合同", "销售", sales_actions.contract_document,
        "为选中的销售明细或分期合同行生成销售合同（.docx，装有 LibreOffice 时另出 PDF），写入 文书/",
        needs_selection=True),
    "daily_pack": Action(
        "销售日报", "销售", sales_actions.daily_pack, "今天的日销售报表（工作簿含图表），写入 报表/"),
    "sales_monthly_pack": Action(
        "销售月报", "财务", sales_actions.sales_monthly_pack, "本月的销售月报（工作簿含图表），写入 报表/"),
    "receivables_monthly_pack": Action(
        "应收月报", "财务", receivables_actions.receivables_monthly_pack,
        "本月的应收月报：应收、逾期、陈欠回收与风险结构（工作簿含图表），写入 报表/"),
    "payroll_preview": Action(
        "计算工资", "工资", payroll_actions.payroll_preview,
        "按累计预扣法计算下一个月的工资，写入「工资预览」工作表供核对（不改动工资结果）"),
    "payroll_write": Action(
        "确认写入", "工资", payroll_actions.payroll_write,
        "把预览的月份写入「工资结果」（只替换该月的行；已结账月份拒绝）"),
    "payroll_slips": Action(
        "工资条", "工资", payroll_actions.payroll_slips,
        "最近一个月的工资条（每人一块可裁开，另出每人 PDF），写入 报表/"),
    "payroll_bank": Action(
        "银行代发文件", "工资", payroll_actions.payroll_bank,
        "最近一个月的银行代发工资文件（xlsx 和 csv，含总笔数和总金额），写入 报表/"),
    "payroll_tax": Action(
        "个税申报表", "工资", payroll_actions.payroll_tax,
        "最近一个月的综合所得预扣预缴申报导入表，写入 报表/"),
    "payroll_summary": Action(
        "工资汇总", "工资", payroll_actions.payroll_summary,
        "最近一个月的工资汇总（按部门、分公司，逐月对比，含单位成本），写入 报表/"),
    "claims_preview": Action(
        "生成索赔单", "售后", service_ribbon.claims_preview,
        "由已完工的三包工单计算索赔单，先写入「索赔预览」工作表，确认后写入「索赔单」（状态待提交）"),
    "claim_deadlines": Action(
        "索赔时限", "售后", service_ribbon.claim_deadlines,
        "未提交的索赔和未返厂的旧件及其截止日期、剩余天数，写入 报表/索赔时限_<日期>.xlsx"),
    "settlement_check": Action(
        "厂家结算核对", "售后", service_ribbon.settlement_check,
        "选择厂家结算单文件，与索赔单逐张核对（相符/少付/多付/驳回/未列/非我方/重复），确认后写回索赔单"),
    "callback_list": Action(
        "回访清单", "售后", service_ribbon.callback_list,
        "待回访的工单清单与本月回访统计、不满意客户，写入 报表/回访清单_<日期>.xlsx"),
    "technician_pay": Action(
        "技师计件", "售后", service_ribbon.technician_piece_pay,
        "本月技师计件工资（工时 × 等级单价 + 回访满意度奖扣），写入 报表/技师计件_<月份>.xlsx"),
    "service_monthly_pack": Action(
        "售后月报", "售后", service_ribbon.service_monthly_pack,
        "本月的售后月报：工单、三包与保外收入、索赔结算、超期、故障配件、回访与技师排行（工作簿含图表），写入 报表/"),
    "month_end_close": Action(
        "月末结账", "财务", close_ribbon.month_end_close,
        "结上月的账：校验五本台账、跑当月各项与报表、归档到 归档/YYYY-MM 并锁定该月（须先关闭五本台账）"),
    "repossession_notice": Action(
        "扣车通知书", "信审", credit_actions.repossession_notice,
        "为选中的分期合同或扣车记录行生成扣车通知书（赎回金额与处置期限，.docx/PDF），写入 文书/", needs_selection=True),
    "handover_note": Action(
        "车辆交接单", "信审", credit_actions.handover_note,
        "为选中的分期合同或扣车记录行生成车辆交接单（整机编号、工作小时、状况、附件、照片、签字），写入 文书/",
        needs_selection=True),
    "bad_debts": Action(
        "呆死帐追缴", "信审", credit_actions.bad_debts,
        "已核销合同的追缴与追回、核销候选、扣车处置情况，写入 报表/呆死帐追缴_<日期>.xlsx"),
    "credit_grades": Action(
        "信用等级建议", "信审", credit_actions.credit_grades,
        "按还款表现建议客户和二级经销商的信用等级，写入 报表/信用等级建议_<日期>.xlsx（确认后用命令行 --write 写回）"),
    "vouchers": Action(
        "记账凭证", "财务", finance_ribbon.vouchers,
        "上月的记账凭证（每类业务一张，借贷平衡），写入 报表/记账凭证_<月份>_kingdee.xls（金蝶）和 _yonyou.txt（用友）"),
    "handover_documents": Action(
        "出库单", "销售", sales_actions.handover_documents,
        "为选中的销售明细行（不选则为今天交车的整机）生成整机出库单（.docx/PDF，写入 文书/）和移交售后清单（首保、三包截止、销售回访）"),
    "first_service_list": Action(
        "首保回访", "售后", desk_ribbon.first_service_list,
        "首保已超期或7天内到期的整机（按技师、分公司）和应回访的新车客户，写入 报表/首保与销售回访 <日期>.xlsx"),
    "overdue_in_workshop": Action(
        "在修欠款", "售后", desk_ribbon.overdue_in_workshop,
        "在修工单中分期逾期的客户：逾期金额、催收责任人，保外先款后修，写入 报表/在修欠款客户 <日期>.xlsx"),
    "complaint_list": Action(
        "客户投诉", "售后", desk_ribbon.complaint_list,
        "超期未结的客户投诉（按责任部门）和不满意回访，写入 报表/；确认后把不满意回访写入「客户投诉」"),
    "parts_plan": Action(
        "配件计划", "售后", desk_ribbon.parts_plan_pack,
        "按库存、最低/最高库存和近90天用量计算配件订货（三包部分单列），写入 报表/配件订货计划 <日期>.xlsx"),
    "parts_count_sheet": Action(
        "配件盘点", "售后", desk_ribbon.parts_count,
        "每个仓库的配件盘点表（账面数量、空白实盘列，可打印），写入 报表/"),
    "admin_reminders": Action(
        "综合提醒", "综合", admin_ribbon.reminders,
        "综合管理台账中到期和逾期的事项（保险、年检、保养、劳动合同、试用期、证书、证照、档案借阅与销毁），按负责人，"
        "写入 报表/综合提醒_<日期>.xlsx"),
    "admin_assets": Action(
        "固定资产折旧", "综合", admin_ribbon.assets,
        "本月固定资产折旧（直线法）、累计折旧、净值与本月处置损益，写入 报表/固定资产_<月份>.xlsx"),
    "asset_count_sheet": Action(
        "资产盘点表", "综合", admin_ribbon.count_sheets,
        "每个分公司一份可打印的固定资产盘点表（实盘列手填 有/无），写入 报表/资产盘点表_<分公司>_<日期>.xlsx"),
    "admin_vehicles": Action(
        "车辆费用", "综合", admin_ribbon.vehicles,
        "本月每辆车的燃油、过路、维修保养、保险等费用与百公里油费，按使用部门/分公司汇总，写入 报表/车辆费用_<月份>.xlsx"),
    "admin_archives": Action(
        "档案与销毁", "综合", admin_ribbon.archives,
        "档案目录、借出未还的档案、保管期满的档案销毁清册（含审批签字栏），写入 报表/档案_<日期>.xlsx"),
    "finance_expenses": Action(
        "费用预算", "财务", finance_ribbon.expenses,
        "本月费用与预算：分公司×部门×费用类别的实际、预算、超预算和年累计，审批异常（工作簿含图表），写入 报表/"),
    "finance_rebates": Action(
        "厂家返利", "财务", finance_ribbon.rebates,
        "各返利政策截至今天按档位应得的返利、厂家往来中已入账的返利和应收返利（工作簿含图表），写入 报表/"),
    "finance_margin": Action(
        "单台毛利", "财务", finance_ribbon.margin,
        "本月售出每台机器的不含税成交价、成本、返利和单台毛利，按机型、业务员、分公司汇总，标出低于成本的销售，写入 报表/"),
    "finance_pnl": Action(
        "利润表", "财务", finance_ribbon.pnl,
        "本月管理利润表：各分公司的整机毛利、返利、售后毛利、利息收入、费用、工资，经营利润，本月、年累计与预算，写入 报表/"),
    "finance_cashplan": Action(
        "资金计划", "财务", finance_ribbon.cashplan,
        "今后13周的资金计划：逐周预计收入、支出和期末现金，标出资金低点（工作簿含图表），写入 报表/"),
    "lawsuit_draft": Action(
        "起诉状", "信审", court_ribbon.lawsuit_draft,
        "为选中的分期合同或诉讼案件行起草民事起诉状和证据清单（按法院买卖合同纠纷示范文本，.docx/PDF），写入 文书/",
        needs_selection=True),
    "disputes_report": Action(
        "纠纷处理意见", "信审", court_ribbon.disputes_report,
        "清欠纠纷处理意见：每件纠纷的欠款、协商/取回/起诉的预计回收和建议，写入 报表/清欠纠纷处理意见_<日期>.xlsx"),
    "installment_contracts": Action(
        "生成分期合同", "销售", sales_office.installment_contracts,
        "由销售明细生成分期合同和还款计划（已批、尚无合同的分期/按揭销售），先列出，确认后写入应收款台账"),
    "sales_returns": Action(
        "退换车入库", "销售", sales_office.sales_returns,
        "退车/换车：退回的整机入库、退款与已收款核对、换车关联新机，写入 报表/退换车_<日期>.xlsx，确认后改库存并登记退车入库"),
    "sales_targets": Action(
        "目标分解", "销售", sales_office.sales_targets,
        "年度目标按去年占比分解到分公司、月份和业务员，写入 报表/销售目标分解_<年度>.xlsx，确认后写入「销售目标」"),
    "sales_scorecard": Action(
        "业务员考核", "销售", sales_office.sales_scorecard,
        "本月业务员考核：台数、金额、达成率、回款率、客户逾期、提成和奖罚，写入 报表/业务员考核_<月份>.xlsx"),
    "claims_submit": Action(
        "提交索赔", "售后", service_office.claims_submit,
        "把选中的索赔单标记为已提交（提交日期为今天），确认后写入「索赔单」", needs_selection=True),
    "service_scorecard": Action(
        "技师考核", "售后", service_office.service_scorecard,
        "本月技师考核：工时、工单、返修、回访满意度、索赔驳回率，对照「服务计划」，写入 报表/技师考核_<月份>.xlsx"),
}


def lookup(tag: object) -> Action:
    """The action of ``tag``; UnknownAction (Chinese) for anything not in :data:`ACTIONS`."""
    action = ACTIONS.get(tag) if isinstance(tag, str) else None
    if action is None:
        known = "、".join(f"{t}（{a.label}）" for t, a in ACTIONS.items())
        raise UnknownAction(f"未知的操作「{tag}」，已拒绝执行。可用的操作：{known}。"
                            "如果这是加载项里的按钮，请重新安装与本程序同一版本的加载项（dealer-xl addin install）")
    return action


def run(tag: str, books: Books) -> ActionResult:
    """Run the action ``tag`` on ``books`` (UnknownAction when the tag is not allowed)."""
    return lookup(tag).function(books)
