"""Build the Word templates in templates/ (python-docx + docxtpl Jinja tags), reproducibly.

Run ``.venv/bin/python scripts/build_templates.py`` after changing the wording here; the committed
.docx files are this script's output (a test checks they match byte for byte). Legal staff may also
edit the .docx files in Word directly — then keep the Jinja tags ({{ … }}, {%p … %}, {%tr … %})
intact, and copy the change back here before the next rebuild.

Determinism: fixed document properties, zip entries in a fixed order with a fixed timestamp.
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parent))
from template_texts import (  # noqa: E402
    CONTRACT_FULL,
    CONTRACT_INSTALLMENT,
    HANDOVER,
    LETTER,
    OUTBOUND,
    OUTBOUND_GRID,
    OUTBOUND_SIGNATURES,
    REPOSSESSION_NOTICE,
)

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
FIXED_TIME = datetime(2026, 1, 1)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
CN_NUMBERS = ("", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
              "十五", "十六")
SCHEDULE_HEADERS = ("期数", "应还日期", "应还本金（元）", "应还利息（元）", "应还金额（元）", "剩余本金（元）")
SCHEDULE_FIELDS = ("period", "due_date", "principal", "interest", "amount_due", "balance")
MISSED_HEADERS = ("期数", "应还日期", "应还金额（元）", "未还金额（元）", "逾期天数", "计违约金天数", "违约金（元）")
MISSED_FIELDS = ("period", "due_date", "amount_due", "outstanding", "days", "penalty_days", "penalty")


# The Simplified Chinese face by name (dealer_xl.documents.fonts makes it for LibreOffice's PDFs from
# fonts-noto-cjk); Word on a machine without it substitutes its own 宋体 for a zh-CN run.
FONT_LATIN, FONT_CJK = "Times New Roman", "Noto Serif SC"
LANG = "zh-CN"
MONEY_FIELDS = {"principal", "interest", "amount_due", "balance", "outstanding", "penalty"}


def _fonts(rpr, size: float | None = None) -> None:
    """Latin and East Asian fonts and the zh-CN language on a run-properties element."""
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), FONT_LATIN)
    fonts.set(qn("w:hAnsi"), FONT_LATIN)
    fonts.set(qn("w:eastAsia"), FONT_CJK)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANG)
    lang.set(qn("w:eastAsia"), LANG)


def new_document(title: str, size: float = 11, line: int = 312, initials: str = "") -> Document:
    doc = Document()
    styles = doc.styles.element
    _fonts(styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")))
    ppr = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "80")
    spacing.set(qn("w:line"), str(line))
    style = doc.styles["Normal"]
    style.font.size = Pt(size)
    _fonts(style.element.get_or_add_rPr())
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANG)
        theme_lang.set(qn("w:eastAsia"), LANG)
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.2)
    _header_footer(section, initials)
    props = doc.core_properties
    props.author = props.last_modified_by = "dealer_xl"
    props.title = title
    props.language = LANG
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    return doc


def _header_footer(section, initials: str = "") -> None:
    """Header: the 样稿 mark (empty on a signed document); footer: 第 X 页 共 Y 页, then ``initials``
    (the lines each party signs on every page of a form)."""
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = header.add_run("{{ draft_mark }}")
    run.bold, run.font.size, run.font.color.rgb = True, Pt(16), RGBColor(0xC0, 0x00, 0x00)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("第 ")
    _field(footer, "PAGE")
    footer.add_run(" 页 共 ")
    _field(footer, "NUMPAGES")
    footer.add_run(" 页")
    if initials:
        footer.add_run(f"　　{initials}")


def _field(paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) as begin / instruction / separate / "1" / end runs."""
    for tag, value in (("w:fldChar", "begin"), ("w:instrText", f" {code} "), ("w:fldChar", "separate"),
                       ("w:t", "1"), ("w:fldChar", "end")):
        el = OxmlElement(tag)
        if tag == "w:fldChar":
            el.set(qn("w:fldCharType"), value)
        else:
            el.set(qn("xml:space"), "preserve")
            el.text = value
        paragraph.add_run()._r.append(el)


