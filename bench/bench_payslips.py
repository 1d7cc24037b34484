"""Benchmark: the payslips of one month (workbook + one PDF per employee), as a ratio to reading the
books, and the PDF part per slip.

Generates the demo company at ``--scale`` (12 ≈ 300 employees) once into ``bench/data-s<scale>``,
computes the months of the demo year up to the as-of month in memory on a copy when 工资结果 lacks
them, then times, best of ``--repeat``:

* read: ``ledger.load`` of the books;
* slips: ``build_slips`` — the cut-apart workbook and every PDF, stamped from one form;
* pdf: the PDFs alone (``slip_pdfs``), and per slip.

Run: ``.venv/bin/python bench/bench_payslips.py --scale 12``.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from common import demo_books, scale_parser, timed

from dealer_xl import ledger
from dealer_xl.actions.payroll.run import run_payroll
from dealer_xl.actions.payroll.slips import build_slips, slip_pdfs
from dealer_xl.demo.company import AS_OF
from dealer_xl.documents.seller import seller_from_params
from dealer_xl.ledger.payroll import month_lines


def main() -> None:
    parser = scale_parser(__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    source = demo_books(args)
    month = f"{AS_OF:%Y-%m}"
    with tempfile.TemporaryDirectory() as tmp:
        books = Path(tmp) / "books"
        shutil.copytree(source, books, ignore=shutil.ignore_patterns("报表", "备份", "out"))
        for mon in range(1, AS_OF.month + 1):
            run_payroll(books, f"{AS_OF.year}-{mon:02d}", today=AS_OF)
        read = min(timed(lambda: ledger.load(books, today=AS_OF))[0] for _ in range(args.repeat))
        led = ledger.load(books, today=AS_OF)
        lines = month_lines(led, month)
        employees = {x.emp_id: led.first("master", "employees", "emp_id", x.emp_id) or {} for x in lines}
        employer = seller_from_params(led.params).name
        out = Path(tmp) / "out"
        slips = min(timed(lambda: build_slips(led, month, out))[0] for _ in range(args.repeat))
        pdf = min(timed(lambda: slip_pdfs(month, lines, employees, employer, out / "pdf"))[0]
                  for _ in range(args.repeat))
    print(f"scale {args.scale:g}: {len(lines)} payslips of {month}")
    print(f"  read the books      {read:7.2f} s")
    print(f"  payroll slips       {slips:7.2f} s   {slips / read:5.2f} × read")
    print(f"  PDFs alone          {pdf:7.2f} s   {1000 * pdf / max(len(lines), 1):5.1f} ms per slip")


if __name__ == "__main__":
    main()
