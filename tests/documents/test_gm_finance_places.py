"""The GM pack's finance page validates only the sheets its figures compute from, and shows exactly
what the whole validation would give it (#24).

:func:`dealer_xl.documents.reports.finance.month_finance` asks validation for the problems on
:func:`dealer_xl.ledger.finance.places.month_places` only. Held here to the plain rule — the same
three figures computed from the whole list on books never validated — on every month end of the
demo, with a mistake planted in a used sheet (it must still refuse the contract it is on), and every
money gate the figures pass is checked to ask for listed sheets only (a figure that comes to read
another sheet fails here until it is added to ``MONTH_USES``).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from dealer_xl import ledger
from dealer_xl.checks import validation_problems
from dealer_xl.documents.reports.finance import PLAN_WEEKS, month_finance
from dealer_xl.domain.monthly import month_range
from dealer_xl.ledger.finance import common
from dealer_xl.ledger.finance.cashplan import cash_plan
from dealer_xl.ledger.finance.places import month_places
from dealer_xl.ledger.finance.pnl import profit_and_loss
from dealer_xl.ledger.finance.rebates import earned

TODAY = date(2026, 10, 31)


def month_ends(led):
    """Every month end of the demo's sales up to TODAY, as YYYY-MM."""
    first = min(r["sale_date"] for r in led.rows("sales", "sales") if r["sale_date"])
    day = date(first.year, first.month, 1)
    while day <= TODAY:
        yield f"{day.year:04d}-{day.month:02d}"
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)


def plain(led, month):
    """The rule written out: the three figures from validation's whole list."""
    _, last = month_range(month)
    problems = validation_problems(led)
    return (profit_and_loss(led, problems, month), earned(led, problems, last),
            cash_plan(led, problems, last, PLAN_WEEKS))


def assert_same(fast, slow, month):
    (pnl, book, plan), (pnl0, book0, plan0) = fast, slow
    assert pnl == pnl0, month
    assert book == book0, month
    assert plan == plan0, month
    for a, b in ((pnl, pnl0), (book, book0), (plan, plan0)):
        assert a.refused.lines == b.refused.lines and a.refused.problems == b.refused.problems, month


def plant(books) -> tuple[str, int]:
    """A negative 收款 (a sheet the figures use) on a receipt of 2026: (合同编号, its Excel row)."""
    receipts = books.table("receivables", "receipts")
    i = next(i for i, r in enumerate(receipts.rows)
             if r["receipt_date"] and date(2026, 1, 1) <= r["receipt_date"] <= date(2026, 9, 30))
    receipts.rows[i]["amount"] = Decimal("-5.00")
    return receipts.rows[i]["contract_no"], receipts.row_numbers[i]


def test_the_finance_page_is_the_whole_validations_on_every_month_end(demo_master):
    fast_books, slow_books = ledger.load(demo_master, today=TODAY), ledger.load(demo_master, today=TODAY)
    months = list(month_ends(slow_books))
    assert len(months) >= 6
    for month in months:
        _, last = month_range(month)
        assert_same(month_finance(fast_books.as_of(last), month), plain(slow_books.as_of(last), month), month)


def test_a_mistake_in_a_used_sheet_still_refuses(demo_copy):
    fast_books, slow_books = ledger.load(demo_copy, today=TODAY), ledger.load(demo_copy, today=TODAY)
    contract, row = plant(fast_books)
    assert plant(slow_books) == (contract, row)
    for month in ("2026-09", "2026-10"):
        _, last = month_range(month)
        fast = month_finance(fast_books.as_of(last), month)
        assert_same(fast, plain(slow_books.as_of(last), month), month)
        refused = [p for f in fast for p in f.refused.problems]
        assert any(p.row == row and "收款" in p.sheet for p in refused), month
        assert any(contract in line for f in fast for line in f.refused.lines), month


def test_every_gate_of_the_figures_asks_for_listed_sheets_only(demo_master, monkeypatch):
    asked: set[tuple[str, str]] = set()
    real = common.gate

    def recording(led, uses, problems):
        uses = list(uses)
        asked.update((u.book, u.sheet) for u in uses)
        return real(led, uses, problems)

    monkeypatch.setattr(common, "gate", recording)
    books = ledger.load(demo_master, today=TODAY)
    for month in ("2026-01", "2026-06", "2026-10"):
        _, last = month_range(month)
        plain(books.as_of(last), month)
    assert asked and asked <= month_places(), sorted(asked - month_places())
    assert asked == month_places(), sorted(month_places() - asked)  # nothing listed that none reads


def test_month_places_is_what_the_page_validates(demo_master):
    books = ledger.load(demo_master, today=TODAY)
    view = books.as_of(TODAY - timedelta(days=31))
    month_finance(view, "2026-09")
    assert ("memo", ("validation_problems", view.today)) not in view._indexes  # the whole list never ran
    assert ("memo", ("validation_problems", view.today, month_places())) in view._indexes


def test_the_packs_headline_figures_are_the_months_figures_computed_afresh(demo_master):
    """collect computes each section's months once and shows the 本月 ones as the headline figures:
    those must be what the section functions give on books never used for anything else."""
    from dealer_xl.documents.report_model import Scope
    from dealer_xl.documents.reports import gm

    books = ledger.load(demo_master, today=TODAY)
    branch = next(r["branch"] for r in books.rows("sales", "sales") if r["branch"])
    for scope in (Scope(TODAY, "2026-10"), Scope(TODAY, "2026-10", branch=branch)):
        data = gm.collect(ledger.load(demo_master, today=TODAY), scope)
        fresh = ledger.load(demo_master, today=TODAY)
        plain = {"sales": gm._sales(fresh, scope, scope.month), "recv": gm._receivables(fresh, scope.month),
                 "pay": gm._payroll(fresh, scope.month)}
        expected = {}
        for part in plain.values():
            for key, amount in part.items():
                expected[key] = amount
        shown = {name: amount for name, amount, _ in data.figures}
        for name, amount in shown.items():
            key = name.removesuffix("（元）")
            if key in expected and expected[key] is not None:
                assert amount == expected[key], (scope, name)
        assert sum(1 for n in shown if n.removesuffix("（元）") in expected) >= 10
