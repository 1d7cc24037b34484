"""``payroll bank --bank icbc|ccb|abc|boc|psbc|generic``: the bank's batch-payroll upload file
报表/代发工资_<月份>_<bank>.<xlsx|csv> in the bank's layout (:mod:`.bank_profiles`), and beside it the
printed control sheet 代发工资_<月份>_<bank>_核对单.xlsx that the manager signs.

Guarantees: the file is written whole or not at all — it is refused, naming each employee and
cell, when any paid employee has a negative 实发 (never dropped or paid 0), an account that is not
16–19 digits, a 姓名/银行账号 that validation calls an 错误, or (GBK files) a name GBK cannot
write; an employee whose 实发 is exactly 0 is not paid and is named in the summary; the control
total (笔数, 总金额) equals the count and Σ 实发 of the rows written, to the fen; account numbers
are text everywhere (19 digits never cut, never 6.2E+18); text from the books is written as text.
"""

from __future__ import annotations

import csv
import io
import os
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from ... import ledger
from ...documents.seller import seller_from_params
from ...domain.money import ZERO
from ...io.generated import set_cell_value
from ...io.legible import fit_legibly
from ...io.writer import save_new
from ...ledger.payroll import OutputResult, month_lines
from ...problems import Code, Problem, Severity
from ...schema import labels as L
from ...schema import payroll_files as F
from ..gate import Uses, gate
from .bank_profiles import BankProfile, profile

TEXT, MONEY = "@", "0.00"


def account_ok(account: object) -> bool:
    """Digits only, 16–19 long (the basic check of a Chinese bank card/account number)."""
    text = "" if account is None else str(account)
    return text.isdigit() and 16 <= len(text) <= 19


def write_bank(folder: Path | str, month: str, *, bank: str | None = None,
               led: ledger.Ledger | None = None) -> OutputResult:
    """Write the month's upload file for ``bank`` and its control sheet (see the module docstring)."""
    led = led or ledger.load(Path(folder))
    lines = month_lines(led, month)
    prof = profile(bank, led.books_dir)
    result = OutputResult(month)
    result.problems = _refusals(led, lines, prof)
    paid = [x for x in lines if x.net > 0]
    if result.problems:
        result.lines.append(f"{month} 代发工资文件（{prof.label}）未生成：{len(result.problems)} 处问题，改正后重新生成")
        return result
    seller = seller_from_params(led.params)
    rows = []
    for seq, x in enumerate(paid, 1):
        e = led.first("master", "employees", "emp_id", x.emp_id) or {}
        values = {"seq": seq, "account": str(e.get("bank_account")), "name": x.name, "amount": x.net,
                  "note": f"{month}工资", "emp_id": x.emp_id, "id_number": str(e.get("id_number") or ""),
                  "id_type": F.RESIDENT_ID, "date": led.today.strftime(prof.date_format), "purpose": "",
                  "payer_account": seller.account, "payer_name": seller.account_name, "payer_bank": seller.bank,
                  "bank": "", "province": "", "city": "", "currency": "", "blank": ""}
        values.update(prof.values)
        rows.append(values)
        result.rows.append({"seq": seq, "employee_id": x.emp_id, "name": x.name, "account": values["account"],
                            "amount": x.net, "bank": prof.key})
    total = sum((x.net for x in paid), ZERO)
    out = led.books_dir / L.REPORTS_DIR
    stem = f"代发工资_{month}_{prof.key}"
    titles = [[c.format(count=len(rows), total=f"{total:.2f}", month=month, date=led.today.strftime(prof.date_format))
               for c in row] for row in prof.title_rows]
    if prof.format == "csv":
        result.paths.append(_save_text(out / f"{stem}.csv", _csv(prof, titles, rows), prof.encoding))
    else:
        result.paths.append(save_new(_xlsx(prof, titles, rows), out / f"{stem}.xlsx", printable=False))
    result.paths.append(save_new(control_sheet(month, prof, paid, rows, total), out / f"{stem}_核对单.xlsx"))
    zero = [x.name for x in lines if x.net == 0]
    result.lines += [f"{month} 代发工资（{prof.label}）：{len(rows)} 笔，合计 {total:,.2f} 元"
                     f"（控制数：总笔数 {len(rows)}，总金额 {total:.2f}）"
                     + (f"；实发为 0、不代发：{'、'.join(zero)}" if zero else ""),
                     f"格式依据：{prof.source}", *(f"已写出 {p}" for p in result.paths)]
    return result


