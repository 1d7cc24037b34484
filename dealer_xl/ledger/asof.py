"""The books as they were on a date: the rows :meth:`Ledger.as_of` keeps, and what they said then.

One mechanism for every ``--as-of`` and ``--month``: a view of the Ledger in which nothing dated
after the day exists. Per sheet (:data:`BORN`), a row exists from the date in one of its cells:
contracts from 签订日期, sales from 销售日期, receipts from 收款日期, write-offs from 核销日期,
repossessions from 扣车日期, cases from 立案日期, work orders from 报修日期, claims from 提交日期,
callbacks, collection log, stock (入库日期), sample transfers, returns, 厂家往来, and payroll rows from
the last day of their 月份. A row without that date is kept (its existence cannot be dated;
validation reports the missing date). Rows that hang on another row (还款计划 on its contract,
配件明细 on its work order, 旧件返厂 on its claim, a claim not yet submitted on its work order's
完工日期) exist with it. Facts recorded later on an existing row are taken back (:data:`LATER`):
a work order completed after the day is 进行中, a claim settled in a later month is 已提交 without
its 批准金额, a repossession disposed or redeemed later is 扣押中, old parts shipped or received
later are 待返/已发, a machine sold later is 在库, and a contract whose 核销/扣车/诉讼 status comes
from a later row is shown with the status it had (the earlier of those events, else 逾期 or 正常
by its position on the day). Master data (主数据) and 销售目标 are as typed.

Guarantees: a view's tables keep the Excel row of every row they keep (cells and problems point
at the book), the source rows are never changed (a changed row is a copy), and a table is filtered
the first time it is read, so a view costs only what it is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import Any

from ..domain.monthly import month_range
from ..io.table import BookData, Table

Row = dict[str, Any]
Ledger = Any  # dealer_xl.ledger.model.Ledger (which imports this module: named here, not imported)

#: (book, sheet) → the field whose date brings a row into existence.
BORN: dict[tuple[str, str], str] = {
    ("sales", "stock"): "inbound_date",
    ("sales", "sales"): "sale_date",
    ("sales", "sample_transfers"): "transfer_date",
    ("sales", "returns"): "return_date",
    ("sales", "manufacturer_ledger"): "entry_date",
    ("receivables", "contracts"): "sign_date",
    ("receivables", "receipts"): "receipt_date",
    ("receivables", "collection_log"): "log_date",
    ("receivables", "repossessions"): "repo_date",
    ("receivables", "writeoffs"): "date",
    ("receivables", "cases"): "filing_date",
    ("service", "work_orders"): "open_date",
    ("service", "claims"): "submit_date",
    ("service", "callbacks"): "callback_date",
    ("payroll", "attendance"): "month",
    ("payroll", "adjustments"): "month",
    ("payroll", "results"): "month",
}

#: (book, sheet) → (field, what the row said before that field's date) for facts recorded later.
LATER: dict[tuple[str, str], tuple[tuple[str, Row], ...]] = {
    ("sales", "sample_transfers"): (("returned_date", {"returned_date": None}),),
    ("receivables", "repossessions"): (
        ("disposal_date", {"status": "扣押中", "disposal_date": None, "disposal_amount": None}),
        ("redeemed_date", {"status": "扣押中", "redeemed_date": None})),
    ("service", "work_orders"): (("close_date", {"close_date": None, "status": "进行中"}),),
    ("service", "claims"): (("settle_month", {"status": "已提交", "approved_amount": None, "settle_month": None,
                                              "credit_note_no": None}),),
    ("service", "old_parts"): (
        ("ship_date", {"ship_date": None, "waybill_no": None, "received_date": None, "status": "待返"}),
        ("received_date", {"received_date": None, "status": "已发"})),
}

#: (book, sheet) → (key field, parent sheet): the row exists while its parent does.
FOLLOWS: dict[tuple[str, str], tuple[str, tuple[str, str]]] = {
    ("receivables", "schedule"): ("contract_no", ("receivables", "contracts")),
    ("service", "parts_used"): ("wo_no", ("service", "work_orders")),
    ("service", "old_parts"): ("claim_no", ("service", "claims")),
}

#: contract statuses that a dated row of another sheet records, with that sheet and its date field.
EVENT_STATUS = {"核销": ("writeoffs", "date"), "扣车": ("repossessions", "repo_date"), "诉讼": ("cases", "filing_date")}


def on_or_before(value: Any, day: date) -> bool:
    """True when ``value`` (a date, or a YYYY-MM month counted from its last day) is not after ``day``;
    a missing or unreadable value counts as not after (it cannot be dated)."""
    if isinstance(value, date):
        return value <= day
    if isinstance(value, str) and len(value) == 7:
        try:
            return month_range(value)[1] <= day
        except ValueError:
            return True
    return True


class _Tables(Mapping):
    """A book's tables, each filtered the first time it is read."""

    def __init__(self, source: Mapping[str, Table], make: Callable[[str, Table], Table]) -> None:
        self._source, self._make, self._done = source, make, {}

    def __getitem__(self, sheet: str) -> Table:
        if sheet not in self._done:
            self._done[sheet] = self._make(sheet, self._source[sheet])
        return self._done[sheet]

    def __iter__(self) -> Iterator[str]:
        return iter(self._source)

    def __len__(self) -> int:
        return len(self._source)


