"""The input gate of the documents: a contract, a demand letter or a repossession notice is never
made from a cell that validation calls an 错误 (:mod:`dealer_xl.checks.gate`).

Each document declares what it prints or computes from: the contract's rows in 销售明细, 分期合同,
还款计划 (only when the document uses the book's schedule), 收款记录 up to the date, 扣车记录 and
核销记录 (letters and notices: what is owed), and the rows it looks up — the buyer's and the
guarantor's 客户 rows (name, kind, ID number, address, phone), the machine's 整机库存 and 机型 rows,
the 参数 rows of the rates it applies. An 错误 there refuses that contract's document with
:class:`Refused` (book, sheet, cell and reason in Chinese; nothing written for it); the others are
made. A guarantor whose 证件号码 is flagged (a company's credit code typed for a person,
``id_kind_mismatch``) is therefore never printed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..checks.gate import Gate, Uses, gate, param_rows, refusal_line
from ..ledger import Ledger
from ..problems import Problem

PARTY = ("customer_id", "name", "kind", "id_number", "address", "phone")
SALE = ("contract_no", "sale_date", "customer_id", "serial_no", "model_code", "deal_price", "payment_type",
        "down_payment", "delivery_date", "notarized", "branch", "salesperson")
TERMS = ("contract_no", "customer_id", "serial_no", "sign_date", "total_price", "down_payment", "financed_amount",
         "annual_rate", "term_months", "method", "first_due_date", "guarantor", "collateral", "collector")
SCHEDULE = ("contract_no", "period", "due_date", "principal", "interest", "amount_due")
MACHINE = (Uses("sales", "stock", ("serial_no", "model_code")),
           Uses("master", "models", ("model_code", "manufacturer", "category", "warranty_months", "warranty_hours",
                                     "main_parts_months", "main_parts_hours")),
           Uses("master", "customers", PARTY), Uses("master", "params", ("value",)))
CONTRACT_PARAMS = ("penalty_daily_rate", "grace_days")
OWED_PARAMS = ("penalty_daily_rate", "grace_days", "acceleration_ratio", "no_repossession_paid_ratio",
               "sales_to_credit_handover_days")


class Refused(ValueError):
    """A document (``document`` of contract ``unit``) not made: validation calls a cell it uses an
    错误 (``problems``)."""

    def __init__(self, document: str, unit: str, problems: list[Problem]):
        self.document, self.unit, self.problems = document, unit, problems
        super().__init__(refusal_line(document, unit, problems, verb="生成"))


def contract_gate(led: Ledger) -> Gate:
    """The gate of sales contracts: the sale and contract rows (by 合同编号) and the rows looked up."""
    return gate(led, (Uses("sales", "sales", SALE, "contract_no"), Uses("receivables", "contracts", TERMS, "contract_no"),
                      Uses("receivables", "schedule", SCHEDULE), *MACHINE))


def position_uses(as_of: date) -> tuple[Uses, ...]:
    """What a contract's position as of ``as_of`` is computed from, by 合同编号: its terms, schedule,
    receipts up to the date, repossessions (the disposal proceeds are applied as a receipt, the fees
    added to what is owed) and write-off. Write-off, grades and the disposal list use it too."""
    def by(sheet: str, fields: tuple[str, ...], day: str | None = None) -> Uses:
        if day is None:
            return Uses("receivables", sheet, fields, "contract_no")
        return Uses("receivables", sheet, fields, "contract_no", where=lambda r: r[day] is None or r[day] <= as_of,
                    decides=(day,))

    return (by("contracts", TERMS), by("schedule", SCHEDULE),
            by("receipts", ("receipt_no", "receipt_date", "amount"), "receipt_date"),
            by("repossessions", ("repo_date", "status", "location", "keeper", "redeemed_date", "disposal_amount",
                                 "disposal_date", "towing_fee", "storage_fee", "appraisal_fee"), "repo_date"),
            by("writeoffs", ("date", "principal", "interest", "penalty"), "date"))


def owed_gate(led: Ledger, as_of: date) -> Gate:
    """The gate of documents stating what is owed as of ``as_of`` (demand letters, repossession
    notices): the contract's position (:func:`position_uses`) and the rows the documents look up."""
    return gate(led, (Uses("sales", "sales", ("contract_no", "serial_no", "model_code", "salesperson"), "contract_no"),
                      *position_uses(as_of), *MACHINE))


def parties(led: Ledger, contract_no: str) -> list[dict[str, Any]]:
    """The 客户 rows of the contract's buyer and guarantor (as the documents look them up)."""
    base = led.contract(contract_no) or led.sale(contract_no) or {}
    found = [led.customer(base.get("customer_id")) if base.get("customer_id") else None,
             led.person(base.get("guarantor")) if base.get("guarantor") else None]
    return [r for r in found if r is not None]


def machine_rows(led: Ledger, contract_no: str) -> list[dict[str, Any]]:
    """The 整机库存 and 机型 rows of the contract's machine."""
    base = led.contract(contract_no) or led.sale(contract_no) or {}
    stock = led.machine(base.get("serial_no")) if base.get("serial_no") else None
    code = (led.sale(contract_no) or {}).get("model_code") or (stock or {}).get("model_code")
    return [r for r in (stock, led.model(code) if code else None) if r is not None]


def contract_stops(led: Ledger, g: Gate, contract_no: str) -> list[Problem]:
    """What stops the sales contract of ``contract_no`` (the 还款计划 rows only for 自定义)."""
    contract = led.contract(contract_no) or {}
    schedule = led.all("receivables", "schedule", "contract_no", contract_no) if contract.get("method") == "自定义" else []
    return g.stops(contract_no, rows=[*parties(led, contract_no), *machine_rows(led, contract_no), *schedule,
                                      *param_rows(led, *CONTRACT_PARAMS)])


def owed_stops(led: Ledger, g: Gate, contract_no: str) -> list[Problem]:
    """What stops a letter or notice on what ``contract_no`` owes."""
    return g.stops(contract_no, rows=[*parties(led, contract_no), *machine_rows(led, contract_no),
                                      *param_rows(led, *OWED_PARAMS)])
