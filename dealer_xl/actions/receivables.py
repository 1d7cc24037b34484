"""The receivables loader shared by the schedule, aging, worklist and plan actions (issue #4).

:func:`load_receivables` reads the five books once and builds, in one indexed pass, a
:class:`ContractFile` per row of 分期合同: its installments (from the 还款计划 rows typed in the
book; for a contract without rows, computed from its terms by
:func:`dealer_xl.domain.schedules.build_schedule` for display and reported as such), its receipts
as allocation :class:`~dealer_xl.domain.allocation.Payment` records, its sale row, customer row and
催收记录 rows. Nothing is written. Guarantees: every contract row with a contract number is kept
(duplicates after the first are counted, not merged); schedule rows, receipts and log rows that
name no known contract are counted in ``orphans``; a row that cannot be used (no date, no amount)
is skipped and counted there, never guessed. :func:`index_books` does the same on books already
read. :func:`positions_as_of` allocates every contract's receipts as of a date with the 参数 grace
days and penalty rate.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..domain.allocation import ContractPosition, Payment, allocate
from ..domain.money import ZERO
from ..domain.schedules import METHODS, Installment, build_schedule
from ..io.reader import BookData, read_books, read_params
from ..problems import BookError, Problem
from ..progress import ProgressFn

FROM_BOOK, COMPUTED, NONE = "台账", "按合同条款计算", "无"
REPORTS_DIR = "报表"


@dataclass(frozen=True, slots=True)
class ContractFile:
    """Everything the receivables actions need about one installment contract.

    Attributes:
        contract_no: 合同编号.
        contract: the 分期合同 row.
        sale: the 销售明细 row of the same contract number, if any.
        customer: the 客户 row of the contract's customer, if any.
        installments: the schedule, in period order (empty when none could be had).
        schedule_source: 台账 (rows typed in 还款计划), 按合同条款计算 (no rows; computed) or 无.
        payments: the contract's receipts, in date order.
        log_rows: the contract's 催收记录 rows, in date order.
        sub_dealer: the 二级经销商 name (or id) of the sale, '' when none.
    """

    contract_no: str
    contract: dict[str, Any]
    sale: dict[str, Any] | None
    customer: dict[str, Any] | None
    installments: tuple[Installment, ...]
    schedule_source: str
    payments: tuple[Payment, ...]
    log_rows: tuple[dict[str, Any], ...]
    sub_dealer: str = ""

    @property
    def customer_name(self) -> str:
        return (self.customer or {}).get("name") or self.contract.get("customer_id") or ""

    @property
    def phone(self) -> str:
        return (self.customer or {}).get("phone") or ""

    @property
    def branch(self) -> str:
        return (self.sale or {}).get("branch") or (self.customer or {}).get("branch") or "（未填）"

    @property
    def region(self) -> str:
        return (self.customer or {}).get("region") or "（未填）"

    @property
    def salesperson(self) -> str:
        return (self.sale or {}).get("salesperson") or (self.customer or {}).get("sales_rep") or "（未填）"

    @property
    def collector(self) -> str:
        return self.contract.get("collector") or "（未填）"


@dataclass(frozen=True, slots=True)
class ReceivablesData:
    """The books read once and indexed per contract.

    Attributes:
        folder: the folder of the books.
        books: the books as read (for actions that write back into them).
        params: the 参数 values (defaults where the sheet has none).
        contracts: every contract, in the order of 分期合同.
        problems: problems of reading the 参数 sheet.
        orphans: schedule rows / receipts naming no contract, and rows skipped as unusable.
    """

    folder: Path
    books: dict[str, BookData]
    params: dict[str, Any]
    contracts: tuple[ContractFile, ...]
    problems: tuple[Problem, ...] = ()
    orphans: dict[str, int] = field(default_factory=dict)

    def by_source(self, source: str) -> list[ContractFile]:
        return [c for c in self.contracts if c.schedule_source == source]


def load_receivables(folder: Path | str, *, progress: ProgressFn | None = None) -> ReceivablesData:
    """Read the books in ``folder`` and index them per contract (see the module docstring).

    Raises BookError when 应收款台账 is missing or has no 分期合同 sheet.
    """
    return index_books(folder, read_books(folder, progress=progress))


def index_books(folder: Path | str, books: dict[str, BookData]) -> ReceivablesData:
    """:func:`load_receivables` on books already read (BookError as there)."""
    folder = Path(folder)
    book = books["receivables"]
    if not book.found or "contracts" not in book.tables:
        raise BookError(f"在 {folder} 中没有找到应收款台账.xlsx 的「分期合同」工作表")
    params, problems = read_params(books["master"])
    orphans: dict[str, int] = defaultdict(int)
    schedules = _group(_rows(book, "schedule"), orphans, "还款计划")
    receipts = _group(_rows(book, "receipts"), orphans, "收款记录")
    logs = _group(_rows(book, "collection_log"), orphans, "催收记录")
    sales = _first_by(_rows(books["sales"], "sales"), "contract_no")
    customers = _first_by(_rows(books["master"], "customers"), "customer_id")
    dealers = _first_by(_rows(books["master"], "sub_dealers"), "dealer_id")
    files, seen = [], set()
    for row in book.tables["contracts"].rows:
        number = row["contract_no"]
        if number is None or number in seen:
            orphans["分期合同（无编号或重复）"] += 1
            continue
        seen.add(number)
        sale = sales.get(number)
        installments, source = _installments(row, schedules.pop(number, []), orphans)
        dealer_id = (sale or {}).get("sub_dealer_id")
        files.append(ContractFile(
            number, row, sale, customers.get(row["customer_id"]), installments, source,
            _payments(receipts.pop(number, []), orphans),
            tuple(sorted(logs.pop(number, []), key=lambda r: r["log_date"] or date.min)),
            ((dealers.get(dealer_id) or {}).get("name") or dealer_id) if dealer_id else ""))
    for label, left in (("还款计划", schedules), ("收款记录", receipts), ("催收记录", logs)):
        if left:
            orphans[f"{label}（合同不存在）"] += sum(len(v) for v in left.values())
    return ReceivablesData(folder, books, params, tuple(files), tuple(problems), dict(orphans))


def positions_as_of(data: ReceivablesData, as_of: date) -> dict[str, ContractPosition]:
    """Every contract's position as of ``as_of`` (receipts after it are ignored)."""
    grace = int(data.params["grace_days"])
    rate = Decimal(data.params["penalty_daily_rate"])
    return {c.contract_no: allocate(c.installments, c.payments, as_of, grace_days=grace,
                                    penalty_daily_rate=rate, contract_no=c.contract_no)
            for c in data.contracts}


