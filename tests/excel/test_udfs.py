"""Worksheet functions run without Excel and agree with hand-checked identifiers."""

from dealer_xl.excel import udfs


def test_identifier_functions():
    assert udfs.dx_id_valid("11010519491231002X") is True
    assert udfs.dx_id_valid("110105194912310021") is False
    assert udfs.dx_id_valid(None) is False
    assert udfs.dx_uscc_valid("91350100M000100Y43") is True
    assert udfs.dx_uscc_valid("91350100M000100Y44") is False
    assert udfs.dx_vin_valid("1M8GDM9AXKP042788") is True
    assert udfs.dx_vin_valid("1M8GDM9A1KP042788") is False
    assert udfs.dx_phone_valid("13912345678") is True
    assert udfs.dx_phone_valid(13912345678.0) is True  # Excel passes a number stored as number as a float
    assert udfs.dx_phone_valid("1391234567") is False


def test_every_udf_has_chinese_help_with_example():
    for name in dir(udfs):
        if name.startswith("dx_"):
            doc = getattr(udfs, name).__doc__
            assert doc and "例：=" in doc, name
