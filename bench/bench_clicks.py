"""Benchmark: a ribbon button's latency, cold (a new interpreter) and warm (the second click).

With "Use UDF Server" the add-in keeps one Python process for the Excel session, so only the first
click pays for starting Python and importing dealer_xl; every later click is the in-process dispatch
alone. This measures both on the demo books through the same :func:`dealer_xl.excel.dispatch.execute`
the ribbon calls (the file implementation of the books stands in for Excel's open workbooks):

- **cold**: the wall time of a fresh ``python`` up to the end of its first run of the action
  (interpreter start + imports + the action), and within it the import time alone;
- **warm**: the same action run again in that process (what every click after the first costs);
- **read**: the raw typed read of the five books in that process, the floor any click that reads
  the books pays; warm is also given as a ratio to it.

Each action runs on its own copy of the books (actions write marks and reports). Run:
``.venv/bin/python bench/bench_clicks.py`` (``--scale 1``, the demo company, by default;
``--actions validate_book aging`` to choose).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import demo_books, scale_parser

ACTIONS = ("books_summary", "validate_book", "problem_list", "aging", "worklist", "credit_grades", "bad_debts")
ACTIVE = {"validate_book": "sales"}
AS_OF = "2026-10-31"

CHILD = """
import json, sys, time
start = time.perf_counter()
from datetime import date
from pathlib import Path
from dealer_xl.actions.book import FileBooks
from dealer_xl.excel.dispatch import execute
imported = time.perf_counter()
from dealer_xl.io.reader import read_books
folder, tag, active = Path(sys.argv[1]), sys.argv[2], sys.argv[3] or None
messages = []
def click():
    t = time.perf_counter()
    execute(tag, lambda: FileBooks(folder, active, today=date.fromisoformat(sys.argv[4])),
            lambda message, error: messages.append((message, error)), folder / "dx.log")
    return time.perf_counter() - t
first = click()
second = click()
t = time.perf_counter(); read_books(folder); read = time.perf_counter() - t
print(json.dumps({"import": imported - start, "first": first, "second": second, "read": read,
                  "error": any(e for _, e in messages), "message": messages[-1][0][:80]}))
"""


def measure(folder: Path, tag: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="dx-click-") as tmp:
        books = Path(tmp) / "books"
        shutil.copytree(folder, books, ignore=shutil.ignore_patterns("报表", "文书", "备份", "*.bak*"))
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", CHILD, str(books), tag, ACTIVE.get(tag, ""), AS_OF],
                              capture_output=True, text=True, check=True)
        wall = time.perf_counter() - start
    row = json.loads(done.stdout.strip().splitlines()[-1])
    row["cold"] = wall - row["second"] - row["read"]  # start + imports + the first click
    return row


def main() -> None:
    parser = scale_parser(__doc__.splitlines()[0])
    parser.set_defaults(scale=1.0)
    parser.add_argument("--actions", nargs="*", default=list(ACTIONS))
    args = parser.parse_args()
    folder = demo_books(args)
    print(f"{'action':<16}{'cold':>8}{'import':>9}{'1st run':>9}{'warm':>8}{'read':>8}{'warm/read':>10}")
    for tag in args.actions:
        r = measure(folder, tag)
        flag = "  (refused: " + r["message"] + ")" if r["error"] and tag != "validate_book" else ""
        print(f"{tag:<16}{r['cold']:>7.2f}s{r['import']:>8.2f}s{r['first']:>8.2f}s{r['second']:>7.2f}s"
              f"{r['read']:>7.2f}s{r['second'] / r['read']:>9.2f}×{flag}")


if __name__ == "__main__":
    main()
