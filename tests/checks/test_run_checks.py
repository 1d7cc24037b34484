"""The check list as a whole: problems in book order, and no check ever raises on messy data.

The property test throws random books at every check of ``CHECKS``: each cell None or a value of
its column's type as the reader could return it (zero, negative and huge numbers, far-off dates,
odd codes), some columns absent, some sheets and books missing, and odd parameters. Fields that
join sheets (customer, serial, contract, work order...) take one of two values so that lookups
across sheets mostly hit and the deep paths of the rules run: over a few thousand draws every
reason code of the rules comes up.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st

from dealer_xl import schema
from dealer_xl.checks import CHECKS, run_checks
from dealer_xl.checks.identifiers import check_identifiers
from dealer_xl.problems import Code, Problem, Severity
from dealer_xl.schema import FieldType

from .builders import context, table

T = FieldType
D = Decimal
JOIN_VALUES = ("K1", "K2")
VALUES: dict[FieldType, tuple] = {
    T.TEXT: ("三一", "张三", "K1", "30,60", "", "ｘ"),
    T.CODE: ("1M8GDM9AXKP042788", "1M8GDM9A1KP042788", "11010519491231002X", "110105194902300020",
             "91350100M000100Y43", "13812345678", "SY2150001", "MIN_DOWN_PAYMENT_RATIO", "AGING_BUCKETS", "X"),
    T.INT: (0, 1, 12, 36, 48, 2000, -1, 10**6, 10**14, -10**14),
    T.NUMBER: (D("0"), D("0.5"), D("22"), D("31"), D("2000"), D("-1"), D("1E+9")),
    T.MONEY: (D("0.00"), D("0.01"), D("1000.00"), D("300000.00"), D("-50.00"), D("999999999999999.99")),
    T.RATE: (D("0"), D("0.06"), D("0.13"), D("-0.01"), D("100")),
    T.DATE: (date(2025, 12, 1), date(2026, 1, 31), date(2026, 3, 1), date(2026, 6, 30), date(1, 1, 1),
             date(9999, 12, 31)),
    T.MONTH: ("2025-12", "2026-02", "1900-01", "2100-12"),
    T.YESNO: ("是", "否"),
}
PARAMS: dict[str, tuple] = {
    "min_down_payment_ratio": (D("0.3"), D("0"), D("1.5"), D("-1")),
    "max_term_months": (36, 0, -5, 10**9),
    "hf_rate_min": (D("0.05"), D("0.2")),
    "hf_rate_max": (D("0.12"), D("0")),
    "aging_buckets": ("30,60,90,180,365", "", "60,30", "x", "0,30", "30,,60"),
    "vin_pattern": ("", "K1=SY\\d+", "三一=(", "=", ";;", "三一"),
}
# fields that join sheets: a column with a reference, and the field it refers to
JOINS = {f for b in schema.BOOKS for s in b.sheets for c in s.columns if c.ref
         for f in (c.field, c.ref.field, c.ref.alt_field) if f}


def _value(rnd: Random, column: schema.Column):
    if rnd.random() < 0.2:
        return None
    if column.field in JOINS:
        return rnd.choice(JOIN_VALUES)
    if column.type is T.ENUM:
        return rnd.choice(column.choices)
    return rnd.choice(VALUES[column.type])


def messy_context(rnd: Random):
    """A context of random books, sheets, columns and rows drawn with ``rnd``."""
    tables = []
    for book in schema.BOOKS:
        if rnd.random() < 0.15:
            continue
        for sheet in book.sheets:
            if rnd.random() < 0.15:
                continue
            rows = [{c.field: _value(rnd, c) for c in sheet.columns} for _ in range(rnd.randint(0, 4))]
            absent = tuple(f for f in sheet.fields if rnd.random() < 0.05)
            tables.append(table(book.key, sheet.key, *rows, absent=absent))
    params = {key: rnd.choice(choices) for key, choices in PARAMS.items() if rnd.random() < 0.3}
    return context(*tables, **params)


@settings(max_examples=1000, deadline=None)
@given(st.randoms(use_true_random=True))
def test_no_check_raises_on_messy_books(rnd):
    ctx = messy_context(rnd)
    for check in CHECKS:
        problems = check(ctx)
        assert isinstance(problems, list)
        assert all(isinstance(p, Problem) for p in problems)
    assert all(isinstance(p, Problem) for p in run_checks(ctx))


def test_every_check_returns_nothing_when_no_book_was_read():
    ctx = context()
    assert {check.__name__: check(ctx) for check in CHECKS} == {check.__name__: [] for check in CHECKS}


def test_rows_of_nothing_only_miss_their_required_cells():
    ctx = context(*(table(b.key, s.key, {}) for b in schema.BOOKS for s in b.sheets))
    problems = {check.__name__: check(ctx) for check in CHECKS}
    desk = problems.pop("check_service_desk")  # a 服务回访 needs its 工单号 (a 销售回访 its 合同编号 instead, #29)
    assert [(p.sheet, p.column, p.code) for p in desk] == [("回访记录", "工单号", Code.REQUIRED)]
    assert {name: found for name, found in problems.items() if found and name != "check_columns"} == {}
    assert {p.code for p in problems["check_columns"]} == {Code.REQUIRED}
    # one per required column of every user-typed sheet, none for the generated 工资结果
    required = sum(c.required for b in schema.BOOKS for s in b.sheets if not s.generated for c in s.columns)
    assert len(problems["check_columns"]) == required
    assert not any(p.sheet == "工资结果" for p in problems["check_columns"])


def test_run_checks_lists_reader_and_rule_problems_in_book_then_row_order():
    unreadable = Problem("销售台账.xlsx", "销售明细", 3, "交车日期", "Q3", Severity.ERROR, Code.BAD_DATE, "无法识别为日期")
    sale = {"sale_date": date(2026, 3, 10), "contract_no": "HT001", "customer_id": "C001", "serial_no": "S1",
            "deal_price": Decimal("1.00"), "payment_type": "全款"}
    ctx = context(
        table("payroll", "attendance", {"month": "2026-03", "emp_id": "E001", "required_days": Decimal("21"),
                                        "worked_days": Decimal("22")}),
        table("receivables", "receipts", {"receipt_no": "R1", "receipt_date": date(2026, 2, 5), "contract_no": "HT001",
                                          "amount": Decimal("0.00")}),
        table("sales", "sales", {**sale, "contract_no": None}, {**sale, "serial_no": "S2"}, problems=(unreadable,)),
        table("master", "customers", {"customer_id": "C001", "id_number": "11010519491231002X"}))
    assert [(p.book, p.cell, p.code) for p in run_checks(ctx)] == [
        ("主数据.xlsx", "B2", Code.REQUIRED),
        ("销售台账.xlsx", "B2", Code.REQUIRED),
        ("销售台账.xlsx", "Q3", Code.BAD_DATE),
        ("应收款台账.xlsx", "D2", Code.AMOUNT_NOT_POSITIVE),
        ("工资表.xlsx", "D2", Code.WORKED_DAYS_EXCEED),
    ]


def test_run_checks_runs_only_the_checks_given():
    ctx = context(table("master", "customers", {"customer_id": "C001", "id_number": "110105194912310021"}))
    assert [p.code for p in run_checks(ctx, [check_identifiers])] == [Code.BAD_ID_NUMBER]
