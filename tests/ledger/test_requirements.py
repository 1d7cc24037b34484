"""An action refuses (exit 2) when a book, sheet or column its figures depend on is missing."""

from __future__ import annotations

import pytest

from dealer_xl.ledger.requirements import NEEDS, MissingColumns, missing, require
from dealer_xl.problems import BookError

from ..checks.builders import books, table


class Source:
    def __init__(self, *tables):
        self.books = books(*tables)


def receivables_tables(absent_receipt_columns=()):
    return (table("master", "customers"), table("receivables", "contracts"), table("receivables", "schedule"),
            table("receivables", "receipts", absent=absent_receipt_columns))


def test_aging_without_the_receipt_amount_column_is_refused_naming_book_sheet_and_column():
    source = Source(*receivables_tables(absent_receipt_columns=("amount",)))
    with pytest.raises(MissingColumns, match="应收款台账.xlsx「收款记录」缺少列：收款金额") as caught:
        require(source, "age", "做账龄分析")
    assert isinstance(caught.value, BookError)


def test_a_missing_book_or_sheet_is_named_once():
    source = Source(table("receivables", "contracts"), table("receivables", "schedule"))
    assert missing(source.books, NEEDS["age"]) == ["缺少 主数据.xlsx", "应收款台账.xlsx 缺少「收款记录」工作表"]


def test_complete_books_pass():
    require(Source(*receivables_tables()), "age", "做账龄分析")
