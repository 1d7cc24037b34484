"""Receivable aging, five-level risk class and the 逾期/陈欠/呆死帐 split (DOMAIN §3), pure and exact.

As of a date, each installment's outstanding amount falls in exactly one bucket: 未到期 (not overdue:
due on or after the as-of date, see ``InstallmentState.days_overdue``), then by days overdue
1-30, 31-60, 61-90, 91-180, 181-365, 365以上 (upper bounds from the 参数 ``aging_buckets``). Bucket
amounts are the installments' exact outstanding amounts, so :func:`check_buckets` always holds: the
buckets add up to the contract's outstanding to the fen. The risk class and the contract's kind go
by its DPD; the split of amounts into 逾期/陈欠/呆死帐 goes per installment by its own days overdue.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .allocation import ContractPosition
from .money import ZERO
from .shares import shares

DEFAULT_BOUNDS = (30, 60, 90, 180, 365)
NOT_DUE = "未到期"
NORMAL, SPECIAL, SUBSTANDARD, DOUBTFUL, LOSS = "正常", "关注", "次级", "可疑", "损失"
RISK_CLASSES = (NORMAL, SPECIAL, SUBSTANDARD, DOUBTFUL, LOSS)
NON_PERFORMING = (SUBSTANDARD, DOUBTFUL, LOSS)
OVERDUE, LONG_OVERDUE, BAD_DEBT = "逾期", "陈欠", "呆死帐"
OVERDUE_KINDS = (OVERDUE, LONG_OVERDUE, BAD_DEBT)
WRITTEN_OFF = "核销"


def bucket_labels(bounds: Sequence[int] = DEFAULT_BOUNDS) -> tuple[str, ...]:
    """The bucket labels for upper ``bounds``: 未到期, 1-30, 31-60, …, 365以上."""
    labels, low = [NOT_DUE], 1
    for high in bounds:
        labels.append(f"{low}-{high}")
        low = high + 1
    labels.append(f"{bounds[-1]}以上")
    return tuple(labels)


def bucket_text_problem(text: object) -> str | None:
    """Why ``text`` is not a usable 账龄分段 (positive whole days, strictly increasing), or None."""
    parts = [p for p in re.split(r"[,，、;；\s]+", str(text or "").strip()) if p]
    if not parts:
        return "账龄分段为空"
    if not all(p.isdigit() for p in parts):
        return f"账龄分段「{text}」应为逗号分隔的天数，如 30,60,90,180,365"
    days = [int(p) for p in parts]
    if days[0] < 1 or any(b <= a for a, b in zip(days, days[1:], strict=False)):
        return f"账龄分段「{text}」应为递增的正整数天数"
    return None


def parse_buckets(text: object) -> tuple[int, ...]:
    """Upper bounds from text like "30,60,90,180,365" (full-width commas, 、 and spaces accepted).

    Unusable text (see :func:`bucket_text_problem`) gives :data:`DEFAULT_BOUNDS`; never raises.
    """
    if bucket_text_problem(text) is not None:
        return DEFAULT_BOUNDS
    return tuple(int(p) for p in re.split(r"[,，、;；\s]+", str(text).strip()) if p)


def aging_bucket(days_overdue: int, bounds: Sequence[int] = DEFAULT_BOUNDS) -> str:
    """The bucket label of an amount ``days_overdue`` days overdue (0 or less: 未到期)."""
    if days_overdue <= 0:
        return NOT_DUE
    low = 1
    for high in bounds:
        if days_overdue <= high:
            return f"{low}-{high}"
        low = high + 1
    return f"{bounds[-1]}以上"


def risk_class(dpd: int, special: int = 90, doubtful: int = 270, loss: int = 360) -> str:
    """五级分类 by DPD: 正常 (0), 关注 (1…special), 次级 (> special), 可疑 (> doubtful), 损失 (> loss)."""
    if dpd <= 0:
        return NORMAL
    if dpd <= special:
        return SPECIAL
    if dpd <= doubtful:
        return SUBSTANDARD
    return DOUBTFUL if dpd <= loss else LOSS


def overdue_kind(dpd: int, long_overdue_days: int = 180, bad_debt_days: int = 360,
                 status: str | None = None) -> str:
    """'' (not overdue), 逾期 (≤ long_overdue_days), 陈欠 (older), 呆死帐 (> bad_debt_days).

    A contract with status 核销 is 呆死帐 whenever it has anything overdue.
    """
    if dpd <= 0:
        return ""
    if status == WRITTEN_OFF or dpd > bad_debt_days:
        return BAD_DEBT
    return OVERDUE if dpd <= long_overdue_days else LONG_OVERDUE


def aging_options(params: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments of :func:`age_installments` from the 参数 values (defaults when absent)."""
    return {"bounds": parse_buckets(params.get("aging_buckets", "30,60,90,180,365")),
            "long_overdue_days": int(params.get("long_overdue_days", 180)),
            "bad_debt_days": int(params.get("bad_debt_days", 360)),
            "risk_days": (int(params.get("risk_special_days", 90)), int(params.get("risk_doubtful_days", 270)),
                          int(params.get("risk_loss_days", 360)))}


