"""Salespeople's commission on money collected in the month."""

from datetime import date
from decimal import Decimal as D

from dealer_xl.domain.payroll_commission import commissions

PEOPLE = {"YG0001": {"emp_id": "YG0001", "name": "王强"}, "王强": {"emp_id": "YG0001", "name": "王强"},
          "YG0002": {"emp_id": "YG0002", "name": "李明"}}


def sale(no, day, kind, price, down, who="王强", approval="已批"):
    return {"contract_no": no, "sale_date": day, "payment_type": kind, "deal_price": D(price),
            "down_payment": D(down), "salesperson": who, "approval": approval}


def test_commission_on_collections_not_signed_value():
    sales = [sale("HT1", date(2026, 3, 5), "全款", 300000, 300000),
             sale("HT2", date(2026, 3, 9), "分期", 300000, 90000),
             sale("HT3", date(2026, 1, 9), "按揭", 200000, 60000),
             sale("HT4", date(2026, 3, 20), "全款", 100000, 100000, approval="驳回"),
             sale("HT5", date(2026, 3, 21), "全款", 100000, 100000, who="YG0002")]
    receipts = [{"contract_no": "HT3", "receipt_date": date(2026, 3, 15), "amount": D(12000)},
                {"contract_no": "HT3", "receipt_date": date(2026, 4, 15), "amount": D(12000)},
                {"contract_no": "HT9", "receipt_date": date(2026, 3, 15), "amount": D(5000)}]
    got = commissions(sales, receipts, PEOPLE.get, "2026-03", D("0.005"), D("0.01"))
    # 王强: 全款 300,000 × 0.5% = 1,500; 首付 90,000 + March instalment 12,000 = 102,000 × 1% = 1,020
    # (HT2's 300,000 signed value, HT3's April receipt, the rejected HT4 and unknown HT9 earn nothing)
    assert got["YG0001"].full_collected == D(300000)
    assert got["YG0001"].installment_collected == D(102000)
    assert got["YG0001"].amount == D(2520)
    assert got["YG0002"].amount == D(500)  # 100,000 × 0.5%
