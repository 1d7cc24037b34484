"""Rule: rows dated in a closed month must stay as the month-end close sealed them.

:func:`check_closed_period` takes the seal of the latest close (:class:`Seal`, loaded from
``归档/<YYYY-MM>/manifest.json`` and the archived books by :mod:`dealer_xl.ledger.seal` — the
check does no I/O) and reports, as 错误 ``closed_period_changed``:

- a changed row at each changed cell, with the old value (from the archive) → the new value;
- a deleted row on its sheet, naming the archived row and its key;
- a new row dated in a closed month at its date cell;
- an archive that is missing or whose files no longer match their sha256 (on 主数据/参数).

Sorting or moving rows is not a change (rows are matched by content, see
:mod:`dealer_xl.domain.fingerprints`).
"""

from __future__ import annotations

from typing import Any

from ..domain.fingerprints import DATED, KEYS, compare
from ..io.cells import show
from ..ledger.seal import Seal, SheetKey  # noqa: F401  (Seal: re-exported for callers)
from ..problems import Code, Problem, Severity
from ..schema import labels

MASTER_BOOK, PARAMS_SHEET = "主数据.xlsx", labels.PARAMS_SHEET


def check_closed_period(ctx, seal: Seal) -> list[Problem]:
    """Every change since the close to a row dated in a closed month (see the module docstring)."""
    problems = [Problem(MASTER_BOOK, PARAMS_SHEET, None, "", "", Severity.ERROR, Code.CLOSED_PERIOD_CHANGED,
                        f"已结账至 {seal.closed_through}，但{fault}，已结账月份的数据无法核对，请从备份恢复归档")
                for fault in seal.archive_faults]
    for (book, sheet), sealed in seal.fingerprints.items():
        table = ctx.table(book, sheet)
        if table is None or (book, sheet) not in DATED:
            continue
        fields = table.spec.fields
        changes = compare(sealed, table.rows, fields, DATED[book, sheet], KEYS[book, sheet],
                          seal.closed_through, seal.old_rows.get((book, sheet), {}), seal.pending.get((book, sheet)))
        where = f"（{seal.archive}，结账至 {seal.closed_through}）"
        for c in changes:
            if c.kind == "deleted":
                key = f"（{c.key}）" if c.key.strip("|") else ""
                problems.append(Problem(table.book, table.sheet_name, None, "", "", Severity.ERROR,
                                        Code.CLOSED_PERIOD_CHANGED,
                                        f"已结账月份的行被删除：归档中第{c.sealed_row}行{key}已不在本表{where}"))
            elif c.kind == "new":
                date_field = DATED[book, sheet]
                problems.append(ctx.problem(table, c.current, date_field, Code.CLOSED_PERIOD_CHANGED,
                                            f"已结账月份新增了行：{table.header(date_field)}在已结账月份内{where}"))
            else:
                for name, old, new in c.fields:
                    if name not in table.columns:
                        continue
                    problems.append(ctx.problem(
                        table, c.current, name, Code.CLOSED_PERIOD_CHANGED,
                        f"已结账月份的数据被修改：{table.header(name)} 由「{_text(old)}」改为「{_text(new)}」"
                        f"（归档中第{c.sealed_row}行）{where}", value=new if new is not None else ""))
    return problems


def _text(value: Any) -> str:
    return "（空）" if value is None else show(value)
