"""The payroll steps of the main job (``make demo``): every month of the demo's tax year in order,
then the hand-on files of the last month and the scheduled payroll summary to the outbox.

Guarantees: the months from January of the as-of year to the as-of month are computed in one
pass, in order, and 工资结果 is written once (``payroll run --from --to``), then applied to the run's
Ledger in memory (never read back from the book); employees the input gate refuses (the demo's planted
mistakes) are listed with their cells and left out, the others are paid (a month missing for a refused
employee refuses the later months too); payslip mail and the
``payroll_pack`` job go to ``out/发件箱`` only (no SMTP server), to the addresses configured in
``examples/payroll_jobs.toml`` and the employees' own 电子邮箱.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from ... import ledger, resources
from ...actions.close.steps import payroll_applied
from ...actions.payroll.outputs import write_bank, write_slips, write_summary, write_tax
from ...actions.payroll.run import run_payroll
from .held_steps import on_held_books

PAYROLL_CONFIG = resources.folder("examples") / "payroll_jobs.toml"


@on_held_books
def run_payroll_steps(led: ledger.Ledger, out: Path, as_of: date) -> tuple[list[str], ledger.Ledger]:
    """Run payroll for the demo's months on the run's Ledger and write its files; return the log
    lines and the Ledger with 工资结果 as the runs left it."""
    from ...jobs.config import load_config, without_smtp
    from ...jobs.runner import OUTBOX_DIR, STATE_DIR
    from .delivery import deliver_demo_reports

    books = led.books_dir
    run = run_payroll(books, f"{as_of.year}-01", to=f"{as_of:%Y-%m}", today=as_of, led=led)
    log = run.summary()
    if not run.written:
        return log, led
    led = payroll_applied(led, run)
    month = f"{as_of:%Y-%m}"
    config = without_smtp(load_config(PAYROLL_CONFIG, env={}, books=books))
    config = replace(config, outbox=out / OUTBOX_DIR, state=out / STATE_DIR)
    for result in (write_slips(books, month, led=led, config=config), write_bank(books, month, led=led),
                   write_tax(books, month, led=led), write_summary(books, month, led=led)):
        log.extend(result.summary())
    log.extend(deliver_demo_reports(books, out, config_path=PAYROLL_CONFIG, day=as_of, ledger=led))
    return log, led
