"""Where the books live is configured once; without a configuration the active book's folder is used."""

from __future__ import annotations

from pathlib import Path

import pytest

from dealer_xl.excel import config
from dealer_xl.problems import BookError


def test_configured_folder_wins_and_survives_quotes_and_chinese(tmp_path):
    books = tmp_path / "台账 \"2026\" 'A'"
    books.mkdir()
    path = config.save_books_dir(books, tmp_path / "cfg" / config.CONFIG_NAME)
    assert config.books_folder(str(tmp_path / "别处" / "销售台账.xlsx"), path) == books.resolve()


def test_without_configuration_the_active_books_folder_is_used(tmp_path):
    assert config.books_folder(str(tmp_path / "销售台账.xlsx"), tmp_path / "none.toml") == tmp_path


def test_without_configuration_and_another_workbook_in_front_it_says_how_to_configure(tmp_path):
    with pytest.raises(BookError, match="dealer-xl addin install --books"):
        config.books_folder(str(tmp_path / "工作簿1.xlsx"), tmp_path / "none.toml")


def test_a_configured_folder_that_is_gone_or_an_unreadable_file_is_reported(tmp_path):
    path = config.save_books_dir(tmp_path / "gone", tmp_path / config.CONFIG_NAME)
    with pytest.raises(BookError, match="不存在"):
        config.books_folder(None, path)
    path.write_text("books_dir = [", encoding="utf-8")
    with pytest.raises(BookError, match="无法读取"):
        config.books_folder(None, path)


def test_config_and_log_live_in_the_users_folders():
    env = {"HOME": "/home/xiaowang", "APPDATA": r"C:\A", "LOCALAPPDATA": r"C:\L"}
    if config.sys.platform.startswith("win"):
        assert config.config_path(env) == Path(r"C:\A") / "dealer_xl" / "dealer_xl.toml"
        assert config.log_path(env) == Path(r"C:\L") / "dealer_xl" / "dealer_xl.log"
    else:
        assert config.config_path(env) == Path("/home/xiaowang/.config/dealer_xl/dealer_xl.toml")
        assert config.log_path(env) == Path("/home/xiaowang/.local/state/dealer_xl/dealer_xl.log")
        xdg = {**env, "XDG_CONFIG_HOME": "/cfg", "XDG_STATE_HOME": "/state"}
        assert config.config_path(xdg) == Path("/cfg/dealer_xl/dealer_xl.toml")  # doctor reads this one
        assert config.log_path(xdg) == Path("/state/dealer_xl/dealer_xl.log")


def _five_books(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("主数据", "销售台账", "应收款台账", "售后服务台账", "工资表"):
        (folder / f"{name}.xlsx").write_bytes(b"")
    return folder


def test_a_ledger_opened_from_a_folder_with_all_five_books_uses_that_folder_and_says_so(tmp_path):
    configured = _five_books(tmp_path / "总部")
    archive = _five_books(tmp_path / "归档" / "2025")
    path = config.save_books_dir(configured, tmp_path / config.CONFIG_NAME)
    choice = config.choose_books_folder(str(archive / "应收款台账.xlsx"), path)
    assert choice.folder == archive
    assert str(configured.resolve()) in choice.note and str(archive) in choice.note


def test_a_lone_ledger_elsewhere_reads_the_others_from_the_configured_folder_and_says_why(tmp_path):
    configured = _five_books(tmp_path / "总部")
    (tmp_path / "邮件附件").mkdir()
    path = config.save_books_dir(configured, tmp_path / config.CONFIG_NAME)
    choice = config.choose_books_folder(str(tmp_path / "邮件附件" / "销售台账.xlsx"), path)
    assert choice.folder == configured.resolve()
    assert "没有全部五本台账" in choice.note and str(configured.resolve()) in choice.note


def test_the_configured_folder_itself_needs_no_note(tmp_path):
    configured = _five_books(tmp_path / "总部")
    path = config.save_books_dir(configured, tmp_path / config.CONFIG_NAME)
    assert config.choose_books_folder(str(configured / "销售台账.xlsx"), path) == config.FolderChoice(configured.resolve())
