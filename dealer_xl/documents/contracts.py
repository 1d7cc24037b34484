"""Sales contracts (全款销售合同, 分期付款买卖合同) filled from the ledgers (DOMAIN §6).

A sale with a row in 分期合同 gets the installment contract, whose annex is the repayment schedule
computed from the contract terms (:func:`dealer_xl.domain.schedules.build_schedule`; the hand-entered
还款计划 rows for 自定义); a 全款 sale gets the full-payment contract. Guarantees: every amount is
printed in figures (¥, thousands separators) and 大写; all missing data of a contract is reported
at once (:class:`~dealer_xl.documents.sources.MissingData`) before anything is written; output
file names are safe whatever the contract number contains; nothing half-written is left behind.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from dealer_xl.domain.money import ZERO, round_cents
from dealer_xl.domain.rmb import contract_amount_text
from dealer_xl.domain.schedules import METHODS, Installment, build_schedule
from dealer_xl.ledger import Ledger

from .names import output_path
from .rendering import cn_date, num, pct, render_docx
from .seller import TEMPLATES
from .sources import GeneratedDocument, MissingData, Row, iso, party, require, seller_of, with_pdfs

INSTALLMENT_TEMPLATE, FULL_TEMPLATE = "分期付款买卖合同.docx", "全款销售合同.docx"
SELLER_FIELDS = (("name", "名称"), ("address", "地址"), ("bank", "开户银行"), ("account", "银行账号"))


def contract_context(ledgers: Ledger, contract_no: str) -> tuple[str, dict]:
    """(template file name, context) for ``contract_no``; raises MissingData listing every gap."""
    missing: list[str] = []
    sale = ledgers.sale(contract_no)
    contract = ledgers.contract(contract_no)
    if sale is None and contract is None:
        raise MissingData(f"合同 {contract_no} ", ["销售台账.xlsx / 销售明细 或 应收款台账.xlsx / 分期合同中的此合同"])
    base = contract or sale
    customer = ledgers.customer(base["customer_id"])
    if customer is None:
        missing.append(f"买受人（客户编号 {base['customer_id'] or '未填'} 不在 主数据.xlsx / 客户 中）")
        buyer = {}
    else:
        buyer = _checked_party(customer, "买受人", missing)
    guarantor = _guarantor(ledgers, contract, missing)
    machine = machine_facts(ledgers, base, missing)
    for field, label in SELLER_FIELDS:
        require(missing, getattr(seller_of(ledgers), field), f"出卖人{label}（参数表 SELLER_{field.upper()} 或 templates/seller.toml）")
    sign_date = (contract or {}).get("sign_date") or (sale or {}).get("sale_date")
    require(missing, sign_date, "签订日期")
    delivery = (sale or {}).get("delivery_date")
    require(missing, delivery, "交车日期（销售明细）")
    context = {
        "contract_no": contract_no, "sign_date": cn_date(sign_date), "seller": seller_of(ledgers),
        "buyer": buyer, "guarantor": guarantor, "machine": machine,
        "delivery": {"date": cn_date(delivery), "place": (sale or {}).get("branch") or seller_of(ledgers).address},
        "penalty_daily_rate": pct(ledgers.decimal("penalty_daily_rate")),
        "grace_days": ledgers.params["grace_days"], "copies": "三" if guarantor else "两",
    }
    if contract is not None:
        context.update(_installment_terms(ledgers, contract, missing))
        template = INSTALLMENT_TEMPLATE
    elif sale.get("payment_type") == "全款":
        total = require(missing, sale.get("deal_price"), "成交价")
        context["price"] = {"total": contract_amount_text(total or ZERO)}
        template = FULL_TEMPLATE
    else:
        missing.append(f"应收款台账.xlsx / 分期合同中的此合同（付款方式为{sale.get('payment_type') or '未填'}）")
        template = INSTALLMENT_TEMPLATE
    if missing:
        raise MissingData(f"合同 {contract_no} ", missing)
    return template, context


def _checked_party(row: Row, role: str, missing: list[str]) -> dict[str, str]:
    result = party(row)
    for field, label in (("name", "名称"), ("id_number", result["id_label"]), ("address", "送达地址")):
        require(missing, result[field], f"{role}{label}（主数据.xlsx / 客户 {row.get('customer_id') or ''}）")
    return result


def _guarantor(ledgers: Ledger, contract: Row | None, missing: list[str]) -> dict | None:
    name = (contract or {}).get("guarantor")
    if not name:
        return None
    row = ledgers.person(name)
    if row is None:
        missing.append(f"担保人「{name}」的证件号码和送达地址（请在 主数据.xlsx / 客户 中建档，担保人填客户编号或唯一的姓名）")
        return None
    return _checked_party(row, "担保人", missing)


def machine_facts(ledgers: Ledger, base: Row, missing: list[str]) -> dict:
    serial = require(missing, base.get("serial_no"), "整机编号")
    stock = ledgers.machine(serial) or {}
    sale = ledgers.sale(base.get("contract_no")) or {}
    model_code = sale.get("model_code") or stock.get("model_code")
    model = ledgers.model(model_code)
    if model is None:
        missing.append(f"机型（{model_code or '未填'} 不在 主数据.xlsx / 机型 中）")
        model = {}
    gps = "GPS" in str(base.get("collateral") or "").upper()
    return {"serial": serial or "", "model": model_code or "", "manufacturer": model.get("manufacturer") or "",
            "category": model.get("category") or "", "equipment": "随机标准附件" + ("、GPS定位装置" if gps else ""),
            "warranty_months": model.get("warranty_months") or "", "warranty_hours": model.get("warranty_hours") or "",
            "main_parts_months": model.get("main_parts_months") or "",
            "main_parts_hours": model.get("main_parts_hours") or ""}


def contract_schedule(ledgers: Ledger, contract: Row) -> list[Installment]:
    """The contract's schedule: computed for the standard methods, the 还款计划 rows for 自定义."""
    if contract["method"] in METHODS:
        return build_schedule(contract["financed_amount"], contract["annual_rate"] or ZERO,
                              contract["term_months"], contract["first_due_date"], contract["method"])
    rows = sorted(ledgers.all("receivables", "schedule", "contract_no", contract["contract_no"]), key=lambda r: (r["period"] or 0))
    balance, result = Decimal(contract["financed_amount"] or 0), []
    for r in rows:
        principal = r["principal"] or ZERO
        balance -= principal
        result.append(Installment(r["period"], r["due_date"], r["amount_due"], principal, r["interest"] or ZERO, balance))
    return result


