"""One contract and one letter converted to PDF by LibreOffice: page counts and page layout.

Expected, as a clerk would lay them out: the installment contract of the small company is three
pages of text plus 附件一 alone on the last page; the letter with a guarantor is four pages — the
buyer's letter on one page, its 送达回执, the guarantor's letter, its 送达回执 — each page footed
"第 X 页 共 Y 页".
"""

import re
import shutil
import subprocess

import pytest

from dealer_xl.documents.contracts import generate_contracts
from dealer_xl.documents.letters import generate_letters
from dealer_xl.documents.rendering import soffice
from dealer_xl.ledger import load

from .books import AS_OF

pytestmark = pytest.mark.skipif(soffice() is None or shutil.which("pdftotext") is None,
                                reason="需要 LibreOffice 和 pdftotext")


def _pages(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return ["".join(page.split()) for page in text.split("\f") if page.strip()]


def test_contract_pdf_has_the_schedule_on_its_own_last_page(company, tmp_path):
    docs, _ = generate_contracts(load(company), ["HT-1"], tmp_path)
    pages = _pages(docs[0].pdf)
    assert len(pages) == 4
    assert pages[-1].startswith("附件一") and "第十" not in pages[-1]
    assert "（以下无正文）" in pages[-2] and "日期：年月日" in pages[-2]
    assert all(f"第{i}页共{len(pages)}页" in page for i, page in enumerate(pages, 1))


def test_letter_pdf_is_one_page_per_copy_plus_its_receipt(company, tmp_path):
    docs, _ = generate_letters(load(company), AS_OF, tmp_path, contract_nos=["HT-1"])
    pages = _pages(docs[0].pdf)
    assert len(pages) == 4
    assert pages[0].startswith("催款函") and "（买受人联）" in pages[0] and "（盖章）" in pages[0]
    assert pages[2].startswith("催款函") and "（保证人联）" in pages[2] and "（盖章）" in pages[2]
    assert pages[1].startswith("送达回执") and pages[3].startswith("送达回执")
    assert all(f"第{i}页共4页" in page for i, page in enumerate(pages, 1))


def test_handover_is_one_form_signed_on_its_last_page_and_initialled_on_every_page(tmp_path):
    from dealer_xl.documents.repossession_notices import generate_notices

    from .books import ROWS, write_company
    from .test_repossession_notices import DEMAND, REPO

    folder = write_company(tmp_path / "books", ROWS | {("receivables", "repossessions"): [REPO],
                                                       ("receivables", "collection_log"): [DEMAND]})
    led = load(folder, today=AS_OF)
    handover = generate_notices(led, "handover", AS_OF, tmp_path / "out", ["HT-1"])[0][0]
    pages = _pages(handover.pdf)
    assert 1 <= len(pages) <= 2 and not re.search("附件[一二三四]", "".join(pages))  # sections, not annexes
    assert all(f"第{i}页共{len(pages)}页移交人：" in page and "接收人：" in page for i, page in enumerate(pages, 1))
    assert "移交人（扣车经办）签字：" in pages[-1] and "见证人签字：" in pages[-1]
    assert pages[0].startswith("车辆交接单") and "一、设备情况" in pages[0]
    notice = generate_notices(led, "repossession", AS_OF, tmp_path / "out", ["HT-1"])[0][0]
    pages = _pages(notice.pdf)
    assert len(pages) == 2 and pages[0].startswith("扣车通知书") and pages[1].startswith("送达回执")
