"""Every desktop shortcut's command, taken from the ``.cmd`` the bundle ships, run as the shortcut runs it:
``python -m dealer_xl …`` in the books folder (its "Start in"), on a copy of the demo company."""

from __future__ import annotations

import subprocess
import sys

import openpyxl
import pytest

from dealer_xl import __version__
from dealer_xl.deploy import scripts
from dealer_xl.io.marks import MARKS_SHEET

WINDOWS = scripts.scripts(__version__, "3.11", ("win_amd64",))
PREFIX = f'"{scripts.PYTHON_WIN}" -m dealer_xl '


def command_of(cmd_text: str) -> list[str]:
    """The dealer-xl arguments of a shortcut's .cmd (the one line running the venv's Python)."""
    (line,) = [line for line in cmd_text.splitlines() if line.startswith(PREFIX)]
    return line[len(PREFIX):].split()


@pytest.mark.parametrize("shortcut", scripts.SHORTCUTS, ids=[s.file for s in scripts.SHORTCUTS])
def test_every_shortcut_command_runs_in_the_books_folder_without_an_open_book(shortcut, demo_copy):
    args = command_of(WINDOWS[f"{scripts.SHORTCUT_DIR}/{shortcut.file}"])
    assert tuple(args) == shortcut.args
    done = subprocess.run([sys.executable, "-m", "dealer_xl", *args], cwd=demo_copy, capture_output=True,
                          text=True, timeout=300, env={"PYTHONUTF8": "1", "HOME": str(demo_copy.parent),
                                                       "PATH": "/usr/bin:/bin"})
    assert done.returncode in (0, 1), done.stderr  # 1: the demo's planted 错误 were found; 2 would be a failure
    assert "当前工作簿不是五本台账之一" not in done.stdout + done.stderr
    if shortcut.args[0] == "validate":
        marked = [name for name in ("销售台账", "应收款台账", "售后服务台账", "工资表")
                  if MARKS_SHEET in openpyxl.load_workbook(demo_copy / f"{name}.xlsx", read_only=True).sheetnames]
        assert len(marked) == 4 and "已标记 销售台账.xlsx" in done.stdout + done.stderr
    else:
        assert list((demo_copy / "报表").glob("*.xlsx")) or "行" in done.stdout
