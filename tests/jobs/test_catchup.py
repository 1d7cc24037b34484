"""Runs missed while the PC was off are caught up once, for the latest due day, after a restart."""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace

from dealer_xl.jobs.catchup import Heartbeat, missed
from dealer_xl.jobs.config import load_config
from dealer_xl.jobs.runner import catch_up
from dealer_xl.jobs.timing import parse_when

from .test_delivery import BRANCH_JOB


def _job(name, when):
    return SimpleNamespace(name=name, when=parse_when(when))


def test_a_week_off_gives_one_run_per_job_for_its_latest_due_day():
    daily, monthly = _job("日报", "daily 07:30"), _job("月报", "monthly 1 08:00")
    since, now = datetime(2026, 10, 28, 18, 0), datetime(2026, 11, 4, 7, 0)  # off from Wed evening to Wed 07:00
    # daily: due 10-29 … 11-03 at 07:30 (11-04 07:30 not yet) → latest 11-03; monthly: 11-01 08:00
    assert [(j.name, d) for j, d in missed([daily, monthly], since, now)] == [
        ("日报", date(2026, 11, 3)), ("月报", date(2026, 11, 1))]


def test_nothing_is_due_when_the_scheduler_was_alive_through_the_run_time():
    assert missed([_job("日报", "daily 07:30")], datetime(2026, 11, 4, 7, 31), datetime(2026, 11, 4, 9, 0)) == []


def test_without_a_heartbeat_only_today_is_looked_at():
    assert missed([_job("月报", "monthly 1 08:00")], None, datetime(2026, 11, 2, 9, 0)) == []


def test_heartbeat_round_trips_and_an_unreadable_one_counts_as_none(tmp_path):
    beat = Heartbeat(tmp_path / "state")
    assert beat.last() is None
    beat.beat(datetime(2026, 11, 4, 7, 0, 12))
    assert beat.last() == datetime(2026, 11, 4, 7, 0, 12)
    beat.path.write_text("乱码", encoding="utf-8")
    assert beat.last() is None


def test_a_monthly_pack_missed_on_the_first_is_sent_once_for_the_closed_month(smtp_server, write_config, producers):
    config = load_config(write_config(BRANCH_JOB, port=smtp_server.port), env={})
    off_since = datetime(2026, 10, 31, 18, 0)
    catch_up(config, datetime(2026, 11, 3, 8, 30), off_since, producers=producers)
    catch_up(config, datetime(2026, 11, 3, 8, 35), off_since, producers=producers)  # a second restart
    assert sorted(m["Subject"] for _, m in smtp_server.messages) == ["东区分公司销售清单（2026-10）",
                                                                   "城关分公司销售清单（2026-10）"]
