"""Every dx_* function is a worksheet function with its docstring as help and Excel-friendly conversions."""

from __future__ import annotations

import datetime as dt
import inspect
from decimal import Decimal

import pytest

from dealer_xl.excel import udf_registry, udfs, vba_udfs


def test_every_dx_function_is_registered_under_its_excel_name_with_its_docstring():
    names = sorted(n for n in dir(udfs) if n.startswith("dx_") and inspect.isfunction(getattr(udfs, n)))
    assert [s.name for s in udf_registry.SPECS] == [n.upper() for n in names]
    for spec, name in zip(udf_registry.SPECS, names, strict=True):
        assert getattr(udf_registry, spec.name) is spec.function
        assert spec.function.__doc__ == getattr(udfs, name).__doc__ and "例：=" in spec.doc
        assert [p.name for p in spec.params] == list(inspect.signature(getattr(udfs, name)).parameters)


def test_the_wrappers_give_what_the_functions_give():
    assert udf_registry.DX_ID_VALID("11010519491231002X") is True
    assert udf_registry.DX_PHONE_VALID(13912345678.0) is True


def days_between(start: dt.date, end: dt.date, amount: Decimal, rows: list, times: int = 1) -> list:
    """A stand-in worksheet function with every kind of argument."""
    return [[(end - start).days, amount * times, len(rows), rows[0][0], start]]


def test_arguments_are_converted_by_annotation_and_results_made_excel_values():
    spec = udf_registry.udf_spec(days_between)
    assert [(p.kind, p.optional) for p in spec.params] == [
        ("date", False), ("date", False), ("number", False), ("array", False), ("int", True)]
    # a date cell (datetime), an Excel serial (46023 = 2026-01-01, so 46028 = 2026-01-06), text in a cell
    assert spec.function(dt.datetime(2026, 1, 5), 46028.0, "1,234.50元", 7.0) == [[1, 1234.5, 1, 7.0, dt.datetime(2026, 1, 5)]]
    assert spec.function("2026年1月5日", "2026.2.5", "12,000", [[dt.datetime(2026, 3, 1), 2], [3, 4]], 2.0) == [
        [31, 24000.0, 2, dt.datetime(2026, 3, 1), dt.datetime(2026, 1, 5)]]


def test_an_unreadable_argument_raises_a_chinese_message_for_the_cell():
    spec = udf_registry.udf_spec(days_between)
    with pytest.raises(ValueError, match="日期"):
        spec.function("下周一", "2026-01-05", 1, [[1]])


def test_results_become_values_excel_can_hold():
    assert udf_registry.to_excel([[Decimal("0.10"), None, dt.date(2026, 1, 31), "x"]]) == [
        [0.1, "", dt.datetime(2026, 1, 31), "x"]]


def test_vba_declarations_are_ascii_and_rename_vba_keywords():
    assert vba_udfs.vba_name("date") == "arg_date" and vba_udfs.vba_name("amount") == "amount"
    lines = vba_udfs.vba_text('身份证 "A"', "help")
    assert all(line.isascii() for line in lines)
    assert lines[1] == 'help = help & ChrW(36523) & ChrW(20221) & ChrW(35777) & " " & ChrW(34) & "A" & ChrW(34)'
    assert vba_udfs.module_source().isascii()
