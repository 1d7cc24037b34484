"""The executable examples of the user guide: how ```console blocks are found, run and compared.

The block format is written down at the top of docs/README.md (for the people who write docs):

- a fenced block whose info string is ``console`` is executed; other blocks (``sh``, ``text``, none)
  are not;
- a line starting with ``$ dealer-xl`` is a command; the lines after it, up to the next ``$`` line,
  are what it prints: its standard output, then its standard error (without the per-step progress
  lines a redirected run writes, which a terminal shows as a transient bar);
- every block runs in a fresh copy of the demo company at ``out/演示公司`` (``dealer-xl demo``
  with its defaults), the commands of one block one after the other in that copy;
- masked on both sides before comparing: the temporary folder (so paths read ``out/演示公司/…``),
  timings (``1.8 秒`` → ``N 秒``), and today's date, which a page writes as ``<今天>``; in the
  expected text ``[…]`` matches any text within a line, and a line ``[…]`` alone any lines;
- ``<!-- docs-test: skip 原因 -->`` on the line before the fence skips a block (say why: needs Excel,
  a mail server, …).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FENCE = re.compile(r"^```(\S*)\s*$")
SKIP = re.compile(r"^<!--\s*docs-test:\s*skip\b(.*?)-->\s*$")
PROGRESS = re.compile(r"^\[[^\]]+\] .*：.*秒$")
TIMING = re.compile(r"\d+(?:\.\d+)? 秒")
ANY = "[…]"


@dataclass
class Command:
    """One ``$ dealer-xl …`` line and the output shown under it."""

    argv: list[str]
    expected: list[str] = field(default_factory=list)


@dataclass
class Block:
    """One ```console block of a page."""

    page: Path
    line: int
    commands: list[Command]
    skip: str | None = None

    @property
    def id(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def pages() -> list[Path]:
    """The README and every page of docs/."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def blocks(page: Path) -> list[Block]:
    """The ```console blocks of ``page``, in order."""
    found: list[Block] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        fence = FENCE.match(lines[i])
        if not fence or not fence.group(1):
            i += 1
            continue
        end = next((j for j in range(i + 1, len(lines)) if lines[j].startswith("```")), len(lines))
        if fence.group(1) == "console":
            skip = SKIP.match(lines[i - 1]) if i else None
            found.append(Block(page, i + 1, _commands(lines[i + 1:end], page, i + 1),
                               skip.group(1).strip() or "（未说明原因）" if skip else None))
        i = end + 1
    return found


def _commands(lines: list[str], page: Path, at: int) -> list[Command]:
    commands: list[Command] = []
    for n, line in enumerate(lines, at + 1):
        if line.startswith("$ "):
            words = shlex.split(line[2:], comments=True)
            if words[:1] != ["dealer-xl"]:
                raise ValueError(f"{page.name}:{n}: console 块只能运行 dealer-xl 命令：{line}")
            commands.append(Command(words[1:]))
        elif commands:
            commands[-1].expected.append(line)
        elif line.strip():
            raise ValueError(f"{page.name}:{n}: console 块应以 $ dealer-xl 开头：{line}")
    return commands


def masked(text: str, root: Path, today: date) -> list[str]:
    """The lines of ``text`` with the volatile parts masked (see the module docstring)."""
    text = text.replace(f"{root}/", "").replace(str(root), ".")
    text = text.replace(today.isoformat(), "<今天>").replace(f"{today:%Y%m%d}", "<今天>")
    lines = [TIMING.sub("N 秒", line.rstrip()) for line in text.splitlines() if not PROGRESS.match(line)]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` lines fit ``expected`` with its ``[…]`` wildcards."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head.strip() == ANY:
        return any(matches(rest, actual[k:]) for k in range(len(actual) + 1))
    if not actual:
        return False
    pattern = "^" + ".*".join(re.escape(part) for part in head.rstrip().split(ANY)) + "$"
    return bool(re.match(pattern, actual[0])) and matches(rest, actual[1:])
