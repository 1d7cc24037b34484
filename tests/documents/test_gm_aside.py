"""The GM pack's 财务 page computed in a child process (:mod:`dealer_xl.documents.reports.aside`, #24).

The child's result must be what computing it in the process gives: the ``report gm`` command (where
the child is started) writes the same workbook cells and HTML as the pack built in this process
without a child. :func:`beside` itself: a value comes back as computed, a failing computation raises
its own error (computed again in the parent), a result that cannot be pickled is computed in the
parent, and no child is started outside :func:`allowed` or while another thread runs. The runs that
fork are separate processes (this test process may have threads of its own).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date

from openpyxl import load_workbook

from dealer_xl import ledger
from dealer_xl.documents.packs import build_pack
from dealer_xl.documents.reports.aside import beside, forks

TODAY = date(2026, 10, 31)
COUNTING = """
import os
forked = []
_fork = os.fork
def fork():
    pid = _fork()
    if pid:
        forked.append(pid)
    return pid
os.fork = fork
"""


def run(code: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", COUNTING + textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.splitlines()


def test_beside_gives_what_the_computation_gives():
    lines = run("""
        import threading
        from decimal import Decimal
        from dealer_xl.documents.reports.aside import allowed, beside

        print("outside", beside(lambda: 1)(), len(forked))
        with allowed():
            got = beside(lambda: {"a": [Decimal("1.10"), None, "甲"]})
            print("value", got() == {"a": [Decimal("1.10"), None, "甲"]}, len(forked))
            def fails():
                raise ValueError("坏数据")
            try:
                beside(fails)()
            except ValueError as e:
                print("raised", e, len(forked))
            f = beside(lambda: (lambda: 7))  # a function cannot be pickled: made again here
            print("unpickled", f()(), len(forked))
            stop = threading.Event()
            t = threading.Thread(target=stop.wait)
            t.start()
            print("threaded", beside(lambda: 2)(), len(forked))
            stop.set()
            t.join()
    """)
    assert lines == ["outside 1 0", "value True 1", "raised 坏数据 2", "unpickled 7 3", "threaded 2 3"]


def test_no_child_in_this_process_without_allowed():
    assert not forks()
    assert beside(lambda: 3)() == 3


def cells(path) -> dict:
    wb = load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb}


def test_the_command_with_its_child_writes_what_the_pack_without_it_writes(demo_books, tmp_path):
    out = tmp_path / "cli"
    lines = run(f"""
        from dealer_xl.cli import main
        code = main(["report", "gm", {str(demo_books)!r}, "--month", "2026-10", "--as-of", "2026-10-31",
                     "--out", {str(out)!r}])
        print("forked", len(forked), code)
    """)
    assert lines[-1] in ("forked 1 0", "forked 1 1")  # the 财务 page was computed by a child
    plain = build_pack("gm", ledger.load(demo_books, today=TODAY), tmp_path / "plain", day=TODAY, month="2026-10")
    made = next(out.glob("*.xlsx"))
    assert cells(made) == cells(plain.xlsx)
    assert "财务" in cells(made)
    html = made.with_suffix(".html").read_text(encoding="utf-8")
    assert html == plain.html.replace("cid:chart1", f"{made.stem}_chart1.png")
    assert made.with_name(f"{made.stem}_chart1.png").read_bytes() == plain.images["chart1"]
