"""Running report jobs: one job now (``jobs run``), or all of them on their timetable (``scheduler``).

A run builds each distinct slice of the pack once (recipients sharing a branch/person filter share
it), renders the subject and body for each recipient and delivers. Guarantees: a recipient already
served for the period is skipped without building anything (unless forced); a failing producer, a
refused header or a template error affects only the recipients concerned and is logged; in the
scheduler loop an exception in one job is logged with its traceback and the loop goes on, so the
other jobs still run. Every run and every delivery is logged on the ``dealer_xl.jobs`` logger.

The demo company's delivery (``make demo``) is :mod:`dealer_xl.demo.pipeline.delivery`.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import schedule
from markupsafe import Markup

from .. import resources
from ..documents.packs import Pack
from ..mail.delivery import Delivery, DeliveryKey, SentLog, deliver, resend_outbox
from ..mail.message import MailError, TemplateError, build_message, check_header_text, render_template
from .catchup import Heartbeat, missed
from .config import Job, JobsConfig, Recipient
from .producers import PRODUCERS, Producer
from .timing import WEEKDAYS, SystemClock, period_date, runs_on

logger = logging.getLogger("dealer_xl.jobs")
WORK_DIR = "报表"
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')
_BODY = re.compile(r"<body([^>]*)>(.*)</body>", re.S | re.I)
EXAMPLE_CONFIG = resources.folder("examples") / "jobs.toml"
OUTBOX_DIR, STATE_DIR = "发件箱", "发送记录"


@dataclass
class JobRun:
    """The outcome of one run of one job: a delivery per recipient."""

    job: str
    period: str
    deliveries: list[Delivery] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(d.status == status for d in self.deliveries)

    def summary(self) -> str:
        """One Chinese line: how many sent, put in the outbox, skipped, failed."""
        return (f"任务“{self.job}”（{self.period}）：发送 {self.count('sent')}，放入发件箱 {self.count('outbox')}，"
                f"已发过跳过 {self.count('skipped')}，失败 {self.count('failed')}")


def _slice_dir(base: Path, recipient: Recipient) -> Path:
    label = "_".join(x for x in (recipient.branch, recipient.person) if x) or "全部"
    return base / _UNSAFE.sub("_", label)


def summary_fragment(html: str) -> Markup:
    """The pack's HTML (already escaped) as a fragment: a full document's body becomes a ``<div>``."""
    match = _BODY.search(html)
    return Markup(f"<div{match[1]}>{match[2]}</div>" if match else html)


def email_document(body: str) -> str:
    """The rendered body as a complete UTF-8 HTML document."""
    return ('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"></head>\n'
            f"<body>{body}</body></html>\n")


def _context(job: Job, pack: Pack, recipient: Recipient) -> dict[str, object]:
    return {"job": job.name, "title": pack.title, "period": pack.period, "kind": pack.kind,
            "branch": recipient.branch or "", "person": recipient.person or "",
            "recipient": recipient.address, "summary": summary_fragment(pack.html)}


def _message(config: JobsConfig, job: Job, pack: Pack, recipient: Recipient):
    context = _context(job, pack, recipient)
    subject = check_header_text(render_template(job.subject, context, html=False).strip(), "邮件主题")
    body = email_document(render_template(job.body, context, html=True))
    return build_message(sender=config.sender, to=[recipient.address], subject=subject, html=body,
                         images=pack.images, attachments=[Path(pack.xlsx)])


def run_job(config: JobsConfig, job: Job, period: date, *, force: bool = False,
            producers: Mapping[str, Producer] = PRODUCERS,
            sleep: Callable[[float], None] = time.sleep, shared: dict | None = None) -> JobRun:
    """Produce and deliver ``job`` for the period containing ``period`` (a day or its month).

    ``shared`` is the run's cache handed to the producers (the Ledger read once); a new dict when None.
    """
    producer = producers.get(job.produces)
    if producer is None:
        raise KeyError(f"任务“{job.name}”的 produces “{job.produces}”不存在；可用：{'、'.join(producers)}")
    run = JobRun(job.name, producer.period_key(period))
    logger.info("开始任务“%s”（%s），收件人 %d 个", job.name, run.period, len(job.recipients))
    log = SentLog(config.state)
    work = config.state / WORK_DIR / _UNSAFE.sub("_", job.name) / run.period
    packs: dict[tuple[str | None, str | None], Pack | Exception] = {}
    shared = {} if shared is None else shared
    for recipient in job.recipients:
        key = DeliveryKey(job.name, run.period, recipient.key())
        if not force and log.was_sent(key):
            run.deliveries.append(Delivery(key, "skipped", "本期已发送过（如需重发请加 --force）"))
        else:
            run.deliveries.append(_deliver_one(config, job, period, recipient, key, producer, packs, shared,
                                               work, log, force, sleep))
        done = run.deliveries[-1]
        logger.info("  %s → %s %s %s", recipient.address, done.status, done.detail, done.path or "")
    logger.info(run.summary())
    return run


def _deliver_one(config, job, period, recipient, key, producer, packs, shared, work, log, force,
                 sleep) -> Delivery:
    slice_key = (recipient.branch, recipient.person)
    if slice_key not in packs:
        out_dir = _slice_dir(work, recipient)
        out_dir.mkdir(parents=True, exist_ok=True)
        try:
            packs[slice_key] = producer.build(config.books, out_dir, period, branch=recipient.branch,
                                              person=recipient.person, shared=shared)
        except Exception as e:  # a producer's failure must not stop the other recipients
            logger.exception("任务“%s”生成报表失败（%s）", job.name, "/".join(filter(None, slice_key)) or "全部")
            packs[slice_key] = e
    pack = packs[slice_key]
    if isinstance(pack, Exception):
        return Delivery(key, "failed", f"生成报表失败：{type(pack).__name__}: {pack}")
    try:
        for value in (key.job, key.period, key.recipient):
            check_header_text(value, "任务名称或收件人")
        msg = _message(config, job, pack, recipient)
    except (MailError, TemplateError) as e:
        logger.warning("任务“%s”给 %s 的邮件被拒绝：%s", job.name, recipient.address, e)
        return Delivery(key, "failed", f"邮件未生成：{e}")
    return deliver(msg, key, smtp=config.smtp, outbox=config.outbox, log=log, force=force,
                   retries=config.retries, backoff_seconds=config.backoff_seconds, sleep=sleep)


def run_scheduled(config: JobsConfig, job: Job, today: date, **options) -> JobRun | None:
    """Run ``job`` as the scheduler does on ``today``; log and swallow any failure."""
    try:
        return run_job(config, job, period_date(job.period, today), **options)
    except Exception:  # the scheduler survives a failing job; the traceback goes to the log
        logger.exception("任务“%s”运行失败，其他任务继续", job.name)
        return None


def resend(config: JobsConfig, sleep: Callable[[float], None] = time.sleep) -> list[Delivery]:
    """Try the outbox again (only with a server configured); log and swallow any failure."""
    if not config.smtp.host:
        return []
    try:
        done = resend_outbox(config.outbox, smtp=config.smtp, log=SentLog(config.state), retries=config.retries,
                             backoff_seconds=config.backoff_seconds, sleep=sleep)
    except Exception:  # the scheduler survives; the traceback goes to the log
        logger.exception("重发发件箱失败")
        return []
    for d in done:
        logger.info("重发 %s / %s / %s → %s %s", d.key.job, d.key.period, d.key.recipient, d.status, d.detail)
    return done


def build_scheduler(config: JobsConfig, clock=None, **options) -> schedule.Scheduler:
    """A :class:`schedule.Scheduler` with each job at its time; monthly jobs check the day themselves.

    ``schedule`` has no monthly unit, so a monthly job is a daily job at its time that runs only
    when :func:`~dealer_xl.jobs.timing.runs_on` says today is its day (day N, or the month's last
    day when the month is shorter than N). With a server configured, the outbox is retried hourly.
    """
    clock = clock or SystemClock()
    scheduler = schedule.Scheduler()

    def fire(job: Job) -> None:
        today = clock.now().date()
        if runs_on(job.when, today):
            run_scheduled(config, job, today, **options)

    for job in config.jobs:
        at = job.when.at.strftime("%H:%M")
        days = {"weekdays": WEEKDAYS[:5], "weekly": (WEEKDAYS[job.when.weekday or 0],)}.get(job.when.unit, ("day",))
        for day in days:
            getattr(scheduler.every(), day).at(at).do(fire, job).tag(job.name)
    if config.smtp.host:
        scheduler.every().hour.do(resend, config, options.get("sleep", time.sleep)).tag("发件箱")
    return scheduler


def catch_up(config: JobsConfig, now: datetime, since: datetime | None = None, **options) -> list[JobRun | None]:
    """Run once each job that fell due in ``(since, now]`` (default: since midnight), for its latest due
    day (see :mod:`dealer_xl.jobs.catchup`); the sent log prevents repeats."""
    return [run_scheduled(config, job, day, **options) for job, day in missed(config.jobs, since, now)]


def run_scheduler(config: JobsConfig, *, clock=None, sleep: Callable[[float], None] = time.sleep,
                  should_stop: Callable[[], bool] = lambda: False, poll_seconds: float = 30.0,
                  **options) -> None:
    """The long-running loop: catch up on runs missed since the last heartbeat, then run each job on
    time until stopped, recording a heartbeat on every pass."""
    clock = clock or SystemClock()
    scheduler = build_scheduler(config, clock, sleep=sleep, **options)
    heartbeat = Heartbeat(config.state)
    logger.info("调度器启动：%d 个任务，台账 %s，发件箱 %s", len(config.jobs), config.books, config.outbox)
    try:
        catch_up(config, clock.now(), heartbeat.last(), sleep=sleep, **options)
        resend(config, sleep)
        while not should_stop():
            heartbeat.beat(clock.now())
            scheduler.run_pending()
            idle = scheduler.idle_seconds
            sleep(poll_seconds if idle is None else max(1.0, min(poll_seconds, idle)))
    finally:
        logger.info("调度器已停止")
