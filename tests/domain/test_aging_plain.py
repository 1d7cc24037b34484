"""The aging of a position equals its rule written out plainly (#24).

:func:`dealer_xl.domain.aging.age_installments` finds a bucket by bisection over the bounds, skips
the kind of an installment not yet due and makes its rows slot by slot. :func:`_plain` below is the
rule as the module docstring states it, through :func:`aging_bucket`, :func:`overdue_kind` and the
dataclass's own constructor; the two must be equal to the Decimal's digits (``repr``), on every demo
contract at several dates, with odd bucket bounds and for a written-off contract.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from dealer_xl.domain.aging import (
    DEFAULT_BOUNDS,
    OVERDUE_KINDS,
    ContractAging,
    InstallmentAging,
    age_installments,
    aging_bucket,
    bucket_labels,
    overdue_kind,
    risk_class,
)
from dealer_xl.domain.allocation import Payment, allocate
from dealer_xl.domain.schedules import build_schedule

ZERO = Decimal("0.00")


def _plain(position, bounds=DEFAULT_BOUNDS, long_days=180, bad_days=360, risk_days=(90, 270, 360), status=None):
    buckets = dict.fromkeys(bucket_labels(bounds), ZERO)
    kinds = dict.fromkeys(OVERDUE_KINDS, ZERO)
    rows = []
    for s in position.installments:
        if s.outstanding <= 0:
            continue
        days = s.days_overdue(position.as_of)
        row = InstallmentAging(s.period, s.due_date, s.outstanding, days, aging_bucket(days, bounds),
                               overdue_kind(days, long_days, bad_days, status))
        rows.append(row)
        buckets[row.bucket] += row.outstanding
        if row.kind:
            kinds[row.kind] += row.outstanding
    dpd = position.dpd
    return ContractAging(position.contract_no, position.as_of, tuple(rows), buckets, position.outstanding,
                         position.overdue, dpd, risk_class(dpd, *risk_days),
                         overdue_kind(dpd, long_days, bad_days, status), kinds)


@pytest.mark.parametrize("bounds", [DEFAULT_BOUNDS, (15,), (30, 60, 90, 180, 365, 720), (90, 30)])
@pytest.mark.parametrize("status", [None, "核销"])
def test_hand_made_contract_with_any_bounds_and_status(bounds, status):
    rows = build_schedule(Decimal("36000.00"), Decimal("0.08"), 24, date(2025, 1, 31), "等额本息")
    paid = [Payment(date(2025, 3, 1), Decimal("3000.00")), Payment(date(2025, 9, 9), Decimal("1234.56"))]
    for as_of in (date(2025, 1, 31), date(2025, 3, 2), date(2025, 12, 31), date(2026, 6, 30), date(2027, 6, 1)):
        position = allocate(rows, paid, as_of)
        kw = dict(bounds=bounds, long_overdue_days=180, bad_debt_days=360, risk_days=(90, 270, 360), status=status)
        assert repr(age_installments(position, **kw)) == repr(_plain(position, bounds, status=status))


def test_every_demo_contract_at_several_dates(demo_master):
    from dealer_xl import ledger

    led = ledger.load(demo_master)
    model = led.receivables
    checked = 0
    for day in (led.today, led.today - timedelta(days=45), date(led.today.year, 1, 1)):
        for c in model.contracts:
            position = model.positions(day)[c.contract_no]
            status = c.contract["status"]
            assert repr(age_installments(position, status=status)) == repr(_plain(position, status=status))
            checked += bool(position.overdue)
    assert checked > 20  # contracts with something overdue among them
