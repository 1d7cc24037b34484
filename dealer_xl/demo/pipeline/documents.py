"""The documents' steps of the main job (``make demo``): a sample contract, a demand letter and
every report pack for the demo company, written under ``<books_dir>/文书`` and ``<books_dir>/报表``.

Guarantees: returns one Chinese log line per thing produced (or why it was not); a contract or
letter that cannot be produced for want of data is reported, never half-written; PDFs are made
only where LibreOffice is installed.
"""

from __future__ import annotations

from datetime import date

from ...documents import DOCUMENTS_DIR
from ...documents.contracts import generate_contracts
from ...documents.letters import generate_letters
from ...documents.packs import REPORTS_DIR, build_pack
from ...documents.sources import with_pdfs
from ...ledger import Ledger
from .held_steps import on_held_books


@on_held_books
def run_document_steps(ledger: Ledger, as_of: date, month: str, *, pdf: bool = True) -> list[str]:
    """Generate the sample documents and the packs of ``ledger``; returns the log."""
    folder = ledger.books_dir
    out = folder / DOCUMENTS_DIR
    log: list[str] = []
    sales = ledger.by_key("sales", "sales", "contract_no")
    installment = [no for no in ledger.by_key("receivables", "contracts", "contract_no") if no in sales]
    full = [no for no, s in sales.items() if s.get("payment_type") == "全款"]
    docs = []
    for candidates in (installment, full):
        for no in candidates:
            written, _ = generate_contracts(ledger, [no], out, pdf=False)
            if written:
                docs += written
                break
    log.append("合同：" + ("、".join(d.docx.name for d in docs) if docs else "没有资料齐全的合同"))
    letters, _ = generate_letters(ledger, as_of, out, all_overdue=True, limit=1, pdf=False)
    log.append("催款函：" + (letters[0].docx.name if letters else "没有逾期合同"))
    if pdf:
        made = [d.pdf.name for d in with_pdfs(docs + letters) if d.pdf]
        log.append("PDF：" + ("、".join(made) if made else "未安装 LibreOffice，未转换"))
    for kind, kwargs in (("daily", {"day": as_of}), ("sales", {"month": month}), ("receivables", {"month": month})):
        pack = build_pack(kind, ledger, folder / REPORTS_DIR, **kwargs)
        log.append(f"报表：{pack.title} → {pack.xlsx.name}（邮件正文 {len(pack.html)} 字符，图 {len(pack.images)} 张）")
    return log
