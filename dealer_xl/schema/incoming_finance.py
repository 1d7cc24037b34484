"""Incoming finance documents the manufacturer sends: 对账单 (statement of account) and 库存清单.

They are read like books (header aliases, title rows, 合计 rows, text dates and amounts) and never
written. They are not part of the five books: ``BOOK`` here only groups their sheet specs. The
sheet of a statement is found by these names first, else it is the workbook's first sheet whose
header matches (a manufacturer's file is often just ``Sheet1``).

对账单: 日期 · 单据号 (or 凭证号) · 摘要 · 借方/贷方 (or 增加/减少) · 余额. From the manufacturer's
side, 借方/增加 raises what the dealer owes it (machines, parts delivered) and 贷方/减少 lowers it
(payments received, rebates, claim settlements).
库存清单: 整机编号 · 机型 · 状态 (optional) · 融资 (optional: the machine is financed by the
manufacturer's finance company or a bank).
盘点表: the printable count sheet dealer_xl writes per branch and reads back once filled in
(整机编号 · 机型 · 库存状态 · 存放位置 · 实盘 · 备注).
"""

from __future__ import annotations

from . import common as c
from .model import Book, Column, FieldType, Sheet

T = FieldType

statement = Sheet("statement", "对账单", (
    c.date("entry_date", "日期", "记账日期", "凭证日期", "业务日期", "发生日期", required=True),
    Column("doc_no", "单据号", T.CODE, ("凭证号", "单号", "凭证编号", "单据编号", "发票号"), width=16),
    c.text("summary", "摘要", "内容", "业务摘要", "说明", width=24),
    c.money("debit", "借方", "增加", "借方金额", "本期增加", "应收增加"),
    c.money("credit", "贷方", "减少", "贷方金额", "本期减少", "应收减少"),
    c.money("balance", "余额", "期末余额", "余额(元)", min=None),
), aliases=("往来对账单", "对帐单", "客户对账单", "往来明细"))

stock_list = Sheet("stock_list", "库存清单", (
    c.serial_no.with_(required=True),
    c.model_code,
    c.text("status", "状态", "库存状态", "车辆状态", width=10),
    c.text("financing", "融资", "融资状态", "金融", "融资方式", width=10),
), aliases=("经销商库存", "库存明细", "厂家库存清单", "在库清单"))

count_sheet = Sheet("count_sheet", "盘点表", (
    c.serial_no.with_(required=True),
    c.model_code,
    c.text("status", "库存状态", "状态", width=10),
    c.text("location", "存放位置", "位置", "存放地点", width=14),
    c.text("counted", "实盘", "实盘情况", "盘点结果", width=8),
    c.text("note", "备注", "说明", width=24),
), aliases=("库存盘点表", "盘点"))

BOOK = Book("incoming_finance", "厂家来件（对账单、库存清单）与盘点表", "厂家发来的对账单与库存清单、实物盘点表（只读）",
            (statement, stock_list, count_sheet))
