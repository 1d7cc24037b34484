"""The jobs file: password never from the file, environment and --books overrides, clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from dealer_xl.jobs.config import ConfigError, load_config, without_smtp

ONE_JOB = """
    [[jobs]]
    name = "日报"
    produces = "daily_sales"
    when = "weekdays 07:30"
    recipients = ["a@example.com", { address = "城关经理 <cg@example.com>", branch = "城关分公司" }]
    """


def test_a_password_in_the_file_is_refused(write_config):
    path = write_config(ONE_JOB)
    text = path.read_text(encoding="utf-8").replace("[smtp]\n", '[smtp]\npassword = "hunter2"\n')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="DEALER_XL_SMTP_PASSWORD") as caught:
        load_config(path, env={"DEALER_XL_SMTP_PASSWORD": "from-env"})
    assert "hunter2" not in str(caught.value)


def test_the_password_comes_from_the_environment_only(write_config):
    path = write_config(ONE_JOB, port=2525)
    assert load_config(path, env={}).smtp.password is None
    assert load_config(path, env={"DEALER_XL_SMTP_PASSWORD": "s3cret"}).smtp.password == "s3cret"


def test_environment_overrides_host_port_and_user(write_config):
    path = write_config(ONE_JOB, port=2525)
    plain = load_config(path, env={})
    assert (plain.smtp.host, plain.smtp.port, plain.smtp.user, plain.smtp.security) == ("127.0.0.1", 2525, None, "none")
    env = {"DEALER_XL_SMTP_HOST": "smtp.example.cn", "DEALER_XL_SMTP_PORT": "465", "DEALER_XL_SMTP_USER": "bot"}
    smtp = load_config(path, env=env).smtp
    assert (smtp.host, smtp.port, smtp.user) == ("smtp.example.cn", 465, "bot")
    assert without_smtp(load_config(path, env=env)).smtp.host is None


def test_paths_are_relative_to_the_file_and_books_can_be_overridden(write_config, tmp_path):
    path = write_config(ONE_JOB)
    config = load_config(path, env={})
    assert config.books == tmp_path / "books" and config.outbox == tmp_path / "outbox"
    assert load_config(path, env={}, books=Path("/data/台账")).books == Path("/data/台账")


def test_jobs_are_read_with_their_recipients_filters_and_default_period(write_config):
    config = load_config(write_config(ONE_JOB), env={})
    job = config.job("日报")
    assert job.when.unit == "weekdays" and job.period == "yesterday"
    assert [(r.address, r.branch) for r in job.recipients] == [("a@example.com", None),
                                                               ("城关经理 <cg@example.com>", "城关分公司")]
    with pytest.raises(ConfigError, match="没有名为“周报”的任务；已有：日报"):
        config.job("周报")


@pytest.mark.parametrize("change, message", [
    (('when = "weekdays 07:30"', 'when = "monthly 32 07:30"'), "日期“32”无效"),
    (('produces = "daily_sales"', 'produces = "daily_sales"\ncolour = "red"'), "不认识的设置项 colour"),
    (('recipients = [', 'subject = "{{ title "\nrecipients = ['), "第 1 个任务（日报）"),
    (('recipients = ["a@example.com", { address = "城关经理 <cg@example.com>", branch = "城关分公司" }]',
      'recipients = []'), "没有收件人"),
    (('when = "weekdays 07:30"', 'when = "weekdays 07:30"\nperiod = "last_week"'), "period 应为"),
])
def test_mistakes_in_the_file_are_refused_with_where_and_why(write_config, change, message):
    path = write_config(ONE_JOB.replace(*change))
    with pytest.raises(ConfigError, match=message):
        load_config(path, env={})


def test_a_missing_or_broken_file_is_one_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="找不到任务配置文件"):
        load_config(tmp_path / "无.toml", env={})
    bad = tmp_path / "bad.toml"
    bad.write_text("[[jobs]\nname=", encoding="utf-8")
    with pytest.raises(ConfigError, match="不是有效的 TOML"):
        load_config(bad, env={})


def test_the_committed_example_loads():
    config = load_config(Path(__file__).parents[2] / "examples" / "jobs.toml", env={})
    assert [j.produces for j in config.jobs] == ["daily_sales", "sales_pack", "receivables_pack",
                                                 "collection_worklist", "gm_pack", "admin_reminders"]
    assert config.smtp.host is None and config.books.name == "演示公司"


def test_the_password_never_shows_in_a_printed_configuration(write_config):
    config = load_config(write_config(ONE_JOB, port=2525), env={"DEALER_XL_SMTP_PASSWORD": "s3cret"})
    assert "s3cret" not in repr(config) and "s3cret" not in str(config.smtp)


def test_the_sent_log_knows_a_recipient_by_bare_address_and_slice(write_config):
    first, second = load_config(write_config(ONE_JOB), env={}).jobs[0].recipients
    assert first.key() == "a@example.com"
    assert second.key() == "cg@example.com [城关分公司]"
