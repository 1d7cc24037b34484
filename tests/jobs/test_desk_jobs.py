"""The lists that cross departments reach their owners: real packs of the demo company, delivered through
a real SMTP server on loopback, each recipient getting only their own slice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dealer_xl.jobs.config import load_config
from dealer_xl.jobs.runner import run_job
from dealer_xl.ledger import load
from dealer_xl.ledger.handover import due_list

from .mailjobs import attached_sheet, loopback_config

EXAMPLE = Path(__file__).parents[2] / "examples" / "service_jobs.toml"
AS_OF = date(2026, 10, 31)


def test_each_collector_gets_the_overdue_customers_in_the_workshop_they_chase(demo_company, smtp_server, tmp_path):
    config = loopback_config(tmp_path, demo_company, smtp_server.port, """
        [[jobs]]
        name = "在修欠款客户"
        produces = "service_overdue_list"
        when = "weekdays 08:05"
        period = "today"
        subject = "在修欠款客户（{{ person }}，{{ period }}）"
        recipients = [{ address = "陈超华 <c3@example.com>", person = "陈超华" },
                      { address = "龙倩佳 <c1@example.com>", person = "龙倩佳" }]
        """)
    run = run_job(config, config.jobs[0], AS_OF)
    assert [d.status for d in run.deliveries] == ["sent", "sent"]
    got = {rcpts[0]: msg for rcpts, msg in smtp_server.messages}
    assert got["c3@example.com"]["Subject"] == "在修欠款客户（陈超华，2026-10-31）"
    mine = attached_sheet(next(got["c3@example.com"].iter_attachments()).get_content(), tmp_path, "在修欠款客户")
    assert [r["工单号"] for r in mine] == ["FW26100125"] and mine[0]["催收责任人"] == "陈超华"
    assert mine[0]["先款后修"] == "是" and "****" in mine[0]["联系电话"]  # an e-mailed copy is masked
    html = got["c3@example.com"].get_body(("html",)).get_content()
    assert "67,245.90" in html and "FW26100125" in html
    theirs = attached_sheet(next(got["c1@example.com"].iter_attachments()).get_content(), tmp_path, "在修欠款客户")
    assert [r for r in theirs if r["工单号"] and r["工单号"] != "（无数据）"] == []


def test_each_branch_gets_its_first_services_due(demo_company, smtp_server, tmp_path):
    config = loopback_config(tmp_path, demo_company, smtp_server.port, """
        [[jobs]]
        name = "首保"
        produces = "first_service_list"
        when = "weekdays 07:45"
        period = "today"
        subject = "{{ title }}"
        recipients = [{ address = "东区 <dq@example.com>", branch = "东区分公司" },
                      { address = "西区 <xq@example.com>", branch = "西区分公司" }]
        """)
    run_job(config, config.jobs[0], AS_OF)
    firsts, _ = due_list(load(demo_company, today=AS_OF), AS_OF)
    for rcpts, msg in smtp_server.messages:
        branch = {"dq@example.com": "东区分公司", "xq@example.com": "西区分公司"}[rcpts[0]]
        rows = attached_sheet(next(msg.iter_attachments()).get_content(), tmp_path, "首保")
        expected = {d.contract_no for d in firsts if d.sale["branch"] == branch}
        assert {r["合同编号"] for r in rows if r["合同编号"] != "（无数据）"} <= expected
        assert {r["分公司"] for r in rows if r["合同编号"] != "（无数据）"} <= {branch} and branch in msg["Subject"]


def test_every_example_job_of_the_desk_lists_is_delivered(demo_company, smtp_server, tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in (('books = "../out/演示公司"', f'books = "{demo_company.as_posix()}"'), ('host = ""', 'host = "127.0.0.1"'),
                     ("port = 587", f"port = {smtp_server.port}"), ('security = "starttls"', 'security = "none"')):
        assert old in text
        text = text.replace(old, new)
    (tmp_path / "jobs.toml").write_text(text, encoding="utf-8")
    config = load_config(tmp_path / "jobs.toml", env={})
    for job in config.jobs:
        run = run_job(config, job, AS_OF)
        assert {d.status for d in run.deliveries} == {"sent"}, job.name
    assert len(smtp_server.messages) == sum(len(j.recipients) for j in config.jobs) == 13
    for _, msg in smtp_server.messages:
        [attachment] = list(msg.iter_attachments())
        assert attachment.get_filename().endswith(".xlsx") and msg.get_body(("html",)).get_content()
