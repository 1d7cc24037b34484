"""Rendering templates staff can edit: .docx with Jinja tags (docxtpl) and Jinja HTML.

Guarantees:

- rendering is sandboxed (:class:`jinja2.sandbox.SandboxedEnvironment`: a template cannot reach
  Python internals) and strict: a template naming a field the context lacks raises
  :class:`TemplateFieldError` naming that field (all unknown top-level names at once, before
  anything is rendered; an unknown attribute such as ``buyer.fax`` when it is met);
- values are escaped: XML special characters in .docx, HTML in .html.j2 (autoescape on), so a
  customer called ``<script>`` or ``A&B`` can neither break the document nor inject markup;
- a .docx is rendered in memory and written atomically (temporary file + rename): a failed render
  leaves no file; :func:`to_pdfs` converts with LibreOffice when it is installed, in a fresh profile
  holding the Simplified Chinese faces the templates name (:mod:`.fonts`), so the PDFs embed the
  SC face.

Filters available to templates: ``yuan`` (¥1,234.50), ``num`` (1,234.50), ``upper`` (大写 without
人民币), ``cn_date`` (2026年10月31日), ``pct`` (6.50%).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from dealer_xl.domain.rmb import format_yuan, rmb_upper
from dealer_xl.io.backups import clean_stale_temporaries, temporary_name

from .fonts import install_into
from .seller import TEMPLATES


class TemplateFieldError(ValueError):
    """A template refers to fields the data does not have (or cannot be rendered at all)."""


def cn_date(value: date | None) -> str:
    """2026年10月31日 ('' for None)."""
    return "" if value is None else f"{value.year}年{value.month}月{value.day}日"


def num(value: Decimal | int | None) -> str:
    """1,234.50 ('' for None)."""
    return "" if value is None else f"{Decimal(value):,.2f}"


def pct(value: Decimal | None, places: int = 2) -> str:
    """6.50% ('' for None)."""
    return "" if value is None else f"{Decimal(value) * 100:.{places}f}%"


def environment(folder: Path | None = None) -> SandboxedEnvironment:
    """The sandboxed, strict, autoescaping Jinja environment (loading from ``folder`` if given)."""
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True, trim_blocks=True,
                               lstrip_blocks=True,
                               loader=FileSystemLoader(str(folder)) if folder else None)
    env.filters.update(yuan=format_yuan, num=num, upper=rmb_upper, cn_date=cn_date, pct=pct)
    return env


class _CompilingOnce(SandboxedEnvironment):
    """The environment of the .docx renders: a template source (a part's XML as docxtpl prepares it,
    a document property) is compiled once and its compiled form reused for every document made from
    it — the same source compiles to the same template, so a render is the plain one (a run makes
    dozens of notices, letters and contracts from a handful of templates)."""

    KEPT = 256  # sources kept (a template has a few parts; the cache starts over beyond this)

    def __init__(self) -> None:
        super().__init__(undefined=StrictUndefined, autoescape=True, trim_blocks=True, lstrip_blocks=True)
        self.filters.update(yuan=format_yuan, num=num, upper=rmb_upper, cn_date=cn_date, pct=pct)
        self.compiled: dict[str, object] = {}

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 (jinja's name)
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        found = self.compiled.get(source)
        if found is None:
            if len(self.compiled) >= self.KEPT:
                self.compiled.clear()
            found = self.compiled[source] = super().from_string(source)
        return found


@lru_cache(maxsize=1)
def docx_environment() -> _CompilingOnce:
    """The one environment of the .docx renders (as :func:`environment`, compiling each source once)."""
    return _CompilingOnce()


def render_html(template_name: str, context: dict, folder: Path = TEMPLATES) -> str:
    """Render ``folder/template_name`` (HTML, autoescaped) with ``context``."""
    try:
        return environment(folder).get_template(template_name).render(context)
    except UndefinedError as e:
        raise TemplateFieldError(f"模板 {template_name} 引用了未知字段：{e.message}") from e


def render_docx(template: Path, context: dict, out: Path) -> Path:
    """Render the .docx ``template`` with ``context`` to ``out`` (atomically); returns ``out``."""
    from docxtpl import DocxTemplate  # python-docx and lxml: only for a .docx (an HTML pack needs neither)

    template = Path(template)
    doc = DocxTemplate(template)
    env = docx_environment()
    try:
        stat = template.stat()
        unknown = template_fields(str(template), stat.st_size, stat.st_mtime_ns) - set(context)
        if unknown:
            raise TemplateFieldError(f"模板 {template.name} 引用了未知字段：{'、'.join(sorted(unknown))}")
        doc.render(context, env, autoescape=True)
        buffer = io.BytesIO()
        doc.save(buffer)
    except UndefinedError as e:
        raise TemplateFieldError(f"模板 {template.name} 引用了未知字段：{e.message}") from e
    except TemplateError as e:
        raise TemplateFieldError(f"模板 {template.name} 无法渲染：{e}") from e
    _write_atomically(Path(out), buffer.getvalue())
    return Path(out)


@lru_cache(maxsize=64)
def template_fields(path: str, size: int, mtime_ns: int) -> frozenset[str]:
    """Every field the .docx template at ``path`` refers to (body, headers, footers), parsed once per
    version of the file (``size`` and ``mtime_ns`` tell a changed template apart): a run renders the
    same template for many contracts, and this parse opened the whole document again each time."""
    from docxtpl import DocxTemplate

    return frozenset(DocxTemplate(path).get_undeclared_template_variables(environment()))


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_temporaries(path)
    tmp = temporary_name(path)
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def soffice() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdfs(paths: list[Path], timeout: int = 600) -> dict[Path, Path]:
    """Convert each .docx to a PDF beside it with LibreOffice headless (one run per folder);
    returns docx → pdf for the documents converted — empty when LibreOffice is not installed, and
    without the documents it could not convert (e.g. an installation without Writer)."""
    exe = soffice()
    if exe is None or not paths:
        return {}
    folders: dict[Path, list[Path]] = {}
    for path in paths:
        folders.setdefault(Path(path).parent, []).append(Path(path))
    result = {}
    with tempfile.TemporaryDirectory(prefix="dx-lo-") as profile:
        install_into(Path(profile))  # the SC faces the templates name (see .fonts)
        for folder, docs in folders.items():
            for doc in docs:
                doc.with_suffix(".pdf").unlink(missing_ok=True)
            cmd = [exe, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(folder), *map(str, docs)]
            try:
                subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
            except subprocess.TimeoutExpired:
                continue
            result.update({doc: doc.with_suffix(".pdf") for doc in docs if doc.with_suffix(".pdf").exists()})
    return result
