"""Actions behind the 校验 ribbon buttons, written once against :class:`~.book.Books`.

Each takes the books (files or the open workbooks in Excel) and returns an
:class:`~.book.ActionResult`. Guarantees: every result is computed in full before anything is
written (a failure leaves no half-written sheet or marks); only the active book is marked; the
问题清单 is a new workbook in the 报表 folder beside the books.
"""

from __future__ import annotations

from .. import ledger
from ..checks import run_checks
from ..checks.closed_period import check_closed_period
from ..ledger.seal import load_seal
from ..problems import BookError, Severity
from .book import OUTPUT_DIR, ActionResult, Books


def _problems(books: Books):
    led = ledger.load(books)
    problems = run_checks(led) + led.param_problems
    seal = load_seal(led, books.folder, led.params)
    return led.books, problems + (check_closed_period(led, seal) if seal is not None else [])


def _counts(problems) -> str:
    return (f"错误 {sum(p.severity is Severity.ERROR for p in problems)} 个，"
            f"警告 {sum(p.severity is Severity.WARNING for p in problems)} 个，"
            f"提示 {sum(p.severity is Severity.INFO for p in problems)} 个")


def validate_active_book(books: Books) -> ActionResult:
    """Check all five books and mark the active book's problem cells (old marks cleared)."""
    active = books.active_book()
    if active is None:
        raise BookError("当前工作簿不是五本台账之一；请先切换到要校验的台账（如 销售台账.xlsx）再点“校验本簿”")
    data, problems = _problems(books)
    name = data[active].path.name
    mine = [p for p in problems if p.book == name]
    marked = books.mark(active, [p for p in mine if p.cell])
    return ActionResult(f"{name}：{_counts(mine)}；已标记 {marked} 个单元格（红=错误，黄=警告，蓝=提示，"
                        f"批注写明原因）。改正后再点一次“校验本簿”，旧标记会自动清除。",
                        errors=sum(p.severity is Severity.ERROR for p in mine))


def problem_list(books: Books) -> ActionResult:
    """Check all five books and write every problem to 报表/问题清单.xlsx (cells linked)."""
    from .validate import write_problem_list

    _, problems = _problems(books)
    path = write_problem_list(problems, books.folder / OUTPUT_DIR / "问题清单.xlsx", books.folder)
    return ActionResult(f"五本台账：{_counts(problems)}；问题清单已写入 {path}", (path,),
                        errors=sum(p.severity is Severity.ERROR for p in problems))




def books_summary(books: Books) -> ActionResult:
    """Count the rows read per book and the values that could not be read."""
    data = books.read()
    lines = []
    problems = []
    for book in data.values():
        problems.extend(book.problems)
        rows = sum(len(t.rows) for t in book.tables.values())
        lines.append(f"{book.spec.filename}：{rows} 行" if book.found else f"{book.spec.filename}：未找到")
    return ActionResult("；".join(lines) + f"。无法读取或有疑问的值 {len(problems)} 个"
                        + ("，请点“校验本簿”查看位置。" if problems else "。"),
                        errors=sum(p.severity is Severity.ERROR for p in problems))
