"""Service-desk rules (售后服务台账, issue #29): the overdue customer, the two kinds of callback, complaints.

- 服务工单: a work order whose machine is in the workshop on the as-of date (opened, not completed)
  for a customer who, on the day it was opened, was more than 参数 ``service_hold_dpd`` days past due
  on an installment contract is marked ``customer_overdue`` (警告) with the overdue amount, the
  worst DPD and who chases it (:func:`dealer_xl.ledger.holds.customer_standing`); for 保外 work the
  message says 先款后修;
- 回访记录: a 服务回访 (回访类型 empty or 服务回访) names its 工单号; a 销售回访 names the sale's 合同编号;
- 客户投诉: 关闭日期 not before 日期; a closed complaint says how it was handled (处理结果, 警告).
"""

from __future__ import annotations

from ..ledger import Ledger
from ..ledger.holds import customer_standing, in_shop
from ..problems import Code, Problem, Severity

SALES_CALLBACK = "销售回访"


def check_service_desk(ctx: Ledger) -> list[Problem]:
    """Every problem of the rules above."""
    return [*_overdue_customers(ctx), *_callbacks(ctx), *_complaints(ctx)]


def _overdue_customers(ctx: Ledger) -> list[Problem]:
    table = ctx.table("service", "work_orders")
    if table is None or not ctx.found("receivables"):
        return []
    limit = int(ctx.params["service_hold_dpd"])
    out = []
    for i, order in enumerate(table.rows):
        if not order["customer_id"] or not in_shop(order, ctx.today):
            continue
        standing = customer_standing(ctx, order["customer_id"], order["open_date"])
        if standing is None or standing.dpd <= limit:
            continue
        name = (ctx.customer(order["customer_id"]) or {}).get("name") or order["customer_id"]
        pay_first = "；保外维修应先款后修" if order["service_type"] == "保外" else ""
        out.append(ctx.problem(
            table, i, "customer_id", Code.CUSTOMER_OVERDUE,
            f"报修时客户 {name} 的分期合同已逾期 {standing.dpd} 天（超过 {limit} 天），逾期金额 {standing.overdue:,.2f} 元，"
            f"催收责任人 {standing.responsible}（合同 {'、'.join(standing.contracts)}）{pay_first}", Severity.WARNING))
    return out


def _callbacks(ctx: Ledger) -> list[Problem]:
    table = ctx.table("service", "callbacks")
    if table is None:
        return []
    out = []
    for i, row in enumerate(table.rows):
        sales = row["kind"] == SALES_CALLBACK
        needed = "contract_no" if sales else "wo_no"
        if needed not in table.columns or row[needed] is not None or ctx.already_flagged(table, table.cell(i, needed)):
            continue
        header = table.spec.column(needed).header
        why = "销售回访须填写所回访销售的「合同编号」" if sales else f"「{header}」必填，不能为空（销售回访请填回访类型和合同编号）"
        out.append(ctx.problem(table, i, needed, Code.REQUIRED, why))
    return out


def _complaints(ctx: Ledger) -> list[Problem]:
    table = ctx.table("service", "complaints")
    if table is None:
        return []
    out = []
    for i, row in enumerate(table.rows):
        opened, closed = row["date"], row["close_date"]
        if opened and closed and closed < opened:
            out.append(ctx.problem(table, i, "close_date", Code.DATES_OUT_OF_ORDER,
                                   f"关闭日期 {closed} 早于投诉日期 {opened}"))
        elif closed and not row["result"] and "result" in table.columns:
            out.append(ctx.problem(table, i, "result", Code.COMPLAINT_INCOMPLETE,
                                   f"投诉已于 {closed} 关闭，但没有填写处理结果", Severity.WARNING))
    return out
