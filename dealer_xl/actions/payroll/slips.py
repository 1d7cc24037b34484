"""Payslips (工资条): one workbook of cut-apart blocks, one PDF per employee, and — only when a
jobs file is given — one e-mail per employee to the address on file in 员工 (电子邮箱).

Guarantees: a block per employee of the month's 工资结果, each a title row, the income items, the
deductions and the net, with the 身份证号 and 银行账号 masked (DOMAIN §6) and the year-end bonus's
tax method named when there was one; a dashed cut line between blocks and no block split across
printed pages. The PDF shows the same figures. Mail goes through :mod:`dealer_xl.mail` (sender, SMTP,
outbox and sent log of the jobs file) to the employee's own address only: no address, no mail;
an address that is not valid is reported, never guessed.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.pagebreak import Break

from ... import ledger
from ...documents.charts import cjk_font
from ...documents.masking import mask_account, mask_id
from ...documents.names import output_path
from ...domain.payroll import PayLine
from ...io.generated import set_cell_value
from ...io.writer import save_new
from ...ledger.payroll import OutputResult, month_lines
from ...schema import labels as L

CUT = Side(style="dashed", color="808080")
THIN = Side(style="thin", color="A0A0A0")
HEAD_FILL = PatternFill(fill_type="solid", fgColor="D9E1F2")
BLOCK_ROWS = 7  # title, 2 × (labels, values), note, cut line
PER_PAGE = 6  # blocks per printed A4 page (portrait, fitted to width)


def _title(month: str) -> str:
    return L.SLIP_TITLE.format(year=month[:4], mon=int(month[5:7]))


def _note(x: PayLine, employee: dict) -> str:
    parts = [f"身份证号 {mask_id(employee.get('id_number')) or '—'}",
             f"工资卡 {mask_account(employee.get('bank_account')) or '—'}",
             f"本年累计收入 {x.cum_income:,.2f}", f"累计应纳税所得额 {x.cum_taxable:,.2f}"]
    if x.year_end_bonus:
        tax = f"，税额 {x.bonus_tax:,.2f}" if x.bonus_tax else ""
        parts.append(f"含全年一次性奖金 {x.year_end_bonus:,.2f}（{x.bonus_method}{tax}）")
    return " · ".join(parts)


def _block(ws, top: int, month: str, x: PayLine, employee: dict) -> None:
    width = len(L.SLIP_INCOME)
    ws.merge_cells(start_row=top, start_column=1, end_row=top, end_column=width)
    set_cell_value(ws.cell(top, 1), f"{_title(month)}　{x.name}（{x.emp_id}）　{x.dept}")
    ws.cell(top, 1).font = Font(bold=True, size=12)
    for offset, items in ((1, L.SLIP_INCOME), (3, L.SLIP_DEDUCTIONS)):
        for col, (attr, label) in enumerate(items, 1):
            head = ws.cell(top + offset, col, label)
            head.font, head.fill = Font(bold=True), HEAD_FILL
            head.alignment = Alignment(horizontal="center")
            value = ws.cell(top + offset + 1, col, float(getattr(x, attr)))
            value.number_format = "#,##0.00"
            if attr in ("gross", "net"):
                value.font = Font(bold=True)
            for cell in (head, value):
                cell.border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
    ws.merge_cells(start_row=top + 5, start_column=1, end_row=top + 5, end_column=width)
    set_cell_value(ws.cell(top + 5, 1), _note(x, employee))
    ws.cell(top + 5, 1).font = Font(size=9, color="555555")
    for col in range(1, width + 1):
        ws.cell(top + 6, col).border = Border(bottom=CUT)
    ws.cell(top + 6, width).value = "✂"


def slips_workbook(month: str, lines: list[PayLine], employees: dict[str, dict]) -> Workbook:
    """The cut-apart payslip workbook."""
    wb = Workbook()
    ws = wb.active
    ws.title = L.SLIP_SHEET
    for col in range(1, len(L.SLIP_INCOME) + 1):
        ws.column_dimensions[chr(64 + col)].width = 14
    for n, x in enumerate(lines):
        top = 1 + n * BLOCK_ROWS
        _block(ws, top, month, x, employees.get(x.emp_id, {}))
        if (n + 1) % PER_PAGE == 0 and n + 1 < len(lines):
            ws.row_breaks.append(Break(id=top + BLOCK_ROWS - 1))
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return wb


def slip_pdf(month: str, x: PayLine, employee: dict, path: Path) -> Path:
    """One employee's payslip as a one-page PDF (CJK font, no creation date so bytes repeat)."""
    from matplotlib.figure import Figure

    font = cjk_font()
    fig = Figure(figsize=(8.27, 4.6))
    fig.text(0.05, 0.9, f"{_title(month)}　{x.name}（{x.emp_id}）　{x.dept}", fontproperties=font, fontsize=14)
    for row, items in enumerate((L.SLIP_INCOME, L.SLIP_DEDUCTIONS)):
        y = 0.76 - row * 0.24
        for col, (attr, label) in enumerate(items):
            xpos = 0.05 + col * 0.13
            fig.text(xpos, y, label, fontproperties=font, fontsize=9, color="#333333")
            weight = "bold" if attr in ("gross", "net") else "normal"
            fig.text(xpos, y - 0.08, f"{getattr(x, attr):,.2f}", fontsize=10, fontweight=weight)
    for k, part in enumerate(_note(x, employee).split(" · ")):
        fig.text(0.05, 0.3 - k * 0.055, part, fontproperties=font, fontsize=8, color="#555555")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="pdf", metadata={"Creator": None, "Producer": None, "CreationDate": None})
    return path


