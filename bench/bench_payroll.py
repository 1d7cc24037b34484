"""Benchmark: ``payroll run`` as the clerk runs it — whole processes — against the raw read of the books.

Generates the demo company at ``--scale`` (12 ≈ DESIGN §6's large dealer: ~300 employees) once into
``bench/data-s<scale>`` (shared with the other benchmarks), then times, ``--repeat`` times, each
run paired with a fresh floor run right before it:

* floor: a process that reads every sheet of the five books with python-calamine to Python lists
  (the fastest reader; what issue #24 measures every command against);
* one month: ``dealer-xl payroll run DIR --month 2026-10 --write`` on a copy whose 工资结果 already
  holds January–September (prepared once, untimed): read, validate, gate, compute, safe write;
* the year: ``dealer-xl payroll run DIR --from 2026-01 --to 2026-10 --write`` on a fresh copy: the
  ten months in order in memory, 工资结果 written once.

Prints each run's seconds and peak RSS, and the median of the paired ratios to the floor against the
targets of issue #24 (one month ≤ 2.5×, January–October ≤ 5×).
Run: ``.venv/bin/python bench/bench_payroll.py --scale 12``.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import demo_books, scale_parser

FLOOR = """
import resource, sys
from pathlib import Path
import python_calamine
for path in sorted(Path(sys.argv[1]).glob("*.xlsx")):
    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
sys.stderr.write(f"RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n")
"""
COMMAND = """
import resource, sys
from dealer_xl.cli import main
code = main(sys.argv[1:])
sys.stderr.write(f"RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n")
sys.exit(code)
"""
TARGETS = {"one month": 2.5, "January–October": 5.0}


def process(script: str, *args: str) -> tuple[float, int]:
    """(seconds, peak RSS in MB) of one Python process running ``script`` with ``args``."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: the demo's planted mistakes refuse some employees
        raise SystemExit(f"failed ({done.returncode}): {args}\n{done.stderr[-2000:]}")
    rss = next(int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("RSS "))
    return seconds, rss // 1024


def copy_of(source: Path, into: Path) -> Path:
    if into.exists():
        shutil.rmtree(into)
    shutil.copytree(source, into)
    return into


def main() -> None:
    parser = scale_parser(__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    books = demo_books(args)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        to_september = copy_of(books, tmp / "base")
        process(COMMAND, "payroll", "run", str(to_september), "--from", "2026-01", "--to", "2026-09", "--write")
        runs = {"one month": (to_september, ["--month", "2026-10"]),
                "January–October": (books, ["--from", "2026-01", "--to", "2026-10"])}
        ratios: dict[str, list[float]] = {name: [] for name in runs}
        print(f"payroll run at scale {args.scale:g} ({books}), whole processes, each paired with a floor run")
        print(f"{'run':<18}{'floor s':>9}{'run s':>9}{'× floor':>9}{'peak RSS MB':>13}")
        for _ in range(args.repeat):
            for name, (source, options) in runs.items():
                work = copy_of(source, tmp / "work")
                floor, _ = process(FLOOR, str(work))
                seconds, rss = process(COMMAND, "payroll", "run", str(work), *options, "--write")
                ratios[name].append(seconds / floor)
                print(f"{name:<18}{floor:>9.2f}{seconds:>9.2f}{seconds / floor:>9.2f}{rss:>13}")
        for name, values in ratios.items():
            median = statistics.median(values)
            verdict = "✓" if median <= TARGETS[name] else "✗"
            print(f"{name}: median {median:.2f}× the raw read (target ≤ {TARGETS[name]}×) {verdict}")


if __name__ == "__main__":
    main()
