"""Payslips (工资条): one workbook of cut-apart blocks, one PDF per employee stamped from one form,
and — only when a jobs file is given — one e-mail per employee to the address on file in 员工 (电子邮箱).

Guarantees: a block per employee of the month's 工资结果 with the employer's name (参数 SELLER_NAME;
a missing name is said in the summary, never replaced by a placeholder), three groups that each add
up on paper — 应发项目 to 应发工资 (缺勤扣款 shown negative), 不计税项目 to 不计税合计, 扣款项目 to
扣款合计 — and the equation 应发工资 + 不计税合计 − 扣款合计 = 实发工资, which holds to the fen for
every line :func:`dealer_xl.domain.payroll.compute_pay` makes; 累计应纳税所得额 is shown as 0 when
negative; the 身份证号 and 银行账号 masked (DOMAIN §6); the year-end bonus's tax method named when there
was one; a dashed cut line between blocks and no block split across printed pages. The PDFs show the
same figures and come from one :class:`dealer_xl.documents.pdf_form.Form` (layout and font subset
built once per run, each slip only stamps its own text). Mail goes through :mod:`dealer_xl.mail`
(sender, SMTP, outbox and sent log of the jobs file) to the employee's own address only: no address,
no mail; an address that is not valid is reported, never guessed.
"""

from __future__ import annotations

from copy import copy
from decimal import Decimal
from pathlib import Path

from markupsafe import escape
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.pagebreak import Break

from ... import ledger
from ...documents.masking import mask_account, mask_id
from ...documents.names import output_path
from ...documents.pdf_form import Band, Form, Rule, Text
from ...documents.seller import seller_from_params
from ...domain.money import ZERO
from ...domain.payroll import PayLine
from ...io.generated import set_cell_value
from ...io.writer import save_new
from ...ledger.payroll import OutputResult, month_lines
from ...schema import labels as L

CUT = Side(style="dashed", color="808080")
THIN = Side(style="thin", color="A0A0A0")
HEAD_FILL = PatternFill(fill_type="solid", fgColor="D9E1F2")
WIDTH = 8  # block name + six items + the block total
BLOCK_ROWS = 9  # title, pay labels/values, deduction labels/values, non-taxable, equation, note, cut line
PER_PAGE = 5  # blocks per printed A4 page (portrait, fitted to width)
PAGE_W, PAGE_H, MARGIN = 595.3, 419.5, 36.0  # A5 landscape, points


def _title(month: str) -> str:
    return L.SLIP_TITLE.format(year=month[:4], mon=int(month[5:7]))


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def equation(x: PayLine) -> str:
    """应发工资 … ＋ 不计税合计 … － 扣款合计 … ＝ 实发工资 … (it adds up: see the module docstring)."""
    gross_label, non_taxable_label, deductions_label, net_label = L.SLIP_TOTALS
    return L.SLIP_EQUATION.format(gross_label=gross_label, gross=_money(x.gross), non_taxable_label=non_taxable_label,
                                  non_taxable=_money(x.non_taxable), deductions_label=deductions_label,
                                  deductions=_money(x.deductions), net_label=net_label, net=_money(x.net))


def pay_items(x: PayLine) -> list[tuple[str, Decimal]]:
    """(label, amount) of the 应发 block as printed: 缺勤扣款 negative, so the items add to 应发工资."""
    return [(label, -getattr(x, attr) if attr == "absence_deduction" else getattr(x, attr))
            for attr, label in L.SLIP_PAY]


def _notes(x: PayLine, employee: dict) -> list[str]:
    first = [f"身份证号 {mask_id(employee.get('id_number')) or '—'}",
             f"工资卡 {mask_account(employee.get('bank_account')) or '—'}"]
    second = [f"本年累计收入 {_money(x.cum_income)}", f"累计应纳税所得额 {_money(max(x.cum_taxable, ZERO))}"]
    if x.year_end_bonus:
        tax = f"，税额 {_money(x.bonus_tax)}" if x.bonus_tax else ""
        second.append(f"含全年一次性奖金 {_money(x.year_end_bonus)}（{x.bonus_method}{tax}）")
    return [" · ".join(first), " · ".join(second)]


def _heading(employer: str, month: str, x: PayLine) -> str:
    return "　".join(part for part in (employer, _title(month), f"{x.name}（{x.emp_id}）", x.dept) if part)


# --- the cut-apart workbook --------------------------------------------------------------------

class _Styles:
    """The workbook's few cell styles, each built once: the first cell of a kind is styled through
    openpyxl, the later ones copy its style array (the same style, without registering it again)."""

    def __init__(self) -> None:
        self._arrays: dict[str, object] = {}

    def apply(self, cell, kind: str, **style) -> None:
        """Give ``cell`` the style ``kind`` (``style``: the attributes its first cell is given)."""
        array = self._arrays.get(kind)
        if array is None:
            for name, value in style.items():
                setattr(cell, name, value)
            self._arrays[kind] = copy(cell._style)
        else:
            cell._style = copy(array)


BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD, CENTER = Font(bold=True), Alignment(horizontal="center")
LABEL = {"font": BOLD, "fill": HEAD_FILL, "alignment": CENTER, "border": BOX}
VALUE = {"number_format": "#,##0.00", "border": BOX}
TOTAL = {**VALUE, "font": BOLD}
HEADING, NOTE = {"font": Font(bold=True, size=12)}, {"font": Font(size=9, color="555555")}
CUT_LINE = {"border": Border(bottom=CUT)}


def _labels(ws, styles: _Styles, row: int, name: str, labels: list[str], total: str) -> None:
    for col, text in enumerate([name, *labels, *[""] * (WIDTH - 2 - len(labels)), total], 1):
        styles.apply(ws.cell(row, col, text or None), "label", **LABEL)


def _values(ws, styles: _Styles, row: int, values: list[Decimal], total: Decimal) -> None:
    cells = [None, *values, *[None] * (WIDTH - 2 - len(values)), total]
    for col, value in enumerate(cells, 1):
        cell = ws.cell(row, col, None if value is None else float(value))
        if col < WIDTH:
            styles.apply(cell, "value", **VALUE)
        else:
            styles.apply(cell, "total", **TOTAL)


def merge_row(ws, row: int) -> None:
    """Merge columns A…WIDTH of ``row``: what ``ws.merge_cells`` does (the range, its merged cells and
    their borders), without its scan of every range merged before — 855 of them in a month of 285
    slips, each compared with all the earlier ones; a block's rows are its own, so no range of this
    sheet lies inside another."""
    merged = MergedCellRange(ws, f"A{row}:{get_column_letter(WIDTH)}{row}")
    ws.merged_cells.ranges.add(merged)
    ws._clean_merge_range(merged)


def _block(ws, styles: _Styles, top: int, month: str, x: PayLine, employee: dict, employer: str) -> None:
    merge_row(ws, top)
    set_cell_value(ws.cell(top, 1), _heading(employer, month, x))
    styles.apply(ws.cell(top, 1), "heading", **HEADING)
    pay = pay_items(x)
    _labels(ws, styles, top + 1, L.SLIP_BLOCKS[0], [label for label, _ in pay], L.SLIP_TOTALS[0])
    _values(ws, styles, top + 2, [v for _, v in pay], x.gross)
    _labels(ws, styles, top + 3, L.SLIP_BLOCKS[2], [label for _, label in L.SLIP_DEDUCTIONS], L.SLIP_TOTALS[2])
    _values(ws, styles, top + 4, [getattr(x, attr) for attr, _ in L.SLIP_DEDUCTIONS], x.deductions)
    set_cell_value(ws.cell(top + 5, 1), L.SLIP_BLOCKS[1])
    set_cell_value(ws.cell(top + 5, 2), L.SLIP_NON_TAXABLE[0][1])
    styles.apply(ws.cell(top + 5, 1), "bold", font=BOLD)
    styles.apply(ws.cell(top + 5, WIDTH, float(x.non_taxable)), "amount", number_format="#,##0.00")
    merge_row(ws, top + 6)
    set_cell_value(ws.cell(top + 6, 1), equation(x))
    styles.apply(ws.cell(top + 6, 1), "heading", **HEADING)
    merge_row(ws, top + 7)
    set_cell_value(ws.cell(top + 7, 1), "　".join(_notes(x, employee)))
    styles.apply(ws.cell(top + 7, 1), "note", **NOTE)
    for col in range(1, WIDTH + 1):
        styles.apply(ws.cell(top + 8, col), "cut", **CUT_LINE)
    ws.cell(top + 8, WIDTH).value = "✂"


def slips_workbook(month: str, lines: list[PayLine], employees: dict[str, dict], employer: str = "") -> Workbook:
    """The cut-apart payslip workbook."""
    wb = Workbook()
    ws = wb.active
    ws.title = L.SLIP_SHEET
    for col, width in enumerate((16, 11, 11, 11, 11, 11, 11, 12), 1):
        ws.column_dimensions[chr(64 + col)].width = width
    styles = _Styles()
    for n, x in enumerate(lines):
        top = 1 + n * BLOCK_ROWS
        _block(ws, styles, top, month, x, employees.get(x.emp_id, {}), employer)
        if (n + 1) % PER_PAGE == 0 and n + 1 < len(lines):
            ws.row_breaks.append(Break(id=top + BLOCK_ROWS - 1))
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return wb


# --- the PDF form --------------------------------------------------------------------------------

def _columns() -> tuple[list[float], float]:
    width = (PAGE_W - 2 * MARGIN - 2 * 12) / 3
    return [MARGIN + k * (width + 12) for k in range(3)], width


def _row_y(k: int) -> float:
    return PAGE_H - 118 - 18 * k


