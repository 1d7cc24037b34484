"""Rules for going live mid-way: the go-live date (参数 go_live) and the opening balances.

合同期初 (应收款台账), per row:

- 截至日期 must be before 参数 go_live (``opening_after_go_live``) and not before the contract's
  签订日期 (``opening_mismatch``);
- a 收款记录 row of the same contract dated on or before the 截至日期 is counted twice — in the
  opening and as a receipt (``opening_overlap``, at the receipt's date; allocation ignores it);
- figures that cannot be right against the contract's schedule (``opening_mismatch``): 已还本金 above
  the schedule's principal, 已还利息 above its interest, and a 逾期期数 other than the number of
  installments due before the 截至日期 that the 已还本金 and 已还利息 leave unpaid.

厂家往来 rows of 业务类型 期初: dated before go-live (``opening_after_go_live``), one per manufacturer
(a second one doubles the balance, ``opening_mismatch``), and no other row of that manufacturer
dated on or before it (``opening_overlap``: the 期初 already holds it).

With go-live set, a contract signed before it whose installments fell due before it, with neither a
合同期初 row nor any receipt before go-live, is a 警告 (``history_missing``): it would look overdue
from its first installment. An unreadable go_live is an 错误 at its 参数 cell.

:func:`drop_history` takes validation's problems and leaves out those of rules that need data from
before go-live (:data:`NEEDS_HISTORY`) on rows dated before go-live: such rows are history, read for
balances, not judged again by rules the books before go-live cannot satisfy.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from ..domain.fingerprints import DATED
from ..domain.money import ZERO
from ..ledger import Ledger
from ..ledger.period import go_live
from ..ledger.receivables import opening_of
from ..problems import Code, Problem, Severity
from ..schema.sales import OPENING

OPENINGS = ("receivables", "openings")
MAKERS = ("sales", "manufacturer_ledger")
NEEDS_HISTORY = frozenset({
    Code.SERIAL_NOT_IN_STOCK, Code.SERIAL_NOT_SOLD, Code.DELIVERY_NOT_IN_STOCK, Code.CONTRACT_MISSING,
    Code.CREDIT_LIMIT_EXCEEDED, Code.CUSTOMER_SERIOUSLY_OVERDUE, Code.SUB_DEALER_LIMIT_EXCEEDED,
    Code.REFUND_EXCEEDS_RECEIVED,
})
"""Rules that judge a row by the books before it (stock, sales, positions at an earlier date)."""


def check_openings(ctx: Ledger) -> list[Problem]:
    """Every problem of the rules above."""
    live = go_live(ctx.params)
    return [*_go_live_param(ctx), *_contract_openings(ctx, live), *_maker_openings(ctx, live),
            *_missing_history(ctx, live)]


def drop_history(ctx: Ledger, problems: list[Problem]) -> list[Problem]:
    """``problems`` without those of :data:`NEEDS_HISTORY` on rows dated before go-live."""
    live = go_live(ctx.params)
    if live is None:
        return problems
    early: set[tuple[str, str, int]] = set()
    for (book, sheet), field_name in DATED.items():
        table = ctx.table(book, sheet)
        if table is None:
            continue
        for row, n in zip(table.rows, table.row_numbers, strict=True):
            day = row.get(field_name)
            if isinstance(day, date) and day < live:
                early.add((table.book, table.sheet_name, n))
    return [p for p in problems if p.code not in NEEDS_HISTORY or (p.book, p.sheet, p.row) not in early]


def _go_live_param(ctx: Ledger) -> list[Problem]:
    table = ctx.table("master", "params")
    if table is None or not ctx.params.get("go_live") or go_live(ctx.params) is not None:
        return []
    for i, row in enumerate(table.rows):
        if str(row["key"] or "").lower() == "go_live":
            return [ctx.problem(table, i, "value", Code.BAD_PARAM,
                                "参数 go_live 应为上线日期 YYYY-MM-DD（如 2026-07-01），无法识别")]
    return []


def _contract_openings(ctx: Ledger, live: date | None) -> list[Problem]:
    table = ctx.table(*OPENINGS)
    if table is None:
        return []
    out: list[Problem] = []
    receipts = ctx.table("receivables", "receipts")
    for i, row in enumerate(table.rows):
        number, day = row["contract_no"], row["as_of"]
        if number is None or not isinstance(day, date):
            continue
        if live is not None and day >= live:
            out.append(ctx.problem(table, i, "as_of", Code.OPENING_AFTER_GO_LIVE,
                                   f"截至日期 {day} 不早于上线日期 {live}（参数 go_live）：期初应是上线前的还款情况"))
        contract = ctx.contract(number)
        signed = (contract or {}).get("sign_date")
        if isinstance(signed, date) and day < signed:
            out.append(ctx.problem(table, i, "as_of", Code.OPENING_MISMATCH,
                                   f"截至日期 {day} 早于合同签订日期 {signed}"))
        if receipts is not None:
            for k in ctx.index("receivables", "receipts", "contract_no").get(number, ()):
                paid = receipts.rows[k]["receipt_date"]
                if isinstance(paid, date) and paid <= day:
                    out.append(ctx.problem(receipts, k, "receipt_date", Code.OPENING_OVERLAP,
                                           f"合同 {number} 有合同期初（截至 {day}），此笔收款在截至日期及以前，"
                                           "已含在期初中，会重复计算：请删除此行，或改正合同期初"))
        out += _figures(ctx, table, i, row)
    return out


def _figures(ctx: Ledger, table, i: int, row: dict) -> list[Problem]:
    """已还本金/已还利息/逾期期数 against the contract's schedule."""
    found = ctx.receivables.by_no.get(row["contract_no"])
    if found is None or not found.installments or found.opening is None or opening_of(row) != found.opening:
        return []  # no schedule, or not the row allocation uses (a second row is a duplicate: reported as such)
    out = []
    schedule = found.installments
    principal = sum((s.principal for s in schedule), ZERO)
    interest = sum((max(s.interest, ZERO) for s in schedule), ZERO)
    if row["principal_paid"] > principal:
        out.append(ctx.problem(table, i, "principal_paid", Code.OPENING_MISMATCH,
                               f"已还本金 {row['principal_paid']:,.2f} 超过还款计划的本金合计 {principal:,.2f}"))
    if row["interest_paid"] > interest:
        out.append(ctx.problem(table, i, "interest_paid", Code.OPENING_MISMATCH,
                               f"已还利息 {row['interest_paid']:,.2f} 超过还款计划的利息合计 {interest:,.2f}"))
    typed = row["overdue_periods"]
    if typed is not None and not out:
        day = row["as_of"]
        position = ctx.receivables.position(found.contract_no, day)
        unpaid = [s.period for s in position.installments if s.due_date < day and s.outstanding > 0]
        if typed != len(unpaid):
            which = f"（第{unpaid[0]}–{unpaid[-1]}期）" if len(unpaid) > 1 else f"（第{unpaid[0]}期）" if unpaid else ""
            out.append(ctx.problem(table, i, "overdue_periods", Code.OPENING_MISMATCH,
                                   f"按已还本金、已还利息和还款计划，截至 {day} 应有 {len(unpaid)} 期逾期{which}，"
                                   f"与逾期期数 {typed} 不符：请核对期初数字或还款计划"))
    return out


