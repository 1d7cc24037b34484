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
from . import book_actions, report_actions
from .book import ActionResult, Books

GROUPS = ("校验", "销售", "应收", "售后", "工资", "财务")
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
        "生成还款计划", "应收", book_actions.schedule_preview,
        "按选中的分期合同行的条款计算还款计划，写入「计划预览」工作表（不改动还款计划）",
        needs_selection=True),
    "demand_letter": Action(
        "催款函", "应收", report_actions.demand_letter,
        "为选中的分期合同行生成催款函（.docx，装有 LibreOffice 时另出 PDF），写入 文书/", needs_selection=True),
    "aging": Action(
        "账龄分析", "应收", report_actions.aging,
        "截至今天的应收账龄与五级风险分类，写入 报表/账龄分析_<日期>.xlsx"),
    "worklist": Action(
        "催收清单", "应收", report_actions.worklist,
        "截至今天的逾期合同催收清单（按优先分排序，每位责任人一页），写入 报表/"),
    "collection_plan": Action(
        "催收计划", "应收", report_actions.collection_plan,
        "本月催收计划与回收分析，写入 报表/催收计划_<月份>.xlsx"),
    "contract_document": Action(
        "生成合同", "销售", report_actions.contract_document,
        "为选中的销售明细或分期合同行生成销售合同（.docx，装有 LibreOffice 时另出 PDF），写入 文书/",
        needs_selection=True),
    "daily_pack": Action(
        "销售日报", "销售", report_actions.daily_pack, "今天的日销售报表（工作簿含图表），写入 报表/"),
    "sales_monthly_pack": Action(
        "销售月报", "财务", report_actions.sales_monthly_pack, "本月的销售月报（工作簿含图表），写入 报表/"),
    "receivables_monthly_pack": Action(
        "应收月报", "财务", report_actions.receivables_monthly_pack,
        "本月的应收月报：应收、逾期、陈欠回收与风险结构（工作簿含图表），写入 报表/"),
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
