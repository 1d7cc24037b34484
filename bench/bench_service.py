"""Benchmark: each after-sales command's time as a ratio to reading the books (issue #13, DESIGN §6).

Uses the demo company at ``--scale`` (12 ≈ DESIGN §6: 22k work orders; generated once into
``bench/data-s<scale>``). Each command is timed end to end as a user runs it — reading the books,
computing, writing its workbook into 报表/ (``--write``/``--apply`` are not run: they change the books)
— and shown as a multiple of the typed read alone. Run: ``.venv/bin/python bench/bench_service.py``.
"""

from __future__ import annotations

from datetime import date

from common import demo_books, scale_parser, timed

from dealer_xl import ledger
from dealer_xl.actions.service.claims import service_claims
from dealer_xl.actions.service.deadlines import service_deadlines
from dealer_xl.actions.service.pay import service_pay
from dealer_xl.actions.service.people import service_callbacks
from dealer_xl.actions.service.settle import service_settle
from dealer_xl.documents.packs import build_pack
from dealer_xl.io.reader import read_books

AS_OF = date(2026, 10, 31)


def main() -> None:
    folder = demo_books(scale_parser(__doc__.splitlines()[0]).parse_args(), "厂家结算单_*.xlsx")
    read_secs, books = timed(lambda: read_books(folder))
    orders = len(books["service"].tables["work_orders"].rows)
    statement = sorted(folder.glob("厂家结算单_*.xlsx"))[0]
    steps = {
        "service claims": lambda: service_claims(folder, AS_OF),
        "service deadlines": lambda: service_deadlines(folder, AS_OF),
        "service settle": lambda: service_settle(folder, statement, AS_OF),
        "service callbacks": lambda: service_callbacks(folder, AS_OF),
        "service pay": lambda: service_pay(folder, "2026-10"),
        "report service": lambda: build_pack("service", ledger.load(folder, today=AS_OF), month="2026-10"),
    }
    print(f"work orders {orders:,}; read (typed) {read_secs:.2f} s")
    print(f"{'command':24}{'seconds':>9}{'× read':>9}")
    for name, step in steps.items():
        secs, _ = timed(step)
        print(f"{name:24}{secs:9.2f}{secs / read_secs:9.2f}")


if __name__ == "__main__":
    main()
