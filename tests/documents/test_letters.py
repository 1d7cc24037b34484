"""Demand letters: the overdue installments, principal/interest/penalty in figures and 大写, deadline."""

import os
import shutil
import subprocess
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from docx import Document

from dealer_xl.documents.letters import NothingOverdue, generate_letters
from dealer_xl.documents.sources import MissingData
from dealer_xl.domain.rmb import rmb_upper
from dealer_xl.ledger import load

from .books import AS_OF, PAID_PERIODS, RECEIPTS, ROWS, SCHEDULE, write_company


def _hand_worked():
    """Periods 7–9 are unpaid on 2026-10-31; penalty = amount × 0.0003 × (days overdue − 3 grace days)."""
    missed = [i for i in SCHEDULE[PAID_PERIODS:] if i.due_date < AS_OF]
    days = [(AS_OF - i.due_date).days for i in missed]
    penalty = sum((i.amount_due * Decimal("0.0003") * (d - 3)).quantize(Decimal("0.01"), ROUND_HALF_UP)
                  for i, d in zip(missed, days, strict=True))
    return missed, days, sum(i.principal for i in missed), sum(i.interest for i in missed), penalty


def test_letter_states_the_demand_in_figures_and_upper_case(company, tmp_path):
    docs, errors = generate_letters(load(company), AS_OF, tmp_path, contract_nos=["HT-1"], pdf=False)
    assert errors == [] and docs[0].docx.name == "催款函_HT-1_2026-10-31.docx"
    doc = Document(docs[0].docx)
    text = "\n".join(p.text for p in doc.paragraphs)
    missed, days, principal, interest, penalty = _hand_worked()
    assert [i.period for i in missed] == [7, 8, 9] and days == [82, 51, 21]
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows][1:-1]
    assert [r[:6] for r in rows] == [[str(i.period), i.due_date.isoformat(), f"{i.amount_due:,.2f}",
                                      f"{i.amount_due:,.2f}", str(d), str(d - 3)]
                                     for i, d in zip(missed, days, strict=True)]
    for amount in (principal, interest, penalty, principal + interest + penalty):
        assert f"人民币{rmb_upper(amount)}（¥{amount:,.2f}" in text, amount
    total = principal + interest + penalty            # the one figure owed, stated first, then its parts
    assert f"欠款合计人民币{rmb_upper(total)}（¥{total:,.2f}），其中：" in text
    unpaid = Decimal("336000") - sum(i.principal for i in SCHEDULE[:PAID_PERIODS])  # the price still unpaid
    assert "其中首付款¥144,000.00，余款¥336,000.00分12期" in text and f"尚未支付的价款（不含利息）为¥{unpaid:,.2f}" in text
    assert "已累计支付" not in text
    assert "王建国" in text and "河南省郑州市金水区花园路1号" in text
    assert "2026年11月10日前" in text                                 # as-of + 10 days
    assert "账号6222000011112222" in text                             # 参数 SELLER_ACCOUNT
    for basis in ("第六百四十二条", "第五百八十五条", "第一百九十五条", "诉讼时效"):
        assert basis in text
    assert "五分之一" not in text and "第六百三十四条" not in text  # 3 installments ≈ 86,757 < 1/5 of 480,000
    assert "抄送：保证人赵担保" in text and "联系人：李四" in text


def test_collector_batch_covers_only_their_overdue_contracts(company, tmp_path):
    docs, errors = generate_letters(load(company), AS_OF, tmp_path, collector="李四", pdf=False)
    assert [d.key for d in docs] == ["HT-1"] and errors == []
    docs, errors = generate_letters(load(company), AS_OF, tmp_path, collector="E2", deadline=date(2026, 11, 30), pdf=False)
    assert [d.key for d in docs] == ["HT-1"]
    assert "2026年11月30日前" in "\n".join(p.text for p in Document(docs[0].docx).paragraphs)


def test_no_letter_without_overdue_or_contract(company, tmp_path):
    docs, errors = generate_letters(load(company), AS_OF, tmp_path, contract_nos=["HT-4", "NO-SUCH"], pdf=False)
    assert docs == [] and list(tmp_path.iterdir()) == []
    assert isinstance(errors[0], NothingOverdue) and isinstance(errors[1], MissingData)


def test_letter_pdf_holds_the_demand(company, tmp_path, libreoffice):
    docs, _ = generate_letters(load(company), AS_OF, tmp_path, contract_nos=["HT-1"])
    assert docs[0].pdf is not None and docs[0].pdf.exists()
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("CI 环境缺少 pdftotext（poppler-utils）")
        pytest.skip("未安装 pdftotext（poppler-utils）")
    text = "".join(subprocess.run(["pdftotext", str(docs[0].pdf), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    _, _, principal, interest, penalty = _hand_worked()
    assert "催款函" in text and f"人民币{rmb_upper(principal + interest + penalty)}" in text
    assert "第一百九十五条" in text


def test_acceleration_is_claimed_once_a_fifth_of_the_price_is_overdue(tmp_path):
    rows = dict(ROWS) | {("receivables", "receipts"): RECEIPTS[:1]}   # only period 1 paid: 2–9 overdue
    folder = write_company(tmp_path / "books", rows)
    docs, _ = generate_letters(load(folder), AS_OF, tmp_path / "out", contract_nos=["HT-1"], pdf=False)
    text = "\n".join(p.text for p in Document(docs[0].docx).paragraphs)
    overdue = sum(i.amount_due for i in SCHEDULE[1:9])
    assert overdue >= Decimal("480000") / 5
    missed = SCHEDULE[1:9]
    unpaid_price = Decimal("480000") - Decimal("144000") - SCHEDULE[0].principal   # total − down − principal paid
    interest = sum(i.interest for i in missed)                                    # overdue interest only
    penalty = sum((i.amount_due * Decimal("0.0003") * ((AS_OF - i.due_date).days - 3)).quantize(
        Decimal("0.01"), ROUND_HALF_UP) for i in missed if (AS_OF - i.due_date).days > 3)
    claim = unpaid_price + interest + penalty
    assert "五分之一" in text and "第六百三十四条" in text
    assert f"合计人民币{rmb_upper(claim)}（¥{claim:,.2f}）" in text
    assert f"其中未付价款¥{unpaid_price:,.2f}" in text
