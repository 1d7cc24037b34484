"""Building report emails: templates, HTML body with inline chart images, attachments, safe headers.

Guarantees: a recipient, sender or subject containing a control character (CR, LF, NUL, tab, NEL
U+0085 or any other of Unicode category Cc) or a line/paragraph separator (U+2028, U+2029, category
Zl/Zp), or an address that is not exactly
one plain ``local@domain`` (optionally with a display name), is refused with :class:`MailError`
before any message exists — no header injection through the jobs file or a template. Attachment
file names are encoded per RFC 2231 by :meth:`EmailMessage.add_attachment`, so Chinese names
arrive intact; inline images are referenced from the HTML as ``cid:KEY``. The message is 7-bit
clean on the wire (bodies base64, headers RFC 2047), so no server's 8BITMIME support is needed.

Subject and body templates come from the jobs file, edited by people, so they are rendered in
Jinja's :class:`~jinja2.sandbox.SandboxedEnvironment` (no attribute tricks reach Python internals)
with :class:`~jinja2.StrictUndefined` (a misspelt variable is an error, not an empty string).
Bodies are autoescaped: a customer name containing ``<script>`` arrives as text; the pack's own
HTML summary is passed in already escaped (as :class:`markupsafe.Markup`).
"""

from __future__ import annotations

import mimetypes
import re
import unicodedata
from collections.abc import Mapping, Sequence
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, getaddresses, make_msgid
from pathlib import Path

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

_ADDR_SPEC = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                        r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$")
_REFUSED_CATEGORIES = frozenset({"Cc", "Zl", "Zp"})
_ENVIRONMENTS = {html: SandboxedEnvironment(autoescape=html, undefined=StrictUndefined) for html in (False, True)}

__all__ = ["MailError", "TemplateError", "build_message", "check_address", "check_header_text",
           "compile_template", "render_template", "to_address"]


class MailError(ValueError):
    """A header value that would be unsafe or invalid in an email; the message is Chinese."""


def compile_template(source: str, *, html: bool):
    """Compile a template (raises :class:`jinja2.TemplateError` on a syntax error)."""
    return _ENVIRONMENTS[html].from_string(str(source))


def render_template(source: str, context: Mapping[str, object], *, html: bool) -> str:
    """Render ``source`` with ``context``; HTML templates are autoescaped."""
    return compile_template(source, html=html).render(**context)


def check_header_text(text: str, what: str) -> str:
    """Refuse ``text`` for a header when it holds a control character or a line/paragraph separator
    (header injection, or a header the email library cannot fold)."""
    bad = next((c for c in str(text) if unicodedata.category(c) in _REFUSED_CATEGORIES), None)
    if bad is not None:
        raise MailError(f"{what}含有换行符或控制字符（U+{ord(bad):04X}），可能是邮件头注入，已拒绝：{str(text)!r}")
    return str(text)


def check_address(text: str) -> str:
    """Return ``text`` stripped when it is one valid address (``a@b.cn`` or ``名字 <a@b.cn>``)."""
    check_header_text(text, "邮箱地址")
    pairs = getaddresses([text])
    if len(pairs) != 1 or not _ADDR_SPEC.match(pairs[0][1]) or "," in text.replace(pairs[0][0], "", 1):
        raise MailError(f"邮箱地址无效（应为一个地址，如 张三 <zhangsan@example.com>）：{text!r}")
    return text.strip()


def to_address(text: str) -> Address:
    """A checked address as an :class:`email.headerregistry.Address` (display name may be Chinese)."""
    name, spec = getaddresses([check_address(text)])[0]
    local, domain = spec.rsplit("@", 1)
    return Address(display_name=name, username=local, domain=domain)


def build_message(*, sender: str, to: Sequence[str], subject: str, html: str,
                  images: Mapping[str, bytes] | None = None, attachments: Sequence[Path] = (),
                  domain: str = "dealer-xl.local") -> EmailMessage:
    """A complete message: text fallback + HTML body (+ inline PNGs) + file attachments."""
    check_header_text(subject, "邮件主题")
    recipients = [to_address(a) for a in to]
    if not recipients:
        raise MailError("邮件没有收件人")
    msg = EmailMessage(policy=SMTP)
    msg["From"] = to_address(sender)
    msg["To"] = recipients
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=domain)
    msg.set_content("本邮件为 HTML 格式，请使用支持 HTML 的邮件客户端查看；报表见附件。\n", cte="base64")
    msg.add_alternative(html, subtype="html", cte="base64")
    if images:
        html_part = msg.get_payload()[1]
        for key, png in images.items():
            html_part.add_related(png, maintype="image", subtype="png", cid=f"<{key}>",
                                  disposition="inline", filename=f"{key}.png")
    for path in attachments:
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        maintype, subtype = mime.split("/", 1)
        msg.add_attachment(Path(path).read_bytes(), maintype=maintype, subtype=subtype,
                           filename=Path(path).name)
    return msg
