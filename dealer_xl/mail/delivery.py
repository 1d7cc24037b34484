"""Delivering a message: SMTP with retries and backoff, else the outbox; a sent log against repeats.

Guarantees:
- never lost: a message the server did not accept — no server configured, server down after every
  retry, or refused outright — is written to the outbox folder as an ``.eml`` file (atomically,
  one deterministic name per job + period + recipient, so a re-run replaces rather than piles up);
- never twice: the sent log (sqlite, in the state folder) gets its row, in one committed
  transaction, only after the server accepted the message; a re-run or a restart after a crash
  skips job + period + recipient already logged unless forced. The remaining window — a crash
  between the server's acceptance and the commit — can repeat one message, never lose one;
- the password comes from :class:`~dealer_xl.jobs.config.SmtpSettings`, i.e. the environment.

An outbox file carries its job, period and recipient in ``X-Dealer-XL-*`` headers, so
:func:`resend_outbox` (``jobs resend``, and the scheduler every hour) can deliver it later under
the same sent-log key; those headers are removed before the message goes to a server.
"""

from __future__ import annotations

import os
import re
import smtplib
import sqlite3
import ssl
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

SENT_LOG_NAME = "sent.sqlite"
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')
KEY_HEADERS = ("X-Dealer-XL-Job", "X-Dealer-XL-Period", "X-Dealer-XL-Recipient")


@dataclass(frozen=True)
class SmtpSettings:
    """Where mail goes. ``host`` None means no server: every message goes to the outbox."""

    host: str | None
    port: int
    security: str
    user: str | None
    password: str | None = field(repr=False)
    timeout_seconds: float = 30.0


@dataclass(frozen=True)
class DeliveryKey:
    """What the sent log is keyed by."""

    job: str
    period: str
    recipient: str

    def file_stem(self) -> str:
        """A file-system-safe name for the outbox file."""
        return _UNSAFE.sub("_", f"{self.job}_{self.period}_{self.recipient}").strip("_")[:150]


@dataclass(frozen=True)
class Delivery:
    """What happened to one message: ``sent``, ``outbox`` (with the reason) or ``skipped``."""

    key: DeliveryKey
    status: str
    detail: str = ""
    path: Path | None = None
    attempts: int = 0


class SentLog:
    """The sqlite log of messages a server accepted, keyed by job + period + recipient."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / SENT_LOG_NAME
        with self._connect() as db:
            db.execute("CREATE TABLE IF NOT EXISTS sent (job TEXT, period TEXT, recipient TEXT, "
                       "sent_at TEXT, message_id TEXT, PRIMARY KEY (job, period, recipient))")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection whose block is one transaction (committed on success), closed afterwards."""
        db = sqlite3.connect(self.path, timeout=30)
        try:
            with db:
                yield db
        finally:
            db.close()

    def was_sent(self, key: DeliveryKey) -> bool:
        with self._connect() as db:
            row = db.execute("SELECT 1 FROM sent WHERE job=? AND period=? AND recipient=?",
                             (key.job, key.period, key.recipient)).fetchone()
        return row is not None

    def record(self, key: DeliveryKey, message_id: str) -> None:
        """Record an accepted message (one committed transaction; a forced re-send replaces it)."""
        with self._connect() as db:
            db.execute("INSERT OR REPLACE INTO sent VALUES (?, ?, ?, ?, ?)",
                       (key.job, key.period, key.recipient, datetime.now().isoformat(timespec="seconds"),
                        message_id))


def write_outbox(msg: EmailMessage, key: DeliveryKey, outbox: Path) -> Path:
    """Write ``msg`` (stamped with its key) to ``outbox/<key>.eml`` atomically and return the path."""
    for header, value in zip(KEY_HEADERS, (key.job, key.period, key.recipient), strict=True):
        del msg[header]
        msg[header] = value
    outbox.mkdir(parents=True, exist_ok=True)
    target = outbox / f"{key.file_stem()}.eml"
    fd, tmp = tempfile.mkstemp(dir=outbox, prefix=".tmp-", suffix=".eml")
    with os.fdopen(fd, "wb") as fh:
        fh.write(msg.as_bytes())
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    return target


