"""The hostile sweeps' quick read of workbooks (tests/xlsx_cells.py) says what openpyxl's full load says.

On real books of the tiny demo company after hostile values and ``validate --mark``
(notes, a hidden records sheet, new styles): :func:`fast_cells` equals :func:`cells_of`, whole and
sheet by sheet; :func:`changed_cells` of a write holds every cell the write changed, equal to the
plain read on the rows it returns; and when a write changes the meaning of an untouched sheet's
XML (a style index's quote prefix, the order of the shared strings) every sheet is read again.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from dealer_xl.cli import main
from dealer_xl.io.generated import set_cell_value

from .xlsx_cells import cells_of, changed_cells, fast_cells


@pytest.fixture(scope="module")
def marked(tmp_path_factory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The tiny demo company's books (bytes) with hostile values, before and after
    ``validate --mark``."""
    from dealer_xl.demo import generate_demo

    from .conftest import built_once

    base = built_once(tmp_path_factory, "hostile-0.1", lambda root: generate_demo(root / "公司", scale=0.1,
                                                                                  seed=7)) / "公司"
    folder = tmp_path_factory.mktemp("cells") / "公司"
    shutil.copytree(base, folder)
    wb = openpyxl.load_workbook(folder / "销售台账.xlsx")
    ws = wb.worksheets[0]
    set_cell_value(ws["B2"], '=HYPERLINK("http://x","y")')
    set_cell_value(ws["C3"], date(9999, 12, 31))
    wb.save(folder / "销售台账.xlsx")
    before = {p.name: p.read_bytes() for p in sorted(folder.glob("*.xlsx"))}
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["validate", str(folder), "--mark"]) in (0, 1)
    after = {p.name: p.read_bytes() for p in sorted(folder.glob("*.xlsx"))}
    assert any(before[n] != after[n] for n in before), "validate --mark changed no book"
    return before, after


def test_the_quick_read_is_openpyxls_read(marked):
    for books in marked:
        for name, data in books.items():
            plain = cells_of(data)
            assert fast_cells(data) == plain, name
            for title in {sheet for sheet, _ in plain}:
                assert fast_cells(data, {title}) == {k: v for k, v in plain.items() if k[0] == title}, (name, title)
    sales = cells_of(marked[0]["销售台账.xlsx"])
    first = openpyxl.load_workbook(io.BytesIO(marked[0]["销售台账.xlsx"])).worksheets[0].title
    assert sales[(first, "B2")][2] is True  # the formula-like text is quoted


def test_a_write_is_judged_on_every_cell_it_changed(marked):
    before, after = marked
    for name in before:
        if before[name] == after[name]:
            continue
        plain_before, plain_after = cells_of(before[name]), cells_of(after[name])
        old, new = changed_cells(before[name], after[name])
        assert {k for k in plain_before.keys() | plain_after.keys()
                if plain_before.get(k) != plain_after.get(k)} <= old.keys() | new.keys(), name
        rows = {_row_of(k) for k in old.keys() | new.keys()}  # a row read is read whole, on both sides
        assert old == {k: v for k, v in plain_before.items() if _row_of(k) in rows}, name
        assert new == {k: v for k, v in plain_after.items() if _row_of(k) in rows}, name
        assert len(new) < len(plain_after), name  # what the write did not touch was not read


