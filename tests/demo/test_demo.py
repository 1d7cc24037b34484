"""The demo company: deterministic, schema-conform books that break only the planted rules.

Books are generated into temporary folders and read back with openpyxl, independently of
dealer_xl.io, so these tests say what is in the files. Scale 1 serves the content tests; small
scales serve determinism and growth.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache

import pytest
from openpyxl import load_workbook

from dealer_xl import schema
from dealer_xl.demo import MANIFEST_NAME, MIN_SCALE, PLANTERS, build_demo, generate_demo
from dealer_xl.domain import identifiers as ids
from dealer_xl.domain.schedules import build_schedule, due_date_for
from dealer_xl.problems import Code
from dealer_xl.schema import normalize_header

AS_OF = date(2026, 10, 31)
CENT = Decimal("0.01")
INSTALLMENT = ("分期", "按揭")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    calls = []
    manifest = generate_demo(folder, progress=lambda done, total, label: calls.append((done, total, label)))
    return folder, manifest, calls


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """Four small companies: seed 7 twice, seed 8, and seed 7 at twice the scale."""
    runs = {}
    for name, scale, seed in (("a", 0.2, 7), ("b", 0.2, 7), ("other", 0.2, 8), ("double", 0.4, 7)):
        folder = tmp_path_factory.mktemp(name)
        runs[name] = (folder, generate_demo(folder, scale=scale, seed=seed))
    return runs


@cache
def _workbook(path):
    return load_workbook(path, read_only=True)


@cache
def _cells(path, sheet: str) -> dict[str, object]:
    """Every written cell of a sheet by its address (``"C12"``): the sheet read once, where
    ``ws[address]`` on a read-only workbook reads the sheet from its top again for each cell."""
    return {c.coordinate: c.value for row in _workbook(path)[sheet].iter_rows()
            for c in row if hasattr(c, "coordinate")}


def cell_value(path, sheet: str, address: str):
    """The value of ``sheet!address`` as ``ws[address].value`` gives it (None for a cell never written)."""
    return _cells(path, sheet).get(address)


def header_row(ws, spec) -> int:
    """1-based row of the sheet's header: the first row naming most of the spec's columns."""
    known = {normalize_header(h) for c in spec.columns for h in c.all_headers}
    for n, row in enumerate(ws.iter_rows(min_row=1, max_row=6, values_only=True), 1):
        if sum(normalize_header(v) in known for v in row if v) >= len(spec.columns) // 2:
            return n
    raise AssertionError(f"no header in {spec.name}")


def value(v):
    """A cell value as the books mean it: dates as date, numbers as Decimal, text as text."""
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, float | int) and not isinstance(v, bool):
        return Decimal(str(v))
    return v


def read(folder, book_key: str, sheet_key: str) -> list[dict]:
    """Rows of a sheet by field, with ``_row`` (Excel row); the 合计 row left out."""
    book, spec = schema.book(book_key), schema.sheet(book_key, sheet_key)
    ws = _workbook(folder / book.filename)[spec.name]
    top = header_row(ws, spec)
    rows = ws.iter_rows(min_row=top, values_only=True)
    position = {normalize_header(h): j for j, h in enumerate(next(rows)) if h}
    columns = {c.field: next(position[normalize_header(h)] for h in c.all_headers if normalize_header(h) in position)
               for c in spec.columns}
    out = []
    for n, row in enumerate(rows, top + 1):
        if row and row[0] == "合计":
            continue
        rec = {f: value(row[j]) if j < len(row) else None for f, j in columns.items()}
        rec["_row"] = n
        out.append(rec)
    return out


def spots(manifest, book_key: str, sheet_key: str, kind: str = "mistakes") -> dict[int, dict]:
    """Manifest entries of a sheet by Excel row."""
    book, spec = schema.book(book_key), schema.sheet(book_key, sheet_key)
    return {s.row: s for s in getattr(manifest, kind) if s.book == book.filename and s.sheet == spec.name}


def spec_of(book_file: str, sheet_name: str):
    return next(sh for sh in schema.book_for_file(book_file).sheets if sh.name == sheet_name)


def planted(manifest, code: Code):
    return next(s for s in manifest.mistakes if s.code == code)


# --- determinism, shape, size ---------------------------------------------------------------

def test_same_seed_gives_identical_bytes(small):
    (a, _), (b, _) = small["a"], small["b"]
    names = sorted(p.name for p in a.iterdir())
    statements = [n for n in names if n.startswith("厂家结算单_")]
    assert len(statements) == 3
    assert names == sorted([*(bk.filename for bk in schema.BOOKS), MANIFEST_NAME, *statements])
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_another_seed_gives_other_books(small):
    (a, _), (other, _) = small["a"], small["other"]
    for book in schema.BOOKS:
        assert (a / book.filename).read_bytes() != (other / book.filename).read_bytes(), book.filename


def test_rows_grow_linearly_with_scale(small):
    single, double = small["a"][1].rows, small["double"][1].rows
    for sheet in ("销售台账.xlsx / 销售明细", "应收款台账.xlsx / 还款计划", "应收款台账.xlsx / 收款记录",
                  "售后服务台账.xlsx / 服务工单", "主数据.xlsx / 客户"):
        assert 1.5 <= double[sheet] / single[sheet] <= 2.5, sheet


def test_the_benchmarks_scale_plants_every_mistake():
    """bench/ generates the DESIGN §6 dealer (scale 12): every planter finds its host there too (the
    office-supplies one once found none, and the benchmarks could not start)."""
    _, mistakes, _ = build_demo(12, 2026)
    assert len(mistakes) == len(PLANTERS) and len({(m.sheet, id(m.record), m.field) for m in mistakes}) == len(mistakes)


def test_a_scale_too_small_for_every_mistake_is_refused(tmp_path):
    with pytest.raises(ValueError, match="scale"):
        generate_demo(tmp_path, scale=MIN_SCALE / 2)
    assert not list(tmp_path.iterdir())


def test_progress_is_reported_per_sheet(demo):
    _, _, calls = demo
    total = sum(len(b.sheets) for b in schema.BOOKS)
    assert [c[0] for c in calls] == list(range(1, total + 1))
    assert {c[1] for c in calls} == {total}
    last = schema.BOOKS[-1]
    assert calls[-1][2] == f"{last.filename} / {last.sheets[-1].name}"


def test_every_sheet_has_the_schema_columns_in_order(demo):
    folder, _, _ = demo
    for book in schema.BOOKS:
        wb = _workbook(folder / book.filename)
        assert wb.sheetnames == [s.name for s in book.sheets]
        for spec in book.sheets:
            ws = wb[spec.name]
            headers = next(ws.iter_rows(min_row=header_row(ws, spec), max_row=header_row(ws, spec), values_only=True))
            assert len([h for h in headers if h]) == len(spec.columns), spec.name
            for col, typed in zip(spec.columns, headers, strict=False):
                assert normalize_header(typed) in {normalize_header(h) for h in col.all_headers}, (spec.name, typed)


def test_company_has_the_size_the_issue_asks_for(demo):
    folder, _, _ = demo
    employees = read(folder, "master", "employees")
    assert 35 <= len(employees) <= 45
    assert len({e["branch"] for e in employees}) == 3
    assert {e["dept"] for e in employees} == set(schema.master.DEPARTMENTS)
    assert all(e["tech_grade"] for e in employees if e["position"] == "维修技师")
    assert len(read(folder, "master", "models")) == 15
    assert len(read(folder, "master", "manufacturers")) == 3
    assert 95 <= len(read(folder, "master", "parts")) <= 105
    assert 200 <= len(read(folder, "master", "customers")) <= 999
    assert len(read(folder, "master", "sub_dealers")) >= 3
    assert {m["category"] for m in read(folder, "master", "models")} >= {"挖掘机", "装载机", "拖拉机", "自卸车"}


def test_param_sheet_holds_every_parameter_with_its_note(demo):
    folder, _, _ = demo
    rows = {r["key"]: r for r in read(folder, "master", "params")}
    assert list(rows) == [p.key for p in schema.PARAMS]
    assert all(rows[p.key]["note"] == p.note for p in schema.PARAMS)


def test_money_rates_and_codes_are_written_with_their_types(demo):
    folder, _, _ = demo
    sale = next(s for s in read(folder, "sales", "sales") if s["payment_type"] == "分期" and s["annual_rate"])
    assert isinstance(sale["deal_price"], Decimal) and sale["deal_price"] == sale["deal_price"].quantize(CENT)
    assert 0 < sale["annual_rate"] < 1 and isinstance(sale["sale_date"], date)
    customer = read(folder, "master", "customers")[0]
    assert all(isinstance(customer[f], str) for f in ("customer_id", "id_number", "phone"))
    assert all(isinstance(e["bank_account"], str) for e in read(folder, "master", "employees"))


# --- the manifest ---------------------------------------------------------------------------

def test_manifest_lists_one_mistake_per_rule_across_all_books(demo):
    folder, manifest, _ = demo
    doc = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert len(doc["mistakes"]) == len(manifest.mistakes)
    assert 25 <= len(manifest.mistakes) <= 120
    assert {s.book for s in manifest.mistakes} == {b.filename for b in schema.BOOKS}
    assert all(s.code in {c.value for c in Code} for s in manifest.mistakes)
    pairs = [(s.sheet, s.code) for s in manifest.mistakes]
    assert len(pairs) == len(set(pairs))


def test_each_manifest_cell_holds_the_planted_value_under_its_column(demo):
    folder, manifest, _ = demo
    for s in manifest.mistakes:
        spec = spec_of(s.book, s.sheet)
        ws = _workbook(folder / s.book)[s.sheet]
        column = re.match(r"[A-Z]+", s.cell).group()
        assert cell_value(folder / s.book, s.sheet, f"{column}{header_row(ws, spec)}") == s.column, s
        written = value(cell_value(folder / s.book, s.sheet, s.cell))
        shown = written.isoformat() if isinstance(written, date) else "" if written is None else str(written)
        if isinstance(written, Decimal):
            assert written == Decimal(s.value), s
        else:
            assert shown == s.value, s
        if s.clean is not None:
            assert s.value != s.clean, s


def test_cell_value_is_what_the_workbook_holds_at_every_address(demo):
    """The sheet-read-once lookup the manifest tests use gives what openpyxl's own (not read-only)
    load holds at every address of every sheet of 主数据, and None past the sheet's last row."""
    folder, _, _ = demo
    path = folder / schema.book("master").filename
    for ws in load_workbook(path).worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert cell_value(path, ws.title, c.coordinate) == c.value, (ws.title, c.coordinate)
        assert cell_value(path, ws.title, f"A{ws.max_row + 1}") is None