def build_slips(led: ledger.Ledger, month: str, out_dir: Path, *, config=None) -> OutputResult:
    """Write 工资条_<月份>.xlsx and 工资条_<月份>/<工号>_<姓名>.pdf; mail them when ``config`` (the
    loaded jobs file: sender, smtp, outbox, state, retries, backoff_seconds) is given."""
    lines = month_lines(led, month)
    employees = {x.emp_id: led.first("master", "employees", "emp_id", x.emp_id) or {} for x in lines}
    result = OutputResult(month)
    result.paths.append(save_new(slips_workbook(month, lines, employees), out_dir / f"工资条_{month}.xlsx"))
    folder = out_dir / f"工资条_{month}"
    folder.mkdir(parents=True, exist_ok=True)
    pdfs = {x.emp_id: slip_pdf(month, x, employees[x.emp_id], output_path(folder, x.emp_id, x.name, suffix=".pdf"))
            for x in lines}
    result.lines.append(f"{month} 工资条：{len(lines)} 人，已写出 {result.paths[0]} 和 {folder}/ 下的 {len(pdfs)} 份 PDF")
    for x in lines:
        result.rows.append({"emp_id": x.emp_id, "name": x.name, "net": x.net,
                            "email": employees[x.emp_id].get("email") or "", "pdf": str(pdfs[x.emp_id])})
    if config is not None:
        result.lines += mail_slips(config, led, month, lines, employees, pdfs)
    return result


def mail_slips(config, led: ledger.Ledger, month: str, lines: list[PayLine],
               employees: dict[str, dict], pdfs: dict[str, Path]) -> list[str]:
    """Send each payslip PDF to its employee's own 电子邮箱 with the mail settings of ``config`` (the
    loaded jobs file: sender, smtp, outbox, state, retries, backoff_seconds)."""
    from ...mail.delivery import DeliveryKey, SentLog, deliver
    from ...mail.message import MailError, build_message

    log = SentLog(config.state)
    counts = {"sent": 0, "outbox": 0, "skipped": 0}
    out = []
    for x in lines:
        address = (employees[x.emp_id].get("email") or "").strip()
        if not address:
            continue
        html = (f"<p>{escape(x.name)}，您好：</p><p>您 {escape(month)} 的工资条见附件（PDF），"
                f"实发工资 {x.net:,.2f} 元。</p><p style=\"color:#888\">本邮件由经销商助手发送，仅发给您本人登记的邮箱。</p>")
        try:
            msg = build_message(sender=config.sender, to=[f"{x.name} <{address}>"], subject=f"{_title(month)}",
                                html=html, attachments=[pdfs[x.emp_id]])
        except MailError as e:
            out.append(f"  {x.name}（{x.emp_id}）未发送：{e}")
            continue
        d = deliver(msg, DeliveryKey("payslip", month, address.lower()), smtp=config.smtp, outbox=config.outbox,
                    log=log, retries=config.retries, backoff_seconds=config.backoff_seconds)
        counts[d.status] = counts.get(d.status, 0) + 1
    no_address = sum(1 for x in lines if not (employees[x.emp_id].get("email") or "").strip())
    out.insert(0, f"工资条邮件：发送 {counts['sent']} 封，写入发件箱 {counts['outbox']} 封，本月已发过 {counts['skipped']} 封；"
                  f"未登记邮箱 {no_address} 人（不发送）")
    return out


__all__ = ["build_slips", "mail_slips", "slip_pdf", "slips_workbook"]
