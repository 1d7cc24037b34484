"""After-sales rules of claim deadlines, settlement and callbacks (issue #13).

- a claim submitted after the maker's 索赔提交时限(天) from its work order's 完工日期 (警告, at 提交日期);
- old parts shipped after the maker's 旧件返厂时限(天) from the claim's 提交日期 (警告, at 发运日期);
- a 已结算 claim without 结算月份 or 厂家结算单号 (错误, at the empty cell);
- a 驳回 claim with a 批准金额 other than 0 (错误); 批准金额 above 索赔合计 (警告);
- a callback dated before its work order's 完工日期 (错误, at 回访日期).

Rows whose dates, maker or limits are missing are left alone (other rules report those).
"""

from __future__ import annotations

from ..domain.claim_deadlines import due_after
from ..problems import Code, Problem, Severity
from ..schema import labels


def check_service_deadlines(ctx) -> list[Problem]:
    """Every problem of the rules above."""
    return [*_claims(ctx), *_old_parts(ctx), *_callbacks(ctx)]


def _maker(ctx, name):
    return ctx.first("master", "manufacturers", "manufacturer", name) if name else None


def _claims(ctx) -> list[Problem]:
    table = ctx.table("service", "claims")
    if table is None:
        return []
    out = []
    for i, row in enumerate(table.rows):
        order = ctx.first("service", "work_orders", "wo_no", row["wo_no"]) if row["wo_no"] else None
        maker = _maker(ctx, row["manufacturer"])
        if order and maker and order["close_date"] and row["submit_date"] and maker["claim_submit_days"] is not None:
            due = due_after(order["close_date"], maker["claim_submit_days"])
            if row["submit_date"] > due:
                out.append(ctx.problem(table, i, "submit_date", Code.CLAIM_SUBMITTED_LATE,
                                       f"提交日期晚于索赔时限 {due}（完工 {order['close_date']} 后 "
                                       f"{maker['claim_submit_days']} 天），厂家可能拒赔", Severity.WARNING))
        if row["status"] == "已结算":
            for name, header in (("settle_month", labels.SETTLE_MONTH), ("credit_note_no", labels.CREDIT_NOTE_NO)):
                if not row[name] and "settle_month" in table.columns and name in table.columns \
                        and not ctx.already_flagged(table, table.cell(i, name)):
                    out.append(ctx.problem(table, i, name, Code.SETTLEMENT_INCOMPLETE,
                                           f"索赔状态为已结算，但没有填{header}"))
        approved, total = row["approved_amount"], row["claim_total"]
        if row["status"] == "驳回" and approved:
            out.append(ctx.problem(table, i, "approved_amount", Code.APPROVED_ON_REJECTED,
                                   f"索赔已驳回，批准金额应为空或 0，却填了 {approved}"))
        elif approved is not None and total is not None and approved > total:
            out.append(ctx.problem(table, i, "approved_amount", Code.APPROVED_ABOVE_CLAIM,
                                   f"批准金额 {approved} 高于索赔合计 {total}", Severity.WARNING))
    return out


def _old_parts(ctx) -> list[Problem]:
    table = ctx.table("service", "old_parts")
    if table is None:
        return []
    out = []
    for i, row in enumerate(table.rows):
        claim = ctx.first("service", "claims", "claim_no", row["claim_no"]) if row["claim_no"] else None
        maker = _maker(ctx, claim["manufacturer"]) if claim else None
        if not (claim and maker and claim["submit_date"] and row["ship_date"]) or maker["old_parts_days"] is None:
            continue
        due = due_after(claim["submit_date"], maker["old_parts_days"])
        if row["ship_date"] > due:
            out.append(ctx.problem(table, i, "ship_date", Code.OLD_PARTS_LATE,
                                   f"旧件发运晚于返厂时限 {due}（索赔提交 {claim['submit_date']} 后 "
                                   f"{maker['old_parts_days']} 天），有被厂家扣款的风险", Severity.WARNING))
    return out


def _callbacks(ctx) -> list[Problem]:
    table = ctx.table("service", "callbacks")
    if table is None:
        return []
    out = []
    for i, row in enumerate(table.rows):
        order = ctx.first("service", "work_orders", "wo_no", row["wo_no"]) if row["wo_no"] else None
        if order and order["close_date"] and row["callback_date"] and row["callback_date"] < order["close_date"]:
            out.append(ctx.problem(table, i, "callback_date", Code.CALLBACK_BEFORE_CLOSE,
                                   f"回访日期 {row['callback_date']} 早于工单完工日期 {order['close_date']}"))
    return out
