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
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))
from template_texts import CONTRACT_FULL, CONTRACT_INSTALLMENT, HANDOVER, LETTER, REPOSSESSION_NOTICE  # noqa: E402

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
FIXED_TIME = datetime(2026, 1, 1)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
CN_NUMBERS = ("", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
              "十五", "十六")
SCHEDULE_HEADERS = ("期数", "应还日期", "应还本金（元）", "应还利息（元）", "应还金额（元）", "剩余本金（元）")
SCHEDULE_FIELDS = ("period", "due_date", "principal", "interest", "amount_due", "balance")
MISSED_HEADERS = ("期数", "应还日期", "应还金额（元）", "未还金额（元）", "逾期天数")
MISSED_FIELDS = ("period", "due_date", "amount_due", "outstanding", "days")


def new_document(title: str) -> Document:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(11)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.2)
    props = doc.core_properties
    props.author = props.last_modified_by = "dealer_xl"
    props.title = title
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    return doc


def add_lines(doc: Document, lines: list[str]) -> None:
    """Each line is a paragraph; '# ' a centred title, '## ' a bold clause heading numbered 第N条
    (附件 headings are not), '{%' lines Jinja tags."""
    clause = 0
    for line in lines:
        if line.startswith("## ") and not line.startswith("## 附件"):
            clause += 1
            line = f"## 第{CN_NUMBERS[clause]}条　{line[3:]}"
        if line.startswith("# "):
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(line[2:])
            run.bold, run.font.size = True, Pt(16)
        elif line.startswith("## "):
            p = doc.add_paragraph()
            run = p.add_run(line[3:])
            run.bold = True
        elif line.startswith("> "):
            p = doc.add_paragraph(line[2:])
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif line == "[schedule]":
            add_loop_table(doc, SCHEDULE_HEADERS, SCHEDULE_FIELDS, "schedule",
                           ("合计", "", "schedule_total.principal", "schedule_total.interest",
                            "schedule_total.amount_due", ""))
        elif line == "[missed]":
            add_loop_table(doc, MISSED_HEADERS, MISSED_FIELDS, "missed", None)
        else:
            p = doc.add_paragraph(line)
            if not line.startswith("{%"):
                p.paragraph_format.first_line_indent = Pt(22)


def add_loop_table(doc: Document, headers, fields, items: str, total_row) -> None:
    """A table whose middle row repeats per item (docxtpl {%tr for %}), with an optional total."""
    table = doc.add_table(rows=0, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    cells = table.add_row().cells
    for cell, header in zip(cells, headers, strict=True):
        cell.text = header
        cell.paragraphs[0].runs[0].bold = True
    table.add_row().cells[0].text = f"{{%tr for r in {items} %}}"
    for cell, name in zip(table.add_row().cells, fields, strict=True):
        cell.text = f"{{{{ r.{name} }}}}"
    table.add_row().cells[0].text = "{%tr endfor %}"
    if total_row:
        for cell, name in zip(table.add_row().cells, total_row, strict=True):
            cell.text = name if name in ("合计", "") else f"{{{{ {name} }}}}"
    for row in table.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER


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
    for name, title, lines in (("分期付款买卖合同.docx", "分期付款买卖合同", CONTRACT_INSTALLMENT),
                               ("全款销售合同.docx", "工程机械买卖合同", CONTRACT_FULL),
                               ("催款函.docx", "催款函", LETTER),
                               ("扣车通知书.docx", "扣车通知书", REPOSSESSION_NOTICE),
                               ("车辆交接单.docx", "车辆交接单", HANDOVER)):
        doc = new_document(title)
        add_lines(doc, lines)
        path = folder / name
        path.write_bytes(deterministic_bytes(doc))
        written.append(path)
    return written


if __name__ == "__main__":
    for path in build():
        print(f"已生成 {path}")
