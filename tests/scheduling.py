"""How ``make test`` (``pytest -n auto --dist loadscope``) shares the suite between its workers.

xdist's ``loadscope`` sends every test module to one worker as one unit of work (so its module
fixtures run once) and hands the units out biggest-count first. On a 2-core machine that left one
worker running a few long modules at the end while the other was idle. :class:`BalancedScopes`
keeps the module as the unit and changes only which units there are and their order:

- :data:`TOGETHER`: modules that use one expensive session fixture form one unit (one worker builds
  the fixture once instead of each worker building its own);
- :data:`ONE_BY_ONE`: modules whose tests share no expensive module fixture are split into one unit
  per test, handed out last, so the two workers finish together;
- :data:`ALONE`: single long tests that use no fixture of their module become their own unit;
- :data:`FIRST`: the long units that cannot be split start first, longest first.

Nothing here changes what a test does, nor whether it runs: only which worker runs it and when.
Tests do not depend on their order (every shared folder is read-only or copied per test).
A module missing from these tables (renamed, new) is simply scheduled as xdist would.
"""

from __future__ import annotations

from collections import OrderedDict

from xdist.scheduler import LoadScopeScheduling

TOGETHER = {  # the closed demo history of tests/figures/conftest.py (24 closes) is built once
    "tests/figures/test_ties.py": "tests/figures::history",
    "tests/figures/test_commands.py": "tests/figures::history",
}
ONE_BY_ONE = [  # handed out in this order, after every other unit (the finest last)
    "tests/test_hostile.py",            # hypothesis examples and extreme values, each on a copy
    "tests/excel/test_ribbon_actions.py",  # one ribbon action per test on a copy of the demo
    "tests/docs/test_examples.py",      # one example per test on a copy of the demo (tests/docs/runner.py)
    "tests/demo/test_seeds.py",         # one seed per test
]
ALONE = {
    "tests/demo/test_demo.py::test_the_benchmarks_scale_plants_every_mistake",  # builds scale 12 in memory
}
FIRST = [  # measured on main (pytest --durations, 2 workers): the longest units, longest first
    "tests/figures::history",
    "tests/test_hostile.py::test_hostile_values_in_any_column_never_crash_leak_or_go_live",
    "tests/demo/test_main_job.py",
    "tests/jobs/test_demo_packs.py",
    "tests/demo/test_demo.py",
    "tests/actions/test_close_kill.py",
    "tests/actions/test_finance_cli.py",
    "tests/jobs/test_desk_jobs.py",
    "tests/demo/test_demo.py::test_the_benchmarks_scale_plants_every_mistake",
    "tests/documents/test_pdf_pages.py",
    "tests/actions/test_credit_files.py",
    "tests/actions/test_close.py",
    "tests/io/test_surgical.py",
    "tests/documents/test_fonts.py",
    "tests/crosscheck/test_libreoffice_crosscheck.py",
    "tests/io/test_templates.py",
    "tests/io/test_wps_saved_books.py",
    "tests/test_cli_grammar.py",
    "tests/actions/test_desk.py",
    "tests/checks/test_run_checks.py",
]


def unit_of(nodeid: str) -> str:
    """The unit of work a test belongs to (its module, unless the tables above say otherwise)."""
    module = nodeid.split("::", 1)[0]
    if nodeid in ALONE:
        return nodeid
    if module in TOGETHER:
        return TOGETHER[module]
    if module in ONE_BY_ONE:
        return nodeid
    return nodeid.rsplit("::", 1)[0]


def rank(unit: str) -> int:
    """Position class of a unit: the :data:`FIRST` ones in their order, then whole modules, then
    the one-test units module by module."""
    if unit in FIRST:
        return FIRST.index(unit)
    module = unit.split("::", 1)[0]
    if module in ONE_BY_ONE and unit != module:
        return len(FIRST) + 1 + ONE_BY_ONE.index(module)
    return len(FIRST)


class BalancedScopes(LoadScopeScheduling):
    """xdist's ``loadscope`` with the units of :func:`unit_of` handed out in :func:`rank` order."""

    _ordered = False

    def _split_scope(self, nodeid: str) -> str:
        return unit_of(nodeid)

    def _assign_work_unit(self, node) -> None:
        if not self._ordered:  # the queue is complete when the first unit is handed out
            units = sorted(self.workqueue.items(), key=lambda item: rank(item[0]))  # stable
            self.workqueue = OrderedDict(units)
            self._ordered = True
        super()._assign_work_unit(node)
