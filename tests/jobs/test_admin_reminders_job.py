"""The scheduled 综合管理提醒: each owner gets their own items by e-mail, through a real SMTP server on
loopback (aiosmtpd), with the list attached; the department head gets all of them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from dealer_xl.actions.admin.reminders import admin_reminders
from dealer_xl.jobs.producers import PRODUCERS
from dealer_xl.jobs.runner import run_job

from .mailjobs import loopback_config

DAY = date(2026, 10, 31)


def _config(tmp_path: Path, books: Path, port: int, recipients: str):
    return loopback_config(tmp_path, books, port, f"""
        [[jobs]]
        name = "综合管理提醒"
        produces = "admin_reminders"
        when = "weekdays 08:00"
        period = "today"
        subject = "综合管理提醒（{{{{ person }}}}，{{{{ period }}}}）"
        recipients = [{recipients}]
        """)


def _attached(msg, tmp_path: Path) -> list[tuple]:
    [attachment] = list(msg.iter_attachments())
    path = tmp_path / "att.xlsx"
    path.write_bytes(attachment.get_content())
    return list(load_workbook(path)["提醒"].iter_rows(min_row=2, values_only=True))


def test_the_producer_is_registered_by_day():
    producer = PRODUCERS["admin_reminders"]
    assert producer.granularity == "day" and "综合管理提醒" in producer.description


def test_each_owner_gets_their_own_items_and_the_head_gets_all(demo_company, smtp_server, tmp_path):
    everything = admin_reminders(demo_company, DAY, workbook=False).items
    owners = sorted({r.owner for r in everything if r.owner_id})[:2]
    recipients = ", ".join(f'{{ address = "owner{n}@example.com", person = "{o}" }}' for n, o in enumerate(owners)) \
        + ', { address = "head@example.com" }'
    config = _config(tmp_path, demo_company, smtp_server.port, recipients)
    run = run_job(config, config.jobs[0], DAY)
    assert [d.status for d in run.deliveries] == ["sent", "sent", "sent"]
    got = {rcpts[0]: msg for rcpts, msg in smtp_server.messages}
    for n, owner in enumerate(owners):
        msg = got[f"owner{n}@example.com"]
        assert owner in msg["Subject"] and "2026-10-31" in msg["Subject"]
        rows = _attached(msg, tmp_path)
        mine = [r for r in everything if r.owner == owner]
        assert [(r[0], r[4]) for r in rows] == [(owner, r.item) for r in mine] and rows
        html = msg.get_body(("html",)).get_content()
        assert mine[0].item in html and 'src="cid:chart1"' in html
    head = _attached(got["head@example.com"], tmp_path)
    assert len(head) == len(everything) and {r[0] for r in head} == {r.owner for r in everything}


def test_a_company_without_the_book_fails_that_job_only(demo_company, smtp_server, tmp_path):
    books = tmp_path / "books"
    books.mkdir()
    for name in ("主数据.xlsx", "销售台账.xlsx", "应收款台账.xlsx", "售后服务台账.xlsx", "工资表.xlsx"):
        (books / name).write_bytes((demo_company / name).read_bytes())
    config = _config(tmp_path, books, smtp_server.port, '{ address = "head@example.com" }')
    run = run_job(config, config.jobs[0], DAY)
    assert [d.status for d in run.deliveries] == ["failed"]
    assert "综合管理台账.xlsx" in run.deliveries[0].detail and smtp_server.messages == []
