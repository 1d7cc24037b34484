"""Action ``sales returns``: 退车/换车 — the machine back to stock, the refund checked, the exchange linked.

For every 退换车 row dated up to the as-of date (销售部「退换车手续、交接、入库」):

- the machine brought back (the sold machine of a 退车, the old machine of a 换车) is due back in stock:
  when 整机库存 still says 已售 and no later sale of it exists, ``write`` sets it 在库 and appends a
  退车入库 row (入库日期 = the 退换日期, a new 入库单号 ``RK<YYYYMMDD><nn>``, the branch, the reason); a
  machine already 在库 without a 退车入库 row gets the row only; one sold again after the return is left alone;
- a 换车's new machine is due 已售 (``write`` sets it when 整机库存 says 在库), and the exchange is linked:
  the new machine's own sale in 销售明细 when there is one, else the same contract;
- a 退车's refund is checked against what was received for the sale up to the return date
  (:func:`dealer_xl.checks.sales_consistency.received_for_sale`): a refund above it is an 错误
  (validation reports it too), one below it shows the amount kept; input gate — a sale whose 成交价,
  首付款 or receipts, or a 退换车 row whose 退款金额 or date, validation calls an 错误 is not checked
  (the cells are named in its note) — validation's own refund rule, which this check restates, excepted.

Guarantees: the writes (库存状态 and 退车入库 rows, the sheet created when the book has none) go in one
safe write of 销售台账 (lock check, backup, atomic replace); nothing else changes; a second run
writes nothing. The list ``报表/退换车_<日期>.xlsx`` shows every return with what was (or would be) done.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ...checks.sales_consistency import received_for_sale
from ...io.append import append_rows, set_fields
from ...io.writer import editing
from ...ledger import Ledger, load
from ...problems import Code, Problem, Severity
from ...schema import labels
from ..book_rows import sheet_for_rows
from ..gate import Uses, gate, refusal_line, validation_problems
from ..report_book import write_report

RETURN, EXCHANGE = "退车", "换车"
USES = (Uses("sales", "sales", ("contract_no", "payment_type", "deal_price", "down_payment"), "contract_no"),
        Uses("receivables", "receipts", ("contract_no", "receipt_date", "amount"), "contract_no"),
        Uses("sales", "returns", ("return_date", "contract_no", "kind", "refund_amount")))
HEADERS = (*(labels.header("sales", "returns", f) for f in ("return_date", "contract_no", "kind", "serial_no")),
           labels.header("sales", "stock", "status"), "处理", labels.header("sales", "restocks", "doc_no"),
           labels.header("sales", "returns", "new_serial_no"), "新机状态", "新机销售合同",
           labels.header("sales", "returns", "refund_amount"), "已收款", "差额", "核对说明")


def came_back(led: Ledger, contract_no: Any, as_of: date) -> bool:
    """True when a 退车 of the sale is dated on or before ``as_of`` (a 换车 keeps the sale)."""
    return any(r.get("kind") == RETURN and r.get("return_date") and r["return_date"] <= as_of
               for r in led.all("sales", "returns", "contract_no", contract_no))


def resold_after(led: Ledger, serial: Any, day: date) -> dict | None:
    """The machine's first sale dated after ``day``, None when it was not sold again."""
    later = [s for s in led.all("sales", "sales", "serial_no", serial) if s.get("sale_date") and s["sale_date"] > day]
    return min(later, key=lambda s: s["sale_date"]) if later else None


@dataclass(frozen=True)
class ReturnLine:
    """One 退换车 row and what it calls for.

    Attributes:
        row: the 退换车 row.
        status: the machine's 库存状态 before.
        action: 入库 (back to 在库) / 补入库记录 / 已在库 / 已再售 / 不在整机库存.
        doc_no: the 入库单号 of the 退车入库 row (new or found), '' when none.
        recorded: True when a 退车入库 row of the machine dated on or after the return exists.
        new_status: the 换车's new machine's 库存状态 before ('' for a 退车).
        new_contract: the new machine's sale (合同编号), '' when none.
        received: what was received for the sale by the return date (退车).
        note: what is wrong or was kept, in Chinese.
    """

    row: dict
    status: str
    action: str
    doc_no: str = ""
    recorded: bool = False
    new_status: str = ""
    new_contract: str = ""
    received: Decimal | None = None
    note: str = ""

    @property
    def difference(self) -> Decimal | None:
        refund = self.row.get("refund_amount")
        return None if refund is None or self.received is None else self.received - refund


