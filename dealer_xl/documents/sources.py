"""The ledger rows documents are filled from, indexed once per run.

:class:`Ledgers` reads the five books of a folder and offers look-ups by key (customer, model,
machine, sale, installment contract, schedule, receipts, employee) plus the policy parameters and
the seller's details. :class:`MissingData` carries every missing field of one document, so the user
gets one message listing all of them and nothing is written. Look-ups never raise for bad data:
a key that is not there gives None.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from dealer_xl.domain.ranges import bounds
from dealer_xl.io.params import read_params
from dealer_xl.io.reader import BookData, read_books
from dealer_xl.io.values import parse_code
from dealer_xl.ledger.sanity import sheet_reasons

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


def _index(rows: list[Row], field: str) -> dict[object, Row]:
    out: dict[object, Row] = {}
    for row in rows:
        if row[field] is not None:
            out.setdefault(row[field], row)
    return out


class Ledgers:
    """The rows of one folder of books, indexed for documents and reports."""

    def __init__(self, folder: Path, books: dict[str, BookData] | None = None):
        self.folder = Path(folder)
        self.books = books if books is not None else read_books(self.folder)
        self.params, _ = read_params(self.books["master"])
        self.seller: Seller = load_seller(self.books["master"])
        t = self.table
        self.customers = _index(t("master", "customers"), "customer_id")
        self.models = _index(t("master", "models"), "model_code")
        self.employees = _index(t("master", "employees"), "emp_id")
        self.employees_by_name = _index(t("master", "employees"), "name")
        self.sub_dealers = _index(t("master", "sub_dealers"), "dealer_id")
        self.stock = _index(t("sales", "stock"), "serial_no")
        self.sales = _index(t("sales", "sales"), "contract_no")
        self.contracts = _index(t("receivables", "contracts"), "contract_no")
        self.schedules: dict[object, list[Row]] = defaultdict(list)
        for row in t("receivables", "schedule"):
            self.schedules[row["contract_no"]].append(row)
        self.receipts: dict[object, list[Row]] = defaultdict(list)
        for row in t("receivables", "receipts"):
            self.receipts[row["contract_no"]].append(row)
        names: dict[object, list[Row]] = defaultdict(list)
        for row in t("master", "customers"):
            names[row["name"]].append(row)
        self._customers_by_name = names

    def table(self, book: str, sheet: str) -> list[Row]:
        """The rows of a sheet ([] when the book or sheet is missing)."""
        found = self.books[book].tables.get(sheet)
        return found.rows if found is not None else []

    def person(self, text: object) -> Row | None:
        """A customer by 客户编号, else by a name that only one customer has."""
        if text in self.customers:
            return self.customers[text]
        same = self._customers_by_name.get(text, [])
        return same[0] if len(same) == 1 else None

    def employee(self, text: object) -> Row | None:
        """An employee by 工号 or by name."""
        return self.employees.get(text) or self.employees_by_name.get(text)

    def decimal(self, key: str) -> Decimal:
        """The 参数 ``key`` as a Decimal."""
        return Decimal(self.params[key])


def party(row: Row, *, masked: bool = False) -> dict[str, str]:
    """A customer as a contract party: name, id_label, id_number, address, phone."""
    company = row.get("kind") == "企业"
    id_number = str(row.get("id_number") or "")
    phone = str(row.get("phone") or "")
    return {"name": str(row.get("name") or ""), "kind": str(row.get("kind") or ""),
            "id_label": "统一社会信用代码" if company else "身份证号码",
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
