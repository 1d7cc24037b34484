"""Action ``service settle``: match a manufacturer's settlement statement with 索赔单, then apply it.

Guarantees:

- the statement is read tolerantly (:mod:`dealer_xl.io.settlement_statement`); its maker is the one
  most of its known claim numbers belong to; every statement line and every claim of that maker
  that is 已提交/已批准, or 部分批准 without a 结算月份 yet, is classified (:func:`dealer_xl.domain.settlement.match_statement`,
  tolerance 参数 claim_tolerance) against what we claimed: 索赔工时费 + 索赔配件费 + 索赔外出费 (the
  typed 索赔合计 only when the three are blank); a typed 索赔合计 that differs is reported as our
  error, never as the maker's short or over payment;
- input gate: a claim whose cells it is judged from (索赔单号, 厂家, 索赔状态, the three fees — or 索赔合计
  when they are blank — and 结算月份) validation calls an 错误 is ``refused``: listed with book, sheet,
  cell and reason, compared with nothing, never written; the others are classified;
- the workbook ``报表/厂家结算核对_<厂家>_<月份>.xlsx`` has the lines, the totals per category and
  the check line (Σ statement = Σ of the classified statement lines);
- :func:`apply_settlement` writes only 批准金额, 索赔状态 (已结算 for matched/over-paid, 部分批准 for
  short-paid, 驳回 with 批准金额 0 for rejected), 结算月份, 厂家结算单号 and — for a short-paid or
  rejected claim — the maker's 扣款/驳回原因 (驳回原因 column) of those rows, nothing else, and appends
  to 厂家往来 one 索赔结算 row per credit note not booked yet (金额 = the approved amounts of the note's
  settled claims, what validation checks), after refusing a closed month, through the safe writer
  (backup, atomic replace), both books as one change (all or none, :mod:`dealer_xl.io.journal`);
  a statement without 结算月份 or 结算单号 is refused before anything is written.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ...domain.money import ZERO
from ...domain.settlement import (
    CATEGORIES,
    MATCHED,
    NOT_IN_STATEMENT,
    OVER,
    PAID,
    REFUSED,
    REJECTED,
    SHORT,
    SettlementRow,
    statement_check,
    totals_by_category,
)
from ...io.append import append_rows, set_fields
from ...io.journal import transaction
from ...io.report_writer import MONEY
from ...io.settlement_statement import Statement, read_statement
from ...io.writer import editing
from ...ledger import Ledger, load
from ...ledger.period import refuse_if_closed
from ...problems import BookError, Problem
from ...schema import labels
from ..book_rows import sheet_for_rows
from ..gate import Uses, gate, problem_record, refusal_line
from ..result import Refusing
from .common import write_workbook

OPEN = ("已提交", "已批准", "部分批准")
NEW_STATUS = {MATCHED: "已结算", OVER: "已结算", SHORT: "部分批准", REJECTED: "驳回"}
CATEGORY_LABELS = {"matched": "相符", "short_paid": "少付", "over_paid": "多付", "rejected": "驳回",
                   "not_in_statement": "结算单未列", "unknown_claim": "非我方索赔", "duplicate": "重复",
                   "refused": "台账错误未核对"}
TYPED = "索赔合计（我方录入）"
HEADERS = (labels.CLAIM_NO, "分类", "索赔金额", "结算金额", "差额", labels.REASON, "结算单行", TYPED)
MONEY_FORMATS = {h: MONEY for h in ("索赔金额", "结算金额", "差额", "结算金额合计", "索赔金额合计", TYPED)}
FEES = ("claim_labor", "claim_parts", "claim_travel")
JUDGED = ("claim_no", "manufacturer", "status", *FEES, "settle_month")
USES = (Uses("service", "claims", (*JUDGED, "claim_total")),)


@dataclass(frozen=True)
class SettleResult(Refusing):
    """What ``service settle`` found (and applied).

    Attributes:
        statement: the statement as read.
        manufacturer: the maker it was matched against ('' when none of its claims is ours).
        rows: the classified lines and claims.
        applied: how many 索赔单 rows were updated (0 without ``--apply``).
        workbook: the workbook written, None when not written.
        refused: 索赔单号 → the 错误 that stop it (the refused claims among the rows).
        ledger_rows: 厂家往来 索赔结算 rows written with the claims.
    """

    statement: Statement
    manufacturer: str
    rows: list[SettlementRow]
    applied: int = 0
    workbook: Path | None = None
    refused: dict[str, tuple[Problem, ...]] = field(default_factory=dict)
    ledger_rows: int = 0

    def records(self) -> list[dict[str, Any]]:
        out = []
        for r in self.rows:
            record = {"claim_no": r.claim_no, "category": r.category, "claimed": r.claimed, "settled": r.settled,
                      "difference": r.difference, "reason": r.reason, "typed_total": r.typed}
            if r.category == REFUSED:
                record["problems"] = [problem_record(p) for p in self.refused.get(r.claim_no, ())]
            out.append(record)
        return out

    def summary(self) -> list[str]:
        totals = totals_by_category(self.rows)
        on_statement, classified = statement_check(self.statement.lines, self.rows)
        parts = "，".join(f"{CATEGORY_LABELS[c]} {totals[c][0]}" for c in CATEGORIES if totals[c][0])
        lines = [f"厂家结算核对（{self.manufacturer or '未识别厂家'}，{self.statement.path.name}）：结算单 "
                 f"{len(self.statement.lines)} 行，合计 {on_statement:,.2f} 元；{parts or '无'}",
                 f"核对：结算单合计 {on_statement:,.2f} = 分类合计 {classified:,.2f}"
                 f"{'' if on_statement == classified else '（不相等，请检查）'}"]
        ours = [r for r in self.rows if r.typed is not None]
        if ours:
            lines.append(f"我方索赔合计录入错误 {len(ours)} 张（按工时费 + 配件费 + 外出费核对，请更正索赔合计）："
                         + "、".join(r.claim_no for r in ours[:10]))
        lines += [r.reason for r in self.rows if r.category == REFUSED]
        if self.applied:
            lines.append(f"已写入「索赔单」{self.applied} 行（批准金额、索赔状态、结算月份、厂家结算单号，扣款或驳回原因）")
        if self.ledger_rows:
            lines.append(f"已写入「厂家往来」索赔结算 {self.ledger_rows} 行")
        return lines + ([f"明细：{self.workbook}"] if self.workbook else [])


def claimed_amount(row: dict) -> tuple[Decimal, tuple[str, ...]]:
    """(what a 索赔单 row claims, the fields it is judged from): the three fees (blank = 0), or the
    typed 索赔合计 when all three are blank."""
    if any(row[f] is not None for f in FEES):
        return sum((row[f] or ZERO for f in FEES), ZERO), JUDGED
    return row["claim_total"] if row["claim_total"] is not None else ZERO, (*JUDGED, "claim_total")


def match(led: Ledger, statement: Statement) -> tuple[str, list[SettlementRow], dict[str, tuple[Problem, ...]]]:
    """The statement's maker, its classified rows and the refused claims among them."""
    from ...domain.settlement import match_statement

    claims = led.by_key("service", "claims", "claim_no")
    makers = Counter(claims[line.claim_no]["manufacturer"] for line in statement.lines
                     if line.claim_no in claims and claims[line.claim_no]["manufacturer"])
    maker = makers.most_common(1)[0][0] if makers else ""
    open_claims = [no for no, row in claims.items() if maker and row["manufacturer"] == maker and row["status"] in OPEN
                   and not (row["status"] == "部分批准" and row["settle_month"])]
    judged = {line.claim_no for line in statement.lines if line.claim_no in claims} | set(open_claims)
    g = gate(led, USES)
    claimed, typed, refused = {}, {}, {}
    for no, row in claims.items():
        claimed[no], fields = claimed_amount(row)
        typed[no] = row["claim_total"]
        found = g.on(*led.all("service", "claims", "claim_no", no), fields=fields) if no in judged else []
        if found:
            refused[no] = tuple(found)
    rows = match_statement(statement.lines, claimed, open_claims, led.decimal("claim_tolerance"), typed=typed,
                           refused={no: refusal_line("核对", f"索赔单 {no}", found) for no, found in refused.items()})
    return maker, rows, refused


