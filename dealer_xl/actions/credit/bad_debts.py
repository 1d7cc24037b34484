"""Action: the 呆死帐追缴 list (``dealer-xl receivables baddebts``) with recovery statistics.

Every written-off contract (with what was written off, what was recovered since, what is still
pursued, and its legal case) and every candidate more than 参数 bad_debt_days past due, as of the
date, built by :func:`dealer_xl.domain.bad_debts.pursuit_row` over the Ledger's positions.
Written to ``<DIR>/报表/呆死帐追缴_<YYYY-MM-DD>.xlsx`` (one sheet 呆死帐追缴, written-off first,
then by amount pursued), and the 扣车处置 sheet (redemption amount of a machine held; for one
disposed, 处置金额 − fees = net applied to the debt, the refund due or the shortfall). The books are
never written. Totals: written off = recovered + pursued over the written-off rows, to the fen.

Input gate: a contract whose position is computed from a cell validation calls an 错误 (terms,
schedule, receipts, 扣车记录 with its proceeds and fees, 核销记录, up to the date; the penalty 参数) is
in neither sheet: it is listed in the summary and, one row per 错误 (book, sheet, cell, reason), in
the sheet 未计算, and the command exits 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from ... import ledger as ledger_mod
from ...documents.gated import position_uses
from ...domain.bad_debts import PursuitRow, pursuit_row
from ...domain.money import ZERO
from ...domain.repossession import HELD, redemption_amount, settle
from ...io.report_writer import DATE, INT, MONEY, write_table
from ...io.writer import save_new
from ...problems import Problem
from ...schema import labels
from ..book import OUTPUT_DIR as REPORTS_DIR
from ..book_rows import fit_report, require_receivables
from ..gate import REFUSAL_COLUMNS, Gate, Uses, gate, param_rows, refusal_cells, refusal_line
from ..result import Refusing

HEADERS = (labels.CONTRACT_NO, labels.CUSTOMER_NAME, labels.GUARANTOR, labels.COLLECTOR, labels.CATEGORY,
           labels.WRITEOFF_DATE, "核销金额", "核销后追回", "仍在追缴", "逾期天数", labels.CASE_NO, "诉讼阶段",
           labels.NEXT_HEARING)
FORMATS = {labels.WRITEOFF_DATE: DATE, "核销金额": MONEY, "核销后追回": MONEY, "仍在追缴": MONEY, "逾期天数": INT,
           labels.NEXT_HEARING: DATE}
SHEET, REPO_SHEET, REFUSED_SHEET = "呆死帐追缴", "扣车处置", "未计算"
PARAMS = ("penalty_daily_rate", "grace_days", "bad_debt_days")
WIDTHS = {labels.CONTRACT_NO: 16, labels.CUSTOMER_NAME: 28, labels.GUARANTOR: 24, labels.CASE_NO: 26,
          labels.REPO_LOCATION: 22}
REPO_HEADERS = (labels.CONTRACT_NO, labels.CUSTOMER_NAME, labels.GUARANTOR, labels.REPO_DATE, labels.REPO_STATUS,
                labels.REPO_LOCATION, "赎回金额", labels.DISPOSAL_DATE, labels.DISPOSAL_AMOUNT, labels.TOWING_FEE,
                labels.STORAGE_FEE, labels.APPRAISAL_FEE, "处置净额", "冲抵欠款", "应退买受人", "处置后仍欠")
REPO_FORMATS = {h: MONEY for h in REPO_HEADERS[6:] if h != labels.DISPOSAL_DATE} | {
    labels.REPO_DATE: DATE, labels.DISPOSAL_DATE: DATE}


@dataclass(frozen=True, slots=True)
class BadDebtResult(Refusing):
    """What ``receivables baddebts`` produced.

    Attributes:
        as_of: the list's date.
        rows: the list, written-off contracts first.
        path: the workbook written.
        repossessions: the 扣车处置 sheet's rows (cells in :data:`REPO_HEADERS` order).
        refused: 合同编号 → the 错误 that keep the contract out of both sheets.
    """

    as_of: date
    rows: tuple[PursuitRow, ...]
    path: Path
    repossessions: tuple[tuple, ...] = ()
    refused: dict[str, tuple[Problem, ...]] = field(default_factory=dict)

    def records(self) -> list[dict]:
        """The list's rows as JSON objects (:meth:`as_dicts`)."""
        return self.as_dicts()

    def _sum(self, name: str, kind: str) -> Decimal:
        return sum((getattr(r, name) for r in self.rows if r.kind == kind), ZERO)

    def summary(self) -> list[str]:
        written = [r for r in self.rows if r.kind == "已核销"]
        return [f"截至 {self.as_of}：已核销合同 {len(written)} 份，核销金额 {self._sum('written_off', '已核销'):,.2f} 元，"
                f"核销后追回 {self._sum('recovered', '已核销'):,.2f} 元，仍在追缴 {self._sum('pursued', '已核销'):,.2f} 元",
                f"核销候选（逾期超过呆死帐天数）{len(self.rows) - len(written)} 份，"
                f"欠款 {self._sum('pursued', '核销候选'):,.2f} 元",
                *self._repo_lines(), *self._refusal_lines(), f"已写出 {self.path}"]

    def _refusal_lines(self) -> list[str]:
        return [refusal_line("合同", no, list(found)) for no, found in self.refused.items()]

    def _repo_lines(self) -> list[str]:
        out = []
        for r in self.repossessions:
            if r[4] == "已处置" and r[12] is not None:
                tail = f"应退买受人 {r[14]:,.2f} 元" if r[14] > 0 else f"处置后仍欠 {r[15]:,.2f} 元（买受人及担保人）"
                out.append(f"扣车处置 {r[0]}（{r[1]}）：处置 {r[8]:,.2f} − 费用 {r[9] + r[10] + r[11]:,.2f} = "
                           f"{r[12]:,.2f} 元已于 {r[7]} 冲抵欠款；{tail}")
            elif r[4] == "扣押中":
                out.append(f"扣押中 {r[0]}（{r[1]}）：赎回需付 {r[6]:,.2f} 元")
        return out

    def as_dicts(self) -> list[dict]:
        return [{"contract_no": r.contract_no, "customer": r.customer, "kind": r.kind,
                 "writeoff_date": r.writeoff_date.isoformat() if r.writeoff_date else None,
                 "written_off": r.written_off, "recovered": r.recovered, "pursued": r.pursued,
                 "dpd": r.dpd, "case_no": r.case_no or None, "stage": r.stage or None,
                 "next_hearing": r.next_hearing.isoformat() if r.next_hearing else None} for r in self.rows] + self.refusal_records("contract_no")


