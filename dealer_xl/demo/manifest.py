"""The manifest written next to the demo books (``demo_manifest.json``) and returned to callers.

It lists every planted mistake with the exact cell validation should point at (book file name,
sheet name, cell such as ``F17``, Excel row, canonical Chinese header, reason code, description,
the value written and the value a clean row would hold), and, under a separate key, every
messy-but-legal spot the reader must cope with. The JSON is deterministic: same books, same
bytes.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from .. import schema
from .company import AS_OF
from .messy import Messy, layout
from .mistakes import Mistake
from .world import SheetKey, World
from .writing import column_letter, data_row

MANIFEST_NAME = "demo_manifest.json"


@dataclass(frozen=True, slots=True)
class Spot:
    """A planted mistake, as the manifest lists it.

    Attributes:
        book: file name, e.g. ``销售台账.xlsx``.
        sheet: sheet name, e.g. ``销售明细``.
        cell: address such as ``F17``, where validation should point.
        row: Excel row number.
        column: canonical Chinese header of the column.
        code: the :class:`dealer_xl.problems.Code` value validation should report.
        what: what is wrong, in Chinese.
        value: the value as written, as text ("" for an empty cell).
        clean: the value a clean row would hold there, or None when the row was born wrong.
    """

    book: str
    sheet: str
    cell: str
    row: int
    column: str
    code: str
    what: str
    value: str
    clean: str | None = None


@dataclass(frozen=True, slots=True)
class MessySpot:
    """A messy-but-legal spot the reader must cope with.

    Attributes:
        book: file name.
        sheet: sheet name.
        cell: address (the first cell of the row for title, blank and 合计 rows).
        row: Excel row number.
        column: canonical Chinese header of the column ("" for whole rows).
        kind: title_row, blank_row, total_row, header_variant, date_as_text, money_as_text or
            number_as_text.
        value: the text written.
        means: what it stands for: ISO date, amount with two decimals, number, canonical header.
    """

    book: str
    sheet: str
    cell: str
    row: int
    column: str
    kind: str
    value: str
    means: str


@dataclass(frozen=True, slots=True)
class Manifest:
    """What ``generate_demo`` wrote.

    Attributes:
        folder: where the books are.
        books: the five .xlsx paths in schema order.
        path: the manifest file.
        mistakes: the planted mistakes.
        messy: the messy-but-legal spots.
        rows: data rows per ``book file / sheet name``.
    """

    folder: Path
    books: tuple[Path, ...]
    path: Path
    mistakes: tuple[Spot, ...]
    messy: tuple[MessySpot, ...]
    rows: dict[str, int]


def show(value: Any) -> str:
    """A value as text the way the manifest records it."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal) and value == value.quantize(Decimal("0.01")) and value.as_tuple().exponent == -2:
        return f"{value:.2f}"
    return str(value)


def _spec(key: SheetKey):
    return schema.sheet(*key)


def _cell(world: World, key: SheetKey, record: Any, field: str) -> tuple[str, int]:
    index = next((i for i, r in enumerate(world.sheets[key]) if r is record), None)
    if index is None:
        raise LookupError(f"the record of a planted or messy spot ({key}, {field}) is no longer in its sheet")
    row = data_row(key, index)
    return f"{column_letter(_spec(key), field)}{row}", row


def mistake_spot(world: World, m: Mistake) -> Spot:
    cell, row = _cell(world, m.sheet, m.record, m.field)
    spec = _spec(m.sheet)
    return Spot(schema.book(m.sheet[0]).filename, spec.name, cell, row, spec.column(m.field).header, str(m.code),
                m.what, show(getattr(m.record, m.field)), None if m.clean is None else show(m.clean))


def messy_spot(world: World, m: Messy) -> MessySpot:
    spec, lay = _spec(m.sheet), layout(m.sheet)
    book = schema.book(m.sheet[0]).filename
    if m.record is not None:
        cell, row = _cell(world, m.sheet, m.record, m.field)
    elif m.kind == "header_variant":
        row = lay.header_row
        cell = f"{column_letter(spec, m.field)}{row}"
    else:
        row = {"title_row": 1, "blank_row": 2}.get(m.kind, lay.header_row + len(world.sheets[m.sheet]) + 1)
        cell = f"A{row}"
    column = spec.column(m.field).header if m.field else ""
    means = m.means or (column if m.kind == "header_variant" else "")
    return MessySpot(book, spec.name, cell, row, column, m.kind, m.value, means)


def build_manifest(folder: Path, books: list[Path], world: World, mistakes: list[Mistake],
                   messy: list[Messy], seed: int, scale: float) -> Manifest:
    """Resolve every spot to its cell and write ``demo_manifest.json`` into ``folder``."""
    rows = {f"{schema.book(b).filename} / {schema.sheet(b, s).name}": len(v) for (b, s), v in world.sheets.items()}
    manifest = Manifest(folder, tuple(books), folder / MANIFEST_NAME,
                        tuple(mistake_spot(world, m) for m in mistakes), tuple(messy_spot(world, m) for m in messy),
                        rows)
    doc = {"as_of": AS_OF.isoformat(), "seed": seed, "scale": scale, "books": [p.name for p in books],
           "rows": rows, "mistakes": [asdict(s) for s in manifest.mistakes],
           "messy": [asdict(s) for s in manifest.messy]}
    manifest.path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest
