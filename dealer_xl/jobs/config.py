"""The jobs file (TOML): where the books are, the SMTP server, and each report job.

Loading validates everything up front and raises :class:`ConfigError` (one Chinese line) on the
first mistake: an unknown key, a bad timetable, an invalid or header-injecting address, a template
that does not compile. Guarantees: the SMTP password is never read from the file — a ``password``
key anywhere in ``[smtp]`` is refused, it comes only from ``DEALER_XL_SMTP_PASSWORD``;
``DEALER_XL_SMTP_HOST/PORT/USER`` override the file; relative paths are relative to the file.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from email.utils import getaddresses
from pathlib import Path

from ..mail.delivery import SmtpSettings
from ..mail.message import MailError, TemplateError, check_address, check_header_text, compile_template
from ..problems import BookError
from .timing import PERIOD_RULES, TimingError, When, default_period_rule, parse_when

PASSWORD_ENV = "DEALER_XL_SMTP_PASSWORD"
SECURITY = ("starttls", "ssl", "none")
_DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
_TOP_KEYS = {"books", "outbox", "state", "sender", "smtp", "jobs", "retries", "backoff_seconds"}
_SMTP_KEYS = {"host", "port", "security", "user", "timeout_seconds"}
_JOB_KEYS = {"name", "produces", "when", "period", "recipients", "subject", "body"}
_RECIPIENT_KEYS = {"address", "branch", "person"}


class ConfigError(BookError):
    """The jobs file cannot be used; the message says where and why, in Chinese."""


@dataclass(frozen=True)
class Recipient:
    """One addressee of a job and the slice of the report they get (None = everything)."""

    address: str
    branch: str | None = None
    person: str | None = None

    def key(self) -> str:
        """What the sent log knows this recipient by: the bare address, plus the slice when filtered."""
        spec = getaddresses([self.address])[0][1].lower()
        scope = "/".join(x for x in (self.branch, self.person) if x)
        return f"{spec} [{scope}]" if scope else spec


@dataclass(frozen=True)
class Job:
    """A report job: what it produces, when, for whom, and how the email reads."""

    name: str
    produces: str
    when: When
    period: str
    recipients: tuple[Recipient, ...]
    subject: str
    body: str


@dataclass(frozen=True)
class JobsConfig:
    """The whole jobs file, with paths resolved and environment overrides applied."""

    path: Path
    books: Path
    outbox: Path
    state: Path
    sender: str
    smtp: SmtpSettings
    jobs: tuple[Job, ...]
    retries: int = 3
    backoff_seconds: float = 2.0

    def job(self, name: str) -> Job:
        """The job called ``name``; :class:`ConfigError` listing the known names otherwise."""
        for job in self.jobs:
            if job.name == name:
                return job
        raise ConfigError(f"配置中没有名为“{name}”的任务；已有：{'、'.join(j.name for j in self.jobs)}")


DEFAULT_SUBJECT = "{{ title }}"
DEFAULT_BODY = "<p>您好：</p><p>{{ title }}（{{ period }}）见附件，摘要如下。</p>{{ summary }}"


def _unknown(table: Mapping, allowed: set[str], where: str) -> None:
    extra = sorted(set(table) - allowed)
    if extra:
        raise ConfigError(f"{where}：不认识的设置项 {'、'.join(extra)}")


def _smtp(table: Mapping, env: Mapping[str, str], where: str) -> SmtpSettings:
    if "password" in table or "pass" in table:
        raise ConfigError(f"{where} [smtp]：不允许在配置文件中写密码，请删除 password 项，"
                          f"改用环境变量 {PASSWORD_ENV}")
    _unknown(table, _SMTP_KEYS, f"{where} [smtp]")
    security = str(table.get("security", "starttls")).lower()
    if security not in SECURITY:
        raise ConfigError(f"{where} [smtp]：security 应为 {'、'.join(SECURITY)}，而不是“{security}”")
    host = env.get("DEALER_XL_SMTP_HOST", table.get("host")) or None
    port_text = env.get("DEALER_XL_SMTP_PORT", table.get("port", _DEFAULT_PORTS[security]))
    try:
        port = int(port_text)
    except ValueError:
        raise ConfigError(f"{where} [smtp]：端口“{port_text}”不是数字") from None
    user = env.get("DEALER_XL_SMTP_USER", table.get("user")) or None
    return SmtpSettings(host, port, security, user, env.get(PASSWORD_ENV) or None,
                        float(table.get("timeout_seconds", 30)))


def _recipient(item: Mapping | str, where: str) -> Recipient:
    if isinstance(item, str):
        item = {"address": item}
    _unknown(item, _RECIPIENT_KEYS, where)
    if "address" not in item:
        raise ConfigError(f"{where}：缺少 address（收件人邮箱）")
    try:
        address = check_address(str(item["address"]))
    except MailError as e:
        raise ConfigError(f"{where}：{e}") from None
    try:
        branch, person = (check_header_text(str(item[k]), f"收件人的 {k}") if item.get(k) else None
                          for k in ("branch", "person"))
    except MailError as e:
        raise ConfigError(f"{where}：{e}") from None
    return Recipient(address, branch, person)


def _job(table: Mapping, index: int, where: str) -> Job:
    name = str(table.get("name") or "")
    here = f"{where} 第 {index} 个任务（{name or '未命名'}）"
    _unknown(table, _JOB_KEYS, here)
    for key in ("name", "produces", "when"):
        if not table.get(key):
            raise ConfigError(f"{here}：缺少 {key}")
    try:
        when = parse_when(table["when"])
    except TimingError as e:
        raise ConfigError(f"{here}：{e}") from None
    period = table.get("period", default_period_rule(when))
    if period not in PERIOD_RULES:
        raise ConfigError(f"{here}：period 应为 {'、'.join(PERIOD_RULES)}，而不是“{period}”")
    recipients = tuple(_recipient(r, f"{here} 第 {i} 个收件人")
                       for i, r in enumerate(table.get("recipients", ()), 1))
    if not recipients:
        raise ConfigError(f"{here}：没有收件人（recipients）")
    subject, body = table.get("subject", DEFAULT_SUBJECT), table.get("body", DEFAULT_BODY)
    try:
        check_header_text(name, "任务名称")
        check_header_text(subject, "邮件主题模板")
        compile_template(subject, html=False)
        compile_template(body, html=True)
    except (MailError, TemplateError) as e:
        raise ConfigError(f"{here}：{e}") from None
    return Job(name, str(table["produces"]), when, period, recipients, subject, body)


def load_config(path: Path, *, env: Mapping[str, str] | None = None, books: Path | None = None) -> JobsConfig:
    """Read and check the jobs file; ``books`` (``--books DIR``) overrides the file's books folder."""
    path = Path(path)
    env = os.environ if env is None else env
    where = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"找不到任务配置文件 {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{where} 不是有效的 TOML 文件：{e}") from None
    _unknown(data, _TOP_KEYS, where)
    base = path.resolve().parent
    jobs = tuple(_job(t, i, where) for i, t in enumerate(data.get("jobs", ()), 1))
    names = [j.name for j in jobs]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise ConfigError(f"{where}：任务名称重复：{'、'.join(duplicated)}")
    try:
        sender = check_address(str(data.get("sender", "dealer-xl@localhost")))
    except MailError as e:
        raise ConfigError(f"{where} sender：{e}") from None
    return JobsConfig(
        path=path,
        books=Path(books) if books else (base / data.get("books", ".")).resolve(),
        outbox=(base / data.get("outbox", "发件箱")).resolve(),
        state=(base / data.get("state", "发送记录")).resolve(),
        sender=sender,
        smtp=_smtp(data.get("smtp", {}), env, where),
        jobs=jobs,
        retries=int(data.get("retries", 3)),
        backoff_seconds=float(data.get("backoff_seconds", 2.0)),
    )


def without_smtp(config: JobsConfig) -> JobsConfig:
    """The same configuration with no SMTP server, so every message goes to the outbox."""
    return replace(config, smtp=replace(config.smtp, host=None, password=None))
