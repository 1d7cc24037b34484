"""No made-up seller: incomplete SELLER_* 参数 rows refuse documents (or mark a draft)."""

import zipfile

import pytest
from docx import Document

from dealer_xl.cli import main
from dealer_xl.documents.contracts import generate_contracts
from dealer_xl.documents.letters import generate_letters
from dealer_xl.documents.seller import Seller, SellerIncomplete, seller_gaps
from dealer_xl.ledger import load

from .books import AS_OF, SELLER, write_company

GOOD = Seller(name="某公司", uscc="91410104MA9K7H3Q5P", address="某地", account="6222000011112222")


def test_complete_seller_has_no_gaps():
    assert seller_gaps(GOOD) == []


def test_gaps_name_the_params_rows_including_a_bad_check_digit():
    bad = Seller(name="某公司", uscc="91410104MA9K7H3Q5A", address="", account="12-34")
    gaps = seller_gaps(bad)
    assert [g.split("（")[0] for g in gaps] == ["SELLER_USCC", "SELLER_ADDRESS", "SELLER_ACCOUNT"]
    assert "末位应为 P" in gaps[0]


@pytest.fixture(scope="module")
def no_seller(tmp_path_factory):
    return write_company(tmp_path_factory.mktemp("noseller"), seller={})


def test_contract_and_letter_refuse_without_seller(no_seller, tmp_path, capsys):
    with pytest.raises(SellerIncomplete, match="SELLER_NAME.*SELLER_USCC.*SELLER_ADDRESS.*SELLER_ACCOUNT"):
        generate_contracts(load(no_seller), ["HT-1"], tmp_path, pdf=False)
    with pytest.raises(SellerIncomplete):
        generate_letters(load(no_seller), AS_OF, tmp_path, contract_nos=["HT-1"], pdf=False)
    assert list(tmp_path.iterdir()) == []
    assert main(["contract", "HT-1", str(no_seller), "--out", str(tmp_path), "--no-pdf"]) == 2
    err = capsys.readouterr().err
    assert "主数据.xlsx / 参数" in err and "Traceback" not in err


def test_draft_marks_every_page_and_takes_no_letter_number(no_seller, tmp_path):
    docs, _ = generate_contracts(load(no_seller), ["HT-1"], tmp_path, pdf=False, draft=True)
    header = Document(docs[0].docx).sections[0].header
    assert "样稿" in "".join(p.text for p in header.paragraphs)
    letters, _ = generate_letters(load(no_seller), AS_OF, tmp_path, contract_nos=["HT-1"], pdf=False, draft=True)
    doc = Document(letters[0].docx)
    assert "样稿" in "".join(p.text for p in doc.sections[0].header.paragraphs)
    assert "〔2026〕" not in "\n".join(p.text for p in doc.paragraphs)


def test_signed_documents_have_no_draft_mark(company, tmp_path):
    docs, _ = generate_contracts(load(company), ["HT-1"], tmp_path, pdf=False)
    assert "样稿" not in "".join(p.text for p in Document(docs[0].docx).sections[0].header.paragraphs)
    assert "出卖人（甲方）：" + SELLER["SELLER_NAME"] in "\n".join(p.text for p in Document(docs[0].docx).paragraphs)


def test_documents_are_tagged_simplified_chinese(company, tmp_path):
    docs, _ = generate_contracts(load(company), ["HT-1"], tmp_path, pdf=False)
    letters, _ = generate_letters(load(company), AS_OF, tmp_path, contract_nos=["HT-1"], pdf=False)
    for path in (docs[0].docx, letters[0].docx):
        with zipfile.ZipFile(path) as z:
            styles, settings = z.read("word/styles.xml").decode(), z.read("word/settings.xml").decode()
        defaults = styles.split("<w:docDefaults>")[1].split("</w:docDefaults>")[0]
        assert 'w:eastAsia="zh-CN"' in defaults and 'w:val="zh-CN"' in defaults
        assert 'w:eastAsia="Noto Serif SC"' in defaults  # the SC face by name (issue #23)
        assert 'w:eastAsia="zh-CN"' in settings and "ja-JP" not in styles + settings
