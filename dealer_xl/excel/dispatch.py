"""The one entry point of the ribbon: ``RunPython "import dealer_xl.excel.dispatch as d; d.run('TAG')"``.

:func:`run` is the thin xlwings glue (find Excel, the active book, the configured folder, the
status bar, the message box); :func:`execute` is everything else and runs without Excel.
Guarantees:

- the tag is looked up in the allowlist (:mod:`dealer_xl.actions.registry`) before anything else;
  an unknown tag is refused with a Chinese message and nothing runs;
- progress goes to Excel's status bar, which is restored when the action ends, however it ends;
- the result, or what went wrong and what to do, reaches the user as one Chinese message box;
  an unexpected error is logged with its traceback to the log file, whose path the message gives;
- actions compute before they write (see :mod:`dealer_xl.actions.book`), so an error leaves no
  half-written sheet;
- :func:`run` keeps nothing between clicks but the log handler: the add-in runs it in xlwings'
  long-lived COM server ("Use UDF Server", one Python per Excel session), and every click reads the
  books and the configuration afresh, so a second click sees the edits made since the first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from ..actions import registry
from ..actions.book import ActionResult, Books
from ..problems import BookError
from ..progress import ProgressFn
from . import config

log = logging.getLogger("dealer_xl.excel")
TITLE = "经销商助手"

Alert = Callable[[str, bool], None]  # alert(message, is_error)


def execute(tag: str, make_books: Callable[[], Books], alert: Alert, log_file: Path) -> ActionResult | None:
    """Look ``tag`` up, build the books, run the action and tell the user; None when it failed."""
    try:
        action = registry.lookup(tag)
    except registry.UnknownAction as exc:
        log.warning("refused tag %r", tag)
        alert(str(exc), True)
        return None
    try:
        result = action.function(make_books())
    except BookError as exc:
        log.warning("%s: %s", tag, exc)
        alert(f"“{action.label}”未完成：{exc}", True)
        return None
    except Exception as exc:  # the edge of the program: report every failure to the user
        log.exception("%s failed", tag)
        alert(f"“{action.label}”出错了：{type(exc).__name__}：{exc}\n\n台账没有被改动（结果只在全部算完后才写入）。"
              f"详细信息已记录在 {log_file}，请把这个文件发给 IT 支持。", True)
        return None
    log.info("%s: %s", tag, result.message)
    alert(result.message, False)
    return result


def status_bar_progress(app) -> ProgressFn:
    """A progress callable writing ``经销商助手：label（done/total）`` to Excel's status bar."""
    def update(done: int, total: int, label: str) -> None:
        app.status_bar = f"{TITLE}：{label}（{done}/{total}）"
    return update


def _setup_log(path: Path) -> None:
    if not any(isinstance(h, logging.FileHandler) for h in log.handlers):
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)


def run(tag: str) -> None:
    """Run the action ``tag`` on the workbooks open in the calling Excel (called by the ribbon)."""
    import xlwings as xw

    from .xlbooks import XlwingsBooks

    app = xw.Book.caller().app
    log_file = config.log_path()
    _setup_log(log_file)

    notes: list[str] = []

    def alert(message: str, is_error: bool) -> None:
        app.screen_updating = True
        app.alert("\n\n".join([*notes, message]), TITLE, mode="critical" if is_error else "info")

    def make_books() -> Books:
        choice = config.choose_books_folder(app.books.active.fullname, config.config_path())
        notes.extend(filter(None, [choice.note]))
        return XlwingsBooks(app, choice.folder, progress=status_bar_progress(app))

    app.screen_updating = False
    try:
        execute(tag, make_books, alert, log_file)
    finally:
        app.screen_updating = True
        app.status_bar = False
