"""CLI commands of scheduled delivery: ``scheduler [install|uninstall|status]``, ``jobs run``, ``jobs resend``
and ``jobs list``.

Each is a few lines over :mod:`dealer_xl.jobs`. Logging goes to stderr and, for the scheduler, to
``调度日志.log`` in the state folder. Exit codes: 0 = every message sent, kept in the outbox by
design (no server) or already sent; 1 = a message failed or fell back to the outbox although a
server is configured; 2 = the jobs file or the arguments are wrong.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from datetime import date, datetime
from pathlib import Path

from ..arguments import add_as_of, add_dir, add_format, exit_codes
from ..problems import BookError

SENT = exit_codes(code_0="每封邮件已发送、按设计放入发件箱（未配置服务器）或本期早已发送",
                  code_1="有邮件发送失败，或已配置服务器却放入了发件箱",
                  code_2="未能运行：任务配置文件或参数有误（一行中文说明）")


def _config(args: argparse.Namespace):
    from ..jobs.config import load_config

    return load_config(Path(args.config), books=Path(args.dir) if args.dir else None)


def _json(rows: list[dict]) -> None:
    from ..jsonout import dumps

    print(dumps(rows))


STATUS = {"sent": "已发送", "outbox": "放入发件箱", "skipped": "跳过", "failed": "失败"}


def _logging(log_file: Path | None = None, level: int = logging.INFO) -> None:
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if log_file:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_file, encoding="utf-8"))
    logging.basicConfig(level=level, format="%(asctime)s %(message)s", handlers=handlers, force=True)


def cmd_jobs_list(args: argparse.Namespace) -> int:
    """List the jobs of the file: timetable, next run, what they produce, for whom."""
    from ..console import out
    from ..jobs.producers import PRODUCERS
    from ..jobs.timing import PERIOD_RULES, next_run

    config = _config(args)
    if args.format == "json":
        _json([{"name": job.name, "produces": job.produces, "when": job.when.describe(),
                "next_run": f"{next_run(job.when, datetime.now()):%Y-%m-%d %H:%M}", "period": PERIOD_RULES[job.period],
                "recipients": [r.address for r in job.recipients]} for job in config.jobs])
        return 0
    server = f"{config.smtp.host}:{config.smtp.port}（{config.smtp.security}）" if config.smtp.host else "未配置（邮件放入发件箱）"
    out.print(f"台账：{config.books}\n发件箱：{config.outbox}\nSMTP：{server}", markup=False)
    for job in config.jobs:
        producer = PRODUCERS.get(job.produces)
        what = producer.description if producer else f"{job.produces}（未知，运行时会失败）"
        out.print(f"\n{job.name}：{what}\n  时间：{job.when.describe()}，下次 "
                  f"{next_run(job.when, datetime.now()):%Y-%m-%d %H:%M}，报告期 {PERIOD_RULES[job.period]}", markup=False)
        for r in job.recipients:
            scope = "、".join(x for x in (r.branch, r.person) if x) or "全部"
            out.print(f"  → {r.address}（{scope}）", markup=False)
    return 0


def cmd_jobs_run(args: argparse.Namespace) -> int:
    """Run one job now for ``--date`` (default: the period the scheduler would report today)."""
    from ..console import out
    from ..jobs.runner import run_job
    from ..jobs.timing import period_date

    config = _config(args)
    job = config.job(args.name)
    _logging(level=logging.WARNING)
    period = args.as_of or period_date(job.period, date.today())
    try:
        run = run_job(config, job, period, force=args.force)
    except KeyError as e:
        raise BookError(e.args[0]) from None
    fell_back = config.smtp.host and run.count("outbox")
    if args.format == "json":
        _json([{"recipient": d.key.recipient, "status": d.status, "detail": d.detail,
                "path": str(d.path) if d.path else None} for d in run.deliveries])
        return 1 if run.count("failed") or fell_back else 0
    for d in run.deliveries:
        where = f" → {d.path}" if d.path else ""
        out.print(f"  {d.key.recipient}：{STATUS[d.status]}（{d.detail}）{where}", markup=False, soft_wrap=True)
    out.print(run.summary(), markup=False, soft_wrap=True)
    return 1 if run.count("failed") or fell_back else 0


def cmd_jobs_resend(args: argparse.Namespace) -> int:
    """Deliver the messages waiting in the outbox (needs a server)."""
    from ..console import out
    from ..jobs.runner import resend

    config = _config(args)
    if not config.smtp.host:
        raise BookError("未配置 SMTP 服务器（[smtp] host 或环境变量 DEALER_XL_SMTP_HOST），无法重发发件箱")
    _logging(level=logging.WARNING)
    done = resend(config)
    if args.format == "json":
        _json([{"job": d.key.job, "period": d.key.period, "recipient": d.key.recipient, "status": d.status,
                "detail": d.detail} for d in done])
        return 1 if any(d.status == "outbox" for d in done) else 0
    for d in done:
        out.print(f"  {d.key.job} / {d.key.period} / {d.key.recipient}：{STATUS[d.status]}（{d.detail}）",
                  markup=False, soft_wrap=True)
    sent = sum(d.status == "sent" for d in done)
    out.print(f"发件箱重发：发送 {sent}，仍未发出 {sum(d.status == 'outbox' for d in done)}", markup=False)
    return 1 if any(d.status == "outbox" for d in done) else 0


def cmd_scheduler(args: argparse.Namespace) -> int:
    """Run every job on its timetable until interrupted; or install/uninstall/show the service."""
    from ..console import out
    from ..deploy import service
    from ..jobs.runner import run_scheduler

    if args.action == "uninstall":
        out.print(service.uninstall(), markup=False)
        return 0
    if args.action == "status":
        ok, line = service.status()
        out.print(("✓ " if ok else "✗ ") + line + ("" if ok else f"。处理：{service.INSTALL_HINT}"), markup=False,
                  soft_wrap=True)
        return 0 if ok else 1
    if not args.config:
        raise BookError("请用 --config 指定任务配置文件（如 --config examples/jobs.toml）")
    if args.action == "install" and (args.print or args.system):
        _config(args)
        system = args.system or ("windows" if sys.platform.startswith("win") else "linux")
        print(service.definition(Path(args.config), system, books=Path(args.dir) if args.dir else None), end="")
        return 0
    if args.action == "install":
        _config(args)  # a jobs file with mistakes is refused now, not at 07:30 tomorrow
        out.print(service.install(Path(args.config), books=Path(args.dir) if args.dir else None), markup=False)
        return 0
    config = _config(args)
    _logging(config.state / "调度日志.log")
    signal.signal(signal.SIGTERM, _interrupt)       # a service manager's stop = Ctrl+C
    run_scheduler(config)
    return 0


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def register(sub) -> None:
    """Add ``scheduler`` and ``jobs run|resend|list`` to the CLI."""
    books = "台账所在文件夹（默认取任务配置文件中的 books）"

    def common(p: argparse.ArgumentParser) -> None:
        add_dir(p, default="", legacy=("--books",), help=books)
        p.add_argument("--config", required=True, help="任务配置文件（TOML，如 examples/jobs.toml）")
        add_format(p)

    p = sub.add_parser("scheduler", help="按时间表运行报表任务并发送邮件（常驻进程，Ctrl+C 停止）；"
                                         "install/uninstall/status：注册为开机登录自动运行的服务",
                       epilog=exit_codes(code_1="status：服务未安装或未运行"))
    p.add_argument("action", nargs="?", default="run", choices=("run", "install", "uninstall", "status"),
                   help="run（默认，前台运行）、install（注册为计划任务/systemd 用户服务）、uninstall、status")
    add_dir(p, default="", legacy=("--books",), help=books)
    p.add_argument("--config", help="任务配置文件（TOML，如 examples/jobs.toml；run 和 install 需要）")
    p.add_argument("--print", action="store_true",
                   help="install 时只把计划任务 XML 或 systemd 单元打印到标准输出，不注册（供 IT 先查看）")
    p.add_argument("--system", choices=("windows", "linux"),
                   help="与 --print 一起：打印哪个系统的定义（默认本机；任何系统上都可以打印另一个系统的）")
    p.set_defaults(func=cmd_scheduler)

    jobs = sub.add_parser("jobs", help="报表任务：立即运行一个任务，或列出全部任务")
    jobs_sub = jobs.add_subparsers(dest="jobs_command", required=True, metavar="子命令")
    p = jobs_sub.add_parser("run", help="立即运行一个任务", epilog=SENT)
    p.add_argument("name", help="任务名称（见 jobs list）")
    common(p)
    add_as_of(p, legacy=("--date",), help="报告日期（月度任务取其所在月份；默认按任务的报告期规则推算）")
    p.add_argument("--force", action="store_true", help="本期已发送过也重新发送")
    p.set_defaults(func=cmd_jobs_run)
    p = jobs_sub.add_parser("resend", help="重新发送发件箱中未发出的邮件（需配置 SMTP）",
                            epilog=exit_codes(code_1="仍有邮件留在发件箱"))
    common(p)
    p.set_defaults(func=cmd_jobs_resend)
    p = jobs_sub.add_parser("list", help="列出任务、时间表、下次运行时间和收件人", epilog=exit_codes(code_1="（不使用）"))
    common(p)
    p.set_defaults(func=cmd_jobs_list)
