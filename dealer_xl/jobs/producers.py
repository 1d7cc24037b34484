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
from pathlib import Path

from ..documents.packs import Pack

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


@register_producer("gm_pack", "总经理月报（销售、应收、售后、工资、厂家往来与库存，含上月与去年同月对比）", "month")
def gm_pack(books: Path, out_dir: Path, period: date, branch: str | None = None,
            person: str | None = None, shared: dict | None = None) -> Pack:
    from ..documents.packs import build_pack

    return build_pack("gm", _ledger(books, shared), out_dir, month=period.strftime("%Y-%m"), branch=branch,
                      person=person)


@register_producer("collection_worklist", "催收工作清单（按责任人：业务员或催收专员，可按分公司）", "day")
def collection_worklist(books: Path, out_dir: Path, period: date, branch: str | None = None,
                        person: str | None = None, shared: dict | None = None) -> Pack:
    return build_worklist_pack(books, out_dir, period, branch=branch, person=person, shared=shared)


def build_worklist_pack(books: Path, out_dir: Path, day: date, *, branch: str | None = None,
                        person: str | None = None, shared: dict | None = None) -> Pack:
    """The 催收工作清单 pack of ``day`` for ``person``/``branch`` (phones masked) in ``out_dir``.

    ``shared`` (one run's cache) keeps the Ledger, and the Ledger the worklist, for the run's others.
    """
    from ..documents.packs import build_pack

    return build_pack("worklist", _ledger(books, shared), out_dir, day=day, branch=branch, person=person)


@register_producer("payroll_pack", "月度工资汇总（按部门、分公司，逐月对比，含单位成本；可按分公司）", "month")
def payroll_pack(books: Path, out_dir: Path, period: date, branch: str | None = None,
                 person: str | None = None, shared: dict | None = None) -> Pack:
    from ..documents.payroll_summary import build_summary

    month = period.strftime("%Y-%m")
    result = build_summary(_ledger(books, shared), month, Path(out_dir), branch)
    title = f"工资汇总 {month}" + (f"（{branch}）" if branch else "")
    return Pack("payroll", title, month, result.paths[0], result.html, {})


@register_producer("service_pack", "月度售后报表包（工单、索赔结算、时限、故障、回访、技师，可按分公司）", "month")
def service_pack(books: Path, out_dir: Path, period: date, branch: str | None = None,
                 person: str | None = None, shared: dict | None = None) -> Pack:
    from ..documents.packs import build_pack

    return build_pack("service", _ledger(books, shared), out_dir, month=period.strftime("%Y-%m"), branch=branch,
                      person=person)


@register_producer("admin_reminders", "综合管理提醒（保险、年检、保养、劳动合同、试用期、证书、证照、档案借阅与销毁；按负责人）", "day")
def admin_reminders(books: Path, out_dir: Path, period: date, branch: str | None = None,
                    person: str | None = None, shared: dict | None = None) -> Pack:
    from ..documents.packs import build_pack

    return build_pack("admin_reminders", _ledger(books, shared), out_dir, day=period, branch=branch, person=person)
