"""Incoming payroll documents: the tax client's cumulative export, read by ``payroll opening``.

自然人电子税务局（扣缴端）— 综合所得申报 → 正常工资薪金所得 → 导出 — writes one row per employee and
period with the period's figures (本期…) followed by the year's cumulative ones (累计…); the
columns, in the client's order, are: 工号 · 姓名 · 证件类型 · 证件号码 · 税款所属期起 · 税款所属期止 ·
所得项目 · 本期收入 … 本期其他扣除(其他) · 累计收入额 · 累计免税收入 · 累计减除费用 · 累计专项扣除 ·
累计子女教育支出扣除 · 累计继续教育支出扣除 · 累计住房贷款利息支出扣除 · 累计住房租金支出扣除 ·
累计赡养老人支出扣除 · (累计3岁以下婴幼儿照护支出扣除 · 累计个人养老金, added 2022–2023) · 累计其他扣除 ·
累计准予扣除的捐赠 · 累计应纳税所得额 · 税率 · 速算扣除数 · 累计应纳税额 · 累计减免税额 · 累计应扣缴税额 ·
累计已预缴税额 · 累计应补(退)税额 · 备注 (sources in docs/工资.md). Only the columns dealer_xl needs are
declared; the 本期 columns are ignored. Headers are matched tolerantly (spaces, full-width
brackets, a leading ``*``), and the 工资期初 headers of dealer_xl are accepted too, so a previous
system's export laid out like 工资期初 reads as well. Never written.
"""

from __future__ import annotations

from . import common as c
from .model import Column, FieldType, Sheet

T = FieldType

tax_client_cumulative = Sheet("tax_client_cumulative", "正常工资薪金所得", (
    c.emp_id.with_(aliases=("员工编号", "员工工号", "职工编号", "工号（选填）")),
    c.text("name", "姓名", "*姓名", "纳税人姓名", width=10),
    c.text("id_type", "证件类型", "*证件类型", "身份证件类型", width=12),
    Column("id_number", "证件号码", T.CODE, ("*证件号码", "身份证件号码", "身份证号", "身份证号码"), width=22),
    c.date("period_start", "税款所属期起", "所属期起"),
    c.date("period_end", "税款所属期止", "所属期止"),
    c.month.with_(field="through", header="截至月份", aliases=("所属月份", "税款所属月份", "所属期")),
    c.integer("year", "年度", "纳税年度", "所属年度", min=2019, max=2100),
    c.text("item", "所得项目", "所得项目名称", width=14),
    c.money("cum_income", "累计收入额", "累计收入"),
    c.money("cum_tax_free", "累计免税收入"),
    c.money("cum_exemption", "累计减除费用", "本累计减除费用"),
    c.money("cum_insurance", "累计专项扣除"),
    c.money("cum_children", "累计子女教育支出扣除", "累计子女教育"),
    c.money("cum_education", "累计继续教育支出扣除", "累计继续教育"),
    c.money("cum_mortgage", "累计住房贷款利息支出扣除", "累计住房贷款利息"),
    c.money("cum_rent", "累计住房租金支出扣除", "累计住房租金"),
    c.money("cum_elderly", "累计赡养老人支出扣除", "累计赡养老人"),
    c.money("cum_infant", "累计3岁以下婴幼儿照护支出扣除", "累计3岁以下婴幼儿照护", "累计婴幼儿照护支出扣除",
            "累计婴幼儿照护"),
    c.money("cum_special", "累计专项附加扣除"),
    c.money("cum_pension", "累计个人养老金", "累计个人养老金支出扣除"),
    c.money("cum_other", "累计其他扣除"),
    c.money("cum_donation", "累计准予扣除的捐赠", "累计准予扣除的捐赠额"),
    c.money("cum_taxable", "累计应纳税所得额", min=None),
    c.money("cum_relief", "累计减免税额"),
    c.money("cum_due", "累计应扣缴税额", "累计应扣缴税额(元)"),
    c.money("cum_prepaid", "累计已预缴税额", "累计已缴税额"),
    c.money("cum_balance", "累计应补(退)税额", "累计应补退税额", min=None),
    c.money("cum_withheld", "累计已预扣税额", "累计已扣缴税额", "累计已预扣预缴税额"),
), aliases=("综合所得申报", "正常工资薪金", "工资薪金所得", "工资期初", "Sheet1", "sheet1"), book="incoming")
