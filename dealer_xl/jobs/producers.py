"""What a job can produce: a small registry of report producers, by the name used in ``produces``.

A producer is ``build(books, out_dir, period, branch=None, person=None) -> Pack`` — it reads the
books, writes its workbook into ``out_dir`` and returns the pack (title, period, xlsx path, HTML
summary with ``cid:`` images, the images). ``branch``/``person`` narrow the pack to one branch
manager's branch or one collector's own contracts. ``granularity`` says whether the job's period
is a day (``2026-10-31``) or a month (``2026-10``); the sent log is keyed by that period.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol


class PackLike(Protocol):
    """The shape of :class:`dealer_xl.documents.packs.Pack` that delivery relies on."""

    kind: str
    title: str
    period: str
    xlsx: Path
    html: str
    images: Mapping[str, bytes]


BuildFn = Callable[..., PackLike]


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


@register_producer("daily_sales", "销售日报（当日销售明细与汇总，可按分公司/业务员）", "day")
def daily_sales(books: Path, out_dir: Path, period: date, branch: str | None = None,
                person: str | None = None) -> PackLike:
    from ..documents.packs import build_pack

    return build_pack("daily", books, out_dir, day=period, branch=branch, person=person)


@register_producer("sales_pack", "月度销售报表包（可按分公司）", "month")
def sales_pack(books: Path, out_dir: Path, period: date, branch: str | None = None,
               person: str | None = None) -> PackLike:
    from ..documents.packs import build_pack

    return build_pack("sales", books, out_dir, month=period.strftime("%Y-%m"), branch=branch, person=person)


@register_producer("receivables_pack", "月度应收款报表包（应收/逾期/陈欠，可按分公司/催收人）", "month")
def receivables_pack(books: Path, out_dir: Path, period: date, branch: str | None = None,
                     person: str | None = None) -> PackLike:
    from ..documents.packs import build_pack

    return build_pack("receivables", books, out_dir, month=period.strftime("%Y-%m"), branch=branch,
                      person=person)
