"""``receivables disputes``: the 清欠纠纷处理意见 of the small company, worked by hand.

HT-1 (the court file's contract) is 82 days overdue on 2026-10-31 — past the 60 days of the
salesperson — so it is a case; HT-4 (nothing due yet) is not. Its options:
协商 = the six unpaid installments × 6/9 (six of the nine installments due were paid);
取回 = S1's 采购价 400,000.00 × 参数 resale_ratio 60% (nothing disposed of yet), at most what is owed;
起诉 = the complaint's 标的总额 × 参数 lawsuit_recovery_ratio 70%, less the court fee.
"""

from __future__ import annotations

import json
from decimal import Decimal

import openpyxl

from dealer_xl.actions.receivables.disputes import list_disputes
from dealer_xl.cli import main
from dealer_xl.ledger import load

from ..documents.books import AS_OF, PAID_PERIODS, SCHEDULE, SELLER, write_company
from ..documents.test_lawsuit import COURT, fee, hand_worked, money

D = Decimal


def test_each_case_has_the_three_options_and_the_best_net_recommended(tmp_path):
    folder = write_company(tmp_path / "books", seller=SELLER | COURT)
    result = list_disputes(load(folder, today=AS_OF))
    assert [d.case.file.contract_no for d in result.disputes] == ["HT-1"]
    (d,) = result.disputes
    unpaid = sum(i.amount_due for i in SCHEDULE[PAID_PERIODS:])
    _, principal, interest, penalty = hand_worked(AS_OF)
    due = sum(i.amount_due for i in SCHEDULE if i.due_date < AS_OF)
    paid = sum(i.amount_due for i in SCHEDULE[:PAID_PERIODS])
    negotiate, repossess, sue = d.options
    assert negotiate.expected == money(unpaid * paid / due) and negotiate.cost == 0
    assert d.owed == unpaid + penalty
    assert repossess.allowed and repossess.expected == min(D("240000.00"), d.owed)
    total = principal + interest + penalty
    assert (sue.expected, sue.cost) == (money(total * D("0.7")), fee(total))
    assert d.recommended is repossess
    record = result.records()[0]
    assert record["recommended"] == "取回" and record["paid_ratio"] == (D("144000") + paid) / D("480000")
    ws = openpyxl.load_workbook(result.path)["处理意见"]
    assert ws["A2"].value == "HT-1" and ws.cell(2, 18).value == "取回"


def test_the_json_names_the_keys_of_the_docs(tmp_path, capsys):
    folder = write_company(tmp_path / "books", seller=SELLER | COURT)
    assert main(["receivables", "disputes", str(folder), "--as-of", AS_OF.isoformat(), "--format", "json"]) == 0
    (record,) = json.loads(capsys.readouterr().out)
    assert set(record) == {"contract_no", "customer", "collector", "status", "case_no", "stage", "dpd", "overdue",
                           "not_due", "penalty", "owed", "paid_ratio", "flags", "limitation_deadline", "claim_total",
                           "court_fee", "options", "recommended"}
    assert [o["option"] for o in record["options"]] == ["协商", "取回", "起诉"] and record["dpd"] == 82