def _row_of(key: tuple[str, str]) -> tuple[str, int]:
    sheet, coordinate = key
    return sheet, int(coordinate.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


def _two_sheets() -> bytes:
    """甲 (two shared strings) and 乙 (a number), as XlsxWriter writes a book."""
    import xlsxwriter

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    first = wb.add_worksheet("甲")
    first.write_string("A1", "第一")
    first.write_string("A2", "第二")
    wb.add_worksheet("乙").write_number("A1", 1)
    wb.close()
    return buffer.getvalue()


def _edit(data: bytes, edits: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            dst.writestr(info, edits[info.filename](body) if info.filename in edits else body)
    return out.getvalue()


def _second_sheet_changed(body: bytes) -> bytes:
    assert b"<v>1</v>" in body
    return body.replace(b"<v>1</v>", b"<v>2</v>")


@pytest.mark.parametrize("what", ["quote prefix", "shared strings"])
def test_a_change_of_meaning_of_an_untouched_sheet_is_read(what):
    before = _two_sheets()
    if what == "quote prefix":  # every style index now quote-prefixed: 甲's XML says the same, means more
        edits = {"xl/styles.xml": lambda b: b.replace(b"<xf ", b'<xf quotePrefix="1" ')}
    else:  # 甲's two strings swapped in the table its XML points into
        edits = {"xl/sharedStrings.xml": lambda b: b.replace("第二".encode(), "临时".encode())
                 .replace("第一".encode(), "第二".encode()).replace("临时".encode(), "第一".encode())}
    edits["xl/worksheets/sheet2.xml"] = _second_sheet_changed
    after = _edit(before, edits)
    with zipfile.ZipFile(io.BytesIO(before)) as a, zipfile.ZipFile(io.BytesIO(after)) as b:
        assert a.read("xl/worksheets/sheet1.xml") == b.read("xl/worksheets/sheet1.xml")
    old, new = changed_cells(before, after)
    assert new == cells_of(after) and old == cells_of(before)
    assert new[("甲", "A1")] != old[("甲", "A1")]
    only_second = _edit(before, {"xl/worksheets/sheet2.xml": _second_sheet_changed})
    old, new = changed_cells(before, only_second)
    assert set(new) == {("乙", "A1")} and new[("乙", "A1")][0] == 2


def test_a_file_read_before_is_read_again_when_it_changed(tmp_path):
    data = _two_sheets()
    assert fast_cells(data)[("乙", "A1")][0] == 1
    changed = _edit(data, {"xl/worksheets/sheet2.xml": _second_sheet_changed})
    assert fast_cells(changed)[("乙", "A1")][0] == 2
    assert fast_cells(data)[("乙", "A1")][0] == 1
    path = tmp_path / "x.xlsx"
    path.write_bytes(changed)
    assert cells_of(Path(path)) == fast_cells(changed)


def test_a_value_under_a_merge_is_left_out_as_openpyxl_does():
    merged = _edit(_two_sheets(), {"xl/worksheets/sheet1.xml": lambda b: b.replace(
        b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A1:A2"/></mergeCells>')})
    assert ("甲", "A2") not in cells_of(merged) and ("甲", "A1") in cells_of(merged)
    assert fast_cells(merged) == cells_of(merged)


SHARED = (b'<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B2" si="0">A1*2</f><v>2</v></c></row>'
          b'<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>4</v></c></row>')
WRITES = {  # name -> (edits making the book before, edits making it after), on top of _two_sheets()
    "a row appended": ({}, {"xl/worksheets/sheet2.xml": lambda b: b.replace(
        b"</sheetData>", '<row r="2"><c r="A2" t="inlineStr"><is><t>=新增</t></is></c></row></sheetData>'.encode())}),
    "a row removed": ({}, {"xl/worksheets/sheet1.xml": lambda b: re.sub(rb'<row r="2".*?</row>', b"", b)}),
    "a merge over an unchanged row": ({}, {"xl/worksheets/sheet1.xml": lambda b: b.replace(
        b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A1:A2"/></mergeCells>')}),
    "a shared formula's first cell": (
        {"xl/worksheets/sheet2.xml": lambda b: re.sub(rb"<sheetData>.*</sheetData>", b"<sheetData>" + SHARED
                                                      + b"</sheetData>", b, flags=re.S)},
        {"xl/worksheets/sheet2.xml": lambda b: re.sub(rb"<sheetData>.*</sheetData>", b"<sheetData>"
                                                      + SHARED.replace(b"A1*2", b"A1*3") + b"</sheetData>",
                                                      b, flags=re.S)}),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_every_changed_cell_is_seen_whatever_the_write(write):
    make_before, make_after = WRITES[write]
    before = _edit(_two_sheets(), make_before)
    after = _edit(before, make_after)
    plain_before, plain_after = cells_of(before), cells_of(after)
    differing = {k for k in plain_before.keys() | plain_after.keys() if plain_before.get(k) != plain_after.get(k)}
    assert differing, write  # the write changed something openpyxl sees
    old, new = changed_cells(before, after)
    assert differing <= old.keys() | new.keys(), write
    assert old.items() <= plain_before.items() and new.items() <= plain_after.items(), write
