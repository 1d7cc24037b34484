"""A month of every contract on the Ledger: the plan, the cash and what it recovered (no I/O).

:func:`month_contracts` gives :func:`dealer_xl.domain.monthly.month_figures` for every contract signed
by the month's last day, on the books as they were then (:meth:`dealer_xl.ledger.Ledger.as_of`):
whether it existed the day before the month, whether and when it was written off, its positions
on both dates (allocated once per run and shared, see :meth:`Receivables.positions_at`). So the
opening of every month is the 应收余额 of the day before it as the glossary computes it
(:mod:`dealer_xl.ledger.figures`), never worked backwards from the month's end; the cash is the
glossary's 本月实收 and the disposals its 处置回收. The 应收月报 and ``receivables plan`` both
read it.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..domain.aging import aging_options
from ..domain.monthly import MonthFigures, month_figures, month_range
from .model import Ledger
from .receivables import ContractFile


def month_contracts(ledger: Ledger, month: str) -> list[tuple[ContractFile, MonthFigures]]:
    """(contract, its figures of ``month``) for every contract signed by the month's last day."""
    first, last = month_range(month)
    before = first - timedelta(days=1)
    view = ledger.as_of(last)

    def build() -> list[tuple[ContractFile, MonthFigures]]:
        model = view.receivables
        opened = ledger.as_of(before).receivables.by_no
        found = model.positions_at((before, last))
        days = aging_options(view.params)["long_overdue_days"]
        out = []
        for c in model.contracts:
            written = (c.writeoff or {}).get("date") if c.written_off else None
            written = written if isinstance(written, date) else None
            at = model.position(c.contract_no, written) if written is not None and written >= first else None
            out.append((c, month_figures(
                c.installments, c.payments, month, grace_days=model.grace_days,
                penalty_daily_rate=model.penalty_daily_rate, long_overdue_days=days, contract_no=c.contract_no,
                positions=(found[before][c.contract_no], found[last][c.contract_no]),
                opened=c.contract_no in opened, written_off=c.written_off, written_off_on=written, at_writeoff=at)))
        return out
    return view.memo(("ledger.monthly", month), build)

