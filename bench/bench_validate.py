"""Benchmark: validating the five books vs merely reading them (issue #3, DESIGN §6).

Uses the demo company at ``--scale`` (12 ≈ DESIGN §6; generated once into ``bench/data-s<scale>``)
and prints: read time (dealer_xl typed read, which includes calamine), the time of all checks on
the books already read, their ratio, and the check time of a 5,000-row 销售明细 alone (the
"behind a ribbon button" bar: under one second). Run: ``.venv/bin/python bench/bench_validate.py``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from common import demo_books, scale_parser, timed

from dealer_xl.checks import run_checks
from dealer_xl.checks.columns import check_table_columns
from dealer_xl.checks.sales import check_sales
from dealer_xl.io.params import read_params
from dealer_xl.io.reader import read_book, read_books
from dealer_xl.ledger import Ledger

AS_OF = date(2026, 10, 31)


def main() -> None:
    folder = demo_books(scale_parser(__doc__.splitlines()[0]).parse_args())

    read_secs, books = timed(lambda: read_books(folder))
    params, _ = read_params(books["master"])
    rows = sum(len(t.rows) for b in books.values() for t in b.tables.values())
    check_secs, problems = timed(lambda: run_checks(Ledger(folder, books, params, [], AS_OF)))
    print(f"rows {rows:,}; problems {len(problems):,}")
    print(f"read (typed)       {read_secs:8.2f} s")
    print(f"all checks         {check_secs:8.2f} s")
    print(f"read + validate    {read_secs + check_secs:8.2f} s = {(read_secs + check_secs) / read_secs:.2f} × read")

    ctx = Ledger(folder, books, params, [], AS_OF)
    sales = books["sales"].tables["sales"]
    n = min(5000, len(sales.rows))
    head = replace(sales, rows=sales.rows[:n], row_numbers=sales.row_numbers[:n])
    ctx.books["sales"] = replace(books["sales"], tables={**books["sales"].tables, "sales": head})
    sheet_read, _ = timed(lambda: read_book(folder / "销售台账.xlsx", sheets=["sales"]))
    sheet_secs, _ = timed(lambda: check_table_columns(ctx, head) + check_sales(ctx))
    print(f"{n:,}-row 销售明细: read {sheet_read:.3f} s ({len(sales.rows):,} rows), "
          f"column + sales rules {sheet_secs:.3f} s")

if __name__ == "__main__":
    main()
