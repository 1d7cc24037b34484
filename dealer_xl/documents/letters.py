"""Demand letters (催款函, DOMAIN §6) for overdue installment contracts.

The overdue position is the Ledger's (:meth:`dealer_xl.ledger.Receivables.positions`); what the letter
demands and threatens comes from :func:`dealer_xl.domain.demand.demand_terms`: overdue principal, interest and penalty
(itemised per installment: days beyond the grace days × the daily rate), the 第634条 whole-price
claim (unpaid price + overdue interest + penalty) when unpaid due amounts reach 1/5, taking the
machine back (第642条) only below the 75% paid ratio, and the redemption wording (第643条) for a
machine held in 扣车记录. Each letter gets a 函号 (:mod:`.letter_numbers`), a copy for the
guarantor named by name with their own 送达回执, and the contact is the worklist's responsible
person. Guarantees: a contract whose rows hold a cell validation calls an 错误 (terms, schedule,
receipts up to the date, repossessions, write-off, the buyer's and guarantor's 客户 rows, the machine,
the rates) gets no letter (:class:`~dealer_xl.documents.gated.Refused`, with the cells); a contract
with nothing overdue gets no letter (:class:`NothingOverdue`); all
missing data of a letter is reported at once and nothing is written for it; a deadline before the
letter's date, or an incomplete seller without ``draft``, refuses the whole run (one Chinese line).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from dealer_xl.domain.allocation import ContractPosition
from dealer_xl.domain.collection import responsible
from dealer_xl.domain.demand import HeldMachine, demand_terms, penalty_days
from dealer_xl.domain.money import ZERO
from dealer_xl.domain.rmb import contract_amount_text
from dealer_xl.ledger import Ledger
from dealer_xl.ledger.receivables import ContractFile, Receivables
from dealer_xl.ledger.requirements import require as require_columns
from dealer_xl.problems import BookError

from .contracts import machine_facts
from .gated import Refused, owed_gate, owed_stops
from .letter_numbers import LetterCounter
from .names import output_path
from .rendering import cn_date, num, pct, render_docx
from .seller import TEMPLATES, printable, require_seller
from .sources import (
    GeneratedDocument,
    ImplausibleData,
    MissingData,
    contract_key,
    iso,
    party,
    require,
    seller_of,
    with_pdfs,
)

LETTER_TEMPLATE = "催款函.docx"
DEADLINE_DAYS = 10


class NothingOverdue(ValueError):
    """The contract has nothing overdue as of the date: no letter is due."""


def letter_context(ledgers: Ledger, file: ContractFile, position: ContractPosition, *,
                   deadline: date | None = None, letter_no: str = "", draft_mark: str = "") -> dict:
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
    guarantor = _guarantor(ledgers, file.contract.get("guarantor"), missing)
    machine = machine_facts(ledgers, file.contract, missing)
    if missing:
        raise MissingData(f"合同 {no} 的催款函", missing)
    total = Decimal(file.contract["total_price"])
    terms = demand_terms(position, total, file.contract.get("down_payment"),
                         acceleration_ratio=ledgers.decimal("acceleration_ratio"),
                         no_repossession_ratio=ledgers.decimal("no_repossession_paid_ratio"),
                         held=held_machine(ledgers, no))
    grace = int(ledgers.params["grace_days"])
    rows = [{"period": s.period, "due_date": iso(s.due_date), "amount_due": num(s.amount_due),
             "outstanding": num(s.outstanding), "days": s.days_overdue(as_of),
             "penalty_days": penalty_days(s.days_overdue(as_of), grace), "penalty": num(s.penalty)} for s in missed]
    accrued_missed = sum((s.penalty for s in missed), ZERO)
    seller = printable(seller_of(ledgers)) if draft_mark else seller_of(ledgers)
    copies = [{"label": "买受人联", "to": buyer, "guarantor": False, "you": "贵方", "buyer_ref": "贵方"}]
    if guarantor:
        copies.append({"label": "保证人联", "to": guarantor, "guarantor": True,
                       "you": f"买受人{buyer['name']}", "buyer_ref": "买受人"})
    held = terms.held
    return {
        "contract_no": no, "sign_date": cn_date(file.contract["sign_date"]), "as_of": cn_date(as_of),
        "letter_date": cn_date(as_of), "letter_no": letter_no or "＿＿＿＿", "draft_mark": draft_mark,
        "buyer": buyer, "machine": machine, "seller": seller, "guarantor": guarantor, "copies": copies,
        "total_price": contract_amount_text(total),
        "paid": contract_amount_text((file.contract.get("down_payment") or ZERO) + position.received),
        "missed": rows, "missed_total": {"outstanding": num(position.overdue), "penalty": num(accrued_missed)},
        "missed_count": len(missed), "dpd": position.dpd, "grace_days": grace,
        "penalty_note": _penalty_note(accrued_missed, terms.penalty),
        "overdue": contract_amount_text(position.overdue),
        "principal": contract_amount_text(terms.principal), "interest": contract_amount_text(terms.interest),
        "penalty": contract_amount_text(terms.penalty), "demand": contract_amount_text(terms.demand),
        "deadline": cn_date(deadline or as_of + timedelta(days=DEADLINE_DAYS)),
        "penalty_daily_rate": pct(ledgers.decimal("penalty_daily_rate")),
        "legal_basis": _legal_basis(terms.acceleration, terms.repossession, held is not None),
        "acceleration": terms.acceleration,
        "accelerated": {"total": contract_amount_text(terms.accelerated),
                        "price": contract_amount_text(terms.unpaid_price)},
        "repossession": terms.repossession,
        "held": {"date": cn_date(held.day), "location": held.location or "我公司指定地点",
                 "redeem": contract_amount_text(terms.redeem),
                 "fees_note": f"，含扣押发生的拖车、保管、评估费用{num(held.costs)}元" if held.costs else ""}
        if held else None,
        "contact": {"name": _contact(ledgers, file, position), "phone": seller.phone},
    }


def _penalty_note(accrued_missed: Decimal, unpaid: Decimal) -> str:
    if accrued_missed == unpaid:
        return f"上表合计{num(unpaid)}元。"
    return f"上表合计{num(accrued_missed)}元，加已还各期逾期期间的违约金、减已付违约金，尚欠{num(unpaid)}元。"


def _legal_basis(acceleration: bool, repossession: bool, held: bool) -> str:
    articles = ["第六百三十四条"] if acceleration else []
    articles += ["第六百四十二条"] if repossession else ["第六百四十三条"] if held else []
    return "、".join([*articles, "第五百七十七条", "第五百八十五条"])


def held_machine(ledgers: Ledger, contract_no: str) -> HeldMachine | None:
    """The contract's machine in 扣车记录 with status 扣押中 (the latest), None when not held."""
    rows = [r for r in ledgers.rows("receivables", "repossessions")
            if r.get("contract_no") == contract_no and r.get("status") == "扣押中"]
    if not rows:
        return None
    row = max(rows, key=lambda r: r.get("repo_date") or date.min)
    costs = sum((Decimal(row.get(f) or 0) for f in ("towing_fee", "storage_fee", "appraisal_fee")), ZERO)
    return HeldMachine(row.get("repo_date"), str(row.get("location") or ""), costs)


