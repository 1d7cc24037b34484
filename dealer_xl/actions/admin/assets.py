"""Action ``admin assets``: the fixed-asset register of a month with straight-line depreciation.

For each asset on the books in the month (:func:`dealer_xl.ledger.assets.asset_lines`): 原值, the
monthly charge, the month's charge, 累计折旧 and 净值 at the month's end; the disposals of the month
with their 处置损益 (处置收入 − 净值); totals by 类别. Money goes through the input gate
(:func:`~dealer_xl.ledger.assets.register`, the rule the 总经理月报 uses too): an asset whose 原值,
dates, 残值率, 折旧年限, 状态 or 处置 cells validation calls an 错误 is not computed and is named with
the cell. The workbook ``报表/固定资产_<月份>.xlsx`` holds 折旧明细, 按类别 and
本月处置; JSON is one ``{asset_id, cost_fen, month_depreciation_fen, accumulated_fen, net_fen}`` per
asset computed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ...domain.money import ZERO
from ...io.report_writer import COUNT, DATE, MONEY, PERCENT
from ...jsonout import fen
from ...ledger.assets import AssetLine, as_of_day, register
from ...problems import Problem
from ...schema import admin_labels as L
from ...schema.admin import ASSET_CATEGORIES
from .common import Section, admin_ledger, admin_problems, text_table, write_pack

REGISTER = (L.ASSET_ID, L.ASSET_NAME, L.ASSET_CATEGORY, L.ASSET_DEPT, L.KEEPER, L.PURCHASE_DATE, L.COST,
            L.RESIDUAL_RATE, L.YEARS, L.MONTHLY_CHARGE, L.MONTH_CHARGE, L.ACCUMULATED, L.NET, L.STATUS)
BY_CATEGORY = (L.ASSET_CATEGORY, "项数", L.COST, L.MONTH_CHARGE, L.ACCUMULATED, L.NET)
DISPOSALS = (L.ASSET_ID, L.ASSET_NAME, L.DISPOSAL_DATE, L.COST, L.ACCUMULATED, L.NET, L.DISPOSAL_INCOME, L.GAIN)
MONEY_HEADERS = (L.COST, L.MONTHLY_CHARGE, L.MONTH_CHARGE, L.ACCUMULATED, L.NET, L.DISPOSAL_INCOME, L.GAIN)


@dataclass
class AssetsResult:
    """The register of a month.

    Attributes:
        month: 'YYYY-MM'.
        lines: the assets computed.
        refusals: one Chinese line per asset not computed (its 错误 named).
        problems: the 错误 that stopped them.
        workbook: the workbook written (None when not written).
    """

    month: str
    lines: list[AssetLine]
    refusals: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    workbook: Path | None = None
    problems_in_summary = True

    @property
    def held(self) -> list[AssetLine]:
        return [a for a in self.lines if a.held]

    @property
    def disposals(self) -> list[AssetLine]:
        return [a for a in self.lines if a.disposal_gain is not None]

    def total(self, attr: str, lines: list[AssetLine] | None = None) -> Decimal:
        return sum((getattr(a.position, attr) if attr != "cost" else a.asset.cost
                    for a in (self.lines if lines is None else lines)), ZERO)

    def summary(self) -> list[str]:
        """Totals, the table by 类别, the disposals, the assets not computed."""
        lines = [f"固定资产 {self.month}：{len(self.held)} 项在册，原值 {self.total('cost', self.held):,.2f}，"
                 f"本月折旧 {self.total('month_charge'):,.2f}，累计折旧 {self.total('accumulated', self.held):,.2f}，"
                 f"净值 {self.total('net', self.held):,.2f}"]
        lines += text_table(BY_CATEGORY, category_rows(self.lines), numeric=(False, True, True, True, True, True))
        for a in self.disposals:
            lines.append(f"本月处置 {a.asset_id} {a.row['name'] or ''}：处置收入 {a.row['disposal_income'] or ZERO:,.2f}，"
                         f"净值 {a.position.net:,.2f}，处置损益 {a.disposal_gain:,.2f}")
        lines += self.refusals
        if self.workbook:
            lines.append(f"明细：{self.workbook}")
        return lines

    def records(self) -> list[dict[str, Any]]:
        """``{asset_id, cost_fen, month_depreciation_fen, accumulated_fen, net_fen}`` per asset."""
        return [{"asset_id": a.asset_id, "cost_fen": fen(a.asset.cost), "month_depreciation_fen": fen(a.position.month_charge),
                 "accumulated_fen": fen(a.position.accumulated), "net_fen": fen(a.position.net)} for a in self.lines]


def category_rows(lines: list[AssetLine]) -> list[list]:
    """Per 类别 (in the schema's order) and a 合计 row: count, 原值, 本月折旧, 累计折旧, 净值 of the
    assets held at the month's end (the month's charge of every asset, disposed ones included)."""
    groups: dict[str, list[AssetLine]] = defaultdict(list)
    for a in lines:
        groups[a.row["category"]].append(a)
    rows = []
    for name in [c for c in ASSET_CATEGORIES if c in groups]:
        rows.append(_category_row(name, groups[name]))
    return rows + [_category_row(L.TOTAL, lines)]


def _category_row(name: str, lines: list[AssetLine]) -> list:
    held = [a for a in lines if a.held]
    return [name, len(held), sum((a.asset.cost for a in held), ZERO),
            sum((a.position.month_charge for a in lines), ZERO), sum((a.position.accumulated for a in held), ZERO),
            sum((a.position.net for a in held), ZERO)]


def admin_assets(source: Any, month: str, *, workbook: bool = True) -> AssetsResult:
    """The register of ``month`` of the books in ``source`` (see the module docstring)."""
    led = admin_ledger(source, sheets=("fixed_assets",))
    lines, refused = register(led, month, admin_problems(led))
    result = AssetsResult(month, lines, refused.refusals("资产"), refused.problems)
    if workbook:
        result.workbook = write_pack(led.books_dir, f"固定资产_{month}.xlsx", f"固定资产折旧 {month}",
                                     as_of_day(led, month), _sections(result))
    return result


def _sections(result: AssetsResult) -> list[Section]:
    money = dict.fromkeys(MONEY_HEADERS, MONEY)
    register = [[a.asset_id, a.row["name"], a.row["category"], a.row["dept"], a.keeper.name if a.keeper else None,
                 a.asset.purchased, a.asset.cost, a.asset.residual_rate, a.asset.years, a.monthly,
                 a.position.month_charge, a.position.accumulated, a.position.net, a.row["status"]] for a in result.lines]
    total = [L.TOTAL, None, None, None, None, None, result.total("cost"), None, None, None,
             result.total("month_charge"), result.total("accumulated"), result.total("net"), None]
    disposals = [[a.asset_id, a.row["name"], a.asset.disposed, a.asset.cost, a.position.accumulated, a.position.net,
                  a.row["disposal_income"] or ZERO, a.disposal_gain] for a in result.disposals]
    return [
        Section("折旧明细", REGISTER, register, money | {L.PURCHASE_DATE: DATE, L.RESIDUAL_RATE: PERCENT, L.YEARS: COUNT},
                total),
        Section("按类别", BY_CATEGORY, category_rows(result.lines), money | {"项数": COUNT}),
        Section("本月处置", DISPOSALS, disposals, money | {L.DISPOSAL_DATE: DATE}),
    ]
