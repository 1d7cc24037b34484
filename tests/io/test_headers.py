"""A long cell text's normalised form is remembered (dealer_xl/io/headers.py): the answers stay those
of the plain rule, written out here, and a text repeated across a header scan is normalised once."""

from __future__ import annotations

import re

import pytest

from dealer_xl import schema
from dealer_xl.io import headers
from dealer_xl.io.headers import LONG_TEXT, find_header, match_header
from dealer_xl.schema import normalize_header

SPEC = schema.BOOKS[0].sheets[0]  # 主数据 / 客户: 客户编号 (alias 客户代码), 客户名称 (alias 客户), …


def plain(spec, text):
    """The rule of headers.py's docstring, normalising every text afresh."""
    if not isinstance(text, str) or not text:
        return None
    table = {}
    for column in spec.columns:
        for alias in column.aliases:
            table.setdefault(normalize_header(alias), (column.field, False))
    for column in spec.columns:
        table[normalize_header(column.header)] = (column.field, True)
    key = normalize_header(text)
    if key in table:
        return table[key]
    unitless = re.sub(r"\([^()]*\)$", "", key)
    return (table[unitless][0], False) if unitless != key and unitless in table else None


LONG = [
    "x" * 100_000,
    "客户" + " " * 100_000 + "名称",            # spaces are dropped: the canonical header
    "客户" + "\u3000" * 5_000 + "代码",          # full-width spaces: an alias
    "客户名称（" + "元" * 50_000 + "）",          # a long unit in parentheses
    "客户名称（" + "元" * 50_000 + "）x",         # … not at the end: no match
    "＊" * 300 + "ＣＵＳＴＯＭＥＲ",
    "=" + "A1+" * 40_000 + "1",
]


@pytest.mark.parametrize("text", LONG, ids=range(len(LONG)))
def test_a_long_text_matches_as_the_plain_rule_says_every_time(text):
    assert len(text) > LONG_TEXT
    expected = plain(SPEC, text)
    assert match_header(SPEC, text) == expected
    assert match_header(SPEC, str(text)) == expected  # asked again: the remembered key
    changed = text[:-1] + "Z"  # a changed text is its own answer, not the remembered one
    assert match_header(SPEC, changed) == plain(SPEC, changed)


def test_the_remembered_keys_give_the_plain_answer_in_any_order():
    texts = LONG * 3 + [t + "号" for t in LONG] + ["客户名称", "客户", "不是表头"]
    for text in texts + texts[::-1]:
        assert match_header(SPEC, text) == plain(SPEC, text), text[:20]


def test_a_long_text_repeated_across_the_scanned_rows_is_normalised_once(monkeypatch):
    calls = []
    real = headers.normalize_header
    monkeypatch.setattr(headers, "normalize_header", lambda text: calls.append(len(text)) or real(text))
    headers._long_key.cache_clear()
    text = "y" * 100_000
    rows = [["2026年客户"], [text] * 12, ["客户编号", "客户名称", "客户类型"], [text] * 12]
    found = find_header(rows, SPEC, "主数据.xlsx", "客户")
    assert found is not None and found.index == 2 and found.columns["name"] == 1
    assert [n for n in calls if n > LONG_TEXT] == [100_000]
