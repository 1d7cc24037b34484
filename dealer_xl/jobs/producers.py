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


def _ledger(books: Path, shared: dict | None):
    """The Ledger of ``books``, read once per run (kept in ``shared``)."""
    from .. import ledger

    shared = {} if shared is None else shared
    if "ledger" not in shared:
        shared["ledger"] = ledger.load(Path(books))
    return shared["ledger"]


@register_producer("daily_sales", "销售日报（当日销售明细与汇总，可按分公司/业务员）", "day")
def daily_sales(books: Path, out_dir: Path, period: date, branch: str | None = None,
                person: str | None = None, shared: dict | None = None) -> Pack:
    from ..documents.packs import build_pack

    return build_pack("daily", _ledger(books, shared), out_dir, day=period, branch=branch, person=person)


@register_producer("sales_pack", "月度销售报表包（可按分公司）", "month")
def sales_pack(books: Path, out_dir: Path, period: date, branch: str | None = None,
               person: str | None = None, shared: dict | None = None) -> Pack:
    from ..documents.packs import build_pack

    return build_pack("sales", _ledger(books, shared), out_dir, month=period.strftime("%Y-%m"), branch=branch,
                      person=person)


@register_producer("receivables_pack", "月度应收款报表包（应收/逾期/陈欠，可按分公司/催收人）", "month")
def receivables_pack(books: Path, out_dir: Path, period: date, branch: str | None = None,
                     person: str | None = None, shared: dict | None = None) -> Pack:
    from ..documents.packs import build_pack

    return build_pack("receivables", _ledger(books, shared), out_dir, month=period.strftime("%Y-%m"),
                      branch=branch, person=person)


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

    from ..actions.report_sheets import write_table
    from ..actions.worklist import FORMATS, HEADERS, worklist_cells
    from ..io.writer import save_new
    from ..ledger.worklist import build_worklist

    shared = {} if shared is None else shared
    if ("worklist", day) not in shared:
        shared["worklist", day] = build_worklist(_ledger(books, shared), day)
    result = shared["worklist", day]
    mine = [(c, r) for c, r in result.rows
            if (person is None or r.responsible == person) and (branch is None or r.branch == branch)]
    who = "_".join(x for x in (branch, person) if x) or "全部"
    wb = Workbook()
    ws = wb.active
    ws.title = "催收清单"
    write_table(ws, HEADERS, [worklist_cells(i, c, r, masked=True) for i, (c, r) in enumerate(mine, 1)], FORMATS)
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
            f"<th>建议措施</th></tr>{rows}</table>{more}")
    return Pack("worklist", "催收工作清单", day.isoformat(), path, html, {})