def test_messy_spots_are_legal_variants(demo):
    folder, manifest, _ = demo
    kinds = Counter(s.kind for s in manifest.messy)
    assert kinds["title_row"] >= 2 and kinds["total_row"] == 3 and kinds["header_variant"] >= 3
    assert kinds["date_as_text"] >= 3 and kinds["money_as_text"] >= 3
    for s in manifest.messy:
        cell = cell_value(folder / s.book, s.sheet, s.cell)
        if s.kind == "blank_row":
            assert cell is None
            continue
        assert cell == s.value, s
        if s.kind == "header_variant":
            column = next(c for c in spec_of(s.book, s.sheet).columns if c.header == s.means)
            assert cell != s.means and normalize_header(cell) in {normalize_header(h) for h in column.all_headers}
        if s.kind == "date_as_text":
            y, m, d = map(int, re.findall(r"\d+", cell))
            assert date(y, m, d).isoformat() == s.means
        if s.kind == "money_as_text":
            assert Decimal(cell.replace(",", "").replace("元", "")) == Decimal(s.means)
    planted_cells = {(s.book, s.sheet, s.cell) for s in manifest.mistakes}
    assert not planted_cells & {(s.book, s.sheet, s.cell) for s in manifest.messy}


# --- the clean part keeps every rule ---------------------------------------------------------

