"""Names a user may narrow a report to, checked against the Ledger before anything is produced.

:func:`check_scope` raises :class:`~dealer_xl.problems.BadOption` (one Chinese line, exit 2) for a
分公司 no book mentions, or a person (name or 工号) who is not in 员工, listing the valid names —
instead of producing an empty pack or no letters.
"""

from __future__ import annotations

from ..problems import BadOption
from .model import Ledger

SHOWN = 40
_BRANCH_COLUMNS = (("master", "customers"), ("master", "employees"), ("sales", "stock"), ("sales", "sales"))


def branches(ledger: Ledger) -> list[str]:
    """Every 分公司 named in 客户, 员工, 整机库存 or 销售明细, sorted."""
    return sorted({str(r["branch"]) for b, s in _BRANCH_COLUMNS if ledger.has(b, s, "branch")
                   for r in ledger.rows(b, s) if r.get("branch")})


def people(ledger: Ledger) -> list[str]:
    """Every employee's name, in the order of 员工."""
    return [str(r["name"]) for r in ledger.rows("master", "employees") if r.get("name")]


def _listing(names: list[str]) -> str:
    shown = "、".join(names[:SHOWN])
    return shown + (f" 等 {len(names)} 个" if len(names) > SHOWN else "") if names else "（台账中没有）"


def check_scope(ledger: Ledger, *, branch: str | None = None, person: str | None = None,
                what: str = "人员") -> None:
    """BadOption when ``branch`` or ``person`` (name or 工号) is unknown to the books."""
    if branch:
        known = branches(ledger)
        if branch not in known:
            raise BadOption(f"未知的分公司「{branch}」；可选：{_listing(known)}")
    if person and ledger.employee(person) is None:
        raise BadOption(f"未知的{what}「{person}」（按姓名或工号查找员工）；可选：{_listing(people(ledger))}")
