"""Benchmark: one process, read → validate → age → worklist → plan → every report pack, at scale.

Generates the demo company at ``--scale`` (12 ≈ DESIGN §6's large dealer) once into
``bench/data-s<scale>`` (reused), copies it to a temporary folder (the steps write 报表/ there), and
times each step of what ``make demo`` does after generation, each as a ratio to a raw
python-calamine read of the same five books (every sheet to Python lists, best of ``--repeat``):

* read: :func:`dealer_xl.ledger.load` (typed rows, read problems, 参数);
* validate: every check of :data:`dealer_xl.checks.CHECKS` on that Ledger;
* positions: every contract's positions at the as-of date and the plan's month boundaries, one
  replay of its receipts (as the main job's receivables steps do before aging);
* age / worklist / plan: the three receivables workbooks (and the aging snapshot);
* packs: 销售日报, 销售月报, 应收月报 and 催收工作清单.

DESIGN §6's bar is total ≤ 2 × the raw read. Run: ``.venv/bin/python bench/bench_end_to_end.py --scale 12``.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

import python_calamine
from common import demo_books, scale_parser, timed

AS_OF = date(2026, 10, 31)
MONTH = f"{AS_OF:%Y-%m}"


def raw_read(folder: Path) -> int:
    cells = 0
    for path in sorted(folder.glob("*.xlsx")):
        wb = python_calamine.CalamineWorkbook.from_path(str(path))
        for name in wb.sheet_names:
            cells += sum(len(r) for r in wb.get_sheet_by_name(name).to_python(skip_empty_area=False))
    return cells


def steps(folder: Path):
    """(label, callable) of each step, sharing one Ledger as a command run does."""
    from dealer_xl import ledger as ledgers
    from dealer_xl.actions.receivables.aging_report import age_receivables
    from dealer_xl.actions.receivables.collection_plan import plan_dates, write_plan
    from dealer_xl.actions.receivables.worklist import write_worklist
    from dealer_xl.checks import run_checks
    from dealer_xl.documents.packs import build_pack

    state = {}

    def read():
        state["ledger"] = ledgers.load(folder, today=AS_OF)

    def packs():
        for kind, kwargs in (("daily", {"day": AS_OF}), ("sales", {"month": MONTH}),
                             ("receivables", {"month": MONTH}), ("worklist", {"day": AS_OF})):
            build_pack(kind, state["ledger"], folder / "报表", **kwargs)

    def positions():  # as the main job's receivables steps do: every date of the run, one replay
        state["ledger"].receivables.positions_at([AS_OF, *plan_dates(MONTH)])

    return [("read (ledger.load)", read),
            ("validate (all checks)", lambda: run_checks(state["ledger"])),
            ("positions (as-of + plan dates, one replay)", positions),
            ("age (workbook + snapshot)", lambda: age_receivables(state["ledger"], AS_OF)),
            ("worklist", lambda: write_worklist(state["ledger"], AS_OF)),
            ("plan (6-month recovery)", lambda: write_plan(state["ledger"], MONTH)),
            ("packs (daily, sales, receivables, worklist)", packs)]


def main() -> None:
    parser = scale_parser(__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of N for the raw read")
    args = parser.parse_args()
    source = demo_books(args)
    raw = min(timed(lambda: raw_read(source))[0] for _ in range(args.repeat))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "books"
        shutil.copytree(source, folder, ignore=shutil.ignore_patterns("报表", "备份", "文书"))
        rows = [(label, timed(step)[0]) for label, step in steps(folder)]
    total = sum(secs for _, secs in rows)
    print(f"raw python-calamine read of the five books: {raw:.2f} s")
    print(f"{'step':<46}{'seconds':>9}{'× raw':>8}")
    for label, secs in rows:
        print(f"{label:<46}{secs:>9.2f}{secs / raw:>8.1f}")
    print(f"{'total':<46}{total:>9.2f}{total / raw:>8.1f}   (DESIGN §6 bar: 2.0)")



if __name__ == "__main__":
    main()
