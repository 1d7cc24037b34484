"""Matching a manufacturer's settlement statement (结算单) with our claims (DOMAIN §4).

What we claimed is labour + parts + travel of the claim (recomputed by the caller), not the 索赔合计
we typed: a typed total that differs is our own error, reported on the row (``typed``) and never
taken for the maker's short or over payment. Every statement line and every open claim of the
maker lands in exactly one category:

- ``matched``: on the statement once, |settled − claimed| ≤ tolerance;
- ``short_paid`` / ``over_paid``: on the statement once, settled below / above claimed by more;
- ``rejected``: settled 0 (or blank) with a reason;
- ``not_in_statement``: an open claim of ours (已提交/已批准/部分批准) the statement does not name;
- ``unknown_claim``: a statement line whose 索赔单号 is none of ours;
- ``duplicate``: the second and later lines naming the same claim;
- ``refused``: a claim the caller refuses (validation calls a cell it is judged from an 错误): no
  amount of ours is compared, and nothing is written for it.

The check: Σ settled of the statement = Σ settled of matched/short/over (+ rejected, which are 0)
+ Σ unknown + Σ duplicate — :func:`statement_check` returns both sides. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from .money import ZERO

MATCHED, SHORT, OVER, REJECTED = "matched", "short_paid", "over_paid", "rejected"
NOT_IN_STATEMENT, UNKNOWN, DUPLICATE, REFUSED = "not_in_statement", "unknown_claim", "duplicate", "refused"
CATEGORIES = (MATCHED, SHORT, OVER, REJECTED, NOT_IN_STATEMENT, UNKNOWN, DUPLICATE, REFUSED)
PAID = (MATCHED, SHORT, OVER)


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One row of the maker's statement.

    Attributes:
        claim_no: the dealer's 索赔单号 as the maker typed it.
        settled: 结算金额 (None when blank).
        reason: 驳回原因 / 扣款原因 ('' when none).
        row: the Excel row it came from.
    """

    claim_no: str
    settled: Decimal | None
    reason: str
    row: int


@dataclass(frozen=True, slots=True)
class SettlementRow:
    """One claim or statement line, classified.

    Attributes:
        claim_no: 索赔单号.
        category: one of :data:`CATEGORIES`.
        claimed: what we claimed, labour + parts + travel (None for an unknown or refused claim).
        settled: the statement's amount (None for a claim not on it).
        difference: settled − claimed (None when either is missing).
        reason: the statement's reason, or ours.
        row: the statement's Excel row (None for a claim not on it).
        typed: our typed 索赔合计 when it differs from ``claimed`` (our error), else None.
    """

    claim_no: str
    category: str
    claimed: Decimal | None
    settled: Decimal | None
    difference: Decimal | None
    reason: str
    row: int | None = None
    typed: Decimal | None = None


def typed_note(typed: Decimal, claimed: Decimal) -> str:
    """Our typing error, in Chinese: the typed 索赔合计 against labour + parts + travel."""
    return (f"我方索赔合计录为 {typed:,.2f}，工时费 + 配件费 + 外出费为 {claimed:,.2f}（差 {typed - claimed:,.2f}，"
            "是我方录入错误，请更正索赔合计）")


def match_statement(lines: Iterable[StatementLine], claimed: Mapping[str, Decimal],
                    open_claims: Iterable[str], tolerance: Decimal, *,
                    typed: Mapping[str, Decimal | None] | None = None,
                    refused: Mapping[str, str] | None = None) -> list[SettlementRow]:
    """Classify ``lines`` against our claims: ``claimed`` is labour + parts + travel by 索赔单号 for
    every claim of ours (any status), ``open_claims`` those still waiting for the maker, ``typed``
    our typed 索赔合计 (a difference is reported as ours), ``refused`` the claims not to be judged
    (索赔单号 → why)."""
    typed, refused = typed or {}, refused or {}
    out: list[SettlementRow] = []
    seen: set[str] = set()

    def ours_typed(no: str) -> tuple[str, Decimal | None]:
        total, ours = typed.get(no), claimed.get(no)
        if total is None or ours is None or total == ours:
            return "", None
        return typed_note(total, ours), total

    for line in lines:
        settled = line.settled if line.settled is not None else ZERO
        if line.claim_no in seen:
            ours = None if line.claim_no in refused else claimed.get(line.claim_no)
            out.append(SettlementRow(line.claim_no, DUPLICATE, ours, settled, None,
                                     line.reason or "结算单中重复出现", line.row))
            continue
        seen.add(line.claim_no)
        if line.claim_no in refused:
            out.append(SettlementRow(line.claim_no, REFUSED, None, settled, None, refused[line.claim_no], line.row))
            continue
        ours = claimed.get(line.claim_no)
        if ours is None:
            out.append(SettlementRow(line.claim_no, UNKNOWN, None, settled, None,
                                     line.reason or "我方没有此索赔单", line.row))
            continue
        diff = settled - ours
        if settled == ZERO and line.reason:
            category = REJECTED
        elif abs(diff) <= tolerance:
            category = MATCHED
        else:
            category = SHORT if diff < 0 else OVER
        note, total = ours_typed(line.claim_no)
        reason = "；".join(r for r in (line.reason, note) if r)
        out.append(SettlementRow(line.claim_no, category, ours, settled, diff, reason, line.row, total))
    for no in open_claims:
        if no in seen:
            continue
        if no in refused:
            out.append(SettlementRow(no, REFUSED, None, None, None, refused[no]))
            continue
        note, total = ours_typed(no)
        out.append(SettlementRow(no, NOT_IN_STATEMENT, claimed.get(no), None, None,
                                 "；".join(r for r in ("结算单未列此索赔单", note) if r), None, total))
    return out


def statement_check(lines: Iterable[StatementLine], rows: Iterable[SettlementRow]) -> tuple[Decimal, Decimal]:
    """(Σ settled on the statement, Σ settled of the classified statement lines) — equal when complete."""
    statement = sum((line.settled or ZERO for line in lines), ZERO)
    classified = sum((r.settled for r in rows if r.settled is not None and r.category != NOT_IN_STATEMENT), ZERO)
    return statement, classified


def totals_by_category(rows: Iterable[SettlementRow]) -> dict[str, tuple[int, Decimal, Decimal]]:
    """Category → (count, Σ claimed, Σ settled), every category present."""
    out = {c: (0, ZERO, ZERO) for c in CATEGORIES}
    for r in rows:
        n, claimed, settled = out[r.category]
        out[r.category] = (n + 1, claimed + (r.claimed or ZERO), settled + (r.settled or ZERO))
    return out
