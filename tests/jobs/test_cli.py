"""``dealer-xl jobs list|run`` end to end on the demo company, with a real SMTP server."""

from __future__ import annotations

import pytest

from dealer_xl.cli import main

from .mailjobs import loopback_jobs_file

JOBS = """
    [[jobs]]
    name = "销售日报"
    produces = "daily_sales"
    when = "daily 07:30"
    recipients = ["冯建波 <sales.manager@example.com>"]
    """


def _write(tmp_path, port, extra=""):
    return str(loopback_jobs_file(tmp_path, "没有这个文件夹", port, JOBS, smtp_extra=extra))


def test_jobs_run_sends_once_per_period_and_again_when_forced(demo_company, smtp_server, tmp_path, capsys):
    config = _write(tmp_path, smtp_server.port)
    args = ["jobs", "run", "销售日报", "--config", config, "--books", str(demo_company), "--date", "2026-10-30"]
    assert main(args) == 0
    assert "发送 1" in capsys.readouterr().out
    assert main(args) == 0
    assert "已发过跳过 1" in capsys.readouterr().out
    assert main([*args, "--force"]) == 0
    assert len(smtp_server.messages) == 2
    assert {m["Subject"] for _, m in smtp_server.messages} == {"日销售报表 2026-10-30"}


def test_jobs_run_exits_1_when_the_server_is_down_and_the_mail_waits_in_the_outbox(demo_company, tmp_path, capsys):
    from .conftest import free_port

    config = _write(tmp_path, free_port(), extra="")
    text = open(config, encoding="utf-8").read().replace('state = "state"', 'state = "state"\nretries = 0')
    open(config, "w", encoding="utf-8").write(text)
    assert main(["jobs", "run", "销售日报", "--config", config, "--books", str(demo_company),
                 "--date", "2026-10-30"]) == 1
    assert "放入发件箱 1" in capsys.readouterr().out
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1


def test_jobs_list_shows_timetable_and_recipients(tmp_path, capsys):
    assert main(["jobs", "list", "--config", _write(tmp_path, 2525)]) == 0
    printed = capsys.readouterr().out
    assert "每天 07:30" in printed and "冯建波 <sales.manager@example.com>" in printed and "127.0.0.1:2525" in printed


def test_bad_config_or_unknown_job_is_one_line_and_exit_2(tmp_path, capsys):
    config = _write(tmp_path, 2525, extra='password = "x"')
    assert main(["jobs", "list", "--config", config]) == 2
    assert "不允许在配置文件中写密码" in capsys.readouterr().err
    assert main(["jobs", "run", "周报", "--config", _write(tmp_path, 2525)]) == 2
    assert "没有名为“周报”的任务" in capsys.readouterr().err
    with pytest.raises(SystemExit) as refused:  # a bad date is refused by the parser, as everywhere
        main(["jobs", "run", "销售日报", "--config", _write(tmp_path, 2525), "--as-of", "2026-13-01"])
    assert refused.value.code == 2 and "「2026-13-01」不是有效日期" in capsys.readouterr().err


def test_jobs_resend_needs_a_server_and_delivers_the_outbox(demo_company, smtp_server, tmp_path, capsys):
    from .conftest import free_port

    down = _write(tmp_path, free_port())
    text = open(down, encoding="utf-8").read().replace('state = "state"', 'state = "state"\nretries = 0')
    open(down, "w", encoding="utf-8").write(text)
    main(["jobs", "run", "销售日报", "--config", down, "--books", str(demo_company), "--date", "2026-10-30"])
    capsys.readouterr()
    assert main(["jobs", "resend", "--config", _write(tmp_path, smtp_server.port)]) == 0
    assert "发送 1，仍未发出 0" in capsys.readouterr().out and len(smtp_server.messages) == 1
    no_server = tmp_path / "none.toml"
    no_server.write_text(open(down, encoding="utf-8").read().replace('host = "127.0.0.1"', 'host = ""'),
                         encoding="utf-8")
    assert main(["jobs", "resend", "--config", str(no_server)]) == 2
    assert "无法重发发件箱" in capsys.readouterr().err
