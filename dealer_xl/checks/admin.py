"""Rules of 综合管理台账 for vehicles, fixed assets, seals, archives and office supplies (issue #26).

- 车辆: a 车牌号 that is not a plate (``bad_plate``, 错误, GA 36-2018 as :mod:`dealer_xl.domain.plates`
  reads it); a 责任司机 who is not in 员工 (``driver_not_employee``, 错误) or has left by today
  (``driver_left``, 警告); 上次保养里程 above 当前里程 (``odometer_backwards``, 错误); a 使用部门/分公司
  that is neither a department nor a branch the books know (``unknown_unit``, 警告).
- 车辆费用: a cost dated before the vehicle's 购置日期 (``dates_out_of_order``, 错误); a 里程 lower than
  an earlier reading of the same vehicle (``odometer_backwards``, 警告, at the later row).
- 固定资产: status 报废/处置 without 处置日期, or a 处置日期 with status 在用/闲置
  (``asset_disposal_incomplete``, 错误); 处置日期 before 购置日期 (``dates_out_of_order``, 错误); a
  折旧年限 shorter than the category's minimum for tax, 参数 ``asset_years_*`` (企业所得税法实施条例第六十条;
  ``asset_years_below_tax``, 警告: allowed in the books, adjusted in the tax return); a 使用部门 not
  known (``unknown_unit``, 警告).
- 用印登记: no 批准人 (``seal_not_approved``, 错误); the applicant approving their own use
  (``seal_self_approved``, 错误).
- 培训记录: 证书到期 before the training's 日期 (``dates_out_of_order``, 错误).
- 档案借阅: 应还日期 or 归还日期 before the loan's 日期 (``dates_out_of_order``, 错误); a 秘密/机密
  file lent without 批准人 (``loan_not_approved``, 错误).
- 办公用品: 领用 more of an item than was in stock on that day (``supply_overdrawn``, 警告; the row is
  left out of the stock, so one wrong quantity does not flag every later issue).

Nothing is reported when the book is absent (a company that does not keep it). Cells the reader
already reported are not reported again; rows lacking the values a rule needs are left to the
column rules.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ..domain.plates import plate_reason
from ..ledger import Ledger
from ..ledger.admin_view import person, unit_kind
from ..problems import Code, Problem, Severity
from ..schema.admin import YEARS_PARAM
from ..schema.master import DEPARTMENTS

BOOK = "admin"
DISPOSED = ("报废", "处置")
SECRET = ("秘密", "机密")


def check_admin(ctx: Ledger) -> list[Problem]:
    """Every problem of the rules above."""
    if not ctx.found(BOOK):
        return []
    return [*_vehicles(ctx), *_vehicle_costs(ctx), *_assets(ctx), *_seal_log(ctx), *_training(ctx),
            *_loans(ctx), *_supplies(ctx)]


def _vehicles(ctx: Ledger) -> list[Problem]:
    table = ctx.table(BOOK, "vehicles")
    if table is None:
        return []
    out = []
    for i, row in enumerate(table.rows):
        reason = plate_reason(row["plate"]) if row["plate"] else None
        if reason and not ctx.already_flagged(table, table.cell(i, "plate")):
            out.append(ctx.problem(table, i, "plate", Code.BAD_PLATE, f"车牌号 {row['plate']} 无效：{reason}"))
        driver = person(ctx, row["driver"])
        if driver is not None and driver.emp_id is None:
            out.append(ctx.problem(table, i, "driver", Code.DRIVER_NOT_EMPLOYEE,
                                   f"责任司机「{driver.text}」不是主数据「员工」中的员工（填工号）"))
        elif driver is not None:
            left = ctx.employee(driver.emp_id).get("leave_date")
            if left is not None and left < ctx.today:
                out.append(ctx.problem(table, i, "driver", Code.DRIVER_LEFT,
                                       f"责任司机 {driver.name} 已于 {left} 离职，请指定新的责任司机", Severity.WARNING))
        last, now = row["last_service_km"], row["odometer_km"]
        if last is not None and now is not None and last > now:
            out.append(ctx.problem(table, i, "last_service_km", Code.ODOMETER_BACKWARDS,
                                   f"上次保养里程 {last:,} 大于当前里程 {now:,}"))
        out += _unit(ctx, table, i, "unit")
    return out


def _unit(ctx: Ledger, table, i: int, field: str) -> list[Problem]:
    value = table.rows[i][field]
    if value is None or unit_kind(ctx, value) is not None:
        return []
    return [ctx.problem(table, i, field, Code.UNKNOWN_UNIT,
                        f"「{value}」既不是部门（{'、'.join(DEPARTMENTS)}）也不是台账中的分公司", Severity.WARNING)]


def _vehicle_costs(ctx: Ledger) -> list[Problem]:
    table = ctx.table(BOOK, "vehicle_costs")
    if table is None:
        return []
    out = []
    readings: dict[str, list[tuple]] = defaultdict(list)
    for i, row in enumerate(table.rows):
        vehicle = ctx.first(BOOK, "vehicles", "plate", row["plate"]) if row["plate"] else None
        bought = vehicle["purchase_date"] if vehicle else None
        if bought and row["date"] and row["date"] < bought:
            out.append(ctx.problem(table, i, "date", Code.DATES_OUT_OF_ORDER,
                                   f"费用日期早于车辆 {row['plate']} 的购置日期 {bought}"))
        if row["plate"] and row["date"] and row["odometer_km"] is not None:
            readings[row["plate"]].append((row["date"], i, row["odometer_km"]))
    for found in readings.values():
        highest: tuple | None = None
        for day, i, km in sorted(found):
            if highest is not None and km < highest[2] and day > highest[0]:
                out.append(ctx.problem(table, i, "odometer_km", Code.ODOMETER_BACKWARDS,
                                       f"里程 {km:,} 低于 {highest[0]} 的读数 {highest[2]:,}（第 {table.row_numbers[highest[1]]} 行）",
                                       Severity.WARNING))
            elif highest is None or km > highest[2]:
                highest = (day, i, km)
    return out


def _assets(ctx: Ledger) -> list[Problem]:
    table = ctx.table(BOOK, "fixed_assets")
    if table is None:
        return []
    out = []
    for i, row in enumerate(table.rows):
        status, disposed, bought = row["status"], row["disposal_date"], row["purchase_date"]
        if status in DISPOSED and disposed is None and "disposal_date" in table.columns:
            out.append(ctx.problem(table, i, "disposal_date", Code.ASSET_DISPOSAL_INCOMPLETE,
                                   f"状态为{status}，但没有填处置日期（折旧要算到处置当月）"))
        elif disposed is not None and status not in DISPOSED and status is not None:
            out.append(ctx.problem(table, i, "status", Code.ASSET_DISPOSAL_INCOMPLETE,
                                   f"已填处置日期 {disposed}，状态却是{status}（应为报废或处置）"))
        if disposed is not None and bought is not None and disposed < bought:
            out.append(ctx.problem(table, i, "disposal_date", Code.DATES_OUT_OF_ORDER,
                                   f"处置日期早于购置日期 {bought}"))
        minimum = ctx.params.get(YEARS_PARAM.get(row["category"], ""))
        if row["years"] is not None and minimum is not None and row["years"] < int(minimum):
            out.append(ctx.problem(table, i, "years", Code.ASSET_YEARS_BELOW_TAX,
                                   f"折旧年限 {row['years']} 年短于{row['category']}的税法最低年限 {minimum} 年"
                                   "（企业所得税法实施条例第六十条）：税前扣除须按最低年限调整", Severity.WARNING))
        out += _unit(ctx, table, i, "dept")
    return out


def _seal_log(ctx: Ledger) -> list[Problem]:
    table = ctx.table(BOOK, "seal_log")
    if table is None or "approver" not in table.columns:
        return []
    out = []
    for i, row in enumerate(table.rows):
        if not (row["seal"] or row["document"] or row["date"]):
            continue  # nothing recorded as used (the column rules report an empty row's required cells)
        if row["approver"] is None:
            if not ctx.already_flagged(table, table.cell(i, "approver")):
                out.append(ctx.problem(table, i, "approver", Code.SEAL_NOT_APPROVED,
                                       f"{row['seal'] or table.header('seal')}用于「{row['document'] or ''}」没有批准人：用印须经批准"))
            continue
        applicant, approver = person(ctx, row["applicant"]), person(ctx, row["approver"])
        if applicant and approver and (applicant.emp_id or applicant.name) == (approver.emp_id or approver.name):
            out.append(ctx.problem(table, i, "approver", Code.SEAL_SELF_APPROVED,
                                   f"申请人 {applicant.name} 自己批准了用印：须由他人批准"))
    return out


def _training(ctx: Ledger) -> list[Problem]:
    table = ctx.table(BOOK, "training")
    if table is None:
        return []
    return [ctx.problem(table, i, "cert_due", Code.DATES_OUT_OF_ORDER, f"证书到期早于培训日期 {row['date']}")
            for i, row in enumerate(table.rows)
            if row["cert_due"] is not None and row["date"] is not None and row["cert_due"] < row["date"]]


def _loans(ctx: Ledger) -> list[Problem]:
    table = ctx.table(BOOK, "archive_loans")
    if table is None:
        return []
    out = []
    for i, row in enumerate(table.rows):
        for name in ("due", "returned"):
            if row[name] is not None and row["date"] is not None and row[name] < row["date"]:
                out.append(ctx.problem(table, i, name, Code.DATES_OUT_OF_ORDER,
                                       f"{table.header(name)}早于借阅日期 {row['date']}"))
        archive = ctx.first(BOOK, "archives", "archive_no", row["archive_no"]) if row["archive_no"] else None
        if archive and archive["secrecy"] in SECRET and row["approver"] is None and "approver" in table.columns:
            out.append(ctx.problem(table, i, "approver", Code.LOAN_NOT_APPROVED,
                                   f"档案 {row['archive_no']} 密级为{archive['secrecy']}，借阅须经批准，没有批准人"))
    return out


def _supplies(ctx: Ledger) -> list[Problem]:
    table = ctx.table(BOOK, "office_supplies")
    if table is None:
        return []
    out = []
    stock: dict[str, Decimal] = defaultdict(Decimal)
    order = sorted((row["date"], row["direction"] != "入库", i) for i, row in enumerate(table.rows)
                   if row["date"] and row["item"] and row["quantity"] is not None and row["direction"])
    for day, _, i in order:
        row = table.rows[i]
        if row["direction"] == "入库":
            stock[row["item"]] += row["quantity"]
            continue
        if row["quantity"] > stock[row["item"]]:
            out.append(ctx.problem(table, i, "quantity", Code.SUPPLY_OVERDRAWN,
                                   f"{day} 领用 {row['item']} {row['quantity']:,}，当时库存只有 {stock[row['item']]:,}",
                                   Severity.WARNING))
            continue  # the row is wrong, not the stock: the later issues are judged on the stock as it was
        stock[row["item"]] -= row["quantity"]
    return out
