"""Fixtures of the delivery tests: a real SMTP server on loopback, a real small producer, a clock.

The SMTP server is aiosmtpd on a free loopback port; every message it accepts is kept with its
envelope recipients and raw bytes. The producer writes a real .xlsx (openpyxl) holding only the
rows of the requested branch/person, and real HTML with an inline chart image.
"""

from __future__ import annotations

import datetime as dt
import socket
import textwrap
import types
from datetime import date
from email import message_from_bytes, policy
from html import escape
from pathlib import Path

import pytest
import schedule
from aiosmtpd.controller import Controller
from openpyxl import Workbook, load_workbook

from dealer_xl.documents.packs import Pack
from dealer_xl.jobs.producers import Producer

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000100e5270de40000000049454e44ae426082")
SALES = [("城关分公司", "张三", "XC001", 350000), ("东区分公司", "李四", "XC002", 280000),
         ("城关分公司", "王五", "XC003", 410000), ("西区分公司", "赵六", "XC004", 199000)]


def build_sales_list(books: Path, out_dir: Path, period: date, branch=None, person=None, shared=None) -> Pack:
    """A real small pack: an .xlsx of the rows in the slice and an HTML table of them."""
    rows = [r for r in SALES if (branch is None or r[0] == branch) and (person is None or r[1] == person)]
    wb = Workbook()
    ws = wb.active
    ws.title = "销售明细"
    ws.append(["分公司", "业务员", "合同编号", "成交价"])
    for r in rows:
        ws.append(list(r))
    xlsx = out_dir / f"销售清单_{period:%Y-%m}.xlsx"
    wb.save(xlsx)
    cells = "".join(f"<tr><td>{escape(r[0])}</td><td>{r[3]}</td></tr>" for r in rows)
    html = f"<table>{cells}</table><img src=\"cid:chart\">"
    return Pack("sales", "销售清单", f"{period:%Y-%m}", xlsx, html, {"chart": PNG})


def xlsx_rows(data: bytes, tmp_path: Path) -> list[tuple]:
    path = tmp_path / "attached.xlsx"
    path.write_bytes(data)
    return list(load_workbook(path).active.iter_rows(min_row=2, values_only=True))


@pytest.fixture
def producers():
    """A registry of test producers: ``sales_list`` (month) and ``broken`` (always raises)."""
    def broken(books, out_dir, period, branch=None, person=None, shared=None):
        raise RuntimeError("台账读取失败（测试）")

    return {"sales_list": Producer("sales_list", "销售清单", "month", build_sales_list),
            "broken": Producer("broken", "总是失败", "day", broken)}


class _Recorder:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], object]] = []
        self.raw: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):
        self.raw.append(envelope.original_content or envelope.content)
        parsed = message_from_bytes(self.raw[-1], policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), parsed))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1: ``.port``, ``.messages`` [(envelope rcpts, parsed)], ``.raw`` bytes."""
    recorder = _Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    recorder.port = controller.port
    yield recorder
    controller.stop()


@pytest.fixture
def write_config(tmp_path):
    """Write a jobs file into tmp_path with the given [smtp] and jobs TOML; return its path."""
    def write(jobs_toml: str, *, port: int | None = None, extra: str = "") -> Path:
        smtp = f'host = "127.0.0.1"\nport = {port}\nsecurity = "none"\ntimeout_seconds = 5' if port else 'host = ""'
        text = textwrap.dedent(f"""
            books = "books"
            outbox = "outbox"
            state = "state"
            sender = "报表助手 <reports@example.com>"
            retries = 2
            backoff_seconds = 0.01
            {extra}
            [smtp]
            """) + smtp + "\n" + textwrap.dedent(jobs_toml)
        path = tmp_path / "jobs.toml"
        path.write_text(text, encoding="utf-8")
        return path
    return write


@pytest.fixture
def clock_for_schedule(monkeypatch):
    """Make the ``schedule`` package read the time from a ManualClock (as schedule's own tests do)."""
    def install(clock):
        class ClockDatetime(dt.datetime):
            @classmethod
            def now(cls, tz=None):
                return clock.now()

        shim = types.SimpleNamespace(datetime=ClockDatetime, date=dt.date, time=dt.time,
                                     timedelta=dt.timedelta, timezone=dt.timezone)
        monkeypatch.setattr(schedule, "datetime", shim)
    return install


@pytest.fixture(scope="session")
def demo_company(demo_default) -> Path:
    """The demo company exactly as ``make demo`` writes it (scale 1, seed 2026): the example's names."""
    return demo_default
