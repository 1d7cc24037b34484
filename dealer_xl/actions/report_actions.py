"""Ribbon actions over the receivables reports (issue #4) and the documents and packs (issue #5).

Each adapts a folder-level function of those issues to :class:`~.book.Books`, so the ribbon and
``dealer-xl action`` run it. Guarantees:

- every action reads the books through ``Books.read()`` (in Excel: the open books with their
  unsaved edits, the others from their files);
- everything is written as new files (报表/, 文书/) beside the books; no user book is changed;
- as-of dates are ``Books.today``; the month of the plan and the monthly packs is today's month;
- a document that cannot be made for want of data is listed in the message with what is missing,
  and counted in ``errors``; a bad argument from a report becomes a BookError (Chinese).
"""

from __future__ import annotations

from pathlib import Path

from ..problems import BookError
from .book import ActionResult, Books

_NUMBERED = {("sales", "sales"), ("receivables", "contracts")}


def _result(result) -> ActionResult:
    outputs = tuple(p for p in (getattr(result, "workbook", None), getattr(result, "snapshot", None)) if p)
    return ActionResult("\n".join(result.summary()), outputs)


def _ledger(books: Books):
    """The Ledger of the books as ``Books.read()`` gives them (read once per action)."""
    from .. import ledger

    return ledger.load(books)


def aging(books: Books) -> ActionResult:
    """账龄分析 as of today: workbook and snapshot in 报表/."""
    from .aging_report import age_receivables

    return _result(age_receivables(_ledger(books), books.today))


def worklist(books: Books) -> ActionResult:
    """催收清单 as of today in 报表/."""
    from .worklist import write_worklist

    return _result(write_worklist(_ledger(books), books.today))


def collection_plan(books: Books) -> ActionResult:
    """催收计划 and recovery analysis of this month in 报表/."""
    from .collection_plan import write_plan

    return _result(write_plan(_ledger(books), f"{books.today:%Y-%m}"))


def _selected_numbers(books: Books, what: str, places: set[tuple[str, str]]) -> list[str]:
    chosen = books.selection()
    if chosen is None or (chosen.book, chosen.sheet) not in places or not chosen.rows:
        where = "、".join(f"「{_sheet_name(b, s)}」" for b, s in sorted(places))
        raise BookError(f"请先在 {where} 工作表中选中要生成{what}的行（可多选），再点此按钮")
    numbers = list(dict.fromkeys(r["contract_no"] for r in chosen.rows if r["contract_no"]))
    if not numbers:
        raise BookError(f"选中的行没有合同编号，无法生成{what}")
    return numbers


def _sheet_name(book: str, sheet: str) -> str:
    from .. import schema

    return schema.sheet(book, sheet).name


def _documents(written, errors, what: str) -> ActionResult:
    lines = [f"已生成{what} {len(written)} 份：" + "、".join(d.docx.name for d in written)] if written else []
    lines += [f"未生成：{e}" for e in errors]
    return ActionResult("\n".join(lines) or f"没有需要生成的{what}",
                        tuple(p for d in written for p in (d.docx, d.pdf) if p), errors=len(errors))


def contract_document(books: Books) -> ActionResult:
    """The sales contract (.docx, and PDF where LibreOffice is installed) of each selected row."""
    from ..documents.contracts import generate_contracts
    from ..documents.steps import DOCUMENTS_DIR

    numbers = _selected_numbers(books, "合同", _NUMBERED)
    return _documents(*generate_contracts(_ledger(books), numbers, books.folder / DOCUMENTS_DIR), "合同")


def demand_letter(books: Books) -> ActionResult:
    """The demand letter (催款函) of each selected 分期合同 row, as of today."""
    from ..documents.letters import generate_letters
    from ..documents.steps import DOCUMENTS_DIR

    numbers = _selected_numbers(books, "催款函", {("receivables", "contracts")})
    return _documents(*generate_letters(_ledger(books), books.today, books.folder / DOCUMENTS_DIR,
                                        contract_nos=numbers), "催款函")


def _pack(books: Books, kind: str) -> ActionResult:
    from ..documents.packs import build_pack

    try:
        pack = build_pack(kind, _ledger(books), day=books.today)
    except ValueError as exc:
        raise BookError(str(exc)) from exc
    return ActionResult(f"已生成 {pack.title}：{Path(pack.xlsx)}", (Path(pack.xlsx),))


def daily_pack(books: Books) -> ActionResult:
    """销售日报 of today in 报表/."""
    return _pack(books, "daily")


def sales_monthly_pack(books: Books) -> ActionResult:
    """销售月报 of this month in 报表/."""
    return _pack(books, "sales")


def receivables_monthly_pack(books: Books) -> ActionResult:
    """应收月报 of this month in 报表/."""
    return _pack(books, "receivables")
