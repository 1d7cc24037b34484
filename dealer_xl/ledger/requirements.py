"""What each action's figures depend on, declared, and refused when absent (issue #12).

A missing 收款金额 column must not turn into 87 million outstanding with exit 0. Each action declares
the books, sheets and columns its figures are computed from (:data:`NEEDS`); :func:`require` is
called at the action's start and raises :class:`MissingColumns` (a BookError: one Chinese line,
exit 2) naming every missing book, sheet and column at once. Columns that only decorate the output
(a phone number, a region) are not declared: their absence shows as blanks, not as wrong figures.

``require`` works on anything holding the books as read (``books``: key → BookData) — the Ledger,
the receivables loader's data, the documents' Ledgers.
"""

from __future__ import annotations

from collections.abc import Mapping

from .. import schema
from ..problems import BookError

Needs = Mapping[tuple[str, str], tuple[str, ...]]

_CONTRACTS = ("contract_no", "customer_id", "financed_amount", "term_months", "method", "first_due_date",
              "status")
_RECEIVABLES: dict[tuple[str, str], tuple[str, ...]] = {
    ("master", "customers"): ("customer_id",),
    ("receivables", "contracts"): _CONTRACTS,
    ("receivables", "schedule"): ("contract_no", "due_date", "amount_due"),
    ("receivables", "receipts"): ("contract_no", "receipt_date", "amount"),
}

NEEDS: dict[str, Needs] = {
    "age": _RECEIVABLES,
    "plan": _RECEIVABLES | {("receivables", "contracts"): (*_CONTRACTS, "collector")},
    "worklist": _RECEIVABLES | {("receivables", "collection_log"): ("contract_no", "log_date", "action")},
    "schedule": {("receivables", "contracts"): _CONTRACTS,
                 ("receivables", "schedule"): ("contract_no", "period", "due_date", "principal", "interest",
                                               "amount_due")},
    "letters": _RECEIVABLES | {("receivables", "contracts"): (*_CONTRACTS, "total_price", "sign_date")},
    "contracts": {("master", "customers"): ("customer_id", "name", "id_number", "address"),
                  ("master", "models"): ("model_code",),
                  ("sales", "sales"): ("contract_no", "customer_id", "serial_no", "deal_price", "payment_type"),
                  ("receivables", "contracts"): (*_CONTRACTS, "total_price", "down_payment", "annual_rate")},
}
_SALES = {("sales", "sales"): ("contract_no", "sale_date", "branch", "salesperson", "deal_price", "payment_type")}
NEEDS |= {"pack_receivables": _RECEIVABLES, "pack_sales": _SALES, "pack_daily": _SALES}


class MissingColumns(BookError):
    """An action's figures depend on a book, sheet or column the books lack (one Chinese line)."""


def missing(books: Mapping, needs: Needs) -> list[str]:
    """Chinese descriptions of every needed book, sheet and column ``books`` lacks, in order."""
    gaps: list[str] = []
    for (book_key, sheet_key), fields in needs.items():
        spec = schema.sheet(book_key, sheet_key)
        filename = schema.book(book_key).filename
        data = books.get(book_key)
        if data is None or not data.found:
            gap = f"缺少 {filename}"
        elif sheet_key not in data.tables:
            gap = f"{filename} 缺少「{spec.name}」工作表"
        else:
            columns = data.tables[sheet_key].columns
            absent = [spec.column(f).header for f in fields if f not in columns]
            gap = f"{filename}「{spec.name}」缺少列：{'、'.join(absent)}" if absent else ""
        if gap and gap not in gaps:
            gaps.append(gap)
    return gaps


def require(source, needs: Needs | str, what: str) -> None:
    """Raise :class:`MissingColumns` when ``source.books`` lack what ``needs`` (or ``NEEDS[needs]``) names."""
    declared = NEEDS[needs] if isinstance(needs, str) else needs
    gaps = missing(source.books, declared)
    if gaps:
        raise MissingColumns(f"无法{what}，结果取决于缺少的内容：{'；'.join(gaps)}")