def settlement_updates(led: Ledger, statement: Statement, rows: list[SettlementRow]) -> list[tuple[int, dict]]:
    """(索赔单 row index, field → value) of the settled rows, after refusing a closed month."""
    updates = []
    index = led.index("service", "claims", "claim_no")
    maker_reasons = {line.row: line.reason for line in statement.lines}
    for r in rows:
        if r.category not in (*PAID, REJECTED):
            continue
        note, month = statement.line_notes.get(r.row or 0, ("", ""))
        note, month = note or statement.credit_note_no, month or statement.settle_month
        if not note or not month:
            missing = "结算单号" if not note else labels.SETTLE_MONTH
            raise BookError(f"结算单 {statement.path.name} 中找不到{missing}（应为一列，或标题行中写明"
                            f"“{missing}：…”），未写入任何结算结果")
        approved = ZERO if r.category == REJECTED else r.settled
        values = {"approved_amount": approved, "status": NEW_STATUS[r.category], "settle_month": month,
                  "credit_note_no": note}
        why = maker_reasons.get(r.row or 0, "")
        if r.category == REJECTED:
            values["reject_reason"] = why
        elif r.category == SHORT:
            values["reject_reason"] = f"扣款 {-r.difference:,.2f} 元：{why or '厂家未注明原因'}"
        updates.append((index[r.claim_no][0], values))
    refuse_if_closed(led.params, {u["settle_month"] for _, u in updates}, "写入厂家结算结果")
    return updates


