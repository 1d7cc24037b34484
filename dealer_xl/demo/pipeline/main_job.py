"""The main job (``make demo``): everything dealer_xl does, run on the embedded demo company.

Steps: write the empty templates, generate the demo company, read every book back and summarise,
validate the demo company (writing its 问题清单.xlsx and checking every planted mistake is found),
fill missing repayment schedules and produce aging, worklist and collection plan, the 呆死帐追缴
list, credit grade suggestions and the repossession papers, the 综合管理 reminders, depreciation, vehicle
costs, archives and an asset count sheet, generate sample contracts, a demand letter and the report
packs; run payroll for the demo's months in order with its payslips, bank file, tax list and summary;
write the finance packs of the demo month;
deliver the scheduled reports to the outbox; and run month end (manufacturer reconciliations, stock
count, GM pack, close of the first demo month and a tamper caught); and the work across departments
(the installment sale typed once, returns into stock, targets, scorecards, disputes, a court file). It
only ever writes inside ``out``, and refuses to overwrite a folder of books that the demo did not write.

The steps declare what they need and give (:class:`~dealer_xl.actions.steps.Step`) and run in the
order that derives: the scheduled reports, the GM pack among them, go out after payroll, so they
carry it. The books are read once (after generation); a step that writes into a book applies what
it wrote to the run's Ledger in memory, and the next steps use that Ledger. The cross-department
steps run last and end with their two writes (contracts, returns), which no step reads after.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ... import ledger as ledgers
from ...actions.steps import Step, ordered
from ...actions.summary import BooksSummary, summarize_books
from ...actions.validate import validate_ledger, write_problem_list
from ...io.templates import init_books
from ...problems import BookError, Severity
from ...progress import ProgressFn, step
from .. import MANIFEST_NAME, Manifest, generate_demo
from ..company import AS_OF, START
from .admin import run_admin_steps
from .credit import run_credit_steps
from .crossdept import run_crossdept_steps
from .delivery import deliver_demo_reports
from .documents import run_document_steps
from .finance import run_finance_steps
from .month_end import run_month_end_steps
from .payroll import run_payroll_steps
from .receivables import run_receivables_steps
from .service import run_service_steps

BLANK_DIR, DEMO_DIR = "空白台账", "演示公司"


@dataclass
class MainJobResult:
    """What the main job did: human-readable log lines and the read-back summary."""

    out: Path
    log: list[str] = field(default_factory=list)
    summary: BooksSummary | None = None


@dataclass
class JobRun:
    """What the main job's steps share: where they write, the date, and the run's Ledger (read once
    after generation, with the run's own writes applied in memory)."""

    result: MainJobResult
    demo: Path
    scale: float
    seed: int
    progress: ProgressFn | None
    as_of: date = AS_OF
    ledger: ledgers.Ledger | None = None
    manifest: Manifest | None = None

    @property
    def month(self) -> str:
        return f"{self.as_of:%Y-%m}"

    def log(self, lines: list[str]) -> None:
        self.result.log.extend(lines)


def _guard_demo_folder(folder: Path) -> None:
    if folder.exists() and any(folder.glob("*.xls*")) and not (folder / MANIFEST_NAME).exists():
        raise BookError(f"{folder} 中已有台账但不是演示数据（缺少 {MANIFEST_NAME}），为免覆盖真实台账，已停止")


def _blank(job: JobRun) -> None:
    blank = job.result.out / BLANK_DIR
    job.log([f"空白台账：{len(init_books(blank, overwrite=True))} 个，位于 {blank}"])


def _generate(job: JobRun) -> None:
    _guard_demo_folder(job.demo)
    with step(job.progress, "生成演示公司") as p:
        job.manifest = generate_demo(job.demo, scale=job.scale, seed=job.seed, progress=p)
    job.log([f"演示公司：{job.demo}（预置错误 {len(job.manifest.mistakes)} 处，清单 {MANIFEST_NAME}）"])


def _validate(job: JobRun) -> None:
    with step(job.progress, "读取并校验台账") as p:
        job.ledger = ledgers.load(job.demo, today=job.as_of, progress=p)  # the one read of the run
        checked = validate_ledger(job.ledger)
    job.result.summary = summarize_books(job.ledger)
    listing = write_problem_list(checked.problems, job.demo / "问题清单.xlsx", job.demo)
    planted = {(m.book, m.sheet, m.cell, m.code) for m in job.manifest.mistakes}
    found = {(p.book, p.sheet, p.cell, str(p.code)) for p in checked.problems}
    job.log([f"校验：发现问题 {len(checked.problems)} 个（错误 {checked.count(Severity.ERROR)}），"
             f"预置错误找到 {len(planted & found)}/{len(planted)}，问题清单 {listing}"])


def _receivables(job: JobRun) -> None:
    with step(job.progress, "应收账款：还款计划、账龄、催收清单、催收计划"):
        lines, job.ledger = run_receivables_steps(job.ledger, job.as_of, job.month, progress=job.progress)
    job.log(lines)


def _credit(job: JobRun) -> None:
    with step(job.progress, "信审债权：呆死帐追缴、信用等级建议、扣车文书"):
        job.log(run_credit_steps(job.ledger, job.as_of))


def _service(job: JobRun) -> None:
    with step(job.progress, "售后：索赔、时限、厂家结算核对、售后月报"):
        job.log(run_service_steps(job.ledger, job.as_of, job.month))


def _admin(job: JobRun) -> None:
    with step(job.progress, "综合管理：到期提醒、折旧、车辆费用、档案、资产盘点表"):
        job.log(run_admin_steps(job.ledger, job.as_of, job.month))


def _documents(job: JobRun) -> None:
    with step(job.progress, "合同、催款函与报表包"):
        job.log(run_document_steps(job.ledger, job.as_of, job.month))


def _payroll(job: JobRun) -> None:
    with step(job.progress, "工资：按月计算、工资条、代发与申报"):
        lines, job.ledger = run_payroll_steps(job.ledger, job.result.out, job.as_of)
    job.log(lines)


def _finance(job: JobRun) -> None:
    with step(job.progress, "财务：费用与预算、厂家返利、单台毛利、管理利润表、资金计划"):
        job.log(run_finance_steps(job.ledger, job.as_of, job.month))


def _deliver(job: JobRun) -> None:
    with step(job.progress, "发送报表邮件（演示）"):
        job.log(deliver_demo_reports(job.demo, job.result.out, ledger=job.ledger))


def _month_end(job: JobRun) -> None:
    with step(job.progress, "月末：厂家对账、库存盘点、总经理月报、结账"):
        job.log(run_month_end_steps(job.ledger, job.result.out, job.as_of, f"{START:%Y-%m}"))


def _crossdept(job: JobRun) -> None:
    # last: its final two steps write (contracts, returns) and nothing reads the books after them
    with step(job.progress, "跨部门：目标分解、考核、清欠纠纷与起诉状、分期合同、退换车入库"):
        job.log(run_crossdept_steps(job.ledger, job.as_of, job.month))


#: the main job's steps; they run in the order their needs give (:func:`~dealer_xl.actions.steps.ordered`).
STEPS: list[Step] = [
    Step("blank", "空白台账", _blank, gives=("templates",)),
    Step("generate", "生成演示公司", _generate, gives=("books",)),
    Step("validate", "读取并校验台账", _validate, needs=("books",), gives=("ledger", "validation")),
    Step("receivables", "应收账款", _receivables, needs=("ledger",), gives=("schedule", "aging", "worklist", "plan")),
    Step("credit", "信审债权", _credit, needs=("schedule",), gives=("credit",)),
    Step("service", "售后", _service, needs=("ledger",), gives=("service",)),
    Step("admin", "综合管理", _admin, needs=("ledger",), gives=("admin",)),
    Step("documents", "合同、催款函与报表包", _documents, needs=("schedule",), gives=("documents",)),
    Step("deliver", "发送报表邮件", _deliver, needs=("schedule", "payroll"), gives=("mail",)),
    Step("payroll", "工资", _payroll, needs=("ledger",), gives=("payroll",)),
    Step("finance", "财务", _finance, needs=("payroll",), gives=("finance",)),
    Step("month_end", "月末与结账", _month_end,
         needs=("schedule", "payroll", "mail", "documents", "credit", "service", "plan", "admin", "finance"), gives=("close",)),
    Step("crossdept", "跨部门", _crossdept, needs=("close",), gives=("crossdept",)),
]


def run_main_job(out: Path, *, scale: float = 1.0, seed: int = 2026,
                 progress: ProgressFn | None = None) -> MainJobResult:
    """Run every step on the demo company inside ``out`` and return what happened."""
    result = MainJobResult(Path(out))
    job = JobRun(result, result.out / DEMO_DIR, scale, seed, progress)
    for s in ordered(STEPS):
        s.run(job)
    return result
