"""Data validation of the empty books: dropdowns, Chinese error messages and header help.

Guarantees:
- every ``enum`` column gets a dropdown of ``Column.choices`` and every ``yesno`` column one of
  是/否, on rows 2..:data:`LAST_ROW`, rejecting anything else with a Chinese message listing the
  choices (``请从下拉列表中选择：全款、分期、按揭``);
- a column that refers to a sheet *of the same book* (机型.厂家 → 厂家, 客户.业务员 → 员工,
  还款计划.合同编号 → 分期合同, ...) gets a dropdown whose source is a plain range reference to the
  referenced column, rows 2..:data:`LAST_ROW` (trailing blank cells of that range show as blank
  entries). ``allowBlank`` is off, since with it on Excel accepts any value once the source
  range contains a blank cell. When the reference also accepts a second field (业务员 may be a
  姓名 or a 工号), the dropdown lists the names and only warns, so a 工号 can still be typed;
- references to *another* book get no dropdown: Excel validation lists cannot point into another
  workbook (Excel rejects external references there, and the other book may not be open). Their
  header help names the book and sheet, and dealer_xl's own checks validate them;
- a header cell carries an input message (title = the header) saying whether the column is
  必填 / 不可重复, what to type, what it refers to and ``Column.note``; on a generated sheet it says
  that dealer_xl writes it. A plain optional text column (分公司, 地址) has nothing to say and
  gets none. All texts fit Excel's limits (title 32, message 255 characters).

:data:`LAST_ROW` is 20,001: 20,000 data rows, the largest sheet typed by hand in a year of a
large dealer (服务工单, DESIGN §6). Validation ranges cost nothing per row, so files stay small.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from dealer_xl.schema import NO, YES, Book, Column, FieldType, Sheet, book

T = FieldType
LAST_ROW = 20_001

_TYPE_HINTS: dict[FieldType, str] = {
    T.CODE: "编号，按文本保存",
    T.INT: "整数",
    T.NUMBER: "数字",
    T.MONEY: "金额（元），最多两位小数",
    T.RATE: "百分比，如 6%",
    T.DATE: "日期，如 2026-01-05",
    T.MONTH: "月份，格式 YYYY-MM，如 2026-01",
    T.YESNO: "填“是”或“否”",
}


def add_validations(ws, owner: Book, sheet: Sheet) -> None:
    """Add the header help and the dropdowns of ``sheet`` to worksheet ``ws``."""
    for index, column in enumerate(sheet.columns, 1):
        letter = get_column_letter(index)
        text = help_text(owner, sheet, column)
        if text:
            ws.add_data_validation(header_help(column, text, f"{letter}1"))
        dropdown = choice_dropdown(column) or reference_dropdown(owner, column)
        if dropdown is not None:
            dropdown.add(f"{letter}2:{letter}{LAST_ROW}")
            ws.add_data_validation(dropdown)


def choices(column: Column) -> tuple[str, ...]:
    """The allowed values of an ``enum`` or ``yesno`` column; empty for other types."""
    if column.type is T.YESNO:
        return (YES, NO)
    return column.choices if column.type is T.ENUM else ()


def choice_dropdown(column: Column) -> DataValidation | None:
    """A strict dropdown of the column's choices, or None when it has none."""
    values = choices(column)
    if not values:
        return None
    return DataValidation(
        type="list", formula1='"' + ",".join(values) + '"', allow_blank=True,
        showErrorMessage=True, errorStyle="stop", errorTitle=f"{column.header}填写有误",
        error=f"请从下拉列表中选择：{'、'.join(values)}")


def reference_target(owner: Book, column: Column) -> tuple[Sheet, Column] | None:
    """The sheet and column a dropdown of ``column`` lists, when it refers into ``owner``.

    A text column whose reference accepts a second field (业务员 → 员工 姓名 or 工号) lists that
    second field (the names); any other column lists the referenced field itself.
    """
    ref = column.ref
    if ref is None or ref.book != owner.key:
        return None
    target = owner.sheet(ref.sheet)
    use_alt = ref.alt_field is not None and column.type is not T.CODE
    return target, target.column(ref.alt_field if use_alt else ref.field)


def reference_dropdown(owner: Book, column: Column) -> DataValidation | None:
    """A dropdown listing the referenced column of a sheet of the same book, or None."""
    found = reference_target(owner, column)
    if found is None:
        return None
    target, listed = found
    letter = get_column_letter(target.columns.index(listed) + 1)
    source = f"'{target.name}'!${letter}$2:${letter}${LAST_ROW}"
    if listed.field == column.ref.field:
        style, error = "stop", f"请填写「{target.name}」表中已有的{listed.header}，可从下拉列表中选择。"
    else:
        key_header = target.column(column.ref.field).header
        style, error = "warning", f"「{target.name}」表中没有这个{listed.header}；也可填写{key_header}。"
    return DataValidation(
        type="list", formula1=source, allow_blank=False, showErrorMessage=True,
        errorStyle=style, errorTitle=f"{column.header}填写有误", error=error)


def header_help(column: Column, text: str, cell: str) -> DataValidation:
    """An input message ``text`` titled with the header, on the header ``cell`` (no restriction)."""
    return DataValidation(showInputMessage=True, promptTitle=column.header, prompt=text, sqref=cell)


def help_text(owner: Book, sheet: Sheet, column: Column) -> str:
    """The lines of a header's input message, in Chinese."""
    lines = []
    if sheet.generated:
        lines.append("本表由 dealer_xl 计算生成，请勿手工修改。")
    flags = [text for on, text in ((column.required, "必填"), (column.unique, "不可重复")) if on]
    if flags:
        lines.append("，".join(flags))
    lines += [text for text in (_type_hint(column), _range_hint(column),
                                _reference_hint(owner, column), column.note) if text]
    return "\n".join(lines)


def _type_hint(column: Column) -> str:
    if column.type is T.ENUM:
        return f"从下拉列表选择：{'、'.join(column.choices)}"
    return _TYPE_HINTS.get(column.type, "")


def _range_hint(column: Column) -> str:
    if column.max is None or column.type not in (T.INT, T.NUMBER, T.RATE):
        return ""
    low, high = column.min or 0, column.max
    if column.type is T.RATE:
        return f"取值 {low:.0%}–{high:.0%}"
    return f"取值 {low:g}–{high:g}"


def _reference_hint(owner: Book, column: Column) -> str:
    ref = column.ref
    if ref is None:
        return ""
    referenced = book(ref.book)
    target = referenced.sheet(ref.sheet)
    fields = (ref.field, ref.alt_field) if ref.alt_field else (ref.field,)
    headers = "或".join(target.column(f).header for f in fields)
    book_name = "" if referenced.key == owner.key else referenced.filename
    return f"须为{book_name}「{target.name}」表中已有的{headers}"
