"""Template rendering is sandboxed, strict about fields and escapes values; templates rebuild identically."""

import importlib.util
from pathlib import Path

import pytest
from docx import Document
from docxtpl import DocxTemplate
from jinja2.exceptions import SecurityError

from dealer_xl.documents.rendering import TemplateFieldError, environment, render_docx, render_html

ROOT = Path(__file__).resolve().parents[2]


def _template(tmp_path: Path, *lines: str) -> Path:
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    path = tmp_path / "t.docx"
    doc.save(path)
    return path


def test_unknown_field_fails_naming_it_and_writes_nothing(tmp_path):
    template = _template(tmp_path, "买受人：{{ buyer.name }}", "传真：{{ fax_number }}")
    out = tmp_path / "out.docx"
    with pytest.raises(TemplateFieldError, match="fax_number"):
        render_docx(template, {"buyer": {"name": "王"}}, out)
    assert not out.exists()



def test_a_template_changed_at_the_same_path_is_read_again(tmp_path):
    """The fields a template refers to are parsed once per version of the file: after the template is
    replaced by one naming another field, that field is asked for (not the first version's) — even in
    a branch this context does not render, where only the check of the fields can see it."""
    context = {"buyer": "王", "guaranteed": False}
    template = _template(tmp_path, "买受人：{{ buyer }}{% if guaranteed %}有担保{% endif %}")
    render_docx(template, context, tmp_path / "a.docx")
    _template(tmp_path, "买受人：{{ buyer }}{% if guaranteed %}担保人：{{ guarantor_name }}{% endif %}")
    with pytest.raises(TemplateFieldError, match="guarantor_name"):
        render_docx(template, context, tmp_path / "b.docx")
    assert not (tmp_path / "b.docx").exists()

def test_unknown_attribute_fails_naming_it(tmp_path):
    template = _template(tmp_path, "{{ buyer.fax }}")
    with pytest.raises(TemplateFieldError, match="fax"):
        render_docx(template, {"buyer": {"name": "王"}}, tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()


def test_values_are_escaped_in_docx(tmp_path):
    template = _template(tmp_path, "{{ name }}")
    out = render_docx(template, {"name": "<b>A&B</b>"}, tmp_path / "out.docx")
    assert Document(out).paragraphs[0].text == "<b>A&B</b>"


def test_rendering_is_sandboxed():
    with pytest.raises(SecurityError):
        environment().from_string("{{ x.__class__.__mro__ }}").render(x=1)


def test_html_is_autoescaped(tmp_path):
    (tmp_path / "t.html.j2").write_text("<p>{{ name }}</p>", encoding="utf-8")
    assert render_html("t.html.j2", {"name": "<script>"}, tmp_path) == "<p>&lt;script&gt;</p>"
    with pytest.raises(TemplateFieldError, match="name"):
        render_html("t.html.j2", {"other": 1}, tmp_path)


def test_committed_templates_are_the_build_scripts_output(tmp_path):
    spec = importlib.util.spec_from_file_location("build_templates", ROOT / "scripts" / "build_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for built in module.build(tmp_path):
        assert built.read_bytes() == (ROOT / "templates" / built.name).read_bytes(), built.name
        assert DocxTemplate(built).get_undeclared_template_variables()  # Jinja tags survive in the .docx
