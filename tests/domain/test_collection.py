"""Collection worklist: who chases, the escalation policy, the priority score, one worklist row."""

from datetime import date
from decimal import Decimal

from dealer_xl.domain.allocation import Payment, allocate
from dealer_xl.domain.collection import build_worklist_row, next_action, priority_score, responsible
from dealer_xl.domain.schedules import Installment
from dealer_xl.schema.params import defaults

D = Decimal


def test_salesperson_chases_up_to_handover_days_then_the_collector():
    assert responsible(60, 60, "张三", "李四") == "张三"
    assert responsible(61, 60, "张三", "李四") == "李四"
    assert responsible(10, 60, None, "李四") == "李四"
    assert responsible(90, 60, "张三", "") == "张三"
    assert responsible(90, 60, None, None) == "（未指定）"


def test_escalation_by_dpd():
    expected = {1: "电话", 30: "电话", 31: "上门", 60: "上门", 61: "催款函", 90: "催款函", 91: "律师函", 180: "律师函"}
    assert {d: next_action(d) for d in expected} == expected
    assert next_action(181, demand_made=True) == "扣车"
    assert next_action(181, demand_made=True, repossession_allowed=False) == "起诉"
    assert next_action(400) == "律师函"  # no demand yet: demand before suing or taking the machine


def test_broken_promise_escalates_one_step():
    assert next_action(20, broken=1) == "上门"
    assert next_action(75, broken=2) == "律师函"
    assert next_action(120, broken=1, demand_made=True, repossession_allowed=False) == "起诉"


def test_limitation_close_asks_for_a_demand_letter_at_once():
    assert next_action(10, limitation_days_left=90) == "催款函"
    assert next_action(10, limitation_days_left=91) == "电话"
    assert next_action(10, limitation_days_left=-3) == "催款函"
    assert next_action(120, limitation_days_left=10) == "律师函"  # already above 催款函


def test_contracts_in_court_or_repossessed_are_followed_up():
    assert next_action(200, status="诉讼") == "跟进诉讼"
    assert next_action(200, status="扣车") == "跟进扣车（赎回或处置）"


def test_priority_score_formula():
    # 30,000 overdue + 600 penalty at 次级 (weight 2) = 61.2; no promises, no flags
    assert priority_score(D("30000"), D("600"), "次级", 0, (), None) == D("61.20")
    # + 2 broken promises (100) + 45 of 90 days left (50) + acceleration (20): 1.0 + 170
    assert priority_score(D("1000"), D("0"), "关注", 2, ("可主张全部价款",), 45) == D("171.00")
    assert priority_score(D("1000"), D("0"), "损失", 0, (), -1) == D("104.00")
    assert priority_score(D("1000"), D("0"), "关注", 0, (), 91) == D("1.00")


INSTALLMENTS = [Installment(k, date(2026, k, 10), D("10000"), D("10000"), D("0"), D(0)) for k in range(1, 8)]
RECEIPTS = [Payment(date(2026, 1, 10), D("10000"), "R1")]
CONTRACT = {"contract_no": "HT-9", "customer_id": "C001", "total_price": D("100000"), "down_payment": D("30000"),
            "financed_amount": D("70000"), "collector": "E09", "status": "逾期"}
SALE = {"contract_no": "HT-9", "branch": "郑州分公司", "salesperson": "E02"}
LOG = [
    {"log_date": date(2026, 4, 20), "action": "催款函", "result": "已送达", "promise_date": None,
     "promise_amount": None},
    {"log_date": date(2026, 3, 1), "action": "电话", "result": "承诺还款", "promise_date": date(2026, 3, 15),
     "promise_amount": D("5000")},
]


def _row(contract=CONTRACT, as_of=date(2026, 5, 20)):
    position = allocate(INSTALLMENTS, RECEIPTS, as_of, contract_no="HT-9")
    return build_worklist_row(contract, SALE, position, LOG, RECEIPTS, defaults(), as_of, customer_name="王五")


def test_worklist_row_of_a_contract_99_days_past_due():
    row = _row()
    # Seven installments of 10,000 due on the 10th from January; only January paid. On 5-20 P2…P5 are
    # overdue (40,000); DPD from 2-10: 18 + 31 + 30 + 20 = 99 → 次级, beyond 60 days → the collector.
    assert (row.contract_no, row.customer_id, row.customer, row.branch) == ("HT-9", "C001", "王五", "郑州分公司")
    assert (row.salesperson, row.collector, row.responsible) == ("E02", "E09", "E09")
    assert (row.overdue, row.overdue_principal, row.overdue_interest) == (D("40000"), D("40000"), 0)
    # Penalty 10,000 × 0.0003 = 3.00 a day beyond 3 grace days: P2 96 days (2-13 → 5-20), P3 68, P4 37,
    # P5 7 → 208 days × 3.00 = 624.00
    assert row.penalty == D("624.00")
    assert (row.dpd, row.risk_class, row.kind) == (99, "次级", "逾期")
    assert (row.last_action_date, row.last_action, row.last_result) == (date(2026, 4, 20), "催款函", "已送达")
    assert row.broken_promises == 1  # 5,000 promised for 3-15, nothing received from 3-1 to 3-15
    # 40,000 ≥ 1/5 of 100,000 and the 4-20 letter went unanswered; paid (30,000 + 10,000) / 100,000 = 40%
    assert row.flags == ("可主张全部价款",)
    assert row.limitation_deadline == date(2029, 7, 10)  # last due 2026-07-10 + 3 years (later than 4-20 + 3)
    # 99 days → 律师函, one step up for the broken promise → 起诉, a demand was made and < 75% paid → 扣车
    assert row.suggested_action == "扣车"
    # (40,000 + 624) / 1000 × 2 + 50 × 1 + 20 = 81.248 + 70 → 151.25
    assert row.score == D("151.25")


def test_paid_three_quarters_never_suggests_repossession():
    row = _row({**CONTRACT, "down_payment": D("65000")})  # (65,000 + 10,000) / 100,000 = 75%
    assert row.flags == ("可主张全部价款", "已付≥75%，不得取回")
    assert row.suggested_action == "起诉"


def test_early_overdue_is_the_salespersons_and_nothing_overdue_gives_no_row():
    row = _row(as_of=date(2026, 3, 1))  # DPD 19 (2-10 → 3-1); the 3-1 promise is not broken yet
    assert (row.dpd, row.responsible, row.risk_class, row.broken_promises) == (19, "E02", "关注", 0)
    assert row.flags == () and row.suggested_action == "电话"
    assert row.last_action == "电话"  # the 4-20 letter is after the as-of date
    assert _row(as_of=date(2026, 2, 10)) is None  # P2 due today: nothing overdue yet
