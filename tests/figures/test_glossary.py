"""The glossary of figures: one label per definition, printed by ``dealer-xl figures`` and in the docs."""

from __future__ import annotations

import json
import re
from pathlib import Path

from dealer_xl.cli import main
from dealer_xl.ledger.figures import GLOSSARY, JSON_KEYS, NOT_COMPUTED, shown

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_each_label_and_each_key_names_one_figure_with_a_one_sentence_definition():
    labels = [f.label for f in GLOSSARY]
    assert len(labels) == len(set(labels))
    assert len({f.key for f in GLOSSARY}) == len(GLOSSARY)
    for f in GLOSSARY:
        assert f.definition.endswith("。") and f.definition.count("。") == 1, f.key
        assert f.unit in ("元", "台", "人", "张", "个"), f.key
        assert re.fullmatch(r"[a-z]+\.[a-z_]+", f.key), f.key


def test_the_json_keys_the_issue_names_are_in_the_glossary():
    keys = {f.key for f in GLOSSARY}
    assert JSON_KEYS["receivables"] == ("balance", "opening_balance", "overdue", "long_overdue", "written_off",
                                        "collected", "disposal")
    assert JSON_KEYS["sales"] == ("units", "amount", "target_units", "target_amount")
    assert JSON_KEYS["payroll"] == ("people", "gross", "net")
    assert all(f"{section}.{name}" in keys for section, names in JSON_KEYS.items() for name in names)


def test_a_figure_not_computed_reads_as_such_never_zero():
    assert shown("payroll.gross", None) == NOT_COMPUTED == "未计算"
    assert shown("payroll.gross", 0) == "0.00" and shown("payroll.people", 38) == "38"


def test_the_figures_command_prints_the_glossary(capsys):
    assert main(["figures", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["key"], r["label"], r["definition"]) for r in listed] == [(f.key, f.label, f.definition) for f in GLOSSARY]
    assert main(["figures"]) == 0
    table = capsys.readouterr().out
    assert all(f.label in table for f in GLOSSARY)


def test_the_docs_carry_the_glossary_as_the_command_prints_it():
    finance = (DOCS / "财务.md").read_text(encoding="utf-8")
    for f in GLOSSARY:
        assert f"| {f.label} | `{f.key}` | {f.unit} | {f.definition} |" in finance, f.key
    assert "dealer-xl figures" in (DOCS / "信审.md").read_text(encoding="utf-8")