def _maker_openings(ctx: Ledger, live: date | None) -> list[Problem]:
    table = ctx.table(*MAKERS)
    if table is None:
        return []
    out: list[Problem] = []
    first: dict[str, tuple[int, date]] = {}
    for i, row in enumerate(table.rows):
        who, day = row["manufacturer"], row["entry_date"]
        if row["doc_type"] != OPENING or who is None or not isinstance(day, date):
            continue
        if live is not None and day >= live:
            out.append(ctx.problem(table, i, "entry_date", Code.OPENING_AFTER_GO_LIVE,
                                   f"期初日期 {day} 不早于上线日期 {live}（参数 go_live）：期初应是上线前的余额"))
        if who in first:
            out.append(ctx.problem(table, i, "doc_type", Code.OPENING_MISMATCH,
                                   f"{who} 已有一行期初（第{table.row_numbers[first[who][0]]}行），"
                                   "两行期初会使余额重复计算"))
        else:
            first[who] = (i, day)
    for i, row in enumerate(table.rows):
        who, day = row["manufacturer"], row["entry_date"]
        if row["doc_type"] == OPENING or who not in first or not isinstance(day, date):
            continue
        k, opened = first[who]
        if day <= opened:
            out.append(ctx.problem(table, i, "entry_date", Code.OPENING_OVERLAP,
                                   f"{who} 的期初（第{table.row_numbers[k]}行，{opened}）已含此日及以前的往来，"
                                   "此行会重复计算：请删除此行，或改正期初"))
    return out


def _missing_history(ctx: Ledger, live: date | None) -> list[Problem]:
    table = ctx.table("receivables", "contracts")
    if live is None or table is None:
        return []
    opened = {r["contract_no"] for r in ctx.rows(*OPENINGS)}
    paid_before: dict[str, int] = defaultdict(int)
    for r in ctx.rows("receivables", "receipts"):
        if isinstance(r["receipt_date"], date) and r["receipt_date"] < live:
            paid_before[r["contract_no"]] += 1
    out = []
    for i, row in enumerate(table.rows):
        number, signed = row["contract_no"], row["sign_date"]
        found = ctx.receivables.by_no.get(number)
        if found is None or number in opened or paid_before[number] or row["status"] == "核销" \
                or not isinstance(signed, date) or signed >= live:
            continue
        due = [s for s in found.installments if s.due_date < live]
        if due:
            out.append(ctx.problem(table, i, "contract_no", Code.HISTORY_MISSING,
                                   f"合同签订于上线日期 {live} 前，上线前已到期 {len(due)} 期，但没有收款记录，也没有"
                                   "「合同期初」：请在合同期初填写截至上线前的还款情况，否则各期都会显示为逾期",
                                   Severity.WARNING))
    return out
