"""整机出库单: the form a delivered machine leaves with, one page per machine, from ``templates/出库单.docx``.

It names the sale (合同编号, 交车日期, 分公司, the 业务员 by name), the machine (机型, 类别, 整机编号, 厂家, and
the GPS unit when the contract's 抵押物 says so), the buyer (name, ID or credit code, phone, address),
check boxes for the accessories and documents handed over, the whole-machine warranty end and the
first service due (:class:`dealer_xl.ledger.handover.Delivery`, the same figures the list to 售后
shows), the service phone (参数 SELLER_PHONE, when filled), and ruled boxes for the salesperson, the store keeper and the buyer to sign. Guarantees:
the company is the seller of 参数 ``SELLER_NAME`` — never a placeholder: without it nothing is
written (:class:`~dealer_xl.documents.seller.SellerIncomplete`, exit 2); every missing fact of one
machine is reported at once (:class:`~dealer_xl.documents.sources.MissingData`) and nothing is written
for it; file names are safe whatever the contract number holds (``文书/出库单_<合同编号>.docx``, PDF
beside it where LibreOffice is installed).
"""

from __future__ import annotations

from pathlib import Path

from dealer_xl.ledger import Ledger
from dealer_xl.ledger.handover import Delivery

from .contracts import machine_facts
from .names import output_path
from .rendering import cn_date, render_docx
from .seller import TEMPLATES, SellerIncomplete
from .sources import GeneratedDocument, MissingData, party, require, seller_of, with_pdfs

TEMPLATE = "出库单.docx"
TITLE = "出库单"


def outbound_context(led: Ledger, d: Delivery) -> dict:
    """The template context of delivery ``d``; MissingData naming every gap."""
    missing: list[str] = []
    no = d.contract_no
    if not d.customer:
        missing.append(f"买受人（客户编号 {d.sale['customer_id'] or '未填'} 不在 主数据.xlsx / 客户 中）")
    else:
        require(missing, d.customer.get("id_number"), f"买受人证件号码（主数据.xlsx / 客户 {d.customer.get('customer_id')}）")
    require(missing, d.sale["salesperson"], f"业务员（销售台账.xlsx / 销售明细 合同 {no}）")
    contract = led.contract(no) or {}
    machine = machine_facts(led, {**d.sale, "collateral": contract.get("collateral")}, missing)
    if missing:
        raise MissingData(f"合同 {no} 的出库单", missing)
    seller = seller_of(led)
    first = d.first_service
    limits = ([f"{(first.due_date - d.delivered).days} 天内"] if first.due_date else []) + \
        ([f"工作满 {first.due_hours} 小时"] if first.due_hours else [])
    first_text = ("交车后" + "或".join(limits) + ("，以先到为准" if len(limits) > 1 else "")) if limits else "按厂家保养手册"
    first_text += f"（约{cn_date(first.due_date)}前）" if first.due_date else ""
    hours = d.warranty_hours
    return {
        "contract_no": no, "note_no": f"CK-{no}", "delivery_date": cn_date(d.delivered), "machine": machine,
        "branch": str(d.sale["branch"] or ""), "salesperson": d.salesperson, "buyer": party(d.customer),
        "warranty_end": cn_date(d.warranty_end) if d.warranty_end else "整机三包期届满",
        "warranty_hours_text": f"（或累计工作 {hours} 小时，以先到为准）" if hours else "",
        "first_service_text": first_text, "seller": seller, "draft_mark": "",
    }


def generate_outbound(led: Ledger, found: list[Delivery], out_dir: Path, *, pdf: bool = True,
                      templates: Path = TEMPLATES) -> tuple[list[GeneratedDocument], list[MissingData]]:
    """Write the 出库单 of each delivery of ``found``; returns (written, not written with why)."""
    if not seller_of(led).name:
        raise SellerIncomplete("出卖人名称未填，未生成出库单：请在 主数据.xlsx / 参数 中填写 SELLER_NAME（出库单上印公司全称）")
    written: list[GeneratedDocument] = []
    errors: list[MissingData] = []
    for d in found:
        try:
            context = outbound_context(led, d)
        except MissingData as e:
            errors.append(e)
            continue
        out = output_path(Path(out_dir), TITLE, d.contract_no, suffix=".docx")
        written.append(GeneratedDocument(d.contract_no, render_docx(templates / TEMPLATE, context, out)))
    return (with_pdfs(written) if pdf else written), errors