def _guarantor(ledgers: Ledger, value: object, missing: list[str]) -> dict | None:
    """The guarantor as a party named by name (a 客户编号 or a unique name in 客户)."""
    if not value:
        return None
    row = ledgers.person(value)
    if row is None:
        missing.append(f"担保人「{value}」的姓名和送达地址（请在 主数据.xlsx / 客户 中建档，担保人填客户编号或唯一的姓名）")
        return None
    result = party(row)
    require(missing, result["name"], f"担保人名称（主数据.xlsx / 客户 {row.get('customer_id') or ''}）")
    require(missing, result["address"], f"担保人送达地址（主数据.xlsx / 客户 {row.get('customer_id') or ''}）")
    return result


def _contact(ledgers: Ledger, file: ContractFile, position: ContractPosition) -> str:
    """The worklist's responsible person: the salesperson up to the handover days, then the collector."""
    who = responsible(position.dpd, int(ledgers.params["sales_to_credit_handover_days"]),
                      (file.sale or {}).get("salesperson"), file.contract.get("collector"))
    person = ledgers.employee(who) or {}
    return person.get("name") or who


def overdue_contracts(data: Receivables, positions: dict[str, ContractPosition], ledgers: Ledger,
                      collector: str) -> list[str]:
    """Contract numbers with something overdue whose 催收责任人 is ``collector`` (name or 工号)."""
    wanted = ledgers.employee(collector) or {"emp_id": collector, "name": collector}
    names = {wanted.get("emp_id"), wanted.get("name")} - {None}
    return [c.contract_no for c in data.contracts
            if c.contract.get("collector") in names and positions[c.contract_no].overdue > 0]