def add_lines(doc: Document, lines: list[str]) -> None:
    """Each line is a paragraph; '# ' a centred title ('#! ' on a new page), '## ' a bold clause heading numbered 第N条
    (附件 headings are not, and start a new page), '* ' a bold heading of a form (neither), '> ' right-aligned,
    '{%' lines Jinja tags, '### ' an unnumbered bold section heading (a form's 一、二、…, no page break),
    '[schedule]' / '[missed]' / '[receipt:TITLE:WHO]' (送达回执 of TITLE served on the context's WHO) /
    '[signatures]' / '[handover-signatures]' / '[outbound]' / '[outbound_signatures]' tables."""
    clause = 0
    for line in lines:
        if line.startswith("### "):
            p = doc.add_paragraph()
            p.paragraph_format.keep_with_next = True
            p.paragraph_format.space_before = Pt(8)
            p.add_run(line[4:]).bold = True
            continue
        if line.startswith("[receipt:"):
            title, to = line[len("[receipt:"):-1].split(":")
            add_receipt_table(doc, title, to)
            continue
        if line == "[handover-signatures]":
            add_handover_signatures(doc)
            continue
        if line.startswith("## ") and not line.startswith("## 附件"):
            clause += 1
            line = f"## 第{CN_NUMBERS[clause]}条　{line[3:]}"
        if line.startswith(("# ", "#! ")):
            p = doc.add_paragraph()
            p.paragraph_format.page_break_before = line.startswith("#! ")
            line = line.replace("#! ", "# ", 1)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(12)
            run = p.add_run(line[2:])
            run.bold, run.font.size = True, Pt(18)
        elif line.startswith("## "):
            p = doc.add_paragraph()
            p.paragraph_format.keep_with_next = True
            p.paragraph_format.space_before = Pt(6)
            p.paragraph_format.page_break_before = line.startswith("## 附件")
            run = p.add_run(line[3:])
            run.bold = True
        elif line.startswith("* "):
            p = doc.add_paragraph()
            p.paragraph_format.keep_with_next = True
            p.paragraph_format.space_before = Pt(6)
            p.add_run(line[2:]).bold = True
        elif line.startswith("> "):
            p = doc.add_paragraph(line[2:])
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif line.startswith("= "):
            p = doc.add_paragraph(line[2:])
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.keep_with_next = True
        elif line.startswith("^ "):
            p = doc.add_paragraph(line[2:])
            p.paragraph_format.keep_with_next = True
            p.paragraph_format.first_line_indent = Pt(22)
        elif line.startswith(">^ "):
            p = doc.add_paragraph(line[3:])
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.paragraph_format.keep_with_next = True
        elif line == "[schedule]":
            add_loop_table(doc, SCHEDULE_HEADERS, SCHEDULE_FIELDS, "schedule",
                           ("合计", "", "schedule_total.principal", "schedule_total.interest",
                            "schedule_total.amount_due", ""))
        elif line == "[missed]":
            add_loop_table(doc, MISSED_HEADERS, MISSED_FIELDS, "missed",
                           ("合计", "", "", "missed_total.outstanding", "", "", "missed_total.penalty"))
        elif line == "[signatures]":
            add_signature_table(doc)
        elif line == "[outbound]":
            add_grid(doc, OUTBOUND_GRID)
        elif line == "[outbound_signatures]":
            add_signature_boxes(doc, OUTBOUND_SIGNATURES)
        else:
            p = doc.add_paragraph(line)
            if not line.startswith("{%"):
                p.paragraph_format.first_line_indent = Pt(22)


def _space_after_table(doc: Document) -> None:
    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(6)


