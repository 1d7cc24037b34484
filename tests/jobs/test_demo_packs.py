"""Real report packs of the demo company, delivered through a real SMTP server and to the outbox."""

from __future__ import annotations

from datetime import date
from email import message_from_bytes, policy
from pathlib import Path

from openpyxl import load_workbook

from dealer_xl.demo.pipeline.delivery import deliver_demo_reports
from dealer_xl.io.reader import read_books
from dealer_xl.jobs.config import load_config
from dealer_xl.jobs.runner import run_job

from .mailjobs import attached_sheet, loopback_config

EXAMPLE = Path(__file__).parents[2] / "examples" / "jobs.toml"


def _sales(books: Path) -> list[dict]:
    return read_books(books)["sales"].tables["sales"].rows


def test_a_branch_manager_gets_a_sales_pack_of_their_branch_only(demo_company, smtp_server, tmp_path):
    config = loopback_config(tmp_path, demo_company, smtp_server.port, """
        [[jobs]]
        name = "分公司月度销售"
        produces = "sales_pack"
        when = "monthly 1 08:00"
        subject = "{{ title }}"
        recipients = [{ address = "东区经理 <dq@example.com>", branch = "东区分公司" },
                      { address = "西区经理 <xq@example.com>", branch = "西区分公司" }]
        """)
    run = run_job(config, config.jobs[0], date(2026, 10, 31))
    assert [d.status for d in run.deliveries] == ["sent", "sent"]
    for rcpts, msg in smtp_server.messages:
        branch = {"dq@example.com": "东区分公司", "xq@example.com": "西区分公司"}[rcpts[0]]
        assert branch in msg["Subject"] and "2026-10" in msg["Subject"]
        [attachment] = list(msg.iter_attachments())
        assert attachment.get_filename().endswith(".xlsx") and branch in attachment.get_filename()
        detail = attached_sheet(attachment.get_content(), tmp_path, "销售明细")
        expected = {r["contract_no"] for r in _sales(demo_company)
                    if r["branch"] == branch and r["sale_date"] and r["sale_date"].strftime("%Y-%m") == "2026-10"}
        assert expected and {r["合同编号"] for r in detail if r["合同编号"]} == expected
        assert {r["分公司"] for r in detail if r["合同编号"]} == {branch}
        html = msg.get_body(("html",)).get_content()
        assert 'src="cid:chart1"' in html and branch in html
        image = next(p for p in msg.walk() if p["Content-ID"] == "<chart1>")
        assert image.get_content()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_daily_sales_report_reaches_the_sales_manager(demo_company, smtp_server, tmp_path):
    config = loopback_config(tmp_path, demo_company, smtp_server.port, """
        [[jobs]]
        name = "销售日报"
        produces = "daily_sales"
        when = "daily 07:30"
        subject = "销售日报（{{ period }}）"
        recipients = ["冯建波 <sales.manager@example.com>"]
        """)
    day = date(2026, 10, 30)
    expected = {r["contract_no"] for r in _sales(demo_company) if r["sale_date"] == day}
    run_job(config, config.jobs[0], day)
    [(rcpts, msg)] = smtp_server.messages
    assert rcpts == ["sales.manager@example.com"] and msg["Subject"] == "销售日报（2026-10-30）"
    rows = attached_sheet(next(msg.iter_attachments()).get_content(), tmp_path, "当日销售明细")
    assert expected and {r["合同编号"] for r in rows if r["合同编号"] != "合计"} == expected


def test_a_collector_gets_only_the_contracts_they_are_responsible_for(demo_company, smtp_server, tmp_path):
    config = loopback_config(tmp_path, demo_company, smtp_server.port, """
        [[jobs]]
        name = "催收工作清单"
        produces = "collection_worklist"
        when = "weekdays 08:00"
        period = "today"
        recipients = [{ address = "陈超华 <c3@example.com>", person = "陈超华" }]
        """)
    run_job(config, config.jobs[0], date(2026, 10, 31))
    [(_, msg)] = smtp_server.messages
    rows = attached_sheet(next(msg.iter_attachments()).get_content(), tmp_path, "催收清单")
    assert rows and {r["责任人"] for r in rows} == {"陈超华"}
    total = sum(round(r["逾期金额"] * 100) for r in rows) / 100
    assert f"逾期金额合计 {total:,.2f} 元" in msg.get_body(("html",)).get_content()


def test_the_main_job_delivers_every_demo_report_to_the_outbox(demo_company, tmp_path):
    lines = deliver_demo_reports(demo_company, tmp_path)
    config = load_config(EXAMPLE, env={})
    expected = sum(len(j.recipients) for j in config.jobs)
    emls = sorted((tmp_path / "发件箱").glob("*.eml"))
    assert len(emls) == expected == 14
    assert all("失败 0" in line for line in lines if line.startswith("任务"))
    for eml in emls:
        msg = message_from_bytes(eml.read_bytes(), policy=policy.default)
        assert msg["To"].addresses and msg["Subject"] and len(list(msg.iter_attachments())) == 1
    again = deliver_demo_reports(demo_company, tmp_path)
    assert len(list((tmp_path / "发件箱").glob("*.eml"))) == 14 and again[-1] == lines[-1]


def test_an_emailed_worklist_masks_phone_numbers(demo_company, tmp_path):
    import re

    from dealer_xl.jobs.producers import build_worklist_pack

    pack = build_worklist_pack(demo_company, tmp_path, date(2026, 10, 31))
    rows = list(load_workbook(pack.xlsx)["催收清单"].iter_rows(values_only=True))
    column = rows[0].index("联系电话")
    phones = [r[column] for r in rows[1:] if r[column]]
    assert phones, "the demo has overdue contracts with phones"
    assert all(re.fullmatch(r"1\d\d\*{4}\d{4}", p) for p in phones), phones[:3]
