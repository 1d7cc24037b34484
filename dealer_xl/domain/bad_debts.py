"""The 呆死帐追缴 list: written-off debt still pursued, and the candidates for write-off (DOMAIN §3).

A contract is on the list when it is written off (a 核销记录 row, or status 核销) or more than
参数 bad_debt_days past due. For a written-off contract, ``written_off`` is the 核销记录 total
(本金 + 利息 + 罚息; the position's outstanding + penalty when the row is missing), ``recovered``
every receipt dated after the write-off date, and ``pursued`` = written_off − recovered, never
below 0 (what legal and credit staff still chase; :func:`standing`, the 已核销余额 of the
contract). For a candidate, ``written_off`` and ``recovered`` are 0 and ``pursued`` is what it owes
now. :func:`written_off_aging` takes a written-off contract off the receivables: its aging holds
only its 已核销 bucket (the amount still pursued), nothing overdue, class and kind 已核销. Pure:
positions and rows are passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .allocation import ContractPosition
from .money import ZERO
from .repossession import RECOVERY


@dataclass(frozen=True, slots=True)
class PursuitRow:
    """One contract of the 呆死帐追缴 list.

    Attributes:
        contract_no: 合同编号.
        customer: 客户名称.
        guarantor: 担保人 (as typed).
        collector: 催收责任人.
        kind: 已核销 or 核销候选.
        writeoff_date: 核销日期 (None for a candidate).
        written_off: amount written off.
        recovered: receipts after the write-off.
        pursued: what is still pursued.
        dpd: days past due as of the list's date.
        case_no: the latest 诉讼案件 of the contract, '' when none.
        stage: its 阶段.
        next_hearing: its 下次开庭日期.
    """

    contract_no: str
    customer: str
    guarantor: str
    collector: str
    kind: str
    writeoff_date: date | None
    written_off: Decimal
    recovered: Decimal
    pursued: Decimal
    dpd: int
    case_no: str = ""
    stage: str = ""
    next_hearing: date | None = None


def writeoff_total(row: Mapping[str, Any]) -> Decimal:
    """核销本金 + 核销利息 + 核销罚息 of a 核销记录 row (missing parts count 0)."""
    return sum(((row.get(f) or ZERO) for f in ("principal", "interest", "penalty")), ZERO)


def recovered(position: ContractPosition) -> Decimal:
    """Receipts on a written-off contract after its write-off date (kind ``recovery``)."""
    return sum((a.payment.amount for a in position.applications if a.payment.kind == RECOVERY), ZERO)


def standing(writeoff: Mapping[str, Any] | None, position: ContractPosition) -> tuple[Decimal, Decimal, Decimal]:
    """(written off, recovered since, still pursued) of a written-off contract: the 核销记录 total (the
    position's principal, interest and penalty owed plus what was recovered, when the row is
    missing), the receipts after the write-off, and their difference, never below 0."""
    back = recovered(position)
    total = writeoff_total(writeoff) if writeoff else position.outstanding + position.penalty_outstanding + back
    return total, back, max(total - back, ZERO)


def pursuit_row(file: Any, position: ContractPosition, cases: Iterable[Mapping[str, Any]],
                bad_debt_days: int) -> PursuitRow | None:
    """The list's row for one contract (``file`` a ContractFile), None when it is not on the list."""
    written = file.written_off
    if not written and position.dpd <= bad_debt_days:
        return None
    owed = position.outstanding + position.penalty_outstanding
    total, back, pursued = standing(file.writeoff, position) if written else (ZERO, ZERO, owed)
    latest = max(cases, key=lambda c: c.get("filing_date") or date.min, default=None)
    return PursuitRow(
        file.contract_no, file.customer_name, str(file.contract.get("guarantor") or ""), file.collector,
        "已核销" if written else "核销候选", (file.writeoff or {}).get("date"), total, back, pursued, position.dpd,
        (latest or {}).get("case_no") or "", (latest or {}).get("stage") or "", (latest or {}).get("next_hearing"))


WRITTEN_OFF_LABEL = "已核销"


def written_off_aging(aging: Any, pursued: Decimal | None) -> Any:
    """The aging with an 已核销 bucket. A written-off contract (``pursued`` its 已核销余额, see
    :func:`standing`) is off the receivables: its only amount is 已核销 = ``pursued`` (its outstanding
    too), nothing is overdue, its installments are not listed and its class and kind are 已核销. Any
    other contract (``pursued`` None) gets 已核销 = 0. So the buckets of every contract add up to
    its outstanding, the 已核销 bucket to the 已核销余额 and the others to the 应收余额."""
    from dataclasses import replace

    if pursued is None:
        return replace(aging, buckets={**aging.buckets, WRITTEN_OFF_LABEL: ZERO})
    return replace(aging, buckets={**dict.fromkeys(aging.buckets, ZERO), WRITTEN_OFF_LABEL: pursued},
                   installments=(), outstanding=pursued, overdue=ZERO, risk_class=WRITTEN_OFF_LABEL,
                   kind=WRITTEN_OFF_LABEL, kind_amounts=dict.fromkeys(aging.kind_amounts, ZERO))
