"""Ribbon actions of the 售后 group for the work that crosses departments (issue #29): the same
actions as ``dealer-xl service firstservice|overdue|complaints`` and ``parts plan|count-sheet``.

Guarantees: the books are read once per click (``Books.read()``: in Excel the open books with their
unsaved edits), as of ``Books.today``; each writes its workbook into 报表/; 客户投诉 asks (``Books.confirm``,
Excel's message box) before appending the drafts of dissatisfied callbacks to 客户投诉 — into the open
workbook (``Books.write_rows``) or through the safe file writer; without a way to ask nothing is written.
"""

from __future__ import annotations

from ... import ledger
from ..adapters import result_of
from ..book import ActionResult, Books


def first_service_list(books: Books) -> ActionResult:
    """首保与销售回访 due as of today."""
    from .firstservice import service_firstservice

    return result_of(service_firstservice(ledger.load(books)))


def overdue_in_workshop(books: Books) -> ActionResult:
    """在修欠款客户 as of today."""
    from .overdue import service_overdue

    return result_of(service_overdue(ledger.load(books)))


def complaint_list(books: Books) -> ActionResult:
    """客户投诉 as of today; after a yes, the drafts appended to 客户投诉."""
    from .complaints import service_complaints, write_drafts

    led = ledger.load(books)
    result = service_complaints(led)
    shown = result_of(result)
    confirm = getattr(books, "confirm", None)
    if not result.drafts or confirm is None or not confirm(
            f"{shown.message}\n\n现在把 {len(result.drafts)} 件不满意回访写入「客户投诉」吗？（先备份）"):
        return shown
    written = write_drafts(led, result.drafts, getattr(books, "write_rows", None))
    return ActionResult(f"{shown.message}\n已写入「客户投诉」{len(written)} 件：{written[0]} 至 {written[-1]}",
                        shown.outputs, errors=shown.errors)


def parts_plan_pack(books: Books) -> ActionResult:
    """配件订货计划 as of today."""
    from .parts import parts_plan

    return result_of(parts_plan(ledger.load(books)))


def parts_count(books: Books) -> ActionResult:
    """配件盘点表 of every warehouse as of today."""
    from .parts import parts_count_sheet

    return result_of(parts_count_sheet(ledger.load(books)))
