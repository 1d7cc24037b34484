"""After-sales situations the demo needs beyond clean bookkeeping (issue #13), and the makers'
settlement statements.

:func:`stage_aftersales` edits the clean world before mistakes are planted, breaking no rule:

- eligible 三包 work orders whose claim was never made (one past the maker's claim deadline);
- an ineligible one (no fault part recorded) without a claim;
- a 待提交 claim already past its claim deadline;
- old parts still 待返: one past its return deadline, one due within days;
- callbacks made late (after callback_days) and dissatisfied customers (满意度 1–2) in the month.

:func:`write_statements` writes one settlement statement per maker into the demo folder
(``厂家结算单_<厂家>_2026-10.xlsx``) over that maker's 已提交/已批准 claims, each with a short
payment, a rejection, one claim number that is not ours, one line twice, and the maker's own
header spellings (the second and third makers put 结算单号 and the month in a title row).
Same seed, same bytes.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from random import Random

from openpyxl import Workbook

from ..schema import labels
from .catalog import MAKER_CODES
from .claims import FEEDBACK
from .company import AS_OF
from .world import World
from .writing import STAMP, _repack

ORDERS, CLAIMS = ("service", "work_orders"), ("service", "claims")
OLD_PARTS, CALLBACKS = ("service", "old_parts"), ("service", "callbacks")
MONTH = f"{AS_OF:%Y-%m}"
LAYOUTS = (  # per maker: headers of claim no, amount, reason; columns for note and month, or a title row
    ((labels.CLAIM_NO, "结算金额", labels.REJECT_REASON, "结算单号", labels.SETTLE_MONTH), False),
    (("服务站索赔单号", labels.APPROVED_AMOUNT, "扣款原因"), True),
    (("索赔编号", "结算金额(元)", "扣款原因"), True),
)


def stage_aftersales(world: World, rng: Random) -> None:
    """Edit ``world`` in place (see the module docstring)."""
    sheets = world.sheets
    makers = {m.manufacturer: m for m in world.company.manufacturers}
    orders = {w.wo_no: w for w in sheets[ORDERS]}
    claims = sheets[CLAIMS]
    with_parts = {o.claim_no for o in sheets[OLD_PARTS]}

    def age(c) -> int:
        return (AS_OF - orders[c.wo_no].close_date).days

    def pick(test) -> object | None:
        """The most recently completed open claim passing ``test`` (so small companies have one too)."""
        found = [c for c in claims if c.status in ("待提交", "已提交", "已批准") and orders[c.wo_no].status == "已完工"
                 and test(c)]
        return min(found, key=lambda c: (age(c), c.claim_no)) if found else None

    def drop(claim) -> None:
        claims.remove(claim)
        sheets[OLD_PARTS][:] = [o for o in sheets[OLD_PARTS] if o.claim_no != claim.claim_no]

    for test in (lambda c: True, lambda c: makers[c.manufacturer].claim_submit_days < age(c)):
        found = pick(test)
        if found:
            drop(found)
    found = pick(lambda c: c.claim_no not in with_parts)
    if found:
        drop(found)
        i = sheets[ORDERS].index(orders[found.wo_no])
        sheets[ORDERS][i] = replace(orders[found.wo_no], fault_part_no=None)
    late = pick(lambda c: makers[c.manufacturer].claim_submit_days + 3 < age(c) and c.claim_no not in with_parts)
    if late:
        claims[claims.index(late)] = replace(late, submit_date=None, status="待提交", approved_amount=None)
    _old_parts_waiting(world, rng, makers)
    _callbacks(world, rng, orders)


def _old_parts_waiting(world: World, rng: Random, makers: dict) -> None:
    claims = {c.claim_no: c for c in world.sheets[CLAIMS]}
    rows = world.sheets[OLD_PARTS]
    for lo, hi in ((3, 30), (-6, -1)):
        found = [o for o in rows if o.status != "待返" and claims[o.claim_no].submit_date
                 and lo <= (AS_OF - claims[o.claim_no].submit_date).days - makers[claims[o.claim_no].manufacturer].old_parts_days <= hi]
        if found:
            part = rng.choice(found)
            rows[rows.index(part)] = replace(part, ship_date=None, waybill_no=None, received_date=None, status="待返")


def _callbacks(world: World, rng: Random, orders: dict) -> None:
    rows = world.sheets[CALLBACKS]
    recent = [c for c in rows if f"{orders[c.wo_no].close_date:%Y-%m}" == MONTH and c.satisfaction >= 4]
    for cb, score in zip(rng.sample(recent, min(3, len(recent))), (1, 2, 2), strict=False):
        rows[rows.index(cb)] = replace(cb, satisfaction=score, feedback=rng.choice(FEEDBACK[score]))
    movable = [c for c in rows if c.satisfaction >= 3 and orders[c.wo_no].close_date + timedelta(days=20) <= AS_OF]
    for cb in rng.sample(movable, min(3, len(movable))):
        rows[rows.index(cb)] = replace(cb, callback_date=orders[cb.wo_no].close_date + timedelta(days=rng.randint(10, 18)))


def statement_lines(world: World, maker: str, rng: Random) -> list[tuple[str, Decimal, str]]:
    """(索赔单号, 结算金额, 原因) of ``maker``'s statement: its open claims but the newest (and a few
    others), paid in full but one short and one rejected, plus a claim that is not ours and one
    line repeated."""
    open_claims = [c for c in world.sheets[CLAIMS] if c.manufacturer == maker and c.status in ("已提交", "已批准")]
    chosen = [c for c in open_claims[:-1] if rng.random() < 0.9] or open_claims  # the newest came too late
    lines = [(c.claim_no, c.claim_labor + c.claim_parts + c.claim_travel, "") for c in chosen]
    if lines:
        no, amount, _ = lines[0]
        lines[0] = (no, amount - max(Decimal("50.00"), (amount * Decimal("0.1")).quantize(Decimal("0.01"))), "外出里程核减")
    if len(lines) >= 2:
        lines[1] = (lines[1][0], Decimal("0.00"), "故障件属人为损坏，不予索赔")
    if lines:
        lines.append(lines[-1])
    lines.append((f"SP{AS_OF:%y%m}9{rng.randint(100, 999)}", Decimal(rng.randint(300, 2000)), ""))
    return lines


def write_statements(folder: Path, world: World, seed: int) -> list[Path]:
    """One statement per maker into ``folder`` (see the module docstring); returns their paths."""
    paths = []
    for n, maker in enumerate(sorted(m.manufacturer for m in world.company.manufacturers)):
        rng = Random(f"{seed}:statement:{maker}")
        (claim_h, amount_h, reason_h, *rest), titled = LAYOUTS[n % len(LAYOUTS)]
        note = f"JS{MAKER_CODES.get(maker, 'X')}{AS_OF:%y%m}-01"
        wb = Workbook()
        wb.properties.creator, wb.properties.created = maker, STAMP
        ws = wb.active
        ws.title = "结算明细" if titled else "结算单"
        if titled:
            ws.append([f"{maker} 三包索赔结算单"])
            ws.append([f"结算单号：{note}", None, f"结算月份：{AS_OF.year}年{AS_OF.month}月"])
        ws.append([claim_h, amount_h, reason_h, *rest])
        for no, amount, reason in statement_lines(world, maker, rng):
            ws.append([no, float(amount), reason or None, *((note, MONTH) if rest else ())])
        buffer = io.BytesIO()
        wb.save(buffer)
        path = folder / f"厂家结算单_{maker}_{MONTH}.xlsx"
        path.write_bytes(_repack(buffer.getvalue()))
        paths.append(path)
    return paths
