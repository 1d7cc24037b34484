"""Action: reconcile the account with a manufacturer against its statement (``reconcile account``).

Reads the books (厂家往来 of the manufacturer) and the statement (对账单, read tolerantly by
:func:`dealer_xl.io.incoming.read_document`), matches them and builds the 余额调节表
(:mod:`dealer_xl.domain.manufacturer_account`), and writes ``报表/厂家对账_<厂家>_<月份>.xlsx``
(余额调节表 and 对账明细). Nothing is written to the books or the statement.

Their balance at month end is the last 余额 of the statement's rows dated up to month end (a
row without a date, such as 期初余额, counts as before all others); without a 余额 column it is
the sum of their rows up to month end. Our entries from ``window`` days before the month to
``window`` days after take part in the matching; only the month's are listed when unmatched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from ... import ledger
from ...documents.packs import REPORTS_DIR
from ...domain.manufacturer_account import (
    ZERO,
    Entry,
    Reconciliation,
    balance,
    match_entries,
    reconcile,
    signed,
)
from ...domain.monthly import month_range
from ...io.incoming import read_document
from ...io.report_writer import write_table
from ...io.writer import save_new
from ...problems import BookError
from ...schema import incoming_finance, labels
from ...schema.labels import ACCOUNT_CATEGORIES, ACCOUNT_DETAIL_HEADERS, SOURCES

WINDOW = 5


@dataclass(frozen=True)
class AccountResult:
    """What ``reconcile account`` produced.

    Attributes:
        manufacturer: 厂家.
        month: 'YYYY-MM'.
        reconciliation: the 余额调节表 and the matching lines.
        workbook: the workbook written.
    """

    manufacturer: str
    month: str
    reconciliation: Reconciliation
    workbook: Path

    def summary(self) -> list[str]:
        """Chinese lines: the equation and the unmatched items."""
        r = self.reconciliation
        counts = {k: sum(1 for line in r.lines if line.category == k and line.entry.source == s)
                  for k, s in (("matched", "ours"), ("amount_differs", "ours"), ("only_ours", "ours"),
                               ("only_theirs", "theirs"))}
        holds = "相符" if r.holds else f"不相符，差额 {r.difference:,.2f} 元"
        lines = [f"与{self.manufacturer}对账（{self.month}，截至 {r.month_end}）：",
                 f"  我方账面余额 {r.our_balance:,.2f} + 厂家已记我方未记 {r.only_theirs_total:,.2f} "
                 f"= {r.adjusted_ours:,.2f}",
                 f"  厂家对账单余额 {r.their_balance:,.2f} + 我方已记厂家未记 {r.only_ours_total:,.2f} "
                 f"= {r.adjusted_theirs:,.2f}",
                 f"  余额调节表{holds}",
                 f"  已核对 {counts['matched']} 笔，金额不符 {counts['amount_differs']} 笔，"
                 f"我方已记厂家未记 {counts['only_ours']} 笔，厂家已记我方未记 {counts['only_theirs']} 笔"]
        for line in r.lines:
            p = line.partner
            if p is not None and (line.entry.date > r.month_end) != (p.date > r.month_end) \
                    and line.entry.source == "ours":
                lines.append(f"  [跨月入账] 我方 {line.entry.date} {line.entry.doc_no} {line.entry.type} "
                             f"{line.entry.amount:,.2f}，厂家 {p.date} 入账（{p.doc_no}）")
        if not r.holds and r.differs_total:
            rest = "，其余差额未能解释" if r.unexplained else ""
            lines.append(f"  其中金额不符的单据合计差 {r.differs_total:,.2f} 元{rest}")
        for line in r.lines:
            if line.category != "matched" and not (line.category == "amount_differs" and line.entry.source == "ours"):
                e = line.entry
                other = f"（我方 {line.partner.amount:,.2f}）" if line.category == "amount_differs" else ""
                lines.append(f"  [{ACCOUNT_CATEGORIES[line.category]}] {e.date} {e.doc_no or '（无单号）'} "
                             f"{e.type} {e.amount:,.2f}{other}")
        lines.append(f"  对账表：{self.workbook}")
        return lines

    @property
    def problems(self) -> list:
        """Data problems found on the way (none: what was left out is named in the summary)."""
        return []

    def records(self) -> list[dict]:
        """The JSON objects (:meth:`json_rows`)."""
        return self.json_rows()

    def json_rows(self) -> list[dict]:
        """The rows for ``--format json`` (keys as the issue names them) and the two balances."""
        r = self.reconciliation
        rows = [{"source": line.entry.source, "date": line.entry.date.isoformat(), "doc_no": line.entry.doc_no,
                 "type": line.entry.type, "amount": line.entry.amount, "category": line.category,
                 "counterpart_doc_no": line.partner.doc_no if line.partner else ""} for line in r.lines]
        for source, value in (("ours", r.our_balance), ("theirs", r.their_balance)):
            rows.append({"source": source, "date": r.month_end.isoformat(), "doc_no": "", "type": "月末余额",
                         "amount": value, "category": "balance", "counterpart_doc_no": ""})
        return rows


def reconcile_account(folder: Path | str, manufacturer: str, statement: Path | str, month: str) -> AccountResult:
    """Match our 厂家往来 with the statement and write the 余额调节表 (see the module docstring)."""
    first, last = month_range(month)
    month = f"{first:%Y-%m}"
    led = ledger.load(folder, today=last)
    known = [r["manufacturer"] for r in led.rows("master", "manufacturers") if r["manufacturer"]]
    if known and manufacturer not in known:
        raise BookError(f"主数据「厂家」中没有「{manufacturer}」；可选：{'、'.join(known)}")
    if led.table("sales", "manufacturer_ledger") is None:
        raise BookError("销售台账.xlsx 中没有「厂家往来」工作表，无法对账")
    ours_all = [Entry("ours", r["entry_date"], r["doc_no"] or "", r["doc_type"], signed(r["doc_type"], r["amount"]), n)
                for r, n in zip(led.rows("sales", "manufacturer_ledger"),
                                led.table("sales", "manufacturer_ledger").row_numbers, strict=True)
                if r["manufacturer"] == manufacturer and isinstance(r["entry_date"], date)
                and r["amount"] is not None and r["doc_type"]]
    low, high = first - timedelta(days=WINDOW), last + timedelta(days=WINDOW)
    ours = [e for e in ours_all if low <= e.date <= high]
    theirs, their_balance = read_statement(statement, last)
    lines = match_entries(ours, theirs, last, WINDOW, month_start=first)
    result = reconcile(balance(ours_all, last), their_balance, lines, last)
    path = write_workbook(led.books_dir / REPORTS_DIR / f"厂家对账_{manufacturer}_{month}.xlsx", manufacturer, result)
    return AccountResult(manufacturer, month, result, path)


def read_statement(path: Path | str, month_end: date) -> tuple[list[Entry], Decimal]:
    """The statement's entries and its balance at ``month_end`` (see the module docstring)."""
    table = read_document(path, incoming_finance.statement)
    entries: list[Entry] = []
    last_balance: Decimal | None = None
    for row, n in zip(table.rows, table.row_numbers, strict=True):
        day = row["entry_date"]
        if day is not None and day > month_end:
            if row["debit"] or row["credit"]:
                entries.append(_entry(row, n))
            continue
        if row["balance"] is not None:
            last_balance = row["balance"]
        if day is not None and (row["debit"] or row["credit"]):
            entries.append(_entry(row, n))
    if last_balance is None:
        last_balance = balance(entries, month_end)
    return entries, last_balance