def _numbers(led: Ledger):
    taken = {str(r.get("doc_no") or "") for r in led.rows("sales", "restocks")}

    def next_number(day: date) -> str:
        n = 1
        while f"RK{day:%Y%m%d}{n:02d}" in taken:
            n += 1
        taken.add(f"RK{day:%Y%m%d}{n:02d}")
        return f"RK{day:%Y%m%d}{n:02d}"
    return next_number


def return_lines(led: Ledger) -> list[ReturnLine]:
    """One :class:`ReturnLine` per 退换车 row dated up to the Ledger's date, in date order."""
    next_number = _numbers(led)
    g = gate(led, USES, [p for p in validation_problems(led) if p.code != Code.REFUND_EXCEEDS_RECEIVED])
    out = []
    rows = [r for r in led.rows("sales", "returns") if r.get("return_date") and r["return_date"] <= led.today]
    for row in sorted(rows, key=lambda r: (r["return_date"], r.get("contract_no") or "")):
        machine = led.machine(row.get("serial_no"))
        restocked = [r for r in led.all("sales", "restocks", "serial_no", row.get("serial_no"))
                     if r.get("restock_date") and r["restock_date"] >= row["return_date"]]
        status = (machine or {}).get("status") or ""
        if machine is None:
            action, doc = "不在整机库存", ""
        elif resold_after(led, row["serial_no"], row["return_date"]):
            action, doc = "已再售", ""
        elif restocked:
            action, doc = "已在库" if status == "在库" else "入库", str(restocked[0].get("doc_no") or "")
        else:
            action, doc = ("补入库记录" if status == "在库" else "入库"), next_number(row["return_date"])
        line = ReturnLine(row, status, action, doc, bool(restocked))
        out.append(_exchange(led, line) if row.get("kind") == EXCHANGE else _refund(led, line, g))
    return out


def _exchange(led: Ledger, line: ReturnLine) -> ReturnLine:
    new = line.row.get("new_serial_no")
    sale = led.first("sales", "sales", "serial_no", new) if new else None
    status = (led.machine(new) or {}).get("status") or "" if new else ""
    note = "" if new else "换车未填新整机编号"
    return replace(line, new_status=status, new_contract=(sale or {}).get("contract_no") or line.row.get("contract_no") or "",
                   note=note)


def _refund(led: Ledger, line: ReturnLine, g) -> ReturnLine:
    sale = led.sale(line.row.get("contract_no"))
    if sale is None:
        return line
    found = g.stops(sale["contract_no"], rows=[line.row])
    if found:
        return replace(line, note=refusal_line("退款核对", sale["contract_no"], found, verb=""))
    received = received_for_sale(led, sale, line.row["return_date"])
    refund = line.row.get("refund_amount")
    line = replace(line, received=received)
    if refund is None or received is None:
        return line
    if refund > received:
        return replace(line, note=f"退款 {refund:,.2f} 超过已收款 {received:,.2f}，请核对")
    if refund < received:
        return replace(line, note=f"已收 {received:,.2f}，退 {refund:,.2f}，扣留 {received - refund:,.2f}（使用费等）")
    return line


def pending(line: ReturnLine) -> tuple[dict | None, bool, bool]:
    """(退车入库 row to add, set the machine 在库, set the new machine 已售) of a line."""
    restock = None
    if line.action in ("入库", "补入库记录") and not line.recorded:
        row = line.row
        restock = {"restock_date": row["return_date"], "serial_no": row["serial_no"], "contract_no": row.get("contract_no"),
                   "kind": row.get("kind"), "doc_no": line.doc_no, "note": row.get("reason")}
    return restock, line.action == "入库" and line.status != "在库", line.new_status == "在库"


