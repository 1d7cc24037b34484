"""Write-off (核销) of an installment contract: ``dealer-xl receivables writeoff`` and its ribbon twin.

:func:`write_off` records, as of ``today``, the contract's outstanding principal, interest and
penalty interest in a new 核销记录 row (核销日期, amounts, 核销原因, 审批人, 复核人) and sets its
合同状态 to 核销 — both in 应收款台账.xlsx, in one safe write (backup, lock check, atomic). It
refuses, with one Chinese line and nothing written (BookError, exit 2): an unknown contract, one
already written off or 结清, one with nothing owed, a contract with nothing overdue unless the user
confirms it (``confirm_not_overdue``, ``--confirm-not-overdue``), a 核销原因 longer than an Excel cell
holds (32,767 characters: it would be cut), an approver who is not on the staff list, a
write-off above 参数 writeoff_second_approval without a second approver (总经理) other than the
first, a book without the 核销记录 sheet, and a write-off dated in a closed month. It refuses with
:class:`~dealer_xl.problems.Refused` (exit 1, the cells named) a contract whose position is computed
from a cell validation calls an 错误 (terms, schedule, receipts, repossessions, write-off, the penalty
and approval 参数). Afterwards the
contract leaves the aging buckets for its own 已核销 line and later receipts on it count as
recovery (:mod:`dealer_xl.actions.credit.bad_debts`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from ... import ledger as ledger_mod
from ...documents.gated import position_uses
from ...domain.money import ZERO
from ...io.generated import EXCEL_CELL_LIMIT
from ...io.writer import editing
from ...ledger.period import refuse_if_closed
from ...problems import BookError, Refused
from ..book_rows import append_rows, require_receivables, set_values
from ..gate import Uses, gate, param_rows, refusal_line

PARAMS = ("penalty_daily_rate", "grace_days", "writeoff_second_approval")


@dataclass(frozen=True, slots=True)
class WriteoffResult:
    """A write-off done.

    Attributes:
        contract_no: 合同编号.
        customer: 客户名称.
        day: 核销日期.
        principal: 核销本金.
        interest: 核销利息.
        penalty: 核销罚息.
        reason: 核销原因.
        approved_by: 审批人.
        approved_by_2: 复核人 ('' when not needed).
        row: the Excel row of the new 核销记录 row.
    """

    contract_no: str
    customer: str
    day: date
    principal: Decimal
    interest: Decimal
    penalty: Decimal
    reason: str
    approved_by: str
    approved_by_2: str
    row: int
    written: bool = True

    @property
    def problems(self) -> list:
        """Data problems found on the way (none: what was left out is named in the summary)."""
        return []

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest + self.penalty

    def summary(self) -> list[str]:
        second = f"，复核人 {self.approved_by_2}" if self.approved_by_2 else ""
        if not self.written:
            return [f"预览（未写入）：合同 {self.contract_no}（{self.customer}）于 {self.day} 将核销 {self.total:,.2f} 元："
                    f"本金 {self.principal:,.2f}，利息 {self.interest:,.2f}，罚息 {self.penalty:,.2f}",
                    f"审批人 {self.approved_by}{second}；原因：{self.reason}", "加 --write 写入「核销记录」"]
        return [f"合同 {self.contract_no}（{self.customer}）已于 {self.day} 核销 {self.total:,.2f} 元："
                f"本金 {self.principal:,.2f}，利息 {self.interest:,.2f}，罚息 {self.penalty:,.2f}",
                f"审批人 {self.approved_by}{second}；原因：{self.reason}",
                f"已写入 应收款台账.xlsx「核销记录」第 {self.row} 行，合同状态改为核销（原文件已备份）；"
                "此后收到的款项计为核销后追回"]

    def as_dict(self) -> dict:
        return {"contract_no": self.contract_no, "customer": self.customer, "date": self.day,
                "principal": self.principal, "interest": self.interest,
                "penalty": self.penalty, "total": self.total, "reason": self.reason,
                "approved_by": self.approved_by, "approved_by_2": self.approved_by_2 or None}

    def records(self) -> list[dict]:
        """The one write-off as a JSON object (amounts with two decimals)."""
        return [self.as_dict()]


def write_off(folder: Path | str, contract_no: str, reason: str, approved_by: str,
              approved_by_2: str | None = None, *, today: date | None = None, write: bool = True,
              confirm_not_overdue: bool = False) -> WriteoffResult:
    """Write off ``contract_no`` as of ``today`` (see the module docstring); with ``write`` False
    check and compute everything, write nothing (a preview)."""
    led = ledger_mod.load(folder, today=today)
    require_receivables(led)
    found = led.receivables.by_no.get(contract_no.strip())
    if found is None:
        raise BookError(f"应收款台账「分期合同」中没有合同 {contract_no}")
    status = found.contract.get("status")
    if found.written_off or status == "结清":
        raise BookError(f"合同 {found.contract_no} 的状态为{status}{'（已有核销记录）' if found.writeoff else ''}，不能核销")
    table = led.table("receivables", "writeoffs")
    if table is None or not table.header_row:
        raise BookError("应收款台账.xlsx 中没有「核销记录」工作表；请先用 dealer-xl init 生成的模板补上该表")
    reason, first, second = reason.strip(), _staff(led, approved_by), _staff(led, approved_by_2) if approved_by_2 else ""
    if not reason:
        raise BookError("请填写核销原因（--reason）")
    if len(reason) > EXCEL_CELL_LIMIT:
        raise BookError(f"核销原因有 {len(reason):,} 个字符，超过 Excel 单元格上限 {EXCEL_CELL_LIMIT:,} 个字符，写入会被截断；"
                        "请缩短（详细说明可另存文件，在原因中写明文件名），未核销")
    g = gate(led, (*position_uses(led.today), Uses("master", "params", ("value",))))
    refused = g.stops(found.contract_no, rows=param_rows(led, *PARAMS))
    if refused:
        raise Refused(refusal_line("合同", found.contract_no, refused, verb="核销"), refused)
    position = led.receivables.position(found.contract_no, led.today)
    principal = sum((s.principal - s.principal_paid for s in position.installments), ZERO)
    interest = sum((s.interest - s.interest_paid for s in position.installments), ZERO)
    penalty = position.penalty_outstanding
    total, limit = principal + interest + penalty, led.decimal("writeoff_second_approval")
    if total <= 0:
        raise BookError(f"合同 {found.contract_no} 截至 {led.today} 没有未还的本金、利息或罚息，无需核销")
    if position.overdue <= 0 and not confirm_not_overdue:
        raise BookError(f"合同 {found.contract_no} 截至 {led.today} 没有逾期款项（未到期的尚有 {position.not_due:,.2f} 元），"
                        "一般不应核销；确需核销请加 --confirm-not-overdue，未核销")
    if total > limit and (not second or second == first):
        raise BookError(f"核销金额 {total:,.2f} 元超过 {limit:,.2f} 元，须由总经理复核：请用 --approved-by-2 填写另一位审批人")
    refuse_if_closed(led.params, [led.today], "核销")
    if not write:
        return WriteoffResult(found.contract_no, found.customer_name, led.today, principal, interest, penalty,
                              reason, first, second, 0, written=False)
    contracts = led.table("receivables", "contracts")
    i = next(k for k, r in enumerate(contracts.rows) if r is found.contract)
    values = {"date": led.today, "contract_no": found.contract_no, "principal": principal, "interest": interest,
              "penalty": penalty, "reason": reason, "approved_by": first, "approved_by_2": second or None}
    with editing(led.path("receivables")) as workbook:
        (row,) = append_rows(workbook[table.sheet_name], table, [values])
        set_values(workbook[contracts.sheet_name], contracts, i, {"status": "核销"})
    return WriteoffResult(found.contract_no, found.customer_name, led.today, principal, interest, penalty,
                          reason, first, second, row)


def _staff(led, name: str | None) -> str:
    person = led.employee((name or "").strip())
    if person is None:
        raise BookError(f"审批人「{name}」不在主数据「员工」中（可填工号或姓名）")
    return person["name"]
