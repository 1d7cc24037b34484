"""Ribbon actions of the sales office (销售 group, #29): installment contracts from the sales, returns
back to stock, the year's target split and the salespeople's scorecard.

Guarantees: the books are read once through ``Books.read()``; the lists go to 报表/ as of
``Books.today`` (this month, next year's targets when 年度目标 has them, else this year's); a user book
changes only after the user says yes (``Books.confirm``, Excel's message box) to what the list
shows — then through ``Books.write_rows`` (the open workbook, or the safe file writer); without a
way to ask, only the list is written.
"""

from __future__ import annotations

from ..adapters import ledger_of, result_of, rows_to
from ..book import ActionResult, Books


def _ask(books: Books, lines: list[str], question: str) -> bool:
    confirm = getattr(books, "confirm", None)
    return confirm is not None and confirm("\n".join(lines[:12]) + f"\n\n{question}")


def installment_contracts(books: Books) -> ActionResult:
    """分期合同 (and 还款计划) of the approved installment sales without one; written after a yes."""
    from .contracts import sales_contracts

    led = ledger_of(books)
    result = sales_contracts(led, books.today)
    lines = result.summary()
    if result.contracts and _ask(books, lines, f"现在把这 {len(result.contracts)} 份合同写入应收款台账「分期合同」和「还款计划」吗？"):
        rows_to(books, led, "receivables", "contracts", list(result.contracts), [])
        rows_to(books, led, "receivables", "schedule", [r for c in result.contracts for r in result.schedules[c["contract_no"]]],
                [])
        lines.append(f"已写入「分期合同」{len(result.contracts)} 份及其还款计划")
    return ActionResult("\n".join(lines), tuple(p for p in (result.workbook,) if p), errors=len(result.problems))


def sales_returns(books: Books) -> ActionResult:
    """退换车: the list; after a yes, the machines back 在库 with their 退车入库 rows."""
    from .returns import pending, return_changes
    from .returns import sales_returns as list_returns

    led = ledger_of(books)
    result = list_returns(led, books.today)
    lines = result.summary()
    todo = [line for line in result.lines if any(pending(line))]
    if todo and _ask(books, lines, f"现在为这 {len(todo)} 笔办理入库（改库存状态、登记退车入库）吗？"):
        stock_changes, restocks = return_changes(led, todo)
        rows_to(books, led, "sales", "stock", [], stock_changes)
        rows_to(books, led, "sales", "restocks", restocks, [])
        lines.append(f"已办理 {len(todo)} 笔")
    return ActionResult("\n".join(lines), tuple(p for p in (result.workbook,) if p), errors=len(result.problems))


def sales_targets(books: Books) -> ActionResult:
    """销售目标分解 of next year when 年度目标 has it, else of this year; appended after a yes."""
    from .targets import sales_targets as split
    from .targets import target_records

    led = ledger_of(books)
    years = {r.get("year") for r in led.rows("sales", "annual_targets")}
    year = books.today.year + 1 if books.today.year + 1 in years else books.today.year
    result = split(led, year)
    lines = result.summary()
    new = [r for r in result.rows if r.source == "分解"]
    if new and _ask(books, lines, f"现在把分解出的 {len(new)} 行写入「销售目标」吗？"):
        records = target_records(led, list(result.rows))
        rows_to(books, led, "sales", "targets", records, [])
        lines.append(f"已写入「销售目标」{len(records)} 行")
    return ActionResult("\n".join(lines), tuple(p for p in (result.workbook,) if p))


def sales_scorecard(books: Books) -> ActionResult:
    """业务员考核 of this month in 报表/."""
    from .scorecard import sales_scorecard as scorecard

    return result_of(scorecard(books, f"{books.today:%Y-%m}"))
