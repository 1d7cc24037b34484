"""Incoming documents of after-sales: the manufacturer's claim settlement statement (结算单).

Read like a book (tolerant header matching, aliases) and never written. A statement names the
dealer's 索赔单号 and the amount settled on each line; 结算单号 and 结算月份 are either columns or
one value each in a title row above the header (``结算单号：JS2610-01  结算月份：2026年10月``).
"""

from __future__ import annotations

from . import common as c
from .model import Sheet

settlement_statement = Sheet("settlement_statement", "结算单", (
    c.claim_no.with_(header="索赔单号", aliases=("服务站索赔单号", "索赔编号", "索赔号", "经销商索赔单号"),
                     required=True),
    c.money("settled", "结算金额", "批准金额", "结算金额(元)", "实结金额", "核定金额", required=True),
    c.text("reason", "驳回原因", "扣款原因", "核减原因", "备注", width=24),
    c.text("credit_note_no", "结算单号", "厂家结算单号", "结算单编号"),
    c.month.with_(field="settle_month", header="结算月份", aliases=("结算期间", "结算年月", "月份")),
), aliases=("索赔结算单", "结算明细", "三包结算单", "Sheet1"), book="incoming")

# Title-row labels of the statement-wide values (when they are not columns).
TITLE_LABELS = {"credit_note_no": ("结算单号", "结算单编号"), "settle_month": ("结算月份", "结算期间", "结算年月")}
