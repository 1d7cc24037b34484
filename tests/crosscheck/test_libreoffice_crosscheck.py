"""Cross-check (issue #4): the aging and the annuity payments, expressed as spreadsheet formulas
(SUMIFS, PMT) over the raw schedule and receipts and recalculated by LibreOffice headless, equal
dealer_xl's numbers to the cent; and the generated aging workbook's own SUBTOTAL formulas compute
to the totals dealer_xl reports.

The formula workbook is written with openpyxl, which stores formulas without cached values, so
LibreOffice computes every one of them when it converts the file. The books' 参数 penalty rate is
0 here (the ``aged_books`` fixture): the formulas express "receipts cover installments oldest
first", which is dealer_xl's policy when no penalty interest competes for the receipts.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from dealer_xl.actions.receivables.aging_report import age_contracts, age_receivables
from dealer_xl.domain.schedules import annuity_payment, build_schedule
from dealer_xl.ledger import load

from ..actions.raw_books import RECEIVABLES, money, receipts, schedules, sheet_rows, sign_dates, writeoff_rows

AS_OF = date(2026, 9, 30)
LABELS = ("未到期", "1-30", "31-60", "61-90", "91-180", "181-365", "365以上")
BUCKET = ('IF(G{r}=0,"未到期",IF(G{r}<=30,"1-30",IF(G{r}<=60,"31-60",IF(G{r}<=90,"61-90",'
          'IF(G{r}<=180,"91-180",IF(G{r}<=365,"181-365","365以上"))))))')


def formula_workbook(folder, path):
    """计划 (schedule rows + per-installment formulas), 收款, 合同 (SUMIFS per bucket), 年金 (PMT)."""
    dues, paid = schedules(folder), receipts(folder)
    wb = openpyxl.Workbook()
    params = wb.active
    params.title = "参数"
    params["A1"], params["B1"] = "截至日期", AS_OF
    pay = wb.create_sheet("收款")
    pay.append(["合同编号", "收款日期", "收款金额"])
    for no, rows in paid.items():
        for day, amount in rows:
            pay.append([no, day, float(amount)])
    n_pay = pay.max_row
    plan = wb.create_sheet("计划")
    plan.append(["合同编号", "应还日期", "应还金额", "累计应还", "已收", "未还", "逾期天数", "账龄段"])
    r = 1
    for no, rows in dues.items():
        for due, amount in rows:
            r += 1
            plan.append([no, due, float(amount)])
    n_plan = r
    for r in range(2, n_plan + 1):
        plan[f"D{r}"] = f'=SUMIFS($C$2:$C${n_plan},$A$2:$A${n_plan},A{r},$B$2:$B${n_plan},"<="&B{r})'
        plan[f"E{r}"] = f'=SUMIFS(收款!$C$2:$C${n_pay},收款!$A$2:$A${n_pay},A{r},收款!$B$2:$B${n_pay},"<="&参数!$B$1)'
        plan[f"F{r}"] = f"=ROUND(MAX(0,MIN(C{r},D{r}-E{r})),2)"
        plan[f"G{r}"] = f"=MAX(0,参数!$B$1-B{r})"
        plan[f"H{r}"] = "=" + BUCKET.format(r=r)
    contracts = wb.create_sheet("合同")
    contracts.append(["合同编号", *LABELS, "应收余额"])
    for i, no in enumerate(dues, 2):
        contracts.cell(row=i, column=1, value=no)
        for col in range(2, len(LABELS) + 2):
            letter = get_column_letter(col)
            contracts.cell(row=i, column=col, value=(
                f"=ROUND(SUMIFS(计划!$F$2:$F${n_plan},计划!$A$2:$A${n_plan},$A{i},"
                f"计划!$H$2:$H${n_plan},{letter}$1),2)"))
        contracts.cell(row=i, column=len(LABELS) + 2,
                       value=f"=ROUND(SUMIFS(计划!$F$2:$F${n_plan},计划!$A$2:$A${n_plan},$A{i}),2)")
    annuity = wb.create_sheet("年金")
    annuity.append(["合同编号", "分期金额", "年利率", "分期期数", "月供"])
    for row in sheet_rows(folder / RECEIVABLES, "分期合同"):
        if row["还款方式"] == "等额本息" and row["年利率"]:
            r = annuity.max_row + 1
            annuity.append([row["合同编号"], float(money(row["分期金额"])), float(row["年利率"]), int(row["分期期数"]),
                            f"=ROUND(PMT(C{r}/12,D{r},-B{r}),2)"])
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def recalculated(aged_books, libreoffice, tmp_path_factory):
    out = tmp_path_factory.mktemp("crosscheck")
    src = formula_workbook(aged_books, out / "公式账龄.xlsx")
    return openpyxl.load_workbook(libreoffice(src, "xlsx", out / "lo"), data_only=True)


def cents(value) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal("0.01"))


def test_sumifs_aging_equals_dealer_xl_per_contract_and_bucket(aged_books, recalculated):
    result = age_contracts(load(aged_books), AS_OF)
    ours = {a.file.contract_no: a.aging for a in result.on_books}   # written off by then: 已核销, apart (#20)
    signed, gone = sign_dates(aged_books), writeoff_rows(aged_books)
    rows = list(recalculated["合同"].iter_rows(min_row=2, values_only=True))
    theirs = {r[0]: r[1:] for r in rows if cents(r[-1]) > 0 and (signed.get(r[0]) or AS_OF) <= AS_OF
              and not (r[0] in gone and gone[r[0]][0] <= AS_OF)}   # signed by the date, not written off by it
    assert theirs and set(theirs) == set(ours)
    for no, values in theirs.items():
        assert [cents(v) for v in values[:-1]] == [ours[no].buckets[label] for label in LABELS], no
        assert cents(values[-1]) == ours[no].outstanding, no
    assert sum(cents(v[-1]) for v in theirs.values()) == result.balance


def test_pmt_equals_dealer_xl_annuity_payment(recalculated):
    rows = list(recalculated["年金"].iter_rows(min_row=2, values_only=True))
    assert len(rows) > 20
    for no, principal, rate, months, pmt in rows:
        p, r = money(principal), Decimal(repr(rate))
        assert cents(pmt) == annuity_payment(p, r / 12, months), no
        first = build_schedule(p, r, months, date(2026, 1, 15))[0]
        assert cents(pmt) == first.amount_due, no


def test_aging_workbook_subtotals_compute_to_the_reported_totals(aged_books, libreoffice, tmp_path_factory):
    result = age_receivables(load(aged_books), AS_OF)
    wb = openpyxl.load_workbook(libreoffice(result.workbook, "xlsx", tmp_path_factory.mktemp("lo-aging")),
                                data_only=True)
    summary = {r[0]: r for r in wb["账龄汇总"].iter_rows(values_only=True) if r[0]}
    assert cents(summary["合计"][1]) == result.outstanding
    assert summary["核对（Excel 公式，应为 0）"][1] == 0
    for sheet in ("按客户", "按分公司", "按片区", "按业务员", "按催收人", "按二级经销商"):
        rows = list(wb[sheet].iter_rows(values_only=True))
        col = rows[0].index("应收余额")
        grand = next(r[col] for r in rows if r[0] == "总计")
        subtotals = [r[col] for r in rows if str(r[0]).endswith(" 小计")]
        assert cents(grand) == result.balance == sum(cents(v) for v in subtotals), sheet
