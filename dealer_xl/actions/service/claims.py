"""Actions ``service claims`` (draft claims from 三包 work orders) and ``--write`` (append them).

Guarantees:

- every 三包 work order that is 已完工 or 已结算 and has no row in 索赔单 gets a
  :class:`~dealer_xl.domain.claims.ClaimDraft` (eligible with amounts, or the reason it is not);
  the machine's sale is its latest sale on or before the order was opened (a resale restarts 三包);
  the claim is at the manufacturer's labour rate, and a sub-dealer's job shows what we pay the
  sub-dealer at its own rate and the margin (DOMAIN §4);
- input gate: a work order is refused — no amounts, listed with book, sheet, cell and reason — when
  validation calls an 错误 any cell its draft is computed from (:data:`USES`: the order, the
  machine's sale, the model's warranty terms, the maker's rates, the parts and their claim prices,
  the sub-dealer's rate); the others are drafted; refused orders are never written;
- :func:`write_claims` refuses a closed period (the write date), then appends the eligible drafts to
  索赔单 with status 待提交 and new numbers (参数 claim_no_prefix + year + sequence, never reused), and
  to 旧件返厂 a 待返 row per 三包 part of the order that must go back to the maker (配件 需返厂 = 是), in
  one write through the safe writer (lock check, backup, atomic replace, text as text); when nothing
  is to be added the book is not opened; a second run adds nothing;
- the preview workbook ``报表/索赔单草稿_<日期>.xlsx`` lists every draft.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ...domain.claims import ClaimDraft, next_claim_numbers
from ...io.append import append_rows
from ...io.report_writer import MONEY
from ...io.writer import editing
from ...jsonout import fen
from ...ledger import Ledger
from ...ledger.period import refuse_if_closed
from ...ledger.service import claim_inputs, sale_of  # noqa: F401  (part of this module's API)
from ...problems import BookError, Problem
from ...schema import labels
from ..book_rows import sheet_for_rows
from ..gate import Uses, gate, problem_record, refusal_line
from ..result import Refusing
from .common import write_workbook

DEALER_LABOR, MARGIN = "付经销商工时费", "工时差额（我方）"
HEADERS = (labels.WO_NO, labels.SERIAL_NO, labels.MANUFACTURER, labels.CLAIM_LABOR, labels.CLAIM_PARTS,
           labels.CLAIM_TRAVEL, labels.CLAIM_TOTAL, labels.header("service", "work_orders", "sub_dealer_id"),
           DEALER_LABOR, MARGIN, "可索赔", labels.REASON)
FORMATS = {h: MONEY for h in (labels.CLAIM_LABOR, labels.CLAIM_PARTS, labels.CLAIM_TRAVEL, labels.CLAIM_TOTAL,
                              DEALER_LABOR, MARGIN)}
USES = (Uses("service", "work_orders", ("wo_no", "serial_no", "model_code", "open_date", "hour_meter", "service_type",
                                        "status", "fault_part_no", "labor_hours", "travel_km", "sub_dealer_id")),
        Uses("sales", "sales", ("serial_no", "sale_date", "delivery_date", "model_code")),
        Uses("master", "models", ("model_code", "manufacturer", "warranty_months", "warranty_hours",
                                  "main_parts_months", "main_parts_hours")),
        Uses("master", "manufacturers", ("manufacturer", "labor_rate", "km_rate")),
        Uses("master", "parts", ("part_no", "claim_price", "main_part")),
        Uses("service", "parts_used", ("wo_no", "part_no", "qty", "warranty")),
        Uses("master", "sub_dealers", ("dealer_id", "labor_rate")))


@dataclass(frozen=True)
class ClaimsResult(Refusing):
    """What ``service claims`` found (and wrote).

    Attributes:
        drafts: one per 三包 work order without a claim (a refused one: not eligible, the refusal as reason).
        written: 索赔单号 appended to 索赔单 (empty without ``--write``).
        workbook: the preview workbook, None when not written.
        refused: 工单号 → the 错误 that stop its draft.
        old_parts: 旧件返厂 rows appended with the claims (待返).
    """

    drafts: list[ClaimDraft]
    written: tuple[str, ...] = ()
    workbook: Path | None = None
    refused: dict[str, tuple[Problem, ...]] = field(default_factory=dict)
    old_parts: int = 0

    @property
    def eligible(self) -> list[ClaimDraft]:
        return [d for d in self.drafts if d.eligible]

    def records(self) -> list[dict[str, Any]]:
        out = []
        for d in self.drafts:
            record = {**asdict(d), "labour_fen": fen(d.claim_labor), "dealer_labour_fen": fen(d.dealer_labor),
                      "margin_fen": fen(d.margin), "refused": d.wo_no in self.refused}
            if d.wo_no in self.refused:
                record["problems"] = [problem_record(p) for p in self.refused[d.wo_no]]
            out.append(record)
        return out

    def summary(self) -> list[str]:
        total = sum((d.claim_total for d in self.eligible), 0)
        lines = [f"索赔单草稿：三包工单 {len(self.drafts)} 张待索赔，可索赔 {len(self.eligible)} 张，"
                 f"合计 {total:,.2f} 元（工时按厂家索赔工时单价）；不可索赔 {len(self.drafts) - len(self.eligible)} 张"
                 + (f"，其中 {len(self.refused)} 张因台账错误未计算（见下）" if self.refused else "")]
        dealers = [d for d in self.eligible if d.dealer_labor is not None]
        if dealers:
            claimed, paid = sum((d.claim_labor for d in dealers), 0), sum((d.dealer_labor for d in dealers), 0)
            lines.append(f"二级经销商工单 {len(dealers)} 张：向厂家索赔工时费 {claimed:,.2f} 元，按经销商三包工时单价付经销商 "
                         f"{paid:,.2f} 元，工时差额（我方）{claimed - paid:,.2f} 元")
        lines += [d.reason for d in self.drafts if d.wo_no in self.refused]
        if self.written:
            lines.append(f"已写入「索赔单」{len(self.written)} 张（待提交）：{self.written[0]} 至 {self.written[-1]}"
                         + (f"；「旧件返厂」{self.old_parts} 行（待返）" if self.old_parts else ""))
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


def old_part_records(led: Ledger, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The 旧件返厂 rows (status 待返) the new claims need: one per 配件明细 row of the claim's work order
    that is 三包 and whose part is 需返厂 — so the claim passes validation's old-part rule at once."""
    out = []
    for record in records:
        for used in led.all("service", "parts_used", "wo_no", record["wo_no"]):
            part = led.first("master", "parts", "part_no", used["part_no"]) if used["part_no"] else None
            if used["warranty"] == "是" and part and part["return_required"] == "是":
                out.append({"claim_no": record["claim_no"], "part_no": used["part_no"], "qty": used["qty"], "status": "待返"})
    return out