@dataclass(frozen=True, slots=True)
class InstallmentAging:
    """The aging of one installment with something outstanding.

    Attributes:
        period: 期数.
        due_date: 应还日期.
        outstanding: 未还金额 (principal + interest, penalty excluded).
        days_overdue: 逾期天数 (0 when not yet overdue).
        bucket: its bucket label.
        kind: '' (not overdue), 逾期, 陈欠 or 呆死帐.
    """

    period: int
    due_date: date
    outstanding: Decimal
    days_overdue: int
    bucket: str
    kind: str


@dataclass(frozen=True, slots=True)
class ContractAging:
    """A contract's aging as of a date.

    Attributes:
        contract_no: 合同编号.
        as_of: the as-of date.
        installments: aging of each installment with something outstanding, in period order.
        buckets: every bucket label (in order, zero included) → amount; sums to ``outstanding``.
        outstanding: total outstanding (principal + interest).
        overdue: the overdue part of it.
        dpd: days past due of the contract.
        risk_class: 五级分类 by DPD.
        kind: the contract's 逾期/陈欠/呆死帐 kind by DPD ('' when nothing is overdue).
        kind_amounts: 逾期, 陈欠, 呆死帐 → overdue amount by each installment's own kind; sums to ``overdue``.
    """

    contract_no: str
    as_of: date
    installments: tuple[InstallmentAging, ...]
    buckets: dict[str, Decimal]
    outstanding: Decimal
    overdue: Decimal
    dpd: int
    risk_class: str
    kind: str
    kind_amounts: dict[str, Decimal]


def age_installments(position: ContractPosition, *, bounds: Sequence[int] = DEFAULT_BOUNDS,
                     long_overdue_days: int = 180, bad_debt_days: int = 360,
                     risk_days: tuple[int, int, int] = (90, 270, 360),
                     status: str | None = None) -> ContractAging:
    """Per-installment buckets and the contract summary of ``position`` (see the module docstring)."""
    labels = bucket_labels(bounds)
    buckets = dict.fromkeys(labels, ZERO)
    kinds = dict.fromkeys(OVERDUE_KINDS, ZERO)
    ordered = all(a < b for a, b in zip(bounds, bounds[1:], strict=False))  # then a bucket is found by bisection
    as_of = position.as_of
    rows = []
    for s in position.installments:
        outstanding = s.outstanding
        if outstanding <= 0:
            continue
        due = s.due_date
        if due >= as_of:  # not overdue (InstallmentState.days_overdue, its outstanding being positive)
            rows.append(_new_aging(s.period, due, outstanding, 0, NOT_DUE, ""))
            buckets[NOT_DUE] += outstanding
            continue
        days = (as_of - due).days
        bucket = labels[bisect_left(bounds, days) + 1] if ordered else aging_bucket(days, bounds)
        kind = overdue_kind(days, long_overdue_days, bad_debt_days, status)
        rows.append(_new_aging(s.period, due, outstanding, days, bucket, kind))
        buckets[bucket] += outstanding
        if kind:
            kinds[kind] += outstanding
    dpd = position.dpd
    return ContractAging(position.contract_no, position.as_of, tuple(rows), buckets, position.outstanding,
                         position.overdue, dpd, risk_class(dpd, *risk_days),
                         overdue_kind(dpd, long_overdue_days, bad_debt_days, status), kinds)


_SLOTS = {name: InstallmentAging.__dict__[name].__set__ for name in InstallmentAging.__slots__}


def _new_aging(period: int, due_date: date, outstanding: Decimal, days_overdue: int, bucket: str, kind: str,
               _new=object.__new__, _period=_SLOTS["period"], _due_date=_SLOTS["due_date"],
               _outstanding=_SLOTS["outstanding"], _days_overdue=_SLOTS["days_overdue"],
               _bucket=_SLOTS["bucket"], _kind=_SLOTS["kind"]) -> InstallmentAging:
    """``InstallmentAging(period, …, kind)``, the same object, made by setting each slot directly (a
    frozen dataclass's ``__init__`` goes through ``object.__setattr__`` once per field)."""
    row = _new(InstallmentAging)
    _period(row, period)
    _due_date(row, due_date)
    _outstanding(row, outstanding)
    _days_overdue(row, days_overdue)
    _bucket(row, bucket)
    _kind(row, kind)
    return row


def check_buckets(total: Decimal, buckets: Mapping[str, Decimal] | Iterable[Decimal]) -> bool:
    """True when the bucket amounts add up exactly to ``total`` (the report's check line)."""
    amounts = buckets.values() if isinstance(buckets, Mapping) else buckets
    return sum(amounts, ZERO) == total


def add_buckets(items: Iterable[Mapping[str, Decimal]]) -> dict[str, Decimal]:
    """Label-wise sum of bucket (or class, or kind) mappings, keeping first-seen label order."""
    total: dict[str, Decimal] = {}
    for item in items:
        for label, amount in item.items():
            total[label] = total.get(label, ZERO) + amount
    return total


def structure_ratio(amounts: Mapping[str, Decimal], places: int = 4) -> dict[str, Decimal]:
    """Each key's share of the total summing exactly to 1: :func:`dealer_xl.domain.shares.shares`."""
    return shares(amounts, places)