def test_identifiers_are_valid_except_where_planted(demo):
    folder, manifest, _ = demo
    bad = spots(manifest, "master", "customers")
    for c in read(folder, "master", "customers"):
        if c["_row"] in bad:
            continue
        valid = ids.is_valid_resident_id if c["kind"] == "个人" else ids.is_valid_uscc
        assert valid(c["id_number"]) and ids.is_valid_mobile(c["phone"]), c
        if c["kind"] == "个人":
            assert date(int(c["id_number"][6:10]), int(c["id_number"][10:12]), int(c["id_number"][12:14])) < AS_OF
    assert all(ids.is_valid_resident_id(e["id_number"]) for e in read(folder, "master", "employees"))
    dealers = read(folder, "master", "sub_dealers")
    assert sum(not ids.is_valid_uscc(d["uscc"]) for d in dealers) == 1
    serials = [s["serial_no"] for s in read(folder, "sales", "stock")]
    vins = [s for s in serials if len(s) == 17]
    assert len(vins) >= 5 and sum(not ids.is_valid_vin(v) for v in vins) == 1
    assert all(len(s) != 17 for s in serials if s[:2] in ("HY", "FY") and not s.startswith("LFY"))
    assert not ids.is_valid_resident_id(planted(manifest, Code.BAD_ID_NUMBER).value)
    assert ids.is_valid_uscc(planted(manifest, Code.ID_KIND_MISMATCH).value)
    assert not ids.is_valid_uscc(planted(manifest, Code.BAD_USCC).value)
    assert not ids.is_valid_vin(planted(manifest, Code.BAD_VIN).value)
    assert not ids.is_valid_mobile(planted(manifest, Code.BAD_PHONE).value)


