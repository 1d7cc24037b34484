"""The double-entry rules of the vouchers, on hand-worked amounts."""

from datetime import date
from decimal import Decimal as D

from dealer_xl.domain import vouchers as v

ACCOUNTS = {key: v.Account(code, key, aux) for key, code, aux in (
    ("bank", "1002", ""), ("receivable", "1122", "客户"), ("revenue", "5001", ""), ("output_vat", "22210102", ""),
    ("interest_income", "5051", ""), ("penalty_income", "5301", ""), ("advance", "2203", "客户"),
    ("wages_payable", "2211", ""), ("si_withheld", "2241", ""), ("hf_withheld", "2241", ""),
    ("iit_withheld", "222105", ""))}
DAY = date(2026, 10, 31)
KH1, KH2 = v.Party("KH1", "王建国"), v.Party("KH2", "李四")


def test_vat_split_divides_by_one_plus_rate_and_keeps_the_gross():
    assert v.vat_split(D("10900"), D("0.09")) == (D("10000.00"), D("900.00"))
    assert v.vat_split(D("113"), D("0.13")) == (D("100.00"), D("13.00"))
    assert v.vat_split(D("1000"), D("0.13")) == (D("884.96"), D("115.04"))  # 884.9557… half up


def test_a_full_price_sale_is_bank_against_revenue_and_output_vat():
    made = v.voucher(1, DAY, "sales", "销售", v.sale_postings(D("113000"), D("113000"), D("0.13"), KH1), ACCOUNTS)
    assert [(line.code, line.debit, line.credit) for line in made.lines] == [
        ("1002", D("113000"), D("0")), ("5001", D("0"), D("100000.00")), ("22210102", D("0"), D("13000.00"))]
    assert made.balanced


def test_lines_of_one_account_and_party_add_up_and_debits_come_first():
    postings = (v.sale_postings(D("480000"), D("144000"), D("0.13"), KH1)
                + v.sale_postings(D("226000"), D("26000"), D("0.13"), KH2)
                + v.sale_postings(D("113000"), D("13000"), D("0.13"), KH1))
    made = v.voucher(1, DAY, "sales", "销售", postings, ACCOUNTS)
    receivable = {line.party.code: line.debit for line in made.lines if line.code == "1122"}
    assert receivable == {"KH1": D("436000"), "KH2": D("200000")}
    assert [line.code for line in made.lines][:3] == ["1002", "1122", "1122"]
    assert made.debit_total == made.credit_total == D("819000")


def test_a_receipt_credits_principal_interest_penalty_and_overpayment():
    made = v.voucher(1, DAY, "receipts", "收款",
                     v.receipt_postings(D("1000"), D("700"), D("250"), D("30"), D("20"), KH1), ACCOUNTS)
    credits = {line.code: line.credit for line in made.lines if line.credit}
    assert credits == {"1122": D("700"), "5051": D("250"), "5301": D("30"), "2203": D("20")}
    assert made.balanced and made.lines[0].party == v.Party()  # 银行存款 keeps no 核算项目


def test_payroll_payment_withholds_and_pays_the_net():
    made = v.voucher(1, DAY, "pay", "工资", v.payroll_payment_postings(D("18000"), D("1890"), D("1260"), D("150"),
                                                                       D("14700")), ACCOUNTS)
    assert made.balanced and made.debit_total == D("18000")
    assert [line.credit for line in made.lines if line.code == "2241"] == [D("1890"), D("1260")]  # 社保, 公积金


def test_an_unbalanced_voucher_says_so_and_a_negative_posting_changes_side():
    made = v.voucher(1, DAY, "x", "x", [v.Posting("bank", v.DEBIT, D("10")), v.Posting("revenue", v.CREDIT, D("9"))],
                     ACCOUNTS)
    assert not made.balanced
    flipped = v.voucher(1, DAY, "x", "x", [v.Posting("bank", v.DEBIT, D("-5")), v.Posting("revenue", v.DEBIT, D("5"))],
                        ACCOUNTS)
    assert flipped.balanced and flipped.lines[-1].code == "1002" and flipped.lines[-1].credit == D("5")
    assert not v.voucher(1, DAY, "x", "x", [], ACCOUNTS).balanced
