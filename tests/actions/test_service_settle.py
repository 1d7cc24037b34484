"""``service settle`` on the demo's real files: the maker's payment judged against the fees we
claimed (our typed 索赔合计 error is ours), and a claim whose fees validation calls wrong refused.

Each test types one value into a copy of the demo (scale 0.3, as of 2026-10-31) the way a clerk
would, then matches the demo statement with the most lines.
"""

from __future__ import annotations

import json
from datetime import date

import openpyxl

from dealer_xl import ledger
from dealer_xl.actions.service.settle import service_settle
from dealer_xl.cli import main

AS_OF = date(2026, 10, 31)


def statement(books):
    return max(books.glob("厂家结算单_*.xlsx"), key=lambda p: (openpyxl.load_workbook(p).active.max_row, p.name))


def short_paid(books):
    """The first short-paid claim of the statement (its row)."""
    return next(r for r in service_settle(books, statement(books), AS_OF, workbook=False).rows
                if r.category == "short_paid")


def type_into(books, claim_no: str, field: str, value) -> tuple[str, dict]:
    """Type ``value`` into ``field`` of the claim's row; returns (the cell, the row as it was)."""
    led = ledger.load(books, today=AS_OF)
    table = led.table("service", "claims")
    i = next(i for i, r in enumerate(table.rows) if r["claim_no"] == claim_no)
    wb = openpyxl.load_workbook(led.path("service"))
    wb[table.sheet_name][table.cell(i, field)] = value
    wb.save(led.path("service"))
    return table.cell(i, field), dict(table.rows[i])


def test_our_typed_total_100_too_high_is_reported_as_ours_not_as_a_bigger_short_payment(books):
    first = short_paid(books)
    no = first.claim_no
    _, before = type_into(books, no, "claim_total", float(first.claimed + 100))
    result = service_settle(books, statement(books), AS_OF, apply=True, workbook=False)
    [row] = [r for r in result.rows if r.claim_no == no and r.category != "duplicate"]
    fees = before["claim_labor"] + before["claim_parts"] + before["claim_travel"]
    assert fees == first.claimed
    assert (row.category, row.claimed, row.difference, row.typed) == ("short_paid", fees, row.settled - fees,
                                                                      fees + 100)
    assert "是我方录入错误" in row.reason
    assert any(line.startswith("我方索赔合计录入错误") and no in line for line in result.summary())
    after = ledger.load(books).first("service", "claims", "claim_no", no)
    assert after["status"] == "部分批准" and after["approved_amount"] == row.settled


def test_a_claim_whose_fee_is_unreadable_is_refused_and_never_written(books, capsys):
    no = short_paid(books).claim_no
    cell, before = type_into(books, no, "claim_parts", "5OO")
    assert main(["service", "settle", str(books), "--statement", str(statement(books)), "--as-of", "2026-10-31",
                 "--format", "json", "--apply"]) == 1
    rows = [r for r in json.loads(capsys.readouterr().out) if r["claim_no"] == no]
    assert rows[0]["category"] == "refused" and rows[0]["claimed"] is None and rows[0]["difference"] is None
    assert [p["cell"] for p in rows[0]["problems"]] == [cell]
    after = ledger.load(books).first("service", "claims", "claim_no", no)
    assert (after["status"], after["approved_amount"], after["settle_month"]) == (
        before["status"], before["approved_amount"], before["settle_month"])