def test_schedules_are_build_schedule_and_reconcile_to_the_financed_amount(demo):
    folder, manifest, _ = demo
    bad_rows = spots(manifest, "receivables", "schedule")
    rows = defaultdict(list)
    for r in read(folder, "receivables", "schedule"):
        rows[r["contract_no"]].append(r)
    contracts = read(folder, "receivables", "contracts")
    missing = planted(manifest, Code.SCHEDULE_MISSING).value
    changed = spots(manifest, "receivables", "contracts")
    for c in contracts:
        mine = rows.get(c["contract_no"])
        if c["contract_no"] == missing:
            assert mine is None
            continue
        if c["_row"] in changed:
            continue
        assert sum(r["principal"] for r in mine) == c["financed_amount"]
        expected = build_schedule(c["financed_amount"], c["annual_rate"], int(c["term_months"]), c["first_due_date"],
                                  c["method"])
        for r, e in zip(mine, expected, strict=True):
            assert (r["due_date"], r["principal"], r["interest"]) == (e.due_date, e.principal, e.interest)
            assert r["amount_due"] == e.amount_due or r["_row"] in bad_rows
    methods = Counter(c["method"] for c in contracts)
    assert methods["等额本息"] > methods["等额本金"] > 0 and methods["免息"] > 0
    assert all(c["annual_rate"] == 0 for c in contracts if c["method"] == "免息" and c["_row"] not in changed)


