"""The month's work the month-end close runs: steps with declared inputs, on one Ledger.

:data:`STEPS` is a list of :class:`~dealer_xl.actions.steps.Step`; each ``run(close_run) ->
StepResult`` gets the :class:`CloseRun` and returns its Chinese log lines and the files it wrote
(reports go into the archive). The close runs them in the order :func:`~dealer_xl.actions.steps.ordered`
derives from what each needs (the report packs need ``payroll`` and ``schedule``, so they come
after both; ``service`` after ``payroll``, the close's last write, so that the books as they were at
month end are validated once, not again after 工资结果 changed); a step raising BookError stops the
close before anything is archived or locked.

One read per run: every step works on ``CloseRun.ledger``, the books the close read once; a step
that writes into a book (the schedule fill, payroll) applies what it wrote to that Ledger in
memory (:meth:`dealer_xl.ledger.Ledger.with_rows`) instead of reading the book again, and the
archive's manifest is made from it. Reports are made on the books as they were at month end
(:meth:`dealer_xl.ledger.Ledger.as_of`).

``service`` lists the month's after-sales position as of month end (三包 work orders still without a
claim, open claim/old-parts deadlines; nothing is written into the books); ``payroll`` runs the
month's payroll when 工资结果 has no row for it yet and 考勤 has (its write refuses closed months
and stops the close on an 错误 or a missing earlier month); ``vouchers`` writes the month's 记账凭证
(金蝶 and 用友 files) after payroll, so the archive holds them; ``finance_pack`` writes 财务月报 when the company keeps 财务台账
(archived with the other packs).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ... import ledger
from ...documents.packs import REPORTS_DIR, build_pack
from ...ledger.period import go_live_month
from ...problems import BookError
from ..steps import Step


@dataclass
class CloseRun:
    """What a step works on.

    Attributes:
        folder: the books' folder.
        month: the month being closed (``YYYY-MM``).
        month_end: its last day.
        today: the run's date.
        ledger: the books of this run: read once, with this run's writes applied in memory.
        forced: the close goes on past 错误 (``--force --reason``): a money step then computes the units
            the input gate lets through and lists the others, instead of stopping the close.
    """

    folder: Path
    month: str
    month_end: date
    today: date
    ledger: ledger.Ledger
    forced: bool = False


@dataclass(frozen=True)
class StepResult:
    """What a step did: Chinese log lines and the files it wrote (archived with the books)."""

    lines: list[str]
    files: list[Path] = field(default_factory=list)


def schedules(run: CloseRun) -> StepResult:
    """Repayment schedules for new contracts (refused for months already closed)."""
    from ..receivables.schedule_fill import fill_schedules

    result = fill_schedules(run.ledger)
    run.ledger = result.applied(run.ledger)
    return StepResult(result.summary()[:1])


def aging(run: CloseRun) -> StepResult:
    """The aging snapshot as of month end (of the contracts signed by then)."""
    from ...ledger.aging import age_contracts
    from ..receivables.aging_report import write_aging

    result = write_aging(run.ledger, age_contracts(run.ledger, run.month_end))
    return StepResult(result.summary()[:1], [p for p in (result.workbook, result.snapshot) if p])


def collection_plan(run: CloseRun) -> StepResult:
    """The month's collection plan against what was collected."""
    from ..receivables.collection_plan import write_plan

    result = write_plan(run.ledger, run.month)
    return StepResult(result.summary()[:1], [result.workbook] if result.workbook else [])


def report_packs(run: CloseRun) -> StepResult:
    """Every monthly report pack of the month (sales, receivables, after-sales, the GM pack)."""
    lines, files = [], []
    for kind in ("sales", "receivables", "service", "gm"):
        pack = build_pack(kind, run.ledger, run.folder / REPORTS_DIR, month=run.month, email=False)
        lines.append(f"报表：{pack.title} → {pack.xlsx.name}")
        files.append(pack.xlsx)
    return StepResult(lines, files)


