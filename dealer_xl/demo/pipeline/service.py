"""The after-sales steps of the main job (``make demo``): claims, deadlines, settlement, report.

:func:`run_service_steps` reads the books once and, as of ``as_of``, drafts the claims (without
writing them), lists the open deadlines, checks every ``厂家结算单*.xlsx`` in the folder without
applying it, and builds the 售后月报 of ``month``; it returns one Chinese line per step (plus the
settlement check line). Every workbook goes to ``<folder>/报表``; no book is changed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ... import ledger
from ...actions.service.claims import service_claims
from ...actions.service.deadlines import service_deadlines
from ...actions.service.settle import service_settle
from .held_steps import on_held_books


@on_held_books
def run_service_steps(books: Path | str | ledger.Ledger, as_of: date, month: str | None = None) -> list[str]:
    """Run the steps above on the books (a folder, or the run's Ledger); returns the log lines."""
    from ...documents.packs import build_pack

    led = ledger.load(books, today=as_of)
    folder = led.books_dir
    lines = service_claims(led).summary()[:1] + service_deadlines(led).summary()[:1]
    for statement in sorted(folder.glob("厂家结算单*.xlsx")):
        lines += service_settle(led, statement).summary()[:2]
    pack = build_pack("service", led, month=month or f"{as_of:%Y-%m}")
    lines.append(f"售后月报：{pack.xlsx.name}（{pack.title}）")
    return lines