def test_installment_sales_and_contracts_match_except_where_planted(demo):
    folder, manifest, _ = demo
    contracts = {c["contract_no"]: c for c in read(folder, "receivables", "contracts")}
    changed = spots(manifest, "receivables", "contracts")
    sales = [s for s in read(folder, "sales", "sales") if s["payment_type"] in INSTALLMENT]
    messy = spots(manifest, "sales", "sales", "messy")
    missing = planted(manifest, Code.CONTRACT_MISSING).value
    assert {s["contract_no"] for s in sales} - set(contracts) == {missing}
    assert set(contracts) <= {s["contract_no"] for s in sales}
    for s in sales:
        c = contracts.get(s["contract_no"])
        if c is None or s["_row"] in messy or c["_row"] in changed and changed[c["_row"]].code == "contract_mismatch":
            continue
        pairs = (("customer_id", "customer_id"), ("serial_no", "serial_no"), ("deal_price", "total_price"),
                 ("financed_amount", "financed_amount"), ("term_months", "term_months"),
                 ("annual_rate", "annual_rate"), ("first_due_date", "first_due_date"), ("sale_date", "sign_date"))
        assert all(s[a] == c[b] for a, b in pairs), s["contract_no"]


def test_sales_follow_policy_except_where_planted(demo):
    folder, manifest, _ = demo
    bad = spots(manifest, "sales", "sales")
    messy = spots(manifest, "sales", "sales", "messy")
    customers = {c["customer_id"]: c for c in read(folder, "master", "customers")}
    models = {m["model_code"]: m for m in read(folder, "master", "models")}
    stock = {s["serial_no"]: s for s in read(folder, "sales", "stock")}
    returned = {r["contract_no"] for r in read(folder, "sales", "returns")}  # back in stock (#29)
    financed, sold = Counter(), Counter()
    for s in read(folder, "sales", "sales"):
        sold[s["serial_no"]] += 1
        if s["_row"] in bad or s["_row"] in messy:
            continue
        item = stock[s["serial_no"]]
        assert item["status"] == ("在库" if s["contract_no"] in returned else "已售") \
            or item["_row"] in spots(manifest, "sales", "stock")
        assert item["model_code"] == s["model_code"]
        assert s["deal_price"] >= models[s["model_code"]]["floor_price"] or s["approval"] == "已批"
        assert s["delivery_date"] >= s["sale_date"]
        if s["payment_type"] in INSTALLMENT:
            assert s["down_payment"] >= s["deal_price"] * Decimal("0.3")
            assert s["down_payment"] + s["financed_amount"] == s["deal_price"]
            assert s["term_months"] <= 36 and s["first_due_date"] > s["sale_date"]
            assert customers[s["customer_id"]]["credit_grade"] != "D"
            financed[s["customer_id"]] += s["financed_amount"]
    assert all(total <= customers[c]["credit_limit"] for c, total in financed.items())
    assert [n for n, k in sold.items() if k > 1] == [planted(manifest, Code.SERIAL_SOLD_TWICE).value]


def test_receipts_never_outrun_the_schedule_and_some_contracts_default(demo):
    folder, manifest, _ = demo
    bad = spots(manifest, "receivables", "receipts")
    due = defaultdict(list)
    for r in read(folder, "receivables", "schedule"):
        due[r["contract_no"]].append((r["due_date"], r["amount_due"]))
    signed = {c["contract_no"]: c["sign_date"] for c in read(folder, "receivables", "contracts")}
    redeemed = {r["contract_no"] for r in read(folder, "receivables", "repossessions") if r["status"] == "已赎回"}
    paid = defaultdict(Decimal)
    for r in read(folder, "receivables", "receipts"):
        if r["_row"] in bad or not isinstance(r["receipt_date"], date) or not isinstance(r["amount"], Decimal):
            continue
        paid[r["contract_no"]] += r["amount"]
        assert signed[r["contract_no"]] <= r["receipt_date"] <= AS_OF and r["amount"] > 0
        if r["contract_no"] not in redeemed:  # a redemption also pays penalty and the towing fee
            assert paid[r["contract_no"]] <= sum(a for d, a in due[r["contract_no"]] if d <= r["receipt_date"])
    overdue = []
    for no, dues in due.items():
        left = paid[no]
        for d, a in dues:
            if left < a:
                overdue.append((AS_OF - d).days)
                break
            left -= a
    assert sum(d > 360 for d in overdue) >= 1 and sum(180 < d <= 360 for d in overdue) >= 1
    assert sum(90 < d <= 180 for d in overdue) >= 1
    log = read(folder, "receivables", "collection_log")
    assert {"电话", "上门", "催款函"} <= {e["action"] for e in log}
    assert all(e["result"] == "已送达" for e in log if e["action"] in ("催款函", "律师函"))
    assert len(read(folder, "receivables", "repossessions")) >= 2


