"""The terminal: the two consoles every command prints through, the one adapter from an action's
:class:`~dealer_xl.actions.result.Result` to what a command prints, and the one loader of the books.

Commands (:mod:`dealer_xl.commands`) and :mod:`dealer_xl.cli` both import from here, so no command
imports the CLI back. ``out`` is stdout (results: summaries, problems, totals, JSON), ``err`` stderr
(progress, 提示, the one-line error of a command that could not run).
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table as RichTable

from .problems import Problem, Severity, has_errors

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def print_summary(summary) -> None:
    """Print the per-sheet table of a :class:`~dealer_xl.actions.summary.BooksSummary` (its total
    line and problems are printed by :func:`emit`)."""
    table = RichTable(title=f"台账读取汇总：{summary.folder}")
    for header in ("台账", "工作表", "行数", "跳过(合计等)", "错误", "警告/提示"):
        table.add_column(header, justify="right" if header not in ("台账", "工作表") else "left")
    for s in summary.sheets:
        table.add_row(s.book, s.sheet, str(s.rows), str(s.skipped), str(s.errors), str(s.warnings))
    out.print(table)


def print_problems(problems: list[Problem] | tuple[Problem, ...], limit: int) -> None:
    """Print up to ``limit`` problems, errors first."""
    ordered = sorted(problems, key=lambda p: (p.severity is not Severity.ERROR, p.book, p.sheet, p.row or 0))
    for p in ordered[:limit]:
        value = f"（原值：{p.value}）" if p.value else ""
        out.print(f"  [{p.severity}] {p.where()}：{p.message}{value}", markup=False, soft_wrap=True)
    if len(ordered) > limit:
        out.print(f"  ……另有 {len(ordered) - limit} 个未列出")


def emit(result, fmt: str = "table", *, limit: int = 50) -> int:
    """THE adapter of every command over an action's Result; returns the exit code.

    ``table``: the summary lines, then up to ``limit`` problems (errors first) unless the result
    says its summary already lists them (``problems_in_summary``). ``json``: ``result.as_json()``
    when the result defines it (an object, as some issues name it), else ``result.records()``, through
    the one encoder :func:`dealer_xl.jsonout.dumps` — stdout is one JSON document, so the 错误 among
    the problems are named on stderr. Exit code 1 when an 错误 is among the problems, else 0.
    """
    from .jsonout import dumps

    problems = list(getattr(result, "problems", None) or [])
    if fmt == "json":
        as_json = getattr(result, "as_json", None)
        print(dumps(as_json() if callable(as_json) else result.records()))
        for p in problems:  # stdout stays one JSON document; what stopped the action is said here
            if p.severity is Severity.ERROR:
                err.print(f"[{p.severity}] {p.where()}：{p.message}", markup=False, soft_wrap=True)
    else:
        for line in result.summary():
            out.print(line, markup=False, soft_wrap=True)
        if problems and limit and not getattr(result, "problems_in_summary", False):
            print_problems(problems, limit)
    return 1 if has_errors(problems) else 0


def hints(lines) -> None:
    """Print each 提示 (an earlier spelling used, a write that will need --write) on stderr."""
    for line in lines or ():
        err.print(f"提示：{line}", markup=False, soft_wrap=True)


def load(folder, label: str, *, today=None):
    """The Ledger of ``folder`` read once for a command, with the command's progress on stderr; inside
    :func:`dealer_xl.ledger.held.held` (a command that computes for long on it) the books read are
    then held out of the garbage collector's full passes (:func:`~dealer_xl.ledger.held.hold`)."""
    from pathlib import Path

    from . import ledger
    from .ledger.held import hold
    from .progress import terminal_progress

    with terminal_progress(label) as progress:
        led = ledger.load(Path(folder), today=today, progress=progress)
    hold()
    return led
