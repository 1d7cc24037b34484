"""The ribbon's one dispatcher: only allowlisted tags run; every outcome reaches the user in Chinese."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest

from dealer_xl.actions import registry
from dealer_xl.actions.book import ActionResult
from dealer_xl.excel import dispatch
from dealer_xl.problems import BookError


class Recorder:
    def __init__(self):
        self.alerts = []

    def __call__(self, message, is_error):
        self.alerts.append((message, is_error))


def _never():
    raise AssertionError("an unknown tag must not open any book")


@pytest.mark.parametrize("tag", ["nope", "", "validate_book'); import os; ('", None, "VALIDATE_BOOK"])
def test_unknown_tag_is_refused_before_anything_runs(tag, tmp_path):
    alert = Recorder()
    assert dispatch.execute(tag, _never, alert, tmp_path / "x.log") is None
    ((message, is_error),) = alert.alerts
    assert is_error and "未知的操作" in message and "已拒绝执行" in message and "validate_book" in message


def test_lookup_refuses_unknown_tags_with_the_choices():
    with pytest.raises(registry.UnknownAction, match="可用的操作"):
        registry.lookup("drop_tables")
    assert issubclass(registry.UnknownAction, BookError)  # the CLI turns it into exit code 2


def test_every_tag_is_safe_for_the_vba_callback_and_sits_in_a_ribbon_group():
    for tag, action in registry.ACTIONS.items():
        assert registry.TAG_PATTERN.match(tag), tag
        assert action.group in registry.GROUPS and action.label and action.description


def test_a_finished_action_shows_its_message(monkeypatch, tmp_path):
    monkeypatch.setitem(registry.ACTIONS, "fine", registry.Action("好", "校验", lambda b: ActionResult("完成了 3 个"), "说明"))
    alert = Recorder()
    result = dispatch.execute("fine", lambda: "books", alert, tmp_path / "x.log")
    assert result.message == "完成了 3 个" and alert.alerts == [("完成了 3 个", False)]


def test_a_data_problem_is_shown_with_the_action_label(monkeypatch, tmp_path):
    def fails(books):
        raise BookError("应收款台账.xlsx / 分期合同 / F7：首期还款日为空，请填写")
    monkeypatch.setitem(registry.ACTIONS, "bad", registry.Action("生成还款计划", "应收", fails, "说明"))
    alert = Recorder()
    assert dispatch.execute("bad", lambda: "books", alert, tmp_path / "x.log") is None
    assert alert.alerts == [("“生成还款计划”未完成：应收款台账.xlsx / 分期合同 / F7：首期还款日为空，请填写", True)]


def test_an_unexpected_error_is_logged_and_the_message_names_the_log(monkeypatch, tmp_path, caplog):
    def crashes(books):
        raise KeyError("principal")
    monkeypatch.setitem(registry.ACTIONS, "crash", registry.Action("账龄分析", "应收", crashes, "说明"))
    alert = Recorder()
    log_file = tmp_path / "dealer_xl.log"
    with caplog.at_level(logging.ERROR, logger="dealer_xl.excel"):
        assert dispatch.execute("crash", lambda: "books", alert, log_file) is None
    ((message, is_error),) = alert.alerts
    assert is_error and "“账龄分析”出错了" in message and str(log_file) in message and "没有被改动" in message
    assert "Traceback" in caplog.text and "KeyError" in caplog.text


def test_progress_goes_to_the_status_bar():
    app = SimpleNamespace(status_bar=False)
    dispatch.status_bar_progress(app)(2, 5, "销售台账")
    assert app.status_bar == "经销商助手：销售台账（2/5）"
