"""A command leaves what is left to the system at the end of the process (#24).

:func:`dealer_xl.cli.leave_to_exit` (called by ``main`` for every command) freezes the objects still alive when the
interpreter ends, so its last garbage collection does not walk the books read once more. It must
register once however many commands run in a process, and a command run as its own process must
still print everything and leave complete files behind.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import zipfile

from dealer_xl import cli


def test_the_hook_is_registered_once_per_process(monkeypatch):
    registered = []
    monkeypatch.setattr(cli, "_AT_EXIT", [])
    monkeypatch.setattr(cli.atexit, "register", registered.append)
    cli.leave_to_exit()
    cli.leave_to_exit()
    assert registered == [gc.freeze]


def test_a_command_as_its_own_process_prints_and_writes_everything(demo_copy):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    proc = subprocess.run([sys.executable, "-m", "dealer_xl", "receivables", "age", str(demo_copy), "--as-of",
                           "2026-10-31"], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    book = demo_copy / "报表" / "账龄分析_2026-10-31.xlsx"
    snapshot = demo_copy / "报表" / "快照" / "账龄_2026-10-31.json"
    assert proc.stdout.rstrip().splitlines()[-1].endswith(str(snapshot))  # the last line, flushed
    with zipfile.ZipFile(book) as package:
        assert package.testzip() is None and "xl/worksheets/sheet3.xml" in package.namelist()
    assert json.loads(snapshot.read_text(encoding="utf-8"))["as_of"] == "2026-10-31"