def _refusals(led: ledger.Ledger, lines, prof: BankProfile) -> list[Problem]:
    """Every reason the file cannot be written, one Problem per cell."""
    found: list[Problem] = []
    results = led.table("payroll", "results")
    by_key = {(r.get("month"), r.get("emp_id")): i for i, r in enumerate(results.rows)}
    stop = gate(led, [Uses("master", "employees", ("name", "bank_account"), "emp_id")])
    table = led.table("master", "employees")
    for x in lines:
        if x.net < 0:
            found.append(led.problem(results, by_key[(x.month, x.emp_id)], "net", Code.OUT_OF_RANGE,
                                     f"{x.name}（{x.emp_id}）{x.month} 实发工资为负（{x.net:,.2f}），不能代发；"
                                     f"请核对其扣款后重新计算工资", Severity.ERROR, value=f"{x.net:.2f}"))
            continue
        if x.net == 0:
            continue
        found.extend(stop.refused(x.emp_id))
        e = led.first("master", "employees", "emp_id", x.emp_id) or {}
        i = led.index("master", "employees", "emp_id").get(x.emp_id, [None])[0]
        if not account_ok(e.get("bank_account")) and table is not None and i is not None:
            found.append(led.problem(table, i, "bank_account", Code.OUT_OF_RANGE,
                                     f"{x.name} 的银行账号应为 16–19 位数字，代发文件未生成",
                                     Severity.ERROR, value=e.get("bank_account") or "（空）"))
        if prof.format == "csv" and prof.encoding == "gbk" and not _gbk(x.name) and i is not None:
            found.append(led.problem(table, i, "name", Code.OUT_OF_RANGE,
                                     f"{x.name} 的姓名有 GBK 编码无法表示的字，{prof.label} 的文件写不出；"
                                     f"请与银行确认户名写法", Severity.ERROR, value=x.name))
    unique: dict[tuple, Problem] = {}
    for p in found:
        unique.setdefault((p.sheet, p.cell, p.message), p)
    return list(unique.values())


def _gbk(text: str) -> bool:
    try:
        text.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


def _cell(prof: BankProfile, name: str, value):
    if name == "amount":
        return f"{value:.2f}" if prof.amount == "text" else value
    return value


def _csv(prof: BankProfile, titles: list[list[str]], rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(titles)
    writer.writerow([h for _, h in prof.columns])
    for r in rows:
        writer.writerow([_cell(prof, f, r[f]) if f == "amount" else r[f] for f, _ in prof.columns])
    return buffer.getvalue()


def _xlsx(prof: BankProfile, titles: list[list[str]], rows: list[dict]) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = prof.sheet
    for r, row in enumerate(titles, 1):
        for c, value in enumerate(row, 1):
            set_cell_value(ws.cell(r, c), value)
    top = len(titles) + 1
    for c, (_, header) in enumerate(prof.columns, 1):
        set_cell_value(ws.cell(top, c), header)
        ws.cell(top, c).font = Font(bold=True)
        ws.column_dimensions[ws.cell(top, c).column_letter].width = max(10, 2.2 * len(header) + 2)
    for r, values in enumerate(rows, top + 1):
        for c, (name, _) in enumerate(prof.columns, 1):
            cell = ws.cell(r, c)
            value = _cell(prof, name, values[name])
            if isinstance(value, Decimal):
                cell.value, cell.number_format = float(value), MONEY
            else:
                set_cell_value(cell, "" if value is None else str(value) if name != "seq" else value)
                if name != "seq":
                    cell.number_format = TEXT
            if name == "account":
                ws.column_dimensions[cell.column_letter].width = 24
    return wb


def control_sheet(month: str, prof: BankProfile, paid, rows: list[dict], total: Decimal) -> Workbook:
    """The printed list the manager signs: every transfer with its whole account number."""
    wb = Workbook()
    ws = wb.active
    ws.title = F.BANK_CONTROL_TITLE
    set_cell_value(ws.cell(1, 1), f"{F.BANK_CONTROL_TITLE}　{month}　{prof.label}")
    ws.cell(1, 1).font = Font(bold=True, size=13)
    for c, head in enumerate(F.BANK_CONTROL_HEADERS, 1):
        ws.cell(2, c, head).font = Font(bold=True)
    for r, (x, values) in enumerate(zip(paid, rows, strict=True), 3):
        ws.cell(r, 1, values["seq"])
        for c, value in ((2, x.emp_id), (3, x.name), (4, values["account"])):
            set_cell_value(ws.cell(r, c), value)
            ws.cell(r, c).number_format = TEXT
        ws.cell(r, 5, float(x.net)).number_format = "#,##0.00"
    end = len(rows) + 3
    set_cell_value(ws.cell(end, 1), f"合计 {len(rows)} 笔")
    ws.cell(end, 5, float(total)).number_format = "#,##0.00"
    for c in (1, 5):
        ws.cell(end, c).font = Font(bold=True)
    set_cell_value(ws.cell(end + 2, 1), F.BANK_CONTROL_SIGN)
    for letter, width in zip("ABCDE", (7, 10, 10, 24, 15), strict=True):
        ws.column_dimensions[letter].width = width
    fit_legibly(ws, landscape=False, header_rows="2:2")
    return wb


def _save_text(path: Path, text: str, encoding: str) -> Path:
    """Write ``text`` in ``encoding`` atomically: temporary file, then replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(text.encode(encoding))
    os.replace(tmp, path)
    return path


__all__ = ["account_ok", "control_sheet", "write_bank"]
