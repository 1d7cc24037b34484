"""The demo company's fixed catalogue: branches and regions, manufacturers, models and parts.

Nothing here is random: the same three branches, three manufacturers, fifteen models and one
hundred parts at every scale and seed. Records carry exactly the fields of their sheet in
:mod:`dealer_xl.schema.master` (same names, same order); :class:`ModelTraits` adds what the
generator needs and the books do not show (serial style, hours worked per month).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..domain.money import round_cents
from ..schema import NO, YES
from .people import COUNTIES, County

D = Decimal
_COUNTY = {c.name: c for c in COUNTIES}


@dataclass(frozen=True, slots=True)
class Branch:
    """A branch (分公司), its short code for document numbers and its regions (片区 → county)."""

    name: str
    code: str
    regions: tuple[tuple[str, County], ...]


BRANCHES: tuple[Branch, ...] = (
    Branch("城关分公司", "CG", (("金水片区", _COUNTY["金水区"]), ("二七片区", _COUNTY["二七区"]),
                            ("惠济片区", _COUNTY["惠济区"]))),
    Branch("东区分公司", "DQ", (("中牟片区", _COUNTY["中牟县"]), ("新郑片区", _COUNTY["新郑市"]),
                            ("尉氏片区", _COUNTY["尉氏县"]))),
    Branch("西区分公司", "XQ", (("荥阳片区", _COUNTY["荥阳市"]), ("巩义片区", _COUNTY["巩义市"]),
                            ("登封片区", _COUNTY["登封市"]), ("新密片区", _COUNTY["新密市"]))),
)
HEAD_OFFICE = BRANCHES[0].name


@dataclass(frozen=True, slots=True)
class Manufacturer:
    """A row of 厂家."""

    manufacturer: str
    labor_rate: Decimal
    km_rate: Decimal
    claim_submit_days: int
    old_parts_days: int


@dataclass(frozen=True, slots=True)
class Model:
    """A row of 机型."""

    model_code: str
    manufacturer: str
    category: str
    list_price: Decimal
    floor_price: Decimal
    warranty_months: int
    warranty_hours: int
    main_parts_months: int
    main_parts_hours: int


@dataclass(frozen=True, slots=True)
class Part:
    """A row of 配件."""

    part_no: str
    name: str
    manufacturer: str
    unit: str
    cost_price: Decimal
    sale_price: Decimal
    claim_price: Decimal
    main_part: str
    return_required: str


@dataclass(frozen=True, slots=True)
class ModelTraits:
    """How machines of a model behave in the demo (not written to the books).

    Attributes:
        serial: ``vin:WMI:VDS`` for road vehicles, else the maker's serial prefix.
        hours_per_month: (low, high) hour-meter growth of a machine in use.
    """

    serial: str
    hours_per_month: tuple[int, int]


MANUFACTURERS: tuple[Manufacturer, ...] = (
    Manufacturer("恒岳重工", D("80.00"), D("3.00"), 30, 45),
    Manufacturer("长川机械", D("70.00"), D("2.50"), 15, 30),
    Manufacturer("丰源农装", D("60.00"), D("2.00"), 30, 60),
)

# model, manufacturer, category, list, floor, warranty (months, hours), main parts (months, hours), traits
_MODELS = (
    ("HY60-9", "恒岳重工", "挖掘机", 268000, 246000, 12, 2000, 24, 4000, "HY60K", (120, 200)),
    ("HY75-9", "恒岳重工", "挖掘机", 328000, 302000, 12, 2000, 24, 4000, "HY75K", (120, 210)),
    ("HY135-9", "恒岳重工", "挖掘机", 598000, 556000, 12, 2000, 24, 4000, "HY135K", (130, 220)),
    ("HY215-9", "恒岳重工", "挖掘机", 868000, 812000, 12, 2000, 36, 5000, "HY215K", (140, 230)),
    ("HY365-9", "恒岳重工", "挖掘机", 1580000, 1486000, 12, 2000, 36, 5000, "HY365K", (140, 230)),
    ("HYQY25", "恒岳重工", "起重机", 1080000, 1010000, 12, 1500, 24, 3000, "HYQY25C", (60, 120)),
    ("CC930", "长川机械", "装载机", 218000, 201000, 12, 2000, 24, 3000, "CC930A", (100, 190)),
    ("CC950", "长川机械", "装载机", 368000, 341000, 12, 2000, 24, 3000, "CC950A", (110, 200)),
    ("CC956H", "长川机械", "装载机", 398000, 370000, 12, 2000, 24, 3000, "CC956H", (110, 200)),
    ("CC3250", "长川机械", "自卸车", 458000, 426000, 12, 2500, 24, 5000, "vin:LCC:ZD325", (150, 230)),
    ("CC3310", "长川机械", "自卸车", 528000, 491000, 12, 2500, 24, 5000, "vin:LCC:ZD331", (150, 230)),
    ("FY904", "丰源农装", "拖拉机", 138000, 126000, 12, 1000, 24, 2000, "vin:LFY:TL904", (50, 110)),
    ("FY1304", "丰源农装", "拖拉机", 198000, 183000, 12, 1000, 24, 2000, "vin:LFY:TL134", (50, 110)),
    ("FY4LZ-6", "丰源农装", "收割机", 168000, 153000, 12, 800, 24, 1500, "FY4LZ6", (25, 70)),
    ("FY4YZ-3", "丰源农装", "收割机", 228000, 211000, 12, 800, 24, 1500, "FY4YZ3", (25, 70)),
)

MODELS: tuple[Model, ...] = tuple(
    Model(code, maker, cat, D(lp).quantize(D("0.01")), D(fp).quantize(D("0.01")), wm, wh, mm, mh)
    for code, maker, cat, lp, fp, wm, wh, mm, mh, _, _ in _MODELS)
TRAITS: dict[str, ModelTraits] = {m[0]: ModelTraits(m[9], m[10]) for m in _MODELS}

# name, unit, cost, main part, return required, only for category ("" = any)
_PARTS = {
    ("恒岳重工", "HY"): (
        ("发动机总成", "台", 68000, 1, 1, ""), ("液压主泵", "台", 32000, 1, 1, ""), ("主控阀", "件", 18500, 1, 1, ""),
        ("回转马达", "台", 9800, 1, 1, ""), ("行走马达", "台", 12600, 1, 1, "挖掘机"),
        ("回转支承", "件", 8600, 1, 1, ""), ("动臂油缸", "根", 7200, 1, 1, "挖掘机"),
        ("斗杆油缸", "根", 6800, 1, 1, "挖掘机"), ("铲斗油缸", "根", 5200, 1, 1, "挖掘机"),
        ("先导泵", "台", 2600, 0, 1, ""), ("涡轮增压器", "件", 4800, 1, 1, ""), ("喷油器", "件", 1350, 0, 1, ""),
        ("高压油泵", "件", 6200, 1, 1, ""), ("启动马达", "件", 1680, 0, 1, ""), ("发电机", "件", 1150, 0, 1, ""),
        ("散热器", "件", 2900, 0, 1, ""), ("控制器", "件", 5600, 1, 1, ""), ("显示器", "件", 2300, 0, 1, ""),
        ("压力传感器", "件", 420, 0, 1, ""), ("先导手柄", "件", 880, 0, 1, ""), ("电磁阀", "件", 560, 0, 1, ""),
        ("中央回转接头", "件", 3400, 0, 1, "挖掘机"), ("张紧油缸", "件", 1250, 0, 0, "挖掘机"),
        ("支重轮", "件", 460, 0, 0, "挖掘机"), ("托链轮", "件", 320, 0, 0, "挖掘机"),
        ("引导轮", "件", 980, 0, 0, "挖掘机"), ("链条总成", "条", 6400, 0, 0, "挖掘机"),
        ("履带板", "块", 185, 0, 0, "挖掘机"), ("斗齿", "个", 68, 0, 0, "挖掘机"), ("齿座", "个", 210, 0, 0, "挖掘机"),
        ("机油滤芯", "个", 45, 0, 0, ""), ("柴油滤芯", "个", 58, 0, 0, ""), ("空气滤芯", "个", 165, 0, 0, ""),
        ("液压回油滤芯", "个", 138, 0, 0, ""), ("先导滤芯", "个", 42, 0, 0, ""), ("密封件包", "套", 260, 0, 0, ""),
        ("油管总成", "根", 380, 0, 0, ""), ("风扇皮带", "条", 95, 0, 0, ""), ("雨刮器", "个", 75, 0, 0, ""),
        ("座椅总成", "个", 1200, 0, 0, ""),
    ),
    ("长川机械", "CC"): (
        ("发动机总成", "台", 52000, 1, 1, ""), ("变速箱总成", "台", 26000, 1, 1, ""),
        ("液力变矩器", "台", 9800, 1, 1, "装载机"), ("驱动桥总成", "台", 18600, 1, 1, ""),
        ("工作泵", "台", 4200, 1, 1, "装载机"), ("转向泵", "台", 2600, 0, 1, ""), ("多路阀", "件", 5600, 1, 1, "装载机"),
        ("转向器", "件", 2100, 0, 1, ""), ("动臂油缸", "根", 4800, 1, 1, "装载机"),
        ("转斗油缸", "根", 4300, 1, 1, "装载机"), ("转向油缸", "根", 1500, 0, 1, "装载机"),
        ("举升油缸", "根", 6900, 1, 1, "自卸车"), ("制动总泵", "件", 760, 0, 1, ""), ("加力泵", "件", 980, 0, 1, ""),
        ("传动轴", "根", 1850, 0, 0, ""), ("半轴", "根", 1320, 0, 0, "自卸车"), ("钢板弹簧", "套", 2350, 0, 0, "自卸车"),
        ("轮胎", "条", 3200, 0, 0, ""), ("刹车片", "套", 420, 0, 0, ""), ("离合器片", "片", 650, 0, 0, "自卸车"),
        ("启动马达", "件", 1450, 0, 1, ""), ("发电机", "件", 980, 0, 1, ""), ("水箱", "件", 2200, 0, 0, ""),
        ("空调压缩机", "件", 1900, 0, 1, ""), ("仪表总成", "件", 1250, 0, 1, ""), ("组合开关", "件", 260, 0, 0, ""),
        ("机油滤芯", "个", 42, 0, 0, ""), ("柴油滤芯", "个", 55, 0, 0, ""), ("空气滤芯", "个", 150, 0, 0, ""),
        ("变速箱滤芯", "个", 88, 0, 0, ""), ("液压滤芯", "个", 96, 0, 0, ""), ("油管总成", "根", 320, 0, 0, ""),
        ("铲刃", "块", 460, 0, 0, "装载机"),
    ),
    ("丰源农装", "FY"): (
        ("发动机总成", "台", 28000, 1, 1, ""), ("变速箱总成", "台", 12800, 1, 1, ""), ("后桥总成", "台", 9600, 1, 1, ""),
        ("前驱动桥", "台", 7800, 1, 1, "拖拉机"), ("提升器总成", "台", 4600, 1, 1, "拖拉机"),
        ("液压油泵", "台", 1350, 0, 1, ""), ("离合器总成", "套", 1650, 0, 1, ""), ("转向器", "件", 980, 0, 1, ""),
        ("动力输出轴", "根", 760, 0, 0, "拖拉机"), ("割台总成", "台", 16500, 1, 1, "收割机"),
        ("脱粒滚筒", "件", 6800, 1, 1, "收割机"), ("籽粒升运器", "件", 2300, 0, 0, "收割机"),
        ("剥皮机构", "套", 5400, 0, 1, "收割机"), ("摘穗辊", "对", 1650, 0, 0, "收割机"),
        ("输送链耙", "条", 880, 0, 0, "收割机"), ("割刀总成", "套", 620, 0, 0, "收割机"),
        ("拨禾轮", "件", 1150, 0, 0, "收割机"), ("喂入搅龙", "件", 1980, 0, 0, "收割机"), ("三角带", "条", 85, 0, 0, ""),
        ("轴承", "个", 65, 0, 0, ""), ("启动马达", "件", 980, 0, 1, ""), ("发电机", "件", 760, 0, 1, ""),
        ("水箱", "件", 1250, 0, 0, ""), ("机油滤芯", "个", 32, 0, 0, ""), ("柴油滤芯", "个", 38, 0, 0, ""),
        ("空气滤芯", "个", 95, 0, 0, ""), ("液压滤芯", "个", 68, 0, 0, ""),
    ),
}


def _part(maker: str, prefix: str, i: int, spec: tuple) -> Part:
    name, unit, cost, main, ret, _ = spec
    cost = D(cost)
    return Part(f"{prefix}{41000 + i * 37:05d}{i % 7}", name, maker, unit, round_cents(cost),
                round_cents((cost * D("1.38")).quantize(D("1"))), round_cents(cost * D("1.15")),
                YES if main else NO, YES if ret else NO)


MAKER_CODES: dict[str, str] = {maker: prefix for maker, prefix in _PARTS}
PARTS: tuple[Part, ...] = tuple(_part(maker, prefix, i, spec)
                                for (maker, prefix), specs in _PARTS.items() for i, spec in enumerate(specs))
PART_CATEGORY: dict[str, str] = {
    p.part_no: spec[5] for p, spec in zip(PARTS, (s for specs in _PARTS.values() for s in specs), strict=True)}


def parts_for(model: Model) -> list[Part]:
    """The parts a machine of ``model`` can need: its maker's parts for any or its category."""
    return [p for p in PARTS
            if p.manufacturer == model.manufacturer and PART_CATEGORY[p.part_no] in ("", model.category)]
