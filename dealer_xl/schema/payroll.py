"""工资表.xlsx — payroll kept by Admin/HR and Finance (DESIGN §2), with the opening balances of a
company that goes live mid-year (工资期初, DESIGN wave 3)."""

from __future__ import annotations

from . import common as c
from .model import Book, Sheet

ADJUSTMENT_ITEMS = ("奖金", "补贴", "扣款", "其他", "年终奖")

attendance = Sheet("attendance", "考勤", (
    c.month.with_(required=True),
    c.emp_id.with_(required=True, ref=c.EMPLOYEE),
    c.number("required_days", "应出勤天数", "应出勤", max=31),
    c.number("worked_days", "实出勤天数", "实出勤", "出勤天数", max=31),
    c.number("paid_leave_days", "带薪假天数", "带薪假", max=31),
    c.number("unpaid_leave_days", "事假天数", "事假", max=31),
    c.number("overtime_hours", "加班小时", "加班时数", "加班"),
    c.integer("late_times", "迟到次数", "迟到"),
), aliases=("考勤表", "出勤"))

adjustments = Sheet("adjustments", "奖扣", (
    c.month.with_(required=True),
    c.emp_id.with_(required=True, ref=c.EMPLOYEE),
    c.enum("item", "项目", ADJUSTMENT_ITEMS, "奖扣项目", required=True),
    c.money("amount", "金额", "奖扣金额", required=True, min=None),
    c.yesno("taxable", "是否计税", "计税"),
    c.text("note", "备注", "说明", width=24),
), aliases=("奖扣明细", "奖惩"))

results = Sheet("results", "工资结果", (
    c.month.with_(required=True),
    c.emp_id.with_(required=True),
    c.text("name", "姓名", width=10),
    c.text("dept", "部门", width=10),
    c.money("base", "基本工资"),
    c.money("allowance", "岗位津贴"),
    c.money("commission", "提成"),
    c.money("overtime_pay", "加班费"),
    c.money("bonus", "奖金", min=None),
    c.money("absence_deduction", "缺勤扣款"),
    c.money("gross", "应发工资"),
    c.money("pension", "养老保险"),
    c.money("medical", "医疗保险"),
    c.money("unemployment", "失业保险"),
    c.money("housing_fund", "住房公积金"),
    c.money("cum_income", "累计收入"),
    c.money("cum_taxable", "累计应纳税所得额", min=None),
    c.money("iit", "个人所得税"),
    c.money("net", "实发工资", min=None),
), generated=True)

# 工资期初: the 累计 figures of the tax year through a month before dealer_xl computes payroll (as the
# previous system or the tax client shows them); cumulative withholding continues from them.
opening = Sheet("opening", "工资期初", (
    c.emp_id.with_(required=True, ref=c.EMPLOYEE),
    c.integer("year", "年度", "纳税年度", "所属年度", min=2019, max=2100).with_(required=True),
    c.month.with_(field="through", header="截至月份", aliases=("截止月份", "截至月", "所属月份"), required=True),
    c.money("cum_income", "累计收入", "累计收入额"),
    c.money("cum_tax_free", "累计免税收入"),
    c.money("cum_exemption", "累计减除费用"),
    c.money("cum_insurance", "累计专项扣除"),
    c.money("cum_special", "累计专项附加扣除"),
    c.money("cum_other", "累计其他扣除"),
    c.money("cum_withheld", "累计已预扣税额", "累计已扣缴税额", "累计已预扣预缴税额"),
), aliases=("期初累计", "个税期初"), optional=True)

BOOK = Book("payroll", "工资表.xlsx", "工资表（综合管理部/财务部）", (attendance, adjustments, results, opening))

# --- 专项附加扣除 (issue #23): the employees' declared special additional deductions, one row per
# employee from the month it applies (it holds until the employee's next row; every January starts
# over). Monthly amounts; dealer_xl cumulates them for the tax client's 累计 columns. Caps are the
# monthly maxima of 国发〔2023〕13号 (child education and infant care are per child: no cap here).
SPECIAL_DEDUCTION_KINDS = ("child_education", "continuing_education", "housing_loan_interest", "housing_rent",
                           "elderly_support", "infant_care", "personal_pension")


def _deduction(field_name: str, header: str, *aliases: str, max: float | None = None) -> c.Column:
    return c.money(field_name, header, *aliases).with_(max=max)


special_deductions = Sheet("special_deductions", "专项附加扣除", (
    c.emp_id.with_(required=True, ref=c.EMPLOYEE),
    c.month.with_(required=True),
    _deduction("child_education", "子女教育", "子女教育支出"),
    _deduction("continuing_education", "继续教育", "继续教育支出", max=3600),
    _deduction("housing_loan_interest", "住房贷款利息", "住房贷款利息支出", max=1000),
    _deduction("housing_rent", "住房租金", "住房租金支出", max=1500),
    _deduction("elderly_support", "赡养老人", "赡养老人支出", max=3000),
    _deduction("infant_care", "婴幼儿照护", "3岁以下婴幼儿照护", "婴幼儿照护费用"),
    _deduction("personal_pension", "个人养老金", max=12000),
), aliases=("专项附加扣除明细", "专项附加"), optional=True)

BOOK = Book(BOOK.key, BOOK.filename, BOOK.title, BOOK.sheets + (special_deductions,))