def list_bad_debts(folder, as_of: date | None = None) -> BadDebtResult:
    """Build and write the 呆死帐追缴 list of the books in ``folder`` (a folder or a Books adapter)
    as they were on ``as_of`` (default today)."""
    led = ledger_mod.load(folder, today=as_of)
    require_receivables(led)
    g = money_gate(led)  # validation of the books as typed; the list itself is of the books as of the date
    refused = {c.contract_no: tuple(found) for c in led.receivables.contracts
               if (found := contract_stops(led, g, c.contract_no))}
    led = led.as_of(led.today)
    rows, repos = bad_debt_rows(led, set(refused)), repossession_rows(led, set(refused))
    path = led.books_dir / REPORTS_DIR / f"呆死帐追缴_{led.today:%Y-%m-%d}.xlsx"
    workbook = Workbook()
    ws = workbook.active
    ws.title = SHEET
    write_table(ws, HEADERS, [_cells(r) for r in rows], FORMATS)
    fit_report(ws, WIDTHS)
    repo_ws = workbook.create_sheet(REPO_SHEET)
    write_table(repo_ws, REPO_HEADERS, repos, REPO_FORMATS)
    fit_report(repo_ws, WIDTHS)
    if refused:
        refused_ws = workbook.create_sheet(REFUSED_SHEET)
        write_table(refused_ws, (labels.CONTRACT_NO, *REFUSAL_COLUMNS, labels.REASON),
                    [[no, *refusal_cells(p)] for no, found in refused.items() for p in found], {})
        fit_report(refused_ws, {labels.CONTRACT_NO: 16, "台账": 14, "工作表": 10, "单元格": 8, labels.REASON: 60})
    return BadDebtResult(led.today, tuple(rows), save_new(workbook, path), tuple(tuple(r) for r in repos), refused)


def money_gate(led) -> Gate:
    """The gate of a contract's position as of the Ledger's date (and the 参数 of penalties)."""
    return gate(led, (*position_uses(led.today), Uses("master", "params", ("value",))))


def contract_stops(led, g: Gate, contract_no: str) -> list[Problem]:
    """The 错误 that keep ``contract_no`` out of the list: on its rows, or on the 参数 it uses."""
    return g.stops(contract_no, rows=param_rows(led, *PARAMS))


def repossession_rows(led, refused: set[str] = frozenset()) -> list[list]:
    """One row per 扣车记录 up to today of the contracts not ``refused``: the redemption amount of a
    machine held, and for one disposed, the proceeds, costs, net applied, refund due and shortfall
    (to the fen)."""
    out = []
    for c in led.receivables.contracts:
        if c.contract_no in refused:
            continue
        for row in c.repossessions:
            if row.get("repo_date") is None or row["repo_date"] > led.today:
                continue
            at_repo = led.receivables.position(c.contract_no, row["repo_date"])
            now = led.receivables.position(c.contract_no, led.today)
            found = settle(now, row)
            demanded = redemption_amount(at_repo, row) if row.get("status") == HELD else None
            out.append([c.contract_no, c.customer_name, guarantor_text(led, c), row["repo_date"],
                        row.get("status") or "", row.get("location") or "", demanded, row.get("disposal_date"),
                        row.get("disposal_amount"), row.get("towing_fee") or ZERO, row.get("storage_fee") or ZERO,
                        row.get("appraisal_fee") or ZERO, found.net if found else None,
                        found.applied if found else None, found.refund_due if found else None,
                        found.remaining if found else None])
    return out


def bad_debt_rows(led, refused: set[str] = frozenset()) -> list[PursuitRow]:
    """The list's rows of a Ledger as of its today, the ``refused`` contracts left out: written off
    first, then by amount pursued."""
    positions = led.receivables.positions(led.today)
    days = int(led.params["bad_debt_days"])
    rows = [replace(row, guarantor=guarantor_text(led, c)) for c in led.receivables.contracts
            if c.contract_no not in refused
            if (row := pursuit_row(c, positions[c.contract_no], led.all("receivables", "cases", "contract_no",
                                                                       c.contract_no), days)) is not None]
    return sorted(rows, key=lambda r: (r.kind != "已核销", -r.pursued, r.contract_no))


def guarantor_text(led, c) -> str:
    """The guarantor as typed, with the 客户 name when it is a 客户编号 (``张三（KH00001）``)."""
    typed = str(c.contract.get("guarantor") or "")
    person = led.customer(typed) if typed else None
    return f"{person['name']}（{typed}）" if person and person.get("name") else typed


def _cells(r: PursuitRow) -> list:
    return [r.contract_no, r.customer, r.guarantor, r.collector, r.kind, r.writeoff_date, r.written_off,
            r.recovered, r.pursued, r.dpd, r.case_no, r.stage, r.next_hearing]
