"""Ribbon actions of the after-sales office (售后 group, #29): submitting the selected claims and the
technicians' scorecard.

Guarantees: the books are read once through ``Books.read()``; 提交索赔 marks the selected 索赔单 rows
已提交 (提交日期 ``Books.today``) only after the user says yes (``Books.confirm``), through
``Books.write_rows``; without a way to ask it only says what it would mark; 技师考核 writes this
month's workbook into 报表/.
"""

from __future__ import annotations

from ...problems import BookError
from ..adapters import ledger_of, result_of, rows_to
from ..book import ActionResult, Books


def claims_submit(books: Books) -> ActionResult:
    """Mark the selected 索赔单 rows 已提交 (after a yes)."""
    from .submit import submit_claims, submit_updates

    chosen = books.selection()
    if chosen is None or (chosen.book, chosen.sheet) != ("service", "claims") or not chosen.rows:
        raise BookError("请先在「索赔单」工作表中选中要提交给厂家的行（可多选），再点此按钮")
    numbers = [r["claim_no"] for r in chosen.rows if r.get("claim_no")]
    led = ledger_of(books)
    result = submit_claims(led, numbers, books.today)
    lines = result.summary()
    confirm = getattr(books, "confirm", None)
    if result.submitted and confirm is not None and confirm("\n".join(lines) + "\n\n现在标记为已提交吗？（先备份）"):
        rows_to(books, led, "service", "claims", [], submit_updates(led, list(result.submitted)))
        lines.append(f"已标记 {len(result.submitted)} 张为已提交")
    return ActionResult("\n".join(lines), errors=len(result.problems))


def service_scorecard(books: Books) -> ActionResult:
    """技师考核 of this month in 报表/."""
    from .scorecard import service_scorecard as scorecard

    return result_of(scorecard(books, f"{books.today:%Y-%m}"))