def add_loop_table(doc: Document, headers, fields, items: str, total_row) -> None:
    """A table whose middle row repeats per item (docxtpl {%tr for %}), with an optional total;
    the header row repeats on every page, amounts are right-aligned."""
    table = doc.add_table(rows=0, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.add_row()
    header_pr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    header_pr.append(repeat)
    for cell, name in zip(header.cells, headers, strict=True):
        cell.text = name
        cell.paragraphs[0].runs[0].bold = True
    table.add_row().cells[0].text = f"{{%tr for r in {items} %}}"
    for cell, name in zip(table.add_row().cells, fields, strict=True):
        cell.text = f"{{{{ r.{name} }}}}"
    table.add_row().cells[0].text = "{%tr endfor %}"
    if total_row:
        for cell, name in zip(table.add_row().cells, total_row, strict=True):
            cell.text = name if name in ("合计", "") else f"{{{{ {name} }}}}"
    for i, row in enumerate(table.rows):
        for j, cell in enumerate(row.cells):
            money = i > 0 and fields[j] in MONEY_FIELDS
            for p in cell.paragraphs:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if money else WD_ALIGN_PARAGRAPH.CENTER
    _space_after_table(doc)


RECEIPT_ROWS = (("受送达人", "{{ TO.name }}"), ("送达文书", "TITLE（函号：{{ letter_no }}）"),
                ("送达地址", "{{ TO.address }}"),
                ("送达方式", "□ 直接送达　　□ 邮寄（单号：＿＿＿＿＿＿＿＿）　　□ 其他"),
                ("受送达人签收", ""), ("签收日期", "　　　　年　　月　　日"), ("送达人", ""),
                ("备注", "受送达人拒绝签收的，由送达人注明拒收情况、日期并签名。"))


def add_receipt_table(doc: Document, title: str, to: str) -> None:
    """The 送达回执 form of the document ``title`` served on ``to`` (a context name): label / value
    rows, tall rows for signatures."""
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    table.columns[0].width, table.columns[1].width = Cm(3.5), Cm(12.5)
    for label, value in RECEIPT_ROWS:
        row = table.add_row()
        row.height = Cm(2.4 if label in ("受送达人签收", "送达人") else 1.3)
        row.cells[0].width, row.cells[1].width = Cm(3.5), Cm(12.5)
        row.cells[0].text, row.cells[1].text = label, value.replace("TITLE", title).replace("TO", to)
        row.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        row.cells[0].paragraphs[0].runs[0].bold = True
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _space_after_table(doc)


SIGNATURE_ROWS = (
    ("甲方（出卖人）", "乙方（买受人）", "{{ guarantor.role if guarantor else '' }}"),
    ("{{ seller.name }}", "{{ buyer.name }}", "{{ guarantor.name if guarantor else '' }}"),
    ("（盖章）", "（签字或盖章）", "{{ '（签字或盖章）' if guarantor else '' }}"),
    ("法定代表人或授权代表：", "{{ buyer.signer }}", ""),
    ("", "", ""),
    ("日期：　　年　　月　　日", "日期：　　年　　月　　日", "{{ '日期：　　年　　月　　日' if guarantor else '' }}"),
)
SIGNATURE_WIDTHS = (Cm(6.0), Cm(5.0), Cm(5.0))


def add_signature_table(doc: Document) -> None:
    """A borderless signature/seal block: one column per party, one row per line so the parties
    stay aligned, a tall empty row for the seals; rows kept together on one page."""
    table = doc.add_table(rows=0, cols=len(SIGNATURE_WIDTHS))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, SIGNATURE_WIDTHS, strict=True):
        column.width = width
    for i, texts in enumerate(SIGNATURE_ROWS):
        row = table.add_row()
        row.height = Cm(2.0) if not any(texts) else Cm(0.7)
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, width, text in zip(row.cells, SIGNATURE_WIDTHS, texts, strict=True):
            cell.width = width
            p = cell.paragraphs[0]
            p.paragraph_format.keep_with_next = i < len(SIGNATURE_ROWS) - 1
            run = p.add_run(text)
            run.font.size = Pt(10.5)
            run.bold = i == 0
    _space_after_table(doc)


