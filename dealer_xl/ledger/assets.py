"""The fixed-asset register of 综合管理台账 on a month's books: depreciation, net values, disposals.

:func:`asset_lines` gives one :class:`AssetLine` per asset on the books at some time in the month
(bought by its last day, not disposed before its first day), as of the month's last day or today,
whichever is earlier (nothing dated after it counts: an asset bought later is not there, one
disposed later is still held). 残值率 and 折旧年限 not typed are taken from 参数
(``asset_residual_rate``; ``asset_years_*`` by 类别, the minimum years for tax); an asset without
原值, 购置日期 or a known 类别 cannot be depreciated and is left out (validation reports it).

Money goes through the input gate (:mod:`dealer_xl.ledger.gate`): :data:`USES` is what the register
reads; :func:`register` is the month's register without the assets validation's problems stop (an 错误
in 资产编号, 类别, 购置日期, 原值, 残值率, 折旧年限, 状态, 处置日期 or 处置收入) and what it left out.

The figures (each defined once, here, on the books of a day ``day``, over :func:`register` given
validation's problems on those books; flows over the month of ``day``). ``admin assets`` and the
总经理月报 show them:

- :func:`month_depreciation` 本月折旧 — Σ the month's charge of every asset;
- :func:`assets_cost` 固定资产原值 — Σ 原值 of the assets held at the month's end;
- :func:`assets_net` 固定资产净值 — Σ net value (原值 − 累计折旧) of the assets held at the month's end;
- :func:`disposal_gain` 处置损益 — Σ (处置收入 − net value) of the disposals dated in the month.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..domain.depreciation import Asset, Position, depreciation, disposal_result, monthly_charge, residual
from ..domain.money import ZERO
from ..domain.monthly import month_range
from ..problems import Problem
from ..schema import labels
from ..schema.admin import YEARS_PARAM
from . import load
from .admin_view import Person, Refused, entries, person, refused, unit_kind
from .gate import Uses
from .model import Ledger

#: what the register reads (the input gate refuses an asset by its 资产编号)
USES = (Uses("admin", "fixed_assets", ("asset_id", "category", "purchase_date", "cost", "residual_rate", "years",
                                       "status", "disposal_date", "disposal_income"), "asset_id"),)


@dataclass(frozen=True, slots=True)
class AssetLine:
    """One asset in the month's register.

    Attributes:
        asset_id: 资产编号.
        row: the register row (as of the day).
        excel_row: its row in the workbook.
        asset: the terms depreciation uses (rate and years filled in from 参数 when not typed).
        position: the month's charge, 累计折旧 and 净值 at the month's end.
        monthly: the regular monthly charge.
        residual: 残值.
        keeper: the 保管人.
        disposal_gain: 处置损益 when disposed by the month's end, else None.
    """

    asset_id: str
    row: dict
    excel_row: int
    asset: Asset
    position: Position
    monthly: Decimal
    residual: Decimal
    keeper: Person | None
    disposal_gain: Decimal | None

    @property
    def held(self) -> bool:
        """True when the asset is still on the books at the month's end."""
        return self.asset.disposed is None


def as_of_day(led: Ledger, month: str) -> date:
    """The day a month is seen from: its last day, or today when the month has not ended."""
    return min(month_range(month)[1], led.today)


def asset_terms(led: Ledger, row: dict) -> Asset | None:
    """The depreciation terms of a 固定资产 row (None when it lacks 原值, 购置日期 or a known 类别)."""
    years = row["years"] or led.params.get(YEARS_PARAM.get(row["category"], ""))
    if row["cost"] is None or row["purchase_date"] is None or not years:
        return None
    rate = row["residual_rate"] if row["residual_rate"] is not None else led.decimal("asset_residual_rate")
    return Asset(row["cost"], Decimal(rate), int(years), row["purchase_date"], row["disposal_date"])


def asset_lines(led: Ledger, month: str, exclude: Collection[str | None] = ()) -> list[AssetLine]:
    """The register of ``month`` (see the module docstring); ``exclude``: 资产编号 not to compute."""
    first, last = month_range(month)
    day = as_of_day(led, month)
    out = []
    for e in entries(led, "fixed_assets", day):
        row = e.row
        if row["asset_id"] is None or str(row["asset_id"]) in exclude:
            continue
        asset = asset_terms(led, row)
        if asset is None or (asset.disposed is not None and asset.disposed < first):
            continue
        position = depreciation(asset, last.year, last.month)
        gain = disposal_result(asset, row["disposal_income"])
        out.append(AssetLine(str(row["asset_id"]), row, e.excel_row, asset, position, monthly_charge(asset),
                             residual(asset), person(led, row["keeper"]), gain))
    return out


def asset_branch(led: Ledger, line: AssetLine) -> str | None:
    """The 分公司 an asset is counted at: its 使用部门 when that names a branch, else its 保管人's."""
    dept = line.row["dept"]
    if dept and unit_kind(led, dept) == labels.BRANCH:
        return str(dept)
    return line.keeper.branch if line.keeper else None


def refused_assets(led: Ledger, problems: list[Problem]) -> Refused:
    """The assets (资产编号) the input gate keeps out of the register, given validation's ``problems``
    of ``led``."""
    ids = {str(r["asset_id"]) for r in led.rows("admin", "fixed_assets") if r["asset_id"] is not None}
    return refused(led, USES, problems, ids)


def register(led: Ledger, month: str, problems: list[Problem]) -> tuple[list[AssetLine], Refused]:
    """The register of ``month`` (:func:`asset_lines`) without the assets :func:`refused_assets`
    refuses, and those."""
    stopped = refused_assets(led, problems)
    return asset_lines(led, month, stopped.exclude), stopped


def _month(day: date) -> str:
    return f"{day:%Y-%m}"


def _lines(led: Ledger, day: date, problems: list[Problem]) -> list[AssetLine]:
    return register(load(led, today=day), _month(day), problems)[0]


def month_depreciation(led: Ledger, day: date, problems: list[Problem]) -> Decimal:
    """本月折旧: Σ the charge of the month of ``day`` over the register on ``day`` (``problems``:
    validation's on the books seen on ``day``)."""
    return sum((a.position.month_charge for a in _lines(led, day, problems)), ZERO)


def assets_cost(led: Ledger, day: date, problems: list[Problem]) -> Decimal:
    """固定资产原值: Σ 原值 of the assets held at the end of the month of ``day`` (seen on ``day``)."""
    return sum((a.asset.cost for a in _lines(led, day, problems) if a.held), ZERO)


def assets_net(led: Ledger, day: date, problems: list[Problem]) -> Decimal:
    """固定资产净值: Σ 净值 of the assets held at the end of the month of ``day`` (seen on ``day``)."""
    return sum((a.position.net for a in _lines(led, day, problems) if a.held), ZERO)


def disposal_gain(led: Ledger, day: date, problems: list[Problem]) -> Decimal:
    """处置损益: Σ (处置收入 − 净值) of the disposals dated in the month of ``day`` (seen on ``day``)."""
    first, _ = month_range(_month(day))
    return sum((a.disposal_gain for a in _lines(led, day, problems)
                if a.disposal_gain is not None and a.asset.disposed >= first), ZERO)
