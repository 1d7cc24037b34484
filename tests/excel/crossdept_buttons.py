"""What the ribbon buttons of the work across departments (#29) must do on the demo files."""

from __future__ import annotations

import openpyxl

from dealer_xl.actions import registry
from dealer_xl.actions.book import FileBooks
from dealer_xl.io.reader import read_books

from .conftest import AS_OF


def check_lawsuit_draft(folder):
    """Every 诉讼案件 row selected: a 民事起诉状 and a 证据清单 per contract, or the reason why not."""
    table = read_books(folder)["receivables"].tables["cases"]
    books = FileBooks(folder, active="receivables", selected=("cases", frozenset(table.row_numbers)), today=AS_OF)
    result = registry.run("lawsuit_draft", books)
    docs = [p for p in result.outputs if p.suffix == ".docx"]
    numbers = {r["contract_no"] for r in table.rows}
    assert docs and len(docs) // 2 + result.errors == len(numbers)
    assert {p.name.split("_")[0] for p in docs} == {"民事起诉状", "证据清单"}
    assert all(p.parent == folder / "文书" for p in docs)


def check_claims_submit(folder):
    """Without a way to ask (files), the selected claims are named (待提交 ones to be marked, the others
    with why not) and nothing is written."""
    table = read_books(folder)["service"].tables["claims"]
    rows = list(zip(table.row_numbers, table.rows, strict=True))
    rows = sorted(rows, key=lambda nr: nr[1]["status"] != "待提交")[:3]
    books = FileBooks(folder, active="service", selected=("claims", frozenset(n for n, _ in rows)), today=AS_OF)
    before = (folder / "售后服务台账.xlsx").read_bytes()
    result = registry.run("claims_submit", books)
    assert rows and all(r["claim_no"] in result.message for _, r in rows) and "将标记" in result.message
    assert (folder / "售后服务台账.xlsx").read_bytes() == before


def _report(tag, name):
    def check(folder):
        result = registry.run(tag, FileBooks(folder, today=AS_OF))
        workbook = next(p for p in result.outputs if p.suffix == ".xlsx")
        assert workbook.parent == folder / "报表" and name in workbook.name
        assert openpyxl.load_workbook(workbook).sheetnames
    return check


CROSSDEPT_CHECKS = {
    "lawsuit_draft": check_lawsuit_draft, "claims_submit": check_claims_submit,
    "disputes_report": _report("disputes_report", "清欠纠纷处理意见"),
    "installment_contracts": _report("installment_contracts", "分期合同草稿"),
    "sales_returns": _report("sales_returns", "退换车"),
    "sales_targets": _report("sales_targets", "销售目标分解"),
    "sales_scorecard": _report("sales_scorecard", "业务员考核"),
    "service_scorecard": _report("service_scorecard", "技师考核"),
}
