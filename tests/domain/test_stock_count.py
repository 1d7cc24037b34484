"""Stock against the manufacturer's list and against a physical count."""

from __future__ import annotations

from dealer_xl.domain.stock_count import Machine, compare_count, compare_stock, counted_mark

OURS = [Machine("SN001", "M1", "在库"), Machine("SN002", "M1", "样机"), Machine("SN003", "M2", "在库"),
        Machine("SN004", "M2", "在库")]


def test_each_category_of_difference_is_found_and_agreeing_machines_are_counted():
    theirs = [Machine("sn 001", "M1", ""), Machine("SN002", "M1", "已售"), Machine("SN003", "M9", "在库"),
              Machine("SN777", "M2", "在库")]
    lines, agree = compare_stock(OURS, theirs)
    assert agree == 1
    assert [(x.serial_no, x.category, x.ours, x.theirs) for x in lines] == [
        ("SN002", "status_differs", "M1 / 样机", "M1 / 已售"),
        ("SN003", "model_differs", "M2 / 在库", "M9 / 在库"),
        ("SN777", "only_theirs", "", "M2 / 在库"),
        ("SN004", "only_ours", "M2 / 在库", ""),
    ]


def test_count_marks_are_read_as_present_missing_or_not_counted():
    assert [counted_mark(x) for x in ("有", "√", "1", "无", "×", "", None, "也许")] == \
        [True, True, True, False, False, None, None, None]


def test_a_count_lists_missing_found_and_uncounted_machines():
    counted = [("SN001", "M1", "有"), ("SN002", "M1", "无"), ("SN003", "M2", ""), ("SN900", "M1", "有")]
    lines, agree = compare_count(OURS, counted)
    assert [(x.serial_no, x.category) for x in lines] == [
        ("SN002", "missing"), ("SN003", "not_counted"), ("SN900", "found"), ("SN004", "not_counted")]
    assert agree == 1  # SN001: booked and counted present (SN900 is found, not booked)
