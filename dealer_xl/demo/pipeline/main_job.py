"""The main job (``make demo``): everything dealer_xl does, run on the embedded demo company.

Steps: write the empty templates, generate the demo company, read every book back and summarise,
validate the demo company (writing its 问题清单.xlsx and checking every planted mistake is found),
fill missing repayment schedules and produce aging, worklist and collection plan, the 呆死帐追缴
list, credit grade suggestions and the repossession papers, generate sample contracts, a demand letter and
the report packs, deliver the scheduled reports to the outbox; run payroll for the demo's months in order
with its payslips, bank file, tax list and summary; and run month end (manufacturer reconciliations, stock
count, GM pack, close of the first demo month and a tamper caught); and the work across departments (the
installment sale typed once, returns into stock, targets, scorecards, disputes, a court file). It only ever
writes inside ``out``, and
refuses
to overwrite a folder of books that the demo did not write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ... import ledger as ledgers
from ...actions.summary import BooksSummary, summarize_books
from ...actions.validate import validate_ledger, write_problem_list
from ...io.templates import init_books
from ...problems import BookError, Severity
from ...progress import ProgressFn, step
from .. import MANIFEST_NAME, generate_demo
from ..company import AS_OF, START
from .credit import run_credit_steps
from .crossdept import run_crossdept_steps
from .delivery import deliver_demo_reports
from .documents import run_document_steps
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


def _guard_demo_folder(folder: Path) -> None:
    if folder.exists() and any(folder.glob("*.xls*")) and not (folder / MANIFEST_NAME).exists():
        raise BookError(f"{folder} 中已有台账但不是演示数据（缺少 {MANIFEST_NAME}），为免覆盖真实台账，已停止")


def run_main_job(out: Path, *, scale: float = 1.0, seed: int = 2026,
                 progress: ProgressFn | None = None) -> MainJobResult:
    """Run every step on the demo company inside ``out`` and return what happened."""
    result = MainJobResult(Path(out))
    blank = result.out / BLANK_DIR
    created = init_books(blank, overwrite=True)
    result.log.append(f"空白台账：{len(created)} 个，位于 {blank}")
    demo = result.out / DEMO_DIR
    _guard_demo_folder(demo)
    with step(progress, "生成演示公司") as p:
        manifest = generate_demo(demo, scale=scale, seed=seed, progress=p)
    result.log.append(f"演示公司：{demo}（预置错误 {len(manifest.mistakes)} 处，清单 {MANIFEST_NAME}）")
    with step(progress, "读取并校验台账") as p:
        books = ledgers.load(demo, today=AS_OF, progress=p)  # read once; again only after a write
        checked = validate_ledger(books)
    result.summary = summarize_books(books)
    listing = write_problem_list(checked.problems, demo / "问题清单.xlsx", demo)
    planted = {(m.book, m.sheet, m.cell, m.code) for m in manifest.mistakes}
    found = {(p.book, p.sheet, p.cell, str(p.code)) for p in checked.problems}
    result.log.append(f"校验：发现问题 {len(checked.problems)} 个（错误 {checked.count(Severity.ERROR)}），"
                      f"预置错误找到 {len(planted & found)}/{len(planted)}，问题清单 {listing}")
    month = AS_OF.strftime("%Y-%m")
    with step(progress, "应收账款：还款计划、账龄、催收清单、催收计划"):
        lines, books = run_receivables_steps(books, AS_OF, month, progress=progress)
        result.log.extend(lines)
    with step(progress, "信审债权：呆死帐追缴、信用等级建议、扣车文书"):
        result.log.extend(run_credit_steps(demo, AS_OF))
    with step(progress, "售后：索赔、时限、厂家结算核对、售后月报"):
        result.log.extend(run_service_steps(demo, AS_OF, month))
    with step(progress, "合同、催款函与报表包"):
        result.log.extend(run_document_steps(books, AS_OF, month))
    with step(progress, "发送报表邮件（演示）"):
        result.log.extend(deliver_demo_reports(demo, result.out, ledger=books))
    with step(progress, "工资：按月计算、工资条、代发与申报"):
        result.log.extend(run_payroll_steps(demo, result.out, AS_OF))
    with step(progress, "月末：厂家对账、库存盘点、总经理月报、结账"):
        result.log.extend(run_month_end_steps(demo, result.out, AS_OF, f"{START:%Y-%m}"))
    with step(progress, "跨部门：分期合同、退换车入库、目标分解、考核、清欠纠纷与起诉状"):
        result.log.extend(run_crossdept_steps(demo, AS_OF, month))
    return result
