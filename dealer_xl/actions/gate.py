"""The input gate of money, as the actions use it: :mod:`dealer_xl.checks.gate`.

Every money-producing action declares what it reads (:class:`Uses`) and asks the :class:`Gate`
which units (an employee, a contract, a work order) or rows validation calls an 错误 in; those are
refused — listed with book, sheet, cell and reason (:func:`refusal_line`, :func:`problem_record`) —
and the others computed. The rule is :mod:`dealer_xl.ledger.gate` (the finance figures and packs gate
with it), validation once per Ledger is :mod:`dealer_xl.checks.gate` (the documents' gate); this
module is the actions' name for it.
"""

from __future__ import annotations

from ..checks.gate import (
    ALL,
    REFUSAL_COLUMNS,
    Gate,
    Uses,
    gate,
    param_rows,
    problem_record,
    refusal_cells,
    refusal_line,
    unit_of,
    validation_problems,
)

__all__ = ["ALL", "REFUSAL_COLUMNS", "Gate", "Uses", "gate", "param_rows", "problem_record", "refusal_cells",
           "refusal_line", "unit_of", "validation_problems"]