def _entry(row: dict, n: int) -> Entry:
    amount = (row["debit"] or ZERO) - (row["credit"] or ZERO)
    return Entry("theirs", row["entry_date"], row["doc_no"] or "", row["summary"] or "", amount, n)


def write_workbook(path: Path, manufacturer: str, r: Reconciliation) -> Path:
    """``报表/厂家对账_<厂家>_<月份>.xlsx``: the 余额调节表 and every matching line."""
    wb = Workbook()
    ws = wb.active
    ws.title = "余额调节表"
    rows = [["我方账面余额", r.our_balance, "厂家对账单余额", r.their_balance],
            ["加：厂家已记我方未记", r.only_theirs_total, "加：我方已记厂家未记", r.only_ours_total],
            ["调整后余额", r.adjusted_ours, "调整后余额", r.adjusted_theirs],
            ["是否相符", "相符" if r.holds else "不相符", "差额（厂家 − 我方）", r.difference],
            ["金额不符单据差额合计", r.differs_total, "未能解释的差额", r.unexplained]]
    write_table(ws, (f"我方（截至 {r.month_end}）", labels.AMOUNT, f"{manufacturer}对账单", labels.AMOUNT), rows,
                {labels.AMOUNT: "#,##0.00"}, autofilter=False)
    for row in ws.iter_rows(min_row=2, min_col=4, max_col=4):
        for cell in row:
            cell.number_format = "#,##0.00"
    for col, width in zip("ABCD", (26, 18, 26, 18), strict=True):
        ws.column_dimensions[col].width = width
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    detail = wb.create_sheet("对账明细")
    write_table(detail, ACCOUNT_DETAIL_HEADERS,
                [[SOURCES[line.entry.source], line.entry.date, line.entry.doc_no, line.entry.type,
                  line.entry.amount, ACCOUNT_CATEGORIES[line.category],
                  line.partner.doc_no if line.partner else "", line.partner.date if line.partner else None,
                  line.partner.amount if line.partner else None] for line in r.lines],
                {labels.AMOUNT: "#,##0.00", "对方金额": "#,##0.00", labels.DATE: "yyyy-mm-dd", "对方日期": "yyyy-mm-dd"})
    return save_new(wb, path)