def write_claims(led: Ledger, drafts: list[ClaimDraft], day: date) -> tuple[str, ...]:
    """Append the eligible ``drafts`` to 索赔单 and their old parts to 旧件返厂 (one safe write; see the
    module docstring); returns the new numbers."""
    records = claim_records(led, drafts, day)
    if records:
        table, parts = led.table("service", "claims"), old_part_records(led, records)
        with editing(led.path("service")) as workbook:
            append_rows(workbook[table.sheet_name], table, records)
            if parts:
                append_rows(*sheet_for_rows(workbook, led, "service", "old_parts"), parts)
    return tuple(r["claim_no"] for r in records)


def preview_rows(drafts: list[ClaimDraft]) -> list[list]:
    return [[d.wo_no, d.serial_no, d.manufacturer, d.claim_labor, d.claim_parts, d.claim_travel, d.claim_total,
             d.sub_dealer_id, d.dealer_labor, d.margin, "是" if d.eligible else "否", d.reason] for d in drafts]


def draft_claims(led: Ledger) -> tuple[list[ClaimDraft], dict[str, tuple[Problem, ...]]]:
    """(every draft, 工单号 → the 错误 that refused it): the gate applied to each order's inputs."""
    g = gate(led, USES)
    drafts, refused = [], {}
    for inputs in claim_inputs(led):
        found = g.on(*inputs.rows())
        if not found:
            drafts.append(inputs.draft())
            continue
        wo = str(inputs.order["wo_no"])
        refused[wo] = tuple(found)
        drafts.append(ClaimDraft(wo, str(inputs.order["serial_no"] or ""), str((inputs.maker or {}).get("manufacturer")
                                                                               or ""),
                                 None, None, None, None, False, refusal_line("索赔", f"工单 {wo}", found),
                                 str(inputs.order["sub_dealer_id"] or "")))
    return drafts, refused


def service_claims(source: Any, as_of: date | None = None, *, write: bool = False,
                   workbook: bool = True) -> ClaimsResult:
    """Draft (and with ``write`` append) the claims of the books in ``source`` as they were on
    ``as_of`` (work orders opened or completed later do not exist yet; new claim numbers follow
    every number in the book)."""
    from ...ledger import load

    led = load(source, today=as_of)
    view = led.as_of(led.today)
    drafts, refused = draft_claims(view)
    written = write_claims(led.root, drafts, led.today) if write else ()
    parts = old_part_records(view, [{"claim_no": no, "wo_no": d.wo_no}
                                    for no, d in zip(written, [d for d in drafts if d.eligible], strict=False)])
    path = write_workbook(led.books_dir, f"索赔单草稿_{led.today.isoformat()}.xlsx",
                          [("索赔单草稿", HEADERS, preview_rows(drafts), FORMATS)]) if workbook else None
    return ClaimsResult(drafts, written, path, refused, len(parts))
