"""``dealer-xl action`` runs the ribbon's actions on files; ``dealer-xl addin`` builds and refuses to install here."""

from __future__ import annotations

import sys
import zipfile

import openpyxl
import pytest

from dealer_xl.actions.receivables.ribbon import PREVIEW_SHEET
from dealer_xl.cli import main
from dealer_xl.io.reader import read_book


def test_action_without_tag_lists_every_action(capsys):
    assert main(["action"]) == 0
    listed = capsys.readouterr().out
    assert "validate_book" in listed and "schedule_preview" in listed


def test_unknown_action_is_refused_with_exit_2(capsys, tmp_path):
    assert main(["action", "format_disk", str(tmp_path)]) == 2
    assert "未知的操作「format_disk」，已拒绝执行" in capsys.readouterr().err.replace("\n", "")


def test_action_validate_book_marks_and_exits_1_on_errors(demo_books, capsys):
    assert main(["action", "validate_book", str(demo_books), "--book", "销售台账", "--today", "2026-10-31"]) == 1
    assert "已标记" in capsys.readouterr().out
    assert "_dx_marks" in openpyxl.load_workbook(demo_books / "销售台账.xlsx").sheetnames


def test_action_with_selected_rows(demo_books):
    first = read_book(demo_books / "应收款台账.xlsx").tables["contracts"].row_numbers[0]
    code = main(["action", "schedule_preview", str(demo_books), "--book", "应收款台账", "--sheet", "分期合同",
                 "--rows", f"{first}"])
    assert code == 0
    assert PREVIEW_SHEET in openpyxl.load_workbook(demo_books / "应收款台账.xlsx").sheetnames


def test_bad_rows_are_refused_by_argparse(tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["action", "schedule_preview", str(tmp_path), "--rows", "五"])
    assert exit_info.value.code == 2


def test_addin_build_writes_the_xlam(tmp_path, capsys):
    out = tmp_path / "dist" / "dealer_xl.xlam"
    assert main(["addin", "build", "--out", str(out)]) == 0
    assert zipfile.is_zipfile(out) and "已生成加载项" in capsys.readouterr().out


@pytest.mark.skipif(sys.platform.startswith(("win", "darwin")), reason="installs for real where Excel runs")
def test_addin_install_says_why_it_cannot_on_linux(capsys):
    assert main(["addin", "install"]) == 2
    assert "Excel 桌面版只在 Windows 和 macOS 上运行" in capsys.readouterr().err.replace("\n", "")