def service(run: CloseRun) -> StepResult:
    """After-sales as of month end: work orders still without a claim, open deadlines (read only)."""
    from ..service.claims import service_claims
    from ..service.deadlines import service_deadlines

    claims = service_claims(run.ledger, run.month_end, workbook=False)
    deadlines = service_deadlines(run.ledger, run.month_end)
    return StepResult(claims.summary()[:1] + deadlines.summary()[:1],
                      [deadlines.workbook] if deadlines.workbook else [])


def payroll(run: CloseRun) -> StepResult:
    """The month's payroll, when 考勤 has the month and 工资结果 does not yet."""
    from ..payroll.run import run_payroll

    led = run.ledger
    if not any(r.get("month") == run.month for r in led.rows("payroll", "attendance")):
        return StepResult([f"工资：{run.month} 没有考勤记录，跳过"])
    if any(r.get("month") == run.month for r in led.rows("payroll", "results")):
        return StepResult([f"工资：{run.month} 已计算（工资结果中已有该月）"])
    live = go_live_month(led.params)
    if live and run.month < live:
        return StepResult([f"工资：{run.month} 早于上线月份 {live}（参数 go_live），不计算；上线前的累计数见「工资期初」"])
    result = run_payroll(run.folder, run.month, led=led)
    if result.errors and not (run.forced and result.written):
        raise PeriodStepError("；".join(result.summary()[:3]))
    run.ledger = payroll_applied(led, result)
    # a forced close pays the employees the gate lets through and lists the others (never computed)
    return StepResult(result.summary() if result.errors else result.summary()[:1])


def payroll_applied(led: ledger.Ledger, run) -> ledger.Ledger:
    """``led`` with what ``run`` (a :class:`~dealer_xl.actions.payroll.run.PayrollRun`) wrote into
    工资结果 — the sheet written whole, sorted, with the month's rows replaced — applied in memory
    (``led`` itself when nothing was written)."""
    from ..payroll.run import RESULTS, result_sheet

    if not run.written:
        return led
    rows = [(0, dict(zip(RESULTS.fields, values, strict=True))) for values in result_sheet(led, run)[1]]
    return led.with_rows("payroll", "results", rows, keep=lambda _: False, renumber=True)


def vouchers(run: CloseRun) -> StepResult:
    """The month's 记账凭证 in both import layouts (金蝶 .xls, 用友 .txt), archived with the books."""
    from ..finance.vouchers import make_vouchers, write_vouchers

    computed = make_vouchers(run.ledger, run.month)  # once, written in both layouts
    made = [write_vouchers(run.ledger, run.month, fmt, made=computed) for fmt in ("kingdee", "yonyou")]
    return StepResult(made[0].summary()[:1], [p for result in made for p in result.paths])


def finance_pack(run: CloseRun) -> StepResult:
    """The month's finance pack (财务月报), when the company keeps 财务台账 (issue #25)."""
    led = run.ledger
    if not led.found("finance"):
        return StepResult(["财务月报：没有财务台账，跳过"])
    pack = build_pack("finance", led, run.folder / REPORTS_DIR, month=run.month, email=False)
    return StepResult([f"报表：{pack.title} → {pack.xlsx.name}"], [pack.xlsx])


class PeriodStepError(BookError):
    """A step of the close found 错误 it cannot go past (the close stops before archiving)."""


STEPS: list[Step] = [
    Step("schedules", "还款计划", schedules, gives=("schedule",)),
    Step("aging", "账龄快照", aging, needs=("schedule",), gives=("aging",)),
    Step("collection_plan", "催收计划与实收", collection_plan, needs=("schedule",), gives=("plan",)),
    Step("service", "售后索赔与时限", service, needs=("payroll",), gives=("service",)),  # after the last write
    Step("payroll", "工资", payroll, gives=("payroll",)),
    Step("report_packs", "月度报表", report_packs, needs=("schedule", "payroll", "aging"), gives=("packs",)),
    Step("vouchers", "记账凭证", vouchers, needs=("schedule", "payroll"), gives=("vouchers",)),
    Step("finance_pack", "财务月报", finance_pack, needs=("payroll",), gives=("finance",)),
]
