"""Terminal progress for long commands: a ``progress(done, total, label)`` callable over rich.

Library code accepts any such callable (or None); the CLI passes :func:`terminal_progress`, which
draws a bar on stderr when it is a terminal and stays silent otherwise (logs, CI).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

ProgressFn = Callable[[int, int, str], None]


@contextmanager
def terminal_progress(description: str) -> Iterator[ProgressFn]:
    """A progress callable drawing one bar labelled ``description`` on stderr; closed on exit."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[label]}"), TimeElapsedColumn(),
                   console=console, transient=True, disable=not console.is_terminal)
    task = bar.add_task(description, total=None, label="")

    def update(done: int, total: int, label: str) -> None:
        bar.update(task, completed=done, total=total, label=label)

    with bar:
        yield update
