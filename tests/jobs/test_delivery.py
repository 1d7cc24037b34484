"""Delivery through a real SMTP server on loopback: content, retries, outbox, no repeats, failures."""

from __future__ import annotations

import logging
from datetime import date, datetime
from email import message_from_bytes, policy
from urllib.parse import quote

from dealer_xl.jobs.config import load_config
from dealer_xl.jobs.runner import catch_up, resend, run_job

from .conftest import PNG, free_port, xlsx_rows

BRANCH_JOB = """
    [[jobs]]
    name = "分公司销售"
    produces = "sales_list"
    when = "monthly 1 08:00"
    subject = "{{ branch }}销售清单（{{ period }}）"
    body = "<p>{{ branch }}经理您好：</p>{{ summary }}<p>备注：{{ person }}</p>"
    recipients = [
      { address = "城关经理 <cg@example.com>", branch = "城关分公司" },
      { address = "东区经理 <dq@example.com>", branch = "东区分公司" },
    ]
    """


def test_each_branch_manager_receives_their_branch_only(smtp_server, write_config, producers, tmp_path):
    config = load_config(write_config(BRANCH_JOB, port=smtp_server.port), env={})
    run = run_job(config, config.jobs[0], date(2026, 10, 31), producers=producers)
    assert [d.status for d in run.deliveries] == ["sent", "sent"]
    assert run.period == "2026-10"
    by_rcpt = {tuple(rcpts): msg for rcpts, msg in smtp_server.messages}
    assert set(by_rcpt) == {("cg@example.com",), ("dq@example.com",)}
    msg = by_rcpt[("cg@example.com",)]
    assert msg["Subject"] == "城关分公司销售清单（2026-10）"
    assert msg["To"].addresses[0].display_name == "城关经理"
    assert msg["From"].addresses[0].addr_spec == "reports@example.com"
    html = msg.get_body(("html",)).get_content()
    assert "城关分公司经理您好" in html and "<td>350000</td>" in html and "东区" not in html
    assert 'src="cid:chart"' in html
    image = next(p for p in msg.walk() if p.get_content_type() == "image/png")
    assert image["Content-ID"] == "<chart>" and image.get_content() == PNG
    [attachment] = list(msg.iter_attachments())
    assert attachment.get_filename() == "销售清单_2026-10.xlsx"
    wire = b"".join(smtp_server.raw).replace(b"\r\n ", b"").replace(b"\n ", b"").decode("ascii")
    assert "filename*=utf-8''" + quote("销售清单_2026-10.xlsx") in wire      # RFC 2231
    assert xlsx_rows(attachment.get_content(), tmp_path) == [("城关分公司", "张三", "XC001", 350000),
                                                             ("城关分公司", "王五", "XC003", 410000)]
    dq = xlsx_rows(next(by_rcpt[("dq@example.com",)].iter_attachments()).get_content(), tmp_path)
    assert dq == [("东区分公司", "李四", "XC002", 280000)]


def test_a_rerun_of_the_same_period_sends_nothing_unless_forced(smtp_server, write_config, producers):
    path = write_config(BRANCH_JOB, port=smtp_server.port)
    config = load_config(path, env={})
    run_job(config, config.jobs[0], date(2026, 10, 5), producers=producers)
    assert len(smtp_server.messages) == 2
    restarted = load_config(path, env={})          # a new process reading the same state folder
    again = run_job(restarted, restarted.jobs[0], date(2026, 10, 31), producers=producers)
    assert [d.status for d in again.deliveries] == ["skipped", "skipped"]
    assert len(smtp_server.messages) == 2
    forced = run_job(restarted, restarted.jobs[0], date(2026, 10, 31), producers=producers, force=True)
    assert [d.status for d in forced.deliveries] == ["sent", "sent"]
    assert len(smtp_server.messages) == 4
    november = run_job(restarted, restarted.jobs[0], date(2026, 11, 30), producers=producers)
    assert [d.status for d in november.deliveries] == ["sent", "sent"] and len(smtp_server.messages) == 6


def test_server_down_retries_with_backoff_then_keeps_the_message_in_the_outbox(write_config, producers):
    config = load_config(write_config(BRANCH_JOB, port=free_port()), env={})   # nothing listens there
    waits = []
    run = run_job(config, config.jobs[0], date(2026, 10, 31), producers=producers, sleep=waits.append)
    assert [d.status for d in run.deliveries] == ["outbox", "outbox"]
    assert all(d.attempts == 3 for d in run.deliveries)
    assert waits == [0.01, 0.02] * 2                    # retries = 2: waits of 1× and 2× the backoff
    eml = run.deliveries[0].path
    assert eml.parent == config.outbox and eml.suffix == ".eml"
    parsed = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert parsed["Subject"] == "城关分公司销售清单（2026-10）"
    assert next(parsed.iter_attachments()).get_filename() == "销售清单_2026-10.xlsx"
    assert "ConnectionRefusedError" in run.deliveries[0].detail


def test_a_message_kept_in_the_outbox_is_sent_by_a_later_run_and_leaves_the_outbox(
        smtp_server, write_config, producers, tmp_path):
    down = load_config(write_config(BRANCH_JOB, port=free_port()), env={})
    run_job(down, down.jobs[0], date(2026, 10, 31), producers=producers, sleep=lambda s: None)
    assert len(list(down.outbox.glob("*.eml"))) == 2
    up = load_config(write_config(BRANCH_JOB, port=smtp_server.port), env={})
    run = run_job(up, up.jobs[0], date(2026, 10, 31), producers=producers)
    assert [d.status for d in run.deliveries] == ["sent", "sent"]
    assert list(up.outbox.glob("*.eml")) == []


