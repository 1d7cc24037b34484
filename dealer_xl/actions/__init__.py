"""The public face of dealer_xl: one function per user action, what the CLI and the ribbon run.

Each function takes ``books_dir`` (the folder of the five books, or a ``Books`` adapter such as
the workbooks open in Excel), reads the books ONCE into a :class:`dealer_xl.ledger.Ledger`, and
returns a result with a ``summary()`` (Chinese lines) and the files it wrote. Errors a user can fix
are :class:`dealer_xl.problems.BookError` and its family (one Chinese line). Everything is imported
inside the functions, so importing this package (the ribbon does) stays quick.

    >>> from dealer_xl import actions
    >>> actions.validate("台账").count(Severity.ERROR)          # doctest: +SKIP
    >>> actions.age("台账", date(2026, 10, 31)).outstanding    # doctest: +SKIP
    >>> actions.report("receivables", "台账", month="2026-10")  # doctest: +SKIP
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

BooksDir = Path | str | Any  # a folder, or a Books adapter (files on disk, the books open in Excel)

__all__ = ["age", "contracts", "fill_schedules", "letters", "plan", "report", "run_action",
           "summarize", "validate", "worklist"]


def _load(books_dir: BooksDir, today: date | None = None, progress=None):
    from .. import ledger

    return ledger.load(books_dir, today=today, progress=progress)


def summarize(books_dir: BooksDir, *, progress=None):
    """读取汇总: rows read and unreadable values per sheet (:class:`.summary.BooksSummary`)."""
    from .summary import summarize_books

    return summarize_books(_load(books_dir, progress=progress))


def validate(books_dir: BooksDir, *, book: str | None = None, today: date | None = None, progress=None):
    """校验: every check on the five books; only ``book``'s problems when given (:class:`.validate.ValidationResult`)."""
    from .validate import resolve_book, validate_ledger

    if book:
        resolve_book(book)  # an unknown name is refused before anything is read
    return validate_ledger(_load(books_dir, today, progress), book=book)


def fill_schedules(books_dir: BooksDir):
    """还款计划: append the schedules of contracts that have none (writes 应收款台账, backed up)."""
    from .receivables.schedule_fill import fill_schedules as fill

    return fill(_load(books_dir))


def age(books_dir: BooksDir, as_of: date | None = None, *, all_installments: bool = False):
    """账龄分析 as of ``as_of`` (default today): workbook and snapshot in 报表/ (分期明细: the overdue
    installments, every unpaid one with ``all_installments``)."""
    from .receivables.aging_report import age_receivables

    return age_receivables(_load(books_dir, as_of), as_of, all_installments=all_installments)


def worklist(books_dir: BooksDir, as_of: date | None = None):
    """催收清单 as of ``as_of`` (default today) in 报表/."""
    from .receivables.worklist import write_worklist

    return write_worklist(_load(books_dir, as_of), as_of)


def plan(books_dir: BooksDir, month: str):
    """催收计划 and recovery analysis of ``month`` (YYYY-MM) in 报表/."""
    from .receivables.collection_plan import write_plan

    return write_plan(_load(books_dir), month)


def contracts(books_dir: BooksDir, contract_nos: list[str], out_dir: Path | None = None, *, pdf: bool = True):
    """销售合同 of each contract number into ``out_dir`` (default 文书/): (written, missing-data errors)."""
    from ..documents import DOCUMENTS_DIR
    from ..documents.contracts import generate_contracts

    ledger = _load(books_dir)
    return generate_contracts(ledger, contract_nos, Path(out_dir or ledger.books_dir / DOCUMENTS_DIR), pdf=pdf)


def letters(books_dir: BooksDir, as_of: date | None = None, *, contract_nos: list[str] | None = None,
            collector: str | None = None, all_overdue: bool = False, deadline: date | None = None,
            out_dir: Path | None = None, pdf: bool = True, draft: bool = False):
    """催款函 for the contracts, a collector's overdue contracts, or all overdue ones: (written, errors).
    ``draft`` marks every page 样稿 and lets the letters through without the seller's 参数 rows."""
    from ..documents import DOCUMENTS_DIR
    from ..documents.letters import generate_letters
    from ..ledger.scope import check_scope
    from ..schema import labels

    ledger = _load(books_dir, as_of)
    check_scope(ledger, person=collector, what=labels.COLLECTOR)
    return generate_letters(ledger, as_of or ledger.today, Path(out_dir or ledger.books_dir / DOCUMENTS_DIR),
                            contract_nos=contract_nos, collector=collector, all_overdue=all_overdue,
                            deadline=deadline, pdf=pdf, draft=draft)


def report(kind: str, books_dir: BooksDir, out_dir: Path | None = None, *, day: date | None = None,
           month: str | None = None, branch: str | None = None, person: str | None = None, masked: bool = True):
    """报表包 ``kind`` (daily, sales, receivables, worklist): workbook + email HTML (:class:`Pack`)."""
    from ..documents.packs import build_pack
    from ..ledger.scope import check_scope
    from ..problems import BadOption

    ledger = _load(books_dir, day)
    check_scope(ledger, branch=branch, person=person)
    try:
        return build_pack(kind, ledger, out_dir, day=day, month=month, branch=branch, person=person, masked=masked)
    except ValueError as e:
        raise BadOption(str(e)) from e


def run_action(tag: str, books) -> Any:
    """The ribbon button ``tag`` on ``books`` (a Books adapter): its :class:`.book.ActionResult`."""
    from .registry import run

    return run(tag, books)
