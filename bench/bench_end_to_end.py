"""Benchmark: everything the main job does on the books, step by step, and whole commands, at scale.

Generates the demo company at ``--scale`` (12 ≈ DESIGN §6's large dealer) once into
``bench/data-s<scale>`` (reused), copies it to a temporary folder and times, in one process and in
the main job's order (``dealer_xl.demo.pipeline``), every step it runs on the books — read and
validate, schedule fill + aging + worklist + plan, credit, service, documents and packs, report
delivery to the outbox, payroll for every month of the year with its files, month end (manufacturer
reconciliations, stock count, GM pack, the close of the first month and the tamper check) — leaving
out only the demo's generation and the conversion of documents to PDF. Each step is printed with its
seconds, its ratio to the floor and the process's peak RSS so far. The floor is a raw python-calamine
read of the same books (every sheet to Python lists, best of ``--repeat``).

With ``--commands`` it then runs the month-end and read-only commands as separate processes, each on
a fresh copy of the books, and prints each one's wall time as a ratio to a floor read just before
it (paired, as the machine may be shared) and its peak RSS
(DESIGN §6: schedule fill ≤ 3×, the close ≤ 6× in ≤ 600 MB, every read-only command ≤ 2.5×; #24:
``payroll run`` one month — the first of the tax year, which needs no earlier results — ≤ 2.5×, the
year to date in one run ≤ 5×).

Run: ``.venv/bin/python bench/bench_end_to_end.py --scale 12 [--commands]``.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import python_calamine
from common import demo_books, scale_parser, timed

AS_OF = date(2026, 10, 31)
MONTH = f"{AS_OF:%Y-%m}"
FIRST_MONTH = f"{AS_OF:%Y}-01"
TIME = "/usr/bin/time"  # GNU time: wall seconds and peak RSS of one command
IGNORE = shutil.ignore_patterns("报表", "备份", "文书", "归档", "厂家来件")
COMMANDS = [  # (label, arguments; {d} is the folder of books)
    ("receivables schedule", ["receivables", "schedule", "{d}"]),
    (f"close --month {FIRST_MONTH} --force", ["close", "{d}", "--month", FIRST_MONTH, "--force", "--reason", "基准测试"]),
    ("summary", ["summary", "{d}"]),
    ("validate", ["validate", "{d}", "--today", AS_OF.isoformat()]),
    ("receivables age", ["receivables", "age", "{d}", "--as-of", AS_OF.isoformat()]),
    ("receivables worklist", ["receivables", "worklist", "{d}", "--as-of", AS_OF.isoformat()]),
    ("receivables plan", ["receivables", "plan", "{d}", "--month", MONTH]),
    ("credit grades", ["credit", "grades", "{d}", "--as-of", AS_OF.isoformat()]),
    ("service claims", ["service", "claims", "{d}", "--as-of", AS_OF.isoformat()]),
    ("report gm", ["report", "gm", "{d}", "--month", MONTH]),
    (f"payroll run --month {FIRST_MONTH}", ["payroll", "run", "{d}", "--month", FIRST_MONTH, "--write"]),
    (f"payroll run --from {FIRST_MONTH} --to {MONTH}",
     ["payroll", "run", "{d}", "--from", FIRST_MONTH, "--to", MONTH, "--write"]),
]


def raw_read(folder: Path) -> int:
    cells = 0
    for path in sorted(folder.glob("*.xlsx")):
        wb = python_calamine.CalamineWorkbook.from_path(str(path))
        for name in wb.sheet_names:
            cells += sum(len(r) for r in wb.get_sheet_by_name(name).to_python(skip_empty_area=False))
    return cells


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def steps(folder: Path, out: Path) -> list[tuple[str, Callable[[], Any]]]:
    """The main job's own steps (:data:`dealer_xl.demo.pipeline.main_job.STEPS`, in their order) on the
    books in ``folder``: all but writing the templates and generating the demo; the read is timed apart
    from validation, and the documents are written without their PDF conversion."""
    from dealer_xl import ledger as ledgers
    from dealer_xl.actions.steps import ordered
    from dealer_xl.actions.validate import validate_ledger
    from dealer_xl.demo.pipeline import main_job
    from dealer_xl.demo.pipeline.documents import run_document_steps

    job = main_job.JobRun(main_job.MainJobResult(out), folder, 12, 2026, None)

    def read(j) -> None:
        j.ledger = ledgers.load(j.demo, today=j.as_of)

    def documents(j) -> None:
        j.log(run_document_steps(j.ledger, j.as_of, j.month, pdf=False))

    out_steps: list[tuple[str, Callable[[], Any]]] = [("read (ledger.load)", partial(read, job))]
    for s in ordered(main_job.STEPS):
        if s.name in ("blank", "generate"):
            continue
        if s.name == "validate":
            out_steps.append(("validate (all checks)", lambda: validate_ledger(job.ledger)))
        elif s.name == "documents":
            out_steps.append(("documents (no PDF conversion)", partial(documents, job)))
        else:
            out_steps.append((s.name, partial(s.run, job)))
    return out_steps


def run_steps(source: Path, floor: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "books", Path(tmp) / "out"
        shutil.copytree(source, folder, ignore=IGNORE)
        rows = []
        for label, step in steps(folder, out):
            secs, _ = timed(step)
            rows.append((label, secs, peak_mb()))
    total = sum(secs for _, secs, _ in rows)
    print(f"{'main job step':<54}{'seconds':>9}{'× floor':>9}{'peak MB':>9}")
    for label, secs, mb in rows:
        print(f"{label:<54}{secs:>9.2f}{secs / floor:>9.1f}{mb:>9.0f}")
    print(f"{'total (one process)':<54}{total:>9.2f}{total / floor:>9.1f}{peak_mb():>9.0f}"
          "   (target ≤ 15×)")


def run_commands(source: Path, only: list[str]) -> None:
    """Each command as its own process on a fresh copy, paired with a floor read just before it (the
    machine may be shared); wall time and peak RSS from /usr/bin/time (a child forked from this
    process would count this process's memory as its own)."""
    print(f"\n{'command (whole process, fresh copy)':<46}{'seconds':>9}{'floor s':>9}{'× floor':>9}{'peak MB':>9}")
    for label, args in COMMANDS:
        if only and not any(word in label for word in only):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            folder, stats = Path(tmp) / "books", Path(tmp) / "time.txt"
            shutil.copytree(source, folder, ignore=IGNORE)
            floor, _ = timed(partial(raw_read, folder))
            command = [sys.executable, "-m", "dealer_xl.cli", *(a.format(d=folder) for a in args)]
            proc = subprocess.run([TIME, "-f", "%e %M", "-o", str(stats), *command], cwd=tmp,  # not a checkout
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            secs, kb = (float(x) for x in stats.read_text().split()[-2:])
            note = "" if proc.returncode in (0, 1) else f"   exit {proc.returncode}: {proc.stderr[-200:]}"
            print(f"{label:<46}{secs:>9.2f}{floor:>9.2f}{secs / floor:>9.1f}{kb / 1024:>9.0f}{note}")


def main() -> None:
    parser = scale_parser(__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of N for the raw read")
    parser.add_argument("--commands", action="store_true", help="also time whole commands as processes")
    parser.add_argument("--no-steps", action="store_true", help="only the commands (with --commands)")
    parser.add_argument("--only", nargs="*", default=[], help="only the commands whose label has one of these words")
    args = parser.parse_args()
    source = demo_books(args)
    if not args.no_steps:
        floor = min(timed(lambda: raw_read(source))[0] for _ in range(args.repeat))
        print(f"floor: raw python-calamine read of the books: {floor:.2f} s")
        run_steps(source, floor)
    if args.commands:
        run_commands(source, args.only)


if __name__ == "__main__":
    main()
