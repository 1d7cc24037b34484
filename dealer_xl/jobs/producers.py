"""What a job can produce: a small registry of report producers, by the name used in ``produces``.

A producer is ``build(books, out_dir, period, branch=None, person=None, shared=None) -> Pack`` —
it reads the books, writes its workbook into ``out_dir`` and returns the pack (title, period, xlsx
path, HTML summary with ``cid:`` images, the images). ``branch``/``person`` narrow the pack to one
branch manager's branch or one collector's own contracts. ``shared`` is a dict that lives for one
run of one job, so the slices of a run read the books once (a new run always reads them afresh). ``granularity`` says whether the job's period
is a day (``2026-10-31``) or a month (``2026-10``); the sent log is keyed by that period.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from markupsafe import escape

from ..documents.packs import Pack

SHOWN = 15


BuildFn = Callable[..., Pack]


@dataclass(frozen=True)
class Producer:
    """A registered producer: its name, Chinese description, period granularity and build function."""

    name: str
    description: str
    granularity: str
    build: BuildFn

    def period_key(self, period: date) -> str:
        """The period as the sent log and file names see it: ``YYYY-MM-DD`` or ``YYYY-MM``."""
        return period.strftime("%Y-%m") if self.granularity == "month" else period.isoformat()


PRODUCERS: dict[str, Producer] = {}


def register_producer(name: str, description: str, granularity: str,
                      registry: dict[str, Producer] | None = None) -> Callable[[BuildFn], BuildFn]:
    """Decorator registering ``build`` under ``name`` (in ``registry``, default :data:`PRODUCERS`)."""
    if granularity not in ("day", "month"):
        raise ValueError(f"granularity must be 'day' or 'month', not {granularity!r}")

    def decorate(build: BuildFn) -> BuildFn:
        (PRODUCERS if registry is None else registry)[name] = Producer(name, description, granularity, build)
        return build

    return decorate


def _ledgers(books: Path, shared: dict | None):
    """The books read once per run (as :class:`dealer_xl.documents.sources.Ledgers`)."""
    from ..documents.sources import Ledgers

    shared = {} if shared is None else shared
    if "ledgers" not in shared:
        shared["ledgers"] = Ledgers(Path(books))
    return shared["ledgers"]


@register_producer("daily_sales", "销售日报（当日销售明细与汇总，可按分公司/业务员）", "day")
def daily_sales(books: Path, out_dir: Path, period: date, branch: str | None = None,
                person: str | None = None, shared: dict | None = None) -> Pack:
    from ..documents.packs import build_pack

    return build_pack("daily", books, out_dir, day=period, branch=branch, person=person,
                      ledgers=_ledgers(books, shared))


@register_producer("sales_pack", "月度销售报表包（可按分公司）", "month")
def sales_pack(books: Path, out_dir: Path, period: date, branch: str | None = None,
               person: str | None = None, shared: dict | None = None) -> Pack:
    from ..documents.packs import build_pack

    return build_pack("sales", books, out_dir, month=period.strftime("%Y-%m"), branch=branch, person=person,
                      ledgers=_ledgers(books, shared))


@register_producer("receivables_pack", "月度应收款报表包（应收/逾期/陈欠，可按分公司/催收人）", "month")
def receivables_pack(books: Path, out_dir: Path, period: date, branch: str | None = None,
                     person: str | None = None, shared: dict | None = None) -> Pack:
    from ..documents.packs import build_pack

    return build_pack("receivables", books, out_dir, month=period.strftime("%Y-%m"), branch=branch,
                      person=person, ledgers=_ledgers(books, shared))


@register_producer("gm_pack", "总经理月报（销售、应收、售后、工资、厂家往来与库存，含上月与去年同月对比）", "month")
def gm_pack(books: Path, out_dir: Path, period: date, branch: str | None = None,
            person: str | None = None, shared: dict | None = None) -> Pack:
    from ..documents.packs import build_pack

    return build_pack("gm", books, out_dir, month=period.strftime("%Y-%m"), branch=branch, person=person,
                      ledgers=_ledgers(books, shared))


@register_producer("collection_worklist", "催收工作清单（按责任人：业务员或催收专员，可按分公司）", "day")
def collection_worklist(books: Path, out_dir: Path, period: date, branch: str | None = None,
                        person: str | None = None, shared: dict | None = None) -> Pack:
    return build_worklist_pack(books, out_dir, period, branch=branch, person=person, shared=shared)


def build_worklist_pack(books: Path, out_dir: Path, day: date, *, branch: str | None = None,
                        person: str | None = None, shared: dict | None = None) -> Pack:
    """Write ``催收清单_<who>_<day>.xlsx`` into ``out_dir`` and return the pack.

    ``shared`` (one run's cache) keeps the worklist so the run's other persons reuse it.
    """
    from openpyxl import Workbook

    from ..actions.receivables import load_receivables
    from ..actions.report_sheets import write_table
    from ..actions.worklist import FORMATS, HEADERS, build_worklist, worklist_cells
    from ..documents.case_list import (
        CASE_FORMATS,
        CASE_HEADERS,
        case_cells,
        case_entries,
        for_person,
        reminder_html,
    )
    from ..io.writer import save_new

    shared = {} if shared is None else shared
    if ("worklist", day) not in shared:
        data = load_receivables(books)
        shared["worklist", day] = build_worklist(data, day)
        table = data.books["receivables"].tables.get("cases")
        shared["cases", day] = case_entries(data.contracts, table.rows if table else [])
    result = shared["worklist", day]
    mine = [(c, r) for c, r in result.rows
            if (person is None or r.responsible == person) and (branch is None or r.branch == branch)]
    who = "_".join(x for x in (branch, person) if x) or "全部"
    wb = Workbook()
    ws = wb.active
    ws.title = "催收清单"
    write_table(ws, HEADERS, [worklist_cells(i, c, r, masked=True) for i, (c, r) in enumerate(mine, 1)], FORMATS)
    cases = for_person(shared["cases", day], person, branch, {c.contract_no for c, _ in mine}, {person} - {None})
    write_table(wb.create_sheet("诉讼案件"), CASE_HEADERS, [case_cells(r, f) for r, f in cases], CASE_FORMATS)
    path = save_new(wb, Path(out_dir) / f"催收清单_{who}_{day.isoformat()}.xlsx")
    total = sum((r.overdue for _, r in mine), Decimal("0.00"))
    rows = "".join(
        f"<tr><td>{escape(r.contract_no)}</td><td>{escape(r.customer)}</td><td style=\"text-align:right\">"
        f"{r.overdue:,.2f}</td><td style=\"text-align:right\">{r.dpd}</td><td>{escape(r.risk_class)}</td>"
        f"<td>{escape(r.suggested_action)}</td></tr>" for _, r in mine[:SHOWN])
    more = f"<p>另有 {len(mine) - SHOWN} 个合同见附件。</p>" if len(mine) > SHOWN else ""
    html = (f"<p>截至 {day.isoformat()}，{escape(who)} 负责的逾期合同 {len(mine)} 个，逾期金额合计 {total:,.2f} 元"
            f"（按优先分从高到低）。</p><table border=\"1\" cellspacing=\"0\" cellpadding=\"4\">"
            f"<tr><th>合同编号</th><th>客户名称</th><th>逾期金额</th><th>逾期天数</th><th>五级分类</th>"
            f"<th>建议措施</th></tr>{rows}</table>{more}{reminder_html(cases, day)}")
    return Pack("worklist", "催收工作清单", day.isoformat(), path, html, {})


@register_producer("payroll_pack", "月度工资汇总（按部门、分公司，逐月对比，含单位成本；可按分公司）", "month")
def payroll_pack(books: Path, out_dir: Path, period: date, branch: str | None = None,
                 person: str | None = None, shared: dict | None = None) -> Pack:
    from .. import ledger
    from ..actions.payroll_summary import build_summary

    shared = {} if shared is None else shared
    if "ledger" not in shared:
        shared["ledger"] = ledger.load(Path(books))
    month = period.strftime("%Y-%m")
    result = build_summary(shared["ledger"], month, Path(out_dir), branch)
    title = f"工资汇总 {month}" + (f"（{branch}）" if branch else "")
    return Pack("payroll", title, month, result.paths[0], result.html, {})
@register_producer("service_pack", "月度售后报表包（工单、索赔结算、时限、故障、回访、技师，可按分公司）", "month")
def service_pack(books: Path, out_dir: Path, period: date, branch: str | None = None,
                 person: str | None = None, shared: dict | None = None) -> Pack:
    from ..documents.packs import build_pack

    return build_pack("service", books, out_dir, month=period.strftime("%Y-%m"), branch=branch, person=person,
                      ledgers=_ledgers(books, shared))
