"""Hostile strings and extreme values in any column of any book, then every command on the files.

A small demo company (scale 0.1) is copied per example; hypothesis types one to three hostile values
(formula-like text, CR/LF, U+2028, 100,000 characters, full-width text, 9999-12-31, 1900 dates,
1e14, negatives, a date serial as text) into cells of any column of any sheet, and the commands run
through the CLI entry point in-process. Whatever was typed:

- no command raises (no traceback) and every exit code is one the command documents;
- read-only commands change no byte of any book; nothing is written outside the company's folder;
- no output workbook holds a formula other than dealer_xl's own totals, nor a text starting with
  = + - @ that is not quote-prefixed; a write into a book adds no formula and quotes such text.

A written book is judged cell by cell on the sheets the write changed (tests/xlsx_cells.py: the
other sheets are the same bytes with the same strings and styles; a book not written is the same
file byte for byte); what the sweeps read is parsed once per version of a file.

Examples are bounded and derandomized (the same cases on every run, so CI is stable). Measured CPU
time of the module: about 95 s (143 s when every book was read whole with openpyxl before and after
the writes and the extreme values ran four of the commands twice). A 30-example random run of the
property (not committed) found nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dealer_xl.cli import main
from dealer_xl.io.generated import set_cell_value
from dealer_xl.io.reader import read_books

from .xlsx_cells import cells_of, changed_cells, fast_cells

AS_OF = "2026-10-31"
TRIGGERS = ("=", "+", "-", "@")
# dealer_xl's own formulas: cell references, functions and "" only — no text that came from a book
OUR_FORMULA = re.compile(r"^=[A-Z0-9(),:.!'+\-*/<>=&$\u4e00-\u9fff]*$")
HOSTILE = [
    '=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "=1+2", "a\r\nb", "x\u2028y\u2029z",
    "x\u0085y", "x" * 100_000, "ＨＴ２０２６ＣＧ００１", "２０２６年１月５日", "１２３，４５６．７８元", "46027",
    "../../etc/passwd", "A/B", "合计", "城关 汇总", " ", "—",
    date(9999, 12, 31), date(1900, 1, 1), 1e14, -1e14, -5000, 0, 10**15,
]
READ_ONLY = [
    (["validate", "{d}"], {0, 1}),
    (["summary", "{d}"], {0, 1}),
    (["receivables", "age", "{d}", "--as-of", AS_OF], {0, 2}),
    (["receivables", "worklist", "{d}", "--as-of", AS_OF], {0, 2}),
    (["receivables", "plan", "{d}", "--month", "2026-10"], {0, 2}),
    (["report", "receivables", "{d}", "--month", "2026-10"], {0, 2}),
    (["report", "sales", "{d}", "--month", "2026-10"], {0, 2}),
    (["letter", "--all-overdue", "{d}", "--no-pdf", "--date", AS_OF], {0, 1, 2}),
    (["contract", "HT2024CG0001", "{d}", "--no-pdf"], {0, 1, 2}),
    (["report", "daily", "{d}", "--date", AS_OF], {0, 2}),
]
WRITING = [
    (["receivables", "schedule", "{d}"], {0, 2}),
    (["validate", "{d}", "--mark"], {0, 1, 2}),
]


@pytest.fixture(scope="module")
def company(tmp_path_factory) -> tuple[Path, list[tuple[str, str, str, str]]]:
    """A tiny demo company and every (file, sheet, field, cell) of its first data rows."""
    from dealer_xl.demo import generate_demo

    from .conftest import built_once

    folder = built_once(tmp_path_factory, "hostile-0.1", lambda root: generate_demo(root / "公司", scale=0.1,
                                                                                    seed=7)) / "公司"
    cells = []
    for data in read_books(folder).values():
        for table in data.tables.values():
            for field in table.columns:
                cells += [(data.path.name, table.sheet_name, field, table.cell(i, field))
                          for i in range(min(3, len(table.rows)))]
    return folder, cells


def run(args: list[str], folder: Path, said: dict | None = None) -> int:
    """``dealer-xl args`` on ``folder`` in-process; its exit code, and in ``said`` (when given) under
    ``tuple(args)`` the code and what it printed (stdout and stderr as they came)."""
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        code = main([a.format(d=folder) for a in args])
    if said is not None:
        said[tuple(args)] = (code, output.getvalue())
    return code


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.xls*")}


def every_file(root: Path) -> set[Path]:
    return {p for p in root.rglob("*")}


def assert_output_is_inert(path: Path) -> None:
    for (sheet, where), (value, kind, quoted) in fast_cells(path.read_bytes()).items():
        if kind == "f":
            plain = str(value).replace('""', "")
            assert OUR_FORMULA.match(plain) and "HYPERLINK" not in plain, f"{path.name} {sheet}!{where} {value!r}"
        elif isinstance(value, str) and value.startswith(TRIGGERS):
            assert quoted, f"{path.name} {sheet}!{where} unquoted {value[:40]!r}"


def assert_write_is_inert(before: dict, after: dict, name: str) -> None:
    for key, (value, kind, quoted) in after.items():
        if before.get(key) == (value, kind, quoted):
            continue
        assert kind != "f" or before.get(key, (None, None))[1] == "f", f"{name} {key} new formula {value!r}"
        if isinstance(value, str) and value.startswith(TRIGGERS):
            assert quoted, f"{name} {key} unquoted {value[:40]!r}"


def inject(folder: Path, changes: list[tuple[str, str, str, object]]) -> None:
    by_book: dict[str, list] = {}
    for book, sheet, cell, value in changes:
        by_book.setdefault(book, []).append((sheet, cell, value))
    for book, edits in by_book.items():
        wb = openpyxl.load_workbook(folder / book)
        for sheet, cell, value in edits:
            set_cell_value(wb[sheet][cell], value)
        wb.save(folder / book)


def check_commands(folder: Path) -> dict[tuple[str, ...], tuple[int, str]]:
    """Every command on ``folder`` and the checks of the module docstring; what each read-only
    command said (:func:`run`)."""
    root = folder.parent
    files = every_file(root)
    books = digests(folder)
    said: dict[tuple[str, ...], tuple[int, str]] = {}
    for args, codes in READ_ONLY:
        assert run(args, folder, said) in codes, args
    assert digests(folder) == books, "a read-only command changed a book"
    for out in (folder / "报表").glob("*.xlsx"):
        assert_output_is_inert(out)
    before = {name: (folder / name).read_bytes() for name in books}
    for args, codes in WRITING:
        assert run(args, folder) in codes, args
    for name in books:
        after = (folder / name).read_bytes()
        if after != before[name]:  # a book not written is the same bytes: more than the same cells
            assert_write_is_inert(*changed_cells(before[name], after), name)
    assert {p for p in every_file(root) - files if folder not in p.parents} == set(), "file outside the folder"
    return said


@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_hostile_values_in_any_column_never_crash_leak_or_go_live(company, tmp_path_factory, data):
    base, cells = company
    folder = tmp_path_factory.mktemp("case") / "公司"
    shutil.copytree(base, folder)
    picks = data.draw(st.lists(st.tuples(st.sampled_from(cells), st.sampled_from(HOSTILE)), min_size=1, max_size=3))
    inject(folder, [(book, sheet, cell, value) for (book, sheet, _field, cell), value in picks])
    check_commands(folder)


EXTREMES = [
    ("分期合同", "first_due_date", date(9999, 12, 31)),
    ("分期合同", "financed_amount", 1e14),
    ("分期合同", "financed_amount", -5000),
    ("分期合同", "sign_date", date(1900, 1, 1)),
    ("还款计划", "due_date", date(9999, 12, 31)),
    ("收款记录", "receipt_date", date(9999, 12, 31)),
    ("分期合同", "total_price", 1e14),
]


@pytest.mark.parametrize(("sheet", "field", "value"), EXTREMES, ids=[f"{s}.{f}={v}" for s, f, v in EXTREMES])
def test_an_extreme_value_skips_its_contract_and_the_others_go_on(company, tmp_path, sheet, field, value):
    base, cells = company
    folder = tmp_path / "公司"
    shutil.copytree(base, folder)
    book, sheet_name, _, cell = next(c for c in cells if c[1] == sheet and c[2] == field)
    inject(folder, [(book, sheet_name, cell, value)])
    said = check_commands(folder)  # the read-only commands, each run once, before anything is written
    age, worklist, letter, validate = (said[("receivables", "age", "{d}", "--as-of", AS_OF)],
                                       said[("receivables", "worklist", "{d}", "--as-of", AS_OF)],
                                       said[("letter", "--all-overdue", "{d}", "--no-pdf", "--date", AS_OF)],
                                       said[("validate", "{d}")])
    assert age[0] == 0
    assert worklist[0] == 0
    assert letter[0] in (0, 1)
    assert validate[0] == 1
    text = age[1] + worklist[1] + letter[1] + validate[1]
    assert "跳过合同" in text and "超出" in text or "为负数" in text
    assert "Traceback" not in text


def test_a_formula_like_contract_number_is_appended_as_text_once(company, tmp_path):
    base, _ = company
    folder = tmp_path / "公司"
    shutil.copytree(base, folder)
    hostile = '=HYPERLINK("http://x","y")'
    tables = read_books(folder)["receivables"].tables
    contracts, schedule = tables["contracts"], tables["schedule"]
    i = next(i for i, r in enumerate(contracts.rows) if r["method"] in ("等额本息", "等额本金")
             and r["status"] not in ("结清", "核销"))
    number = contracts.rows[i]["contract_no"]
    wb = openpyxl.load_workbook(folder / "应收款台账.xlsx")
    ws = wb[schedule.sheet_name]
    for j, row in enumerate(schedule.rows):
        if row["contract_no"] == number:
            for c in ws[schedule.row_numbers[j]]:
                c.value = None
    set_cell_value(wb[contracts.sheet_name][contracts.cell(i, "contract_no")], hostile)
    wb.save(folder / "应收款台账.xlsx")
    assert run(["receivables", "schedule", "{d}"], folder) == 0
    first = read_books(folder)["receivables"].tables["schedule"]
    assert run(["receivables", "schedule", "{d}"], folder) == 0
    again = read_books(folder)["receivables"].tables["schedule"]
    assert len(again.rows) == len(first.rows)
    mine = [r for r in again.rows if r["contract_no"] == hostile.upper()]
    assert len(mine) == contracts.rows[i]["term_months"]
    cells = cells_of(folder / "应收款台账.xlsx")
    assert not [k for k, (v, kind, _) in cells.items() if kind == "f"]
    assert all(quoted for v, kind, quoted in cells.values() if v == hostile.upper())


SWEEPS = {"9999-12-31": ("date", date(9999, 12, 31)), "1900-01-01": ("date", date(1900, 1, 1)),
          "1e14": ("money", 1e14), "-1e14": ("money", -1e14), "formula": ("text", '=HYPERLINK("http://x","y")'),
          "100k": ("text", "x" * 100_000)}


@pytest.mark.parametrize("sweep", list(SWEEPS))
def test_one_extreme_in_every_column_of_a_kind_at_once(company, tmp_path, sweep):
    kind, value = SWEEPS[sweep]
    base, _ = company
    folder = tmp_path / "公司"
    shutil.copytree(base, folder)
    wanted = {"date": {"date"}, "money": {"money"}, "text": {"text", "code"}}[kind]
    changes = [(data.path.name, t.sheet_name, t.cell(0, field), value)
               for data in read_books(folder).values() for t in data.tables.values() if t.rows
               for field in t.columns if t.spec.column(field).type.value in wanted]
    # every such column of the five books: at least the wave-1 columns (25/42/95), plus wave 2's
    assert len(changes) >= {"date": 25, "money": 42, "text": 95}[kind]
    inject(folder, changes)
    check_commands(folder)
