"""Report packs: workbook with charts, HTML equal to it, escaping, text-not-formula, filters, masking."""

import zipfile
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import openpyxl
import pytest

from dealer_xl.documents.packs import build_pack
from dealer_xl.ledger import load

from .books import AS_OF, FORMULA, PAID_PERIODS, SCHEDULE, SCRIPT


class _Tables(HTMLParser):
    """Every <table> of an HTML document as a list of rows of cell texts."""

    def __init__(self, html: str):
        super().__init__()
        self.tables, self._cell = [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.tables[-1][-1].append(self._cell)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def _shown(cell) -> str:
    """The text Excel shows for a cell, for the formats packs use."""
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, (int, float)) and cell.number_format == "#,##0.00":
        return f"{Decimal(str(v)):,.2f}"
    if isinstance(v, (int, float)) and cell.number_format == "0.00%":
        return f"{Decimal(str(v)) * 100:.2f}%"
    return str(v)


def _check_html_equals_workbook(pack):
    wb = openpyxl.load_workbook(pack.xlsx)
    tables = _Tables(pack.html).tables
    overview = [[_shown(a), _shown(b)] for a, b in wb["概览"].iter_rows(min_row=3, max_col=2)
                if a.value is not None and b.value is not None]
    assert tables[0] == overview
    for table in tables[1:]:
        header = table[0]
        sheet = next(ws for ws in wb.worksheets[1:] if [c.value for c in ws[1]] == header)
        cells = [[_shown(c) for c in row] for row in sheet.iter_rows(min_row=2)]
        assert all(row in cells for row in table[1:]), sheet.title


