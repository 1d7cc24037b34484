"""The finance figures (issue #25) on a Ledger: expenses against budget, rebates, unit margin, the
management P&L and the cash plan. Functions of a Ledger, a date or month, and validation's problems
(the money gate); no I/O. The actions of the finance wing and the report packs (the GM pack's
finance page) call the same functions, so a figure is the same wherever it is shown.

:data:`FIGURES` lists each figure once — key, Chinese label, definition, the one function that
computes it — ready for the glossary of figures (``ledger/figures.py``, issue #20).
"""

from __future__ import annotations

FIGURES: tuple[tuple[str, str, str, str], ...] = (
    ("expense_actual", "费用实际", "已批、已付款的报销单金额，按报销日期计入分公司×部门×费用类别",
     "ledger.finance.expenses.expense_report"),
    ("expense_budget", "费用预算", "预算表该月的预算（月份空白的全年预算按月平均分摊），年累计为1月至该月之和",
     "ledger.finance.expenses.expense_report"),
    ("expense_over", "超预算", "费用实际 − 费用预算，为负时记0", "ledger.finance.expenses.ExpenseLine.over"),
    ("rebate_earned", "应得返利", "各项返利政策自开始日期至截止日（不晚于结束日期）按档位计算的返利（全额累进/超额累进/每台定额）",
     "ledger.finance.rebates.earned"),
    ("rebate_credited", "已入账返利", "厂家往来中截止日前的返利行（写明政策编号的计入该政策；未写明的按期间计入）",
     "ledger.finance.rebates.earned"),
    ("rebate_outstanding", "应收返利", "应得返利 − 已入账返利", "ledger.finance.rebates.RebateBook.outstanding"),
    ("rebate_accrued", "单台返利", "返利按台分摊到每台机器（按台数计按序号和档位，按金额计按金额比例）",
     "ledger.finance.rebates.accrued_by_machine"),
    ("net_price", "不含税成交价", "成交价 ÷ (1 + 机型类别的增值税税率)，四舍五入到分", "ledger.finance.margin.machine_margins"),
    ("unit_cost", "单台成本", "采购价（参数 cost_includes_vat=是 时不含税）+ 事由写明该整机编号的运费/整备报销",
     "ledger.finance.margin.machine_margins"),
    ("unit_margin", "单台毛利", "不含税成交价 − 单台成本 + 单台返利（不含税）", "ledger.finance.margin.MachineMargin.margin"),
    ("machine_margin", "整机毛利", "本年售出机器（减退车）的不含税成交价 − 单台成本之和，月 = 月末年累计 − 上月末年累计",
     "ledger.finance.margin.year_machine_totals"),
    ("pnl_rebates", "返利", "本年售出机器（减退车）的单台返利之和，月 = 月末年累计 − 上月末年累计",
     "ledger.finance.margin.year_machine_totals"),
    ("service_margin", "售后毛利", "保外：向客户收费 − 配件成本；三包：索赔收入 − 三包配件成本 − 二级经销商三包工时费（均不含税）",
     "ledger.finance.service_margin.service_margin"),
    ("installment_income", "分期利息及罚息收入", "当期收款按默认冲抵顺序冲抵的利息和罚息", "ledger.finance.income.installment_income"),
    ("pnl_expenses", "费用", "已批、已付款的报销单（不含记入整机成本的运费/整备）", "ledger.finance.expenses.pnl_expenses"),
    ("payroll_gross", "工资", "工资结果的应发工资，按员工所属分公司", "ledger.finance.income.payroll_cost"),
    ("employer_insurance", "单位社保公积金", "参数 employer_si_rate × 社保基数（按上下限）+ 与个人同额的公积金",
     "ledger.finance.income.payroll_cost"),
    ("operating_profit", "经营利润", "整机毛利 + 返利 + 售后毛利 + 分期利息及罚息收入 − 费用 − 工资 − 单位社保公积金",
     "ledger.finance.pnl.profit_and_loss"),
    ("cash_week_closing", "周末现金余额", "期初现金 + 各周预计收入 − 预计支出，逐周累计", "ledger.finance.cashplan.cash_plan"),
    ("cash_low_point", "资金低点", "资金计划中周末现金余额最低的一周", "ledger.finance.cashplan.CashPlan.low"),
    ("collection_rate", "回收率", "最近 collection_history_months 个整月内的实收 ÷（期初已逾期 + 期内到期的未还金额），按催收责任人，最高100%",
     "ledger.finance.cash_flows.collection_rates"),
)
