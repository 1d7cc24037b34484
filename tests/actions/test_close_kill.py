"""A month-end close killed (SIGKILL) at any point leaves, once the next dealer_xl command has run,
every book old or every book new — never some of each — and the close can be run again.

The close of the first-day company (tests/first_day_company.py) writes two books (还款计划 into
应收款台账, the lock into 主数据), its reports and the archive. Every step that changes what is on
disk is one ``os.link`` / ``os.replace`` / ``os.rename``; a forked child runs the close and kills
itself just before the n-th such step, for every n, and just after the last one (the commit). So
every state the disk can be left in by a kill is tried. A kill of the next command while it rolls
back is tried too. About 1 minute on one core.
"""

from __future__ import annotations

import os
import shutil
import signal
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from dealer_xl import ledger, schema
from dealer_xl.actions.close.closing import close_month
from dealer_xl.io.journal import JOURNAL

from ..first_day_company import build_first_day

pytestmark = pytest.mark.skipif(os.name != "posix" or not hasattr(os, "fork"), reason="fork and SIGKILL")

MONTH, TODAY = "2026-07", date(2026, 8, 3)
STEPS = ("link", "replace", "rename")
NAMES = [b.filename for b in schema.BOOKS]


def run_and_kill(folder: Path, action, *, before: int | None = None, after: int | None = None) -> int:
    """Run ``action(folder)`` in a forked child that SIGKILLs itself around its n-th disk step;
    returns how many steps it made (when it was not killed) or -1."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: count the steps, die where told
        os.close(read)
        count = [0]

        def counted(real):
            def step(*args, **kwargs):
                count[0] += 1
                if count[0] == before:
                    os.kill(os.getpid(), signal.SIGKILL)
                result = real(*args, **kwargs)
                if count[0] == after:
                    os.kill(os.getpid(), signal.SIGKILL)
                return result
            return step

        for name in STEPS:
            setattr(os, name, counted(getattr(os, name)))
        try:
            action(folder)
            os.write(write, str(count[0]).encode())
        finally:
            os._exit(0)
    os.close(write)
    _, status = os.waitpid(pid, 0)
    made = os.read(read, 64)
    os.close(read)
    return int(made) if os.WIFEXITED(status) and made else -1


def close(folder: Path) -> None:
    close_month(folder, MONTH, today=TODAY)


def books(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in NAMES}


def state(folder: Path, old: dict[str, bytes]) -> str:
    """``old`` (every book as before the close) or ``new`` (every book as the close leaves it)."""
    now = books(folder)
    if now == old:
        return "old"
    changed = {name for name in NAMES if now[name] != old[name]}
    assert changed == {"主数据.xlsx", "应收款台账.xlsx"}, f"some books new, some old: {sorted(changed)}"
    led = ledger.load(folder)
    assert led.params["closed_through"] == MONTH, "应收款台账 new but the month not locked"
    assert len(led.rows("receivables", "schedule")) == 12 + 6 + 12, "the lock written but not the schedules"
    return "new"


@pytest.fixture(scope="module")
def company(tmp_path_factory) -> Path:
    return build_first_day(tmp_path_factory.mktemp("first_day") / "台账")


@pytest.fixture(scope="module")
def steps(company, tmp_path_factory) -> int:
    """How many disk steps an uninterrupted close makes (and that it closes)."""
    folder = tmp_path_factory.mktemp("whole") / "台账"
    shutil.copytree(company, folder)
    made = run_and_kill(folder, close)
    assert made > 10 and state(folder, books(company)) == "new"
    return made


def test_the_close_makes_a_known_number_of_steps_and_leaves_no_journal(company, steps, tmp_path):
    folder = tmp_path / "台账"
    shutil.copytree(company, folder)
    assert run_and_kill(folder, close) == steps
    assert not (folder / JOURNAL).exists()


def test_a_close_killed_before_any_step_is_all_old_or_all_new_after_the_next_command(company, steps, tmp_path):
    old = books(company)
    for n in range(1, steps + 2):
        folder = tmp_path / f"台账{n}"
        shutil.copytree(company, folder)
        kwargs = {"before": n} if n <= steps else {"after": steps}
        assert run_and_kill(folder, close, **kwargs) == -1, n
        ledger.load(folder)                               # the next command, whatever it is, reads first
        outcome = state(folder, old)
        assert not (folder / JOURNAL).exists(), n
        assert outcome == ("new" if n > steps else "old"), n  # only the commit itself makes the close count
        again = close_month(folder, MONTH, today=TODAY)
        assert again.status == ("already_closed" if outcome == "new" else "closed"), n
        assert state(folder, old) == "new" and (folder / "归档" / MONTH).is_dir(), n
        shutil.rmtree(folder)


@pytest.mark.parametrize("n", range(1, 6))
def test_a_roll_back_killed_half_way_is_finished_by_the_command_after(company, steps, tmp_path, n):
    folder = tmp_path / "台账"
    shutil.copytree(company, folder)
    old = books(company)
    assert run_and_kill(folder, close, before=steps) == -1        # both books new, not committed
    assert books(folder) != old
    run_and_kill(folder, ledger.load, before=n)                    # the next command dies rolling back
    ledger.load(folder)
    assert state(folder, old) == "old" and not (folder / JOURNAL).exists()


def test_the_books_are_whole_after_every_kill(company, steps, tmp_path):
    folder = tmp_path / "台账"
    shutil.copytree(company, folder)
    assert run_and_kill(folder, close, before=steps - 1) == -1
    ledger.load(folder)
    for name in NAMES:
        openpyxl.load_workbook(folder / name).close()
