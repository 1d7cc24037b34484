"""Independent reading of the demo books for receivables tests: openpyxl cells, parsed by hand.

Nothing of dealer_xl's reader or domain is used here, so figures computed from these rows are an
independent check of the actions. The demo's messy-but-legal cells are understood: title rows
above the header, 合计 rows, dates typed as 2026.1.5 / 2026年1月5日 / 2026/1/5, amounts typed with
thousands separators or 元.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import openpyxl

RECEIVABLES = "应收款台账.xlsx"


def sheet_rows(path: Path, sheet: str, key_header: str = "合同编号") -> list[dict[str, object]]:
    """Rows of ``sheet`` as {header: value}, found below the first row holding ``key_header``;
    rows without a value under ``key_header`` (合计, blank) are left out. Read once per version of
    the file (its size and modification time): tests read the same untouched books many times."""
    stat = Path(path).stat()
    return _sheet_rows(Path(path), stat.st_mtime_ns, stat.st_size, sheet, key_header)


@lru_cache(maxsize=64)
def _sheet_rows(path: Path, _mtime: int, _size: int, sheet: str, key_header: str) -> list[dict[str, object]]:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = list(wb[sheet].iter_rows(values_only=True))
    wb.close()
    head = next(i for i, r in enumerate(rows) if key_header in [str(v).strip() if v else "" for v in r])
    headers = [str(v).strip() if v is not None else "" for v in rows[head]]
    out = []
    for r in rows[head + 1:]:
        row = dict(zip(headers, r, strict=False))
        if row.get(key_header) not in (None, ""):
            out.append(row)
    return out


def money(value: object) -> Decimal:
    if isinstance(value, (int, float)):
        return Decimal(repr(value)).quantize(Decimal("0.01"))
    return Decimal(str(value).replace(",", "").replace("元", "").replace("¥", "").strip()).quantize(Decimal("0.01"))


def day(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    y, m, d = map(int, re.findall(r"\d+", str(value))[:3])
    return date(y, m, d)


def schedules(folder: Path) -> dict[str, list[tuple[date, Decimal]]]:
    """合同编号 → [(应还日期, 应还金额)] sorted by date, from 还款计划."""
    out: dict[str, list[tuple[date, Decimal]]] = defaultdict(list)
    for row in sheet_rows(folder / RECEIVABLES, "还款计划"):
        out[str(row["合同编号"]).strip()].append((day(row["应还日期"]), money(row["应还金额"])))
    return {k: sorted(v) for k, v in out.items()}


def receipts(folder: Path) -> dict[str, list[tuple[date, Decimal]]]:
    """合同编号 → [(收款日期, 收款金额)] of positive receipts, from 收款记录, and the net proceeds
    (处置金额 − 拖车费 − 保管费 − 评估费) of every machine 已处置, on its 处置日期 (扣车记录)."""
    out: dict[str, list[tuple[date, Decimal]]] = defaultdict(list)
    for row in sheet_rows(folder / RECEIVABLES, "收款记录"):
        amount = money(row["收款金额"])
        if amount > 0:
            out[str(row["合同编号"]).strip()].append((day(row["收款日期"]), amount))
    for row in sheet_rows(folder / RECEIVABLES, "扣车记录"):
        if row["扣车状态"] == "已处置" and row["处置金额"] not in (None, "") and row["处置日期"] not in (None, ""):
            fees = sum((money(row[h]) for h in ("拖车费", "保管费", "评估费") if row[h] not in (None, "")), Decimal(0))
            net = money(row["处置金额"]) - fees
            if net > 0:
                out[str(row["合同编号"]).strip()].append((day(row["处置日期"]), net))
    return out


def cash_receipts(folder: Path) -> dict[str, list[tuple[date, Decimal]]]:
    """合同编号 → [(收款日期, 收款金额)] of positive receipts of 收款记录 only (no disposal proceeds)."""
    out: dict[str, list[tuple[date, Decimal]]] = defaultdict(list)
    for row in sheet_rows(folder / RECEIVABLES, "收款记录"):
        amount = money(row["收款金额"])
        if amount > 0:
            out[str(row["合同编号"]).strip()].append((day(row["收款日期"]), amount))
    return out


def sign_dates(folder: Path) -> dict[str, date | None]:
    """合同编号 → 签订日期 (None when blank), from 分期合同."""
    return {str(r["合同编号"]).strip(): day(r["签订日期"]) if r.get("签订日期") not in (None, "") else None
            for r in sheet_rows(folder / RECEIVABLES, "分期合同")}


def writeoff_rows(folder: Path) -> dict[str, tuple[date, Decimal]]:
    """合同编号 → (核销日期, 核销本金 + 核销利息 + 核销罚息), from 核销记录."""
    out = {}
    for r in sheet_rows(folder / RECEIVABLES, "核销记录"):
        total = sum((money(r[h]) for h in ("核销本金", "核销利息", "核销罚息") if r.get(h) not in (None, "")), Decimal(0))
        out[str(r["合同编号"]).strip()] = (day(r["核销日期"]), total)
    return out


def written_off(folder: Path) -> set[str]:
    """Contract numbers written off: a 核销记录 row, or 合同状态 核销 in 分期合同."""
    rows = sheet_rows(folder / RECEIVABLES, "核销记录") + [
        r for r in sheet_rows(folder / RECEIVABLES, "分期合同") if r.get("合同状态") == "核销"]
    return {str(r["合同编号"]).strip() for r in rows}


def installment_outstanding(dues: list[tuple[date, Decimal]], paid: Decimal) -> list[tuple[date, Decimal]]:
    """Oldest first, without penalty: what each installment still owes after ``paid`` in total."""
    out = []
    for due_date, amount in dues:
        covered = min(amount, max(paid, Decimal(0)))
        paid -= covered
        out.append((due_date, amount - covered))
    return out


def bucket_of(days: int) -> str:
    """The default 参数 buckets, written out by hand."""
    if days <= 0:
        return "未到期"
    for low, high in ((1, 30), (31, 60), (61, 90), (91, 180), (181, 365)):
        if days <= high:
            return f"{low}-{high}"
    return "365以上"


def set_param(folder: Path, key: str, value: object) -> None:
    """Set one 参数 value in 主数据.xlsx (the test's own copy)."""
    path = folder / "主数据.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["参数"]
    for row in ws.iter_rows(min_row=1):
        if str(row[0].value).strip().lower() == key:
            row[1].value = value
            break
    else:
        raise KeyError(key)
    wb.save(path)
