"""Action: fill 还款计划 for installment contracts that have no rows yet (``receivables schedule``).

Guarantees:

- only contracts with **no** row in 还款计划 get rows, computed from their terms by
  :func:`dealer_xl.domain.schedules.build_schedule`; a 自定义 contract is never generated (it is
  listed as waiting for hand-entered rows), nor is a 结清/核销 contract or one whose terms cannot
  give a schedule (listed with the reason);
- existing rows are never changed: new rows go below the last data row of the sheet, in the
  columns where the sheet has them, with the styles and number formats of the row above; an
  Excel table (and an autofilter) over the data is extended to cover them. When something other
  than blank rows sits below the data (a 合计 row), nothing is written (BookError), because
  appending under a total would leave it wrong;
- a contract whose rows no longer match what its terms give (count, dates, principal, interest
  or amount) is reported as changed, never regenerated;
- the write goes through :func:`dealer_xl.io.writer.editing` (lock check, backup in 备份/, atomic
  replace); when nothing is to be added the book is not opened for writing. A re-run adds nothing.
  The result carries what was appended (``appended``: Excel row and row of every new line), so a
  run goes on with ``ledger.with_rows("receivables", "schedule", result.appended)`` instead of
  reading the book again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...domain.schedules import Installment
from ...io.append import append_records
from ...io.edit import Sheet
from ...io.reader import Table
from ...io.writer import editing
from ...ledger import Ledger
from ...ledger.period import refuse_if_closed
from ...ledger.receivables import COMPUTED, FROM_BOOK, ContractFile, computed_schedule
from ...ledger.requirements import require
from ...problems import BookError

CLOSED = ("结清", "核销")


@dataclass(frozen=True, slots=True)
class ScheduleFillResult:
    """What ``receivables schedule`` did.

    Attributes:
        path: the 应收款台账 book.
        added: (合同编号, periods added) per contract filled.
        rows_added: schedule rows appended in total.
        changed: (合同编号, 说明) of contracts whose rows differ from their terms.
        not_generated: (合同编号, 说明) of contracts without rows that were left alone.
        written: False for a preview (nothing was written).
        appended: (Excel row, the row as the reader would type it) of every line appended.
    """

    path: Path
    added: tuple[tuple[str, int], ...]
    rows_added: int
    changed: tuple[tuple[str, str], ...]
    not_generated: tuple[tuple[str, str], ...]
    written: bool = True

    @property
    def problems(self) -> list:
        """Data problems (none: contracts left alone are listed with the reason)."""
        return []

    def records(self) -> list[dict]:
        """One object per contract concerned: ``status`` added / changed / not_generated."""
        return ([{"contract_no": no, "status": "added", "periods": n, "note": ""} for no, n in self.added]
                + [{"contract_no": no, "status": "changed", "periods": None, "note": why} for no, why in self.changed]
                + [{"contract_no": no, "status": "not_generated", "periods": None, "note": why}
                   for no, why in self.not_generated])
    appended: tuple[tuple[int, dict], ...] = ()

    def applied(self, ledger: Ledger) -> Ledger:
        """``ledger`` with the rows this fill appended (the same Ledger when it appended none)."""
        return ledger.with_rows("receivables", "schedule", self.appended) if self.appended else ledger

    def summary(self) -> list[str]:
        """Chinese lines for the terminal and the main job's log."""
        if not self.written:
            lines = [f"还款计划（预览，未写入）：将为 {len(self.added)} 个合同补充 {self.rows_added} 行"
                     f"（{self.path.name}；加 --write 写入）"]
        else:
            lines = [f"还款计划：为 {len(self.added)} 个合同补充 {self.rows_added} 行（{self.path.name}）"]
        lines += [f"  已生成 {no}：{n} 期" for no, n in self.added]
        lines += [f"  条款已变更（未重新生成，请核对）{no}：{why}" for no, why in self.changed]
        lines += [f"  未生成 {no}：{why}" for no, why in self.not_generated]
        return lines


def fill_schedules(ledger: Ledger, *, write: bool = True) -> ScheduleFillResult:
    """Append the missing schedules of the Ledger's contracts to its 应收款台账 (see the module
    docstring); with ``write`` False only say what would be appended."""
    ledger.require("receivables", "contracts")
    require(ledger, "schedule", "补充还款计划")
    book = ledger.books["receivables"]
    table = book.tables.get("schedule")
    if table is None or "contract_no" not in table.columns or "due_date" not in table.columns \
            or "amount_due" not in table.columns:
        raise BookError(f"{book.path.name} 缺少「还款计划」工作表或其合同编号/应还日期/应还金额列，无法补充还款计划")
    to_add: list[tuple[str, list[Installment]]] = []
    not_generated: list[tuple[str, str]] = []
    changed: list[tuple[str, str]] = []
    for contract in ledger.receivables.contracts:
        if contract.schedule_source == FROM_BOOK:
            why = _difference(contract)
            if why:
                changed.append((contract.contract_no, why))
            continue
        reason = ledger.receivables.skipped.get(contract.contract_no) or _why_not(contract)
        if reason:
            not_generated.append((contract.contract_no, reason))
        else:
            to_add.append((contract.contract_no, list(contract.installments)))
    appended: list[tuple[int, dict]] = []
    if to_add and write:
        refuse_if_closed(ledger.params, (i.due_date for _, rows in to_add for i in rows), "补充还款计划")
        with editing(book.path) as workbook:
            appended = _append(workbook[table.sheet_name], table, to_add)
    return ScheduleFillResult(book.path, tuple((no, len(rows)) for no, rows in to_add),
                              sum(len(rows) for _, rows in to_add), tuple(changed), tuple(not_generated), write,
                              tuple(appended))


def _why_not(contract: ContractFile) -> str:
    method, status = contract.contract["method"], contract.contract["status"]
    if method == "自定义":
        return "自定义还款方式，须在「还款计划」中手工录入"
    if status in CLOSED:
        return f"合同状态为{status}"
    if contract.schedule_source != COMPUTED:
        return "合同条款不全或无效（分期金额、期数、利率、首期还款日、还款方式），无法计算"
    return ""


def _difference(contract: ContractFile) -> str:
    """Why the book's rows differ from what the terms give ('' when they match or cannot be computed)."""
    expected = computed_schedule(contract.contract)
    if not expected:
        return ""
    rows = contract.installments
    if len(rows) != len(expected):
        return f"还款计划有 {len(rows)} 期，按合同条款应为 {len(expected)} 期"
    for got, want in zip(rows, expected, strict=True):
        if (got.due_date, got.principal, got.interest, got.amount_due) != \
                (want.due_date, want.principal, want.interest, want.amount_due):
            return (f"第{want.period}期与合同条款不符（台账 {got.due_date} 应还 {got.amount_due}，"
                    f"按条款 {want.due_date} 应还 {want.amount_due}）")
    return ""


def _append(ws: Sheet, table: Table, to_add: list[tuple[str, list[Installment]]]) -> list[tuple[int, dict]]:
    """Write the rows below the data; returns (Excel row, the row's values in the sheet's columns)."""
    records = [{"contract_no": contract_no, "period": inst.period, "due_date": inst.due_date,
                "principal": inst.principal, "interest": inst.interest, "amount_due": inst.amount_due}
               for contract_no, installments in to_add for inst in installments]
    rows = append_records(ws, table, records)
    return [(n, {f: r.get(f) for f in table.columns}) for n, r in zip(rows, records, strict=True)]