def slip_form_items(employer: str, month: str) -> list:
    """The static part of every slip of ``month``: title, block headings, labels, rules."""
    xs, bw = _columns()
    items: list = [Text(MARGIN, PAGE_H - 40, 10, employer, gray=0.35),
                   Text(MARGIN, PAGE_H - 64, 15, _title(month), bold=True),
                   Rule(MARGIN, PAGE_H - 76, PAGE_W - MARGIN, PAGE_H - 76, 0.8)]
    blocks = ([label for _, label in L.SLIP_PAY], [label for _, label in L.SLIP_NON_TAXABLE],
              [label for _, label in L.SLIP_DEDUCTIONS])
    totals = (L.SLIP_TOTALS[0], L.SLIP_TOTALS[1], L.SLIP_TOTALS[2])
    for x0, name, labels, total in zip(xs, L.SLIP_BLOCKS, blocks, totals, strict=True):
        items += [Band(x0, _row_y(0) - 5, bw, 18, 0.88), Text(x0 + 4, _row_y(0), 10, name, bold=True)]
        items += [Text(x0 + 4, _row_y(k + 1), 10, label) for k, label in enumerate(labels)]
        items += [Rule(x0, _row_y(7) + 13, x0 + bw, _row_y(7) + 13), Text(x0 + 4, _row_y(7), 10, total, bold=True)]
    items.append(Text(MARGIN, 40, 8, L.SLIP_FOOTER, gray=0.45))
    return items


def slip_items(x: PayLine, employee: dict) -> list:
    """What one employee's slip adds to the form."""
    xs, bw = _columns()
    values = ([v for _, v in pay_items(x)], [x.non_taxable], [getattr(x, a) for a, _ in L.SLIP_DEDUCTIONS])
    totals = (x.gross, x.non_taxable, x.deductions)
    items: list = [Text(PAGE_W - MARGIN, PAGE_H - 64, 11, f"{x.name}（{x.emp_id}）　{x.dept}", align="r")]
    for x0, amounts, total in zip(xs, values, totals, strict=True):
        items += [Text(x0 + bw - 4, _row_y(k + 1), 10, _money(v), align="r") for k, v in enumerate(amounts)]
        items.append(Text(x0 + bw - 4, _row_y(7), 10, _money(total), align="r", bold=True))
    items.append(Text(PAGE_W / 2, _row_y(9), 12, equation(x), align="c", bold=True))
    items += [Text(MARGIN, _row_y(11) - 16 * k, 8.5, note, gray=0.3) for k, note in enumerate(_notes(x, employee))]
    return items


def _alphabet(items: list) -> str:
    return "".join(i.text for i in items if isinstance(i, Text))


def slip_pdfs(month: str, lines: list[PayLine], employees: dict[str, dict], employer: str,
              folder: Path) -> dict[str, Path]:
    """One PDF per employee, all stamped from one form; 工号 → path."""
    static = slip_form_items(employer, month)
    pages = {x.emp_id: slip_items(x, employees.get(x.emp_id, {})) for x in lines}
    form = Form(PAGE_W, PAGE_H, _alphabet(static) + "".join(_alphabet(p) for p in pages.values()), static)
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for x in lines:
        path = output_path(folder, x.emp_id, x.name, suffix=".pdf")
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(form.page(pages[x.emp_id]))
        tmp.replace(path)
        out[x.emp_id] = path
    return out


def build_slips(led: ledger.Ledger, month: str, out_dir: Path, *, config=None) -> OutputResult:
    """Write 工资条_<月份>.xlsx and 工资条_<月份>/<工号>_<姓名>.pdf; mail them when ``config`` (the
    loaded jobs file: sender, smtp, outbox, state, retries, backoff_seconds) is given."""
    lines = month_lines(led, month)
    employees = {x.emp_id: led.first("master", "employees", "emp_id", x.emp_id) or {} for x in lines}
    employer = seller_from_params(led.params).name
    result = OutputResult(month)
    result.paths.append(save_new(slips_workbook(month, lines, employees, employer), out_dir / f"工资条_{month}.xlsx"))
    folder = out_dir / f"工资条_{month}"
    pdfs = slip_pdfs(month, lines, employees, employer, folder)
    result.lines.append(f"{month} 工资条：{len(lines)} 人，已写出 {result.paths[0]} 和 {folder}/ 下的 {len(pdfs)} 份 PDF")
    if not employer:
        result.lines.append(L.SLIP_NO_EMPLOYER)
    for x in lines:
        result.rows.append({"employee_id": x.emp_id, "name": x.name, "gross": x.gross, "non_taxable": x.non_taxable,
                            "deductions": x.deductions, "net": x.net, "email": employees[x.emp_id].get("email") or "",
                            "pdf": str(pdfs[x.emp_id])})
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


__all__ = ["build_slips", "equation", "mail_slips", "pay_items", "slip_pdfs", "slips_workbook"]
