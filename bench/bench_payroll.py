"""Benchmark: payroll for 300 employees × 12 months, as a ratio to reading the books.

Generates the demo company at ``--scale`` (12 ≈ 315 employees) once into ``bench/data-s<scale>``
(shared with the other benchmarks), then times, best of ``--repeat``:

* read: ``ledger.load`` of the five books (dealer_xl's typed read — what every action pays);
* compute: the twelve months of the year in order, in memory (each month's lines become the
  next month's 工资结果 rows, exactly as ``payroll run`` chains them), commission and piece pay
  included;
* write: 工资结果 with the year's rows (12 × employees) through the safe writer (backup + atomic),
  on a copy of 工资表.xlsx.

Run: ``.venv/bin/python bench/bench_payroll.py --scale 12``.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from dealer_xl import ledger
from dealer_xl.actions.payroll.run import RESULTS, compute_month
from dealer_xl.demo import generate_demo
from dealer_xl.demo.company import AS_OF
from dealer_xl.io.writer import write_generated_sheet

ROOT = Path(__file__).resolve().parent


def best(fn, repeat: int):
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return min(times), value


def year_in_memory(led: ledger.Ledger) -> list:
    """Twelve months in order; returns every line."""
    results = led.table("payroll", "results")
    results.rows.clear()
    lines = []
    for mon in range(1, 13):
        run = compute_month(led, f"{AS_OF.year}-{mon:02d}")
        assert not run.errors, run.summary()[:3]
        lines += run.lines
        results.rows.extend({f: getattr(x, f) for f in RESULTS.fields} for x in run.lines)
        led._indexes.clear()  # the results table changed: the Ledger's indexes are rebuilt (as after a write)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=12)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = ROOT / f"data-s{args.scale:g}"
    if not (folder / "工资表.xlsx").exists():
        print(f"generating demo company at scale {args.scale:g} into {folder} …")
        generate_demo(folder, scale=args.scale, seed=args.seed)
    read, led = best(lambda: ledger.load(folder, today=AS_OF), args.repeat)
    led.params["closed_through"] = ""
    compute, lines = best(lambda: year_in_memory(led), args.repeat)
    people = len({x.emp_id for x in lines})
    rows = [[getattr(x, f) for f in RESULTS.fields] for x in lines]
    headers = [c.header for c in RESULTS.columns]
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "工资表.xlsx"

        def write():
            shutil.copy(folder / "工资表.xlsx", book)
            write_generated_sheet(book, RESULTS.name, headers, rows)
        written, _ = best(write, args.repeat)
    print(f"payroll: {people} employees, 12 months, {len(lines):,} pay lines")
    print(f"{'step':<40}{'seconds':>9}")
    print(f"{'read books (ledger.load)':<40}{read:>9.2f}")
    print(f"{'compute 12 months in order':<40}{compute:>9.2f}")
    print(f"{'write 工资结果 (safe writer)':<38}{written:>9.2f}")
    print(f"compute / read = {compute / read:.2f}×; (compute + write) / read = {(compute + written) / read:.2f}×")


if __name__ == "__main__":
    main()
