"""The input gate of money with validation run once per Ledger and date: the rule is
:mod:`dealer_xl.ledger.gate`; this module passes on :func:`dealer_xl.checks.validation_problems` (read + rules + 参数) and a
:func:`gate` that runs it when the caller has not. The documents (contracts, letters, notices), below
the actions, gate through here; the actions reach it as :mod:`dealer_xl.actions.gate`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..ledger import Ledger
from ..ledger import gate as rule
from ..ledger.gate import (
    ALL,
    REFUSAL_COLUMNS,
    Gate,
    Uses,
    param_rows,
    problem_record,
    refusal_cells,
    refusal_line,
    unit_of,
)
from ..problems import Problem
from . import validation_problems


def gate(led: Ledger, uses: Iterable[Uses], problems: list[Problem] | None = None) -> Gate:
    """The Gate of an action that reads ``uses`` (``problems``: validation's, when already computed;
    else validation's problems on the used sheets, all a Gate looks at)."""
    uses = list(uses)
    if problems is None:
        problems = validation_problems(led, {(use.book, use.sheet) for use in uses})
    return rule.gate(led, uses, problems)


__all__ = ["ALL", "REFUSAL_COLUMNS", "Gate", "Uses", "gate", "param_rows", "problem_record", "refusal_cells",
           "refusal_line", "unit_of", "validation_problems"]
