"""Subject and body templates of report emails: Jinja, sandboxed, HTML autoescaped.

The templates come from the jobs file, which is edited by people, so they are rendered in Jinja's
:class:`~jinja2.sandbox.SandboxedEnvironment` (no attribute tricks reach Python internals) with
:class:`~jinja2.StrictUndefined` (a misspelt variable is an error, not an empty string). Bodies
are autoescaped: a customer name containing ``<script>`` arrives as text. The pack's own HTML
summary is passed in already escaped, as ``summary``.
"""

from __future__ import annotations

from collections.abc import Mapping

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

__all__ = ["TemplateError", "compile_template", "render_template"]

_ENVIRONMENTS = {
    html: SandboxedEnvironment(autoescape=html, undefined=StrictUndefined, keep_trailing_newline=False)
    for html in (False, True)
}


def compile_template(source: str, *, html: bool):
    """Compile a template (raises :class:`jinja2.TemplateError` on a syntax error)."""
    return _ENVIRONMENTS[html].from_string(str(source))


def render_template(source: str, context: Mapping[str, object], *, html: bool) -> str:
    """Render ``source`` with ``context``; HTML templates are autoescaped."""
    return compile_template(source, html=html).render(**context)
