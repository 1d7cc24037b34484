"""Demand letters (催款函, DOMAIN §6) for overdue installment contracts.

The overdue position comes from :func:`dealer_xl.domain.allocation.allocate` as of a date (the
Ledger's positions, :meth:`dealer_xl.ledger.Receivables.positions`: the 还款计划 rows, or the schedule the
contract's terms give, and the 收款记录; grace days and penalty rate from 参数). The letter states
the facts (contract, machine, amounts paid, the installments missed with their days overdue), the
legal basis (民法典 第634、642、585条), the demand — overdue principal, interest and penalty in
figures and 大写 and their total — with a deadline (as-of date + :data:`DEADLINE_DAYS` days unless
given) and the seller's bank account (参数 SELLER_* or templates/seller.toml), the consequences, the
limitation-interruption line (第195条), contact and date. Guarantees: a contract with nothing
overdue gets no letter (:class:`NothingOverdue`); all missing data of a letter is reported at once
and nothing is written for it; file names are safe whatever the contract number contains.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from dealer_xl.domain.allocation import ContractPosition
from dealer_xl.domain.money import ZERO
from dealer_xl.domain.rmb import contract_amount_text
from dealer_xl.ledger import Ledger
from dealer_xl.ledger.receivables import ContractFile, Receivables

from .contracts import machine_facts
from .names import output_path
from .rendering import cn_date, num, pct, render_docx
from .seller import TEMPLATES
from .sources import GeneratedDocument, MissingData, iso, party, require, seller_of, with_pdfs

LETTER_TEMPLATE = "催款函.docx"
DEADLINE_DAYS = 10


class NothingOverdue(ValueError):
    """The contract has nothing overdue as of the date: no letter is due."""


def letter_context(ledgers: Ledger, file: ContractFile, position: ContractPosition, *,
                   deadline: date | None = None) -> dict:
    """The 催款函 context of one contract; raises NothingOverdue or MissingData (every gap at once)."""
    no, as_of = file.contract_no, position.as_of
    missed = [s for s in position.installments if s.due_date < as_of and s.outstanding > 0]
    if not missed:
        raise NothingOverdue(f"合同 {no} 截至 {as_of} 没有逾期款项，不出具催款函")
    missing: list[str] = []
    buyer = party(file.customer) if file.customer else {}
    if not file.customer:
        missing.append(f"买受人（客户编号 {file.contract.get('customer_id') or '未填'} 不在 主数据.xlsx / 客户 中）")
    else:
        require(missing, buyer["name"], "买受人名称（主数据.xlsx / 客户）")
        require(missing, buyer["address"], f"买受人送达地址（主数据.xlsx / 客户 {file.customer.get('customer_id')}）")
    require(missing, file.contract.get("sign_date"), "签订日期（应收款台账.xlsx / 分期合同）")
    require(missing, file.contract.get("total_price"), "合同总价（应收款台账.xlsx / 分期合同）")
    for field, label in (("name", "名称"), ("bank", "开户银行"), ("account", "银行账号")):
        require(missing, getattr(seller_of(ledgers), field), f"收款{label}（参数表 SELLER_{field.upper()} 或 templates/seller.toml）")
    machine = machine_facts(ledgers, file.contract, missing)
    if missing:
        raise MissingData(f"合同 {no} 的催款函", missing)
    principal, interest = position.overdue_principal, position.overdue_interest
    penalty = position.penalty_outstanding
    total = Decimal(file.contract["total_price"])
    collector = ledgers.employee(file.contract.get("collector")) or {}
    return {
        "contract_no": no, "sign_date": cn_date(file.contract["sign_date"]), "as_of": cn_date(as_of),
        "buyer": buyer, "machine": machine, "seller": seller_of(ledgers),
        "guarantor": {"name": file.contract["guarantor"]} if file.contract.get("guarantor") else None,
        "total_price": contract_amount_text(total),
        "paid": contract_amount_text((file.contract.get("down_payment") or ZERO) + position.received),
        "missed": [{"period": s.period, "due_date": iso(s.due_date), "amount_due": num(s.amount_due),
                    "outstanding": num(s.outstanding), "days": s.days_overdue(as_of)} for s in missed],
        "missed_count": len(missed), "dpd": position.dpd,
        "overdue": contract_amount_text(position.overdue),
        "principal": contract_amount_text(principal), "interest": contract_amount_text(interest),
        "penalty": contract_amount_text(penalty),
        "demand": contract_amount_text(principal + interest + penalty),
        "deadline": cn_date(deadline or as_of + timedelta(days=DEADLINE_DAYS)),
        "penalty_daily_rate": pct(ledgers.decimal("penalty_daily_rate")),
        "acceleration": position.overdue >= total * ledgers.decimal("acceleration_ratio"),
        "remaining": contract_amount_text(position.outstanding),
        "contact": {"name": collector.get("name") or file.contract.get("collector") or "",
                    "phone": seller_of(ledgers).phone},
    }


def overdue_contracts(data: Receivables, positions: dict[str, ContractPosition], ledgers: Ledger,
                      collector: str) -> list[str]:
    """Contract numbers with something overdue whose 催收责任人 is ``collector`` (name or 工号)."""
    wanted = ledgers.employee(collector) or {"emp_id": collector, "name": collector}
    names = {wanted.get("emp_id"), wanted.get("name")} - {None}
    return [c.contract_no for c in data.contracts
            if c.contract.get("collector") in names and positions[c.contract_no].overdue > 0]


def generate_letters(ledgers: Ledger, as_of: date, out_dir: Path, *, contract_nos: list[str] | None = None,
                     collector: str | None = None, all_overdue: bool = False, limit: int | None = None,
                     deadline: date | None = None, pdf: bool = True,
                     templates: Path = TEMPLATES) -> tuple[list[GeneratedDocument], list[ValueError]]:
    """Write the letters for ``contract_nos``, every overdue contract of ``collector``, or every
    overdue contract (``all_overdue``) into ``out_dir``, stopping after ``limit`` letters when given;
    returns (documents written, errors of the contracts not written)."""
    data = ledgers.receivables
    positions = data.positions(as_of)
    files = {c.contract_no: c for c in data.contracts}
    numbers = list(contract_nos or [])
    if all_overdue:
        numbers += [c.contract_no for c in data.contracts if positions[c.contract_no].overdue > 0]
    elif collector:
        numbers += overdue_contracts(data, positions, ledgers, collector)
    written: list[GeneratedDocument] = []
    errors: list[ValueError] = []
    for no in numbers:
        if limit is not None and len(written) >= limit:
            break
        if no not in files:
            errors.append(MissingData(f"合同 {no} 的催款函", ["应收款台账.xlsx / 分期合同中的此合同"]))
            continue
        try:
            context = letter_context(ledgers, files[no], positions[no], deadline=deadline)
        except (MissingData, NothingOverdue) as e:
            errors.append(e)
            continue
        out = output_path(Path(out_dir), "催款函", no, as_of.isoformat(), suffix=".docx")
        written.append(GeneratedDocument(no, render_docx(templates / LETTER_TEMPLATE, context, out)))
    return with_pdfs(written) if pdf else written, errors
