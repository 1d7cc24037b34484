"""The main job's delivery step: every job of ``examples/jobs.toml`` run on the demo company.

Guarantees: nothing leaves the machine — the SMTP server of the file and of the environment is
ignored and every message is written to ``out/发件箱``; the run is repeatable (forced, and outbox
file names are per job + period + recipient, so a second ``make demo`` replaces, never piles up).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from ..demo.company import AS_OF
from .config import load_config, without_smtp
from .runner import run_job

EXAMPLE_CONFIG = Path(__file__).resolve().parents[2] / "examples" / "jobs.toml"
OUTBOX_DIR, STATE_DIR = "发件箱", "发送记录"


def deliver_demo_reports(books: Path, out: Path, *, config_path: Path = EXAMPLE_CONFIG,
                         day: date = AS_OF) -> list[str]:
    """Run every example job for ``day`` on ``books``, into ``out/发件箱``; return log lines."""
    config = without_smtp(load_config(config_path, env={}, books=Path(books)))
    config = replace(config, outbox=Path(out) / OUTBOX_DIR, state=Path(out) / STATE_DIR)
    lines = []
    for job in config.jobs:
        try:
            run = run_job(config, job, day, force=True, sleep=lambda _: None)
        except KeyError as e:
            lines.append(f"任务“{job.name}”未运行：{e.args[0]}")
            continue
        lines.append(run.summary())
        lines.extend(f"  {d.key.recipient}：{d.detail}" for d in run.deliveries if d.status == "failed")
    count = len(list(config.outbox.glob("*.eml"))) if config.outbox.exists() else 0
    lines.append(f"发件箱：{count} 封邮件（.eml，可用邮件客户端打开），位于 {config.outbox}")
    return lines
