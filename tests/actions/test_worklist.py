"""``receivables worklist``: exactly the contracts with money overdue, by score, one sheet per person."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from dealer_xl.actions.receivables.worklist import write_worklist
from dealer_xl.ledger import load

from .expected import ZERO, expected_aging

AS_OF = date(2026, 10, 31)


@pytest.fixture(scope="module")
def worklist(aged_books):
    result = write_worklist(load(aged_books), AS_OF)
    return result, openpyxl.load_workbook(result.workbook), expected_aging(aged_books, AS_OF)


def rows_of(ws):
    values = list(ws.iter_rows(values_only=True))
    return [dict(zip(values[0], r, strict=True)) for r in values[1:]]


def test_holds_exactly_the_contracts_with_money_overdue(worklist):
    result, wb, expected = worklist
    overdue = {no: e["逾期金额"] for no, e in expected.items() if e.get("逾期金额", ZERO) > 0}
    rows = rows_of(wb["催收清单"])
    assert overdue and {r["合同编号"] for r in rows} == set(overdue)
    for r in rows:
        assert Decimal(repr(r["逾期金额"])).quantize(Decimal("0.01")) == overdue[r["合同编号"]]
        assert r["逾期金额"] == pytest.approx(r["逾期本金"] + r["逾期利息"])
        assert r["逾期天数"] > 0 and r["五级分类"] in ("关注", "次级", "可疑", "损失")


def test_sorted_by_score_with_one_sheet_per_responsible_person(worklist):
    result, wb, _ = worklist
    rows = rows_of(wb["催收清单"])
    scores = [r["优先分"] for r in rows]
    assert scores == sorted(scores, reverse=True)
    people = {r["责任人"] for r in rows}
    assert set(wb.sheetnames) == {"催收清单", "说明", *people}
    for person in people:
        mine = rows_of(wb[person])
        assert [r["合同编号"] for r in mine] == [r["合同编号"] for r in rows if r["责任人"] == person]


def test_responsible_is_salesperson_up_to_handover_then_collector(worklist):
    result, wb, _ = worklist
    for r in rows_of(wb["催收清单"]):
        expected = r["业务员"] if r["逾期天数"] <= 60 else r["催收责任人"]
        assert r["责任人"] == (expected or r["业务员"] or r["催收责任人"])


def test_notes_sheet_documents_policy_and_score(worklist):
    result, wb, _ = worklist
    text = "\n".join(str(r[0]) for r in wb["说明"].iter_rows(values_only=True) if r[0])
    assert "优先分 = (逾期金额 + 未付罚息) ÷ 1000 × 分类权重" in text
    assert "91—180 天：律师函" in text and "民法典第634条" in text
