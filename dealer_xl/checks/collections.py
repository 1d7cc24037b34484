"""Collections rules (应收款台账): contract terms, schedules, receipts.

A contract must fit its method (免息 has rate 0) and must have schedule rows that reconcile: one row
per period, 应还金额 = 本金 + 利息 on each row, principal summing to the financed amount. A contract
without rows is a warning for generated methods (the schedule action fills them) and an error for
自定义 (hand-entered); neither when the 还款计划 sheet or its 合同编号 column is missing (the reader
reports that once). Receipts must be positive, refer to contracts (schema), not predate the
contract, and not exceed what the schedule asks in total (warning).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from ..domain.money import ZERO
from ..ledger import Ledger
from ..problems import Code, Problem, Severity

CUSTOM, FREE = "自定义", "免息"


def check_collections(ctx: Ledger) -> list[Problem]:
    """Every contract, schedule and receipt problem of the rules above."""
    return [*_contracts(ctx), *_schedules(ctx), *_receipts(ctx)]


def _contracts(ctx: Ledger) -> list[Problem]:
    table = ctx.table("receivables", "contracts")
    if table is None:
        return []
    out = []
    has_schedule = ctx.index("receivables", "schedule", "contract_no")
    for i, row in enumerate(table.rows):
        if row["method"] == FREE and row["annual_rate"]:
            out.append(ctx.problem(table, i, "annual_rate", Code.FREE_RATE_NOT_ZERO,
                                   f"还款方式为免息，年利率应为 0（现为 {row['annual_rate']}）"))
        total, down, financed = row["total_price"], row["down_payment"], row["financed_amount"]
        if total is not None and down is not None and financed is not None and down + financed != total:
            out.append(ctx.problem(table, i, "financed_amount", Code.FINANCE_SUM_MISMATCH,
                                   f"首付款 {down} + 分期金额 {financed} 不等于合同总价 {total}"))
        if row["contract_no"] is not None and row["contract_no"] not in has_schedule \
                and row["status"] not in ("结清", "核销") and ctx.has("receivables", "schedule", "contract_no"):
            custom = row["method"] == CUSTOM
            message = ("自定义还款方式的合同须在「还款计划」中手工录入各期" if custom
                       else "「还款计划」中还没有该合同的各期，请运行“生成还款计划”")
            out.append(ctx.problem(table, i, "contract_no", Code.SCHEDULE_MISSING, message,
                                   Severity.ERROR if custom else Severity.WARNING))
    return out


def _schedules(ctx: Ledger) -> list[Problem]:
    table = ctx.table("receivables", "schedule")
    if table is None:
        return []
    out: list[Problem] = []
    by_contract: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(table.rows):
        principal, interest, due = row["principal"], row["interest"], row["amount_due"]
        if principal is not None and interest is not None and due is not None and principal + interest != due:
            out.append(ctx.problem(table, i, "amount_due", Code.SCHEDULE_MISMATCH,
                                   f"应还金额 {due} 不等于本金 {principal} + 利息 {interest}"))
        if row["contract_no"] is not None:
            by_contract[row["contract_no"]].append(i)
    for contract_no, positions in by_contract.items():
        contract = ctx.first("receivables", "contracts", "contract_no", contract_no)
        if contract is not None:
            out += _reconcile(ctx, table, contract, positions)
    return out


def _reconcile(ctx: Ledger, table, contract: dict, positions: list[int]) -> list[Problem]:
    """Period count and principal total of one contract's rows against the contract."""
    out = []
    last = positions[-1]
    term, financed = contract["term_months"], contract["financed_amount"]
    if term is not None and len(positions) != term:
        out.append(ctx.problem(table, last, "period", Code.SCHEDULE_MISMATCH,
                               f"合同 {contract['contract_no']} 的还款计划有 {len(positions)} 期，合同期数为 {term}"))
    principal = sum((table.rows[i]["principal"] or ZERO for i in positions), ZERO)
    if financed is not None and principal != financed:
        out.append(ctx.problem(table, last, "principal", Code.SCHEDULE_MISMATCH,
                               f"合同 {contract['contract_no']} 各期本金合计 {principal}，不等于分期金额 {financed}"))
    if contract["method"] == FREE:
        for i in positions:
            if table.rows[i]["interest"]:
                out.append(ctx.problem(table, i, "interest", Code.SCHEDULE_MISMATCH, "免息合同的利息应为 0"))
    return out


def _receipts(ctx: Ledger) -> list[Problem]:
    table = ctx.table("receivables", "receipts")
    if table is None:
        return []
    out = []
    owed: dict[str, Decimal] = {}
    paid: dict[str, Decimal] = defaultdict(lambda: ZERO)
    order = sorted(range(len(table.rows)), key=lambda i: (table.rows[i]["receipt_date"] or date.max, i))
    for i in order:
        row = table.rows[i]
        amount, contract_no = row["amount"], row["contract_no"]
        if amount is not None and amount <= 0:
            out.append(ctx.problem(table, i, "amount", Code.AMOUNT_NOT_POSITIVE, f"收款金额应大于 0（现为 {amount}）"))
            continue
        contract = ctx.first("receivables", "contracts", "contract_no", contract_no) if contract_no else None
        if contract is None:
            continue
        if row["receipt_date"] and contract["sign_date"] and row["receipt_date"] < contract["sign_date"]:
            out.append(ctx.problem(table, i, "receipt_date", Code.RECEIPT_BEFORE_CONTRACT,
                                   f"收款日期 {row['receipt_date']} 早于合同签订日期 {contract['sign_date']}"))
        if amount is None:
            continue
        if contract_no not in owed:
            owed[contract_no] = sum((s["amount_due"] or ZERO for s in
                                     ctx.all("receivables", "schedule", "contract_no", contract_no)), ZERO)
        paid[contract_no] += amount
        if owed[contract_no] and paid[contract_no] > owed[contract_no]:
            out.append(ctx.problem(table, i, "amount", Code.OVERPAID,
                                   f"合同 {contract_no} 累计收款 {paid[contract_no]} 超过应还总额 {owed[contract_no]}",
                                   Severity.WARNING))
    return out

