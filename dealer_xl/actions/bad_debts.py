"""Action: the 呆死帐追缴 list (``dealer-xl receivables baddebts``) with recovery statistics.

Every written-off contract (with what was written off, what was recovered since, what is still
pursued, and its legal case) and every candidate more than 参数 bad_debt_days past due, as of the
date, built by :func:`dealer_xl.domain.bad_debts.pursuit_row` over the Ledger's positions.
Written to ``<DIR>/报表/呆死帐追缴_<YYYY-MM-DD>.xlsx`` (one sheet 呆死帐追缴, written-off first,
then by amount pursued). The books are never written. Totals: written off = recovered + pursued
over the written-off rows, to the fen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from .. import ledger as ledger_mod
from ..domain.bad_debts import PursuitRow, pursuit_row
from ..domain.money import ZERO
from ..io.writer import save_new
from .receivables import REPORTS_DIR
from .report_sheets import DATE, INT, MONEY, write_table

HEADERS = ("合同编号", "客户名称", "担保人", "催收责任人", "类别", "核销日期", "核销金额", "核销后追回", "仍在追缴",
           "逾期天数", "案号", "诉讼阶段", "下次开庭日期")
FORMATS = {"核销日期": DATE, "核销金额": MONEY, "核销后追回": MONEY, "仍在追缴": MONEY, "逾期天数": INT,
           "下次开庭日期": DATE}
SHEET = "呆死帐追缴"


@dataclass(frozen=True, slots=True)
class BadDebtResult:
    """What ``receivables baddebts`` produced.

    Attributes:
        as_of: the list's date.
        rows: the list, written-off contracts first.
        path: the workbook written.
    """

    as_of: date
    rows: tuple[PursuitRow, ...]
    path: Path

    def _sum(self, name: str, kind: str) -> Decimal:
        return sum((getattr(r, name) for r in self.rows if r.kind == kind), ZERO)

    def summary(self) -> list[str]:
        written = [r for r in self.rows if r.kind == "已核销"]
        return [f"截至 {self.as_of}：已核销合同 {len(written)} 份，核销金额 {self._sum('written_off', '已核销'):,.2f} 元，"
                f"核销后追回 {self._sum('recovered', '已核销'):,.2f} 元，仍在追缴 {self._sum('pursued', '已核销'):,.2f} 元",
                f"核销候选（逾期超过呆死帐天数）{len(self.rows) - len(written)} 份，"
                f"欠款 {self._sum('pursued', '核销候选'):,.2f} 元",
                f"已写出 {self.path}"]

    def as_dicts(self) -> list[dict]:
        return [{"contract_no": r.contract_no, "customer": r.customer, "kind": r.kind,
                 "writeoff_date": r.writeoff_date.isoformat() if r.writeoff_date else None,
                 "written_off": float(r.written_off), "recovered": float(r.recovered), "pursued": float(r.pursued),
                 "dpd": r.dpd, "case_no": r.case_no or None, "stage": r.stage or None,
                 "next_hearing": r.next_hearing.isoformat() if r.next_hearing else None} for r in self.rows]


def list_bad_debts(folder: Path | str, as_of: date | None = None) -> BadDebtResult:
    """Build and write the 呆死帐追缴 list of the books in ``folder`` as of ``as_of`` (default today)."""
    led = ledger_mod.load(folder, today=as_of)
    rows = bad_debt_rows(led)
    path = led.books_dir / REPORTS_DIR / f"呆死帐追缴_{led.today:%Y-%m-%d}.xlsx"
    workbook = Workbook()
    ws = workbook.active
    ws.title = SHEET
    write_table(ws, HEADERS, [_cells(r) for r in rows], FORMATS)
    return BadDebtResult(led.today, tuple(rows), save_new(workbook, path))


def bad_debt_rows(led) -> list[PursuitRow]:
    """The list's rows of a Ledger as of its today: written off first, then by amount pursued."""
    positions = led.receivables.positions(led.today)
    days = int(led.params["bad_debt_days"])
    rows = [row for c in led.receivables.contracts
            if (row := pursuit_row(c, positions[c.contract_no], led.all("receivables", "cases", "contract_no",
                                                                       c.contract_no), days)) is not None]
    return sorted(rows, key=lambda r: (r.kind != "已核销", -r.pursued, r.contract_no))


def _cells(r: PursuitRow) -> list:
    return [r.contract_no, r.customer, r.guarantor, r.collector, r.kind, r.writeoff_date, r.written_off,
            r.recovered, r.pursued, r.dpd, r.case_no, r.stage, r.next_hearing]
