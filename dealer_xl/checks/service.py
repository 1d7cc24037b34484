"""After-sales rules (售后服务台账): sold machines, date order, 三包 coverage, claims, old parts.

A work order's machine must have been sold (pre-sale 巡检 of a machine still in stock is allowed);
dates run open ≤ close, claim submitted after completion, old part received after shipping;
a 三包 order must fall within the warranty (DOMAIN §4: months since delivery AND hour meter, main
parts by their own terms; counted from the machine's latest sale before the order, so a resale after
a 退车 starts anew) or it is flagged; a claim's total equals its labour + parts + travel (blank fees
count as 0) and its labour, parts and travel follow the manufacturer's rates (labour hours × labour
rate, 三包 parts at claim price, km × km rate — a warning); a claimed part that must go back to the
manufacturer has an old-parts row; an employee named 维修技师 on a work order with 工时 has a 技术等级
(piece pay has no rate without one).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from ..domain.money import ZERO, round_cents
from ..domain.schedules import due_date_for
from ..ledger import Ledger
from ..problems import Code, Problem, Severity
from ..schema import labels

YES = "是"


def check_service(ctx: Ledger) -> list[Problem]:
    """Every after-sales problem of the rules above."""
    return [*_work_orders(ctx), *_claims(ctx), *_old_parts(ctx), *_technician_grades(ctx)]


def warranty_end(start: date, months: int) -> date:
    """Last day covered by a warranty of ``months`` from ``start`` (same day, clamped to month end).

    A term that runs past the calendar (a typo such as 120000 months) gives ``date.max``, or
    ``date.min`` when negative; the column rules report the term itself.
    """
    try:
        return due_date_for(start, months)
    except (ValueError, OverflowError):
        return date.max if months > 0 else date.min


def _work_orders(ctx: Ledger) -> list[Problem]:
    table = ctx.table("service", "work_orders")
    if table is None:
        return []
    out = []
    sales_of = rows_by(ctx, "sales", "sales", "serial_no")
    for i, row in enumerate(table.rows):
        serial = row["serial_no"]
        sale = _sale_of(sales_of(serial), row["open_date"]) if serial else None
        if serial and sale is None and ctx.has("sales", "sales", "serial_no"):
            stock = ctx.first("sales", "stock", "serial_no", serial)
            presale = stock is not None and stock["status"] in ("在库", "样机") and row["service_type"] == "巡检"
            if stock is not None and not presale:
                out.append(ctx.problem(table, i, "serial_no", Code.SERIAL_NOT_SOLD,
                                       f"整机 {serial} 在销售明细中没有销售记录，不能开{row['service_type'] or ''}工单"))
        if row["open_date"] and row["close_date"] and row["close_date"] < row["open_date"]:
            out.append(ctx.problem(table, i, "close_date", Code.DATES_OUT_OF_ORDER,
                                   f"完工日期 {row['close_date']} 早于报修日期 {row['open_date']}"))
        if row["service_type"] == "三包" and sale is not None:
            out += _warranty(ctx, table, i, row, sale)
    return out


def rows_by(ctx: Ledger, book: str, sheet: str, key: str) -> Callable[[Any], list[dict]]:
    """``value → ctx.all(book, sheet, key, value)`` with the sheet's rows and index fetched once (the
    look-up of a rule asked for every row of another sheet; its reads are those of :meth:`Ledger.all`)."""
    rows, index = ctx.rows(book, sheet), ctx.index(book, sheet, key)
    return lambda value: [rows[i] for i in index.get(value, ())]


def _sale_of(sales: list[dict], opened: date | None) -> dict | None:
    """The latest of a machine's ``sales`` on or before ``opened`` (a resale after a 退车 restarts 三包), else its first."""
    before = [s for s in sales if opened and s["sale_date"] and s["sale_date"] <= opened]
    return max(before, key=lambda s: s["sale_date"]) if before else next(iter(sales), None)


def _warranty(ctx: Ledger, table, i: int, row: dict, sale: dict) -> list[Problem]:
    model = ctx.first("master", "models", "model_code", row["model_code"] or sale["model_code"])
    start, opened = sale["delivery_date"] or sale["sale_date"], row["open_date"]
    if model is None or start is None or opened is None:
        return []
    part = ctx.first("master", "parts", "part_no", row["fault_part_no"]) if row["fault_part_no"] else None
    main = part is not None and part["main_part"] == YES
    limit_months = model["main_parts_months"] if main else model["warranty_months"]
    limit_hours = model["main_parts_hours"] if main else model["warranty_hours"]
    what = labels.MAIN_PART if main else "整机"
    if limit_months is not None and opened > warranty_end(start, limit_months):
        return [ctx.problem(table, i, "open_date", Code.OUT_OF_WARRANTY,
                            f"交车日期 {start}，{what}三包期 {limit_months} 个月至 {warranty_end(start, limit_months)}，"
                            f"报修日期已超出", Severity.WARNING)]
    hours = row["hour_meter"]
    if limit_hours is not None and hours is not None and hours > limit_hours:
        return [ctx.problem(table, i, "hour_meter", Code.OUT_OF_WARRANTY,
                            f"工作小时 {hours} 超过{what}三包小时 {limit_hours}", Severity.WARNING)]
    return []


