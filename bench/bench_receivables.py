"""Benchmark (issue #4): allocation + aging + worklist vs reading the books, and vs LibreOffice
recalculating the same aging written as SUMIFS formulas.

Uses the demo company at ``--scale`` (12 ≈ DESIGN §6: ~3,200 contracts, ~96k schedule rows, ~50k
receipts; generated once into ``bench/data-s<scale>`` and reused, as bench_read.py does). Times:

* read: dealer_xl's typed read of the five books (``read_books``, best of ``--repeat``);
* compute: per-contract indexing, receipt allocation, aging of every installment and contract,
  and the worklist rows, on the books already read (best of ``--repeat``);
* plan: the monthly plan and the 6-month recovery analysis, in memory (once — informational);
* write: the aging, worklist and plan workbooks, the plan computed again inside (once, into a
  temporary copy — informational);
* LibreOffice: a workbook holding the raw schedule and receipts and the aging as formulas
  (per contract: SUMIFS of receipts up to the as-of date; per installment: a running due total,
  outstanding = MAX(0, MIN(due, running total − received)), days overdue and bucket; per contract
  and bucket: SUMIFS of the outstanding) converted headless to xlsx, which recalculates it all.

Prints seconds and both ratios. Run: ``.venv/bin/python bench/bench_receivables.py``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from dealer_xl.actions.receivables.aging_report import age_contracts, age_receivables
from dealer_xl.actions.receivables.collection_plan import plan_month, write_plan
from dealer_xl.actions.receivables.worklist import build_worklist, write_worklist
from dealer_xl.demo import generate_demo
from dealer_xl.io.params import read_params
from dealer_xl.io.reader import read_books
from dealer_xl.ledger import Ledger, Receivables

ROOT = Path(__file__).resolve().parent
AS_OF = date(2026, 10, 31)
LABELS = ("未到期", "1-30", "31-60", "61-90", "91-180", "181-365", "365以上")
BUCKET = ('=IF(G{r}=0,"未到期",IF(G{r}<=30,"1-30",IF(G{r}<=60,"31-60",IF(G{r}<=90,"61-90",'
          'IF(G{r}<=180,"91-180",IF(G{r}<=365,"181-365","365以上"))))))')


def best_of(fn, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def ledger_of(folder: Path, books) -> Ledger:
    params, problems = read_params(books["master"])
    return Ledger(folder, books, params, list(problems), AS_OF)


def compute(folder: Path, books) -> tuple:
    ledger = ledger_of(folder, books)
    return ledger, age_contracts(ledger, AS_OF), build_worklist(ledger, AS_OF)


def sumifs_workbook(data: Receivables, path: Path) -> int:
    """The aging as formulas over the raw rows (see the module docstring); returns the formula count."""
    wb = Workbook(write_only=True)
    params = wb.create_sheet("参数")
    params.append(["截至日期", AS_OF])
    contracts = [c for c in data.contracts if c.installments]
    pay = wb.create_sheet("收款")
    pay.append(["合同编号", "收款日期", "收款金额"])
    n_pay = 1 + sum(len(c.payments) for c in contracts)
    for c in contracts:
        for p in c.payments:
            pay.append([c.contract_no, p.day, float(p.amount)])
    n_plan = 1 + sum(len(c.installments) for c in contracts)
    n_con = 1 + len(contracts)
    rows = wb.create_sheet("计划")
    rows.append(["合同编号", "应还日期", "应还金额", "累计应还", "已收", "未还", "逾期天数", "账龄段"])
    r = 1
    for c in contracts:
        for inst in c.installments:
            r += 1
            running = f"=IF(A{r}=A{r - 1},D{r - 1}+C{r},C{r})" if r > 2 else f"=C{r}"
            rows.append([c.contract_no, inst.due_date, float(inst.amount_due), running,
                         f"=VLOOKUP(A{r},合同!$A$2:$B${n_con},2,0)", f"=ROUND(MAX(0,MIN(C{r},D{r}-E{r})),2)",
                         f"=MAX(0,参数!$B$1-B{r})", BUCKET.format(r=r)])
    sheet = wb.create_sheet("合同")
    sheet.append(["合同编号", "已收", *LABELS, "应收余额"])
    plan = f"计划!$F$2:$F${n_plan},计划!$A$2:$A${n_plan},$A{{i}}"
    for i, c in enumerate(contracts, 2):
        sheet.append([c.contract_no,
                      f'=SUMIFS(收款!$C$2:$C${n_pay},收款!$A$2:$A${n_pay},A{i},收款!$B$2:$B${n_pay},"<="&参数!$B$1)',
                      *(f'=SUMIFS({plan.format(i=i)},计划!$H$2:$H${n_plan},"{label}")' for label in LABELS),
                      f"=SUMIFS({plan.format(i=i)})"])
    total = wb.create_sheet("汇总")
    total.append(["账龄段", "金额"])
    for label in LABELS:
        total.append([label, f'=SUMIFS(计划!$F$2:$F${n_plan},计划!$H$2:$H${n_plan},"{label}")'])
    wb.save(path)
    return 5 * (n_plan - 1) + (2 + len(LABELS)) * (n_con - 1) + len(LABELS)


def libreoffice_recalc(src: Path, outdir: Path, timeout: int) -> float:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise SystemExit("LibreOffice (soffice) not installed")
    profile = outdir / "profile"
    start = time.perf_counter()
    subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--convert-to", "xlsx", "--outdir", str(outdir / "lo"), str(src)],
                   check=True, capture_output=True, timeout=timeout)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=12.0)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lo-timeout", type=int, default=3600, help="seconds to wait for LibreOffice")
    args = parser.parse_args()
    folder = ROOT / f"data-s{args.scale:g}"
    if not list(folder.glob("*.xlsx")):
        start = time.perf_counter()
        generate_demo(folder, scale=args.scale, seed=args.seed)
        print(f"generated demo at scale {args.scale:g} in {time.perf_counter() - start:.1f} s → {folder}")

    read, books = best_of(lambda: read_books(folder), args.repeat)
    comp, (ledger, aging, worklist) = best_of(lambda: compute(folder, books), args.repeat)
    data = ledger.receivables
    schedule_rows = sum(len(c.installments) for c in data.contracts)
    receipts = sum(len(c.payments) for c in data.contracts)
    print(f"contracts {len(data.contracts):,}; schedule rows {schedule_rows:,}; receipts {receipts:,}")
    print(f"aged contracts {len(aging.contracts):,}; outstanding {aging.outstanding:,.2f}; "
          f"balanced {aging.balanced}; worklist rows {len(worklist.rows):,}")

    plan, _ = best_of(lambda: plan_month(ledger, f"{AS_OF:%Y-%m}"), 1)

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        books = tmp / "books"
        shutil.copytree(folder, books, ignore=shutil.ignore_patterns("报表", "备份"))
        start = time.perf_counter()
        copied = ledger_of(books, ledger.books)
        age_receivables(copied, AS_OF)
        write_worklist(copied, AS_OF)
        write_plan(copied, f"{AS_OF:%Y-%m}")
        write = time.perf_counter() - start
        start = time.perf_counter()
        formulas = sumifs_workbook(data, tmp / "sumifs_aging.xlsx")
        build = time.perf_counter() - start
        lo = libreoffice_recalc(tmp / "sumifs_aging.xlsx", tmp, args.lo_timeout)

    print(f"{'step':<48}{'seconds':>10}")
    for label, secs in (("read books (dealer_xl typed read)", read),
                        ("allocation + aging + worklist (in memory)", comp),
                        ("plan + 6-month recovery (in memory)", plan),
                        ("write aging + worklist + plan workbooks", write),
                        ("build SUMIFS workbook (openpyxl, not timed below)", build),
                        (f"LibreOffice recalc of {formulas:,} formulas", lo)):
        print(f"{label:<48}{secs:>10.2f}")
    print(f"compute / read = {comp / read:.2f}×; LibreOffice SUMIFS / compute = {lo / comp:.0f}×")


if __name__ == "__main__":
    main()
