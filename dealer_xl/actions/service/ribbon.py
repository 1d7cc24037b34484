"""Ribbon actions of the 售后 group: the same actions as ``dealer-xl service …`` and ``report service``.

Guarantees:

- 生成索赔单 writes the drafts into the generated sheet 索赔预览 of 售后服务台账 first (a work order the
  input gate refuses is listed there without amounts, and named in the message); only when the
  user then says yes (``Books.confirm``, Excel's message box) are the eligible ones appended to 索赔单
  (``Books.write_rows``: the open workbook, or the safe file writer); without a way to ask, nothing
  but the preview is written;
- 厂家结算核对 asks for the statement with Excel's Open dialog (``Books.choose_file``; the action
  receives a path); without a dialog it checks every ``*结算单*.xls*`` beside the books. The
  核对 workbook goes to 报表/; the settled rows are written into 索赔单 only after a yes;
- the others write their workbook into 报表/ as of ``Books.today`` (its month for monthly figures).
"""

from __future__ import annotations

from pathlib import Path

from ... import ledger
from ...problems import BookError
from ..adapters import result_of
from ..book import ActionResult, Books

PREVIEW_SHEET = "索赔预览"
STATEMENT_FILTER = "Excel 文件 (*.xlsx;*.xlsm;*.xls),*.xlsx;*.xlsm;*.xls"


_result = result_of  # the one ribbon adapter


def _write(books: Books, led, sheet: str, append: list, update: list) -> None:
    writer = getattr(books, "write_rows", None)
    if writer is not None:
        writer("service", sheet, append, update)
        return
    from ...io.append import append_rows, set_fields
    from ...io.writer import editing

    table = led.table("service", sheet)
    with editing(led.path("service")) as workbook:
        for i, values in update:
            set_fields(workbook[table.sheet_name], table, i, values)
        if append:
            append_rows(workbook[table.sheet_name], table, append)


def _book_rows(books: Books, led, book: str, sheet: str, append: list) -> None:
    """Append rows to another book's sheet: the open workbook's through ``Books.write_rows``, else the file."""
    writer = getattr(books, "write_rows", None)
    if writer is not None:
        writer(book, sheet, append, [])
        return
    from ...io.append import append_rows
    from ...io.writer import editing
    from ..book_rows import sheet_for_rows

    with editing(led.path(book)) as workbook:
        append_rows(*sheet_for_rows(workbook, led, book, sheet), append)


def claims_preview(books: Books) -> ActionResult:
    """生成索赔单: preview sheet, then (after a yes) append to 索赔单."""
    from .claims import (
        FORMATS,
        HEADERS,
        claim_records,
        draft_claims,
        old_part_records,
        preview_rows,
        write_claims,
    )

    led = ledger.load(books)
    drafts, refused = draft_claims(led)
    books.write_sheet("service", PREVIEW_SHEET, list(HEADERS), preview_rows(drafts),
                      number_formats={h: f for h, f in FORMATS.items()})
    eligible = [d for d in drafts if d.eligible]
    total = sum((d.claim_total for d in eligible), 0)
    lines = [f"索赔预览：三包工单 {len(drafts)} 张待索赔，可索赔 {len(eligible)} 张，合计 {total:,.2f} 元"
             f"（见「{PREVIEW_SHEET}」工作表）"]
    lines += [d.reason for d in drafts if d.wo_no in refused]
    confirm = getattr(books, "confirm", None)
    if eligible and confirm is not None and confirm(f"{lines[0]}\n\n现在把这 {len(eligible)} 张写入「索赔单」（状态待提交）吗？"):
        if getattr(books, "write_rows", None) is None:
            written = write_claims(led, drafts, books.today)
        else:
            records = claim_records(led, drafts, books.today)
            _write(books, led, "claims", records, [])
            parts = old_part_records(led, records)
            if parts:
                _write(books, led, "old_parts", parts, [])
            written = tuple(r["claim_no"] for r in records)
        lines.append(f"已写入「索赔单」{len(written)} 张：{written[0]} 至 {written[-1]}")
    return ActionResult("\n".join(lines))


def claim_deadlines(books: Books) -> ActionResult:
    """索赔时限 as of today."""
    from .deadlines import service_deadlines

    return _result(service_deadlines(ledger.load(books)))


def _statements(books: Books) -> list[Path]:
    choose = getattr(books, "choose_file", None)
    if choose is not None:
        chosen = choose("选择厂家结算单", STATEMENT_FILTER)
        if chosen is None:
            raise BookError("没有选择结算单文件，未核对")
        return [Path(chosen)]
    found = sorted(p for p in Path(books.folder).glob("*结算单*.xls*") if not p.name.startswith("~$"))
    if not found:
        raise BookError(f"在 {books.folder} 中没有找到厂家结算单（文件名含“结算单”的 Excel 文件）")
    return found


def settlement_check(books: Books) -> ActionResult:
    """厂家结算核对: match the chosen statement; write the results into 索赔单 after a yes."""
    from .settle import ledger_entries, service_settle, settlement_updates

    led = ledger.load(books)
    lines, outputs = [], []
    confirm = getattr(books, "confirm", None)
    for path in _statements(books):
        result = service_settle(led, path)
        lines += result.summary()
        outputs.append(result.workbook)
        if confirm is None:
            continue
        updates = settlement_updates(led, result.statement, result.rows)
        if updates and confirm("\n".join(result.summary()[:2]) +
                                                       f"\n\n现在把 {len(updates)} 行结算结果写入「索赔单」吗？（先备份）"):
            entries = ledger_entries(led, result.manufacturer, updates, books.today) if led.found("sales") else []
            _write(books, led, "claims", [], updates)
            if entries:
                _book_rows(books, led, "sales", "manufacturer_ledger", entries)
            lines.append(f"已写入「索赔单」{len(updates)} 行" + (f"，「厂家往来」索赔结算 {len(entries)} 行" if entries else ""))
    return ActionResult("\n".join(lines), tuple(p for p in outputs if p))


def callback_list(books: Books) -> ActionResult:
    """回访清单 as of today, with this month's statistics."""
    from .people import service_callbacks

    return _result(service_callbacks(ledger.load(books)))


def technician_piece_pay(books: Books) -> ActionResult:
    """技师计件 of this month."""
    from .pay import service_pay

    return _result(service_pay(ledger.load(books), f"{books.today:%Y-%m}"))


def service_monthly_pack(books: Books) -> ActionResult:
    """售后月报 of this month."""
    from ...documents.packs import build_pack

    led = ledger.load(books)
    pack = build_pack("service", led, month=f"{books.today:%Y-%m}")
    return ActionResult(f"已生成 {pack.title}：{pack.xlsx}", (pack.xlsx,))
