"""The lock of the month-end close: 参数 ``closed_through`` and the 结账记录 sheet of 主数据.

:func:`record` is the close's (and the reopen's) single commit: one safe write of 主数据.xlsx
(:func:`dealer_xl.io.writer.editing`: lock check, backup, atomic replace) that sets the
``closed_through`` row of 参数 (appended when missing) and appends a row (月份, 操作, 时间, 操作人,
原因) to 结账记录 (created with its header when missing). Either both change or neither; only those
two sheets' parts (and the workbook's list of sheets when 结账记录 is created) change.
:func:`previous_close` replays 结账记录 to find the month that stays closed after a reopen.
"""

from __future__ import annotations

from datetime import datetime

from ... import schema
from ...io.append import append_records
from ...io.edit import Sheet
from ...io.generated_xml import put_generated_sheet
from ...io.writer import editing
from ...ledger import Ledger
from ...problems import BookError

KEY = "closed_through"


def record(led: Ledger, *, closed: str, month: str, action: str, user: str, reason: str, now: datetime) -> None:
    """Set ``closed_through`` = ``closed`` and log (``month``, ``action``) in one write of 主数据."""
    if not led.found("master"):
        raise BookError("找不到主数据.xlsx，无法记录结账")
    params = led.table("master", "params")
    if params is None or "key" not in params.columns or "value" not in params.columns:
        raise BookError("主数据.xlsx 缺少「参数」工作表或其 参数/值 列，无法记录结账")
    log_spec = schema.sheet("master", "close_log")
    log_table = led.table("master", "close_log")
    values = {"month": month, "action": action, "at": now.strftime("%Y-%m-%d %H:%M:%S"),
              "user": user, "reason": reason}
    with editing(led.path("master")) as book:
        _set_param(book[params.sheet_name], params, closed)
        if log_table is None:
            put_generated_sheet(book, log_spec.name, [c.header for c in log_spec.columns],
                                [[values.get(c.field) for c in log_spec.columns]], as_table=False, marker=False)
        else:
            append_records(book[log_table.sheet_name], log_table, [values])


def previous_close(led: Ledger, month: str) -> str | None:
    """The month that stays closed when ``month`` (the latest) is reopened, per 结账记录."""
    stack: list[str] = []
    for row in led.rows("master", "close_log"):
        if row["action"] == "结账" and row["month"]:
            stack.append(row["month"])
        elif row["action"] == "反结账" and stack and stack[-1] == row["month"]:
            stack.pop()
    while stack and stack[-1] >= month:
        stack.pop()
    return stack[-1] if stack else None


def _set_param(ws: Sheet, table, value: str) -> None:
    key_col, value_col = table.columns["key"] + 1, table.columns["value"] + 1
    for row, n in zip(table.rows, table.row_numbers, strict=True):
        if str(row["key"] or "").lower() == KEY:
            ws.set(n, value_col, value)
            return
    ws.append(table.header_row, ws.last_row(), [{key_col: KEY, value_col: value}])
