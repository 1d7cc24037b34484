"""The 售后 buttons: preview first, write only after a yes; the statement comes from the file dialog."""

from __future__ import annotations

from dataclasses import dataclass

import openpyxl
import pytest

from dealer_xl.actions import registry
from dealer_xl.actions.book import FileBooks
from dealer_xl.actions.service.ribbon import PREVIEW_SHEET
from dealer_xl.io.reader import read_books

from .conftest import AS_OF


@dataclass
class AskingBooks(FileBooks):
    """FileBooks that answer the message box and the Open dialog as a user would."""

    answer: bool = False
    chosen: object = None
    asked: int = 0

    def confirm(self, message: str) -> bool:
        self.asked += 1
        return self.answer

    def choose_file(self, title: str, file_filter: str):
        return self.chosen


def claims(folder):
    return read_books(folder)["service"].tables["claims"].rows


def test_claims_button_previews_and_writes_nothing_on_no(demo_books):
    before = claims(demo_books)
    books = AskingBooks(demo_books, today=AS_OF, answer=False)
    result = registry.run("claims_preview", books)
    assert "索赔预览" in result.message and books.asked == 1
    assert PREVIEW_SHEET in openpyxl.load_workbook(demo_books / "售后服务台账.xlsx").sheetnames
    assert claims(demo_books) == before


def test_claims_button_writes_after_yes(demo_books):
    before = claims(demo_books)
    result = registry.run("claims_preview", AskingBooks(demo_books, today=AS_OF, answer=True))
    after = claims(demo_books)
    assert len(after) > len(before) and "已写入「索赔单」" in result.message
    assert {r["status"] for r in after[len(before):]} == {"待提交"}


def test_settlement_button_uses_the_chosen_file_and_applies_after_yes(demo_books):
    statement = next(demo_books.glob("厂家结算单_恒岳重工_*.xlsx"))
    before = claims(demo_books)
    result = registry.run("settlement_check", AskingBooks(demo_books, today=AS_OF, answer=True, chosen=statement))
    assert "恒岳重工" in result.message and "已写入「索赔单」" in result.message
    assert result.outputs and result.outputs[0].name.startswith("厂家结算核对_恒岳重工")
    changed = [a for a, b in zip(claims(demo_books), before, strict=True) if a != b]
    assert changed and all(r["settle_month"] == "2026-10" and r["credit_note_no"] for r in changed)


def test_settlement_button_cancelled_dialog_is_a_message(demo_books):
    with pytest.raises(registry.BookError, match="没有选择结算单"):
        registry.run("settlement_check", AskingBooks(demo_books, today=AS_OF, chosen=None))
