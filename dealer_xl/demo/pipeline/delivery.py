"""The main job's delivery step (``make demo``): every job of ``examples/jobs.toml`` run on the demo
company, with the SMTP server of the file and of the environment ignored — nothing leaves the
machine, every message is written to ``out/发件箱``; it is repeatable (forced, and outbox names are
per job + period + recipient, so a re-run replaces).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from ...jobs.config import load_config, without_smtp
from ...jobs.runner import EXAMPLE_CONFIG, OUTBOX_DIR, STATE_DIR, run_job
from ..company import AS_OF


def deliver_demo_reports(books: Path, out: Path, *, config_path: Path = EXAMPLE_CONFIG,
                         day: date | None = None, ledger=None) -> list[str]:
    """Run every example job for ``day`` (default: the demo's as-of date) on ``books``, into
    ``out/发件箱``; return log lines. ``ledger`` (the books already read) is shared by every job."""
    day = day or AS_OF
    config = without_smtp(load_config(config_path, env={}, books=Path(books)))
    config = replace(config, outbox=Path(out) / OUTBOX_DIR, state=Path(out) / STATE_DIR)
    lines = []
    for job in config.jobs:
        try:
            run = run_job(config, job, day, force=True, sleep=lambda _: None,
                          shared=None if ledger is None else {"ledger": ledger})
        except KeyError as e:
            lines.append(f"任务“{job.name}”未运行：{e.args[0]}")
            continue
        lines.append(run.summary())
        lines.extend(f"  {d.key.recipient}：{d.detail}" for d in run.deliveries if d.status == "failed")
    count = len(list(config.outbox.glob("*.eml"))) if config.outbox.exists() else 0
    lines.append(f"发件箱：{count} 封邮件（.eml，可用邮件客户端打开），位于 {config.outbox}")
    return lines
