"""Sales contracts (全款销售合同, 分期付款买卖合同) filled from the ledgers (DOMAIN §6).

A sale with a row in 分期合同 gets the installment contract, whose annex is the repayment schedule
computed from the contract terms (:func:`dealer_xl.domain.schedules.build_schedule`; the hand-entered
还款计划 rows for 自定义); a 全款 sale gets the full-payment contract. The wording follows the books:
等额本金 states the first installment and that later ones decrease, a recorded 抵押物 adds the mortgage
clause, 是否公证 = 是 the notarisation clause, a company buyer a 法定代表人 line; the seller comes only
from 参数 SELLER_* (:mod:`.seller`: refused when incomplete, or a 样稿 draft). Guarantees: every amount is
printed in figures (¥, thousands separators) and 大写; a contract whose rows (the sale, the contract, the
buyer's and guarantor's 客户 rows, the machine, a hand-entered schedule, the rates) hold a cell that
validation calls an 错误 is refused (:class:`~dealer_xl.documents.gated.Refused`, with the cells: a
flagged guarantor ID is never printed); all missing data of a contract is reported
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
from dealer_xl.ledger.requirements import require as require_columns

from ..schema import labels
from .gated import Refused, contract_gate, contract_stops
from .names import output_path
from .rendering import cn_date, num, pct, render_docx
from .seller import BLANK, TEMPLATES, printable, require_seller
from .sources import (
    GeneratedDocument,
    ImplausibleData,
    MissingData,
    Row,
    contract_key,
    implausible_values,
    iso,
    party,
    require,
    seller_of,
    with_pdfs,
)

INSTALLMENT_TEMPLATE, FULL_TEMPLATE = "分期付款买卖合同.docx", "全款销售合同.docx"
GPS_ONLY = ("所购设备", "所购设备（已装GPS）")


def contract_context(ledgers: Ledger, contract_no: str, draft_mark: str = "") -> tuple[str, dict]:
    """(template file name, context) for ``contract_no``; raises MissingData listing every gap.

    The seller is checked by the caller (:func:`~dealer_xl.documents.seller.require_seller`);
    ``draft_mark`` non-empty prints it in every page header and the seller's gaps as blanks."""
    missing: list[str] = []
    sale = ledgers.sale(contract_no)
    contract = ledgers.contract(contract_no)
    if sale is None and contract is None:
        raise MissingData(f"合同 {contract_no} ", ["销售台账.xlsx / 销售明细 或 应收款台账.xlsx / 分期合同中的此合同"])
    base = contract or sale
    implausible = implausible_values(ledgers.params, ledgers.today, {
        ("receivables", "contracts"): [contract], ("sales", "sales"): [sale],
        ("receivables", "schedule"): ledgers.all("receivables", "schedule", "contract_no", contract_no)})
    if implausible:
        raise ImplausibleData(f"合同 {contract_no} ", implausible)
    customer = ledgers.customer(base["customer_id"])
    if customer is None:
        missing.append(f"买受人（客户编号 {base['customer_id'] or '未填'} 不在 主数据.xlsx / 客户 中）")
        buyer = {}
    else:
        buyer = _checked_party(customer, "买受人", missing)
    guarantor = _guarantor(ledgers, contract, missing)
    machine = machine_facts(ledgers, base, missing)
    sign_date = (contract or {}).get("sign_date") or (sale or {}).get("sale_date")
    require(missing, sign_date, labels.SIGN_DATE)
    delivery = (sale or {}).get("delivery_date")
    require(missing, delivery, "交车日期（销售明细）")
    seller = printable(seller_of(ledgers)) if draft_mark else seller_of(ledgers)
    context = {
        "contract_no": contract_no, "sign_date": cn_date(sign_date), "seller": seller, "draft_mark": draft_mark,
        "collateral": collateral_text((contract or {}).get("collateral")),
        "notarized": (sale or {}).get("notarized") == "是",
        "buyer": buyer, "guarantor": guarantor, "machine": machine,
        "delivery": {"date": cn_date(delivery), "place": (sale or {}).get("branch") or seller.address},
        "penalty_daily_rate": pct(ledgers.decimal("penalty_daily_rate")),
        "grace_days": ledgers.params["grace_days"], "copies": "三" if guarantor else "两",
    }
    if contract is not None:
        context.update(_installment_terms(ledgers, contract, missing))
        template = INSTALLMENT_TEMPLATE
    elif sale.get("payment_type") == "全款":
        total = require(missing, sale.get("deal_price"), labels.DEAL_PRICE)
        context["price"] = {"total": contract_amount_text(total or ZERO)}
        template = FULL_TEMPLATE
    else:
        missing.append(f"应收款台账.xlsx / 分期合同中的此合同（付款方式为{sale.get('payment_type') or '未填'}）")
        template = INSTALLMENT_TEMPLATE
    if missing:
        raise MissingData(f"合同 {contract_no} ", missing)
    return template, context


