"""Rewrite the output shown under every ```console command of a page with what the program prints
now (masked as the test masks it): ``python -m tests.docs.update docs/售后.md …`` (``make docs-examples``
for every page). Read the diff before committing it: a changed figure is either a fix of the docs or
a bug in the program, and only a person can tell which.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

from .blocks import FENCE, blocks, masked, pages
from .runner import run_fresh


def _run(block, demo: Path) -> list[list[str]]:
    outputs = []
    with tempfile.TemporaryDirectory(prefix="docs-") as tmp:
        work = Path(tmp)
        shutil.copytree(demo, work / "out" / "演示公司")
        for command in block.commands:
            done = run_fresh(command.argv, work)
            outputs.append(masked(done.stdout + done.stderr, work, date.today()))
    return outputs


def update(page: Path, demo: Path) -> int:
    """Rewrite ``page``'s console blocks (skipped ones left as they are); returns how many changed."""
    lines = page.read_text(encoding="utf-8").splitlines()
    changed = 0
    for block in reversed(blocks(page)):
        if block.skip:
            continue
        end = next(j for j in range(block.line, len(lines)) if FENCE.match(lines[j]) or lines[j].startswith("```"))
        body = lines[block.line:end]
        command_lines = [line for line in body if line.startswith("$ ")]
        new = []
        for line, output in zip(command_lines, _run(block, demo), strict=True):
            new += [line, *output]
        if new != body:
            lines[block.line:end] = new
            changed += 1
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    from dealer_xl.demo import generate_demo

    chosen = [Path(a).resolve() for a in argv] or pages()
    with tempfile.TemporaryDirectory(prefix="docs-demo-") as tmp:
        demo = Path(tmp) / "演示公司"
        generate_demo(demo)
        for page in chosen:
            print(f"{page.name}：{update(page, demo)} 个示例已更新")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
