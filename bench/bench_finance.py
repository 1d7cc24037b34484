"""Benchmark: each finance command's time as a ratio to reading the books (issue #25, DESIGN §6).

Uses the demo company at ``--scale`` (12 ≈ DESIGN §6; generated once into ``bench/data-s<scale>``).
Each command is timed end to end as a user runs it — reading the books, validating them (the money
gate), computing and writing its pack into 报表/ — and shown as a multiple of the typed read alone;
DESIGN §6 asks ≤ 2.5× of every read-only command. Run: ``.venv/bin/python bench/bench_finance.py``.
"""

from __future__ import annotations

from datetime import date

from common import demo_books, scale_parser, timed

from dealer_xl.actions.finance.cashplan import finance_cashplan
from dealer_xl.actions.finance.expenses import finance_expenses
from dealer_xl.actions.finance.margin import finance_margin
from dealer_xl.actions.finance.pnl import finance_pnl
from dealer_xl.actions.finance.rebates import finance_rebates
from dealer_xl.io.reader import read_books

AS_OF = date(2026, 10, 31)


def main() -> None:
    folder = demo_books(scale_parser(__doc__.splitlines()[0]).parse_args(), "财务台账.xlsx")
    read_secs, books = timed(lambda: read_books(folder))
    claims = len(books["finance"].tables["expenses"].rows)
    steps = {
        "finance expenses": lambda: finance_expenses(folder, "2026-10"),
        "finance rebates": lambda: finance_rebates(folder, last=AS_OF),
        "finance margin": lambda: finance_margin(folder, "2026-10"),
        "finance pnl": lambda: finance_pnl(folder, "2026-10"),
        "finance cashplan": lambda: finance_cashplan(folder, as_of=AS_OF),
    }
    print(f"expense claims {claims:,}; read (typed) {read_secs:.2f} s")
    print(f"{'command':24}{'seconds':>9}{'× read':>9}")
    for name, step in steps.items():
        secs, _ = timed(step)
        print(f"{name:24}{secs:9.2f}{secs / read_secs:9.2f}")


if __name__ == "__main__":
    main()
