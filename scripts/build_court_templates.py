"""Build the court file's Word templates (民事起诉状.docx, 证据清单.docx) in templates/, reproducibly.

Run ``.venv/bin/python scripts/build_court_templates.py`` after changing the wording in
court_texts.py; the committed .docx files are this script's output (a test checks they match byte
for byte). It shares the page set-up, fonts, text markers and deterministic packaging of
build_templates.py and adds two table kinds: the element form (a two-column label / content table
with section rows, as the court's model form is laid out) and loop tables with set column widths.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_templates as base  # noqa: E402
from court_texts import (  # noqa: E402
    CALCULATION_FIELDS,
    CALCULATION_HEADERS,
    CALCULATION_TOTAL,
    COMPLAINT_FORM,
    COMPLAINT_HEAD,
    COMPLAINT_TAIL,
    EVIDENCE_AFTER_CALCULATION,
    EVIDENCE_HEAD,
    EVIDENCE_MIDDLE,
    EXHIBIT_FIELDS,
    EXHIBIT_HEADERS,
    RECEIPT_FIELDS,
    RECEIPT_HEADERS,
)

FORM_WIDTHS = (Cm(4.4), Cm(11.6))
SHADE = "E7E6E6"


def _shade(cell) -> None:
    pr = cell._tc.get_or_add_tcPr()
    fill = OxmlElement("w:shd")
    fill.set(qn("w:val"), "clear")
    fill.set(qn("w:color"), "auto")
    fill.set(qn("w:fill"), SHADE)
    pr.append(fill)


def _no_split(row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def add_form(doc, rows) -> None:
    """The element form: section rows across both columns (shaded, bold), label / content rows,
    docxtpl row tags; a row never splits across pages except the long content ones."""
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, FORM_WIDTHS, strict=True):
        column.width = width
    for spec in rows:
        row = table.add_row()
        for cell, width in zip(row.cells, FORM_WIDTHS, strict=True):
            cell.width = width
        if len(spec) == 1:
            row.cells[0].text = spec[0]
            continue
        label, content = spec
        if label == "##":
            merged = row.cells[0].merge(row.cells[1])
            merged.text = content
            merged.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            merged.paragraphs[0].runs[0].bold = True
            merged.paragraphs[0].paragraph_format.keep_with_next = True
            _shade(merged)
            _no_split(row)
            continue
        row.cells[0].text, row.cells[1].text = label, content
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            for p in cell.paragraphs:
                p.paragraph_format.space_after = Pt(2)
        row.cells[0].paragraphs[0].runs[0].bold = True
        if not content.startswith("{{"):
            _no_split(row)
    base._space_after_table(doc)


def add_list_table(doc, headers, fields, items: str, widths, *, total=None, right=()) -> None:
    """A table whose middle row repeats per item of ``items`` (docxtpl {%tr for %}); the header row
    repeats on every page; ``right``: the fields right-aligned (amounts); '' fields stay empty."""
    table = doc.add_table(rows=0, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    header = table.add_row()
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, name in zip(header.cells, headers, strict=True):
        cell.text = name
        cell.paragraphs[0].runs[0].bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _shade(cell)
    table.add_row().cells[0].text = f"{{%tr for r in {items} %}}"
    body = table.add_row()
    _no_split(body)
    for cell, name in zip(body.cells, fields, strict=True):
        cell.text = f"{{{{ r.{name} }}}}" if name else ""
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT if name in right else WD_ALIGN_PARAGRAPH.LEFT
    table.add_row().cells[0].text = "{%tr endfor %}"
    if total:
        for cell, name in zip(table.add_row().cells, total, strict=True):
            cell.text = name if name in ("合计", "") else f"{{{{ {name} }}}}"
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    base._space_after_table(doc)


def complaint() -> object:
    doc = base.new_document("民事起诉状", 10.5, 276)
    base.add_lines(doc, COMPLAINT_HEAD)
    add_form(doc, COMPLAINT_FORM)
    base.add_lines(doc, COMPLAINT_TAIL)
    return doc


def evidence() -> object:
    doc = base.new_document("证据清单", 10.5, 276)
    base.add_lines(doc, EVIDENCE_HEAD)
    add_list_table(doc, EXHIBIT_HEADERS, EXHIBIT_FIELDS, "exhibits", (Cm(1.2), Cm(4.8), Cm(5.0), Cm(3.8), Cm(1.2)))
    base.add_lines(doc, EVIDENCE_MIDDLE)
    add_list_table(doc, CALCULATION_HEADERS, CALCULATION_FIELDS, "rows",
                   (Cm(1.2), Cm(2.4), Cm(2.6), Cm(2.6), Cm(1.8), Cm(2.2), Cm(2.6)), total=CALCULATION_TOTAL,
                   right={"amount_due", "outstanding", "days", "penalty_days", "penalty"})
    base.add_lines(doc, EVIDENCE_AFTER_CALCULATION)
    add_list_table(doc, RECEIPT_HEADERS, RECEIPT_FIELDS, "receipts", (Cm(4.0), Cm(4.0), Cm(4.0), Cm(4.0)),
                   right={"amount"})
    return doc


def build(folder: Path = base.TEMPLATES) -> list[Path]:
    """Write the court templates into ``folder``; returns their paths."""
    written = []
    for name, doc in (("民事起诉状.docx", complaint()), ("证据清单.docx", evidence())):
        path = folder / name
        path.write_bytes(base.deterministic_bytes(doc))
        written.append(path)
    return written


if __name__ == "__main__":
    for path in build():
        print(f"已生成 {path}")
