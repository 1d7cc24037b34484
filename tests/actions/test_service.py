"""The after-sales actions on real books: claims written once, settlement applied to its fields only,
closed periods refused, the commands' JSON and the statement's header message.

The demo company (scale 0.3, as of 2026-10-31) has 三包 orders without claims and one settlement
statement per maker beside the books (a short payment, a rejection, an unknown and a duplicate line).
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from dealer_xl import ledger
from dealer_xl.actions.service.claims import draft_claims, service_claims, write_claims
from dealer_xl.actions.service.pay import service_pay
from dealer_xl.actions.service.settle import service_settle
from dealer_xl.cli import main
from dealer_xl.domain.technician_pay import technician_pay
from dealer_xl.io.reader import read_books
from dealer_xl.ledger.period import PeriodClosed
from dealer_xl.problems import BookError

AS_OF = date(2026, 10, 31)
SERVICE = "售后服务台账.xlsx"


def claims_of(folder):
    return read_books(folder)["service"].tables["claims"].rows


def test_claims_write_appends_the_eligible_ones_once_with_new_numbers(books):
    before = claims_of(books)
    first = service_claims(books, AS_OF, write=True)
    eligible = first.eligible
    assert eligible and len(first.written) == len(eligible)
    assert first.written[0] == "SP202600001" and first.written[-1] == f"SP2026{len(eligible):05d}"
    after = claims_of(books)
    assert after[:len(before)] == before
    added = after[len(before):]
    assert [(r["claim_no"], r["wo_no"], r["status"], r["claim_total"]) for r in added] == \
        [(n, d.wo_no, "待提交", d.claim_total) for n, d in zip(first.written, eligible, strict=True)]
    assert all(r["claim_total"] == r["claim_labor"] + r["claim_parts"] + r["claim_travel"] for r in added)
    assert list((books / "备份").glob("售后服务台账_*.xlsx"))
    again = service_claims(books, AS_OF, write=True)
    assert again.written == () and claims_of(books) == after


def test_claims_write_refuses_a_closed_month_and_leaves_the_book_alone(books):
    led = ledger.load(books, today=AS_OF)
    led.params["closed_through"] = "2026-10"
    data = (books / SERVICE).read_bytes()
    with pytest.raises(PeriodClosed, match="已结账"):
        write_claims(led, draft_claims(led)[0], AS_OF)
    assert (books / SERVICE).read_bytes() == data


def _statement(books):
    """The demo statement with the most lines (every category shows up in it)."""
    return max(books.glob("厂家结算单_*.xlsx"), key=lambda p: (openpyxl.load_workbook(p).active.max_row, p.name))


def test_settle_apply_writes_only_the_settlement_fields_of_the_settled_rows(books):
    before = {r["claim_no"]: r for r in claims_of(books)}
    result = service_settle(books, _statement(books), AS_OF, apply=True)
    cats = {r.claim_no: r.category for r in result.rows if r.category not in ("duplicate", "unknown_claim")}
    assert {"short_paid", "rejected", "not_in_statement"} <= set(cats.values())
    after = {r["claim_no"]: r for r in claims_of(books)}
    written = {"approved_amount", "status", "settle_month", "credit_note_no", "reject_reason"}  # the maker's reason (#29)
    expected_status = {"matched": "已结算", "over_paid": "已结算", "short_paid": "部分批准", "rejected": "驳回"}
    for no, row in after.items():
        changed = {k for k in row if row[k] != before[no][k]}
        if cats.get(no) in expected_status:
            assert changed <= written and row["status"] == expected_status[cats[no]]
            assert row["settle_month"] == "2026-10" and row["credit_note_no"]
            settled = next(r.settled for r in result.rows if r.claim_no == no)
            assert row["approved_amount"] == (Decimal("0.00") if cats[no] == "rejected" else settled)
        else:
            assert changed == set(), no
    assert result.applied == sum(1 for c in cats.values() if c in expected_status)


def test_settle_json_has_exactly_the_keys_and_two_decimal_amounts(books, capsys):
    assert main(["service", "settle", str(books), "--statement", str(_statement(books)), "--as-of", "2026-10-31",
                 "--format", "json"]) == 0
    text = capsys.readouterr().out
    rows = json.loads(text)
    assert rows and all(set(r) == {"claim_no", "category", "claimed", "settled", "difference", "reason", "typed_total"}
                        for r in rows)
    assert re.search(r'"settled": \d+\.\d\d\b', text) and not re.search(r'"settled": \d+\.\d\b[^\d]', text)
    assert {r["category"] for r in rows} >= {"duplicate", "unknown_claim", "rejected"}
    assert not (books / "报表").exists()


def test_statement_without_a_claim_number_column_is_one_chinese_line(books, capsys):
    bad = books / "结算单_坏.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["单号", "结算金额", "扣款原因"])
    wb.active.append(["SP1", 100, None])
    wb.save(bad)
    assert main(["service", "settle", str(books), "--statement", str(bad), "--format", "json"]) == 2
    assert "「索赔单号」" in capsys.readouterr().err.replace("\n", "")
    with pytest.raises(BookError) as raised:
        service_settle(books, bad, AS_OF)
    message = str(raised.value)
    assert "\n" not in message and "「索赔单号」" in message and "服务站索赔单号" in message and "索赔编号" in message


def test_statement_without_month_is_refused_before_apply(books):
    plain = books / "结算单_无月份.xlsx"
    claim = next(r for r in claims_of(books) if r["status"] in ("已提交", "已批准"))
    wb = openpyxl.Workbook()
    wb.active.append(["索赔单号", "结算金额"])
    wb.active.append([claim["claim_no"], float(claim["claim_total"])])
    wb.save(plain)
    data = (books / SERVICE).read_bytes()
    with pytest.raises(BookError, match="结算单号"):
        service_settle(books, plain, AS_OF, apply=True)
    assert (books / SERVICE).read_bytes() == data


def test_pay_is_technician_pay_of_the_month_less_the_refused(books, capsys):
    """The demo's 特级 technician (员工 F26, not a choice) is refused; everyone else is technician_pay's."""
    led = ledger.load(books)
    want = technician_pay(led.rows("service", "work_orders"), led.rows("service", "callbacks"), led.employee,
                          led.params, "2026-10")
    result = service_pay(books, "2026-10", workbook=False)
    [refused] = result.refused
    special = led.first("master", "employees", "emp_id", refused.emp_id)
    assert special["tech_grade"] is None and [p.cell for p in refused.problems] == ["F26"]
    assert refused.emp_id not in {p.emp_id for p in want}
    assert result.rows == want
    assert main(["service", "pay", str(books), "--month", "2026-10", "--format", "json"]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert [r["emp_id"] for r in rows] == sorted([p.emp_id for p in want] + [refused.emp_id])
    paid = [r for r in rows if not r["refused"]]
    assert set(paid[0]) == {"emp_id", "name", "grade", "hours", "rate", "piece_pay", "callbacks", "callback_bonus",
                            "total", "refused"}
    assert sum(Decimal(str(r["total"])) for r in paid) == sum(p.total for p in want)
    [stopped] = [r for r in rows if r["refused"]]
    assert stopped["problems"] == [{"book": "主数据.xlsx", "sheet": "员工", "cell": "F26", "code": "bad_choice",
                                    "message": refused.problems[0].message}]
    assert "total" not in stopped and "piece_pay" not in stopped


@pytest.mark.parametrize("command, keys", [
    ("claims", {"wo_no", "serial_no", "manufacturer", "claim_labor", "claim_parts", "claim_travel", "claim_total",
                "eligible", "reason", "sub_dealer_id", "dealer_labor", "margin", "labour_fen", "dealer_labour_fen",
                "margin_fen", "refused"}),
    ("deadlines", {"kind", "claim_no", "wo_no", "part_no", "manufacturer", "due_date", "days_left", "status"}),
    ("callbacks", {"wo_no", "customer_id", "customer_name", "phone", "technician", "close_date", "days_since"}),
])
def test_commands_json_keys(books, capsys, command, keys):
    assert main(["service", command, str(books), "--as-of", "2026-10-31", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(set(r) == keys for r in rows)


def test_a_bad_month_is_one_line_and_exit_2(books, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["service", "pay", str(books), "--month", "2026-13"])
    assert stop.value.code == 2
