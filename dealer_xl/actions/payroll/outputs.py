"""What finance hands on after ``payroll run``: the bank transfer file (代发工资), the withholding
declaration list for the tax client (个税申报) and the payroll summary (工资汇总); the payslips are
in :mod:`.payroll_slips`.

Guarantees: every file is built from the month's rows of 工资结果 as written by ``payroll run``
(a month not yet computed is refused with one line); files go to ``报表/`` beside the books through
:func:`dealer_xl.io.writer.save_new`; the bank file's control total equals Σ 实发 of the rows paid
and its count their number, and it is refused as a whole — nothing written — when any account
fails the basic check (digits only, 16–19 long), so nobody uploads a file that leaves someone out;
the tax list's 本期收入 is 应发工资 less a separately taxed 年终奖, which has its own sheet.
"""

from __future__ import annotations

import csv
import io
import os
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from ... import ledger
from ...domain.money import ZERO
from ...domain.payroll import SEPARATE
from ...io.report_writer import MONEY, write_row, write_table
from ...io.writer import save_new
from ...ledger.payroll import OutputResult, month_lines
from ...problems import BookError, Code, Severity
from ...schema import labels as L


def reports_dir(led: ledger.Ledger) -> Path:
    return led.books_dir / L.REPORTS_DIR


def _employee(led: ledger.Ledger, emp_id: str) -> dict[str, Any]:
    return led.first("master", "employees", "emp_id", emp_id) or {}


# --- bank ------------------------------------------------------------------------------------

def bank_columns(books_dir: Path) -> tuple[list[str], list[str], str]:
    """(fields, headers, purpose) from ``代发工资.toml`` beside the books, else the defaults."""
    path = books_dir / L.BANK_CONFIG
    if not path.exists():
        return list(L.BANK_DEFAULT_COLUMNS), [L.BANK_FIELDS[f] for f in L.BANK_DEFAULT_COLUMNS], "工资"
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise BookError(f"{L.BANK_CONFIG} 无法读取：{e}") from None
    fields, headers = [], []
    for item in doc.get("columns", []):
        name = item.get("field") if isinstance(item, dict) else None
        if name not in L.BANK_FIELDS:
            raise BookError(f"{L.BANK_CONFIG}：未知字段 {name!r}（可用：{'、'.join(L.BANK_FIELDS)}）")
        fields.append(name)
        headers.append(str(item.get("header") or L.BANK_FIELDS[name]))
    if "account" not in fields or "amount" not in fields:
        raise BookError(f"{L.BANK_CONFIG}：columns 至少要有 account（账号）和 amount（金额）")
    return fields, headers, str(doc.get("purpose", "工资"))


def account_ok(account: object) -> bool:
    """Digits only, 16–19 long (the basic check of a Chinese bank card/account number)."""
    text = "" if account is None else str(account)
    return text.isdigit() and 16 <= len(text) <= 19


def write_bank(folder: Path | str, month: str, *, led: ledger.Ledger | None = None) -> OutputResult:
    """Write 报表/代发工资_<月份>.xlsx and .csv (refused entirely when an account fails the check)."""
    led = led or ledger.load(Path(folder))
    lines = month_lines(led, month)
    fields, headers, purpose = bank_columns(led.books_dir)
    result = OutputResult(month)
    table = led.table("master", "employees")
    paid = [x for x in lines if x.net > 0]
    for x in paid:
        e = _employee(led, x.emp_id)
        if not account_ok(e.get("bank_account")) and table is not None:
            i = led.index("master", "employees", "emp_id")[x.emp_id][0]
            result.problems.append(led.problem(table, i, "bank_account", Code.OUT_OF_RANGE,
                                               f"{x.name} 的银行账号应为 16–19 位数字，代发文件未生成",
                                               Severity.ERROR, value=e.get("bank_account") or "（空）"))
    if result.problems:
        result.lines.append(f"{month} 代发工资文件未生成：{len(result.problems)} 个银行账号未通过检查")
        return result
    rows = []
    for seq, x in enumerate(paid, 1):
        e = _employee(led, x.emp_id)
        values = {"seq": seq, "account": str(e.get("bank_account")), "name": x.name, "amount": x.net,
                  "purpose": purpose, "emp_id": x.emp_id, "id_number": e.get("id_number") or "",
                  "id_type": L.ID_TYPE, "bank": "", "note": f"{month}工资"}
        rows.append([values[f] for f in fields])
        result.rows.append({"account": values["account"], "name": x.name, "amount": x.net})
    total = sum((x.net for x in paid), ZERO)
    wb = Workbook()
    ws = wb.active
    ws.title = L.BANK_SHEET
    write_table(ws, headers, rows, {headers[fields.index("amount")]: MONEY})
    for col, f in enumerate(fields, 1):
        if f in ("account", "id_number"):
            for r in range(2, len(rows) + 2):
                ws.cell(row=r, column=col).number_format = "@"
    summary = wb.create_sheet(L.BANK_TOTAL_SHEET)
    for r, (label, value) in enumerate(((L.MONTH, month), ("总笔数", len(rows)), ("总金额", total)), 1):
        write_row(summary, r, [label, value], {2: MONEY} if label == "总金额" else {})
    out = reports_dir(led)
    result.paths.append(save_new(wb, out / f"代发工资_{month}.xlsx"))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([[f"{v:.2f}" if isinstance(v, Decimal) else v for v in row] for row in rows])
    result.paths.append(_save_text(out / f"代发工资_{month}.csv", buffer.getvalue()))
    skipped = len(lines) - len(paid)
    result.lines += [f"{month} 代发工资：{len(rows)} 笔，合计 {total:,.2f} 元（控制数：总笔数 {len(rows)}，总金额 {total:.2f}）"
                     + (f"；实发为 0 的 {skipped} 人未列入" if skipped else ""),
                     *(f"已写出 {p}" for p in result.paths)]
    return result