def test_sales_pack_figures_by_hand(company, tmp_path):
    pack = build_pack("sales", load(company), tmp_path, month="2026-10")
    assert pack.title == "销售月报 2026-10" and pack.period == "2026-10" and pack.kind == "sales"
    ws = openpyxl.load_workbook(pack.xlsx)["按分公司"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    # 城关: HT-4 480,000 (cost 400,000) + HT-5 460,000 (cost 400,000); 东区: 450,000 (390,000) + 500,000 (410,000)
    assert rows["城关分公司"][1:4] == (2, 940000, 140000) and rows["城关分公司"][7] == pytest.approx(0.94)
    assert rows["东区分公司"][1:4] == (2, 950000, 150000) and rows["东区分公司"][7] == pytest.approx(1.1875)
    assert rows["合计"][1:4] == (4, 1890000, 290000) and rows["合计"][6] == 1800000
    assert rows["合计"][7] == pytest.approx(1.05)
    _check_html_equals_workbook(pack)


def test_packs_carry_native_charts_and_an_inline_png(company, tmp_path):
    for kind, kwargs in (("daily", {"day": date(2026, 10, 20)}), ("sales", {"month": "2026-10"}),
                         ("receivables", {"month": "2026-10"})):
        pack = build_pack(kind, load(company), tmp_path, **kwargs)
        with zipfile.ZipFile(pack.xlsx) as z:
            assert "xl/charts/chart1.xml" in z.namelist(), kind
        assert pack.images["chart1"].startswith(b"\x89PNG")
        assert 'src="cid:chart1"' in pack.html
        _check_html_equals_workbook(pack)


def test_hostile_names_are_escaped_in_html_and_text_in_the_workbook(company, tmp_path):
    pack = build_pack("daily", load(company), tmp_path, day=date(2026, 10, 5))
    assert SCRIPT not in pack.html and "&lt;script&gt;alert(1)&lt;/script&gt;" in pack.html
    pack = build_pack("daily", load(company), tmp_path, day=date(2026, 10, 20))
    ws = openpyxl.load_workbook(pack.xlsx)["当日销售明细"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == FORMULA)
    assert cell.data_type == "s"
    with zipfile.ZipFile(pack.xlsx) as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_filters_keep_only_the_branch_or_person(company, tmp_path):
    pack = build_pack("sales", load(company), tmp_path, month="2026-10", branch="城关分公司")
    assert pack.title == "销售月报 2026-10（城关分公司）"
    rows = list(openpyxl.load_workbook(pack.xlsx)["销售明细"].iter_rows(min_row=2, values_only=True))
    assert sorted(r[1] for r in rows) == ["HT-4", "HT-5"]
    pack = build_pack("sales", load(company), tmp_path, month="2026-10", person="孙五")
    rows = list(openpyxl.load_workbook(pack.xlsx)["销售明细"].iter_rows(min_row=2, values_only=True))
    assert sorted(r[1] for r in rows) == ["../X", "HT-3"]


def test_phones_are_masked_unless_asked_not_to(company, tmp_path):
    masked = build_pack("daily", load(company), tmp_path, day=date(2026, 10, 5))
    assert "139****1111" in masked.html and "13900001111" not in masked.html
    plain = build_pack("daily", load(company), tmp_path / "plain", day=date(2026, 10, 5), masked=False)
    assert "13900001111" in plain.html


def test_receivables_pack_buckets_reconcile_to_the_schedule(company, tmp_path):
    pack = build_pack("receivables", load(company), tmp_path, month="2026-10")
    rows = {r[0]: r[1] for r in openpyxl.load_workbook(pack.xlsx)["账龄结构"].iter_rows(min_row=2, values_only=True)}
    unpaid = SCHEDULE[PAID_PERIODS:]
    not_due = sum(i.amount_due for i in unpaid if i.due_date >= AS_OF) + sum(i.amount_due for i in SCHEDULE)  # + HT-4
    by_days = {82: "61-90", 51: "31-60", 21: "1-30"}
    assert Decimal(str(rows["未到期"])) == not_due
    for i in unpaid:
        if i.due_date < AS_OF:
            assert Decimal(str(rows[by_days[(AS_OF - i.due_date).days]])) == i.amount_due
    assert Decimal(str(rows["合计（应收余额）"])) == not_due + sum(i.amount_due for i in unpaid if i.due_date < AS_OF)


def test_unknown_kind_is_refused(company, tmp_path):
    with pytest.raises(ValueError, match="未知报表"):
        build_pack("weekly", load(company), tmp_path)


def test_receivables_pack_shares_add_up_to_one_hundred_percent(company, tmp_path):
    pack = build_pack("receivables", load(company), tmp_path, month="2026-10")
    wb = openpyxl.load_workbook(pack.xlsx)
    for sheet, column in (("账龄结构", 2), ("五级分类", 3)):
        values = [r[column] for r in wb[sheet].iter_rows(min_row=2, values_only=True) if not r[0].startswith("合计")]
        assert sum(Decimal(str(v)) for v in values if v is not None) == 1, sheet


def _chart_xml(xlsx, n: int) -> str:
    with zipfile.ZipFile(xlsx) as z:
        return z.read(f"xl/charts/chart{n}.xml").decode()


def test_aging_chart_leaves_not_due_out_and_shows_whole_yuan(company, tmp_path):
    pack = build_pack("receivables", load(company), tmp_path, month="2026-10")
    wb = openpyxl.load_workbook(pack.xlsx)
    labels = [r[0] for r in wb["账龄结构"].iter_rows(min_row=2, values_only=True)]
    assert labels[0] == "未到期"
    xml = _chart_xml(pack.xlsx, 1)                               # the 账龄结构 sheet's chart
    assert "'账龄结构'!$A$3:$A$" in xml and "$A$2" not in xml      # categories start after 未到期
    assert 'formatCode="#,##0"' in xml
    assert "逾期各账龄段金额" in xml


def test_single_branch_pack_titles_its_charts_for_the_branch(company, tmp_path):
    pack = build_pack("sales", load(company), tmp_path, month="2026-10", branch="东区分公司")
    assert "东区分公司" in _chart_xml(pack.xlsx, 1)


def test_recovery_sheet_total_is_the_overview_collected(demo_books, tmp_path):
    pack = build_pack("receivables", load(demo_books), tmp_path, month="2026-10")
    wb = openpyxl.load_workbook(pack.xlsx)
    overview = {r[0]: r[1] for r in wb["概览"].iter_rows(values_only=True) if r[0]}
    rows = {r[0]: r for r in wb["逾期陈欠回收"].iter_rows(min_row=2, values_only=True)}
    assert "罚息（违约金）" in rows and "多收未分配" in rows
    parts = sum(Decimal(str(r[2])) for k, r in rows.items() if not k.startswith("合计"))
    total = Decimal(str(rows["合计（= 本月实收 + 处置回收）"][2]))
    assert parts == total == Decimal(str(overview["本月实收（元）"])) + Decimal(str(overview["处置回收（元）"]))


def test_aging_shares_are_the_same_in_the_monthly_pack_and_the_aging_workbook(demo_copy, tmp_path):
    from dealer_xl.actions.receivables.aging_report import age_receivables

    pack = build_pack("receivables", load(demo_copy), tmp_path, month="2026-10")
    result = age_receivables(load(demo_copy), date(2026, 10, 31))
    in_pack = {r[0]: r[2] for r in openpyxl.load_workbook(pack.xlsx)["账龄结构"].iter_rows(min_row=2, values_only=True)}
    in_aging = {r[0]: r[2] for r in openpyxl.load_workbook(result.workbook)["账龄汇总"].iter_rows(values_only=True)
                if r[0] in in_pack and not r[0].startswith("合计")}
    assert in_aging and all(Decimal(str(in_aging[k])) == Decimal(str(in_pack[k])) for k in in_aging)
