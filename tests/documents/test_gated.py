"""The input gate of the documents, on the small company of :mod:`.books` written into real books.

HT-1 is 王建国's installment contract guaranteed by 赵担保 (客户 KH4, row 5 of 客户: D5 证件号码);
HT-3 is a full-payment sale to another customer. Each test types one wrong value the way a clerk
would and checks that the documents of the contract using it are refused — with book, sheet, cell
and reason — and never written, while the others still are.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from docx import Document

from dealer_xl.documents.contracts import generate_contracts
from dealer_xl.documents.gated import Refused
from dealer_xl.documents.letters import generate_letters
from dealer_xl.documents.repossession_notices import generate_notices
from dealer_xl.ledger import load

from .books import CUSTOMERS, RECEIPTS, ROWS, USCC, write_company

AS_OF = date(2026, 10, 31)
REPO = dict(repo_date=date(2026, 10, 20), contract_no="HT-1", serial_no="S1", location="城关分公司停车场",
            keeper="张三", status="扣押中", towing_fee=Decimal("800"))


def company(tmp_path, rows: dict):
    return load(write_company(tmp_path / "books", ROWS | rows), today=AS_OF)


def text(path) -> str:
    return "\n".join(p.text for p in Document(path).paragraphs)


def test_a_company_credit_code_typed_as_the_guarantors_id_is_never_printed(tmp_path):
    customers = [c | dict(id_number=USCC) if c["customer_id"] == "KH4" else c for c in CUSTOMERS]
    led = company(tmp_path, {("master", "customers"): customers,
                               ("receivables", "repossessions"): [REPO]})
    docs, errors = generate_contracts(led, ["HT-1", "HT-3"], tmp_path / "out", pdf=False)
    assert [d.key for d in docs] == ["HT-3"]
    [refused] = errors
    assert isinstance(refused, Refused) and [(p.sheet, p.cell, p.code) for p in refused.problems] == [
        ("客户", "D5", "id_kind_mismatch")]
    assert str(refused).startswith("未生成合同 HT-1：台账有错误，请先改正 — 主数据.xlsx / 客户 / D5：")
    assert USCC not in text(docs[0].docx)
    letters, errors = generate_letters(led, AS_OF, tmp_path / "out", contract_nos=["HT-1"], pdf=False)
    assert letters == [] and [type(e) for e in errors] == [Refused]
    for kind in ("repossession", "handover"):
        notices, errors = generate_notices(led, kind, AS_OF, tmp_path / "out", ["HT-1"], pdf=False)
        assert notices == [] and [p.cell for p in errors[0].problems] == ["D5"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [docs[0].docx.name]


# the 催告 the Civil Code (第六百四十二条) asks before a machine is taken back: a demand letter delivered
DEMANDED = dict(log_date=date(2026, 9, 25), contract_no="HT-1", collector="E2", action="催款函", result="已送达")


def test_the_same_books_without_the_mistake_give_every_document(tmp_path):
    led = company(tmp_path, {("receivables", "repossessions"): [REPO], ("receivables", "collection_log"): [DEMANDED]})
    docs, errors = generate_contracts(led, ["HT-1"], tmp_path / "out", pdf=False)
    assert errors == [] and "保证人（丙方）：赵担保" in text(docs[0].docx)
    letters, errors = generate_letters(led, AS_OF, tmp_path / "out", contract_nos=["HT-1"], pdf=False)
    assert errors == [] and len(letters) == 1
    notices, errors = generate_notices(led, "repossession", AS_OF, tmp_path / "out", ["HT-1"], pdf=False)
    assert errors == [] and len(notices) == 1


def test_an_unreadable_receipt_stops_what_is_owed_but_not_the_sales_contract(tmp_path):
    receipts = [*RECEIPTS[:-1], RECEIPTS[-1] | dict(amount="2万8")]
    led = company(tmp_path, {("receivables", "receipts"): receipts})
    letters, errors = generate_letters(led, AS_OF, tmp_path / "out", contract_nos=["HT-1"], pdf=False)
    [refused] = errors
    assert letters == [] and [(p.sheet, p.cell) for p in refused.problems] == [("收款记录", f"D{len(RECEIPTS) + 1}")]
    docs, errors = generate_contracts(led, ["HT-1"], tmp_path / "out", pdf=False)
    assert errors == [] and len(docs) == 1  # the contract prints its terms, not what was paid


def test_a_receipt_after_the_letters_date_does_not_stop_it(tmp_path):
    late = dict(receipt_no="R99", receipt_date=date(2026, 11, 5), contract_no="HT-1", amount="2万8", method="转账")
    led = company(tmp_path, {("receivables", "receipts"): [*RECEIPTS, late]})
    letters, errors = generate_letters(led, AS_OF, tmp_path / "out", contract_nos=["HT-1"], pdf=False)
    assert errors == [] and len(letters) == 1
