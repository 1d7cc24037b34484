"""The scheduler loop: catches up after a restart, runs on time, survives failures, stops when told."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from dealer_xl.jobs.config import load_config
from dealer_xl.jobs.runner import run_scheduler, summary_fragment
from dealer_xl.jobs.timing import ManualClock


def test_the_loop_survives_a_failing_job_and_runs_the_others_on_time(
        write_config, producers, smtp_server, clock_for_schedule, caplog):
    path = write_config("""
        [[jobs]]
        name = "坏任务"
        produces = "no_such_report"
        when = "daily 08:00"
        recipients = ["x@example.com"]
        [[jobs]]
        name = "好任务"
        produces = "sales_list"
        when = "daily 09:00"
        period = "today"
        subject = "{{ title }}（{{ period }}）"
        recipients = ["z@example.com"]
        """, port=smtp_server.port)
    config = load_config(path, env={})
    clock = ManualClock(datetime(2026, 11, 30, 8, 30))       # restarted after 08:00, before 09:00
    clock_for_schedule(clock)
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        clock.advance(timedelta(seconds=max(seconds, 1)))

    with caplog.at_level(logging.INFO, logger="dealer_xl.jobs"):
        run_scheduler(config, clock=clock, sleep=sleep, producers=producers, poll_seconds=600,
                      should_stop=lambda: clock.now() >= datetime(2026, 12, 2, 10, 0))
    subjects = [m["Subject"] for _, m in smtp_server.messages]
    # 11-30 09:00 (month 2026-11), 12-01 09:00 and 12-02 09:00 (both 2026-12: the second is a repeat)
    assert subjects == ["销售清单（2026-11）", "销售清单（2026-12）"]
    assert caplog.text.count("任务“坏任务”运行失败") == 3                   # catch-up, 12-01, 12-02
    assert "调度器已停止" in caplog.text and max(slept) <= 600


def test_a_full_html_document_becomes_a_fragment_keeping_its_style():
    page = '<!DOCTYPE html><html><head><title>t</title></head><body style="color:#222"><p>甲</p></body></html>'
    assert summary_fragment(page) == '<div style="color:#222"><p>甲</p></div>'
    assert summary_fragment("<p>乙</p>") == "<p>乙</p>"
