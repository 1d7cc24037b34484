"""What the wings' ribbon adapters share: the Ledger of the books, the selected rows' numbers,
and the one-message result of a report, a pack or a batch of documents.

Guarantees: the books are read through ``Books.read()`` once per action (in Excel: the open books
with their unsaved edits); a selection outside the sheets an action works on is refused with a
Chinese line naming them; a bad argument from a report becomes a BookError (Chinese).
"""

from __future__ import annotations

from pathlib import Path

from ..problems import BookError
from .book import ActionResult, Books

NUMBERED = {("sales", "sales"), ("receivables", "contracts")}


def result_of(result) -> ActionResult:
    """THE ribbon adapter: the :class:`ActionResult` of any :class:`~dealer_xl.actions.result.Result` —
    its summary as the message (and the problems it does not list, at most 20), the files it wrote
    (``paths``, else ``workbook``/``snapshot``/``path``) as outputs, its 错误 counted."""
    from ..problems import Severity

    paths = getattr(result, "paths", None) or [getattr(result, name, None) for name in ("workbook", "snapshot", "path")]
    problems = list(getattr(result, "problems", None) or [])
    lines = list(result.summary())
    if problems and not getattr(result, "problems_in_summary", False):
        lines += [str(p) for p in problems[:20]] + ([f"……另有 {len(problems) - 20} 个未列出"] if len(problems) > 20 else [])
    return ActionResult("\n".join(lines), tuple(Path(p) for p in paths if p),
                        errors=sum(p.severity is Severity.ERROR for p in problems))


def ledger_of(books: Books):
    """The Ledger of the books as ``Books.read()`` gives them (read once per action)."""
    from .. import ledger

    return ledger.load(books)


def selected_numbers(books: Books, what: str, places: set[tuple[str, str]]) -> list[str]:
    """The contract numbers of the selected rows, refused unless they are rows of one of ``places``."""
    chosen = books.selection()
    if chosen is None or (chosen.book, chosen.sheet) not in places or not chosen.rows:
        where = "、".join(f"「{sheet_name(b, s)}」" for b, s in sorted(places))
        raise BookError(f"请先在 {where} 工作表中选中要生成{what}的行（可多选），再点此按钮")
    numbers = list(dict.fromkeys(r["contract_no"] for r in chosen.rows if r["contract_no"]))
    if not numbers:
        raise BookError(f"选中的行没有合同编号，无法生成{what}")
    return numbers


def sheet_name(book: str, sheet: str) -> str:
    """The Chinese name of a sheet."""
    from .. import schema

    return schema.sheet(book, sheet).name


def documents_result(written, errors, what: str) -> ActionResult:
    """The one-message result of a batch of documents (what was written, what was not and why)."""
    lines = [f"已生成{what} {len(written)} 份：" + "、".join(d.docx.name for d in written)] if written else []
    lines += [f"未生成：{e}" for e in errors]
    return ActionResult("\n".join(lines) or f"没有需要生成的{what}",
                        tuple(p for d in written for p in (d.docx, d.pdf) if p), errors=len(errors))


def pack_result(books: Books, kind: str) -> ActionResult:
    """The report pack ``kind`` as of today in 报表/."""
    from ..documents.packs import build_pack

    try:
        pack = build_pack(kind, ledger_of(books), day=books.today)
    except ValueError as exc:
        raise BookError(str(exc)) from exc
    return ActionResult(f"已生成 {pack.title}：{Path(pack.xlsx)}", (Path(pack.xlsx),))


def rows_to(books: Books, led, book: str, sheet: str, append: list, update: list) -> None:
    """Append ``append`` (field → value) to ``book``/``sheet`` and set ``update`` ((row index, field →
    value)): through ``Books.write_rows`` (the open workbook in Excel), else the safe file writer —
    an optional sheet the file lacks is created with its schema header."""
    if not append and not update:
        return
    writer = getattr(books, "write_rows", None)
    if writer is not None:
        writer(book, sheet, append, update)
        return
    from ..io.append import append_rows, set_fields
    from ..io.writer import editing
    from .book_rows import sheet_for_rows

    with editing(led.path(book)) as workbook:
        ws, table = sheet_for_rows(workbook, led, book, sheet)
        for i, values in update:
            set_fields(ws, table, i, values)
        if append:
            append_rows(ws, table, append)
