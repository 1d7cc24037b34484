"""How a docs example's ``dealer-xl`` command is run: in a fresh process, or in the test's own.

Both give what a user's terminal would get from ``dealer-xl ARGS`` run in the example's folder with
:data:`ENV` added (a 120-column, colourless terminal): the exit code, standard output, standard error.

- :func:`run_fresh` starts ``python -m dealer_xl`` (a new interpreter: the real streams, imports,
  the module entry point); about a second of start-up and imports per command.
- :func:`run_here` calls the CLI's ``main(argv)`` in this process with the same working folder,
  environment, streams (text captured, stdin empty) and exit code (``SystemExit`` and an uncaught
  exception as the interpreter would report them). What a command may touch process-wide is put
  back afterwards (the working folder, ``os.environ``, the standard streams, the consoles' width)
  and checked (the garbage collector enabled with nothing left frozen, argparse's translations, no
  thread of the command left running). What stays is only what a long-lived process keeps anyway:
  imported modules and the caches they key by path and version of a file (every example has its
  own temporary folder).

Which examples keep a fresh process is :func:`needs_fresh_process` (the test's docstring says why).
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import subprocess
import sys
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path

ENV = {"COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb"}
# commands that change the whole process (signal handlers, logging's root handlers, the console
# script's interpreter checks, pip and build children): always run as a user's terminal runs them
FRESH_PROCESS = frozenset({"jobs", "scheduler", "doctor", "bundle", "addin"})


@dataclass(frozen=True)
class Ran:
    """What one command gave back: its exit code and its two text streams."""

    code: int
    stdout: str
    stderr: str


def run_fresh(argv: list[str], cwd: Path) -> Ran:
    """``dealer-xl argv`` in a new ``python -m dealer_xl`` process in ``cwd``."""
    done = subprocess.run([sys.executable, "-m", "dealer_xl", *argv], cwd=cwd, env={**os.environ, **ENV},
                          capture_output=True, text=True, timeout=600)
    return Ran(done.returncode, done.stdout, done.stderr)


def run_here(argv: list[str], cwd: Path) -> Ran:
    """``dealer-xl argv`` through the CLI's ``main(argv)`` in this process, as :func:`run_fresh` would
    run it (see the module docstring); raises AssertionError when the command left the process changed."""
    from dealer_xl import console
    from dealer_xl.cli import main

    before, threads = _process_state(), set(threading.enumerate())
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    widths = [(c, c._width) for c in (console.out, console.err)]
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        os.environ.update(ENV)
        for c, _ in widths:  # a console made before COLUMNS was set reads it again, as a new process does
            c._width = None
        os.chdir(cwd)
        sys.stdin, sys.stdout, sys.stderr = io.StringIO(""), stdout, stderr
        try:
            code = main(list(argv))
        except SystemExit as e:
            code = _exit_status(e, stderr)
        except BaseException:  # what the interpreter prints for an uncaught exception, and its status
            traceback.print_exc(file=stderr)
            code = 1
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        for c, width in widths:
            c._width = width
    after = _process_state()
    assert after == before, f"dealer-xl {' '.join(argv)} 改变了进程状态：{before} → {after}"
    left = [t.name for t in threading.enumerate() if t not in threads]
    assert not left, f"dealer-xl {' '.join(argv)} 留下了仍在运行的线程：{left}"
    return Ran(code, stdout.getvalue(), stderr.getvalue())


def needs_fresh_process(first_word: str) -> bool:
    """Whether a command (by its first word) must run in a new process (:data:`FRESH_PROCESS`)."""
    return first_word in FRESH_PROCESS


def _exit_status(e: SystemExit, stderr: io.StringIO) -> int:
    if e.code is None:
        return 0
    if isinstance(e.code, int):
        return e.code
    print(e.code, file=stderr)  # sys.exit("text"): the interpreter prints it and exits 1
    return 1


def _process_state() -> tuple:
    """What a command must give back: the garbage collector as it was, argparse's translations."""
    return (gc.isenabled(), gc.get_freeze_count(), argparse._)
