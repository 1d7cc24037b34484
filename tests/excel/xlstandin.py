"""A minimal stand-in for the few xlwings objects the adapter touches (App, Book, Sheet, Range, Note).

Desktop Excel cannot run here, so the adapter's tests use this instead of xlwings. It models only
what :mod:`dealer_xl.excel.xlbooks` and :mod:`dealer_xl.excel.xlmarks` call — a grid of values per
sheet, a fill colour and a note per cell, sheet-scoped names — with xlwings' conventions: 1-based
rows and columns, ``None`` for empty cells, ``options(ndim=2).value`` as rows of cells, a
``used_range`` starting at A1 here (the adapter reads from A1 anyway).
"""

from __future__ import annotations

from types import SimpleNamespace

from openpyxl.utils.cell import coordinate_to_tuple, get_column_letter


class Note:
    def __init__(self, cell: Range, text: str) -> None:
        self._cell, self.text = cell, text

    def delete(self) -> None:
        self._cell.sheet.notes.pop(self._cell.top_left)


class Range:
    def __init__(self, sheet: Sheet, first: tuple[int, int], last: tuple[int, int] | None = None) -> None:
        self.sheet, self.top_left, self.bottom_right = sheet, first, last or first
        self.font = SimpleNamespace(bold=False)
        self.column_width = None

    def options(self, ndim: int = 2) -> Range:
        return self

    @property
    def value(self):
        (r1, c1), (r2, c2) = self.top_left, self.bottom_right
        return [[self.sheet.cells.get((r, c)) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)]

    @value.setter
    def value(self, rows) -> None:
        r1, c1 = self.top_left
        rows = rows if isinstance(rows, list) and rows and isinstance(rows[0], list) else [[rows]]
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                self.sheet.cells[(r1 + i, c1 + j)] = None if v == "" else v

    @property
    def last_cell(self) -> Range:
        return Range(self.sheet, self.bottom_right)

    @property
    def row(self) -> int:
        return self.top_left[0]

    @property
    def column(self) -> int:
        return self.top_left[1]

    @property
    def address(self) -> str:
        (r1, c1), (r2, c2) = self.top_left, self.bottom_right
        first = f"${get_column_letter(c1)}${r1}"
        return first if (r1, c1) == (r2, c2) else f"{first}:${get_column_letter(c2)}${r2}"

    @property
    def color(self):
        return self.sheet.colors.get(self.top_left)

    @color.setter
    def color(self, rgb) -> None:
        self.sheet.colors[self.top_left] = rgb

    @property
    def note(self) -> Note | None:
        text = self.sheet.notes.get(self.top_left)
        return None if text is None else Note(self, text)

    def add_note(self, text: str) -> Note:
        self.sheet.notes[self.top_left] = text
        return Note(self, text)

    @property
    def number_format(self) -> str | None:
        return self.sheet.formats.get(self.top_left[1])

    @number_format.setter
    def number_format(self, fmt: str) -> None:
        self.sheet.formats[self.top_left[1]] = fmt

    def autofit(self) -> None:
        self.column_width = "auto"

    @property
    def api(self):  # Excel's Range object: only whether a threaded comment is on the cell
        return SimpleNamespace(CommentThreaded=self.sheet.threaded.get(self.top_left))


class Sheet:
    def __init__(self, book: Book, name: str, rows: list[list] | None = None) -> None:
        self.book, self.name, self.visible = book, name, True
        self.cells: dict[tuple[int, int], object] = {}
        self.colors: dict = {}
        self.notes: dict = {}
        self.formats: dict = {}
        self.names = Names(self)
        self.protected, self.threaded = False, {}
        if rows:
            Range(self, (1, 1)).value = rows

    def range(self, first, last=None) -> Range:
        if isinstance(first, str):
            return Range(self, coordinate_to_tuple(first))
        return Range(self, first, last)

    @property
    def used_range(self) -> Range:
        filled = [k for k, v in self.cells.items() if v is not None] or [(1, 1)]
        return Range(self, (1, 1), (max(r for r, _ in filled), max(c for _, c in filled)))

    def delete(self) -> None:
        self.book.sheets.items.remove(self)

    def activate(self) -> None:
        self.book.active_sheet = self

    @property
    def api(self):  # Excel's Worksheet object: only its protection
        return SimpleNamespace(ProtectContents=self.protected)


class Names:
    def __init__(self, sheet: Sheet) -> None:
        self.sheet, self.items = sheet, []

    def add(self, name: str, refers_to: str) -> None:
        self.items.append((name, refers_to))

    def __iter__(self):  # like Excel, a sheet-scoped name follows the sheet's current name
        return iter([SimpleNamespace(name=f"'{self.sheet.name}'!{n}", refers_to=r) for n, r in self.items])


class Sheets:
    def __init__(self, book: Book) -> None:
        self.book, self.items = book, []

    def __iter__(self):
        return iter(list(self.items))

    def __getitem__(self, key):
        if isinstance(key, int):
            return self.items[key]
        return next(s for s in self.items if s.name == key)

    def add(self, name: str, after: Sheet | None = None) -> Sheet:
        sheet = Sheet(self.book, name)
        self.items.insert(self.items.index(after) + 1 if after else 0, sheet)
        return sheet


class Book:
    def __init__(self, fullname: str, sheets: dict[str, list[list]]) -> None:
        self.fullname, self.name = fullname, fullname.replace("\\", "/").rsplit("/", 1)[-1]
        self.sheets = Sheets(self)
        for name, rows in sheets.items():
            self.sheets.items.append(Sheet(self, name, rows))
        self.active_sheet = self.sheets.items[0] if self.sheets.items else None
        self.structure_protected = False

    @property
    def api(self):  # Excel's Workbook object: only its structure protection
        return SimpleNamespace(ProtectStructure=self.structure_protected)


class Books(list):
    @property
    def active(self) -> Book:
        return self[0]


class App:
    def __init__(self, books: list[Book], selection: Range | None = None) -> None:
        self.books, self.selection = Books(books), selection