@dataclass(frozen=True)
class ReturnsResult:
    """What ``sales returns`` found (and wrote).

    Attributes:
        lines: one per 退换车 row up to the date.
        restocks: 退车入库 rows added (or to add without ``write``).
        written: True when the book was changed.
        workbook: the list written, None when not written.
    """

    lines: tuple[ReturnLine, ...]
    restocks: tuple[dict, ...]
    written: bool = False
    workbook: Path | None = None

    @property
    def problems(self) -> list[Problem]:
        return [Problem("销售台账.xlsx", "退换车", None, labels.header("sales", "returns", "refund_amount"), "", Severity.ERROR, Code.REFUND_EXCEEDS_RECEIVED,
                        f"{line.row.get('contract_no')}：{line.note}")
                for line in self.lines if line.difference is not None and line.difference < 0]

    def records(self) -> list[dict[str, Any]]:
        return [{"return_date": line.row["return_date"], "contract_no": line.row.get("contract_no"),
                 "kind": line.row.get("kind"), "serial_no": line.row.get("serial_no"), "stock_status": line.status,
                 "action": line.action, "restock_no": line.doc_no or None, "new_serial_no": line.row.get("new_serial_no"),
                 "new_status": line.new_status or None, "new_contract_no": line.new_contract or None,
                 "refund": line.row.get("refund_amount"), "received": line.received, "difference": line.difference,
                 "note": line.note} for line in self.lines]

    def summary(self) -> list[str]:
        todo = sum(1 for line in self.lines if any(pending(line)))
        verb = "已" if self.written else "应"
        lines = [f"退换车 {len(self.lines)} 笔（退车 {sum(1 for x in self.lines if x.row.get('kind') == RETURN)}，换车 "
                 f"{sum(1 for x in self.lines if x.row.get('kind') == EXCHANGE)}）；{verb}办理入库或改状态 {todo} 笔"
                 + ("" if self.written or not todo else "（加 --write 写入销售台账）")]
        for line in self.lines:
            restock, back, sold = pending(line)
            if restock or back or sold:
                what = [f"整机 {line.row['serial_no']} 退回在库（入库单 {line.doc_no}）" if back else
                        f"补退车入库记录（入库单 {line.doc_no}）" if restock else "",
                        f"新机 {line.row.get('new_serial_no')} 改为已售" if sold else ""]
                lines.append(f"  {line.row.get('contract_no')} {line.row.get('kind')}：" + "；".join(w for w in what if w))
            if line.note:
                lines.append(f"  {line.row.get('contract_no')}：{line.note}")
        return lines + ([f"明细：{self.workbook}"] if self.workbook else [])


def return_changes(led: Ledger, lines: list[ReturnLine]) -> tuple[list[tuple[int, dict]], list[dict]]:
    """(整机库存 updates (row index, field → value), 退车入库 rows to append) the lines call for."""
    restocks, stock_changes = [], []
    index = led.index("sales", "stock", "serial_no")
    for line in lines:
        restock, back, sold = pending(line)
        if restock:
            restocks.append(restock | {"branch": (led.machine(line.row["serial_no"]) or {}).get("branch")})
        if back:
            stock_changes.append((index[line.row["serial_no"]][0], {"status": "在库"}))
        if sold:
            stock_changes.append((index[line.row["new_serial_no"]][0], {"status": "已售"}))
    return stock_changes, restocks


def write_returns(led: Ledger, lines: list[ReturnLine]) -> tuple[dict, ...]:
    """Set the stock statuses and append the 退车入库 rows (one safe write); returns the rows added."""
    stock_changes, restocks = return_changes(led, lines)
    stock = led.table("sales", "stock")
    if restocks or stock_changes:
        with editing(led.path("sales")) as workbook:
            for i, values in stock_changes:
                set_fields(workbook[stock.sheet_name], stock, i, values)
            if restocks:
                append_rows(*sheet_for_rows(workbook, led, "sales", "restocks"), restocks)
    return tuple(restocks)


def sales_returns(source: Any, as_of: date | None = None, *, write: bool = False, workbook: bool = True) -> ReturnsResult:
    """List (and with ``write`` carry out) the returns of the books in ``source`` up to ``as_of``."""
    led = load(source, today=as_of)
    lines = return_lines(led)
    if write:
        result = ReturnsResult(tuple(lines), write_returns(led, lines), written=True)
    else:
        result = ReturnsResult(tuple(lines), tuple(r for r in (pending(x)[0] for x in lines) if r))
    if workbook:
        rows = [[x.row["return_date"], x.row.get("contract_no"), x.row.get("kind"), x.row.get("serial_no"), x.status,
                 x.action, x.doc_no, x.row.get("new_serial_no"), x.new_status, x.new_contract, x.row.get("refund_amount"),
                 x.received, x.difference, x.note] for x in lines]
        result = replace(result, workbook=write_report(led.books_dir, f"退换车_{led.today:%Y-%m-%d}.xlsx",
                                                       [("退换车", HEADERS, rows)], led.today))
    return result
