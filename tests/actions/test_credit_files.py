"""Write-off, the 已核销 aging line, the 呆死帐追缴 list and confirmed grades, on real .xlsx books."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from dealer_xl import ledger
from dealer_xl.actions.credit.bad_debts import list_bad_debts
from dealer_xl.actions.credit.grades import grade_parties
from dealer_xl.actions.credit.writeoff import write_off
from dealer_xl.cli import main
from dealer_xl.ledger.aging import age_contracts
from dealer_xl.problems import BookError

AS_OF = date(2026, 10, 31)
ZERO = Decimal("0.00")


def rows(path, sheet):
    wb = openpyxl.load_workbook(path, read_only=True)
    out = [r for r in wb[sheet].iter_rows(values_only=True)]
    wb.close()
    return out[0], out[1:]


def overdue_contract(folder) -> tuple[str, Decimal, Decimal, Decimal]:
    """An overdue contract owing more than the 100,000 second-approval threshold, not written off,
    with its principal, interest and penalty outstanding."""
    led = ledger.load(folder, today=AS_OF)
    for c in led.receivables.contracts:
        p = led.receivables.position(c.contract_no, AS_OF)
        owed = p.outstanding + p.penalty_outstanding
        if c.contract["status"] == "逾期" and p.overdue > 0 and not c.written_off and owed > 100000:
            return (c.contract_no, sum((s.principal - s.principal_paid for s in p.installments), ZERO),
                    sum((s.interest - s.interest_paid for s in p.installments), ZERO), p.penalty_outstanding)
    raise AssertionError("no overdue contract in the demo")


def test_write_off_records_the_amounts_and_sets_the_status(demo_copy):
    no, principal, interest, penalty = overdue_contract(demo_copy)
    with pytest.raises(BookError, match="总经理复核"):
        write_off(demo_copy, no, "失联", "YG0005", today=AS_OF)
    with pytest.raises(BookError, match="总经理复核"):
        write_off(demo_copy, no, "失联", "YG0005", "YG0005", today=AS_OF)
    result = write_off(demo_copy, no, "客户失联", "YG0005", "YG0001", today=AS_OF)
    assert (result.principal, result.interest, result.penalty) == (principal, interest, penalty)
    head, written = rows(demo_copy / "应收款台账.xlsx", "核销记录")
    last = dict(zip(head, written[-1], strict=False))
    assert last["合同编号"] == no and last["核销原因"] == "客户失联" and last["复核人"] is not None
    assert Decimal(str(last["核销本金"])).quantize(Decimal("0.01")) == principal
    head, contracts = rows(demo_copy / "应收款台账.xlsx", "分期合同")
    status = {r[0]: r[head.index("合同状态")] for r in contracts}
    assert status[no] == "核销"
    with pytest.raises(BookError, match="不能核销"):
        write_off(demo_copy, no, "再次", "YG0005", "YG0001", today=AS_OF)


def test_unknown_contract_and_unknown_approver_are_refused_and_nothing_is_written(demo_copy):
    before = (demo_copy / "应收款台账.xlsx").read_bytes()
    with pytest.raises(BookError, match="没有合同"):
        write_off(demo_copy, "HT-NONE", "x", "YG0005", today=AS_OF)
    no, *_ = overdue_contract(demo_copy)
    with pytest.raises(BookError, match="不在主数据"):
        write_off(demo_copy, no, "x", "无此人", "YG0001", today=AS_OF)
    assert (demo_copy / "应收款台账.xlsx").read_bytes() == before


def test_aging_totals_reconcile_with_written_off_contracts_on_their_own_line(demo_copy):
    data = ledger.load(demo_copy, today=AS_OF)
    positions = data.receivables.positions(AS_OF)
    written = {c.contract_no for c in data.receivables.contracts if c.written_off}
    assert written, "the demo has write-offs"
    result = age_contracts(data, AS_OF)
    assert result.labels[-1] == "已核销" and result.balanced
    assert sum(result.totals.values(), ZERO) == result.outstanding
    assert result.totals["已核销"] == sum((positions[n].outstanding for n in written), ZERO)
    for a in result.contracts:
        if a.file.contract_no in written:
            assert a.aging.buckets["已核销"] == a.aging.outstanding
            assert all(v == 0 for k, v in a.aging.buckets.items() if k != "已核销")


def test_bad_debt_list_splits_written_off_into_recovered_and_pursued(demo_copy):
    result = list_bad_debts(demo_copy, AS_OF)
    written = [r for r in result.rows if r.kind == "已核销"]
    assert written and all(r.written_off == r.recovered + r.pursued for r in written)
    assert any(r.recovered == Decimal("8000.00") for r in written)   # the demo's recovery after write-off
    head, listed = rows(result.path, "呆死帐追缴")
    assert len(listed) == len(result.rows) and head[0] == "合同编号"


def test_grades_json_has_exactly_the_issue_keys(demo_copy, capsys):
    """The demo's planted receivables mistakes stop their parties' grades: listed, exit 1."""
    assert main(["credit", "grades", str(demo_copy), "--as-of", "2026-10-31", "--format", "json"]) == 1
    listed = json.loads(capsys.readouterr().out)
    graded = [g for g in listed if not g.get("refused")]
    assert graded and all(set(g) == {"party_id", "kind", "recorded", "suggested", "reasons"} for g in graded)
    assert {g["kind"] for g in graded} == {"客户", "二级经销商"}
    refused = [g for g in listed if g.get("refused")]
    assert refused and all(set(g) == {"party_id", "kind", "refused", "problems"} and g["problems"] for g in refused)
    assert {(g["kind"], g["party_id"]) for g in graded}.isdisjoint({(g["kind"], g["party_id"]) for g in refused})


def test_a_party_whose_receipt_is_unreadable_is_not_graded_nor_written(demo_copy):
    preview = grade_parties(demo_copy, AS_OF)
    target = next(g for g in preview.grades if g.kind == "客户" and g.suggested != g.recorded)
    wb = openpyxl.load_workbook(preview.path)
    ws = wb.active
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[head.index("编号")].value == target.party_id:
            row[head.index("确认")].value = "是"
    wb.save(preview.path)
    led = ledger.load(demo_copy, today=AS_OF)
    no = next(c.contract_no for c in led.receivables.contracts if c.contract["customer_id"] == target.party_id)
    receipts = led.table("receivables", "receipts")
    i = next(i for i, r in enumerate(receipts.rows) if r["contract_no"] == no and r["receipt_date"] <= AS_OF)
    path = demo_copy / "应收款台账.xlsx"
    wb = openpyxl.load_workbook(path)
    wb[receipts.sheet_name][receipts.cell(i, "receipt_date")] = "2026-02-30"
    wb.save(path)
    result = grade_parties(demo_copy, AS_OF, write=True)
    assert result.written == ()
    [(kind, party, found)] = [r for r in result.refused if r[1] == target.party_id]
    assert [p.cell for p in found] == [receipts.cell(i, "receipt_date")]
    assert ledger.load(demo_copy).customer(target.party_id)["credit_grade"] == target.recorded


def test_write_changes_only_confirmed_rows(demo_copy):
    preview = grade_parties(demo_copy, AS_OF)
    differ = [g for g in preview.grades if g.kind == "客户" and g.suggested != g.recorded][:2]
    wb = openpyxl.load_workbook(preview.path)
    ws = wb.active
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[head.index("编号")].value == differ[0].party_id:
            row[head.index("确认")].value = "是"
    wb.save(preview.path)
    result = grade_parties(demo_copy, AS_OF, write=True)
    assert [(k, p, n) for k, p, _, n in result.written] == [("客户", differ[0].party_id, differ[0].suggested)]
    master = ledger.load(demo_copy, today=AS_OF)
    assert master.customer(differ[0].party_id)["credit_grade"] == differ[0].suggested
    assert master.customer(differ[1].party_id)["credit_grade"] == differ[1].recorded


def test_write_without_a_preview_is_refused(demo_copy):
    with pytest.raises(BookError, match="没有找到预览"):
        grade_parties(demo_copy, date(2026, 9, 30), write=True)


def test_write_off_in_a_closed_month_is_refused(demo_copy):
    path = demo_copy / "主数据.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["参数"]
    (cell,) = [r[1] for r in ws.iter_rows() if str(r[0].value).lower() == "closed_through"]
    cell.value = "2026-10"
    wb.save(path)
    no, *_ = overdue_contract(demo_copy)
    with pytest.raises(BookError, match="已结账"):
        write_off(demo_copy, no, "客户失联", "YG0005", "YG0001", today=AS_OF)


def test_commands_on_a_folder_without_books_say_so_in_one_line(tmp_path, capsys):
    for argv in (["receivables", "writeoff", str(tmp_path), "--contract", "X", "--reason", "r", "--approved-by", "a"],
                 ["receivables", "baddebts", str(tmp_path)], ["credit", "grades", str(tmp_path)]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert "没有找到应收款台账.xlsx" in err and "Traceback" not in err


def test_write_off_json_has_amounts_as_numbers_and_iso_dates(demo_copy, capsys):
    no, principal, interest, penalty = overdue_contract(demo_copy)
    assert main(["receivables", "writeoff", str(demo_copy), "--contract", no, "--reason", "失联", "--approved-by",
                 "YG0005", "--approved-by-2", "YG0001", "--as-of", "2026-10-31", "--format", "json"]) == 0
    (done,) = json.loads(capsys.readouterr().out)
    assert done["date"] == "2026-10-31" and done["principal"] == float(principal)
    assert done["total"] == float(principal + interest + penalty)


def current_contract(folder) -> str:
    """A contract with something still to pay and nothing overdue (paid on time so far)."""
    led = ledger.load(folder, today=AS_OF)
    for c in led.receivables.contracts:
        p = led.receivables.position(c.contract_no, AS_OF)
        if not c.written_off and c.contract["status"] == "正常" and p.overdue == 0 and 0 < p.outstanding < 100000:
            return c.contract_no
    raise AssertionError("no current contract in the demo")


def test_a_contract_not_overdue_is_written_off_only_when_confirmed(demo_copy, capsys):
    no = current_contract(demo_copy)
    before = (demo_copy / "应收款台账.xlsx").read_bytes()
    argv = ["receivables", "writeoff", str(demo_copy), "--contract", no, "--reason", "客户破产", "--approved-by",
            "YG0005", "--approved-by-2", "YG0001", "--as-of", "2026-10-31"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"合同 {no} 截至 2026-10-31 没有逾期款项" in err and "--confirm-not-overdue" in err
    assert (demo_copy / "应收款台账.xlsx").read_bytes() == before
    assert main([*argv, "--confirm-not-overdue"]) == 0
    assert ledger.load(demo_copy).contract(no)["status"] == "核销"


def test_a_reason_longer_than_a_cell_is_refused_naming_the_limit(demo_copy):
    no, *_ = overdue_contract(demo_copy)
    before = (demo_copy / "应收款台账.xlsx").read_bytes()
    with pytest.raises(BookError) as refused:
        write_off(demo_copy, no, "失联" * 20000, "YG0005", "YG0001", today=AS_OF)
    assert "核销原因有 40,000 个字符，超过 Excel 单元格上限 32,767 个字符" in str(refused.value)
    assert (demo_copy / "应收款台账.xlsx").read_bytes() == before
    done = write_off(demo_copy, no, "失" * 32767, "YG0005", "YG0001", today=AS_OF)
    head, written = rows(demo_copy / "应收款台账.xlsx", "核销记录")
    assert dict(zip(head, written[-1], strict=False))["核销原因"] == done.reason == "失" * 32767


def test_a_contract_whose_receipt_is_unreadable_is_refused_with_the_cell_and_exit_1(demo_copy, capsys):
    no, *_ = overdue_contract(demo_copy)
    path = demo_copy / "应收款台账.xlsx"
    led = ledger.load(demo_copy, today=AS_OF)
    receipts = led.table("receivables", "receipts")
    i = next(i for i, r in enumerate(receipts.rows) if r["contract_no"] == no and r["receipt_date"] <= AS_OF)
    wb = openpyxl.load_workbook(path)
    wb[receipts.sheet_name][receipts.cell(i, "amount")] = "2万8"
    wb.save(path)
    before = path.read_bytes()
    assert main(["receivables", "writeoff", str(demo_copy), "--contract", no, "--reason", "失联", "--approved-by",
                 "YG0005", "--approved-by-2", "YG0001", "--as-of", "2026-10-31"]) == 1
    err = capsys.readouterr().err.replace("\n", "")
    assert f"未核销合同 {no}：台账有错误，请先改正 — 应收款台账.xlsx / 收款记录 / {receipts.cell(i, 'amount')}：" in err
    assert path.read_bytes() == before


def test_a_disposal_amount_validation_rejects_keeps_its_contract_out_of_the_disposal_sheet(demo_copy, capsys):
    led = ledger.load(demo_copy, today=AS_OF)
    repos = led.table("receivables", "repossessions")
    i = next(i for i, r in enumerate(repos.rows) if r["status"] == "已处置" and r["disposal_amount"])
    no, cell = repos.rows[i]["contract_no"], repos.cell(i, "disposal_amount")
    assert no in {r[0] for r in list_bad_debts(demo_copy, AS_OF).repossessions}
    path = demo_copy / "应收款台账.xlsx"
    wb = openpyxl.load_workbook(path)
    wb[repos.sheet_name][cell] = "七万四"
    wb.save(path)
    assert main(["receivables", "baddebts", str(demo_copy), "--as-of", "2026-10-31"]) == 1
    out = capsys.readouterr().out.replace("\n", "")
    assert f"未计算合同 {no}：台账有错误，请先改正 — 应收款台账.xlsx / 扣车记录 / {cell}：" in out
    result = list_bad_debts(demo_copy, AS_OF)
    assert no not in {r[0] for r in result.repossessions} and no not in {r.contract_no for r in result.rows}
    head, listed = rows(result.path, "扣车处置")
    assert no not in {r[0] for r in listed}
    head, refused = rows(result.path, "未计算")
    assert [r[0] for r in refused if r[0] == no] == [no]
