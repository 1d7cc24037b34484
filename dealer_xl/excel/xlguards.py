"""All-or-nothing writes into workbooks open in Excel: clean leftovers first, refuse before touching.

Excel has no transactions, so the adapter (:mod:`dealer_xl.excel.xlbooks`) makes its writes
restartable and checks up front what would make them stop half-way. Guarantees:

- :func:`clean_leftovers` deletes every staging sheet (``~dx_new``) an interrupted write left in an
  open book, so the next click starts clean instead of failing on the name;
- :func:`refuse_unwritable` raises a Chinese BookError, before anything is written, when the book's
  structure is protected (no sheet can be added or deleted);
- :func:`refuse_unmarkable` raises one, before any mark is cleared or made, when a sheet to be
  marked is protected or a cell to be noted holds a threaded comment (新式批注: Excel refuses a note
  on such a cell). The message names the sheet or cell and what to do, and says nothing was changed.

Excel's object model is reached through xlwings' ``.api``; an Excel too old to know a property
(threaded comments came with Microsoft 365) counts as "not present".
"""

from __future__ import annotations

from typing import Any

from ..problems import BookError, Problem

STAGING = "~dx_new"
UNCHANGED = "台账没有被改动"


def _api_flag(obj: Any, name: str) -> bool:
    """``obj.api.<name>`` as a bool; False where Excel (or the object) does not have it."""
    try:
        return bool(getattr(obj.api, name))
    except Exception:  # COM raises its own error type for a property this Excel lacks
        return False


def _threaded_comment(cell: Any) -> bool:
    try:
        return cell.api.CommentThreaded is not None
    except Exception:  # Excel before Microsoft 365 has no threaded comments
        return False


def clean_leftovers(app: Any) -> list[str]:
    """Delete leftover staging sheets in every open book; returns ``book!sheet`` of each removed."""
    removed = []
    for book in app.books:
        for sheet in list(book.sheets):
            if sheet.name == STAGING:
                sheet.delete()
                removed.append(f"{book.name}!{sheet.name}")
    return removed


def refuse_unwritable(book: Any) -> None:
    """BookError when sheets cannot be added to or deleted from ``book`` (protected structure)."""
    if _api_flag(book, "ProtectStructure"):
        raise BookError(f"工作簿「{book.name}」的结构受保护，无法添加结果工作表；请先在“审阅 → 保护工作簿”中"
                        f"取消保护，再点按钮。{UNCHANGED}")


def refuse_unmarkable(book: Any, sheets: set[str], problems: list[Problem]) -> None:
    """BookError when a sheet in ``sheets`` is protected or a problem cell holds a threaded comment."""
    refuse_unwritable(book)
    present = {s.name: s for s in book.sheets}
    for name in sorted(sheets & set(present)):
        if _api_flag(present[name], "ProtectContents"):
            raise BookError(f"工作表「{name}」受保护，无法标记问题单元格；请先在“审阅 → 撤消工作表保护”后"
                            f"再点按钮。{UNCHANGED}")
    for p in problems:
        sheet = present.get(p.sheet)
        if p.cell and sheet is not None and _threaded_comment(sheet.range(p.cell)):
            raise BookError(f"单元格 {p.sheet}!{p.cell} 有新式批注，Excel 不允许再加备注，问题无法标记；"
                            f"请先把该批注的内容抄到别处并删除批注，再点按钮。{UNCHANGED}")