def test_service_records_keep_their_rules_except_where_planted(demo):
    folder, manifest, _ = demo
    bad = spots(manifest, "service", "work_orders")
    sales: dict[str, dict] = {}
    for s in read(folder, "sales", "sales"):
        sales.setdefault(s["serial_no"], s)
    models = {m["model_code"]: m for m in read(folder, "master", "models")}
    orders = read(folder, "service", "work_orders")
    for w in orders:
        if w["_row"] in bad or not isinstance(w["open_date"], date):
            continue
        sale = sales[w["serial_no"]]
        assert not isinstance(sale["sale_date"], date) or w["open_date"] >= sale["sale_date"]
        assert (w["close_date"] is None or w["close_date"] >= w["open_date"])
        if w["service_type"] == "三包":
            m = models[w["model_code"]]
            assert w["open_date"] <= due_date_for(sale["delivery_date"], int(m["warranty_months"]))
            assert w["hour_meter"] <= m["warranty_hours"]
    assert {w["service_type"] for w in orders} == {"三包", "保外", "首保", "巡检"}
    parts = {p["part_no"]: p for p in read(folder, "master", "parts")}
    used = defaultdict(list)
    for u in read(folder, "service", "parts_used"):
        used[u["wo_no"]].append(u)
    returned = {(o["claim_no"], o["part_no"]) for o in read(folder, "service", "old_parts")}
    bad_claims = spots(manifest, "service", "claims")
    for c in read(folder, "service", "claims"):
        if c["_row"] in bad_claims:
            continue
        assert c["claim_total"] == c["claim_labor"] + c["claim_parts"] + c["claim_travel"]
        assert c["claim_parts"] == sum((u["qty"] * parts[u["part_no"]]["claim_price"] for u in used[c["wo_no"]]),
                                       Decimal(0))
        assert all((c["claim_no"], u["part_no"]) in returned for u in used[c["wo_no"]]
                   if parts[u["part_no"]]["return_required"] == "是")


def test_attendance_covers_active_employees_only(demo):
    folder, manifest, _ = demo
    bad = spots(manifest, "payroll", "attendance")
    employees = {e["emp_id"]: e for e in read(folder, "master", "employees")}
    rows = [a for a in read(folder, "payroll", "attendance") if a["_row"] not in bad]
    for a in rows:
        e = employees[a["emp_id"]]
        first = date(int(a["month"][:4]), int(a["month"][5:]), 1)
        last = due_date_for(first, 1) - timedelta(days=1)
        assert e["hire_date"] <= first and (e["leave_date"] is None or e["leave_date"] >= last)
        assert Decimal(a["worked_days"]) <= a["required_days"]
    months = {a["month"] for a in rows}
    assert len(months) == 12 and max(months) == "2026-10"
    assert len(rows) >= 12 * 35


def test_validation_reports_exactly_the_planted_mistakes(demo):
    from dealer_xl.actions.validate import validate_folder
    folder, manifest, _ = demo
    result = validate_folder(folder, today=AS_OF)
    found = {(p.book, p.sheet, p.cell, str(p.code)) for p in result.problems}
    assert found == {(s.book, s.sheet, s.cell, s.code) for s in manifest.mistakes}
