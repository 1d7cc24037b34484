"""First day in an office (issue #22): a dealer goes live on 2026-07-01 with its history as opening
balances, ages July and closes it — from ``dealer-xl init`` to the archive, on real files.

The company and every expected figure are in tests/first_day_company.py (worked by hand there).
July's payroll is not part of this day (no 考勤: the close says it skips it); the payroll half of
the first day (工资期初, July's tax) is tested with payroll.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from dealer_xl import ledger
from dealer_xl.actions.close.closing import close_month
from dealer_xl.cli import main as cli
from dealer_xl.ledger.period import go_live
from dealer_xl.problems import BookError

from .first_day_company import (
    BUCKETS,
    DPD,
    GO_LIVE,
    MAKER_BALANCE,
    OUTSTANDING,
    OVERDUE,
    RISK,
    build_first_day,
)

TODAY = "2026-08-03"  # a Monday after July ended


def fen(amount: Decimal) -> int:
    return int(amount * 100)


def check_aging(snapshot: dict) -> None:
    """The aging snapshot equals the hand-worked figures of the first-day company."""
    assert dict(zip(snapshot["bucket_labels"], snapshot["totals_fen"], strict=True)) == \
        {k: fen(v) for k, v in BUCKETS.items()}
    assert snapshot["outstanding_fen"] == fen(sum(OUTSTANDING.values()))
    got = {no: (c["outstanding_fen"], c["overdue_fen"], c["dpd"], c["risk_class"])
           for no, c in snapshot["contracts"].items()}
    assert got == {no: (fen(OUTSTANDING[no]), fen(OVERDUE[no]), DPD[no], RISK[no]) for no in OUTSTANDING}
    # penalty from the opening's date on: HT-A 192.00 (see the company's docstring); HT-C: four
    # periods × 3,000 × 0.03 % × 31 days + 3,000 × 0.03 % × 23 days (7-05 + 3 days of grace → 7-31)
    assert snapshot["contracts"]["HT-A"]["penalty_fen"] == 19200
    assert snapshot["contracts"]["HT-C"]["penalty_fen"] == 4 * 2790 + 2070


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Path:
    return build_first_day(tmp_path_factory.mktemp("office") / "台账")


def test_the_typed_books_pass_validation_and_go_live_is_read(office, capsys):
    assert cli(["validate", str(office), "--today", TODAY]) == 0
    assert go_live(ledger.load(office).params) == GO_LIVE


def test_july_aging_starts_from_the_opening_balances(office):
    assert cli(["receivables", "age", str(office), "--as-of", "2026-07-31"]) == 0
    check_aging(json.loads((office / "报表" / "快照" / "账龄_2026-07-31.json").read_text(encoding="utf-8")))


def test_july_closes_and_its_archive_holds_the_same_figures(office):
    result = close_month(office, "2026-07", today=date(2026, 8, 3))
    assert result.status == "closed", result.lines
    assert any(line.startswith("[上线] 2026-07 是上线月份") for line in result.lines)
    assert "[工资] 工资：2026-07 没有考勤记录，跳过" in result.lines
    # July's plan: overdue on 6-30 (HT-A 5-10 and 6-10: 20,000; HT-C 3-05 … 6-05: 12,000) and due in
    # July (HT-A 10,000, HT-B 10,100, HT-C 3,000); collected: July's two receipts, not the openings
    assert "[催收计划与实收] 催收计划（2026-07）：计划 55,100.00 元（本月到期 23,100.00，上月结转逾期 32,000.00），" \
           "实收 20,100.00 元，完成率 36.48%" in result.lines
    led = ledger.load(office)
    assert led.params["closed_through"] == "2026-07"
    assert len(led.rows("receivables", "schedule")) == 12 + 6 + 12      # the close filled the schedules
    archive = office / "归档" / "2026-07"
    manifest = json.loads((archive / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["manufacturers"] == {"徐工": f"{MAKER_BALANCE:.2f}"}
    assert manifest["totals"]["receivables"]["balance_fen"] == round(sum(OUTSTANDING.values()) * 100)
    check_aging(json.loads((archive / "报表" / "账龄_2026-07-31.json").read_text(encoding="utf-8")))
    with pytest.raises(BookError, match="早于上线月份 2026-07"):
        close_month(office, "2026-06", today=led.today)
