"""Report emails: header injection refused, Chinese names encoded, templates sandboxed and escaped."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from dealer_xl.jobs.config import ConfigError, Recipient, load_config
from dealer_xl.jobs.runner import run_job
from dealer_xl.mail.message import MailError, build_message, check_address

JOB = """
    [[jobs]]
    name = "清单"
    produces = "sales_list"
    when = "daily 08:00"
    subject = {subject}
    recipients = [{{ address = {address}, branch = {branch} }}]
    """


def job(subject='"清单"', address='"a@example.com"', branch='"城关分公司"') -> str:
    return JOB.format(subject=subject, address=address, branch=branch)


@pytest.mark.parametrize("address", [
    r'"a@example.com\r\nBcc: evil@example.com"',
    r'"经理 <a@example.com>\nBcc: evil@example.com"',
    '"a@example.com, evil@example.com"',
    '"not-an-address"',
    '"a@example.com>"',
])
def test_a_recipient_that_could_inject_headers_is_refused_when_the_file_is_read(write_config, address):
    with pytest.raises(ConfigError, match="收件人"):
        load_config(write_config(job(address=address)), env={})


def test_a_subject_template_with_a_line_break_is_refused(write_config):
    with pytest.raises(ConfigError, match="邮件头注入"):
        load_config(write_config(job(subject=r'"日报\r\nBcc: evil@example.com"')), env={})


@pytest.mark.parametrize("branch", [r'"城关\r\nBcc: evil@example.com"', r'"城关\u2028Bcc"', r'"城关\u2029"',
                                    r'"城关\u0085"', r'"城关\u0000"', r'"城关\u001b"'])
def test_a_recipient_branch_with_a_line_separator_or_control_character_is_refused_at_load(write_config, branch):
    with pytest.raises(ConfigError, match="邮件头注入"):
        load_config(write_config(job(branch=branch)), env={})


def test_a_subject_made_unsafe_by_a_value_is_refused_and_logged_and_the_rest_are_delivered(
        smtp_server, write_config, producers, caplog):
    path = write_config(job(subject='"{{ branch }}清单"'), port=smtp_server.port)
    config = load_config(path, env={})
    bad, good = Recipient("a@example.com", "城关\u2028Bcc: evil@example.com"), Recipient("b@example.com")
    only = replace(config.jobs[0], recipients=(bad, good))
    run = run_job(replace(config, jobs=(only,)), only, date(2026, 10, 31), producers=producers)
    assert [d.status for d in run.deliveries] == ["failed", "sent"]
    assert "邮件头注入" in run.deliveries[0].detail and "邮件头注入" in caplog.text
    assert [to for to, _ in smtp_server.messages] == [["b@example.com"]]


def test_build_message_refuses_injected_recipients_and_subjects():
    with pytest.raises(MailError):
        build_message(sender="r@example.com", to=["a@example.com\nBcc: b@example.com"], subject="s", html="")
    with pytest.raises(MailError):
        build_message(sender="r@example.com", to=["a@example.com"], subject="s\rBcc: b@example.com", html="")
    assert check_address('"王, 经理" <wang@example.com>') == '"王, 经理" <wang@example.com>'


def test_chinese_subject_names_and_attachment_survive_the_round_trip(tmp_path):
    report = tmp_path / "应收款月报_2026年10月.xlsx"
    report.write_bytes(b"PK\x03\x04 not really a zip")
    msg = build_message(sender="经销商助手 <r@example.com>", to=["郑永 <zy@example.com>"],
                        subject="应收款月报（2026-10）", html="<p>附件</p>", attachments=[report])
    wire = msg.as_bytes()
    assert all(b < 128 for b in wire)                   # 7-bit clean on the wire
    parsed = message_from_bytes(wire, policy=policy.default)
    assert parsed["Subject"] == "应收款月报（2026-10）"
    assert parsed["To"].addresses[0].display_name == "郑永"
    [att] = list(parsed.iter_attachments())
    assert att.get_filename() == "应收款月报_2026年10月.xlsx"
    assert att.get_content() == report.read_bytes()


def test_body_templates_are_autoescaped_but_the_pack_summary_is_kept(smtp_server, write_config, producers):
    body = 'body = "<p>{{ branch }}</p>{{ summary }}"\n'
    path = write_config(job(branch='"<b>城关</b>"') + body, port=smtp_server.port)
    config = load_config(path, env={})
    run_job(config, config.jobs[0], date(2026, 10, 31), producers=producers)
    html = smtp_server.messages[0][1].get_body(("html",)).get_content()
    assert "<p>&lt;b&gt;城关&lt;/b&gt;</p>" in html and "<table>" in html


def test_templates_are_sandboxed(write_config, producers, smtp_server):
    body = 'body = "{{ summary.__class__.__mro__[1].__subclasses__() }}"\n'
    config = load_config(write_config(job() + body, port=smtp_server.port), env={})
    run = run_job(config, config.jobs[0], date(2026, 10, 31), producers=producers)
    assert run.deliveries[0].status == "failed" and "unsafe" in run.deliveries[0].detail
    assert smtp_server.messages == []


def test_missing_attachment_file_is_a_programmer_error_not_a_silent_empty_mail(tmp_path):
    with pytest.raises(FileNotFoundError):
        build_message(sender="r@example.com", to=["a@example.com"], subject="s", html="",
                      attachments=[Path(tmp_path / "无.xlsx")])
