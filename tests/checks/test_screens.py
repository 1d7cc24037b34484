"""The column and range checks screen a whole column at once (its least and greatest values, the
set of its values) and look at rows one by one only when the screen cannot clear the column; what
they report must be exactly what the one-by-one rules report. Mistakes are planted at the low and
high ends and in the middle of columns (a value out of range, a missing reference, a text in a
number column), and the results are compared with the rules run with the screens switched off.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dealer_xl import ledger
from dealer_xl.checks import columns, ranges
from dealer_xl.checks.columns import check_columns
from dealer_xl.checks.ranges import check_ranges
from dealer_xl.problems import Code
from dealer_xl.schema import FieldType

TODAY = date(2026, 10, 31)


def listed(problems) -> list[dict]:
    return [p.as_dict() for p in problems]


def unscreened(monkeypatch, check, books):
    with monkeypatch.context() as m:
        m.setattr(columns, "_within", lambda *args: False)
        m.setattr(columns, "_all_found", lambda *args: False)
        m.setattr(ranges, "_plain", lambda *args: False)
        m.setattr(columns, "_column", _every_value)
        return check(books)


def _every_value(table, col):
    return [row[col.field] for row in table.rows]


def plant(books) -> list[tuple[str, str, int, Code]]:
    """Out-of-range numbers, a missing reference, a bad date and a huge amount, in big sheets;
    returns (sheet, field, Excel row, code) of each."""
    planted = []
    numbers = refs = dates = money = 0
    for data in books.books.values():
        for table in data.tables.values():
            if table.spec.generated or len(table.rows) < 10:
                continue
            middle = len(table.rows) // 2
            for col in table.spec.columns:
                if col.field not in table.columns:
                    continue
                if col.min is not None and numbers < 3:
                    table.rows[middle][col.field] = Decimal(str(col.min)) - 1
                    planted.append((table.sheet_name, col.field, table.row_numbers[middle], Code.OUT_OF_RANGE))
                    numbers += 1
                elif col.ref and refs < 2 and col.field != "contract_no":
                    table.rows[middle + 1][col.field] = "不存在的编号"
                    planted.append((table.sheet_name, col.field, table.row_numbers[middle + 1], None))
                    refs += 1
                elif col.type is FieldType.DATE and dates < 2 and not col.ref:
                    table.rows[0][col.field] = date(1800, 1, 1)
                    planted.append((table.sheet_name, col.field, table.row_numbers[0], Code.OUT_OF_RANGE))
                    dates += 1
                elif col.type is FieldType.MONEY and money < 2 and col.min is None:
                    table.rows[-1][col.field] = Decimal("1E+20")
                    planted.append((table.sheet_name, col.field, table.row_numbers[-1], Code.OUT_OF_RANGE))
                    money += 1
    assert numbers and refs and dates and money
    return planted


def test_screened_checks_report_what_the_rules_report_row_by_row(demo_copy, monkeypatch):
    clean = ledger.load(demo_copy, today=TODAY)
    for check in (check_columns, check_ranges):
        assert listed(check(clean)) == listed(unscreened(monkeypatch, check, clean))
    books = ledger.load(demo_copy, today=TODAY)
    planted = plant(books)
    found = check_columns(books) + check_ranges(books)
    assert listed(check_columns(books)) == listed(unscreened(monkeypatch, check_columns, books))
    assert listed(check_ranges(books)) == listed(unscreened(monkeypatch, check_ranges, books))
    for sheet, _, row, code in planted:
        assert [p for p in found if p.sheet == sheet and p.row == row and (code is None or p.code is code)], (sheet, row)


def test_a_text_in_a_number_column_leaves_the_screen_to_the_rule(demo_copy, monkeypatch):
    books = ledger.load(demo_copy, today=TODAY)
    table = next(t for d in books.books.values() for t in d.tables.values()
                 if not t.spec.generated and len(t.rows) > 3
                 and any(c.min is not None and c.field in t.columns for c in t.spec.columns))
    col = next(c for c in table.spec.columns if c.min is not None and c.field in table.columns)
    table.rows[1][col.field] = "十二"
    table.rows[2][col.field] = Decimal(str(col.min)) - Decimal("0.5")
    assert columns._within(table, col, Decimal(str(col.min)), None) is False
    assert listed(check_columns(books)) == listed(unscreened(monkeypatch, check_columns, books))
    assert [p for p in check_columns(books) if p.row == table.row_numbers[2] and p.code is Code.OUT_OF_RANGE]
