"""The month's work the month-end close runs, in order: a plain list of named steps.

:data:`STEPS` is a list of ``(name, label, function)``; ``function(run) -> StepResult`` gets the
:class:`CloseRun` (folder, month, month end) and returns its Chinese log lines and the files it
wrote (reports go into the archive). Steps run in list order; a step raising BookError stops the
close before anything is archived or locked.

``service`` lists the month's after-sales position as of month end (三包 work orders still without a
claim, open claim/old-parts deadlines; nothing is written into the books); ``payroll`` runs the
month's payroll when 工资结果 has no row for it yet and 考勤 has (its write refuses closed months
and stops the close on an 错误 or a missing earlier month); ``finance_pack`` writes 财务月报 when the
company keeps 财务台账 (archived with the other packs).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ... import ledger
from ...documents.packs import REPORTS_DIR, build_pack
from ...problems import BookError


@dataclass(frozen=True)
class CloseRun:
    """What a step works on.

    Attributes:
        folder: the books' folder.
        month: the month being closed (``YYYY-MM``).
        month_end: its last day.
        today: the run's date.
        shared: what steps read once and hand on (e.g. ``receivables``), cleared by a step that
            writes into the books.
    """

    folder: Path
    month: str
    month_end: date
    today: date
    shared: dict = field(default_factory=dict)


@dataclass(frozen=True)
class StepResult:
    """What a step did: Chinese log lines and the files it wrote (archived with the books)."""

    lines: list[str]
    files: list[Path] = field(default_factory=list)


Step = Callable[[CloseRun], StepResult]


def schedules(run: CloseRun) -> StepResult:
    """Repayment schedules for new contracts (refused for months already closed)."""
    from ..receivables.schedule_fill import fill_schedules

    run.shared.clear()
    return StepResult(fill_schedules(ledger.load(run.folder, today=run.today)).summary()[:1])


def _ledger(run: CloseRun) -> ledger.Ledger:
    """The books as they are after the steps that wrote, read once and shared by the next steps."""
    if "ledger" not in run.shared:
        run.shared["ledger"] = ledger.load(run.folder, today=run.today)
    return run.shared["ledger"]


def aging(run: CloseRun) -> StepResult:
    """The aging snapshot as of month end, of the contracts signed by then."""
    from ...ledger.aging import age_contracts
    from ..receivables.aging_report import write_aging

    led = _ledger(run)
    signed = tuple(c for c in led.receivables.contracts
                   if not isinstance(c.contract.get("sign_date"), date) or c.contract["sign_date"] <= run.month_end)
    result = write_aging(led, age_contracts(led, run.month_end, signed))
    return StepResult(result.summary()[:1], [p for p in (result.workbook, result.snapshot) if p])


def collection_plan(run: CloseRun) -> StepResult:
    """The month's collection plan against what was collected."""
    from ..receivables.collection_plan import write_plan

    result = write_plan(_ledger(run), run.month)
    return StepResult(result.summary()[:1], [result.workbook] if result.workbook else [])


def report_packs(run: CloseRun) -> StepResult:
    """Every monthly report pack of the month (sales, receivables, after-sales, the GM pack)."""
    led = _ledger(run)
    lines, files = [], []
    for kind in ("sales", "receivables", "service", "gm"):
        pack = build_pack(kind, led, run.folder / REPORTS_DIR, month=run.month)
        lines.append(f"报表：{pack.title} → {pack.xlsx.name}")
        files.append(pack.xlsx)
    return StepResult(lines, files)


def service(run: CloseRun) -> StepResult:
    """After-sales as of month end: work orders still without a claim, open deadlines (read only)."""
    from ..service.claims import service_claims
    from ..service.deadlines import service_deadlines

    claims = service_claims(run.folder, run.month_end, workbook=False)
    deadlines = service_deadlines(run.folder, run.month_end)
    return StepResult(claims.summary()[:1] + deadlines.summary()[:1],
                      [deadlines.workbook] if deadlines.workbook else [])


def payroll(run: CloseRun) -> StepResult:
    """The month's payroll, when 考勤 has the month and 工资结果 does not yet."""
    from ..payroll.run import run_payroll

    led = _ledger(run)
    if not any(r.get("month") == run.month for r in led.rows("payroll", "attendance")):
        return StepResult([f"工资：{run.month} 没有考勤记录，跳过"])
    if any(r.get("month") == run.month for r in led.rows("payroll", "results")):
        return StepResult([f"工资：{run.month} 已计算（工资结果中已有该月）"])
    result = run_payroll(run.folder, run.month, led=led)
    run.shared.clear()
    if result.errors:
        raise PeriodStepError("；".join(result.summary()[:3]))
    return StepResult(result.summary()[:1])


def finance_pack(run: CloseRun) -> StepResult:
    """The month's finance pack (财务月报), when the company keeps 财务台账 (issue #25)."""
    led = _ledger(run)
    if not led.found("finance"):
        return StepResult(["财务月报：没有财务台账，跳过"])
    pack = build_pack("finance", led, run.folder / REPORTS_DIR, month=run.month)
    return StepResult([f"报表：{pack.title} → {pack.xlsx.name}"], [pack.xlsx])


class PeriodStepError(BookError):
    """A step of the close found 错误 it cannot go past (the close stops before archiving)."""


STEPS: list[tuple[str, str, Step]] = [
    ("schedules", "还款计划", schedules),
    ("aging", "账龄快照", aging),
    ("collection_plan", "催收计划与实收", collection_plan),
    ("service", "售后索赔与时限", service),
    ("payroll", "工资", payroll),
    ("report_packs", "月度报表", report_packs),
    ("finance_pack", "财务月报", finance_pack),
]
