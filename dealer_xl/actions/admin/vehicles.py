"""Action ``admin vehicles``: the month's cost per vehicle and per 使用部门/分公司.

Per vehicle (:func:`dealer_xl.ledger.vehicle_costs.vehicle_costs`): 燃油, 过路, 维修保养, 保险, 其他 and
合计 of the costs dated in the month, the distance driven and the fuel cost per 100 km where the
readings allow; per 使用部门/分公司 the same sums (:func:`~dealer_xl.ledger.vehicle_costs.unit_costs`,
what ``finance pnl`` is to take as expenses). Money goes through the input gate
(:func:`~dealer_xl.ledger.vehicle_costs.refused_vehicles`, the rule the 总经理月报 uses too): a vehicle
with a cost row (or its own 使用部门/分公司 and 状态) that validation calls an 错误 is not computed and is
named with the cell. The workbook ``报表/车辆费用_<月份>.xlsx`` holds 按车辆 and 按部门; JSON is one object per
vehicle: ``plate, unit, fuel, tolls, repairs, insurance, other, total, km, fuel_per_100km`` (yuan with
two decimals, km as a number, null where not known).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ...domain.money import ZERO
from ...io.report_writer import COUNT, MONEY
from ...ledger.assets import as_of_day
from ...ledger.vehicle_costs import Costs, UnitCost, VehicleCost, refused_vehicles, unit_costs, vehicle_costs
from ...problems import Problem
from ...schema import admin_labels as L
from .common import Section, admin_ledger, admin_problems, text_table, write_pack

GROUPS = (L.FUEL, L.TOLLS, L.REPAIRS, L.INSURANCE, L.OTHER, L.TOTAL)
BY_VEHICLE = (L.PLATE, L.UNIT, L.DRIVER, *GROUPS, L.KM, L.FUEL_PER_100KM)
BY_UNIT = (L.UNIT, "车辆数", *GROUPS)
UNREGISTERED = "（未登记车辆）"


def _groups(c: Costs) -> list[Decimal]:
    return [c.fuel, c.tolls, c.repairs, c.insurance, c.other, c.total]


@dataclass
class VehiclesResult:
    """The vehicle costs of a month.

    Attributes:
        month: 'YYYY-MM'.
        vehicles: per vehicle.
        units: per 使用部门/分公司.
        refusals: one Chinese line per vehicle not computed.
        problems: the 错误 that stopped them.
        workbook: the workbook written (None when not written).
    """

    month: str
    vehicles: list[VehicleCost]
    units: list[UnitCost]
    refusals: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    workbook: Path | None = None
    problems_in_summary = True

    @property
    def total(self) -> Decimal:
        return sum((u.costs.total for u in self.units), ZERO)

    def summary(self) -> list[str]:
        """The total, the table per vehicle, the vehicles not computed."""
        lines = [f"车辆费用 {self.month}：{sum(1 for v in self.vehicles if v.costs.total)} 辆车有费用，"
                 f"合计 {self.total:,.2f}"]
        lines += text_table(BY_VEHICLE, _vehicle_rows(self.vehicles), numeric=(False,) * 3 + (True,) * 8)
        lines += self.refusals
        if self.workbook:
            lines.append(f"明细：{self.workbook}")
        return lines

    def records(self) -> list[dict[str, Any]]:
        """One object per vehicle (see the module docstring)."""
        return [{"plate": v.plate, "unit": v.unit, "fuel": v.costs.fuel, "tolls": v.costs.tolls,
                 "repairs": v.costs.repairs, "insurance": v.costs.insurance, "other": v.costs.other,
                 "total": v.costs.total, "km": None if v.km is None else int(v.km),
                 "fuel_per_100km": v.fuel.per_100km if v.fuel else None} for v in self.vehicles]


def _vehicle_rows(vehicles: list[VehicleCost]) -> list[list]:
    rows = [[v.plate or UNREGISTERED, v.unit if v.registered else UNREGISTERED, v.driver.name if v.driver else None,
             *_groups(v.costs), None if v.km is None else int(v.km), v.fuel.per_100km if v.fuel else None] for v in vehicles]
    total = sum((v.costs for v in vehicles), Costs())
    return rows + [[L.TOTAL, None, None, *_groups(total), None, None]]


def admin_vehicles(source: Any, month: str, *, workbook: bool = True) -> VehiclesResult:
    """The vehicle costs of ``month`` of the books in ``source`` (see the module docstring)."""
    led = admin_ledger(source, sheets=("vehicles", "vehicle_costs"))
    refused = refused_vehicles(led, admin_problems(led))
    result = VehiclesResult(month, vehicle_costs(led, month, refused.exclude), unit_costs(led, month, refused.exclude),
                            refused.refusals("车辆"), refused.problems)
    if workbook:
        money = dict.fromkeys(GROUPS, MONEY) | {L.FUEL_PER_100KM: MONEY}
        units = [[u.unit or UNREGISTERED, u.vehicles, *_groups(u.costs)] for u in result.units]
        total = [L.TOTAL, sum(u.vehicles for u in result.units), *_groups(sum((u.costs for u in result.units), Costs()))]
        result.workbook = write_pack(led.books_dir, f"车辆费用_{month}.xlsx", f"车辆费用 {month}", as_of_day(led, month), [
            Section("按车辆", BY_VEHICLE, _vehicle_rows(result.vehicles)[:-1], money | {L.KM: COUNT},
                    _vehicle_rows(result.vehicles)[-1]),
            Section("按部门", BY_UNIT, units, money | {"车辆数": COUNT}, total)])
    return result