def generate_letters(ledgers: Ledger, as_of: date, out_dir: Path, *, contract_nos: list[str] | None = None,
                     collector: str | None = None, all_overdue: bool = False, limit: int | None = None,
                     deadline: date | None = None, pdf: bool = True, templates: Path = TEMPLATES,
                     draft: bool = False) -> tuple[list[GeneratedDocument], list[ValueError]]:
    """Write the letters for ``contract_nos``, every overdue contract of ``collector``, or every
    overdue contract (``all_overdue``) into ``out_dir``, stopping after ``limit`` letters when given;
    returns (documents written, errors of the contracts not written). Each letter takes the next
    函号 of its year from the register in the books folder's 文书/ (drafts take none). Raises
    BookError when ``deadline`` is before ``as_of`` or the seller is incomplete and not ``draft``."""
    if deadline is not None and deadline < as_of:
        raise BookError(f"付款期限 {deadline.isoformat()} 早于催款函日期 {as_of.isoformat()}，未生成催款函")
    require_columns(ledgers, "letters", "生成催款函")
    draft_mark = require_seller(seller_of(ledgers), draft=draft)
    data = ledgers.receivables
    positions = data.positions(as_of)
    files = {c.contract_no: c for c in data.contracts}
    numbers = [contract_key(n) for n in contract_nos or []]
    if all_overdue:
        numbers += [c.contract_no for c in data.contracts if positions[c.contract_no].overdue > 0]
    elif collector:
        numbers += overdue_contracts(data, positions, ledgers, collector)
    counter = LetterCounter(ledgers.books_dir)
    written: list[GeneratedDocument] = []
    errors: list[ValueError] = []
    g = owed_gate(ledgers, as_of)
    for no in numbers:
        if limit is not None and len(written) >= limit:
            break
        if no not in files:
            errors.append(MissingData(f"合同 {no} 的催款函", ["应收款台账.xlsx / 分期合同中的此合同"]))
            continue
        if no in data.skipped:
            errors.append(ImplausibleData(f"合同 {no} 的催款函", [data.skipped[no]]))
            continue
        found = owed_stops(ledgers, g, no)
        if found:
            errors.append(Refused("催款函", no, found))
            continue
        try:
            letter_no = "" if draft_mark else counter.peek(as_of)
            context = letter_context(ledgers, files[no], positions[no], deadline=deadline, letter_no=letter_no,
                                     draft_mark=draft_mark)
        except (MissingData, NothingOverdue) as e:
            errors.append(e)
            continue
        out = output_path(Path(out_dir), "催款函", no, as_of.isoformat(), suffix=".docx")
        written.append(GeneratedDocument(no, render_docx(templates / LETTER_TEMPLATE, context, out)))
        if not draft_mark:
            counter.take(as_of, no, out)
    counter.save()
    return with_pdfs(written) if pdf else written, errors
