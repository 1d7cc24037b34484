"""What the GM pack does faster, held to the plain rule (#24).

- :func:`dealer_xl.documents.reports.returns.return_lines` looks up only the sales of the period's
  returns: the lines are those of the plain rule (every sale of the books looked up, the last line
  of a 合同编号 kept), on every month of the demo, narrowed to a branch and a person, and with
  hand-made returns (a contract sold twice, a return without 合同编号, one of an unknown contract).
- ``report``: no garbage collection runs while the pack is computed and the process's last
  collection is skipped, yet a caller running commands in one process gets the collector back as
  it was and nothing frozen (a command's books are freed as before).
"""

from __future__ import annotations

import atexit
import gc
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from dealer_xl import ledger
from dealer_xl.cli import main
from dealer_xl.documents.report_model import Scope
from dealer_xl.documents.reports.common import sale_lines
from dealer_xl.documents.reports.returns import return_lines

TODAY = date(2026, 10, 31)


def plain_returns(led, scope, first, last):
    """The rule written out: every sale looked up, a line per 退车 of the period whose sale is in scope."""
    originals = {s.contract_no: s for s in sale_lines(led, scope, date.min, date.max)}
    out = []
    for row in led.rows("sales", "returns"):
        day, sale = row.get("return_date"), originals.get(row.get("contract_no"))
        if row.get("kind") != "退车" or day is None or not first <= day <= last or sale is None:
            continue
        out.append(replace(sale, sale_date=day, deal_price=-sale.deal_price,
                           cost=None if sale.cost is None else -sale.cost, units=-1,
                           down_payment=None if sale.down_payment is None else -sale.down_payment))
    return out


def months(led):
    days = [r["return_date"] for r in led.rows("sales", "returns") if r["return_date"]]
    day = date(min(days).year, min(days).month, 1)
    while day <= TODAY:
        nxt = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        yield day, nxt - timedelta(days=1)
        day = nxt


def test_return_lines_are_the_plain_rule_every_month_and_scope(demo_books):
    led = ledger.load(demo_books, today=TODAY)
    sale = next(r for r in led.rows("sales", "sales") if r["contract_no"] in
                {x["contract_no"] for x in led.rows("sales", "returns") if x["kind"] == "退车"})
    scopes = [Scope(TODAY, "2026-10"), Scope(TODAY, "2026-10", branch=sale["branch"]),
              Scope(TODAY, "2026-10", person=sale["salesperson"]), Scope(TODAY, "2026-10", masked=False)]
    found = 0
    for first, last in months(led):
        for scope in scopes:
            fast = return_lines(led, scope, first, last)
            assert fast == plain_returns(led, scope, first, last), (first, scope)
            found += len(fast)
    assert found  # the demo has returns in its months
    whole = (date(2020, 1, 1), TODAY)
    assert return_lines(led, scopes[0], *whole) == plain_returns(led, scopes[0], *whole)


def test_hand_made_returns_match_the_plain_rule(demo_copy):
    led = ledger.load(demo_copy, today=TODAY)
    sales = led.table("sales", "sales")
    first = next(r for r in sales.rows if r["contract_no"] and r["sale_date"] and r["deal_price"])
    twice = dict(first, sale_date=first["sale_date"] + timedelta(days=3), deal_price=first["deal_price"] + Decimal(1))
    blank = dict(first, contract_no=None, serial_no="BLANK-1", sale_date=TODAY, deal_price=Decimal("12345.67"))
    assert not any(r["contract_no"] in (None, "") and r["sale_date"] == TODAY for r in sales.rows)
    led = led.with_rows("sales", "sales", [(sales.row_numbers[-1] + 1, twice), (sales.row_numbers[-1] + 2, blank)])
    returns = led.table("sales", "returns")
    day = date(2026, 10, 15)
    made = [{"return_date": day, "contract_no": first["contract_no"], "serial_no": first["serial_no"], "kind": "退车",
             "reason": "测试", "new_serial_no": None, "refund_amount": None},
            {"return_date": day, "contract_no": None, "serial_no": "BLANK-1", "kind": "退车",
             "reason": "测试", "new_serial_no": None, "refund_amount": None},
            {"return_date": day, "contract_no": "", "serial_no": "BLANK-1", "kind": "退车",
             "reason": "测试", "new_serial_no": None, "refund_amount": None},
            {"return_date": day, "contract_no": "不存在的合同", "serial_no": "X", "kind": "退车",
             "reason": "测试", "new_serial_no": None, "refund_amount": None},
            {"return_date": day, "contract_no": first["contract_no"], "serial_no": "X", "kind": "换车",
             "reason": "测试", "new_serial_no": "Y", "refund_amount": None}]
    led = led.with_rows("sales", "returns", [(returns.row_numbers[-1] + 1 + i, r) for i, r in enumerate(made)])
    scope = Scope(TODAY, "2026-10")
    fast = return_lines(led, scope, date(2026, 10, 1), TODAY)
    assert fast == plain_returns(led, scope, date(2026, 10, 1), TODAY)
    mine = [s for s in fast if s.sale_date == day]
    # worked out: the contract sold twice is taken back at its later sale's price (its last line); the
    # return written "" matches the sale without one (the latest such); one without 合同编号, of an
    # unknown contract or a 换车 gives nothing
    assert [(s.contract_no, s.deal_price, s.units) for s in mine] == [
        (first["contract_no"], -(first["deal_price"] + 1), -1), ("", Decimal("-12345.67"), -1)]


def test_report_gives_the_collector_back_and_freezes_nothing_in_process(demo_copy, tmp_path):
    enabled = gc.isenabled()
    try:
        gc.enable()
        assert main(["report", "gm", str(demo_copy), "--month", "2026-10", "--as-of", "2026-10-31",
                     "--out", str(tmp_path)]) in (0, 1)
        assert gc.isenabled()
        assert gc.get_freeze_count() == 0  # the books of the command are freed as before
        assert main(["report", "gm", str(demo_copy), "--month", "2026-10", "--as-of", "2026-10-31",
                     "--format", "json"]) in (0, 1)
        assert gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        atexit.unregister(gc.freeze)
        if not enabled:
            gc.disable()


def test_the_report_process_freezes_its_objects_at_exit(demo_books, tmp_path):
    """An exit handler registered before the command runs after the command's: it sees the objects frozen."""
    code = ("import atexit, gc, sys\n"
            "atexit.register(lambda: print('frozen', gc.get_freeze_count()))\n"
            "from dealer_xl.cli import main\n"
            f"code = main(['report', 'gm', {str(demo_books)!r}, '--month', '2026-10', '--as-of', '2026-10-31',"
            f" '--out', {str(tmp_path)!r}])\n"
            "print('enabled', gc.isenabled(), gc.get_freeze_count())\n"
            "sys.exit(code)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert run.returncode in (0, 1), run.stderr[-500:]
    lines = run.stdout.splitlines()
    assert "enabled True 0" in lines  # while the process runs: collector back, nothing frozen
    frozen = int(next(x for x in lines if x.startswith("frozen")).split()[1])
    assert frozen > 100_000  # at exit: the books and everything else, out of the last collection
