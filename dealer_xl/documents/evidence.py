"""The 证据清单 that goes with a complaint: each exhibit with its source in the books, and two annexes.

Exhibits, numbered in order: the parties' identity documents (原告 from 参数 SELLER_*, the buyer's
and guarantor's 客户 rows), the contract with its schedule, the delivery (销售明细 交车日期), the
receipts (收款记录, listed in 附表二), the 催收记录, every demand letter sent — its 函号 from the
register and its 送达回执 from the 已送达 row of 催收记录, or a line saying none is recorded — the
repossession with its fees when the machine is held, and the calculation (附表一). 附表一 lists each
installment due before the date and not paid in full, or bearing penalty, with its penalty at the
claimed rate; its totals reconcile to the complaint's claims to the fen (penalty already paid is
shown as a deduction). Nothing is made up: a fact the books lack is named as missing in the
exhibit's 证据来源.
"""

from __future__ import annotations

from dealer_xl.domain.demand import penalty_days
from dealer_xl.domain.money import ZERO
from dealer_xl.ledger import Ledger

from ..schema import labels
from .court_case import CourtCase
from .rendering import cn_date, num


def _exhibit(name: str, source: str, proves: str) -> dict[str, str]:
    return {"name": name, "source": source, "proves": proves}


def exhibits(led: Ledger, case: CourtCase, buyer_name: str, guarantor_name: str | None) -> list[dict[str, str]]:
    """The numbered exhibits of ``case`` (see the module docstring)."""
    file, as_of = case.file, case.as_of
    contract, sale = file.contract, file.sale or {}
    customer_id = contract.get("customer_id") or ""
    found = [_exhibit("原告营业执照副本、法定代表人身份证明书", "原告", "原告的诉讼主体资格"),
             _exhibit(f"被告{buyer_name}身份证明（身份证复印件或营业执照）", f"主数据.xlsx「客户」{customer_id} 建档资料",
                      "被告的诉讼主体资格")]
    if guarantor_name:
        found.append(_exhibit(f"被告{guarantor_name}（保证人）身份证明", f"主数据.xlsx「客户」{contract.get('guarantor')} 建档资料",
                              "保证人的诉讼主体资格"))
    found.append(_exhibit(f"《分期付款买卖合同》（编号 {file.contract_no}）", f"合同原件，{cn_date(contract['sign_date'])}签订",
                          "买卖合同关系，价款、分期付款方式、违约金、所有权保留" + ("、保证" if guarantor_name else "")
                          + "及管辖的约定"))
    found.append(_exhibit("还款计划表（合同附件一）", f"应收款台账.xlsx「还款计划」，共 {len(file.installments)} 期"
                          f"（{file.schedule_source}）", "各期应还日期和应还金额"))
    delivery = sale.get("delivery_date")
    found.append(_exhibit("车辆交接单", f"销售台账.xlsx「销售明细」交车日期 {cn_date(delivery)}" if delivery
                          else "销售台账.xlsx「销售明细」未填交车日期，请补充交接单", "原告已交付标的物"))
    receipts = [p for p in file.payments if p.day <= as_of]
    found.append(_exhibit(f"首付款及还款收据（{len(receipts)} 笔，见附表二）", "应收款台账.xlsx「收款记录」",
                          "被告已付款项及欠付事实"))
    log = [r for r in file.log_rows if r.get("log_date") and r["log_date"] <= as_of]
    if log:
        found.append(_exhibit(f"催收记录（{len(log)} 条，{cn_date(log[0]['log_date'])}至{cn_date(log[-1]['log_date'])}）",
                              "应收款台账.xlsx「催收记录」", "原告多次催告被告付款"))
    for s in case.letters:
        named = f"{s.kind}（函号 {s.number}，{cn_date(s.day)}）" if s.number else f"{s.kind}（{cn_date(s.day)}）"
        source = f"文书/函号登记.csv，文件 {s.file}" if s.number else "应收款台账.xlsx「催收记录」（函号未登记）"
        found.append(_exhibit(named, source, "原告催告被告在合理期限内付款"
                              + ("，主张全部价款" if case.claim.accelerated else "")))
        found.append(_exhibit(f"{named}的送达回执",
                              f"应收款台账.xlsx「催收记录」{cn_date(s.delivered)} 已送达" if s.delivered
                              else "台账中没有送达记录，请补充送达回执或邮寄凭证",
                              "催告已送达，诉讼时效中断（《民法典》第一百九十五条）"))
    if case.held:
        found.append(_exhibit("扣车记录、车辆交接单及拖车、保管、评估费用票据",
                              f"应收款台账.xlsx「扣车记录」{cn_date(case.held['repo_date'])}",
                              "原告取回标的物的事实及实现债权的费用"))
    found.append(_exhibit("欠款及违约金计算表（附表一）", "经销商助手按台账计算", "欠付价款、利息及违约金的数额"))
    return [{"no": n, **e} for n, e in enumerate(found, 1)]


def calculation_rows(led: Ledger, case: CourtCase) -> tuple[list[dict], dict]:
    """附表一: the rows (installments due before the date and unpaid, or bearing penalty) and the totals."""
    grace, as_of = int(led.params["grace_days"]), case.as_of
    rows = [s for s in case.position.installments if s.due_date < as_of and (s.outstanding > 0 or s.penalty > 0)]
    shown = sum((s.penalty for s in rows), ZERO)
    out = [{"period": s.period, "due_date": s.due_date.isoformat(), "amount_due": num(s.amount_due),
            "outstanding": num(s.outstanding), "days": s.days_overdue(as_of),
            "penalty_days": penalty_days(s.days_overdue(as_of), grace), "penalty": num(s.penalty)} for s in rows]
    totals = {"outstanding": num(sum((s.outstanding for s in rows), ZERO)), "penalty": num(shown),
              "penalty_paid": num(shown - case.claim.penalty), "penalty_owed": num(case.claim.penalty),
              "deduct": shown != case.claim.penalty}
    return out, totals


def evidence_context(led: Ledger, case: CourtCase, complaint: dict, *, draft_mark: str = "") -> dict:
    """The 证据清单 context of ``case`` (``complaint``: the complaint's context, for the parties)."""
    file, as_of = case.file, case.as_of
    buyer_name = (file.customer or {}).get("name") or ""
    guarantor_row = led.person(file.contract.get("guarantor")) if file.contract.get("guarantor") else None
    guarantor_name = (guarantor_row or {}).get("name")
    rows, totals = calculation_rows(led, case)
    down = file.contract.get("down_payment")
    receipts = ([{"no": labels.DOWN_PAYMENT, "day": cn_date(file.contract.get("sign_date")), "amount": num(down), "kind": "签订时支付"}]
                if down else [])
    receipts += [{"no": p.receipt_no or "", "day": cn_date(p.day), "amount": num(p.amount),
                  "kind": {"receipt": "还款", "disposal": "处置款", "recovery": "核销后追回", "opening": "期初"}.get(p.kind, p.kind)}
                 for p in file.payments if p.day <= as_of]
    return {
        "contract_no": file.contract_no, "draft_mark": draft_mark, "seller": complaint["seller"],
        "court": complaint["court"], "date": cn_date(as_of),
        "defendants": "、".join(n for n in (buyer_name, guarantor_name) if n),
        "exhibits": exhibits(led, case, buyer_name, guarantor_name),
        "rows": rows, "totals": totals, "receipts": receipts,
        "received": num(sum((p.amount for p in file.payments if p.day <= as_of), ZERO) + (down or ZERO)),
        "interest": num(case.claim.interest), "price": num(case.claim.price),
    }
