"""Every ```console block of the README and docs/ is run on a fresh demo company and must print what
the page shows (block format: tests/docs/blocks.py and the top of docs/README.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest

from .blocks import blocks, masked, matches, pages

BLOCKS = [b for page in pages() for b in blocks(page)]


def test_the_guide_has_examples_that_run():
    assert len([b for b in BLOCKS if not b.skip]) >= 10


@pytest.mark.parametrize("block", BLOCKS, ids=[b.id for b in BLOCKS])
def test_example_prints_what_the_page_shows(block, fresh_demo):
    if block.skip:
        pytest.skip(block.skip)
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb"}
    for command in block.commands:
        done = subprocess.run([sys.executable, "-m", "dealer_xl", *command.argv], cwd=fresh_demo, env=env,
                              capture_output=True, text=True, timeout=600)
        actual = masked(done.stdout + done.stderr, fresh_demo, date.today())
        expected = [line.rstrip() for line in command.expected]
        while expected and not expected[-1]:
            expected.pop()
        assert matches(expected, actual), (
            f"{block.id}: dealer-xl {' '.join(command.argv)}\n--- 文档所示\n" + "\n".join(expected)
            + "\n--- 实际输出\n" + "\n".join(actual))


def test_the_matcher_can_fail():
    assert matches(["a [?] b".replace("[?]", "[…]"), "[…]", "c"], ["a x b", "1", "2", "c"])
    assert not matches(["a", "b"], ["a", "c"]) and not matches(["a"], ["a", "b"])
