"""The terminal: the two consoles every command prints through, and the shared printers.

Commands (:mod:`dealer_xl.commands`) and :mod:`dealer_xl.cli` both import from here, so no command
imports the CLI back. ``out`` is stdout (results), ``err`` stderr (messages, counts, errors).
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table as RichTable

from .problems import Problem, Severity

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def print_summary(summary, limit: int = 20) -> None:
    """Print the per-sheet table and the first ``limit`` problems."""
    table = RichTable(title=f"台账读取汇总：{summary.folder}")
    for header in ("台账", "工作表", "行数", "跳过(合计等)", "错误", "警告/提示"):
        table.add_column(header, justify="right" if header not in ("台账", "工作表") else "left")
    for s in summary.sheets:
        table.add_row(s.book, s.sheet, str(s.rows), str(s.skipped), str(s.errors), str(s.warnings))
    out.print(table)
    out.print(f"共读取 {summary.total_rows} 行；无法读取或有疑问的值 {len(summary.problems)} 个。")
    print_problems(summary.problems, limit)


def print_problems(problems: list[Problem] | tuple[Problem, ...], limit: int) -> None:
    """Print up to ``limit`` problems, errors first."""
    ordered = sorted(problems, key=lambda p: (p.severity is not Severity.ERROR, p.book, p.sheet, p.row or 0))
    for p in ordered[:limit]:
        value = f"（原值：{p.value}）" if p.value else ""
        out.print(f"  [{p.severity}] {p.where()}：{p.message}{value}", markup=False, soft_wrap=True)
    if len(ordered) > limit:
        out.print(f"  ……另有 {len(ordered) - limit} 个未列出")