def send_smtp(msg: EmailMessage, smtp: SmtpSettings) -> None:
    """Hand ``msg`` to the server once (raises the smtplib/OSError failure)."""
    context = ssl.create_default_context()
    if smtp.security == "ssl":
        client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout_seconds, context=context)
    else:
        client = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout_seconds)
    with client:
        if smtp.security == "starttls":
            client.starttls(context=context)
        if smtp.user:
            client.login(smtp.user, smtp.password or "")
        client.send_message(msg)


def _permanent(error: Exception) -> bool:
    """A refusal that retrying cannot fix: a 5xx reply, a bad login, every recipient refused, a
    server without STARTTLS, a certificate that does not verify. It goes to the outbox at once."""
    if isinstance(error, smtplib.SMTPRecipientsRefused | smtplib.SMTPAuthenticationError
                  | smtplib.SMTPNotSupportedError | ssl.SSLCertVerificationError):
        return True
    code = getattr(error, "smtp_code", None)
    return isinstance(code, int) and 500 <= code < 600


def _reason(error: Exception) -> str:
    """What a permanent failure means for whoever set up the jobs file, in Chinese."""
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return "服务器不支持 STARTTLS：请把 [smtp] 的 security 改为 \"ssl\"（通常端口 465）或询问邮箱管理员"
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return "用户名或密码（授权码）不对：请检查 DEALER_XL_SMTP_USER / DEALER_XL_SMTP_PASSWORD"
    if isinstance(error, ssl.SSLCertVerificationError):
        return "服务器证书无法验证：请核对 [smtp] 的 host 是否是证书上的域名"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "服务器拒收全部收件人：请核对收件地址"
    return "服务器拒绝（5xx，重试无用）"


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"


def deliver(msg: EmailMessage, key: DeliveryKey, *, smtp: SmtpSettings, outbox: Path, log: SentLog,
            force: bool = False, retries: int = 3, backoff_seconds: float = 2.0,
            sleep: Callable[[float], None] = time.sleep) -> Delivery:
    """Send ``msg`` unless already sent; retry with exponential backoff; fall back to the outbox.

    ``retries`` is the number of retries after the first attempt; waits are ``backoff_seconds``
    × 1, 2, 4 …. A stale outbox copy of the same key is removed once the server accepts.
    """
    if not force and log.was_sent(key):
        return Delivery(key, "skipped", "本期已发送过（如需重发请加 --force）")
    if not smtp.host:
        return Delivery(key, "outbox", "未配置 SMTP 服务器", write_outbox(msg, key, outbox))
    attempts, error = 0, None
    for attempt in range(retries + 1):
        if attempt:
            sleep(backoff_seconds * 2 ** (attempt - 1))
        attempts += 1
        try:
            send_smtp(msg, smtp)
        except (smtplib.SMTPException, OSError) as e:
            error = e
            if _permanent(e):
                break
            continue
        log.record(key, str(msg["Message-ID"]))
        (outbox / f"{key.file_stem()}.eml").unlink(missing_ok=True)
        return Delivery(key, "sent", f"{smtp.host}:{smtp.port}", attempts=attempts)
    path = write_outbox(msg, key, outbox)
    if _permanent(error):
        return Delivery(key, "outbox", f"发送失败，不再重试：{_reason(error)}（{_describe(error)}）", path, attempts)
    return Delivery(key, "outbox", f"发送失败（尝试 {attempts} 次）：{_describe(error)}", path, attempts)


def resend_outbox(outbox: Path, *, smtp: SmtpSettings, log: SentLog, retries: int = 3,
                  backoff_seconds: float = 2.0, sleep: Callable[[float], None] = time.sleep) -> list[Delivery]:
    """Try again every message waiting in the outbox; a copy of a message already sent is removed.

    Files without the ``X-Dealer-XL-*`` key headers (not written by dealer_xl) are left alone.
    """
    done = []
    for path in sorted(outbox.glob("*.eml")) if outbox.exists() else ():
        msg = message_from_bytes(path.read_bytes(), policy=SMTP)
        values = [msg[h] for h in KEY_HEADERS]
        if not all(values):
            continue
        key = DeliveryKey(*map(str, values))
        if log.was_sent(key):
            path.unlink()
            done.append(Delivery(key, "skipped", "已发送过，已删除发件箱中的副本"))
            continue
        for header in KEY_HEADERS:
            del msg[header]
        result = deliver(msg, key, smtp=smtp, outbox=outbox, log=log, retries=retries,
                         backoff_seconds=backoff_seconds, sleep=sleep)
        if result.path != path:
            path.unlink(missing_ok=True)
        done.append(result)
    return done
