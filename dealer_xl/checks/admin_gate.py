"""The problems the input gate of 综合管理台账's money reads: :func:`admin_problems`.

The vehicle costs and the asset register (:mod:`dealer_xl.ledger.vehicle_costs`,
:mod:`dealer_xl.ledger.assets`) are computed from that book's sheets only, so their gate needs
validation's 错误 on that book alone — the reader's problems, the column rules, the date and amount
ranges and the admin rules — not a validation of every book. The ``admin`` commands and the report
packs (the 总经理月报's 综合 page) take the problems from here and hand them to the same ledger
functions, so both leave out the same vehicles and assets.

Guarantees: computed once per Ledger and date (a Ledger seen from another date — ``load(led,
today=day)`` — gets its own list, as ``dealer-xl admin … --as-of day`` would); the same 错误 on
the book's sheets as full validation (:func:`dealer_xl.checks.validation_problems`) reports.
"""

from __future__ import annotations

from ..ledger import Ledger
from ..problems import Problem
from .admin import check_admin
from .columns import check_table_columns
from .ranges import check_ranges

BOOK = "admin"


def admin_problems(led: Ledger) -> list[Problem]:
    """What validation reports on 综合管理台账 of ``led`` ([] when the company does not keep it),
    once per Ledger and date."""
    def build() -> list[Problem]:
        data = led.books.get(BOOK)
        if data is None:
            return []
        found = list(data.problems) + [p for t in data.tables.values() for p in check_table_columns(led, t)]
        return found + check_ranges(led, BOOK) + check_admin(led)

    return led.memo(("admin_problems", led.today), build)


__all__ = ["admin_problems"]
