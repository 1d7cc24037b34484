"""The documents' steps of the main job (``make demo``): a sample contract, a demand letter and
every report pack for the demo company, written under ``<folder>/文书`` and ``<folder>/报表``.

Guarantees: returns one Chinese log line per thing produced (or why it was not); a contract or
letter that cannot be produced for want of data is reported, never half-written; PDFs are made
only where LibreOffice is installed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .contracts import generate_contracts
from .letters import generate_letters
from .packs import REPORTS_DIR, build_pack
from .sources import Ledgers, with_pdfs

DOCUMENTS_DIR = "文书"


def run_document_steps(folder: Path, as_of: date, month: str, *, pdf: bool = True) -> list[str]:
    """Generate the sample documents and the packs for the books in ``folder``; returns the log."""
    folder = Path(folder)
    ledgers = Ledgers(folder)
    out = folder / DOCUMENTS_DIR
    log: list[str] = []
    installment = [no for no in ledgers.contracts if no in ledgers.sales]
    full = [no for no, s in ledgers.sales.items() if s.get("payment_type") == "全款"]
    docs = []
    for candidates in (installment, full):
        for no in candidates:
            written, _ = generate_contracts(ledgers, [no], out, pdf=False)
            if written:
                docs += written
                break
    log.append("合同：" + ("、".join(d.docx.name for d in docs) if docs else "没有资料齐全的合同"))
    letters, _ = generate_letters(folder, as_of, out, all_overdue=True, limit=1, pdf=False)
    log.append("催款函：" + (letters[0].docx.name if letters else "没有逾期合同"))
    if pdf:
        made = [d.pdf.name for d in with_pdfs(docs + letters) if d.pdf]
        log.append("PDF：" + ("、".join(made) if made else "未安装 LibreOffice，未转换"))
    for kind, kwargs in (("daily", {"day": as_of}), ("sales", {"month": month}), ("receivables", {"month": month})):
        pack = build_pack(kind, folder, folder / REPORTS_DIR, ledgers=ledgers, **kwargs)
        log.append(f"报表：{pack.title} → {pack.xlsx.name}（邮件正文 {len(pack.html)} 字符，图 {len(pack.images)} 张）")
    return log
