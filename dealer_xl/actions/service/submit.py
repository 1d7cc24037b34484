"""Action ``service claims submit``: mark claims sent to the maker — 索赔状态 已提交 and 提交日期.

Guarantees: only a claim 待提交 (or without a status) is marked; one already submitted, settled or
unknown is listed with the reason and left alone; input gate — a claim whose amounts or maker
validation calls an 错误 (索赔单号, 工单号, 厂家, the three fees and 索赔合计) is refused, named with
book, sheet, cell and reason, since the maker would receive a wrong claim; the submit date (the
as-of date) must not be in a closed month; ``write`` sets only 索赔状态 and 提交日期 of those rows, in
one safe write of 售后服务台账 (lock check, backup, atomic replace). Without ``write`` nothing changes.
From the submit date on, the old parts of the claim are due back within the maker's 旧件返厂时限.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...documents.sources import contract_key
from ...io.append import set_fields
from ...io.writer import editing
from ...ledger import load
from ...ledger.period import refuse_if_closed
from ...problems import BookError, Problem
from ..gate import Uses, gate, refusal_line
from ..result import Refusing

OPEN = (None, "待提交")
USES = (Uses("service", "claims", ("claim_no", "wo_no", "manufacturer", "claim_labor", "claim_parts", "claim_travel",
                                   "claim_total", "status"), "claim_no"),)


@dataclass(frozen=True)
class SubmitResult(Refusing):
    """What ``service claims submit`` did.

    Attributes:
        day: the submit date.
        submitted: 索赔单号 marked (or to mark without ``write``).
        skipped: (索赔单号, why) of the claims left alone.
        refused: 索赔单号 → the 错误 that stop it.
        written: True when the book was changed.
    """

    day: date
    submitted: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...] = ()
    refused: dict[str, tuple[Problem, ...]] = field(default_factory=dict)
    written: bool = False

    def records(self) -> list[dict[str, Any]]:
        return ([{"claim_no": no, "status": "已提交", "submit_date": self.day, "written": self.written}
                 for no in self.submitted]
                + [{"claim_no": no, "skipped": why} for no, why in self.skipped]
                + self.refusal_records("claim_no"))

    def summary(self) -> list[str]:
        verb = "已标记" if self.written else "将标记"
        lines = [f"索赔单提交：{verb} {len(self.submitted)} 张为已提交，提交日期 {self.day}"
                 + (f"：{'、'.join(self.submitted)}" if self.submitted else "")
                 + ("（加 --write 写入）" if self.submitted and not self.written else "")]
        lines += [f"  未标记 {no}：{why}" for no, why in self.skipped]
        return lines + [refusal_line("提交", f"索赔单 {no}", list(found), verb="") for no, found in self.refused.items()]


def submit_claims(source: Any, claim_nos: list[str], as_of: date | None = None, *, write: bool = False) -> SubmitResult:
    """Mark ``claim_nos`` 已提交 as of ``as_of`` (see the module docstring)."""
    led = load(source, today=as_of)
    table = led.table("service", "claims")
    if table is None or not led.found("service"):
        raise BookError("售后服务台账中没有「索赔单」工作表，无法提交索赔")
    for needed in ("status", "submit_date"):
        if needed not in table.columns:
            raise BookError(f"「索赔单」缺少「{table.spec.column(needed).header}」列，无法标记提交")
    g = gate(led, USES)
    index = led.index("service", "claims", "claim_no")
    chosen, skipped, refused = [], [], {}
    for no in dict.fromkeys(contract_key(n) for n in claim_nos):
        if no not in index:
            skipped.append((no, "「索赔单」中没有此索赔单号"))
            continue
        row = table.rows[index[no][0]]
        if row.get("status") not in OPEN:
            skipped.append((no, f"索赔状态为{row['status']}，只有待提交的索赔单可以标记为已提交"))
            continue
        found = g.refused(no)
        if found:
            refused[no] = tuple(found)
            continue
        chosen.append(no)
    if write and chosen:
        with editing(led.path("service")) as workbook:
            for i, values in submit_updates(led, chosen):
                set_fields(workbook[table.sheet_name], table, i, values)
    return SubmitResult(led.today, tuple(chosen), tuple(skipped), refused, write and bool(chosen))


def submit_updates(led, claim_nos: list[str]) -> list[tuple[int, dict]]:
    """(索赔单 row index, 索赔状态 已提交 and 提交日期) of ``claim_nos``, after refusing a closed month."""
    refuse_if_closed(led.params, [led.today], "标记索赔单已提交")
    index = led.index("service", "claims", "claim_no")
    return [(index[no][0], {"status": "已提交", "submit_date": led.today}) for no in claim_nos]
