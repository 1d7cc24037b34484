"""What documents share: the seller of a Ledger, missing-data errors, parties, written documents.

Documents are filled from a :class:`dealer_xl.ledger.Ledger` (its look-ups by key: customer, model,
machine, sale, contract, schedule, receipts, employee; its 参数) and :func:`seller_of` it.
:class:`MissingData` carries every missing field of one document, so the user gets one message
listing all of them and nothing is written. Look-ups never raise for bad data: a key that is not
there gives None.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from dealer_xl.domain.ranges import bounds
from dealer_xl.io.values import parse_code
from dealer_xl.ledger import Ledger
from dealer_xl.ledger.sanity import sheet_reasons
from dealer_xl.schema import labels

from .masking import mask_id, mask_phone
from .rendering import to_pdfs
from .seller import Seller, load_seller

Row = dict[str, object]


class MissingData(ValueError):
    """A document cannot be produced: ``missing`` lists every field that is missing."""

    def __init__(self, document: str, missing: list[str]):
        self.document, self.missing = document, missing
        super().__init__(f"{document}缺少以下资料，未生成任何文件：\n  - " + "\n  - ".join(missing))


class ImplausibleData(MissingData):
    """A document is refused: ``missing`` lists the values outside their plausible range (issue #12)."""

    def __init__(self, document: str, reasons: list[str]):
        ValueError.__init__(self, f"{document}含有超出合理范围的数值，未生成任何文件：\n  - " + "\n  - ".join(reasons))
        self.document, self.missing = document, reasons


def contract_key(text: object) -> str:
    """A contract number typed by a person (command line, dialog) normalised as the books' 合同编号
    column is: full-width to half-width, spaces removed, upper case."""
    key = parse_code(text)
    return key if isinstance(key, str) else str(text or "")


def implausible_values(params: dict, today: date, parts: dict[tuple[str, str], list]) -> list[str]:
    """Every implausible value (:mod:`dealer_xl.ledger.sanity`) of the rows a document is made from."""
    limits = bounds(params, today)
    return [r for (book, sheet), rows in parts.items() for r in sheet_reasons(book, sheet, rows, limits)]


@dataclass(frozen=True, slots=True)
class GeneratedDocument:
    """A document written to disk.

    Attributes:
        key: the contract number it is about.
        docx: the .docx written.
        pdf: the PDF beside it, None when LibreOffice is not installed or PDF was not asked for.
    """

    key: str
    docx: Path
    pdf: Path | None = None


def seller_of(ledger: Ledger) -> Seller:
    """The seller's details of ``ledger`` (参数 SELLER_* over templates/seller.toml), read once per Ledger."""
    return ledger.memo("seller", lambda: load_seller(ledger.books.get("master")))


def party(row: Row, *, masked: bool = False) -> dict[str, str]:
    """A customer as a contract party: name, id_label, id_number, address, phone."""
    company = row.get("kind") == "企业"
    id_number = str(row.get("id_number") or "")
    phone = str(row.get("phone") or "")
    return {"name": str(row.get("name") or ""), "kind": str(row.get("kind") or ""),
            "id_label": labels.USCC if company else "身份证号码",
            "id_number": mask_id(id_number) if masked else id_number,
            "address": str(row.get("address") or ""),
            "phone": mask_phone(phone) if masked else phone}


def require(missing: list[str], value: object, label: str) -> object:
    """Append ``label`` to ``missing`` when ``value`` is empty; return ``value``."""
    if value is None or value == "":
        missing.append(label)
    return value


def iso(day: date | None) -> str:
    """2026-10-31 ('' for None)."""
    return day.isoformat() if day else ""


def with_pdfs(docs: list[GeneratedDocument]) -> list[GeneratedDocument]:
    """``docs`` with their PDFs (made in one LibreOffice run; unchanged when it is not installed)."""
    pdfs = to_pdfs([d.docx for d in docs])
    return [replace(d, pdf=pdfs.get(d.docx)) for d in docs]
