"""Vehicle costs of a month from 综合管理台账 车辆费用: per vehicle, per 使用部门/分公司, and in total.

A cost counts in the month of its 日期, as paid (an insurance premium paid in March is March's), on
the books as of the month's last day or today, whichever is earlier (nothing dated after it
counts). The 8 类别 fall in five groups (:data:`GROUPS`): 燃油; 过路; 维修保养 (维修, 保养); 保险;
其他 (年检, 违章, 其他). Given a cost whose 车牌号 is not in 车辆, :func:`vehicle_costs` counts it
(money is not dropped) under an unregistered vehicle with an empty unit — validation calls that
车牌号 an 错误, so the gate below refuses it and names the cell. Distance and fuel per 100 km come from the 里程
readings of 车辆费用 (:mod:`dealer_xl.domain.vehicles`).

Money goes through the input gate (:mod:`dealer_xl.ledger.gate`): :data:`USES` is what the costs
read, :func:`refused_vehicles` the vehicles validation's problems stop — a vehicle with an 错误 in a
cell used (a cost row's 日期, 车牌号, 类别, 金额, 里程, or its own 使用部门/分公司 and 状态) is left out
whole (the rows without a 车牌号 too, when one of them has an 错误).

For ``finance pnl`` (vehicle costs as expenses, issue #26; the P&L does not take them yet):
:func:`unit_costs` — the month's costs per 使用部门/分公司, each with its five groups and total; their
totals add up to :func:`vehicle_cost`.

The figure (defined once, here; ``admin vehicles`` and the 总经理月报 show it): :func:`vehicle_cost`
车辆费用 — Σ 金额 of the 车辆费用 rows dated in the month of ``day``, up to ``day``, of the vehicles the
input gate lets through.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..domain.money import ZERO
from ..domain.monthly import month_range
from ..domain.vehicles import FuelUse, fuel_per_100km, km_driven
from ..problems import Problem
from . import load
from .admin_view import Person, Refused, entries, person, refused, unit_kind
from .assets import as_of_day
from .gate import Uses
from .model import Ledger

GROUPS = {"燃油": "fuel", "过路": "tolls", "维修": "repairs", "保养": "repairs", "保险": "insurance",
          "年检": "other", "违章": "other", "其他": "other"}
FUEL = "燃油"
#: what the month's costs read (the input gate refuses a vehicle by its 车牌号)
USES = (Uses("admin", "vehicle_costs", ("date", "plate", "category", "amount", "odometer_km"), "plate"),
        Uses("admin", "vehicles", ("unit", "status"), "plate"))


@dataclass
class Costs:
    """Costs in the five groups.

    Attributes:
        fuel: 燃油.
        tolls: 过路.
        repairs: 维修 and 保养.
        insurance: 保险.
        other: 年检, 违章 and 其他.
    """

    fuel: Decimal = ZERO
    tolls: Decimal = ZERO
    repairs: Decimal = ZERO
    insurance: Decimal = ZERO
    other: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.fuel + self.tolls + self.repairs + self.insurance + self.other

    def __add__(self, other: Costs) -> Costs:
        return Costs(self.fuel + other.fuel, self.tolls + other.tolls, self.repairs + other.repairs,
                     self.insurance + other.insurance, self.other + other.other)

    def add(self, category: str | None, amount: Decimal) -> None:
        name = GROUPS.get(category or "", "other")
        setattr(self, name, getattr(self, name) + amount)


@dataclass
class VehicleCost:
    """One vehicle's month.

    Attributes:
        plate: 车牌号.
        registered: False when the plate is not in 车辆.
        unit: its 使用部门/分公司 ('' when not given or unregistered).
        unit_kind: 分公司, 部门 or None.
        driver: its 责任司机.
        costs: the month's costs by group.
        km: distance driven in the month (None without two readings).
        fuel: fuel cost per 100 km (None without a fuel leg ending in the month).
    """

    plate: str
    registered: bool
    unit: str
    unit_kind: str | None
    driver: Person | None
    costs: Costs = field(default_factory=Costs)
    km: Decimal | None = None
    fuel: FuelUse | None = None


@dataclass
class UnitCost:
    """The month's vehicle costs of one 使用部门/分公司 (what ``finance pnl`` books as expenses).

    Attributes:
        unit: the 使用部门/分公司 as typed in 车辆 ('' for vehicles without one and unregistered plates).
        unit_kind: 分公司, 部门 or None (unknown or empty).
        costs: the five groups; ``costs.total`` is the unit's vehicle cost.
        vehicles: how many vehicles had costs.
    """

    unit: str
    unit_kind: str | None
    costs: Costs = field(default_factory=Costs)
    vehicles: int = 0


def vehicle_costs(led: Ledger, month: str, exclude: Collection[str | None] = ()) -> list[VehicleCost]:
    """Every vehicle of 车辆 in use in the month and every plate with costs in it, by unit and 车牌号
    (a cost without 车牌号 under plate ''); ``exclude``: plates not to compute (their rows have 错误;
    None: the rows without a plate)."""
    first, last = month_range(month)
    day = as_of_day(led, month)
    known = {e.row["plate"]: e.row for e in entries(led, "vehicles", day) if e.row["plate"]}
    out = {plate: _line(led, plate, row) for plate, row in known.items()
           if plate not in exclude and row["status"] != "已处置"}
    readings: dict[str, list] = defaultdict(list)
    fills: dict[str, list] = defaultdict(list)
    for e in entries(led, "vehicle_costs", day):
        row = e.row
        if row["plate"] in exclude or row["date"] is None:
            continue
        plate = row["plate"] or ""
        if row["odometer_km"] is not None:
            readings[plate].append((row["date"], row["odometer_km"]))
        if row["category"] == FUEL and row["amount"] is not None:
            fills[plate].append((row["date"], row["amount"], row["odometer_km"]))
        if first <= row["date"] <= last and row["amount"] is not None:
            if plate not in out:
                out[plate] = _line(led, plate, known.get(plate))
            out[plate].costs.add(row["category"], row["amount"])
    for plate, line in out.items():
        line.km = km_driven(readings[plate], first, last)
        line.fuel = fuel_per_100km(fills[plate], first, last)
    return sorted(out.values(), key=lambda v: (v.unit, v.plate))


def _line(led: Ledger, plate: str, row: dict | None) -> VehicleCost:
    if row is None:
        return VehicleCost(plate, False, "", None, None)
    return VehicleCost(plate, True, row["unit"] or "", unit_kind(led, row["unit"]), person(led, row["driver"]))


def unit_costs(led: Ledger, month: str, exclude: Collection[str | None] = ()) -> list[UnitCost]:
    """THE vehicle cost of ``month`` per 使用部门/分公司 (see the module docstring), by unit."""
    units: dict[str, UnitCost] = {}
    for v in vehicle_costs(led, month, exclude):
        if v.costs.total == 0:
            continue
        unit = units.setdefault(v.unit, UnitCost(v.unit, v.unit_kind))
        unit.costs += v.costs
        unit.vehicles += 1
    return sorted(units.values(), key=lambda u: (u.unit == "", u.unit))


def refused_vehicles(led: Ledger, problems: list[Problem]) -> Refused:
    """The vehicles (车牌号 of 车辆 and 车辆费用) the input gate keeps out of the costs, given
    validation's ``problems`` of ``led``."""
    plates = {str(r["plate"]) for s in ("vehicles", "vehicle_costs") for r in led.rows("admin", s) if r["plate"]}
    return refused(led, USES, problems, plates)


def vehicle_cost(led: Ledger, day: date, problems: list[Problem]) -> Decimal:
    """车辆费用: Σ 金额 of the 车辆费用 rows dated from the first day of the month of ``day`` to ``day``,
    of the vehicles :func:`refused_vehicles` lets through (``problems``: validation's on the books seen
    on ``day``) — the total of :func:`unit_costs` of that month seen on ``day``."""
    view = load(led, today=day)
    exclude = refused_vehicles(view, problems).exclude
    return sum((u.costs.total for u in unit_costs(view, f"{day:%Y-%m}", exclude)), ZERO)
