"""The contract, letter and report commands, and the documents' steps of the main job."""

import hashlib
import shutil
from datetime import date

import pytest

from dealer_xl.cli import main
from dealer_xl.demo.pipeline.documents import run_document_steps
from dealer_xl.ledger import load


def test_contract_command_writes_inside_the_output_folder(company, tmp_path, capsys):
    assert main(["contract", "../X", str(company), "--out", str(tmp_path), "--no-pdf"]) == 0
    fingerprint = hashlib.sha256(b"../X").hexdigest()[:8]     # changed to be safe → told apart from "_X"
    assert [p.name for p in tmp_path.iterdir()] == [f"全款销售合同__X_{fingerprint}.docx"]
    assert main(["contract", "HT-4", str(company), "--out", str(tmp_path / "x"), "--no-pdf"]) == 1
    assert "担保人送达地址" in capsys.readouterr().out and not (tmp_path / "x").exists()  # problems on stdout
    assert main(["contract", "--no-pdf"]) == 2          # no contract number and no --all


def test_letter_command_batch_for_a_collector(company, tmp_path):
    assert main(["letter", "--collector", "李四", str(company), "--date", "2026-10-31", "--out", str(tmp_path),
                 "--no-pdf"]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["催款函_HT-1_2026-10-31.docx"]


def test_report_command_writes_workbook_html_and_chart(company, tmp_path, capsys):
    assert main(["report", "sales", str(company), "--month", "2026-10", "--branch", "城关分公司",
                 "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["销售月报 2026-10(城关分公司).html", "销售月报 2026-10(城关分公司).xlsx",
                     "销售月报 2026-10(城关分公司)_chart1.png"]
    html = (tmp_path / names[0]).read_text(encoding="utf-8")
    assert 'src="销售月报 2026-10(城关分公司)_chart1.png"' in html
    with pytest.raises(SystemExit) as refused:  # a bad month is refused by the parser (one Chinese line)
        main(["report", "sales", str(company), "--month", "2026-13"])
    assert refused.value.code == 2


def test_document_steps_on_the_demo_company(demo_books, tmp_path):
    folder = tmp_path / "demo"
    shutil.copytree(demo_books, folder)
    log = run_document_steps(load(folder), date(2026, 10, 31), "2026-10", pdf=False)
    assert any(line.startswith("合同：分期付款买卖合同_") for line in log)
    assert any(line.startswith("催款函：催款函_") for line in log)
    assert sum(line.startswith("报表：") for line in log) == 3
    assert len(list((folder / "文书").glob("*.docx"))) == 3
    assert len(list((folder / "报表").glob("*.xlsx"))) == 3
