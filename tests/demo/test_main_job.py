"""The main job (`make demo`) runs every step on the demo company and writes only inside ``out``."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from dealer_xl import schema
from dealer_xl.demo.pipeline.main_job import run_main_job
from dealer_xl.problems import BookError

READS: Counter = Counter()


@pytest.fixture(scope="module")
def main_run(tmp_path_factory):
    """The main job at scale 0.3, run once for this module: (tmp root, out folder, result); every
    read of a folder of books during it is counted in :data:`READS`."""
    from dealer_xl.io import reader

    root = tmp_path_factory.mktemp("main")
    out = root / "out"
    real = reader.read_books

    def counted(folder, *args, **kwargs):
        READS[Path(folder).name] += 1
        return real(folder, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        for module in ("dealer_xl.io.reader", "dealer_xl.ledger", "dealer_xl.actions.book"):
            patch.setattr(f"{module}.read_books", counted)
        return root, out, run_main_job(out, scale=0.3)


def test_main_job_runs_every_step_inside_out(main_run):
    tmp_path, out, result = main_run
    demo = out / "演示公司"
    manifest = json.loads((demo / "demo_manifest.json").read_text("utf-8"))
    planted = len(manifest["mistakes"])
    assert any(f"预置错误找到 {planted}/{planted}" in line for line in result.log), result.log
    assert len(list((out / "空白台账").glob("*.xlsx"))) == len(schema.BOOKS)
    assert (demo / "问题清单.xlsx").exists()
    reports = {p.name.split("_")[0] for p in (demo / "报表").glob("*.xlsx")}
    assert {"账龄分析", "催收清单", "催收计划", "管理利润表 2026-10.xlsx", "财务月报 2024-11.xlsx"} <= reports
    assert list((demo / "文书").glob("催款函_*.docx")) and list((demo / "文书").glob("*合同_*.docx"))
    assert list((out / "发件箱").glob("*.eml"))
    assert result.summary.total_rows > 0
    assert {p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*")} == {"out"}


def test_the_main_job_reads_the_demo_books_once_and_mails_the_gm_pack_with_payroll(main_run):
    _, out, result = main_run
    # one read of the demo company; its own writes (schedules, 工资结果, the close) are applied in memory
    assert READS["演示公司"] == 1, READS
    gm = [p for p in (out / "发件箱").glob("*.eml") if "总经理月报" in p.read_bytes().decode("utf-8", "replace")
          or "总经理月报" in _subject(p)]
    assert gm, "the GM pack is mailed"
    for mail in gm:
        text = _body(mail)
        assert "应发工资" in text and "未计算" not in text.split("应发工资")[1][:80], text[:2000]


def _subject(path) -> str:
    from email import policy
    from email.parser import BytesParser

    return str(BytesParser(policy=policy.default).parsebytes(path.read_bytes())["subject"])


def _body(path) -> str:
    from email import policy
    from email.parser import BytesParser

    message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    return message.get_body(("html",)).get_content()


def test_main_job_refuses_a_folder_of_real_books(tmp_path):
    real = tmp_path / "out" / "演示公司"
    real.mkdir(parents=True)
    (real / "销售台账.xlsx").write_bytes(b"the user's own book")
    with pytest.raises(BookError, match="不是演示数据"):
        run_main_job(tmp_path / "out", scale=0.3)
    assert (real / "销售台账.xlsx").read_bytes() == b"the user's own book"


def _generated_workbooks(out):
    """Every workbook dealer_xl generated in the main job (reports, lists, previews), not the
    books themselves, their backups, the archive's copies or the demo's stand-ins for documents
    manufacturers send (结算单, 对账单, 库存清单)."""
    demo = out / "演示公司"
    books = {b.filename for b in schema.BOOKS}
    skip = {"备份", "归档", "空白台账", "厂家来件", "篡改演示"}
    return sorted(p for p in out.rglob("*.xlsx")
                  if p.name not in books and not skip & set(p.relative_to(out).parts)
                  and not p.name.startswith(("~$", ".", "厂家结算单_")) and p.parent != demo / "厂家来件")


def _text_width(text: str) -> int:
    """Width in Excel column units, counted independently: CJK characters 2, others 1."""
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)


def _formatted(value, fmt: str) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, (datetime, date)):
        return "2026-10-31"
    if isinstance(value, (int, float, Decimal)):
        if "%" in fmt:
            return f"{Decimal(str(value)) * 100:.2f}%"
        if "0.00" in fmt:
            return f"{Decimal(str(value)):,.2f}"
        if "#,##0" in fmt:
            return f"{Decimal(str(value)):,.0f}"
        return str(value)
    return ""


def test_every_generated_sheet_prints_on_a4_or_a3_fit_to_width_with_page_numbers(main_run):
    """A4, or A3 where A4 would shrink the text under 7 pt (issue #23); one page wide, or several with
    the key column repeated on each when even A3 would."""
    _, out, _ = main_run
    found = _generated_workbooks(out)
    assert len(found) >= 10, found
    bad = []
    for path in found:
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            where = f"{path.relative_to(out)}「{ws.title}」"
            setup = ws.page_setup
            if str(setup.paperSize) not in ("9", "8"):  # A4, or A3 where a wide sheet stays legible (#23)
                bad.append(f"{where}：纸张不是 A4/A3（{setup.paperSize}）")
            # fitToWidth absent means 1 (the OOXML default, left out by XlsxWriter); several pages across
            # only with the key columns repeated on each (#23: a 51-column import template at ≥ 7 pt)
            if not (ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage
                    and (str(setup.fitToWidth or 1) == "1" or ws.print_title_cols)):
                bad.append(f"{where}：未设置按一页宽打印")
            if "&P" not in (ws.oddFooter.center.text or "") or "&N" not in (ws.oddFooter.center.text or ""):
                bad.append(f"{where}：页脚没有页码")
            if ws.max_row > 40 and ws.freeze_panes and not ws.print_title_rows:
                bad.append(f"{where}：长表没有重复标题行")
    assert not bad, "\n".join(bad)


def test_no_generated_number_is_wider_than_its_column(main_run):
    _, out, _ = main_run
    bad = []
    for path in _generated_workbooks(out):
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            widths = {}
            for dim in ws.column_dimensions.values():
                if dim.min and dim.customWidth:
                    widths.update(dict.fromkeys(range(dim.min, (dim.max or dim.min) + 1), dim.width))
            for row in ws.iter_rows(max_row=min(ws.max_row, 300)):
                for cell in row:
                    text = _formatted(cell.value, cell.number_format or "")
                    if not text or isinstance(cell.value, str):
                        continue
                    width = widths.get(cell.column, 8.43)
                    if _text_width(text) > width:
                        bad.append(f"{path.name}「{ws.title}」{cell.coordinate}：{text} 宽于列宽 {width}")
    assert not bad, "\n".join(bad[:40])


def test_worklist_and_aging_print_in_few_pages_each_with_its_header(main_run, libreoffice):
    """The demo's (scale 0.3: 78 overdue contracts, 15 people) 催收清单 prints one page per person's
    sheet (全部 + one per person + 说明 = 17, 全部 on two), the 账龄分析 within 46 pages; every page of a table repeats
    its header, so no page shows amounts without contract or customer."""
    if shutil.which("pdftotext") is None:
        pytest.skip("需要 pdftotext（poppler-utils，.ci/run 会安装）")
    _, out, _ = main_run
    reports = out / "演示公司" / "报表"
    # at ≥ 7 pt (issue #23) the 全部 sheet of 催收清单 takes two A3 pages and 合同账龄 two A4 pages wide
    most_pages = {"催收清单_2026-10-31.xlsx": 19, "账龄分析_2026-10-31.xlsx": 46}
    pdfs = libreoffice.many([reports / name for name in most_pages], "pdf", out / "pdf")  # one start of LibreOffice
    for (name, most), pdf in zip(most_pages.items(), pdfs, strict=True):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        pages = [p for p in text.split("\f") if p.strip()]
        assert 1 < len(pages) <= most, (name, len(pages))
        with_numbers = [p for p in pages if any(ch.isdigit() for ch in p.replace("第", ""))]
        tables = [p for p in with_numbers if "合同编号" in p or "账龄段" in p]
        assert all(f"共{len(pages)}页" in "".join(p.split()) for p in pages), name
        if name.startswith("催收清单"):
            assert len(tables) == len(pages) - 1   # every page but the 说明 sheet starts with the header


def test_every_generated_sheet_prints_its_body_text_at_7_points_or_more(main_run):
    """Issue #23: the effective size of the body text — font size × the scale its print setup fits the
    page width with (:mod:`tests.io.print_scale`, computed from the saved file) — is ≥ 7 pt on every
    sheet of every workbook the main job generates (reports, packs, 问题清单, pay and tax files)."""
    from tests.io.print_scale import sheet_print_sizes

    _, out, _ = main_run
    books = {"主数据.xlsx", "销售台账.xlsx", "应收款台账.xlsx", "售后服务台账.xlsx", "工资表.xlsx"}
    generated = [p for p in (out / "演示公司").rglob("*.xlsx") if p.name not in books and "备份" not in p.parts]
    assert len(generated) > 20
    small = [(p.name, s.sheet, round(s.points, 1), s.paper) for p in generated for s in sheet_print_sizes(p)
             if s.points < 7]
    assert small == []



def test_the_tamper_demo_is_caught_at_the_changed_cell_with_old_and_new_price(main_run):
    """篡改演示: the 成交价 changed in the copy is reported at that very cell as a change to a closed
    month, with the sealed price and the new one (sealed + 1000: worked out here from the books)."""
    _, out, result = main_run
    line = next(line for line in result.log if line.startswith("篡改演示"))
    cell = line.split("!", 1)[1].split(" ", 1)[0]
    sheet = line.split("，", 1)[1].split("!", 1)[0]
    sealed = openpyxl.load_workbook(out / "演示公司" / "销售台账.xlsx", read_only=True)[sheet][cell].value
    changed = openpyxl.load_workbook(out / "篡改演示" / "销售台账.xlsx", read_only=True)[sheet][cell].value
    assert Decimal(str(changed)) - Decimal(str(sealed)) == 1000
    assert f"/ {sheet} / {cell}：已结账月份的数据被修改：成交价 由「{Decimal(str(sealed)):.2f}」改为「" \
           f"{Decimal(str(changed)):.2f}」" in line, line
