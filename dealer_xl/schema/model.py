"""The vocabulary of the schema: column types, columns, sheets, books and references.

These are frozen records; the specs of the five books (sibling modules) are built from them.
Nothing here reads a file. Chinese headers appear only in the book specs of this package.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum


class FieldType(StrEnum):
    """What kind of value a column holds, which decides how the reader parses it.

    ``code`` is an identifier typed by people (客户编号, 整机编号, 证件号码): normalised (full-width
    to half-width, spaces removed, upper case) and kept as text even when Excel stored a number.
    ``number`` is a plain decimal quantity that is not money (工作小时, 工时, 数量).
    """

    TEXT = "text"
    CODE = "code"
    INT = "int"
    NUMBER = "number"
    MONEY = "money"
    RATE = "rate"
    DATE = "date"
    MONTH = "month"
    ENUM = "enum"
    YESNO = "yesno"


YES, NO = "是", "否"


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to another sheet: the value must equal ``field`` (or ``alt_field``) of some row.

    Attributes:
        book: key of the referenced book (e.g. ``master``).
        sheet: key of the referenced sheet (e.g. ``employees``).
        field: the referenced field (e.g. ``emp_id``).
        alt_field: a second field that may be typed instead (e.g. the employee's ``name``).
    """

    book: str
    sheet: str
    field: str
    alt_field: str | None = None


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a sheet.

    Attributes:
        field: English field name used in code.
        header: the canonical Chinese header written by ``init``.
        type: the :class:`FieldType`.
        aliases: other headers the reader accepts for this column.
        required: a value must be present in every row.
        unique: values must not repeat within the sheet.
        choices: allowed values of an ``enum`` column.
        ref: the sheet and field this column refers to, if any.
        min: smallest allowed numeric value, if any.
        max: largest allowed numeric value, if any.
        width: column width written by ``init``.
        note: extra help shown as the header's input message.
    """

    field: str
    header: str
    type: FieldType = FieldType.TEXT
    aliases: tuple[str, ...] = ()
    required: bool = False
    unique: bool = False
    choices: tuple[str, ...] = ()
    ref: Ref | None = None
    min: float | None = None
    max: float | None = None
    width: float | None = None
    note: str = ""

    def with_(self, **changes) -> Column:
        """A copy with some attributes changed (``required=True``, ``ref=...``)."""
        return replace(self, **changes)

    @property
    def all_headers(self) -> tuple[str, ...]:
        """The canonical header followed by every alias."""
        return (self.header, *self.aliases)


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet of a book.

    Attributes:
        key: English key, e.g. ``sales``.
        name: the Chinese sheet name, e.g. ``销售明细``.
        columns: the columns in the order ``init`` writes them.
        book: key of the book holding this sheet (filled in by :class:`Book`).
        generated: written by dealer_xl (e.g. 工资结果), never typed by users.
        optional: a book may lack this sheet without a problem (opening balances a company that
            started with dealer_xl never needs, e.g. 工资期初); ``init`` still writes it.
        aliases: other sheet names the reader accepts.
        optional: a book may lack this sheet without a problem (opening balances such as 合同期初, or a
            sheet added later such as 专项附加扣除: a company that has none is not wrong).
    """

    key: str
    name: str
    columns: tuple[Column, ...]
    book: str = ""
    generated: bool = False
    optional: bool = False
    aliases: tuple[str, ...] = ()
    optional: bool = False

    def column(self, field_name: str) -> Column:
        """The column for ``field_name``; KeyError when the sheet has none."""
        for c in self.columns:
            if c.field == field_name:
                return c
        raise KeyError(f"{self.key}.{field_name}")

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(c.field for c in self.columns)


@dataclass(frozen=True, slots=True)
class Book:
    """One workbook of the system of record.

    Attributes:
        key: English key, e.g. ``sales``.
        filename: the file name users see, e.g. ``销售台账.xlsx``.
        title: short Chinese description.
        sheets: the sheets in order.
        optional: a company that does not use this book may lack its file: reading, validation and
            every command but the book's own run without it (财务台账); the others are required.
    """

    key: str
    filename: str
    title: str
    sheets: tuple[Sheet, ...] = field(default_factory=tuple)
    optional: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "sheets", tuple(replace(s, book=self.key) for s in self.sheets))

    def sheet(self, key: str) -> Sheet:
        """The sheet with English key ``key``; KeyError when absent."""
        for s in self.sheets:
            if s.key == key:
                return s
        raise KeyError(f"{self.key}.{key}")

    @property
    def name(self) -> str:
        """The book's name without extension, e.g. ``销售台账``."""
        return self.filename.rsplit(".", 1)[0]
