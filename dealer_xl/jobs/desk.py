"""Producers of the lists that cross departments (issue #29), for scheduled e-mails to their owners.

Each is ``build(books, out_dir, period, branch=None, person=None, shared=None) -> Pack`` like the
others of :mod:`.producers` (the Ledger read once per run, kept in ``shared``), over the pack the
matching action registers — the same workbook the command writes, phones masked:

- ``handover_list`` (day): machines delivered that day, to 售后 by 分公司 (``person``: the salesperson);
- ``first_service_list`` (day): 首保 due or overdue and 销售回访 due, by 分公司 or technician/salesperson;
- ``service_overdue_list`` (day): overdue customers whose machines are in the workshop, to each
  collector (``person``: who chases them) or branch;
- ``complaint_list`` (day): open and late complaints, to each handler or branch;
- ``parts_plan`` (day): the reorder plan, to each warehouse (``branch``: the warehouse of that 分公司).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..documents.packs import Pack, build_pack
from .producers import _ledger, register_producer


def desk_pack(kind: str, books: Path, out_dir: Path, day: date, branch: str | None, person: str | None,
              shared: dict | None) -> Pack:
    """The pack ``kind`` of ``day`` (registered by its action module, which the caller imported)."""
    return build_pack(kind, _ledger(books, shared), out_dir, day=day, branch=branch, person=person)


@register_producer("handover_list", "交车移交售后清单（当日交车的整机，首保到期、三包截止、销售回访日；可按分公司/业务员）", "day")
def handover_list(books: Path, out_dir: Path, period: date, branch: str | None = None,
                  person: str | None = None, shared: dict | None = None) -> Pack:
    from ..actions.sales import handover  # noqa: F401  (registers the pack)

    return desk_pack("handover", books, out_dir, period, branch, person, shared)


@register_producer("first_service_list", "首保与销售回访清单（已超期、7天内到期；可按分公司/技师/业务员）", "day")
def first_service_list(books: Path, out_dir: Path, period: date, branch: str | None = None,
                       person: str | None = None, shared: dict | None = None) -> Pack:
    from ..actions.service import firstservice  # noqa: F401  (registers the pack)

    return desk_pack("first_service", books, out_dir, period, branch, person, shared)


@register_producer("service_overdue_list", "在修欠款客户清单（给催收责任人：其客户的整机正在维修；可按分公司/催收人）", "day")
def service_overdue_list(books: Path, out_dir: Path, period: date, branch: str | None = None,
                         person: str | None = None, shared: dict | None = None) -> Pack:
    from ..actions.service import overdue  # noqa: F401  (registers the pack)

    return desk_pack("service_overdue", books, out_dir, period, branch, person, shared)


@register_producer("complaint_list", "客户投诉清单（超期未结、按责任部门、不满意回访待转投诉；可按分公司/处理人）", "day")
def complaint_list(books: Path, out_dir: Path, period: date, branch: str | None = None,
                   person: str | None = None, shared: dict | None = None) -> Pack:
    from ..actions.service import complaints  # noqa: F401  (registers the pack)

    return desk_pack("complaints", books, out_dir, period, branch, person, shared)


@register_producer("parts_plan", "配件订货计划（按库存、最低/最高库存与近期用量，三包单列；可按仓库即分公司）", "day")
def parts_plan(books: Path, out_dir: Path, period: date, branch: str | None = None,
               person: str | None = None, shared: dict | None = None) -> Pack:
    from ..actions.service import parts  # noqa: F401  (registers the pack)

    return desk_pack("parts_plan", books, out_dir, period, branch, person, shared)
