"""The demo manufacturers' documents: one 对账单 per manufacturer and one 库存清单, from the books.

Written into ``<folder>/厂家来件/`` (beside the demo books, not part of them) by the main job.

对账单 of ``month``: a title row, 期初余额 = our balance at the end of the month before, then our
month mirrored from the manufacturer's side (提车/配件采购 as 借方 under our 单据号; 付款/返利/
索赔结算 as 贷方 under their own 凭证号), with the timing differences a real statement has:

- our 付款 on the 31st is booked by them on the 2nd of the next month;
- a 返利 only they booked (on the 28th);
- for the first manufacturer only, one 配件采购 booked 150.00 higher (the amount that differs), so
  its 余额调节表 does not hold while the others' do.

The second manufacturer's statement uses the other headers (凭证号, 增加/减少) the reader accepts.
库存清单 of the manufacturer of whom the dealer holds the most machines (at least four): our held machines with one
left off (only_ours), one sold machine added (only_theirs), one marked 已售 (status_differs) and
one under another 机型 of the same maker (model_differs).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from ..domain.manufacturer_account import LOWERS
from ..domain.monthly import month_range
from ..io.writer import save_new
from ..ledger import Ledger
from ..ledger.stock import held_machines
from ..ledger.totals import manufacturer_balances
from ..schema import labels

INCOMING_DIR = "厂家来件"
HEADERS = ((labels.DATE, labels.DOC_NO, "摘要", "借方", "贷方", "余额"), (labels.DATE, "凭证号", "摘要", "增加", "减少", "余额"))
DIFFERS_BY = Decimal("150.00")
THEIR_REBATE = Decimal("8000.00")


def write_statements(folder: Path, led: Ledger, month: str) -> list[Path]:
    """Write every manufacturer's 对账单 of ``month`` and the first one's 库存清单; returns the paths."""
    first, last = month_range(month)
    out = Path(folder) / INCOMING_DIR
    makers = sorted({r["manufacturer"] for r in led.rows("sales", "manufacturer_ledger") if r["manufacturer"]})
    opening = manufacturer_balances(led, first - timedelta(days=1))
    paths = []
    for n, maker in enumerate(makers):
        rows = [r for r in led.rows("sales", "manufacturer_ledger")
                if r["manufacturer"] == maker and isinstance(r["entry_date"], date) and first <= r["entry_date"] <= last]
        paths.append(_statement(out / f"对账单_{maker}_{month}.xlsx", maker, month, opening.get(maker, Decimal(0)),
                                rows, last, HEADERS[n % 2], differs=n == 0))
    if makers:
        most = max(makers, key=lambda m: (len(held_machines(led, manufacturer=m)), -makers.index(m)))
        paths.append(_stock_list(out / f"库存清单_{most}_{last.isoformat()}.xlsx", led, most))
    return paths


def _statement(path: Path, maker: str, month: str, opening: Decimal, rows: list[dict], last: date,
               headers: tuple[str, ...], *, differs: bool) -> Path:
    lines: list[tuple[date, str, str, Decimal, Decimal]] = []
    changed = False
    for k, r in enumerate(sorted(rows, key=lambda r: (r["entry_date"], r["doc_type"], r["doc_no"] or "")), 1):
        day, kind, amount = r["entry_date"], r["doc_type"], r["amount"]
        if kind in LOWERS:
            if kind == "付款" and day == last:
                day = last + timedelta(days=2)
            lines.append((day, f"PZ{day:%Y%m}{k:03d}", f"收到{kind}" if kind == "付款" else kind, Decimal(0), amount))
        else:
            if differs and kind == "配件采购" and not changed:
                amount, changed = amount + DIFFERS_BY, True
            lines.append((day, r["doc_no"] or "", kind, amount, Decimal(0)))
    lines.append((last - timedelta(days=3), f"PZ{last:%Y%m}FL", "返利（厂家计提）", Decimal(0), THEIR_REBATE))
    lines.sort(key=lambda x: x[0])
    wb = Workbook()
    ws = wb.active
    ws.title = "对账单"
    ws.append([f"{maker} 经销商往来对账单（{month}）"])
    ws.append(list(headers))
    ws.append([None, None, "期初余额", None, None, float(opening)])
    running = opening
    for day, doc, text, debit, credit in lines:
        running += debit - credit
        ws.append([day, doc, text, float(debit) if debit else None, float(credit) if credit else None, float(running)])
        ws.cell(ws.max_row, 1).number_format = "yyyy-mm-dd"
    for col, width in zip("ABCDEF", (12, 18, 20, 14, 14, 16), strict=True):
        ws.column_dimensions[col].width = width
    return save_new(wb, path)


def _stock_list(path: Path, led: Ledger, maker: str) -> Path:
    held = sorted(held_machines(led, manufacturer=maker), key=lambda r: r["serial_no"])
    models = sorted({r["model_code"] for r in led.rows("master", "models") if r["manufacturer"] == maker})
    sold = [r for r in led.rows("sales", "sales") if r["serial_no"] and r["model_code"] in models]
    rows = [[r["serial_no"], r["model_code"], r["status"]] for r in held]
    if len(held) >= 4 and sold:
        rows = rows[1:]
        rows[0][2] = "已售"
        other = [m for m in models if m != rows[1][1]]
        rows[1][1] = other[0] if other else rows[1][1]
        rows.append([sold[0]["serial_no"], sold[0]["model_code"], "在库"])
    wb = Workbook()
    ws = wb.active
    ws.title = "库存清单"
    ws.append([labels.SERIAL_NO, labels.MODEL, "状态", "融资"])
    for r in rows:
        ws.append([*r, None])
    ws.column_dimensions["A"].width = 22
    return save_new(wb, path)
