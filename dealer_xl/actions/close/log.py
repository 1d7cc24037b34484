"""The lock of the month-end close: 参数 ``closed_through`` and the 结账记录 sheet of 主数据.

:func:`record` is the close's (and the reopen's) single commit: one safe write of 主数据.xlsx
(:func:`dealer_xl.io.writer.editing`: lock check, backup, atomic replace) that sets the
``closed_through`` row of 参数 (appended when missing) and appends a row (月份, 操作, 时间, 操作人,
原因) to 结账记录 (created with its header when missing). Either both change or neither.
:func:`previous_close` replays 结账记录 to find the month that stays closed after a reopen.
"""

from __future__ import annotations

from datetime import datetime

from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from ... import schema
from ...io.generated import set_cell_value
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
    with editing(led.path("master")) as workbook:
        _set_param(workbook[params.sheet_name], params, closed)
        if log_table is None:
            ws = workbook.create_sheet(log_spec.name)
            for col, c in enumerate(log_spec.columns, 1):
                set_cell_value(ws.cell(1, col), c.header)
            ws.freeze_panes = "A2"
            columns = {c.field: n + 1 for n, c in enumerate(log_spec.columns)}
            row = 2
        else:
            ws = workbook[log_table.sheet_name]
            columns = {f: j + 1 for f, j in log_table.columns.items()}
            row = _last_row(ws) + 1
        values = {"month": month, "action": action, "at": now.strftime("%Y-%m-%d %H:%M:%S"),
                  "user": user, "reason": reason}
        for field_name, col in columns.items():
            set_cell_value(ws.cell(row, col), values.get(field_name))
        _extend_tables(ws, row)


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


def _set_param(ws: Worksheet, table, value: str) -> None:
    key_col, value_col = table.columns["key"] + 1, table.columns["value"] + 1
    for row, n in zip(table.rows, table.row_numbers, strict=True):
        if str(row["key"] or "").lower() == KEY:
            set_cell_value(ws.cell(n, value_col), value)
            return
    row = _last_row(ws) + 1
    set_cell_value(ws.cell(row, key_col), KEY)
    set_cell_value(ws.cell(row, value_col), value)


def _extend_tables(ws: Worksheet, last_row: int) -> None:
    """Make an Excel table over the log reach the row just appended."""
    for table in ws.tables.values():
        min_col, min_row, max_col, max_row = range_boundaries(table.ref)
        if max_row < last_row:
            table.ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{last_row}"
            if table.autoFilter is not None:
                table.autoFilter.ref = table.ref


def _last_row(ws: Worksheet) -> int:
    for n in range(ws.max_row, 0, -1):
        if any(c.value not in (None, "") for c in ws[n]):
            return n
    return 0