def test_without_a_server_every_message_goes_to_the_outbox(write_config, producers):
    config = load_config(write_config(BRANCH_JOB), env={})
    run = run_job(config, config.jobs[0], date(2026, 10, 31), producers=producers)
    assert [d.status for d in run.deliveries] == ["outbox", "outbox"]
    assert {d.detail for d in run.deliveries} == {"未配置 SMTP 服务器"}
    again = run_job(config, config.jobs[0], date(2026, 10, 31), producers=producers)
    assert [d.path for d in again.deliveries] == [d.path for d in run.deliveries]
    assert len(list(config.outbox.glob("*.eml"))) == 2      # replaced, not piled up


def test_a_failing_job_does_not_stop_the_others(smtp_server, write_config, producers, caplog):
    path = write_config("""
        [[jobs]]
        name = "坏任务"
        produces = "broken"
        when = "daily 08:00"
        recipients = ["x@example.com"]
        [[jobs]]
        name = "未知产出"
        produces = "no_such_report"
        when = "daily 08:00"
        recipients = ["y@example.com"]
        [[jobs]]
        name = "好任务"
        produces = "sales_list"
        when = "daily 08:00"
        recipients = ["z@example.com"]
        """, port=smtp_server.port)
    config = load_config(path, env={})
    with caplog.at_level(logging.INFO, logger="dealer_xl.jobs"):
        runs = catch_up(config, datetime(2026, 11, 2, 9, 0), producers=producers)
    assert runs[0].deliveries[0].status == "failed" and "台账读取失败" in runs[0].deliveries[0].detail
    assert runs[1] is None
    assert runs[2].deliveries[0].status == "sent"
    assert [rcpts for rcpts, _ in smtp_server.messages] == [["z@example.com"]]
    assert "任务“未知产出”运行失败" in caplog.text and "RuntimeError" in caplog.text


def test_a_restart_later_the_same_day_catches_up_without_repeating(smtp_server, write_config, producers):
    config = load_config(write_config(BRANCH_JOB.replace("monthly 1", "daily"), port=smtp_server.port), env={})
    assert catch_up(config, datetime(2026, 11, 2, 7, 59), producers=producers) == []
    catch_up(config, datetime(2026, 11, 2, 9, 0), producers=producers)
    catch_up(config, datetime(2026, 11, 2, 9, 5), producers=producers)
    assert len(smtp_server.messages) == 2
    assert {m["Subject"] for _, m in smtp_server.messages} == {"城关分公司销售清单（2026-11）",
                                                               "东区分公司销售清单（2026-11）"}


def test_the_outbox_is_resent_once_the_server_is_back_and_never_twice(smtp_server, write_config, producers):
    down = load_config(write_config(BRANCH_JOB, port=free_port()), env={})
    run_job(down, down.jobs[0], date(2026, 10, 31), producers=producers, sleep=lambda s: None)
    eml = next(down.outbox.glob("*.eml"))
    assert message_from_bytes(eml.read_bytes(), policy=policy.default)["X-Dealer-XL-Period"] == "2026-10"
    (down.outbox / "别人的邮件.eml").write_bytes(b"Subject: hi\r\n\r\nbody\r\n")
    up = load_config(write_config(BRANCH_JOB, port=smtp_server.port), env={})
    done = resend(up)
    assert sorted(d.status for d in done) == ["sent", "sent"]
    assert sorted(r for r, _ in smtp_server.messages) == [["cg@example.com"], ["dq@example.com"]]
    assert all(m["X-Dealer-XL-Job"] is None for _, m in smtp_server.messages)   # key headers stripped
    assert sorted(p.name for p in up.outbox.glob("*.eml")) == ["别人的邮件.eml"]
    assert resend(up) == []
    rerun = run_job(up, up.jobs[0], date(2026, 10, 31), producers=producers)
    assert [d.status for d in rerun.deliveries] == ["skipped", "skipped"] and len(smtp_server.messages) == 2


class _Refusing:
    def __init__(self):
        self.calls = 0

    async def handle_DATA(self, server, session, envelope):
        self.calls += 1
        return "554 5.7.1 内容被拒绝" if self.calls == 1 else "250 OK"


def test_a_message_the_server_refuses_is_not_logged_as_sent_and_is_not_retried(write_config, producers):
    from aiosmtpd.controller import Controller

    handler = _Refusing()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        config = load_config(write_config(BRANCH_JOB, port=controller.port), env={})
        first = run_job(config, config.jobs[0], date(2026, 10, 31), producers=producers)
        second = run_job(config, config.jobs[0], date(2026, 10, 31), producers=producers)
    finally:
        controller.stop()
    assert [(d.status, d.attempts) for d in first.deliveries] == [("outbox", 1), ("sent", 1)]
    assert "554" in first.deliveries[0].detail
    assert [d.status for d in second.deliveries] == ["sent", "skipped"]    # the refused one was not logged
    assert handler.calls == 3 and list(config.outbox.glob("*.eml")) == []
