"""A .docx template's parts are compiled once and reused (#24): every document made that way equals
the plain render (docxtpl with a fresh environment, the template compiled for it), a template changed
at the same path renders its new text, and the sandbox and strictness still hold on a reused template."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docxtpl import DocxTemplate

from dealer_xl.documents.rendering import TemplateFieldError, environment, render_docx

CONTEXTS = [
    {"buyer": {"name": "王建国"}, "items": ["挖掘机 SY75C", "破碎锤"], "total": "12,345.60", "guaranteed": True},
    {"buyer": {"name": "A&B <公司>"}, "items": [], "total": "0.00", "guaranteed": False},
    {"buyer": {"name": "李四"}, "items": ["装载机"], "total": "98,000.00", "guaranteed": True},
]


def _template(path: Path, body: str = "买受人：{{ buyer.name }}") -> Path:
    doc = Document()
    doc.core_properties.title = "通知书 {{ buyer.name }}"
    doc.add_paragraph(body)
    doc.add_paragraph("{% for item in items %}")
    doc.add_paragraph("设备：{{ item }}")
    doc.add_paragraph("{% endfor %}")
    doc.add_paragraph("合计：{{ total }}{% if guaranteed %}（有担保）{% endif %}")
    section = doc.sections[0]
    section.header.paragraphs[0].text = "页眉 {{ buyer.name }}"
    section.footer.paragraphs[0].text = "页脚 合计 {{ total }}"
    doc.save(path)
    return path


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def _plain(template: Path, context: dict) -> dict[str, bytes]:
    doc = DocxTemplate(template)
    doc.render(context, environment(), autoescape=True)
    buffer = io.BytesIO()
    doc.save(buffer)
    return _parts(buffer.getvalue())


def test_every_document_equals_the_plain_render(tmp_path):
    template = _template(tmp_path / "t.docx")
    for round_ in range(2):  # the second round renders from templates compiled in the first
        for i, context in enumerate(CONTEXTS):
            out = render_docx(template, context, tmp_path / f"out{round_}{i}.docx")
            assert _parts(out.read_bytes()) == _plain(template, context)
    text = [p.text for p in Document(tmp_path / "out11.docx").paragraphs]
    assert "买受人：A&B <公司>" in text and "合计：0.00" in text


def test_a_template_changed_at_the_same_path_renders_its_new_text(tmp_path):
    template = _template(tmp_path / "t.docx")
    render_docx(template, CONTEXTS[0], tmp_path / "a.docx")
    _template(template, "出卖人致买受人：{{ buyer.name }}")
    out = render_docx(template, CONTEXTS[0], tmp_path / "b.docx")
    assert Document(out).paragraphs[0].text == "出卖人致买受人：王建国"
    assert _parts(out.read_bytes()) == _plain(template, CONTEXTS[0])


def test_a_reused_template_is_still_sandboxed_and_strict(tmp_path):
    template = _template(tmp_path / "t.docx", "{{ buyer.name.__class__.__mro__ }}")
    for n in range(2):
        with pytest.raises(TemplateFieldError):
            render_docx(template, CONTEXTS[0], tmp_path / f"bad{n}.docx")
        assert not (tmp_path / f"bad{n}.docx").exists()
    template = _template(tmp_path / "u.docx", "{{ buyer.fax }}")
    for n in range(2):
        with pytest.raises(TemplateFieldError, match="fax"):
            render_docx(template, CONTEXTS[0], tmp_path / f"fax{n}.docx")