def collateral_text(value: object) -> str:
    """The 抵押物 of the mortgage clause: '' when none is recorded; the machine itself for 所购设备."""
    text = str(value or "").strip()
    if not text:
        return ""
    if text in GPS_ONLY:
        return "本合同标的物"
    return text.replace("所购设备及", "本合同标的物及").removesuffix("抵押")


def _checked_party(row: Row, role: str, missing: list[str]) -> dict[str, str]:
    result = party(row)
    company = result["kind"] == "企业"
    result["legal_rep"] = BLANK if company else ""
    result["signer"] = "法定代表人或授权代表：" if company else ""
    result["role"] = {"买受人": "乙方（买受人）", labels.GUARANTOR: "丙方（保证人）"}.get(role, role)
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
    return _checked_party(row, labels.GUARANTOR, missing)


def machine_facts(ledgers: Ledger, base: Row, missing: list[str]) -> dict:
    serial = require(missing, base.get("serial_no"), labels.SERIAL_NO)
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
    for field, label in (("total_price", labels.TOTAL_PRICE), ("down_payment", labels.DOWN_PAYMENT), ("financed_amount", labels.FINANCED_AMOUNT),
                         ("term_months", labels.TERM_MONTHS), ("first_due_date", labels.FIRST_DUE_DATE), ("method", labels.REPAY_METHOD)):
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
                  "installment_text": installment_text(contract["method"], schedule),
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


def installment_text(method: str, schedule: list[Installment]) -> str:
    """The sentence on the amount of each installment, true to the method (等额本金 decreases)."""
    first = contract_amount_text(schedule[0].amount_due)
    if method == "等额本金" and len(schedule) > 1:
        return (f"首期应还金额为{first.upper}（{first.figure}），此后各期应还本金相等、利息随剩余本金减少，"
                f"应还金额逐期递减，各期金额以附件一为准。")
    if method == "自定义":
        return "各期应还金额以附件一为准。"
    return f"每期应还金额为{first.upper}（{first.figure}，末期含尾差调整，各期金额以附件一为准）。"


def generate_contracts(ledgers: Ledger, contract_nos: list[str], out_dir: Path, *, pdf: bool = True,
                       templates: Path = TEMPLATES, draft: bool = False
                       ) -> tuple[list[GeneratedDocument], list[ValueError]]:
    """Write one contract per number into ``out_dir``; contracts refused by the input gate or with
    missing data are returned as errors and not written. PDFs are made in one LibreOffice run when ``pdf`` and it is installed.
    Raises SellerIncomplete (nothing written) when the seller's 参数 rows are incomplete, unless
    ``draft``: then every page carries the 样稿 mark."""
    require_columns(ledgers, "contracts", "生成合同")
    draft_mark = require_seller(seller_of(ledgers), draft=draft)
    written: list[GeneratedDocument] = []
    errors: list[ValueError] = []
    g = contract_gate(ledgers)
    for contract_no in map(contract_key, contract_nos):
        found = contract_stops(ledgers, g, contract_no)
        if found:
            errors.append(Refused("合同", contract_no, found))
            continue
        try:
            template, context = contract_context(ledgers, contract_no, draft_mark)
        except MissingData as e:
            errors.append(e)
            continue
        out = output_path(Path(out_dir), Path(template).stem, contract_no, suffix=".docx")
        written.append(GeneratedDocument(contract_no, render_docx(templates / template, context, out)))
    return with_pdfs(written) if pdf else written, errors
