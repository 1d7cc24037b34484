"""Contracts filled from the books: parties, amounts in figures and 大写, the schedule annex, PDF."""

import hashlib
import os
import shutil
import subprocess
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from docx import Document

from dealer_xl.documents.contracts import contract_context, generate_contracts
from dealer_xl.documents.sources import MissingData
from dealer_xl.domain.schedules import build_schedule
from dealer_xl.ledger import load

from .books import ID_1, SCRIPT, write_company


def _text(path) -> str:
    doc = Document(path)
    return "\n".join(p.text for p in doc.paragraphs)


def test_installment_contract_has_parties_amounts_and_the_schedule(company, tmp_path):
    docs, errors = generate_contracts(load(company), ["HT-1"], tmp_path, pdf=False)
    assert errors == [] and len(docs) == 1
    text = _text(docs[0].docx)
    assert "出卖人（甲方）：测试机械销售有限公司" in text                    # 参数 SELLER_NAME
    assert "买受人（乙方）：王建国" in text and f"身份证号码：{ID_1}" in text
    assert "保证人（丙方）：赵担保" in text and "河南省郑州市二七区" in text
    assert "人民币肆拾捌万元整（¥480,000.00）" in text
    assert "人民币壹拾肆万肆仟元整（¥144,000.00）" in text
    assert "人民币叁拾叁万陆仟元整（¥336,000.00）" in text
    assert "分12期" in text and "年利率6.00%" in text and "每月10日" in text
    for clause in ("第六百四十一条", "第六百三十四条", "第六百四十二条", "第六百四十三条", "第一受益人", "连带责任保证"):
        assert clause in text
    rows = [[c.text for c in r.cells] for r in Document(docs[0].docx).tables[-1].rows]
    expected = build_schedule(Decimal("336000"), Decimal("0.06"), 12, date(2026, 2, 10))
    assert rows[1:-1] == [[str(i.period), i.due_date.isoformat(), f"{i.principal:,.2f}", f"{i.interest:,.2f}",
                           f"{i.amount_due:,.2f}", f"{i.balance:,.2f}"] for i in expected]
    assert rows[-1][:3] == ["合计", "", "336,000.00"]


def test_full_payment_contract_with_hostile_number_and_name_stays_in_the_folder(company, tmp_path):
    docs, errors = generate_contracts(load(company), ["../X"], tmp_path / "out", pdf=False)
    assert errors == []
    fingerprint = hashlib.sha256(b"../X").hexdigest()[:8]     # changed to be safe → told apart from "_X"
    assert docs[0].docx == tmp_path / "out" / f"全款销售合同__X_{fingerprint}.docx"
    assert list(tmp_path.iterdir()) == [tmp_path / "out"]
    text = _text(docs[0].docx)
    assert f"买受人（乙方）：{SCRIPT}" in text and "统一社会信用代码" in text
    assert "人民币肆拾伍万元整（¥450,000.00）" in text
    assert "分期" not in text and "保证人" not in text


def test_every_missing_field_is_listed_once_and_nothing_is_written(company, tmp_path):
    ledgers = load(company)
    ledgers.customer("KH1")["address"] = None
    with pytest.raises(MissingData) as caught:
        contract_context(ledgers, "HT-4")
    message = str(caught.value)
    assert "买受人送达地址" in message and "担保人送达地址" in message
    ledgers.contract("HT-4")["method"] = "自定义"     # and no 还款计划 rows
    with pytest.raises(MissingData) as caught:
        contract_context(ledgers, "HT-4")
    assert all(gap in str(caught.value) for gap in ("买受人送达地址", "担保人送达地址", "还款计划"))
    docs, errors = generate_contracts(ledgers, ["HT-4", "NO-SUCH"], tmp_path, pdf=False)
    assert docs == [] and len(errors) == 2 and list(tmp_path.iterdir()) == []


def test_seller_details_come_from_the_params_sheet_when_present(company, tmp_path):
    folder = write_company(tmp_path / "books")
    path = folder / "主数据.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["参数"]
    ws.append(["SELLER_ACCOUNT", "6222000011112222", "收款账号"])
    wb.save(path)
    docs, _ = generate_contracts(load(folder), ["HT-1"], tmp_path / "out", pdf=False)
    assert "账号6222000011112222" in _text(docs[0].docx)


def test_pdf_of_the_contract_holds_the_key_text(company, tmp_path, libreoffice):
    docs, _ = generate_contracts(load(company), ["HT-1"], tmp_path, pdf=False)
    pdf = libreoffice(docs[0].docx, "pdf", tmp_path / "pdf")
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("CI 环境缺少 pdftotext（poppler-utils）")
        pytest.skip("未安装 pdftotext（poppler-utils）")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    for key in ("分期付款买卖合同", "王建国", "人民币肆拾捌万元整", "¥480,000.00", "所有权保留", "附件一"):
        assert key in flat, key
