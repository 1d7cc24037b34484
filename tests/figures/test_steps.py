"""Steps with declared inputs: the order comes from what each step needs, not from the list."""

from __future__ import annotations

import pytest

from dealer_xl.actions.close.steps import STEPS as CLOSE_STEPS
from dealer_xl.actions.steps import Step, ordered
from dealer_xl.demo.pipeline.main_job import STEPS as MAIN_STEPS


def step(name: str, needs: tuple[str, ...] = (), gives: tuple[str, ...] = ()) -> Step:
    return Step(name, name, lambda run: None, needs, gives)


def names(steps) -> list[str]:
    return [s.name for s in ordered(steps)]


def test_a_step_runs_after_the_steps_giving_what_it_needs_and_the_list_order_breaks_ties():
    steps = [step("packs", needs=("payroll", "schedule")), step("aging", needs=("schedule",)),
             step("payroll", gives=("payroll",)), step("schedule", gives=("schedule",)), step("service")]
    assert names(steps) == ["payroll", "schedule", "packs", "aging", "service"]


def test_a_fact_no_step_gives_is_read_from_the_books():
    assert names([step("b", needs=("books",)), step("a")]) == ["b", "a"]


def test_a_cycle_or_two_givers_of_one_fact_is_a_programming_error():
    with pytest.raises(ValueError, match="need each other"):
        ordered([step("a", needs=("y",), gives=("x",)), step("b", needs=("x",), gives=("y",))])
    with pytest.raises(ValueError, match="given by both"):
        ordered([step("a", gives=("x",)), step("b", gives=("x",))])


def test_the_close_makes_its_packs_after_payroll_and_the_schedules_wherever_they_are_listed():
    order = names(CLOSE_STEPS)
    assert order.index("report_packs") > max(order.index("payroll"), order.index("schedules"), order.index("aging"))
    assert names(list(reversed(CLOSE_STEPS))).index("report_packs") > names(list(reversed(CLOSE_STEPS))).index("payroll")
    # after the close's writes (schedules, payroll) the books as of month end are validated once (#24)
    assert order.index("service") > max(order.index("payroll"), order.index("schedules"))


def test_the_main_job_mails_its_reports_after_payroll_and_closes_last():
    order = names(MAIN_STEPS)
    assert order.index("deliver") > order.index("payroll") > order.index("validate") > order.index("generate")
    # the close is the last step that reads the run's Ledger; the cross-department steps follow it, ending
    # with two writes (contracts, returns) that no step reads
    assert order[-2:] == ["month_end", "crossdept"]
    assert len(order) == len(MAIN_STEPS) == len(set(order))
