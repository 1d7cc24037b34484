"""The receivables model with disposals and write-offs: payment kinds, unchanged names elsewhere."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from dealer_xl.ledger.receivables import build_receivables
from dealer_xl.schema.params import defaults

CONTRACT = {"contract_no": "HT1", "customer_id": "KH1", "financed_amount": D("3000.00"), "status": "扣车",
            "method": "自定义", "term_months": 3, "first_due_date": date(2026, 1, 10), "annual_rate": None}
SCHEDULE = [{"contract_no": "HT1", "period": k, "due_date": date(2026, k, 10), "principal": D("1000.00"),
             "interest": D("0.00"), "amount_due": D("1000.00")} for k in (1, 2, 3)]


def receipt(no, day, amount):
    return {"receipt_no": no, "receipt_date": day, "contract_no": "HT1", "amount": D(amount)}


def test_net_disposal_proceeds_are_a_payment_on_the_disposal_date_and_reduce_the_debt():
    repo = {"repo_date": date(2026, 2, 20), "contract_no": "HT1", "status": "已处置", "disposal_amount": D("2500.00"),
            "disposal_date": date(2026, 3, 1), "towing_fee": D("300.00"), "storage_fee": None, "appraisal_fee": D("200.00")}
    model = build_receivables({("receivables", "contracts"): [CONTRACT], ("receivables", "schedule"): SCHEDULE,
                               ("receivables", "receipts"): [receipt("R1", date(2026, 1, 10), "1000.00")],
                               ("receivables", "repossessions"): [repo]}, {**defaults(), "penalty_daily_rate": "0"})
    (c,) = model.contracts
    assert [(p.day, p.amount, p.kind) for p in c.payments] == [
        (date(2026, 1, 10), D("1000.00"), "receipt"), (date(2026, 3, 1), D("2000.00"), "disposal")]
    assert c.repossessions == (repo,) and not c.written_off
    # 3,000 financed − 1,000 cash − (2,500 − 500) proceeds = 0 owed
    assert model.position("HT1", date(2026, 3, 31)).outstanding == D("0.00")


def test_receipts_after_the_write_off_date_are_recovery():
    writeoff = {"date": date(2026, 2, 28), "contract_no": "HT1", "principal": D("2000.00")}
    model = build_receivables({("receivables", "contracts"): [{**CONTRACT, "status": "核销"}],
                               ("receivables", "schedule"): SCHEDULE,
                               ("receivables", "receipts"): [receipt("R1", date(2026, 2, 28), "100.00"),
                                                             receipt("R2", date(2026, 3, 1), "50.00")],
                               ("receivables", "writeoffs"): [writeoff]}, defaults())
    (c,) = model.contracts
    assert c.written_off and c.writeoff is writeoff
    assert [p.kind for p in c.payments] == ["receipt", "recovery"]
