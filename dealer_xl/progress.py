"""Progress of long commands, step by step: a bar on a terminal, one summary line per step in logs.

Library code accepts any ``progress(done, total, label)`` callable (or None) and marks its steps
with :func:`step`, which works with any callable. The CLI passes :func:`terminal_progress`, whose
:class:`StepProgress`:

- on a terminal draws one bar on stderr, titled "<command> · <step>", reset at every step, so
  there is no silent stretch between reading the books and writing the result;
- when stderr is redirected (logs of scheduled runs) draws nothing and writes one line per finished
  step: ``[账龄分析] 计算账龄：270/270，1.8 秒``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress

ProgressFn = Callable[[int, int, str], None]


class StepProgress:
    """A progress callable that knows the step it is in (see the module docstring)."""

    def __init__(self, description: str, bar: Progress | None, log: TextIO | None):
        self.description, self.bar, self.log = description, bar, log
        self.task = bar.add_task(description, total=None, label="") if bar is not None else None
        self.current, self.done, self.total, self.started = "", 0, 0, time.monotonic()

    def __call__(self, done: int, total: int, label: str) -> None:
        self.done, self.total = done, total
        if self.bar is not None:
            self.bar.update(self.task, completed=done, total=total, label=label)

    def begin(self, name: str) -> None:
        """Start the step ``name`` (the previous one, if any, is finished first)."""
        self.end()
        self.current, self.done, self.total, self.started = name, 0, 0, time.monotonic()
        if self.bar is not None:
            self.bar.reset(self.task, total=None, description=f"{self.description} · {name}", label="")

    def end(self) -> None:
        """Finish the current step: its summary line when logging."""
        if not self.current:
            return
        if self.log is not None:
            count = f"{self.done}/{self.total}，" if self.total else ""
            print(f"[{self.description}] {self.current}：{count}{time.monotonic() - self.started:.1f} 秒",
                  file=self.log, flush=True)
        self.current = ""


@contextmanager
def step(progress: ProgressFn | None, name: str) -> Iterator[ProgressFn | None]:
    """Mark the step ``name`` of a long action; yields the callable to report its progress to."""
    if isinstance(progress, StepProgress):
        progress.begin(name)
        try:
            yield progress
        finally:
            progress.end()
    else:
        yield progress


@contextmanager
def terminal_progress(description: str, log: TextIO | None = None) -> Iterator[StepProgress]:
    """A :class:`StepProgress` labelled ``description``: a bar on a terminal stderr, else summary
    lines on ``log`` (default stderr). rich is imported here, not at module level, so that the
    ribbon's dispatcher stays quick to import."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        progress = StepProgress(description, None, log or sys.stderr)
        yield progress
        progress.end()
        return
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[label]}"), TimeElapsedColumn(), console=console, transient=True)
    with bar:
        progress = StepProgress(description, bar, None)
        yield progress
        progress.end()