def _installment_terms(ledgers: Ledger, contract: Row, missing: list[str]) -> dict:
    gaps: list[str] = []
    for field, label in (("total_price", "合同总价"), ("down_payment", "首付款"), ("financed_amount", "分期金额"),
                         ("term_months", "分期期数"), ("first_due_date", "首期还款日"), ("method", "还款方式")):
        require(gaps, contract.get(field), f"{label}（应收款台账.xlsx / 分期合同）")
    if contract.get("annual_rate") is None and contract.get("method") != "免息":
        gaps.append("年利率（应收款台账.xlsx / 分期合同）")
    missing += gaps
    if gaps:
        return {}
    schedule = contract_schedule(ledgers, contract)
    if not schedule:
        missing.append("还款计划（自定义还款方式须在 应收款台账.xlsx / 还款计划 中填写各期）")
        return {}
    interest = sum((i.interest for i in schedule), ZERO)
    principal = sum((i.principal for i in schedule), ZERO)
    return {
        "price": {"total": contract_amount_text(contract["total_price"]),
                  "down": contract_amount_text(contract["down_payment"]),
                  "financed": contract_amount_text(contract["financed_amount"]),
                  "interest": contract_amount_text(round_cents(interest)),
                  "installment": contract_amount_text(schedule[0].amount_due),
                  "term": len(schedule), "method": contract["method"],
                  "annual_rate": pct(contract["annual_rate"] or ZERO),
                  "due_day": contract["first_due_date"].day, "first_due": cn_date(schedule[0].due_date),
                  "last_due": cn_date(schedule[-1].due_date)},
        "schedule": [{"period": i.period, "due_date": iso(i.due_date), "principal": num(i.principal),
                      "interest": num(i.interest), "amount_due": num(i.amount_due), "balance": num(i.balance)}
                     for i in schedule],
        "schedule_total": {"principal": num(principal), "interest": num(interest),
                           "amount_due": num(principal + interest)},
    }


def generate_contracts(ledgers: Ledger, contract_nos: list[str], out_dir: Path, *, pdf: bool = True,
                       templates: Path = TEMPLATES) -> tuple[list[GeneratedDocument], list[MissingData]]:
    """Write one contract per number into ``out_dir``; contracts with missing data are returned as
    errors and not written. PDFs are made in one LibreOffice run when ``pdf`` and it is installed."""
    written, errors = [], []
    for contract_no in contract_nos:
        try:
            template, context = contract_context(ledgers, contract_no)
        except MissingData as e:
            errors.append(e)
            continue
        out = output_path(Path(out_dir), Path(template).stem, contract_no, suffix=".docx")
        written.append(GeneratedDocument(contract_no, render_docx(templates / template, context, out)))
    return with_pdfs(written) if pdf else written, errors