HANDOVER_SIGNERS = ("移交人（扣车经办）", "接收人（保管人 {{ keeper }}）", "买受人或其代理人（在场时）", "见证人")


def add_handover_signatures(doc: Document) -> None:
    """The handover's signature table: one tall row per signer (签字 and 日期), kept on one page."""
    table = doc.add_table(rows=0, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = (Cm(5.5), Cm(6.0), Cm(4.5))
    for i, signer in enumerate(HANDOVER_SIGNERS):
        row = table.add_row()
        row.height = Cm(1.5)
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, width, text in zip(row.cells, widths, (signer, "签字：", "日期：　　年　　月　　日"), strict=True):
            cell.width = width
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            p = cell.paragraphs[0]
            p.paragraph_format.keep_with_next = i < len(HANDOVER_SIGNERS) - 1
            p.add_run(text)


def add_grid(doc: Document, rows) -> None:
    """A ruled label / value / label / value grid (a printed form's facts), labels bold and shaded."""
    widths = (Cm(2.6), Cm(5.4), Cm(2.6), Cm(5.4))
    table = doc.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for texts in rows:
        row = table.add_row()
        row.height = Cm(0.9)
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for j, (cell, width, text) in enumerate(zip(row.cells, widths, texts, strict=True)):
            cell.width = width
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            run = cell.paragraphs[0].add_run(text)
            if j % 2 == 0:
                run.bold = True
                shading = OxmlElement("w:shd")
                shading.set(qn("w:val"), "clear")
                shading.set(qn("w:fill"), "EDEDED")
                cell._tc.get_or_add_tcPr().append(shading)
    _space_after_table(doc)


def add_signature_boxes(doc: Document, roles) -> None:
    """One ruled box per signer: the role, a tall empty row to sign in, and a date line."""
    table = doc.add_table(rows=0, cols=len(roles))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    width = Cm(16.0 / len(roles))
    for texts, height in ((roles, 0.8), (("",) * len(roles), 2.2), (("日期：　　年　　月　　日",) * len(roles), 0.8)):
        row = table.add_row()
        row.height = Cm(height)
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, text in zip(row.cells, texts, strict=True):
            cell.width = width
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.keep_with_next = True
            run = p.add_run(text)
            run.bold = text in roles
    _space_after_table(doc)


def deterministic_bytes(doc: Document) -> bytes:
    """The .docx package with sorted entries and a fixed timestamp."""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        first = [n for n in ("[Content_Types].xml",) if n in names]
        for name in first + sorted(n for n in names if n not in first):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()


def build(folder: Path = TEMPLATES) -> list[Path]:
    """Write the templates into ``folder``; returns their paths."""
    written = []
    for name, title, lines, size, line, initials in (
            ("分期付款买卖合同.docx", "分期付款买卖合同", CONTRACT_INSTALLMENT, 11, 312, ""),
            ("全款销售合同.docx", "工程机械买卖合同", CONTRACT_FULL, 11, 312, ""),
            ("催款函.docx", "催款函", LETTER, 10, 264, ""),
            ("扣车通知书.docx", "扣车通知书", REPOSSESSION_NOTICE, 10.5, 288, ""),
            ("车辆交接单.docx", "车辆交接单", HANDOVER, 10.5, 288, "移交人：________　接收人：________"),
            ("出库单.docx", "整机出库单", OUTBOUND, 10.5, 288, "")):
        doc = new_document(title, size, line, initials)
        add_lines(doc, lines)
        path = folder / name
        path.write_bytes(deterministic_bytes(doc))
        written.append(path)
    return written


if __name__ == "__main__":
    for path in build():
        print(f"已生成 {path}")
