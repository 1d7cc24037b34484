"""Reading the policy parameters (参数 sheet of 主数据.xlsx, DESIGN §4) with their defaults.

Every parameter has a typed default in :mod:`dealer_xl.schema.params`; the sheet may override it.
A value that cannot be read never replaces the default, and is reported at its cell.
"""

from __future__ import annotations

from decimal import Decimal

from dealer_xl.problems import Code, Problem, Severity
from dealer_xl.schema.params import BY_KEY, defaults

from .table import BookData, Table
from .values import Issue, parse_int, parse_number


def read_params(book: BookData) -> tuple[dict[str, object], list[Problem]]:
    """Policy parameters from the 参数 sheet of 主数据, typed like their defaults.

    Keys are matched ignoring case (the 参数 column is a code, read upper case); a key not in the
    sheet keeps its default. Problems (code BAD_PARAM, at the cell) are: an unknown key (提示), an
    empty value (提示, default kept) and an unreadable value (错误, default kept). When a key appears
    twice the first row counts (validation reports the duplicate).
    """
    values = defaults()
    problems: list[Problem] = []
    table = book.tables.get("params")
    if table is None:
        return values, problems
    seen: set[str] = set()
    for i, row in enumerate(table.rows):
        key = row["key"]
        if key is None or key.lower() in seen:
            continue
        param = BY_KEY.get(key.lower())
        if param is None:
            problems.append(table.problem(i, "key", Severity.INFO, Code.BAD_PARAM,
                                          f"未知参数「{key}」，已忽略", key))
            continue
        seen.add(param.key)
        value, problem = _param_value(table, i, param.key, param.default, row["value"])
        values[param.key] = value
        if problem is not None:
            problems.append(problem)
    return values, problems


def _param_value(table: Table, i: int, key: str, default: object,
                 raw: str | None) -> tuple[object, Problem | None]:
    if isinstance(default, str):
        return raw or "", None
    parsed = None if raw is None else parse_number(raw) if isinstance(default, Decimal) else parse_int(raw)
    if parsed is None:
        return default, table.problem(i, "value", Severity.INFO, Code.BAD_PARAM,
                                      f"参数 {key} 未填写，使用默认值 {default}")
    if parsed.__class__ is Issue:
        return default, table.problem(i, "value", Severity.ERROR, Code.BAD_PARAM,
                                      f"参数 {key}：{parsed.message}；已使用默认值 {default}", raw)
    return parsed, None
