"""Ribbon action of the close: 月末结账 closes the month before today (the books must be closed in
Excel first: a locked book stops the close before anything is written).

Guarantees: the message lists at most ten of the problems that blocked the close and says how many
more there are; the archive written is the action's output.
"""

from __future__ import annotations

from datetime import timedelta

from ..book import ActionResult, Books


def month_end_close(books: Books) -> ActionResult:
    """Ribbon 月末结账: close the month before ``books.today`` (the books must be closed in Excel)."""
    from .closing import close_month  # imported when pressed: the close pulls in the report writers

    first = books.today.replace(day=1)
    result = close_month(books.folder, f"{first - timedelta(days=1):%Y-%m}", today=books.today)
    lines = result.lines + [f"{p.where()}：{p.message}" for p in result.problems[:10]]
    if len(result.problems) > 10:
        lines.append(f"……另有 {len(result.problems) - 10} 个错误，请点「问题清单」查看")
    errors = len(result.problems) if result.status == "blocked" else 0
    return ActionResult("\n".join(lines), (result.archive,) if result.archive else (), errors)
