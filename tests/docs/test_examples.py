"""Every ```console block of the README and docs/ is run on a fresh demo company and must print what
the page shows (block format: tests/docs/blocks.py and the top of docs/README.md).

How the commands run (tests/docs/runner.py): the first command of every page, and every command
that changes the whole process (:data:`~tests.docs.runner.FRESH_PROCESS`: signal handlers, logging,
the interpreter's own checks), start ``python -m dealer_xl`` as a user's terminal does — so each page
is also proven through a real new process, its streams and the module entry point. The others call
the CLI's ``main(argv)`` in the test's process with the same folder, environment, streams and exit
code (a second of interpreter start-up and imports saved per command);
:func:`test_in_process_runs_as_a_fresh_process_does` holds the two ways equal on the commands of
several pages, and the runner fails a command that leaves the process changed.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from datetime import date

import pytest

from .blocks import blocks, masked, matches, pages
from .runner import needs_fresh_process, run_fresh, run_here

BLOCKS = [b for page in pages() for b in blocks(page)]
FIRST_OF_PAGE = {next(b.id for b in BLOCKS if b.page == page and not b.skip)
                 for page in {b.page for b in BLOCKS if not b.skip}}


def fresh(block, n: int) -> bool:
    """Whether the ``n``-th command of ``block`` runs in a new process (see the module docstring)."""
    argv = block.commands[n].argv
    return (n == 0 and block.id in FIRST_OF_PAGE) or bool(argv) and needs_fresh_process(argv[0])


def test_the_guide_has_examples_that_run():
    assert len([b for b in BLOCKS if not b.skip]) >= 10


@pytest.mark.parametrize("block", BLOCKS, ids=[b.id for b in BLOCKS])
def test_example_prints_what_the_page_shows(block, fresh_demo):
    if block.skip:
        pytest.skip(block.skip)
    for n, command in enumerate(block.commands):
        done = (run_fresh if fresh(block, n) else run_here)(command.argv, fresh_demo)
        actual = masked(done.stdout + done.stderr, fresh_demo, date.today())
        expected = [line.rstrip() for line in command.expected]
        while expected and not expected[-1]:
            expected.pop()
        assert matches(expected, actual), (
            f"{block.id}: dealer-xl {' '.join(command.argv)}\n--- 文档所示\n" + "\n".join(expected)
            + "\n--- 实际输出\n" + "\n".join(actual))


# commands whose two runs must agree: a write then a read of what it wrote (a table), JSON, a bad
# option (argparse's exit 2), a missing folder (a BookError's one line)
SAME_EITHER_WAY = [
    ["receivables", "writeoff", "out/演示公司", "--contract", "HT2025DQ0042", "--reason", "判决后无可执行财产",
     "--approved-by", "郑永", "--approved-by-2", "谢宁俊", "--as-of", "2026-10-31", "--write"],
    ["receivables", "age", "out/演示公司", "--as-of", "2026-10-31"],
    ["service", "claims", "out/演示公司", "--as-of", "2026-10-31", "--format", "json"],
    ["receivables", "age", "out/演示公司", "--bogus"],
    ["summary", "没有这个文件夹"],
]


def test_in_process_runs_as_a_fresh_process_does(demo_books, tmp_path):
    """The same commands, one after the other on two copies of the demo company: one copy through
    new processes, the other in this process; exit codes, both streams and the books they leave are
    the same (outputs masked only for the temporary folder and the timings)."""
    results = {}
    for way, run in (("fresh", run_fresh), ("here", run_here)):
        work = tmp_path / way
        shutil.copytree(demo_books, work / "out" / "演示公司")
        results[way] = [(r.code, masked(r.stdout, work, date.today()), masked(r.stderr, work, date.today()))
                        for r in (run(argv, work) for argv in SAME_EITHER_WAY)]
        results[way].append(parts_of(work / "out" / "演示公司"))
    assert results["here"] == results["fresh"]
    codes = [code for code, _, _ in results["fresh"][:-1]]
    assert codes[3] == 2 and codes[4] == 2 and 0 in codes  # the failures failed, the others ran


def parts_of(folder) -> list[tuple[str, dict[str, str]]]:
    """Every workbook under ``folder`` (books, backups, 报表) as the digest of each part of its zip but
    the time it was made (docProps/core.xml); a backup's name without its time of day."""
    found = []
    for path in sorted(folder.rglob("*.xlsx")):
        name = re.sub(r"_\d{8}-\d{6}", "_<时刻>", str(path.relative_to(folder)))
        with zipfile.ZipFile(path) as z:
            found.append((name, {n: hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist()
                                 if n != "docProps/core.xml"}))
    return found


def test_the_matcher_can_fail():
    assert matches(["a [?] b".replace("[?]", "[…]"), "[…]", "c"], ["a x b", "1", "2", "c"])
    assert not matches(["a", "b"], ["a", "c"]) and not matches(["a"], ["a", "b"])
