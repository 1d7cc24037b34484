"""Ribbon actions of the 工资 group: 计算工资 (preview, then 确认写入), 工资条, 银行代发文件,
个税申报表, 工资汇总.

Guarantees: every action reads the books once through ``Books.read()`` (in Excel the open books
with their unsaved edits) into one Ledger; 计算工资 writes only the generated preview sheet
``工资预览`` of 工资表 and never 工资结果; 确认写入 computes the same month again and writes 工资结果
(the closed-period guard first); an employee the input gate refuses is listed with book, sheet, cell
and reason and left out of both, the others are computed (the message counts the 错误); the month
is the one after the latest in 工资结果, else the go-live month (payroll runs in month order) and
the hand-on files use the latest month in 工资结果. Outputs go to 报表/ beside the books.
"""

from __future__ import annotations

from ... import ledger
from ...ledger.period import refuse_if_closed
from ...problems import BookError, Severity
from ..adapters import ledger_of, result_of
from ..book import ActionResult, Books

PREVIEW_SHEET = "工资预览"


def _errors(run) -> int:
    return sum(p.severity is Severity.ERROR for p in run.problems)


def payroll_preview(books: Books) -> ActionResult:
    """Compute the next month and show it in 工资预览 (工资结果 untouched)."""
    from .run import RESULTS, compute_month, next_month, result_sheet

    led = ledger_of(books)
    run = compute_month(led, next_month(led))
    if not run.lines:
        return ActionResult("\n".join(run.summary()), errors=_errors(run))
    headers, _, formats, widths = result_sheet(led, run)
    books.write_sheet("payroll", PREVIEW_SHEET, headers,
                      [[getattr(x, f) for f in RESULTS.fields] for x in run.lines],
                      number_formats=formats, widths=widths)
    lines = run.summary() + [f"预览已写入「{PREVIEW_SHEET}」；核对无误后点「确认写入」写入「{RESULTS.name}」"]
    return ActionResult("\n".join(lines), errors=_errors(run))


def payroll_write(books: Books) -> ActionResult:
    """Write the previewed month into 工资结果."""
    from .run import RESULTS, compute_month, next_month, result_sheet

    led = ledger_of(books)
    month = next_month(led)
    refuse_if_closed(led.params, [month], f"写入 {month} 工资结果")
    run = compute_month(led, month)
    if run.lines:
        headers, rows, formats, widths = result_sheet(led, run)
        books.write_sheet("payroll", RESULTS.name, headers, rows, number_formats=formats, widths=widths)
        run.written = True
    return ActionResult("\n".join(run.summary()), errors=_errors(run))


def _latest(led: ledger.Ledger) -> str:
    months = sorted(m for m in (r.get("month") for r in led.rows("payroll", "results")) if m)
    if not months:
        raise BookError("「工资结果」还没有数据：请先点「计算工资」并「确认写入」")
    return months[-1]


def _output(books: Books, kind: str) -> ActionResult:
    from . import outputs as payroll_outputs

    led = ledger_of(books)
    return result_of(getattr(payroll_outputs, f"write_{kind}")(books.folder, _latest(led), led=led))


def payroll_slips(books: Books) -> ActionResult:
    """工资条 of the latest month (workbook + PDFs; mail only from the command line with --config)."""
    return _output(books, "slips")


def payroll_bank(books: Books) -> ActionResult:
    """银行代发文件 of the latest month."""
    return _output(books, "bank")


def payroll_tax(books: Books) -> ActionResult:
    """个税申报表 of the latest month."""
    return _output(books, "tax")


def payroll_summary(books: Books) -> ActionResult:
    """工资汇总 of the latest month."""
    return _output(books, "summary")
