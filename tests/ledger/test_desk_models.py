"""The models of the work that crosses departments, worked by hand on inline books (builders' today 2026-06-30)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dealer_xl.ledger.complaints import drafts, late, month_counts, open_complaints
from dealer_xl.ledger.handover import deliveries, due_list
from dealer_xl.ledger.holds import customer_standing, in_workshop
from dealer_xl.ledger.parts import plan

from ..checks.builders import TODAY, context, table

D = Decimal
MODELS = table("master", "models", {"model_code": "M1", "manufacturer": "三一", "warranty_months": 12,
                                    "warranty_hours": D(2000)})
PEOPLE = table("master", "employees", {"emp_id": "E1", "name": "王业务"}, {"emp_id": "E2", "name": "李催收"},
               {"emp_id": "E3", "name": "孙技师"})


def sale(no, serial, delivered, **more):
    return {"contract_no": no, "customer_id": "C1", "serial_no": serial, "model_code": "M1", "salesperson": "E1",
            "branch": "城关", "sale_date": delivered, "delivery_date": delivered, "payment_type": "全款", **more}


SALES = table("sales", "sales", sale("HT1", "S1", date(2026, 6, 1)), sale("HT2", "S2", date(2026, 6, 20)),
              sale("HT3", "S3", date(2026, 5, 1)), sale("HT4", "S4", None))
RETURNS = table("sales", "returns", {"return_date": date(2026, 5, 20), "contract_no": "HT3", "serial_no": "S3",
                                     "kind": "退车"})


def handover_books(*orders, callbacks=()):
    return context(MODELS, PEOPLE, SALES, RETURNS, table("service", "work_orders", *orders),
                   table("service", "callbacks", *callbacks))


INSPECTION = {"wo_no": "W1", "open_date": date(2026, 6, 25), "serial_no": "S2", "service_type": "巡检",
              "hour_meter": D(55), "technician": "E3"}
CALLED = {"callback_date": date(2026, 6, 18), "kind": "销售回访", "contract_no": "HT1", "satisfaction": 5}


def test_the_period_delivered_with_first_service_warranty_end_and_callback():
    found = deliveries(handover_books(), date(2026, 6, 1), date(2026, 6, 30))
    assert [d.contract_no for d in found] == ["HT1", "HT2"]
    first = found[0]
    assert (first.first_service.due_date, first.first_service.due_hours, first.warranty_end, first.callback.due_date) \
        == (date(2026, 7, 1), D(50), date(2027, 6, 1), date(2026, 6, 16))
    assert (first.salesperson, first.technician, first.warranty_hours) == ("王业务", "（待派工）", D(2000))


def test_due_first_services_and_callbacks_leave_out_machines_taken_back_and_callbacks_made():
    firsts, calls = due_list(handover_books(INSPECTION, callbacks=[CALLED]), TODAY)
    # HT2: the reading 55 ≥ 50 hours → overdue though due 07-20; HT1 due 07-01, one day left → due soon
    assert [(d.contract_no, d.first_service.status, d.first_service.days_left) for d in firsts] == \
        [("HT2", "overdue", 20), ("HT1", "due_soon", 1)]
    assert firsts[0].technician == "孙技师" and firsts[0].first_service.hour_meter == D(55)
    # HT1 called on 06-18; HT2 due 07-05, five days left
    assert [(d.contract_no, d.callback.status, d.callback.days_left) for d in calls] == [("HT2", "due_soon", 5)]


def test_a_first_service_done_counts_only_up_to_the_date():
    done = {"wo_no": "W2", "open_date": date(2026, 6, 28), "serial_no": "S1", "service_type": "首保"}
    later = {**done, "open_date": date(2026, 7, 2)}
    assert [d.contract_no for d in due_list(handover_books(done), TODAY)[0]] == []
    assert [d.contract_no for d in due_list(handover_books(later), TODAY)[0]] == ["HT1"]


# C1's 分期合同 HT1: 12,000 免息 over 12 months from 2026-02-01 (1,000 a month), February and March paid.
CONTRACT = table("receivables", "contracts", {
    "contract_no": "HC1", "customer_id": "C1", "sign_date": date(2026, 1, 1), "total_price": D("12000.00"),
    "down_payment": D("0.00"), "financed_amount": D("12000.00"), "annual_rate": D("0"), "term_months": 12,
    "method": "免息", "first_due_date": date(2026, 2, 1), "collector": "E2", "status": "正常"})
RECEIPTS = table("receivables", "receipts", *({"receipt_no": f"R{m}", "receipt_date": date(2026, m, 1),
                                               "contract_no": "HC1", "amount": D("1000.00")} for m in (2, 3)))
CREDIT_SALE = table("sales", "sales", sale("HC1", "S1", date(2026, 1, 1), salesperson="E1"))


def test_what_a_customer_owes_on_a_date():
    led = context(CONTRACT, RECEIPTS, CREDIT_SALE, PEOPLE)
    s = customer_standing(led, "C1", date(2026, 6, 1))
    assert (s.dpd, s.overdue, s.responsible, s.contracts) == (61, D("2000.00"), "李催收", ("HC1",))
    assert customer_standing(led, "C1", date(2026, 4, 1)) is None       # 04-01 falls due that day: not overdue
    assert customer_standing(led, "C1", date(2026, 6, 1), skip={"HC1"}) is None


def test_the_machines_in_the_workshop_of_customers_past_the_hold_days():
    orders = table("service", "work_orders",
                   {"wo_no": "W1", "open_date": date(2026, 6, 1), "customer_id": "C1", "service_type": "保外", "status": "进行中"},
                   {"wo_no": "W2", "open_date": date(2026, 6, 2), "close_date": date(2026, 6, 30), "customer_id": "C1",
                    "service_type": "三包", "status": "已完工"},
                   {"wo_no": "W3", "open_date": date(2026, 7, 1), "customer_id": "C1", "service_type": "保外"})
    [hold] = in_workshop(context(CONTRACT, RECEIPTS, CREDIT_SALE, PEOPLE, orders), TODAY)
    # on 06-30: 04-01, 05-01 and 06-01 unpaid — 3,000, 90 days; W2 completed that day, W3 opened after it
    assert (hold.order["wo_no"], hold.pay_first, hold.standing.dpd, hold.standing.overdue) == ("W1", True, 90, D("3000.00"))


def test_the_reorder_plan_from_the_journal_the_work_orders_and_the_typed_limits():
    parts = table("master", "parts", {"part_no": "P1", "cost_price": D("100.00"), "claim_price": D("80.00")},
                  {"part_no": "P3", "cost_price": D("10.00")})
    stock = table("service", "parts_stock",
                  {"part_no": "P1", "warehouse": "城关", "qty": D(9), "min_qty": D(10), "max_qty": D(20)},
                  {"part_no": "P3", "warehouse": "城关", "qty": D(4), "min_qty": D(5), "max_qty": D(8)})
    moves = table("service", "parts_moves",
                  {"date": date(2026, 1, 1), "part_no": "P1", "warehouse": "城关", "kind": "盘点", "qty": D(10)},
                  {"date": date(2026, 3, 1), "part_no": "P1", "warehouse": "城关", "kind": "入库", "qty": D(5)})
    orders = table("service", "work_orders",
                   {"wo_no": "W1", "open_date": date(2026, 5, 8), "close_date": date(2026, 5, 10), "branch": "城关"},
                   {"wo_no": "W2", "open_date": date(2026, 3, 15), "branch": "城关"},
                   {"wo_no": "W3", "open_date": date(2026, 6, 1), "branch": "东区"})
    used = table("service", "parts_used", {"wo_no": "W1", "part_no": "P1", "qty": D(2), "warranty": "是"},
                 {"wo_no": "W2", "part_no": "P1", "qty": D(4), "warranty": "否"},
                 {"wo_no": "W3", "part_no": "P2", "qty": D(1), "warranty": "否"})
    lines = plan(context(parts, stock, moves, orders, used, parts_usage_days=120), TODAY)
    # P2 moved only by a work order in 东区, where no stock is kept: not planned
    assert [(x.part_no, x.warehouse) for x in lines] == [("P1", "城关"), ("P3", "城关")]
    p1, p3 = lines
    # P1: 10 + 5 − 4 − 2 = 9 ≤ 10 → order 20 − 9 = 11; used 6 in 120 days (03-03…06-30), 2 under 三包:
    # 11 × 2/6 = 3.67 → 4 to claim, 7 bought; 11 × 100 = 1,100.00, 4 × 80 = 320.00
    assert (p1.on_hand, p1.used, p1.warranty_used) == (9, 6, 2)
    assert (p1.reorder.qty, p1.reorder.warranty_qty, p1.reorder.paid_qty, p1.amount, p1.claim_value) == \
        (11, 4, 7, D("1100.00"), D("320.00"))
    # P3 keeps no journal: its 数量 4 is the stock; 4 ≤ 5 → order 8 − 4 = 4, no 索赔价 → no claim value
    assert (p3.on_hand, p3.reorder.qty, p3.amount, p3.claim_value) == (4, 4, D("40.00"), None)
    assert plan(context(parts, stock, moves, orders, used, parts_usage_days=120), TODAY, skip={"P1"})[0].part_no == "P3"


def test_dissatisfied_callbacks_open_drafts_unless_a_complaint_of_that_machine_and_day_exists():
    orders = table("service", "work_orders", {"wo_no": "W1", "customer_id": "C1", "serial_no": "S1"})
    calls = table("service", "callbacks",
                  {"wo_no": "W1", "callback_date": date(2026, 6, 10), "satisfaction": 2, "feedback": "修得慢"},
                  {"kind": "销售回访", "contract_no": "HT2", "callback_date": date(2026, 6, 20), "satisfaction": 1},
                  {"wo_no": "W1", "callback_date": date(2026, 1, 10), "satisfaction": 1},  # older than 90 days
                  {"wo_no": "W1", "callback_date": date(2026, 6, 11), "satisfaction": 3})
    found = drafts(context(orders, SALES, calls), TODAY)
    assert [(d.serial_no, d.category, d.department) for d in found] == [("S1", "服务质量", "售后服务部"),
                                                                         ("S2", "销售", "销售部")]
    assert found[0].record("TS202600001")["content"] == "修得慢" and found[1].record("X")["content"] == "回访满意度 1"
    taken = table("service", "complaints", {"complaint_no": "TS1", "date": date(2026, 6, 10), "serial_no": "S1"})
    assert [d.serial_no for d in drafts(context(orders, SALES, calls, taken), TODAY)] == ["S2"]


def test_complaints_open_late_and_counted_by_month():
    rows = table("service", "complaints",
                 {"complaint_no": "A", "date": date(2026, 6, 10), "close_date": date(2026, 6, 12)},
                 {"complaint_no": "B", "date": date(2026, 5, 28)},
                 {"complaint_no": "C", "date": date(2026, 6, 25), "close_date": date(2026, 7, 2)},
                 {"complaint_no": "D", "date": date(2026, 7, 3)})
    led = context(rows)
    assert [r["complaint_no"] for r in open_complaints(led, TODAY)] == ["B", "C"]
    assert [r["complaint_no"] for r in late(led, TODAY)] == ["B"]  # 33 days; C is 5 days old
    assert month_counts(led, "2026-06") == {"received": 2, "closed": 1, "open": 2}
