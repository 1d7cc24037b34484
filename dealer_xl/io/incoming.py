"""Reading a document the manufacturer sent (对账单, 库存清单, 结算单): one sheet, tolerantly.

:func:`read_document` opens the file (a bad file raises BookError with one Chinese line), takes
the sheet named like the spec or one of its aliases, else the first sheet whose header matches
the spec (manufacturers' files are often just ``Sheet1``), and types it with the same reader as
the books (:func:`dealer_xl.io.reader.type_sheet`): title rows, 合计 rows, header variants, text
dates and amounts are handled and every unreadable value is a Problem on the Table. A file with no
sheet that looks like the document raises BookError. Nothing is ever written to these files.
"""

from __future__ import annotations

from pathlib import Path

from ..problems import BookError
from ..schema import Sheet, find_sheet
from .headers import find_header
from .reader import Table, type_sheet
from .workbook import load_sheet, open_workbook, sheet_rows


def read_document(path: Path | str, spec: Sheet) -> Table:
    """The Table of ``spec`` read from the workbook at ``path`` (see the module docstring)."""
    path = Path(path)
    with open_workbook(path) as workbook:
        names = list(workbook.sheet_names)
        named = find_sheet(spec, names)
        for name in ([named] if named else []) + [n for n in names if n != named]:
            parsed = load_sheet(workbook, path, name)
            if find_header(sheet_rows(parsed), spec, path.name, name) is not None:
                return type_sheet(spec, path.name, load_sheet(workbook, path, name))
    wanted = "、".join(c.header for c in spec.columns[:4])
    raise BookError(f"{path.name} 中没有找到{spec.name}（应有 {wanted} 等表头的工作表）")
