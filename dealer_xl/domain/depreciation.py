"""Straight-line depreciation of a fixed asset (DOMAIN §5a), pure.

Source: 企业所得税法实施条例 第五十九条 (straight line; from the month after the asset is put into use,
here its 购置日期; stopping from the month after it stops being used) and the accounting rule that
goes with it (当月增加的固定资产当月不提折旧，当月减少的当月照提): an asset that leaves in a month
(报废, 处置) is still depreciated in that month and no more from the next. The monthly charge is

    monthly = 原值 × (1 − 残值率) / (年限 × 12), rounded to 0.01 yuan half up,

and the depreciation stops when the net value reaches the residual value 原值 × 残值率 (rounded to the
fen): the last month takes what is left, so the accumulated depreciation of a fully depreciated asset
equals 原值 − 残值 exactly and the net value equals the residual exactly, to the fen.

:func:`depreciation` gives, for one asset and one month, the month's charge, the accumulated
depreciation at the month's end and the net value; :func:`disposal_result` the gain or loss of a
disposal (处置收入 − net value after the disposal month's charge). Minimum years for tax (企业所得税法
实施条例 第六十条) are parameters (参数 ``asset_years_*``), passed in by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .money import ZERO, round_cents


@dataclass(frozen=True, slots=True)
class Asset:
    """What depreciation needs of a 固定资产 row.

    Attributes:
        cost: 原值.
        residual_rate: 残值率 (0.05 for 5 %).
        years: 折旧年限.
        purchased: 购置日期.
        disposed: 处置日期 (None while held).
    """

    cost: Decimal
    residual_rate: Decimal
    years: int
    purchased: date
    disposed: date | None = None


@dataclass(frozen=True, slots=True)
class Position:
    """An asset at the end of one month.

    Attributes:
        month_charge: the month's depreciation.
        accumulated: 累计折旧 at the month's end.
        net: 净值 = 原值 − 累计折旧.
        months: how many months have been charged so far.
    """

    month_charge: Decimal
    accumulated: Decimal
    net: Decimal
    months: int


def _index(day: date) -> int:
    return day.year * 12 + day.month - 1


def monthly_charge(asset: Asset) -> Decimal:
    """原值 × (1 − 残值率) / (年限 × 12), rounded to the fen half up."""
    return round_cents(depreciable(asset) / (asset.years * 12))


def residual(asset: Asset) -> Decimal:
    """The residual value 原值 × 残值率, rounded to the fen half up."""
    return round_cents(asset.cost * asset.residual_rate)


def depreciable(asset: Asset) -> Decimal:
    """What is depreciated over the asset's life: 原值 − 残值."""
    return asset.cost - residual(asset)


def accumulated_after(asset: Asset, months: int) -> Decimal:
    """累计折旧 after ``months`` charged months (the last month takes the remainder)."""
    if months <= 0:
        return ZERO
    if months >= asset.years * 12:
        return depreciable(asset)
    return min(monthly_charge(asset) * months, depreciable(asset))


def charged_months(asset: Asset, year: int, month: int) -> int:
    """How many months are charged up to and including ``year``-``month``: from the month after
    purchase, at most through the disposal month."""
    last = year * 12 + month - 1
    if asset.disposed is not None:
        last = min(last, _index(asset.disposed))
    return max(0, last - _index(asset.purchased))


def depreciation(asset: Asset, year: int, month: int) -> Position:
    """The asset's charge for ``year``-``month``, and its accumulated depreciation and net value then."""
    n = charged_months(asset, year, month)
    before = charged_months(asset, *_previous(year, month))
    accumulated = accumulated_after(asset, n)
    charge = accumulated - accumulated_after(asset, before)
    return Position(charge, accumulated, asset.cost - accumulated, n)


def _previous(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def disposal_result(asset: Asset, income: Decimal | None) -> Decimal | None:
    """处置损益 = 处置收入 − net value at the end of the disposal month (None when not disposed)."""
    if asset.disposed is None:
        return None
    at = depreciation(asset, asset.disposed.year, asset.disposed.month)
    return (income or ZERO) - at.net
