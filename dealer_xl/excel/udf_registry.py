"""Every ``dx_*`` function of :mod:`dealer_xl.excel.udfs` as an xlwings worksheet function.

At import time each ``dx_x`` becomes ``DX_X`` here (the name staff type in a cell), wrapped to
convert Excel's values into what the function's annotations ask for and its result into what Excel
can show; the add-in's conf sheet names this module under ``UDF Modules``. Guarantees:

- the docstring is the function's help text (Excel's function wizard) and its category 经销商助手;
- arguments are converted by annotation with the reader's own tolerant parsers: ``date`` (a date
  cell, an Excel serial, or text such as 2026.1.5), ``Decimal`` (numbers typed as text, with 元, thousands
  separators…), ``int``, ``str``; a ``list``/``Sequence``/``tuple`` annotation takes a range as a
  2-D array (rows of cells); other annotations get the cell value, with a date cell as a ``date``;
- a value that cannot be read raises ValueError with a Chinese message, which xlwings shows in the
  cell; results become Excel values (Decimal → number, date → date, None → empty, 2-D lists spill);
- :data:`SPECS` describes every function (name, help, parameters) for the add-in builder, which
  writes the VBA declarations from it, so the add-in and this module cannot disagree.

On a machine without Excel (Linux, CI) xlwings' decorators do nothing and the wrappers are plain
functions, which is how the tests call them.
"""

from __future__ import annotations

import collections.abc
import datetime as dt
import functools
import inspect
import typing
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import xlwings as xw

from ..io.cells import Issue
from ..io.dates import parse_date
from ..io.numbers import parse_int, parse_number
from ..io.values import parse_text
from ..schema import labels
from . import udfs

CATEGORY = "经销商助手"
ARRAY_TYPES = (list, tuple, collections.abc.Sequence, collections.abc.Iterable)
KIND_DOC = {"date": labels.DATE, "number": "数值", "int": "整数", "text": "文本", "array": "区域", "value": "值"}


@dataclass(frozen=True, slots=True)
class Param:
    """One argument of a worksheet function: its name, kind (a key of KIND_DOC) and help text."""

    name: str
    kind: str
    doc: str
    optional: bool


@dataclass(frozen=True, slots=True)
class UdfSpec:
    """One worksheet function: Excel name, wrapper, help text (the docstring) and parameters."""

    name: str
    function: Callable
    doc: str
    params: tuple[Param, ...]


def _read(parse: Callable[[object], object]) -> Callable[[object], object]:
    def convert(value: object) -> object:
        result = parse(value)
        if isinstance(result, Issue):
            raise ValueError(result.message)
        return result
    return convert


def _cell(value: object) -> object:
    """A cell value as the functions see it: a date cell (datetime at midnight) is a date."""
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date()
    return value


def _array(value: object) -> list[list]:
    """A range as rows of cell values (one cell → ``[[value]]``)."""
    if not isinstance(value, list | tuple):
        return [[_cell(value)]]
    rows = value if value and isinstance(value[0], list | tuple) else [value]
    return [[_cell(v) for v in row] for row in rows]


_CONVERTERS: dict[str, Callable[[object], object]] = {
    "date": _read(lambda v: parse_date(_cell(v) if v is not None else "")),
    "number": _read(lambda v: parse_number("" if v is None else v)),
    "int": _read(lambda v: parse_int("" if v is None else v)),
    "text": lambda v: None if v is None else parse_text(v),
    "array": _array,
    "value": _cell,
}


def _kind(annotation: object) -> str:
    origin = typing.get_origin(annotation) or annotation
    if origin is dt.date:
        return "date"
    if origin is Decimal or origin is float:
        return "number"
    if origin is int:
        return "int"
    if origin is str:
        return "text"
    if isinstance(origin, type) and issubclass(origin, ARRAY_TYPES) and origin is not str:
        return "array"
    return "value"


def to_excel(value: object) -> object:
    """A result as Excel takes it: Decimal → float, date → datetime, None → '', lists recursively."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [to_excel(v) for v in value]
    return value


def udf_spec(function: Callable) -> UdfSpec:
    """The worksheet function wrapping ``function`` (see the module docstring), registered with xlwings."""
    hints = typing.get_type_hints(function)
    parameters = list(inspect.signature(function).parameters.values())
    params = tuple(Param(p.name, _kind(hints.get(p.name)), f"{p.name}：{KIND_DOC[_kind(hints.get(p.name))]}",
                         p.default is not inspect.Parameter.empty) for p in parameters)
    converters = [_CONVERTERS[p.kind] for p in params]
    name = function.__name__.upper()

    @functools.wraps(function)
    def wrapper(*args):
        return to_excel(function(*(convert(a) for convert, a in zip(converters, args, strict=False))))

    wrapper.__name__ = wrapper.__qualname__ = name
    wrapper.__annotations__ = {}  # conversions are done above, not by xlwings' converters
    registered = xw.func(category=CATEGORY)(wrapper)
    for p in params:
        options = {"ndim": 2} if p.kind == "array" else {}
        registered = xw.arg(p.name, doc=p.doc, **options)(registered)
    return UdfSpec(name, registered, inspect.getdoc(function) or "", params)


SPECS: tuple[UdfSpec, ...] = tuple(
    udf_spec(getattr(udfs, attr)) for attr in sorted(dir(udfs))
    if attr.startswith("dx_") and inspect.isfunction(getattr(udfs, attr)))

globals().update({spec.name: spec.function for spec in SPECS})
