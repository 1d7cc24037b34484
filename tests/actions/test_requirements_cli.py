"""Missing columns or books that the figures depend on: exit 2 with one line naming them, no output."""

from __future__ import annotations

import openpyxl
import pytest

from dealer_xl.cli import main


def drop_column(path, sheet: str, header: str) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    for r in range(1, 6):
        headers = [c.value for c in ws[r]]
        if header in headers:
            ws.delete_cols(headers.index(header) + 1)
            break
    else:
        raise AssertionError(f"{header} not found")
    wb.save(path)


@pytest.mark.parametrize("command", [["receivables", "age"], ["receivables", "worklist"], ["receivables", "plan"],
                                     ["letter", "--all-overdue", "--no-pdf"]])
def test_without_the_receipt_amount_column_the_receivables_commands_refuse(demo_copy, capsys, command):
    drop_column(demo_copy / "应收款台账.xlsx", "收款记录", "收款金额")
    assert main([*command, str(demo_copy)]) == 2
    err = capsys.readouterr().err.replace("\n", "")
    assert "应收款台账.xlsx「收款记录」缺少列：收款金额" in err and "Traceback" not in err
    assert not (demo_copy / "报表").exists() and not (demo_copy / "文书").exists()


def test_without_the_master_book_aging_refuses(demo_copy, capsys):
    (demo_copy / "主数据.xlsx").unlink()
    assert main(["receivables", "age", str(demo_copy)]) == 2
    assert "缺少 主数据.xlsx" in capsys.readouterr().err.replace("\n", "")