def _claims(ctx: Ledger) -> list[Problem]:
    table = ctx.table("service", "claims")
    if table is None:
        return []
    out = []
    parts_used, shipped = rows_by(ctx, "service", "parts_used", "wo_no"), rows_by(ctx, "service", "old_parts", "claim_no")
    for i, row in enumerate(table.rows):
        parts = [p for p in (row["claim_labor"], row["claim_parts"], row["claim_travel"]) if p is not None]
        if row["claim_total"] is not None and parts and sum(parts) != row["claim_total"]:
            out.append(ctx.problem(table, i, "claim_total", Code.CLAIM_TOTAL_MISMATCH,
                                   f"索赔合计 {row['claim_total']} 不等于工时费 + 配件费 + 外出费 = {sum(parts)}"))
        order = ctx.first("service", "work_orders", "wo_no", row["wo_no"]) if row["wo_no"] else None
        if order and order["close_date"] and row["submit_date"] and row["submit_date"] < order["close_date"]:
            out.append(ctx.problem(table, i, "submit_date", Code.DATES_OUT_OF_ORDER,
                                   f"提交日期 {row['submit_date']} 早于工单完工日期 {order['close_date']}", Severity.WARNING))
        if order is not None:
            used = parts_used(row["wo_no"])
            out += _returned_parts(ctx, table, i, row, used, shipped(row["claim_no"]))
            out += _claim_amounts(ctx, table, i, row, order, used)
    return out


def _claim_amounts(ctx: Ledger, table, i: int, claim: dict, order: dict, parts_used: list[dict]) -> list[Problem]:
    """DOMAIN §4: labour hours × the maker's labour rate, 三包 parts at claim price, km × km rate.

    Each part is rounded to the fen once (the parts as one sum). A warning: the manufacturer's
    statement decides, but a claim that differs from the formula is likely to be cut.
    """
    maker = ctx.first("master", "manufacturers", "manufacturer", claim["manufacturer"]) if claim["manufacturer"] else None
    if maker is None:
        return []
    used = [u for u in parts_used if u["warranty"] == YES]
    prices = [ctx.first("master", "parts", "part_no", u["part_no"]) for u in used]
    expected = {
        "claim_labor": _times(order["labor_hours"], maker["labor_rate"]),
        "claim_travel": _times(order["travel_km"], maker["km_rate"]),
        "claim_parts": None if any(p is None or p["claim_price"] is None or u["qty"] is None
                                   for u, p in zip(used, prices, strict=True))
        else round_cents(sum((u["qty"] * p["claim_price"] for u, p in zip(used, prices, strict=True)), ZERO)),
    }
    how = {"claim_labor": f"工时 {order['labor_hours']} × 厂家工时单价 {maker['labor_rate']}",
           "claim_travel": f"外出里程 {order['travel_km']} × 里程单价 {maker['km_rate']}",
           "claim_parts": "配件明细中三包配件的 数量 × 索赔价 之和"}
    return [ctx.problem(table, i, name, Code.CLAIM_AMOUNT_MISMATCH,
                        f"「{table.spec.column(name).header}」{claim[name]} 与按厂家标准计算的 {value} 不符（{how[name]}）",
                        Severity.WARNING)
            for name, value in expected.items()
            if value is not None and claim[name] is not None and claim[name] != value]


def _times(quantity, rate):
    return None if quantity is None or rate is None else round_cents(quantity * rate)


def _returned_parts(ctx: Ledger, table, i: int, claim: dict, parts_used: list[dict],
                    old_parts: list[dict]) -> list[Problem]:
    """``parts_used``: the rows of the claim's work order in 配件明细; ``old_parts``: the claim's 旧件返厂 rows."""
    shipped = {r["part_no"] for r in old_parts}
    out = []
    for used in parts_used:
        part = ctx.first("master", "parts", "part_no", used["part_no"])
        if used["warranty"] == YES and part and part["return_required"] == YES and used["part_no"] not in shipped:
            out.append(ctx.problem(table, i, "claim_no", Code.OLD_PART_MISSING,
                                   f"配件 {used['part_no']}（{part['name']}）需返厂，但「旧件返厂」中没有该索赔单的记录"))
    return out


def _old_parts(ctx: Ledger) -> list[Problem]:
    table = ctx.table("service", "old_parts")
    if table is None:
        return []
    return [ctx.problem(table, i, "received_date", Code.DATES_OUT_OF_ORDER,
                        f"厂家签收日期 {row['received_date']} 早于发运日期 {row['ship_date']}")
            for i, row in enumerate(table.rows)
            if row["ship_date"] and row["received_date"] and row["received_date"] < row["ship_date"]]


def _technician_grades(ctx: Ledger) -> list[Problem]:
    """A technician with 工时 on a work order and no 技术等级 (one problem per employee, at the cell)."""
    table = ctx.table("master", "employees")
    if table is None or "tech_grade" not in table.columns:
        return []
    first: dict[str, str] = {}
    for wo in ctx.rows("service", "work_orders"):
        person = ctx.employee(wo["technician"]) if wo["technician"] and wo["labor_hours"] else None
        if person is not None and person["emp_id"] and not person["tech_grade"]:
            first.setdefault(person["emp_id"], wo["wo_no"] or "")
    out = []
    for emp, wo_no in first.items():
        i = ctx.index("master", "employees", "emp_id")[emp][0]
        if not ctx.already_flagged(table, table.cell(i, "tech_grade")):
            out.append(ctx.problem(table, i, "tech_grade", Code.REQUIRED,
                                   f"员工 {table.rows[i]['name'] or emp} 是维修技师（如工单 {wo_no}），没有技术等级，"
                                   "无法确定计件单价"))
    return out
