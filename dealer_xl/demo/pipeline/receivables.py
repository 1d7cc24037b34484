"""The receivables steps of the main job (``make demo``): schedule fill, aging, worklist and plan.

:func:`run_receivables_steps` runs the four ``receivables`` actions on one Ledger in order and
returns their Chinese summary lines and the Ledger the later steps should use: the rows the schedule
fill appended are applied to it in memory (the book is not read again); the positions at every date
the run reads (the as-of date and the plan's month boundaries) are allocated first, in one replay
per contract, and shared by aging, the worklist and the plan.
"""

from __future__ import annotations

from datetime import date

from ...actions.receivables.aging_report import age_receivables
from ...actions.receivables.collection_plan import plan_dates, write_plan
from ...actions.receivables.schedule_fill import fill_schedules
from ...actions.receivables.worklist import write_worklist
from ...ledger import Ledger
from ...ledger.held import hold
from ...progress import ProgressFn
from .held_steps import on_held_books


@on_held_books
def run_receivables_steps(ledger: Ledger, as_of: date, month: str | None = None, *,
                          progress: ProgressFn | None = None) -> tuple[list[str], Ledger]:
    """Fill missing schedules, then write the aging, the worklist as of ``as_of`` and the plan of
    ``month`` (default: the month of ``as_of``) under ``<books_dir>/报表``; returns the log lines and
    the Ledger after the fill (its new rows applied in memory)."""
    filled = fill_schedules(ledger)
    ledger = filled.applied(ledger)
    month = month or f"{as_of:%Y-%m}"
    ledger.receivables.positions_at([as_of, *plan_dates(month)])  # one replay per contract for the run
    hold()  # the positions (millions of installment states) live to the end of the run: held with the books
    aging = age_receivables(ledger, as_of)
    worklist = write_worklist(ledger, as_of)
    plan = write_plan(ledger, month)
    return [*filled.summary(), *aging.summary(), *worklist.summary(), *plan.summary()], ledger
