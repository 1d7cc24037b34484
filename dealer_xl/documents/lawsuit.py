"""The court file of an overdue installment contract: a 民事起诉状 and its 证据清单 (``letter --kind lawsuit``).

The complaint follows the element form of the Supreme People's Court for 买卖合同纠纷 (民事起诉状
示范文本, 法〔2025〕82号; see docs/信审.md): 当事人信息, 诉讼请求和依据 (1 给付价款 … 11 请求依据),
约定管辖和诉讼保全, 事实与理由 (1–23), 调解意愿, 具状人. Its figures are :mod:`.court_case`'s: the
price (the overdue principal, or under 第634条 the whole unpaid price), the overdue interest, the
penalty at the contract's rate capped at 4 × LPR, the recorded costs, the 标的总额 and the
案件受理费; the court is the one the contract's 争议解决 clause names (参数 SELLER_COURT). The
evidence list is :mod:`.evidence`'s.

Guarantees: a contract whose rows hold a cell validation calls an 错误 (what is owed as of the date,
the buyer's and guarantor's 客户 rows, the machine, the rates incl. lpr_1y) gets no file
(:class:`~.gated.Refused`, with the cells); one with nothing overdue gets none (:class:`NothingToClaim`);
every missing fact — buyer's name, ID or address, the guarantor's, the seller's 法定代表人 and phone,
a court named only as 出卖人住所地人民法院 — is reported at once and nothing is written for it; the
seller is never a placeholder (an incomplete seller refuses the run unless ``draft``, whose pages
carry the 样稿 mark); both documents are written or neither.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from dealer_xl.checks.gate import param_rows
from dealer_xl.domain.lawsuit import payment_record
from dealer_xl.ledger import Ledger
from dealer_xl.ledger.requirements import require as require_columns

from ..schema import labels
from .contracts import machine_facts
from .court_case import CourtCase, court_case
from .court_parties import defendant_text, plaintiff_text
from .evidence import evidence_context
from .gated import OWED_PARAMS, Refused, machine_rows, owed_gate, parties
from .lawsuit_facts import claims, facts
from .names import output_path
from .rendering import cn_date, render_docx
from .seller import TEMPLATES, printable, require_seller
from .sources import GeneratedDocument, MissingData, contract_key, party, require, seller_of, with_pdfs

COMPLAINT_TEMPLATE, EVIDENCE_TEMPLATE = "民事起诉状.docx", "证据清单.docx"
GENERIC_COURTS = ("出卖人住所地人民法院", "住所地")
RATE_PARAMS = ("lpr_1y", "limitation_years", "limitation_warn_days")
COURT_NAME = re.compile(r"法院$")
PARTY_FACTS = (("name", "名称"), ("id_number", labels.header("master", "customers", "id_number")),
               ("address", "住所地（送达地址）"))


class NothingToClaim(ValueError):
    """The contract has nothing overdue as of the date: there is nothing to sue for."""


def court_of(seller_court: str, missing: list[str]) -> str:
    """The court the 争议解决 clause names; a generic 住所地 court is asked to be named in full."""
    court = seller_court.strip()
    if not court or any(g in court for g in GENERIC_COURTS) or not COURT_NAME.search(court):
        missing.append(f"受诉法院：参数 SELLER_COURT（合同争议解决条款约定的法院）为「{court or '空'}」，"
                       "请填写法院全称（如 郑州市管城回族区人民法院）")
    return court


def complaint_context(led: Ledger, case: CourtCase, *, draft_mark: str = "") -> dict:
    """The 民事起诉状 context of ``case``; raises NothingToClaim or MissingData (every gap at once)."""
    file, no = case.file, case.file.contract_no
    if case.row is None:
        raise NothingToClaim(f"合同 {no} 截至 {case.as_of} 没有逾期款项，不出具起诉状")
    missing: list[str] = []
    seller = printable(seller_of(led)) if draft_mark else seller_of(led)
    if not draft_mark:
        require(missing, seller.legal_rep, "出卖人法定代表人（参数 SELLER_LEGAL_REP）")
        require(missing, seller.phone, "出卖人联系电话（参数 SELLER_PHONE）")
    court = court_of(seller_of(led).court, missing)
    buyer = party(file.customer) if file.customer else None
    if buyer is None:
        missing.append(f"被告（客户编号 {file.contract.get('customer_id') or '未填'} 不在 主数据.xlsx / 客户 中）")
    else:
        for key, label in PARTY_FACTS:
            require(missing, buyer[key], f"被告{label}（主数据.xlsx / 客户 {file.customer.get('customer_id')}）")
    guarantor = _guarantor(led, file.contract.get("guarantor"), missing)
    for key in ("sign_date", "total_price"):
        require(missing, file.contract.get(key), f"{labels.header('receivables', 'contracts', key)}（应收款台账.xlsx / 分期合同）")
    machine = machine_facts(led, file.contract, missing)
    if missing:
        raise MissingData(f"合同 {no} 的起诉状", missing)
    defendants = [{"role": "被告一（买受人）" if guarantor else "被告（买受人）", "text": defendant_text(buyer)}]
    if guarantor:
        defendants.append({"role": "被告二（保证人）", "text": defendant_text(guarantor)})
    paid = payment_record(case.position, file.contract.get("down_payment"), int(led.params["grace_days"]))
    return {
        "contract_no": no, "draft_mark": draft_mark, "seller": seller, "court": court,
        "plaintiff": plaintiff_text(seller), "defendants": defendants,
        "service_address": f"地址：{seller.address}\n收件人：{seller.legal_rep}　联系电话：{seller.phone}",
        "claims": claims(led, case, buyer, guarantor),
        "jurisdiction": f"有☑ 合同条款及内容：《分期付款买卖合同》（编号 {no}）争议解决条款：“因本合同发生的争议，"
                        f"各方协商解决；协商不成的，向{court}提起诉讼。”\n无□",
        "facts": facts(led, case, seller, buyer, guarantor, machine, paid),
        "date": cn_date(case.as_of), "copies": len(defendants),
    }


def _guarantor(led: Ledger, value: object, missing: list[str]) -> dict | None:
    if not value:
        return None
    row = led.person(value)
    if row is None:
        missing.append(f"保证人「{value}」的证件号码和住所地（请在 主数据.xlsx / 客户 中建档，担保人填客户编号或唯一的姓名）")
        return None
    found = party(row)
    for key, label in PARTY_FACTS:
        require(missing, found[key], f"保证人{label}（主数据.xlsx / 客户 {row.get('customer_id') or ''}）")
    return found


def generate_lawsuits(led: Ledger, as_of: date, out_dir: Path, contract_nos: list[str], *, pdf: bool = True,
                      templates: Path = TEMPLATES, draft: bool = False
                      ) -> tuple[list[GeneratedDocument], list[ValueError]]:
    """Write the 民事起诉状 and 证据清单 of each contract into ``out_dir``; returns (written, errors).
    Raises SellerIncomplete (nothing written) for an incomplete seller unless ``draft``."""
    require_columns(led, "letters", "生成起诉状")
    draft_mark = require_seller(seller_of(led), draft=draft)
    g = owed_gate(led, as_of)
    written: list[GeneratedDocument] = []
    errors: list[ValueError] = []
    for no in map(contract_key, contract_nos):
        file = led.receivables.by_no.get(no)
        if file is None:
            errors.append(MissingData(f"合同 {no} 的起诉状", ["应收款台账.xlsx / 分期合同中的此合同"]))
            continue
        found = g.stops(no, rows=[*parties(led, no), *machine_rows(led, no), *param_rows(led, *OWED_PARAMS, *RATE_PARAMS)])
        if found:
            errors.append(Refused("起诉状", no, found))
            continue
        try:
            case = court_case(led, file, as_of)
            complaint = complaint_context(led, case, draft_mark=draft_mark)
            evidence = evidence_context(led, case, complaint, draft_mark=draft_mark)
        except (MissingData, NothingToClaim) as e:
            errors.append(e)
            continue
        for title, template, context in (("民事起诉状", COMPLAINT_TEMPLATE, complaint),
                                         ("证据清单", EVIDENCE_TEMPLATE, evidence)):
            out = output_path(Path(out_dir), title, no, as_of.isoformat(), suffix=".docx")
            written.append(GeneratedDocument(no, render_docx(templates / template, context, out)))
    return with_pdfs(written) if pdf else written, errors
