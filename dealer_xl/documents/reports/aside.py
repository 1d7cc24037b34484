"""A part of a report computed in a child process while the report computes the rest (two cores).

:func:`beside` starts ``compute()`` in a forked child and returns a function giving its result. The
child runs the same function on the same objects (copied at the fork: the books read, their
positions) and sends the pickled result back through a pipe. Guarantees:

- the result is what ``compute()`` gives in this process: on any failure in the child (an
  exception, a result that cannot be pickled, a child killed) the parent computes it itself, so an
  error is raised as it would be without the child;
- a child is started only inside :func:`allowed` (the ``report`` command), where the system can fork
  and the process has no other thread (a thread holding a lock at the fork could stop the child: a
  test runner's worker, Excel's host) — elsewhere ``compute`` runs when its result is asked for;
- the child writes nothing but the pipe (no file, no output) and ends without running the exit
  handlers or flushing the parent's buffers (:func:`os._exit`).
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
_ALLOWED = [0]


@contextmanager
def allowed() -> Iterator[None]:
    """The span in which :func:`beside` may start a child process."""
    _ALLOWED[0] += 1
    try:
        yield
    finally:
        _ALLOWED[0] -= 1


def forks() -> bool:
    """True when :func:`beside` starts a child here and now."""
    return bool(_ALLOWED[0]) and hasattr(os, "fork") and threading.active_count() == 1


def beside(compute: Callable[[], T]) -> Callable[[], T]:
    """``compute`` started in a child process when :func:`forks`; call the result to get its value."""
    if not forks():
        return compute
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, end
        code = 1
        try:
            os.close(read)
            data = pickle.dumps(compute(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as pipe:
                pipe.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write)

    def result() -> T:
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status == 0 and data:
            return pickle.loads(data)
        return compute()  # the child failed: the same computation here, raising what it raises

    return result
