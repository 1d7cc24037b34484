"""Whether a view keeps a sheet exactly (:func:`dealer_xl.ledger.carry.view_differs`), the test the
reuse of validation on views stands on: a sheet whose rows are all the root's objects is kept (told in
one pass, #24); a copied row is kept only with the same fields and values of the same type and text,
and a row dropped or moved, or one value changed, makes the sheet differ."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dealer_xl.io.table import BookData, Table
from dealer_xl.ledger.carry import view_differs

from ..checks.builders import context, table

TODAY = date(2026, 10, 31)


def books() -> object:
    rows = [{"customer_id": f"C{n:03}", "name": f"客户{n}", "credit_limit": Decimal("1000.00")} for n in range(50)]
    return context(table("master", "customers", *rows), today=TODAY)


def seen_with(root, rows, numbers=None) -> object:
    """A view of ``root`` (its own day) whose 客户 sheet holds ``rows``."""
    view = root.as_of(TODAY)
    mine = root.table("master", "customers")
    data = view.books["master"]
    changed = Table(mine.spec, mine.book, mine.sheet_name, mine.header_row, mine.columns, rows,
                    numbers or list(mine.row_numbers), mine.skipped, mine.problems, mine.headers, mine.blank_rows)
    view.books["master"] = BookData(data.spec, data.path, {**data.tables, "customers": changed}, data.problems, data.found)
    return view


def differs(root, rows, numbers=None) -> bool:
    return view_differs(seen_with(root, rows, numbers))(frozenset({("master", "customers")}))


def test_the_same_row_objects_are_kept():
    root = books()
    assert not differs(root, list(root.rows("master", "customers")))


def test_a_copied_row_with_the_same_values_is_kept_and_a_changed_one_differs():
    root = books()
    rows = list(root.rows("master", "customers"))
    assert not differs(root, rows[:30] + [dict(rows[30])] + rows[31:])
    assert differs(root, rows[:30] + [{**rows[30], "name": "别人"}] + rows[31:])
    assert differs(root, rows[:49] + [{**rows[49], "credit_limit": Decimal("1000.0")}])  # 1000.0 is not 1000.00


def test_a_dropped_or_reordered_row_differs():
    root = books()
    rows = list(root.rows("master", "customers"))
    numbers = list(root.table("master", "customers").row_numbers)
    assert differs(root, rows[1:], numbers[1:])
    assert differs(root, [rows[1], rows[0], *rows[2:]])  # the same objects, not at the same Excel rows
