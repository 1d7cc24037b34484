"""The receivables steps of the main job (``make demo``): schedule fill, aging, worklist and plan.

:func:`run_receivables_steps` runs the four ``receivables`` actions on one folder in order and
returns their Chinese summary lines. It reads the books once for the reports (once more before
that only when the schedule fill added rows), allocates every contract once for the as-of date
and shares that between the aging and the worklist.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..progress import ProgressFn
from .aging_report import age_receivables
from .collection_plan import write_plan
from .receivables import load_receivables, positions_as_of
from .schedule_fill import fill_schedules
from .worklist import write_worklist


def run_receivables_steps(folder: Path | str, as_of: date, month: str | None = None, *,
                          progress: ProgressFn | None = None) -> list[str]:
    """Fill missing schedules, then write the aging, the worklist as of ``as_of`` and the plan of
    ``month`` (default: the month of ``as_of``) under ``<folder>/报表``; returns the log lines."""
    folder = Path(folder)
    filled = fill_schedules(folder, progress=progress)
    data = load_receivables(folder, progress=progress)
    positions = positions_as_of(data, as_of)
    aging = age_receivables(folder, as_of, data=data, positions=positions)
    worklist = write_worklist(folder, as_of, data=data, positions=positions)
    plan = write_plan(folder, month or f"{as_of:%Y-%m}", data=data)
    return [*filled.summary(), *aging.summary(), *worklist.summary(), *plan.summary()]
