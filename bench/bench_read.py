"""Benchmark: reading the five books at DESIGN §6 scale — python-calamine vs openpyxl vs dealer_xl.

Generates the demo company at ``--scale`` (12 ≈ 3,000 contracts, ~108k schedule rows) once into
``bench/data-s<scale>`` (reused on later runs), then times:

* calamine raw: every sheet of every book to Python lists (the fastest reader);
* openpyxl read-only: every sheet's values (the common alternative);
* dealer_xl typed read: header detection, value parsing, problems (what every action pays).

Prints seconds (best of ``--repeat``) and the ratios to calamine raw. Run: ``make bench`` or
``.venv/bin/python bench/bench_read.py --scale 12``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import openpyxl
import python_calamine

from dealer_xl.demo import generate_demo
from dealer_xl.io.reader import read_books

ROOT = Path(__file__).resolve().parent


def books_in(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.xlsx"))


def read_calamine(folder: Path) -> int:
    cells = 0
    for path in books_in(folder):
        wb = python_calamine.CalamineWorkbook.from_path(str(path))
        for name in wb.sheet_names:
            rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
            cells += sum(len(r) for r in rows)
    return cells


def read_openpyxl(folder: Path) -> int:
    cells = 0
    for path in books_in(folder):
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                cells += len(row)
        wb.close()
    return cells


def read_typed(folder: Path) -> int:
    return sum(len(t.rows) for data in read_books(folder).values() for t in data.tables.values())


def best_of(fn, folder: Path, repeat: int) -> tuple[float, int]:
    times, result = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn(folder)
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=12.0)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = ROOT / f"data-s{args.scale:g}"
    if not books_in(folder):
        start = time.perf_counter()
        generate_demo(folder, scale=args.scale, seed=args.seed)
        print(f"generated demo at scale {args.scale:g} in {time.perf_counter() - start:.1f} s → {folder}")
    sizes = {p.name: p.stat().st_size for p in books_in(folder)}
    print("books:", ", ".join(f"{n} {s / 1e6:.1f} MB" for n, s in sizes.items()))

    cal, cells = best_of(read_calamine, folder, args.repeat)
    typed, rows = best_of(read_typed, folder, args.repeat)
    opx, _ = best_of(read_openpyxl, folder, max(1, args.repeat - 2))
    print(f"{'reader':<28}{'seconds':>10}{'× calamine':>12}")
    for label, secs in (("calamine raw", cal), ("dealer_xl typed read", typed), ("openpyxl read-only", opx)):
        print(f"{label:<28}{secs:>10.2f}{secs / cal:>12.2f}")
    print(f"cells {cells:,}; data rows typed {rows:,}; openpyxl/calamine = {opx / cal:.1f}×; "
          f"typed/calamine = {typed / cal:.2f}×")


if __name__ == "__main__":
    main()
