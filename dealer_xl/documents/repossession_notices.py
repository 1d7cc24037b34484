"""扣车通知书 and 车辆交接单 (DOMAIN §3, 民法典 第642–643条) of contracts with a 扣车记录 row.

扣车通知书, to the buyer with a copy to the guarantor: the machine taken back (date, place, keeper),
what is owed as of the date — overdue principal, interest and penalty from the allocation, and
the 拖车费 + 保管费 recorded — in figures and 大写, their total as the amount to redeem, the date
after which the machine will be sold (as-of date + :data:`REDEEM_DAYS` unless given), and what
happens to the proceeds. 车辆交接单, for the handover to the keeper: serial, model, the latest
hour meter reading in 服务工单 up to the date, place and keeper, and check boxes for condition, accessories,
photos and signatures. Both from .docx templates built by scripts/build_templates.py. The
contract's latest 扣车记录 up to the date is used; a contract without one gets no document
(:class:`NotRepossessed`); a contract whose rows hold a cell validation calls an 错误 (what is owed,
the 扣车记录 with its fees, the buyer's and guarantor's 客户 rows, the machine) gets none
(:class:`~dealer_xl.documents.gated.Refused`, with the cells); all missing data is reported at once
and nothing written for it.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from dealer_xl.domain.money import ZERO
from dealer_xl.domain.repossession import redemption_amount
from dealer_xl.domain.rmb import contract_amount_text
from dealer_xl.ledger import Ledger

from .contracts import machine_facts
from .gated import Refused, owed_gate, owed_stops
from .names import output_path
from .rendering import cn_date, render_docx
from .seller import TEMPLATES
from .sources import GeneratedDocument, MissingData, party, require, seller_of, with_pdfs

KINDS = {"repossession": ("扣车通知书", "扣车通知书.docx"), "handover": ("车辆交接单", "车辆交接单.docx")}
REDEEM_DAYS = 15


class NotRepossessed(ValueError):
    """The contract has no 扣车记录 row up to the date."""


def notice_context(ledgers: Ledger, no: str, as_of: date, *, deadline: date | None = None,
                   kind: str = "handover") -> dict:
    """The context of both documents for contract ``no`` (NotRepossessed / MissingData); a
    扣车通知书 (``kind`` repossession) also NotRepossessed once the machine was redeemed or sold."""
    file = ledgers.receivables.by_no[no]
    repos = [r for r in file.repossessions if r.get("repo_date") and r["repo_date"] <= as_of]
    if not repos:
        raise NotRepossessed(f"合同 {no} 截至 {as_of} 没有扣车记录，不出具扣车文书")
    row = repos[-1]
    ended = row.get("redeemed_date") if row.get("status") == "已赎回" else \
        row.get("disposal_date") if row.get("status") == "已处置" else None
    if kind == "repossession" and ended is not None and ended <= as_of:
        raise NotRepossessed(f"合同 {no} 的扣押设备已于 {ended} {row['status'][1:]}，不再出具扣车通知书")
    missing: list[str] = []
    buyer = party(file.customer) if file.customer else {}
    if not file.customer:
        missing.append(f"买受人（客户编号 {file.contract.get('customer_id') or '未填'} 不在 主数据.xlsx / 客户 中）")
    else:
        require(missing, buyer["address"], f"买受人送达地址（主数据.xlsx / 客户 {file.customer.get('customer_id')}）")
    require(missing, row.get("location"), "存放地点（应收款台账.xlsx / 扣车记录）")
    require(missing, row.get("keeper"), "保管人（应收款台账.xlsx / 扣车记录）")
    machine = machine_facts(ledgers, file.contract, missing)
    if missing:
        raise MissingData(f"合同 {no} 的扣车文书", missing)
    position = ledgers.receivables.position(no, as_of)
    fees = (row.get("towing_fee") or ZERO) + (row.get("storage_fee") or ZERO)
    guarantor = ledgers.person(file.contract.get("guarantor")) if file.contract.get("guarantor") else None
    orders = [w for w in ledgers.rows("service", "work_orders") if w.get("serial_no") == machine["serial"]
              and w.get("hour_meter") is not None and w.get("open_date") and w["open_date"] <= as_of]
    last = max(orders, key=lambda w: w["open_date"], default=None)
    collector = ledgers.employee(file.contract.get("collector")) or {}
    return {
        "contract_no": no, "sign_date": cn_date(file.contract.get("sign_date")) if file.contract.get("sign_date") else "",
        "as_of": cn_date(as_of), "repo_date": cn_date(row["repo_date"]), "buyer": buyer, "machine": machine,
        "seller": seller_of(ledgers), "draft_mark": "", "location": row.get("location") or "", "keeper": row.get("keeper") or "",
        "guarantor": ({"name": guarantor.get("name") or "", "address": guarantor.get("address") or ""} if guarantor
                      else {"name": str(file.contract["guarantor"]), "address": ""}) if file.contract.get("guarantor") else None,
        "principal": contract_amount_text(position.overdue_principal),
        "interest": contract_amount_text(position.overdue_interest),
        "penalty": contract_amount_text(position.penalty_outstanding), "fees": contract_amount_text(fees),
        "redeem": contract_amount_text(redemption_amount(position, row)),
        "remaining": contract_amount_text(position.not_due),
        "deadline": cn_date(deadline or as_of + timedelta(days=REDEEM_DAYS)),
        "hour_meter": f"{last['hour_meter']}" if last else "________",
        "last_service": f"{last['open_date']:%Y-%m-%d} 工单 {last['wo_no']}" if last else "无",
        "contact": {"name": collector.get("name") or file.contract.get("collector") or "", "phone": seller_of(ledgers).phone},
    }


def generate_notices(led: Ledger, kind: str, as_of: date, out_dir: Path, contract_nos: list[str], *,
                     deadline: date | None = None, pdf: bool = True,
                     templates: Path = TEMPLATES) -> tuple[list[GeneratedDocument], list[ValueError]]:
    """Write the ``kind`` (repossession | handover) document of each contract of the Ledger;
    returns (written, errors)."""
    title, template = KINDS[kind]
    written: list[GeneratedDocument] = []
    errors: list[ValueError] = []
    g = owed_gate(led, as_of)
    for no in contract_nos:
        if no not in led.receivables.by_no:
            errors.append(MissingData(f"合同 {no} 的{title}", ["应收款台账.xlsx / 分期合同中的此合同"]))
            continue
        found = owed_stops(led, g, no)
        if found:
            errors.append(Refused(title, no, found))
            continue
        try:
            context = notice_context(led, no, as_of, deadline=deadline, kind=kind)
        except (MissingData, NotRepossessed) as e:
            errors.append(e)
            continue
        out = output_path(Path(out_dir), title, no, as_of.isoformat(), suffix=".docx")
        written.append(GeneratedDocument(no, render_docx(templates / template, context, out)))
    return with_pdfs(written) if pdf else written, errors


def repossessed_contracts(led: Ledger, as_of: date) -> list[str]:
    """Contract numbers with a 扣车记录 row up to ``as_of`` whose machine is still held (扣押中)."""
    return [c.contract_no for c in led.receivables.contracts
            if any(r.get("repo_date") and r["repo_date"] <= as_of and r.get("status") == "扣押中" for r in c.repossessions)]
