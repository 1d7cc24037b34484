"""Actions ``parts plan`` (reorder quantities) and ``parts count-sheet`` (the printable stock count).

Guarantees:

- the plan is :func:`dealer_xl.ledger.parts.plan` as of the date: per part and warehouse the stock
  on hand, the use over the last 参数 ``parts_usage_days`` days (of which under 三包), the floor and
  ceiling used and the quantity to order, split into the 三包 share (to claim from the maker) and the
  rest; 订货金额 = quantity × 成本价 and the 三包 share × 索赔价, each to the fen;
- figures go through the input gate (:mod:`dealer_xl.actions.gate`): a part whose 配件出入库,
  配件明细, 配件库存 or 配件 cells it is computed from carry an 错误 is left out and named;
- the pack ``parts_plan`` (registered here; the job ``parts_plan`` sends each warehouse its own, by
  分公司) is what ``parts plan`` writes as ``报表/配件订货计划 <日期>.xlsx``: 订货计划 (with its
  合计), 三包配件, 库存 (every line), and 未计算 (each 错误 that kept a part out) when there is one;
- JSON of ``parts plan``: one object per line to order, keys ``warehouse, part_no, part_name,
  manufacturer, on_hand, min_qty, max_qty, used, warranty_used, reorder_qty, warranty_qty, paid_qty,
  cost_price, amount, claim_value``;
- ``parts count-sheet`` writes ``报表/配件盘点表_<仓库|全部>_<日期>.xlsx``: one sheet per warehouse,
  every part stocked or moved there, by 库位, with the book quantity as of the date (blank, and said
  so, where an 错误 in its quantities stops it) and empty columns 实盘数量, 差异 to fill in by hand;
  header repeated on every printed page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl.styles import Border, Font, Side

from ...documents.packs import build_pack
from ...documents.report_model import COUNT, MONEY, Report, ReportData, Scope, SheetData, register
from ...domain.money import ZERO
from ...io.generated import set_cell_value
from ...io.report_writer import finish, new_workbook, write_header
from ...io.writer import save_new
from ...ledger import Ledger, load
from ...ledger.parts import PlanLine, plan
from ...problems import BadOption, Problem
from ...schema import labels
from ..book import OUTPUT_DIR
from ..gate import REFUSAL_COLUMNS, Uses, gate, refusal_cells
from ..result import Outcome

KIND = "parts_plan"
USES = [Uses("service", "parts_moves", ("date", "part_no", "warehouse", "kind", "qty"), "part_no"),
        Uses("service", "parts_used", ("wo_no", "part_no", "qty", "warranty"), "part_no"),
        Uses("service", "parts_stock", ("part_no", "warehouse", "min_qty", "max_qty"), "part_no"),
        Uses("master", "parts", ("part_no", "cost_price", "claim_price"), "part_no")]
QTY = "0.##"
PLAN_HEADERS = (labels.WAREHOUSE, labels.PART_NO, labels.PART_NAME, labels.MANUFACTURER, "库存", labels.MIN_QTY,
                labels.MAX_QTY, "期间用量", "其中三包", "建议订货", "三包部分", "采购部分", labels.COST_PRICE, "订货金额")
WARRANTY_HEADERS = (labels.WAREHOUSE, labels.PART_NO, labels.PART_NAME, labels.MANUFACTURER, "三包用量", "三包部分",
                    labels.CLAIM_PRICE, "向厂家索赔额")
STOCK_HEADERS = (labels.WAREHOUSE, labels.PART_NO, labels.PART_NAME, labels.BIN, "库存", labels.MIN_QTY, labels.MAX_QTY,
                 "期间用量", "建议订货")
COUNT_HEADERS = (labels.PART_NO, labels.PART_NAME, labels.BIN, labels.UNIT, "账面数量", "实盘数量", "差异", labels.NOTE)
FORMATS = {**dict.fromkeys(("库存", labels.MIN_QTY, labels.MAX_QTY, "期间用量", "其中三包", "建议订货", "三包部分",
                            "采购部分", "三包用量"), QTY),
           labels.COST_PRICE: MONEY, "订货金额": MONEY, labels.CLAIM_PRICE: MONEY, "向厂家索赔额": MONEY}


def gated_plan(led: Ledger, day: date) -> tuple[list[PlanLine], dict[str, list[Problem]], list[str]]:
    """(plan lines, part → the 错误 that keep it out, refusal lines) of ``day``."""
    def build():
        stop = gate(led, USES)
        keys = {r["part_no"] for r in led.rows("service", "parts_stock")} | \
            {r["part_no"] for r in led.rows("service", "parts_moves")} | {r["part_no"] for r in led.rows("service", "parts_used")}
        skip = sorted(k for k in keys if k and not stop.allows(k))
        return plan(led, day, skip=set(skip)), {k: stop.refused(k) for k in skip}, stop.refusals(skip, "配件计划")
    return led.memo((KIND, day), build)


def _record(x: PlanLine) -> dict[str, Any]:
    return {"warehouse": x.warehouse, "part_no": x.part_no, "part_name": x.part.get("name") or "",
            "manufacturer": x.part.get("manufacturer") or "", "on_hand": x.on_hand, "min_qty": x.reorder.floor,
            "max_qty": x.reorder.ceiling, "used": x.used, "warranty_used": x.warranty_used,
            "reorder_qty": x.reorder.qty, "warranty_qty": x.reorder.warranty_qty, "paid_qty": x.reorder.paid_qty,
            "cost_price": x.part.get("cost_price"), "amount": x.amount, "claim_value": x.claim_value}


@dataclass
class PlanResult:
    """The plan of a date (see the module docstring)."""

    as_of: date
    lines: list[PlanLine]
    window: int
    problems: list[Problem] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    workbook: Path | None = None

    @property
    def orders(self) -> list[PlanLine]:
        return [x for x in self.lines if x.reorder.qty > 0]

    def records(self) -> list[dict[str, Any]]:
        return [_record(x) for x in self.orders]

    def summary(self) -> list[str]:
        orders = self.orders
        amount = sum((x.amount or ZERO for x in orders), ZERO)
        claim = sum((x.claim_value or ZERO for x in orders), ZERO)
        warehouses = sorted({x.warehouse for x in orders})
        lines = [f"配件订货计划（截至 {self.as_of}，按近 {self.window} 天用量）：{len(self.lines)} 项库存，需订货 {len(orders)} 项，"
                 f"订货金额 {amount:,.2f} 元；其中三包部分按索赔价 {claim:,.2f} 元向厂家索赔"
                 + (f"；仓库：{'、'.join(warehouses)}" if warehouses else "")]
        return lines + self.refusals + ([f"明细：{self.workbook}"] if self.workbook else [])


def collect(led: Ledger, scope: Scope) -> ReportData:
    """The ``parts_plan`` pack of ``scope.day`` (``scope.branch``: the warehouse)."""
    lines, refused, refusals = gated_plan(led, scope.day)
    lines = [x for x in lines if not scope.branch or x.warehouse == scope.branch]
    orders = [x for x in lines if x.reorder.qty > 0]
    plan_rows = [[x.warehouse, x.part_no, x.part.get("name") or "", x.part.get("manufacturer") or "", x.on_hand,
                  x.reorder.floor, x.reorder.ceiling, x.used, x.warranty_used, x.reorder.qty, x.reorder.warranty_qty,
                  x.reorder.paid_qty, x.part.get("cost_price"), x.amount] for x in orders]
    amount = sum((x.amount or ZERO for x in orders), ZERO)
    warranty = [x for x in lines if x.warranty_used > 0]
    warranty_rows = [[x.warehouse, x.part_no, x.part.get("name") or "", x.part.get("manufacturer") or "", x.warranty_used,
                      x.reorder.warranty_qty, x.part.get("claim_price"), x.claim_value] for x in warranty]
    claim = sum((x.claim_value or ZERO for x in warranty), ZERO)
    stock_rows = [[x.warehouse, x.part_no, x.part.get("name") or "", x.stock.get("bin") or "", x.on_hand, x.reorder.floor,
                   x.reorder.ceiling, x.used, x.reorder.qty] for x in lines]
    by_house: dict[str, Decimal] = {}
    for x in orders:
        by_house[x.warehouse] = by_house.get(x.warehouse, ZERO) + (x.amount or ZERO)
    window = int(led.params["parts_usage_days"])
    return ReportData(
        f"配件订货计划 {scope.day.isoformat()}{scope.label()}", scope.day.isoformat(),
        [("需订货（项）", len(orders), COUNT), ("订货金额（元）", amount, MONEY), ("三包部分索赔额（元）", claim, MONEY)],
        [SheetData("订货计划", PLAN_HEADERS, plan_rows, FORMATS, total=["合计", *[""] * 12, amount]),
         SheetData("三包配件", WARRANTY_HEADERS, warranty_rows, FORMATS, total=["合计", *[""] * 6, claim]),
         SheetData("库存", STOCK_HEADERS, stock_rows, FORMATS, in_html=False),
         *([SheetData("未计算", (labels.PART_NO, *REFUSAL_COLUMNS, labels.REASON),
                      [[k, *refusal_cells(p)] for k, found in refused.items() for p in found])] if refused else [])],
        ("各仓库订货金额（元）", list(by_house), {"订货金额": list(by_house.values())}),
        refusals + [f"期间用量：截至当日近 {window} 天的工单配件明细与出库；库存未填最低/最高库存时，按日均用量 × "
                    f"{led.params['parts_min_days']} / {led.params['parts_max_days']} 天计；库存不高于最低库存时订到最高库存。"
                    "三包部分按期间三包用量所占比例拆分，向厂家索赔（以件换件或按索赔价结算）。"])


REPORT = register(Report(KIND, collect, "pack.html.j2", monthly=False))


def parts_plan(source: Any, as_of: date | None = None, *, workbook: bool = True) -> PlanResult:
    """The reorder plan as of ``as_of`` (default today) of the books in ``source``."""
    led = load(source, today=as_of)
    lines, refused, refusals = gated_plan(led, led.today)
    path = build_pack(KIND, led, day=led.today, masked=False).xlsx if workbook else None
    return PlanResult(led.today, lines, int(led.params["parts_usage_days"]),
                      [p for found in refused.values() for p in found], refusals, path)


def parts_count_sheet(source: Any, as_of: date | None = None, *, warehouse: str | None = None) -> Outcome:
    """The printable count sheet of ``warehouse`` (every warehouse when None) as of ``as_of``: every
    part is listed; one whose quantities carry an 错误 gets no book quantity (the gate on the
    journal's and work orders' quantity columns only — prices and limits do not matter to a count)
    and is named."""
    led = load(source, today=as_of)
    stop = gate(led, USES[:2])
    lines = plan(led, led.today)
    houses = sorted({x.warehouse for x in lines})
    if warehouse and warehouse not in houses:
        raise BadOption(f"配件库存与出入库中没有仓库「{warehouse}」；可选：{'、'.join(houses) or '（台账中没有）'}")
    chosen = [warehouse] if warehouse else houses
    skip = sorted({x.part_no for x in lines if x.warehouse in chosen and not stop.allows(x.part_no)})
    problems, refusals = [p for k in skip for p in stop.refused(k)], stop.refusals(skip, "账面数量")
    wb = new_workbook()
    wb.remove(wb.active)
    for house in chosen:
        mine = sorted((x for x in lines if x.warehouse == house), key=lambda x: (str(x.stock.get("bin") or "~"), x.part_no))
        _count_sheet(wb.create_sheet(house[:31]), house, mine, led.today, set(skip))
    if not chosen:
        wb.create_sheet("配件盘点表")
    path = save_new(finish(wb, "配件盘点表", led.today, widths=False),
                    led.books_dir / OUTPUT_DIR / f"配件盘点表_{warehouse or '全部'}_{led.today.isoformat()}.xlsx")
    counts = {h: sum(1 for x in lines if x.warehouse == h) for h in chosen}
    text = "、".join(f"{h} {n} 项" for h, n in counts.items()) or "没有配件"
    return Outcome([f"配件盘点表已写入 {path}（{text}；打印后在「实盘数量」列填写）", *refusals],
                   [{"warehouse": h, "lines": n, "file": str(path)} for h, n in counts.items()], problems, [path])


def _count_sheet(ws, house: str, lines: list[PlanLine], day: date, refused: set[str]) -> None:
    set_cell_value(ws["A1"], f"配件盘点表　{house}　账面截至 {day.isoformat()}　共 {len(lines)} 项　盘点人：________　复核人：________")
    ws["A1"].font = Font(bold=True, size=13)
    write_header(ws, COUNT_HEADERS, row=2)
    thin = Side(style="thin")
    for n, x in enumerate(lines, 3):
        ws.row_dimensions[n].height = 22  # room to write by hand
        stopped = x.part_no in refused
        for col, value in enumerate((x.part_no, x.part.get("name") or "", x.stock.get("bin") or "", x.part.get("unit") or "",
                                     None if stopped else x.on_hand, None, None,
                                     "台账有错误，未计账面" if stopped else None), 1):
            cell = ws.cell(n, col) if value is None else ws.cell(n, col, value if isinstance(value, Decimal) else str(value))
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            if isinstance(value, Decimal):
                cell.number_format = QTY
    for col, width in zip("ABCDEFGH", (14, 16, 8, 6, 10, 10, 8, 20), strict=True):  # portrait A4
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A3"
    ws.print_title_rows = "1:2"
