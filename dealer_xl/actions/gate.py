"""The input gate of money: no figure is computed from a cell that validation calls an 错误.

A money-producing action (payroll run, claims, settlement, piece pay, contract, letter, write-off,
credit grades, disposal, close, the finance figures) declares what it reads as a list of
:class:`Uses` — a sheet, the columns it computes from, and the field that names the unit it would
refuse (the employee, the contract, the work order). :func:`gate` takes the validation problems of
the Ledger (run once per Ledger and shared by every gate of the run) and returns a :class:`Gate`
that says, per unit, which 错误 stop it. Guarantees:

- an 错误 on a row the action uses, in a column it uses (or on the row as a whole: a duplicate key,
  a row-level rule), stops that row's unit; the others are computed;
- an 错误 at sheet level on a used column (a required column missing) stops every unit;
- 警告 and 提示 never stop anything;
- :meth:`Gate.refusals` lists each stopped unit with book, sheet, cell and reason in Chinese, ready
  for ``summary()`` and for ``--format json`` (``{book, sheet, cell, code, message}``).

There is no ``--force`` for money: the way through is to correct the cell. The rule itself lives in
:mod:`dealer_xl.ledger.gate` (so report packs, an inner layer, gate their money the same way);
validation's problems come from :func:`dealer_xl.checks.validation_problems`, once per Ledger.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..checks import validation_problems
from ..ledger import Ledger
from ..ledger import gate as rule
from ..ledger.gate import ALL, Gate, Uses, problem_record, unit_of
from ..problems import Problem


def gate(led: Ledger, uses: Iterable[Uses], problems: list[Problem] | None = None) -> Gate:
    """The Gate of an action that reads ``uses`` (``problems``: validation's, when already computed)."""
    return rule.gate(led, uses, validation_problems(led) if problems is None else problems)


__all__ = ["ALL", "Gate", "Uses", "gate", "problem_record", "unit_of", "validation_problems"]
