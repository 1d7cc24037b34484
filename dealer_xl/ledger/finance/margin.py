"""The margin of each machine sold (单台毛利): 成交价 net of VAT − cost + the rebate accrued for it.

For a sale of 销售明细 seen as of a date:

- net price = 成交价 ÷ (1 + the VAT rate of the machine's 类别, 参数 vat_rates), to the fen;
- cost = 采购价 of 整机库存 (net of VAT at the same rate when 参数 cost_includes_vat = 是) + its 运费/整备:
  the approved expense claims up to the date whose 事由 names the machine
  (:func:`dealer_xl.ledger.finance.expenses.machine_expenses`);
- rebate = what the policies of 返利政策 have accrued for the machine by the date
  (:func:`dealer_xl.ledger.finance.rebates.accrued_by_machine`), net of VAT like the cost;
- 单台毛利 = net price − cost + rebate; a sale is under cost when its net price is below its cost.

A 退车 gives a negative line dated on the return, under the original 分公司 and 业务员 (a sale and
its return in the same period net to nothing and are both left out). A sale without 采购价 has no
cost and is listed as such, not guessed. Sales, stock rows and returns pass the money gate (by
合同编号 and 整机编号).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ...domain.money import ZERO
from ...domain.vat import net_of_vat
from ...problems import Problem
from ..gate import Uses
from ..model import Ledger
from .common import Refusals, settings, stop, within
from .expenses import machine_expenses
from .rebates import accrued_by_machine

RETURN = "退车"
USES = (
    Uses("sales", "sales", ("sale_date", "serial_no", "model_code", "deal_price", "branch", "salesperson"),
         "contract_no"),
    Uses("sales", "stock", ("serial_no", "model_code", "purchase_price"), "serial_no"),
    Uses("sales", "returns", ("return_date", "contract_no", "kind"), "contract_no"),
    Uses("master", "models", ("model_code", "category"), "model_code"),
)


@dataclass(frozen=True)
class MachineMargin:
    """One machine sold (``sign`` 1) or taken back (``sign`` −1, amounts negated).

    Attributes:
        serial, contract_no, model, branch, salesperson: the sale's 整机编号, 合同编号, 机型, 分公司, 业务员.
        day: 销售日期 (退车: 退换日期).
        net_price: 成交价 without VAT.
        purchase: 采购价 (without VAT per 参数), None when the machine has none.
        freight: 运费/整备 claimed for it.
        rebate: the rebate accrued for it (without VAT per 参数).
        sign: 1 for a sale, −1 for a 退车.
    """

    serial: str
    contract_no: str
    model: str
    branch: str
    salesperson: str
    day: date
    net_price: Decimal
    purchase: Decimal | None
    freight: Decimal
    rebate: Decimal
    sign: int = 1

    @property
    def cost(self) -> Decimal | None:
        return None if self.purchase is None else self.purchase + self.freight

    @property
    def gross(self) -> Decimal | None:
        """Net price − cost (整机毛利 before the rebate)."""
        return None if self.cost is None else self.net_price - self.cost

    @property
    def margin(self) -> Decimal | None:
        """单台毛利 = net price − cost + rebate."""
        return None if self.gross is None else self.gross + self.rebate

    @property
    def under_cost(self) -> bool:
        return self.sign > 0 and self.cost is not None and self.net_price < self.cost


def machine_margins(led: Ledger, problems: list[Problem], first: date, last: date,
                    as_of: date) -> tuple[list[MachineMargin], Refusals, int]:
    """The machines sold from ``first`` to ``last`` and the 退车 of earlier sales in it, seen as of
    ``as_of`` (see the module docstring); with the refusals and how many sales netted with their return."""
    refused = Refusals()
    g = stop(led, problems, USES)
    s = settings(led)
    accrued, rebate_refused = accrued_by_machine(led, problems, as_of)
    refused.extend(rebate_refused)
    freight = machine_expenses(led, problems, as_of, refused)
    returns = {r["contract_no"]: r["return_date"] for r in led.rows("sales", "returns")
               if r["kind"] == RETURN and within(r["return_date"], date.min, as_of)
               and refused.allows(g, r["contract_no"], "退车")}
    lines, netted = [], 0
    for sale in led.rows("sales", "sales"):
        day, number = sale["sale_date"], sale["contract_no"]
        back = returns.get(number)
        if not within(day, date.min, as_of) or sale["deal_price"] is None or not number:
            continue
        in_period, back_in_period = first <= day <= last, back is not None and first <= back <= last
        if not (in_period or back_in_period) or not refused.allows(g, number, "销售"):
            continue
        if in_period and back is not None:
            netted += back_in_period
            if back_in_period:
                continue
        line = _line(led, s, g, refused, sale, accrued, freight)
        if line is None:
            continue
        if back_in_period and not in_period:
            line = _negated(line, back)
        lines.append(line)
    return sorted(lines, key=lambda m: (m.day, m.contract_no, -m.sign)), refused, netted


def _line(led, s, g, refused: Refusals, sale: dict, accrued: dict, freight: dict) -> MachineMargin | None:
    serial = sale["serial_no"] or ""
    machine = led.machine(serial) or {}
    model = sale["model_code"] or machine.get("model_code") or ""
    if serial and not refused.allows(g, serial, "整机库存"):
        return None
    if model and not refused.allows(g, model, "机型资料"):
        return None
    rate = s.machine_rate(led, model)
    price = machine.get("purchase_price")
    seller = led.employee(sale["salesperson"]) or {}
    return MachineMargin(serial, sale["contract_no"], model, sale["branch"] or "（未填）",
                         seller.get("name") or sale["salesperson"] or "（未填）", sale["sale_date"],
                         net_of_vat(sale["deal_price"], rate), None if price is None else s.net_cost(price, rate),
                         freight.get(serial, ZERO), s.net_cost(accrued.get(serial, ZERO), rate))


def _negated(line: MachineMargin, day: date) -> MachineMargin:
    return MachineMargin(line.serial, line.contract_no, line.model, line.branch, line.salesperson, day,
                         -line.net_price, None if line.purchase is None else -line.purchase, -line.freight,
                         -line.rebate, -1)


def year_machine_totals(led: Ledger, problems: list[Problem], as_of: date) -> tuple[dict, dict, Refusals]:
    """(整机毛利, 返利) by 分公司 for the year to ``as_of``: the machines sold from 1 January, less the
    退车 since, all seen as of ``as_of`` (a machine without 采购价 counts in neither)."""
    lines, refused, _ = machine_margins(led, problems, date(as_of.year, 1, 1), as_of, as_of)
    gross: dict[str, Decimal] = {}
    rebates: dict[str, Decimal] = {}
    for m in lines:
        if m.gross is None:
            continue
        gross[m.branch] = gross.get(m.branch, ZERO) + m.gross
        rebates[m.branch] = rebates.get(m.branch, ZERO) + m.rebate
    return gross, rebates, refused


@dataclass(frozen=True)
class MarginGroup:
    """The machines of one 机型, 业务员 or 分公司: units (退车 −1), net revenue, cost, rebate, margin
    (machines without 采购价 count in units and revenue only, and in ``no_cost``)."""

    key: str
    units: int
    revenue: Decimal
    cost: Decimal
    rebate: Decimal
    margin: Decimal
    no_cost: int


def group_margins(lines: list[MachineMargin], attribute: str) -> list[MarginGroup]:
    """:class:`MarginGroup` per value of ``attribute`` (model, salesperson, branch), largest margin first."""
    groups: dict[str, list[MachineMargin]] = {}
    for m in lines:
        groups.setdefault(getattr(m, attribute), []).append(m)
    out = []
    for key, ms in groups.items():
        known = [m for m in ms if m.margin is not None]
        out.append(MarginGroup(key, sum(m.sign for m in ms), sum((m.net_price for m in ms), ZERO),
                               sum((m.cost for m in known), ZERO), sum((m.rebate for m in known), ZERO),
                               sum((m.margin for m in known), ZERO), len(ms) - len(known)))
    return sorted(out, key=lambda g: (-g.margin, g.key))
