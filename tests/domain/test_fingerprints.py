"""Row fingerprints: what is sealed, and every kind of change found row- and field-exactly."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dealer_xl.domain import fingerprints
from dealer_xl.domain.fingerprints import canonical, compare, row_digest, seal, unmatched

FIELDS = ("day", "no", "amount", "note")
KEY = ("no",)
CLOSED = "2024-11"


def row(day: date, no: str, amount: str, note: str | None = None) -> dict:
    return {"day": day, "no": no, "amount": Decimal(amount), "note": note}


BOOKED = [row(date(2024, 11, 3), "A1", "100.00"), row(date(2024, 11, 20), "A2", "250.50", "x"),
          row(date(2024, 12, 1), "A3", "70.00"), row(date(2024, 11, 30), "A4", "5.00")]
NUMBERS = [2, 3, 4, 5]


def sealed():
    return seal(BOOKED, NUMBERS, FIELDS, "day", KEY, CLOSED)


def old_rows():
    return dict(zip(NUMBERS, BOOKED, strict=True))


def changes(rows, key=KEY):
    fps = seal(BOOKED, NUMBERS, FIELDS, "day", key, CLOSED)
    return [(c.kind, c.sealed_row, c.current, c.fields) for c in
            compare(fps, rows, FIELDS, "day", key, CLOSED, old_rows())]


def test_only_rows_dated_in_closed_months_are_sealed():
    assert [(fp.key, fp.row) for fp in sealed()] == [("A1", 2), ("A2", 3), ("A4", 5)]


def test_equal_values_hash_alike_whatever_their_type_or_trailing_zeros():
    assert canonical(Decimal("250.50")) == canonical(Decimal("250.5")) == canonical(250.5) == "250.5"
    assert row_digest(row(date(2024, 11, 3), "A1", "100"), FIELDS) == row_digest(BOOKED[0], FIELDS)


def test_unchanged_books_report_nothing():
    assert changes(list(BOOKED)) == []


def test_reordered_rows_alone_are_not_a_change():
    assert changes([BOOKED[3], BOOKED[2], BOOKED[0], BOOKED[1]]) == []


def test_an_edited_value_is_reported_at_its_field_with_old_and_new():
    rows = [BOOKED[0], {**BOOKED[1], "amount": Decimal("205.50")}, BOOKED[2], BOOKED[3]]
    assert changes(rows) == [("changed", 3, 1, (("amount", Decimal("250.50"), Decimal("205.50")),))]


def test_an_edit_after_sorting_points_at_the_rows_new_place():
    rows = [BOOKED[3], {**BOOKED[0], "note": "改"}, BOOKED[2], BOOKED[1]]
    assert changes(rows) == [("changed", 2, 1, (("note", None, "改"),))]


def test_a_deleted_row_is_reported_by_its_archived_row():
    assert changes([BOOKED[0], BOOKED[2], BOOKED[3]]) == [("deleted", 3, None, ())]


def test_a_new_row_dated_in_a_closed_month_is_reported_and_one_in_an_open_month_is_not():
    rows = [*BOOKED, row(date(2024, 11, 15), "A9", "1.00"), row(date(2024, 12, 15), "A8", "1.00")]
    assert changes(rows) == [("new", None, 4, ())]


def test_a_date_moved_out_of_the_closed_months_is_a_change_of_the_date():
    rows = [BOOKED[0], BOOKED[1], BOOKED[2], {**BOOKED[3], "day": date(2024, 12, 2)}]
    assert changes(rows) == [("changed", 5, 3, (("day", date(2024, 11, 30), date(2024, 12, 2)),))]


def test_without_key_fields_a_changed_row_pairs_with_its_closest_unmatched_row():
    rows = [BOOKED[0], {**BOOKED[1], "note": "y"}, BOOKED[2], BOOKED[3]]
    assert changes(rows, key=()) == [("changed", 3, 1, (("note", "x", "y"),))]


def test_a_row_replaced_by_an_unrelated_one_is_a_deletion_not_a_change():
    stranger = row(date(2025, 3, 1), "B7", "999.00", "other")
    assert changes([BOOKED[0], stranger, BOOKED[2], BOOKED[3]], key=()) == [("deleted", 3, None, ())]


def test_rows_dated_after_the_closed_months_are_matched_without_hashing_and_alike(monkeypatch):
    """unmatched given the date field skips hashing the rows of open months (#24): the same result as
    hashing every row, whatever the rows' dates are (a text date, a month text, none, a moved date)."""
    rows = [BOOKED[2], {**BOOKED[3], "day": date(2024, 12, 2)}, BOOKED[0], row(date(2025, 1, 9), "A5", "1.00"),
            {**BOOKED[1], "day": "2024-11-20"}, {**BOOKED[1], "day": "2024-11"}, {**BOOKED[1], "day": None},
            row(date(2024, 11, 15), "A9", "1.00"), BOOKED[1], row(date(2024, 10, 31), "A0", "3.00")]
    fps = sealed()
    plain = unmatched(fps, rows, FIELDS)
    hashed = []
    digest = fingerprints.row_digest
    monkeypatch.setattr(fingerprints, "row_digest", lambda r, f: hashed.append(r) or digest(r, f))
    assert unmatched(fps, rows, FIELDS, "day", CLOSED) == plain
    # A4 moved out of the month; A1 matched; A2 matched by the text date "2024-11-20" (hashed like the date)
    assert plain == ([fps[2]], [0, 1, 3, 5, 6, 7, 8, 9])
    assert BOOKED[2] not in hashed and rows[1] not in hashed and rows[3] not in hashed  # dated after 2024-11
    assert all(r in hashed for r in rows[4:])  # text dates, no date and closed-month dates are hashed


def test_a_seal_is_each_sealed_rows_key_and_digest_in_sheet_order():
    """seal makes the values canonical a column at a time (#24): the same fingerprints as row_key and
    row_digest of each row dated up to the month, with one, two or no key fields."""
    rows = [*BOOKED, row(date(2024, 11, 9), " A7 ", "0.10", "备注"), {**BOOKED[0], "amount": None},
            {**BOOKED[1], "day": "2024-11"}, {**BOOKED[1], "day": None}]
    numbers = list(range(2, 2 + len(rows)))
    for key in (KEY, ("no", "amount"), ()):
        expected = [fingerprints.Fingerprint(fingerprints.row_key(r, key), row_digest(r, FIELDS), n)
                    for r, n in zip(rows, numbers, strict=True) if fingerprints.is_sealed(r, "day", CLOSED)]
        assert seal(rows, numbers, FIELDS, "day", key, CLOSED) == expected
        assert len(expected) == 6 and expected[3].key == ("A7" if key == KEY else "A7|0.1" if key else "")
    assert seal(rows, numbers, FIELDS, "day", KEY, "2024-10") == []