def _rows(book: BookData, sheet: str) -> list[dict[str, Any]]:
    table = book.tables.get(sheet)
    return table.rows if table is not None else []


def _group(rows: list[dict[str, Any]], orphans: dict[str, int], label: str) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if row["contract_no"] is None:
            orphans[f"{label}（无合同编号）"] += 1
        else:
            grouped[row["contract_no"]].append(row)
    return grouped


def _first_by(rows: list[dict[str, Any]], key: str) -> dict[Any, dict[str, Any]]:
    found: dict[Any, dict[str, Any]] = {}
    for row in rows:
        found.setdefault(row[key], row)
    return found


def _installments(contract: dict, rows: list[dict], orphans: dict[str, int]) -> tuple[tuple[Installment, ...], str]:
    if rows:
        return _from_rows(contract, rows, orphans), FROM_BOOK
    computed = computed_schedule(contract)
    return (tuple(computed), COMPUTED) if computed else ((), NONE)


def computed_schedule(contract: dict) -> list[Installment]:
    """The schedule the contract's terms give, or [] when they cannot give one (自定义, missing or
    invalid amount, term, rate or first due date)."""
    method, financed, term = contract["method"], contract["financed_amount"], contract["term_months"]
    first, rate = contract["first_due_date"], contract["annual_rate"] or ZERO
    if method not in METHODS or financed is None or financed <= 0 or not term or term <= 0 \
            or first is None or rate < 0:
        return []
    return build_schedule(financed, ZERO if method == "免息" else rate, term, first, method)


def _from_rows(contract: dict, rows: list[dict], orphans: dict[str, int]) -> tuple[Installment, ...]:
    usable = []
    for row in rows:
        if row["due_date"] is None or row["amount_due"] is None:
            orphans["还款计划（缺应还日期或金额）"] += 1
            continue
        interest = row["interest"] if row["interest"] is not None else ZERO
        principal = row["principal"] if row["principal"] is not None else row["amount_due"] - interest
        usable.append((row["due_date"], row["period"] or 0, row["amount_due"], principal, interest))
    usable.sort()
    balance = contract["financed_amount"] or sum((u[3] for u in usable), ZERO)
    out = []
    for k, (due, period, amount, principal, interest) in enumerate(usable, 1):
        balance -= principal
        out.append(Installment(period or k, due, amount, principal, interest, balance))
    return tuple(out)


def _payments(rows: list[dict], orphans: dict[str, int]) -> tuple[Payment, ...]:
    out = []
    for row in rows:
        if row["receipt_date"] is None or row["amount"] is None or row["amount"] <= 0:
            orphans["收款记录（缺日期或金额不为正）"] += 1
            continue
        out.append(Payment(row["receipt_date"], row["amount"], row["receipt_no"]))
    out.sort(key=lambda p: p.day)
    return tuple(out)
