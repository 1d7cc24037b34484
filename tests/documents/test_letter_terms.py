"""Letters say only what the books allow: no 取回 at ≥75% paid or for a held machine, the guarantor
by name with their own copy and 送达回执, sequential 函号, the deadline check."""

from datetime import date

import pytest
from docx import Document

from dealer_xl.documents.letter_numbers import register_path
from dealer_xl.documents.letters import generate_letters
from dealer_xl.ledger import load
from dealer_xl.problems import BookError

from .books import AS_OF, ROWS, SCHEDULE, write_company


def _text(path) -> str:
    doc = Document(path)
    return "\n".join(p.text for p in doc.paragraphs) + "\n" + "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells)


def _letter(folder, tmp_path, as_of=AS_OF) -> str:
    docs, errors = generate_letters(load(folder), as_of, tmp_path / "out", contract_nos=["HT-1"], pdf=False)
    assert errors == []
    return _text(docs[0].docx)


def test_letter_threatens_repossession_below_three_quarters_paid(company, tmp_path):
    text = _letter(company, tmp_path)         # 144,000 + 6 × 28,918.32 = 317,509.92 of 480,000 = 66%
    assert "取回标的物" in text and "第六百四十二条" in text


def test_no_repossession_threat_once_three_quarters_are_paid(tmp_path):
    receipts = [dict(receipt_no=f"R{i.period}", receipt_date=i.due_date, contract_no="HT-1", amount=i.amount_due,
                     method="转账") for i in SCHEDULE[:8]]   # 144,000 + 8 × 28,918.32 = 375,346.56 = 78%
    folder = write_company(tmp_path / "books", dict(ROWS) | {("receivables", "receipts"): receipts})
    text = _letter(folder, tmp_path, date(2026, 12, 15))  # period 9 (2026-10-10) 66 days overdue: the letter step
    assert "取回" not in text and "第六百四十二条" not in text
    assert "依法提起诉讼" in text


def test_held_machine_gets_redemption_wording_without_repossession_threat(tmp_path):
    held = [dict(repo_date=date(2026, 10, 1), contract_no="HT-1", serial_no="S1", location="城关分公司停放场",
                 keeper="张三", status="扣押中")]
    folder = write_company(tmp_path / "books", dict(ROWS) | {("receivables", "repossessions"): held})
    text = _letter(folder, tmp_path)
    assert "取回" not in text
    assert "标的物已于2026年10月1日由我公司扣押，现存放于城关分公司停放场" in text
    assert "2026年11月10日前付清" in text and "赎回" in text and "第六百四十三条" in text


def test_guarantor_is_named_and_gets_an_own_copy_and_receipt(company, tmp_path):
    text = _letter(company, tmp_path)
    assert "保证人赵担保" in text and "KH4" not in text
    assert "（买受人联）" in text and "（保证人联）" in text
    assert "\n赵担保：\n" in text                       # the guarantor's copy is addressed to them
    assert text.count("送达回执") == 2 and "河南省郑州市二七区" in text


def test_letter_numbers_are_sequential_per_year_across_runs(company, tmp_path):
    folder = write_company(tmp_path / "books")
    first = _text(generate_letters(load(folder), AS_OF, tmp_path / "a", contract_nos=["HT-1"], pdf=False)[0][0].docx)
    second = _text(generate_letters(load(folder), AS_OF, tmp_path / "b", contract_nos=["HT-1"], pdf=False)[0][0].docx)
    next_year = _text(generate_letters(load(folder), date(2027, 1, 5), tmp_path / "c", contract_nos=["HT-1"],
                                       pdf=False)[0][0].docx)
    assert "函号：〔2026〕催字第0001号" in first and "函号：〔2026〕催字第0002号" in second
    assert "函号：〔2027〕催字第0001号" in next_year
    assert len(register_path(folder).read_text(encoding="utf-8-sig").splitlines()) == 4   # header + 3


def test_deadline_before_the_letter_date_is_refused(company, tmp_path):
    with pytest.raises(BookError, match="早于催款函日期"):
        generate_letters(load(company), AS_OF, tmp_path, contract_nos=["HT-1"], deadline=date(2026, 10, 30), pdf=False)
    assert not tmp_path.joinpath("催款函_HT-1_2026-10-31.docx").exists()
