"""Rules for 财务台账 (issue #25, DOMAIN §5a): expense claims, budgets and rebate policies.

费用报销, each an 错误 at the cell named:

- 费用类别 not in 参数 ``expense_categories`` (``expense_category_unknown``, also on 预算);
- an approved claim (已批/已付款) without 审批人 (``required``); above 参数 ``expense_second_approval``
  without a 二级审批人, or with the 审批人 as 二级审批人 (``expense_second_approval``);
- the 报销人 approving their own claim as 审批人 or 二级审批人 (``expense_self_approved``);
- a 发票号码 already claimed on an earlier row (``invoice_claimed_twice``; 驳回 claims do not count:
  a rejected claim may be filed again with the same invoice);
- 已付款 without 付款日期 (``required``), 付款日期 before 报销日期 (``dates_out_of_order``).

预算: two rows for the same 年度, 月份, 分公司, 部门 and 费用类别 (``duplicate``). 返利政策, per 政策编号:
the rows must agree on 厂家, dates, 依据, 计算方式 and 机型范围 (``rebate_policy_inconsistent``, also
for 每台定额 on an amount basis); 结束日期 before 开始日期 (``dates_out_of_order``); a ratio of 1 or more on
an amount basis (``out_of_range``); tiers that overlap or leave a gap (``rebate_tiers_overlap``,
``rebate_tiers_gap`` at the 档位下限 of the later tier, see :func:`dealer_xl.domain.rebates.tier_issues`);
a 机型范围 naming neither a 机型 nor a 类别 (``bad_reference``). People are compared by 工号 (a
name typed instead of the 工号 is resolved through 员工). 参数 vat_rates, manufacturer_pay_days and
cost_includes_vat that cannot be read are ``bad_param`` at their 值.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ..domain.budgets import parse_list
from ..domain.cashplan import parse_days
from ..domain.rebates import Tier, tier_issues
from ..domain.vat import parse_rates
from ..problems import Code, Problem
from ..schema import NO, YES
from ..schema.finance import AMOUNT_PAID, AMOUNT_PICKED_UP, APPROVED, PAID, PER_UNIT, REJECTED

BOOK = "finance"
POLICY_FIELDS = ("manufacturer", "start_date", "end_date", "basis", "method", "model_scope")
AMOUNT_BASES = (AMOUNT_PICKED_UP, AMOUNT_PAID)


def check_finance(ctx) -> list[Problem]:
    """The problems of 财务台账 (see the module docstring); none when the book is absent."""
    known = set(parse_list(ctx.params.get("expense_categories")))
    return _params(ctx) + _expenses(ctx, known) + _budgets(ctx, known) + _policies(ctx)


PARAM_FORMATS = {
    "vat_rates": (lambda v: parse_rates(v or "0"), "整机增值税税率应写成 类别=税率;类别=税率（如 挖掘机=0.13;拖拉机=0.09）"),
    "manufacturer_pay_days": (parse_days, "厂家货款账期应写天数，或 厂家=天数;其他=天数"),
    "cost_includes_vat": (lambda v: _yes_no(v), "cost_includes_vat 应为 是 或 否"),
}


def _yes_no(value) -> None:
    if str(value or "").strip() not in (YES, NO, ""):
        raise ValueError(f"现为「{value}」")


def _params(ctx) -> list[Problem]:
    """The finance 参数 written as text must be readable (an 错误 at its 值 cell)."""
    table = ctx.table("master", "params")
    if table is None:
        return []
    out = []
    for i, row in enumerate(table.rows):
        found = PARAM_FORMATS.get((row["key"] or "").lower())
        if found is None:
            continue
        parse, rule = found
        try:
            parse(row["value"])
        except ValueError as exc:
            out.append(ctx.problem(table, i, "value", Code.BAD_PARAM, f"{rule}：{exc}"))
    return out


def person(ctx, text) -> str | None:
    """The 工号 of the employee typed as ``text`` (工号 or name), else the text itself."""
    if text is None:
        return None
    found = ctx.employee(text)
    return found["emp_id"] if found and found.get("emp_id") else str(text)


def _category(ctx, table, i, row, known) -> list[Problem]:
    value = row["category"]
    if value is None or not known or value in known or "category" not in table.columns:
        return []
    return [ctx.problem(table, i, "category", Code.EXPENSE_CATEGORY_UNKNOWN,
                        f"费用类别「{value}」不在参数 expense_categories 中（可选：{'、'.join(sorted(known))}）")]


def _expenses(ctx, known: set[str]) -> list[Problem]:
    table = ctx.table(BOOK, "expenses")
    if table is None:
        return []
    limit = ctx.decimal("expense_second_approval")
    out: list[Problem] = []
    invoices: dict[str, int] = {}
    for i, row in enumerate(table.rows):
        out += _category(ctx, table, i, row, known)
        claimant, first, second = (person(ctx, row[f]) for f in ("claimant", "approver", "second_approver"))
        approved = row["status"] in (APPROVED, PAID)
        if approved and first is None and "approver" in table.columns:
            out.append(ctx.problem(table, i, "approver", Code.REQUIRED, f"{row['status']}的报销单须有审批人"))
        amount = row["amount"]
        if approved and amount is not None and amount > limit and "second_approver" in table.columns:
            if second is None:
                out.append(ctx.problem(table, i, "second_approver", Code.EXPENSE_SECOND_APPROVAL,
                                       f"报销金额 {amount:,.2f} 超过 {limit:,.2f}（参数 expense_second_approval），须有二级审批人"))
            elif second == first:
                out.append(ctx.problem(table, i, "second_approver", Code.EXPENSE_SECOND_APPROVAL,
                                       "二级审批人与审批人是同一人，须由另一人复核"))
        for field, who in (("approver", first), ("second_approver", second)):
            if claimant is not None and who == claimant and field in table.columns:
                out.append(ctx.problem(table, i, field, Code.EXPENSE_SELF_APPROVED,
                                       f"报销人 {row['claimant']} 不能审批自己的报销单"))
        invoice = row["invoice_no"]
        if invoice is not None and row["status"] != REJECTED:
            if invoice in invoices:
                out.append(ctx.problem(table, i, "invoice_no", Code.INVOICE_CLAIMED_TWICE,
                                       f"发票号码 {invoice} 已在第 {table.row_numbers[invoices[invoice]]} 行报销过，同一张发票只能报销一次"))
            else:
                invoices[invoice] = i
        paid, day = row["paid_date"], row["expense_date"]
        if row["status"] == PAID and paid is None and "paid_date" in table.columns \
                and not ctx.already_flagged(table, table.cell(i, "paid_date")):
            out.append(ctx.problem(table, i, "paid_date", Code.REQUIRED, "已付款的报销单须填写付款日期"))
        if paid is not None and day is not None and paid < day:
            out.append(ctx.problem(table, i, "paid_date", Code.DATES_OUT_OF_ORDER, f"付款日期早于报销日期 {day}"))
    return out


def _budgets(ctx, known: set[str]) -> list[Problem]:
    table = ctx.table(BOOK, "budgets")
    if table is None:
        return []
    out: list[Problem] = []
    seen: dict[tuple, int] = {}
    for i, row in enumerate(table.rows):
        out += _category(ctx, table, i, row, known)
        key = tuple(row[f] for f in ("year", "month_no", "branch", "dept", "category"))
        if row["year"] is None or row["category"] is None:
            continue
        if key in seen:
            out.append(ctx.problem(table, i, "amount", Code.DUPLICATE,
                                   f"与第 {table.row_numbers[seen[key]]} 行是同一年度、月份、分公司、部门和费用类别的预算（会重复计算）"))
        else:
            seen[key] = i
    return out


def _policies(ctx) -> list[Problem]:
    table = ctx.table(BOOK, "rebate_policies")
    if table is None:
        return []
    groups: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(table.rows):
        if row["policy_no"] is not None:
            groups[row["policy_no"]].append(i)
    scope = {str(m["model_code"]) for m in ctx.rows("master", "models") if m["model_code"]} | \
            {str(m["category"]) for m in ctx.rows("master", "models") if m["category"]}
    out: list[Problem] = []
    for number, rows in groups.items():
        first = table.rows[rows[0]]
        for i in rows[1:]:
            for field in POLICY_FIELDS:
                if table.rows[i][field] != first[field] and field in table.columns:
                    out.append(ctx.problem(table, i, field, Code.REBATE_POLICY_INCONSISTENT,
                                           f"政策 {number} 的各行应相同：第 {table.row_numbers[rows[0]]} 行为「{first[field] or '（空）'}」"))
        out += _policy_rows(ctx, table, rows, first, scope)
    return out


def _policy_rows(ctx, table, rows: list[int], first: dict, scope: set[str]) -> list[Problem]:
    out: list[Problem] = []
    amounts = first["basis"] in AMOUNT_BASES
    start, end = first["start_date"], first["end_date"]
    if start is not None and end is not None and end < start:
        out.append(ctx.problem(table, rows[0], "end_date", Code.DATES_OUT_OF_ORDER, f"结束日期早于开始日期 {start}"))
    if amounts and first["method"] == PER_UNIT:
        out.append(ctx.problem(table, rows[0], "method", Code.REBATE_POLICY_INCONSISTENT,
                               f"每台定额须按提车台数或销售台数计，不能按{first['basis']}"))
    unknown = [t for t in parse_list(first["model_scope"]) if scope and t not in scope]
    if unknown:
        out.append(ctx.problem(table, rows[0], "model_scope", Code.BAD_REFERENCE,
                               f"机型范围中的「{'、'.join(unknown)}」既不是主数据「机型」中的机型，也不是类别"))
    usable = [i for i in rows if table.rows[i]["rate"] is not None]
    for i in usable:
        if amounts and first["method"] != PER_UNIT and table.rows[i]["rate"] >= 1:
            out.append(ctx.problem(table, i, "rate", Code.OUT_OF_RANGE,
                                   f"按{first['basis']}计的返利填比例，应小于 1（1% 填 0.01 或 1%）"))
    tiers = [Tier(table.rows[i]["tier_from"] or Decimal(0), table.rows[i]["tier_to"], table.rows[i]["rate"])
             for i in usable]
    for k, kind, reason in tier_issues(tiers, units=not amounts):
        i = usable[k]
        code = Code.REBATE_TIERS_GAP if kind == "gap" else Code.REBATE_TIERS_OVERLAP
        field = "tier_to" if kind == "inverted" else "tier_from"
        out.append(ctx.problem(table, i, field, code, f"政策 {first['policy_no']}：{reason}"))
    return out