def ledger_entries(led: Ledger, maker: str, updates: list[tuple[int, dict]], day: date) -> list[dict]:
    """The 厂家往来 索赔结算 rows the settled claims call for: one per 厂家结算单号 without such a row yet,
    its 金额 the approved amounts of every settled claim (已结算/部分批准) on that note once the
    updates are written — what validation's settlement rule checks — dated ``day``."""
    rows = led.rows("service", "claims")
    updated = {i: values for i, values in updates}
    have = {r.get("doc_no") for r in led.rows("sales", "manufacturer_ledger") if r.get("doc_type") == "索赔结算"}
    totals: dict[str, list] = {}
    for i, row in enumerate(rows):
        row = {**row, **updated.get(i, {})}
        note = row.get("credit_note_no")
        if note and row.get("status") in ("已结算", "部分批准") and row.get("approved_amount") is not None:
            totals.setdefault(note, [ZERO, 0])
            totals[note][0] += row["approved_amount"]
            totals[note][1] += 1
    notes = dict.fromkeys(v["credit_note_no"] for v in updated.values())
    return [{"entry_date": day, "manufacturer": maker, "doc_type": "索赔结算", "doc_no": note, "amount": totals[note][0],
             "note": f"索赔结算 {totals[note][1]} 张（dealer_xl 按厂家结算单写入）"}
            for note in notes if note in totals and note not in have and totals[note][0] > 0]


def apply_settlement(led: Ledger, statement: Statement, rows: list[SettlementRow], maker: str = "") -> tuple[int, int]:
    """Write the settled rows into 索赔单 and their 索赔结算 rows into 厂家往来 (one change of both books,
    :func:`dealer_xl.io.journal.transaction`; see the module docstring); returns (claims, 厂家往来 rows)."""
    updates = settlement_updates(led, statement, rows)
    table = led.table("service", "claims")
    entries = ledger_entries(led, maker, updates, led.today) if maker and led.found("sales") else []
    if updates:
        books = [led.path("service")] + ([led.path("sales")] if entries else [])
        with transaction(led.books_dir, books, "写入厂家结算结果"):
            with editing(led.path("service")) as workbook:
                ws = workbook[table.sheet_name]
                for i, values in updates:
                    set_fields(ws, table, i, values)
            if entries:
                with editing(led.path("sales")) as workbook:
                    append_rows(*sheet_for_rows(workbook, led, "sales", "manufacturer_ledger"), entries)
    return len(updates), len(entries)


def _cells(rows: list[SettlementRow]) -> list[list]:
    return [[r.claim_no, CATEGORY_LABELS[r.category], r.claimed, r.settled, r.difference, r.reason, r.row, r.typed]
            for r in rows]


def _totals(statement: Statement, rows: list[SettlementRow]) -> list[list]:
    totals = totals_by_category(rows)
    out = [[CATEGORY_LABELS[c], n, claimed, settled] for c, (n, claimed, settled) in totals.items()]
    on_statement, classified = statement_check(statement.lines, rows)
    out.append(["核对：结算单合计", len(statement.lines), None, on_statement])
    out.append(["核对：分类合计（不含结算单未列）", sum(1 for r in rows if r.category != NOT_IN_STATEMENT), None, classified])
    return out


def service_settle(source: Any, statement_path: Path | str, as_of: date | None = None, *, apply: bool = False,
                   workbook: bool = True) -> SettleResult:
    """Match (and with ``apply`` write back) the statement at ``statement_path``."""
    led = load(source, today=as_of)
    statement = read_statement(statement_path)
    maker, rows, refused = match(led, statement)
    path = None
    if workbook:
        period = statement.settle_month or led.today.isoformat()
        path = write_workbook(led.books_dir, f"厂家结算核对_{maker or '未识别'}_{period}.xlsx", [
            ("核对明细", HEADERS, _cells(rows), MONEY_FORMATS),
            ("分类汇总", ("分类", "行数", "索赔金额合计", "结算金额合计"), _totals(statement, rows), MONEY_FORMATS)])
    applied, entries = apply_settlement(led, statement, rows, maker) if apply else (0, 0)
    return SettleResult(statement, maker, rows, applied, path, refused, entries)