def _save_text(path: Path, text: str) -> Path:
    """Write ``text`` as UTF-8 with BOM (Excel opens it as such) atomically: temporary file, then replace."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(text.encode("utf-8-sig"))
    os.replace(tmp, path)
    return path


# --- tax -------------------------------------------------------------------------------------

def write_tax(folder: Path | str, month: str, *, led: ledger.Ledger | None = None) -> OutputResult:
    """Write 报表/个税申报_<月份>.xlsx for the tax client's import."""
    led = led or ledger.load(Path(folder))
    lines = month_lines(led, month)
    result = OutputResult(month)
    normal, bonus, check = [], [], []
    for x in lines:
        e = _employee(led, x.emp_id)
        separate = x.bonus_method == SEPARATE and x.year_end_bonus > 0
        income = x.gross - (x.year_end_bonus if separate else ZERO)
        ident = [x.emp_id, x.name, L.ID_TYPE, e.get("id_number") or ""]
        normal.append(ident + [income, ZERO, x.pension, x.medical, x.unemployment, x.housing_fund,
                               ZERO, ZERO, ZERO, ZERO, ZERO, ZERO, ""])
        if separate:
            bonus.append(ident + [x.year_end_bonus, ZERO, ZERO, ZERO, ZERO, ""])
        check.append([x.emp_id, x.name, x.cum_income, x.cum_taxable, x.iit - x.bonus_tax, x.bonus_tax])
        result.rows.append({"emp_id": x.emp_id, "name": x.name, "income": income, "pension": x.pension,
                            "medical": x.medical, "unemployment": x.unemployment, "housing_fund": x.housing_fund,
                            "cum_income": x.cum_income, "cum_taxable": x.cum_taxable, "iit": x.iit})
    wb = Workbook()
    ws = wb.active
    ws.title = L.TAX_SHEET
    money = {h: MONEY for h in L.TAX_HEADERS[4:16]}
    write_table(ws, L.TAX_HEADERS, normal, money)
    for r in range(2, len(normal) + 2):
        ws.cell(row=r, column=4).number_format = "@"
    if bonus:
        write_table(wb.create_sheet(L.BONUS_SHEET), L.BONUS_HEADERS, bonus, {h: MONEY for h in L.BONUS_HEADERS[4:9]})
    write_table(wb.create_sheet(L.CHECK_SHEET), L.CHECK_HEADERS, check, {h: MONEY for h in L.CHECK_HEADERS[2:]})
    result.paths.append(save_new(wb, reports_dir(led) / f"个税申报_{month}.xlsx"))
    income = sum((r[4] for r in normal), ZERO)
    tax = sum((x.iit for x in lines), ZERO)
    result.lines += [f"{month} 个税申报表：正常工资薪金 {len(normal)} 人，本期收入 {income:,.2f} 元；"
                     f"全年一次性奖金 {len(bonus)} 人；本月代扣个税合计 {tax:,.2f} 元",
                     f"已写出 {result.paths[0]}"]
    return result


def write_summary(folder: Path | str, month: str, *, led: ledger.Ledger | None = None) -> OutputResult:
    """Write 报表/工资汇总_<月份>.xlsx (see :mod:`dealer_xl.documents.payroll_summary`)."""
    from ...documents.payroll_summary import build_summary

    led = led or ledger.load(Path(folder))
    return build_summary(led, month, reports_dir(led))


def write_slips(folder: Path | str, month: str, *, led: ledger.Ledger | None = None,
                config=None) -> OutputResult:
    """Write the payslips (see :mod:`.slips`); mail them when ``config`` (the loaded jobs file) is given."""
    from .slips import build_slips

    led = led or ledger.load(Path(folder))
    return build_slips(led, month, reports_dir(led), config=config)


__all__ = ["OutputResult", "account_ok", "bank_columns", "month_lines", "write_bank", "write_slips",
           "write_summary", "write_tax"]
