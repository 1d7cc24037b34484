"""``payroll tax``: 报表/个税申报_<月份>.xlsx, the import workbook of the tax client (自然人电子税务局
扣缴端, 综合所得申报) for the month, in the client's own layout (:mod:`dealer_xl.schema.payroll_files`).

Sheets: 正常工资薪金收入 (the 24 columns, one header row, one row per employee paid), 全年一次性奖金收入
(a 年终奖 taxed separately), 人员信息采集 (hires and leavers of the month), 核对（本公司计算） (our own
cumulative figures, to compare with the client's) and 填表说明.

Guarantees: 本期收入 = 应发工资 less a separately taxed 年终奖 (which goes to its own sheet); the
累计 专项附加扣除 columns come from the 专项附加扣除 sheet (:mod:`.special_deductions`) and are left
blank — the client then uses the declarations it has downloaded — for an employee without a row
there (员工's 专项附加扣除(月) has no breakdown by kind, and a total put under one kind would be
wrong); 证件号码 and 工号 are text cells wide enough to show 18 digits whole; an employee whose
姓名/证件号码 or 专项附加扣除 rows validation calls an 错误 is left out and listed with the cell
(the others are written, exit 1); optional columns we know nothing of stay blank, never 0 in a
wrong place; printed, the body stays ≥ 7.5 pt (:mod:`dealer_xl.io.legible`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ... import ledger
from ...checks.payroll import month_bounds
from ...domain.money import ZERO
from ...domain.payroll import SEPARATE, PayLine, months_employed
from ...io.generated import set_cell_value
from ...io.legible import fit_legibly
from ...io.writer import save_new
from ...ledger.payroll import OutputResult, month_lines
from ...schema import labels as L
from ...schema import payroll_files as F
from ..gate import Uses, gate
from .special_deductions import KINDS, special_deductions

BOLD = Font(bold=True)
WRAP = Alignment(horizontal="center", vertical="center", wrap_text=True)
MONEY = "0.00"
TEXT = "@"


def _uses(month: str) -> list[Uses]:
    year = month[:4]
    return [Uses("master", "employees", ("name", "id_number", "hire_date", "leave_date"), "emp_id"),
            Uses("payroll", "special_deductions", (), "emp_id",
                 where=lambda r: str(r.get("month") or "")[:4] == year and str(r.get("month") or "") <= month)]


def _sheet(wb: Workbook, title: str, headers: tuple[str, ...], rows: list[list], widths: dict[int, float],
           text_cols: set[int], first: bool = False):
    ws = wb.active if first else wb.create_sheet(title)
    ws.title = title
    for col, head in enumerate(headers, 1):
        cell = ws.cell(1, col, head)
        cell.font, cell.alignment = BOLD, WRAP
        ws.column_dimensions[cell.column_letter].width = widths.get(col, 12)
    ws.row_dimensions[1].height = 30
    for r, values in enumerate(rows, 2):
        for col, value in enumerate(values, 1):
            cell = ws.cell(r, col)
            if col in text_cols:
                set_cell_value(cell, "" if value is None else str(value))
                cell.number_format = TEXT
            elif isinstance(value, Decimal):
                cell.value, cell.number_format = float(value), MONEY
            elif value is not None:
                set_cell_value(cell, value)
    ws.freeze_panes = "A2"
    return ws


def _birth_and_sex(id_number: str) -> tuple[str, str]:
    """(YYYY-MM-DD, 男/女) from an 18-digit resident ID (GB 11643: digit 17 odd = male)."""
    if len(id_number) != 18 or not id_number[:17].isdigit():
        return "", ""
    sex = F.TAX_PERSON_VALUES["male"] if int(id_number[16]) % 2 else F.TAX_PERSON_VALUES["female"]
    return f"{id_number[6:10]}-{id_number[10:12]}-{id_number[12:14]}", sex


def _person_row(e: dict, month: str) -> list:
    idn = str(e.get("id_number") or "")
    birth, sex = _birth_and_sex(idn)
    first, last = month_bounds(month)
    values = {"emp_id": e.get("emp_id"), "name": e.get("name"), "id_type": F.RESIDENT_ID, "id_number": idn,
              "nationality": F.TAX_PERSON_VALUES["nationality"], "sex": sex, "birth": birth,
              "kind": F.TAX_PERSON_VALUES["kind"], "hire_date": _iso(e.get("hire_date")),
              "deduct": F.TAX_PERSON_VALUES["deduct"], "email": e.get("email"),
              "bank_account": e.get("bank_account"), "position": e.get("position")}
    left = e.get("leave_date")
    if left and first <= left <= last:
        values["leave_date"] = _iso(left)
    row = [None] * len(F.TAX_PERSON_HEADERS)
    for key, value in values.items():
        row[F.TAX_PERSON_HEADERS.index(F.TAX_PERSON_FIELDS[key])] = value
    return row


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _joined_or_left(e: dict, month: str) -> bool:
    first, last = month_bounds(month)
    return any(d and first <= d <= last for d in (e.get("hire_date"), e.get("leave_date")))


def write_tax(folder: Path | str, month: str, *, led: ledger.Ledger | None = None) -> OutputResult:
    """Write 报表/个税申报_<月份>.xlsx (see the module docstring)."""
    led = led or ledger.load(Path(folder))
    lines = month_lines(led, month)
    declared = special_deductions(led, month)
    stop = gate(led, _uses(month))
    result = OutputResult(month)
    normal, bonus, check, people = [], [], [], []
    for x in lines:
        refused = stop.refused(x.emp_id)
        if refused or (declared and x.emp_id in declared.refused):
            result.problems.extend(refused)
            continue
        e = led.first("master", "employees", "emp_id", x.emp_id) or {}
        mine = declared.by_employee.get(x.emp_id) if declared else None
        separate = x.bonus_method == SEPARATE and x.year_end_bonus > 0
        income = x.gross - (x.year_end_bonus if separate else ZERO)
        ident = [x.emp_id, x.name, F.RESIDENT_ID, str(e.get("id_number") or "")]
        cumulative = [mine.cumulative[k] for k in KINDS] if mine else [None] * len(KINDS)
        normal.append(ident + [income, ZERO, x.pension, x.medical, x.unemployment, x.housing_fund, *cumulative]
                      + [None] * 7)
        if separate:
            bonus.append(ident + [x.year_end_bonus] + [None] * 5)
        check.append(_check_row(x, e, income, mine, month))
        result.rows.append(_record(x, income, mine, separate))
        if _joined_or_left(e, month):
            people.append(_person_row(e, month))
    if declared:
        result.problems.extend(declared.problems)
    wb = _workbook(normal, bonus, people, check)
    result.paths.append(save_new(wb, led.books_dir / L.REPORTS_DIR / f"个税申报_{month}.xlsx", printable=False))
    income = sum((r[4] for r in normal), ZERO)
    tax = sum((r["iit"] for r in result.rows), ZERO)
    result.lines += [f"{month} 个税申报表：正常工资薪金 {len(normal)} 人，本期收入 {income:,.2f} 元；"
                     f"全年一次性奖金 {len(bonus)} 人；人员信息采集（本月入职/离职）{len(people)} 人；"
                     f"本月代扣个税合计 {tax:,.2f} 元",
                     f"专项附加扣除：{_source_line(declared, normal)}",
                     f"格式：{F.TAX_CLIENT_VERSION}",
                     f"已写出 {result.paths[0]}"]
    if result.problems:
        n = len({p.row for p in result.problems})
        result.lines.insert(1, f"有 {n} 行台账错误，相关员工未列入申报表（见下），改正后重新生成")
    return result


def _source_line(declared, normal: list[list]) -> str:
    if declared is None:
        return "工资表没有「专项附加扣除」表，累计专项附加扣除各列留空，由扣缴客户端按已下载的申报信息计算"
    filled = sum(1 for r in normal if r[10] is not None)
    return f"{filled} 人取自「专项附加扣除」表；其余 {len(normal) - filled} 人无申报行，各列留空"


def _check_row(x: PayLine, e: dict, income: Decimal, mine, month: str) -> list:
    if mine is not None:
        special, source = mine.cumulative_total, "专项附加扣除表"
    else:
        monthly = e.get("special_deduction") or ZERO
        special, source = monthly * months_employed(month, e.get("hire_date")), "员工表（月额 × 月数）"
    return [x.emp_id, x.name, income, x.cum_income, special, max(x.cum_taxable, ZERO), x.iit - x.bonus_tax,
            x.bonus_tax, source]


def _record(x: PayLine, income: Decimal, mine, separate: bool) -> dict:
    return {"employee_id": x.emp_id, "name": x.name, "income": income, "pension": x.pension,
            "medical": x.medical, "unemployment": x.unemployment, "housing_fund": x.housing_fund,
            "cum_special_deduction": mine.cumulative_total if mine else None, "cum_income": x.cum_income,
            "cum_taxable": x.cum_taxable, "iit": x.iit, "year_end_bonus": x.year_end_bonus if separate else ZERO,
            "bonus_tax": x.bonus_tax}


def _workbook(normal: list[list], bonus: list[list], people: list[list], check: list[list]) -> Workbook:
    wb = Workbook()
    ids = {1, 2, 3, 4}
    widths = {1: 10, 2: 9, 3: 11, 4: 21, **{c: 10.5 for c in range(5, 24)}, 24: 8}
    ws = _sheet(wb, F.TAX_NORMAL_SHEET, F.TAX_NORMAL_HEADERS, normal, widths, ids, first=True)
    fit_legibly(ws, paper="A3", title_columns="A:D")
    ws = _sheet(wb, F.TAX_BONUS_SHEET, F.TAX_BONUS_HEADERS, bonus, {1: 10, 2: 9, 3: 11, 4: 21, 5: 14}, ids)
    fit_legibly(ws, landscape=False)
    person_text = set(range(1, len(F.TAX_PERSON_HEADERS) + 1))
    ws = _sheet(wb, F.TAX_PERSON_SHEET, F.TAX_PERSON_HEADERS, people,
                {1: 10, 2: 9, 3: 11, 4: 21, 7: 11, 13: 11, 14: 11, 46: 22, 49: 22}, person_text)
    fit_legibly(ws, paper="A3", title_columns="A:D")
    ws = _sheet(wb, F.TAX_CHECK_SHEET, F.TAX_CHECK_HEADERS, check, {1: 10, 2: 9, 9: 22}, {1, 2, 9})
    fit_legibly(ws)
    note = wb.create_sheet(F.TAX_NOTE_SHEET)
    for r, text in enumerate(_notes(), 1):
        set_cell_value(note.cell(r, 1), text)
    note.column_dimensions["A"].width = 100
    fit_legibly(note, landscape=False, header_rows=None)
    return wb


def _notes() -> list[str]:
    return [F.TAX_CLIENT_VERSION,
            f"「{F.TAX_NORMAL_SHEET}」：综合所得申报 → 正常工资薪金所得 → 导入 → 选择本文件；列的顺序与客户端模板相同，请勿增删列。",
            f"「{F.TAX_BONUS_SHEET}」：单独计税的年终奖，在「全年一次性奖金收入」中导入。",
            f"「{F.TAX_PERSON_SHEET}」：本月入职、离职的员工，先在「人员信息采集」中导入并报送，再导入工资。",
            "累计专项附加扣除各列为空的员工：客户端按其已下载的专项附加扣除信息计算。",
            f"「{F.TAX_CHECK_SHEET}」：本公司按累计预扣法算出的数，用于与客户端的计算结果核对，不导入。",
            "证件号码为文本格式，请勿改为数字（会丢失后几位）。"]


__all__ = ["write_tax"]
