"""The main job's steps run with the run's books held out of the garbage collector's full passes
(#24, :mod:`dealer_xl.demo.pipeline.held_steps`): held while a step runs, given back after it —
returned or raised —, the Ledger a write replaced freed first where asked, and which steps are
wrapped (not the delivery after the payroll write, the finance packs nor month end)."""

from __future__ import annotations

import gc
import weakref

import pytest

from dealer_xl.demo.pipeline import (
    admin,
    credit,
    crossdept,
    documents,
    payroll,
    receivables,
    service,
)
from dealer_xl.demo.pipeline.held_steps import on_held_books


def test_what_is_alive_is_held_during_the_step_and_given_back_after():
    books = [{"row": n} for n in range(1000)]  # the run's books, alive when the step starts
    seen = []

    @on_held_books
    def step(x):
        seen.append(gc.get_freeze_count())
        return x + 1

    assert gc.get_freeze_count() == 0
    assert step(1) == 2
    assert seen[0] >= len(books) and gc.get_freeze_count() == 0


def test_a_step_that_raises_gives_the_books_back():
    @on_held_books
    def step():
        raise ValueError("台账有误")

    with pytest.raises(ValueError, match="台账有误"):
        step()
    assert gc.get_freeze_count() == 0


class Ledger:
    """Stands for the Ledger a write replaced: unreachable, but in a cycle (its views point back)."""


def _replaced() -> weakref.ref:
    old = Ledger()
    old.view = Ledger()
    old.view.root = old
    return weakref.ref(old)


def test_the_step_after_a_write_frees_the_ledger_written_from_first():
    """Automatic passes off, so only the step's own pass (or none) can free the cycle."""
    gc.disable()
    try:
        gone = _replaced()

        @on_held_books(collect=True)
        def credit():
            return gone()

        assert credit() is None  # freed before the step, not held with the rest
        kept = _replaced()

        @on_held_books
        def other():
            return kept()

        assert other() is not None  # held with the rest (no full pass first) ...
        gc.collect()
        assert kept() is None  # ... and freed by the next pass outside a held step
    finally:
        gc.enable()


def test_the_steps_after_the_read_are_held():
    for step in (receivables.run_receivables_steps, credit.run_credit_steps, service.run_service_steps,
                 admin.run_admin_steps, documents.run_document_steps, payroll.run_payroll_steps,
                 crossdept.run_crossdept_steps):
        assert step.__wrapped__ is not None, step.__name__