def view_books(root: Ledger, day: date) -> dict[str, BookData]:
    """Every book of ``root`` as it was on ``day`` (see the module docstring)."""
    out: dict[str, BookData] = {}
    for key, data in root.books.items():
        out[key] = BookData(data.spec, data.path, _Tables(data.tables, _maker(root, key, day, out)),
                            data.problems, data.found)
    return out


def _maker(root: Ledger, book: str, day: date, books: dict[str, BookData]) -> Callable[[str, Table], Table]:
    def make(sheet: str, table: Table) -> Table:
        keep = _rule(root, book, sheet, day, books)
        if keep is None:
            return table
        rows, numbers = [], []
        for row, number in zip(table.rows, table.row_numbers, strict=True):
            seen = keep(row)
            if seen is not None:
                rows.append(seen)
                numbers.append(number)
        return Table(table.spec, table.book, table.sheet_name, table.header_row, table.columns, rows, numbers,
                     table.skipped, table.problems, table.headers, table.blank_rows)
    return make


def _rule(root: Ledger, book: str, sheet: str, day: date, books: dict[str, BookData]) -> Callable[[Row], Row | None] | None:
    """The function giving a row as it was on ``day`` (None: it did not exist), None when the sheet
    is as typed."""
    key = (book, sheet)
    born, later, follows = BORN.get(key), LATER.get(key, ()), FOLLOWS.get(key)
    extra = _special(root, key, day, books)
    if born is None and not later and follows is None and extra is None:
        return None
    parent = _parent_test(root, follows, books) if follows else None

    def keep(row: Row) -> Row | None:
        if born is not None and not on_or_before(row.get(born), day):
            return None
        if parent is not None and not parent(row):
            return None
        changed: Row | None = None
        for field_name, before in later:
            if not on_or_before(row.get(field_name), day):
                changed = {**(changed or row), **before}
        row = changed or row
        return extra(row) if extra is not None else row
    return keep


def _parent_test(root: Ledger, follows: tuple[str, tuple[str, str]], books: dict[str, BookData]) -> Callable[[Row], bool]:
    """A child row is kept unless its parent is known to the books but does not exist on the day."""
    field_name, (book, sheet) = follows
    known = root.index(book, sheet, _key_of(sheet))
    cache: list[set] = []

    def exists(row: Row) -> bool:
        value = row.get(field_name)
        if value is None or value not in known:
            return True
        if not cache:
            table = books[book].tables.get(sheet)
            cache.append({r.get(_key_of(sheet)) for r in table.rows} if table is not None else set())
        return value in cache[0]
    return exists


def _key_of(sheet: str) -> str:
    return {"contracts": "contract_no", "work_orders": "wo_no", "claims": "claim_no"}[sheet]


def _special(root: Ledger, key: tuple[str, str], day: date, books: dict[str, BookData]) -> Callable[[Row], Row | None] | None:
    if key == ("receivables", "contracts"):
        return _contract_status(root, day)
    if key == ("sales", "stock"):
        sold = {r["serial_no"] for r in root.rows("sales", "sales") if r.get("serial_no") and on_or_before(r.get("sale_date"), day)
                and r.get("sale_date") is not None}
        return lambda row: {**row, "status": "在库"} if row.get("status") == "已售" and row.get("serial_no") not in sold else row
    if key == ("service", "claims"):
        return _unsubmitted_claims(root, day)
    return None


def _unsubmitted_claims(root: Ledger, day: date) -> Callable[[Row], Row | None]:
    """A claim not yet submitted exists once its work order was completed (by the day)."""
    orders = root.by_key("service", "work_orders", "wo_no")

    def keep(row: Row) -> Row | None:
        if row.get("submit_date") is not None:
            return row
        order = orders.get(row.get("wo_no"))
        return None if order is not None and not on_or_before(order.get("close_date") or order.get("open_date"), day) \
            else row
    return keep


def _contract_status(root: Ledger, day: date) -> Callable[[Row], Row]:
    """A 核销/扣车/诉讼 status recorded by a row dated after the day is replaced by the status the
    contract had: the latest such event on or before the day, else 逾期 or 正常 by its position."""

    def events(no: Any) -> list[tuple[date, str]]:
        found = []
        for status, (sheet, field_name) in EVENT_STATUS.items():
            for r in root.all("receivables", sheet, "contract_no", no):
                if isinstance(r.get(field_name), date):
                    found.append((r[field_name], status))
        return found

    def seen(row: Row) -> Row:
        status = row.get("status")
        if status not in EVENT_STATUS:
            return row
        dated = events(row.get("contract_no"))
        if not dated or any(d <= day and s == status for d, s in dated):
            return row
        earlier = [(d, s) for d, s in dated if d <= day]
        if earlier:
            return {**row, "status": max(earlier)[1]}
        position = root.receivables.position(row.get("contract_no"), day)
        return {**row, "status": "逾期" if position is not None and position.dpd > 0 else "正常"}
    return seen
