"""Actions ``service claims`` (draft claims from 三包 work orders) and ``--write`` (append them).

Guarantees:

- every 三包 work order that is 已完工 or 已结算 and has no row in 索赔单 gets a
  :class:`~dealer_xl.domain.claims.ClaimDraft` (eligible with amounts, or the reason it is not);
  the machine's sale is its latest sale on or before the order was opened (a resale restarts 三包);
- :func:`write_claims` refuses a closed period (the write date), then appends the eligible drafts to
  索赔单 with status 待提交 and new numbers (参数 claim_no_prefix + year + sequence, never reused),
  through the safe writer (lock check, backup, atomic replace, text as text); when nothing is to be
  added the book is not opened; a second run adds nothing;
- the preview workbook ``报表/索赔单草稿_<日期>.xlsx`` lists every draft.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ...domain.claims import ClaimDraft, next_claim_numbers
from ...io.append import append_rows
from ...io.report_writer import MONEY
from ...io.writer import editing
from ...ledger import Ledger
from ...ledger.period import refuse_if_closed
from ...ledger.service import draft_claims, sale_of  # noqa: F401  (part of this module's API)
from ...problems import BookError
from ...schema import labels
from .common import write_workbook

HEADERS = (labels.WO_NO, labels.SERIAL_NO, labels.MANUFACTURER, labels.CLAIM_LABOR, labels.CLAIM_PARTS,
           labels.CLAIM_TRAVEL, labels.CLAIM_TOTAL, "可索赔", labels.REASON)
FORMATS = {h: MONEY for h in (labels.CLAIM_LABOR, labels.CLAIM_PARTS, labels.CLAIM_TRAVEL, labels.CLAIM_TOTAL)}


@dataclass(frozen=True)
class ClaimsResult:
    """What ``service claims`` found (and wrote).

    Attributes:
        drafts: one per 三包 work order without a claim.
        written: 索赔单号 appended to 索赔单 (empty without ``--write``).
        workbook: the preview workbook, None when not written.
    """

    drafts: list[ClaimDraft]
    written: tuple[str, ...] = ()
    workbook: Path | None = None

    @property
    def eligible(self) -> list[ClaimDraft]:
        return [d for d in self.drafts if d.eligible]

    def records(self) -> list[dict[str, Any]]:
        return [asdict(d) for d in self.drafts]

    def summary(self) -> list[str]:
        total = sum((d.claim_total for d in self.eligible), 0)
        lines = [f"索赔单草稿：三包工单 {len(self.drafts)} 张待索赔，可索赔 {len(self.eligible)} 张，"
                 f"合计 {total:,.2f} 元；不可索赔 {len(self.drafts) - len(self.eligible)} 张"]
        if self.written:
            lines.append(f"已写入「索赔单」{len(self.written)} 张（待提交）：{self.written[0]} 至 {self.written[-1]}")
        if self.workbook:
            lines.append(f"明细：{self.workbook}")
        return lines


def claim_records(led: Ledger, drafts: list[ClaimDraft], day: date) -> list[dict[str, Any]]:
    """The 索赔单 rows of the eligible ``drafts``, numbered, after refusing a closed period."""
    eligible = [d for d in drafts if d.eligible]
    if not eligible:
        return []
    table = led.table("service", "claims")
    if table is None or not led.found("service"):
        raise BookError("售后服务台账中没有「索赔单」工作表，无法写入索赔单")
    for needed in ("claim_no", "wo_no", "claim_total", "status"):
        if needed not in table.columns:
            raise BookError(f"「索赔单」缺少「{table.spec.column(needed).header}」列，无法写入索赔单")
    refuse_if_closed(led.params, [day], "写入索赔单")
    prefix = str(led.params.get("claim_no_prefix") or "SP").strip()
    numbers = next_claim_numbers([r["claim_no"] for r in table.rows], prefix, day.year, len(eligible))
    return [{"claim_no": no, "wo_no": d.wo_no, "manufacturer": d.manufacturer, "claim_labor": d.claim_labor,
             "claim_parts": d.claim_parts, "claim_travel": d.claim_travel, "claim_total": d.claim_total,
             "status": "待提交"} for no, d in zip(numbers, eligible, strict=True)]


def write_claims(led: Ledger, drafts: list[ClaimDraft], day: date) -> tuple[str, ...]:
    """Append the eligible ``drafts`` to 索赔单 (see the module docstring); returns the new numbers."""
    records = claim_records(led, drafts, day)
    if records:
        table = led.table("service", "claims")
        with editing(led.path("service")) as workbook:
            append_rows(workbook[table.sheet_name], table, records)
    return tuple(r["claim_no"] for r in records)


def preview_rows(drafts: list[ClaimDraft]) -> list[list]:
    return [[d.wo_no, d.serial_no, d.manufacturer, d.claim_labor, d.claim_parts, d.claim_travel, d.claim_total,
             "是" if d.eligible else "否", d.reason] for d in drafts]


def service_claims(source: Any, as_of: date | None = None, *, write: bool = False,
                   workbook: bool = True) -> ClaimsResult:
    """Draft (and with ``write`` append) the claims of the books in ``source`` as they were on
    ``as_of`` (work orders opened or completed later do not exist yet; new claim numbers follow
    every number in the book)."""
    from ...ledger import load

    led = load(source, today=as_of)
    drafts = draft_claims(led.as_of(led.today))
    written = write_claims(led.root, drafts, led.today) if write else ()
    path = write_workbook(led.books_dir, f"索赔单草稿_{led.today.isoformat()}.xlsx",
                          [("索赔单草稿", HEADERS, preview_rows(drafts), FORMATS)]) if workbook else None
    return ClaimsResult(drafts, written, path)
