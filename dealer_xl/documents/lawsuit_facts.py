"""The wording of a complaint's 诉讼请求和依据 (items 1–11) and 事实与理由 (items 1–23), from the books.

Each item of the court's element form for 买卖合同纠纷 is one text (lines separated by ``\\n``, tick
boxes ☑/□ set from the books; what the books cannot know is left unticked for the lawyer). Amounts
are printed in figures and 大写 where the form asks for a sum, and every amount is the one
:mod:`.court_case` computed, so the complaint, its evidence list and the 清欠纠纷 report agree to the fen.
"""

from __future__ import annotations

from datetime import timedelta

from dealer_xl.domain.lawsuit import PaymentRecord
from dealer_xl.domain.rmb import contract_amount_text
from dealer_xl.ledger import Ledger

from ..schema import labels
from .court_case import CourtCase
from .court_parties import BOX, TICK, yes_no
from .rendering import cn_date, num, pct
from .seller import Seller

NO_QUALITY = f"无{TICK} 有{BOX}"


def _money(value) -> str:
    return str(contract_amount_text(value))


def rate_note(case: CourtCase) -> str:
    """How the penalty rate claimed relates to the contract's (capped at 4 × LPR, 民法典第585条)."""
    rate = case.rate
    if not rate.capped:
        return f"按合同约定日{pct(rate.daily)}"
    return (f"合同约定日{pct(rate.contract_daily)}，折合年利率{pct(rate.contract_daily * 365)}，超过一年期贷款市场报价利率"
            f"四倍（年{pct(rate.cap_annual)}），按年{pct(rate.cap_annual)}（日{pct(rate.daily, 4)}）主张")


def claims(led: Ledger, case: CourtCase, buyer: dict, guarantor: dict | None) -> dict[str, str]:
    """诉讼请求和依据 1–11."""
    c, no, grace = case.claim, case.file.contract_no, led.params["grace_days"]
    price = [_money(c.price), f"其中已到期未付价款 {num(c.overdue_principal)} 元"]
    if c.accelerated:
        price.append(f"依《民法典》第六百三十四条主张剩余未到期价款 {num(c.future_principal)} 元（未付到期价款已达全部价款的"
                     f"五分之一，经催告后在合理期限内仍未支付）")
    secured = [f"是{TICK} 内容：判令被告{guarantor['name']}对第1、2、7项债务承担连带清偿责任"
               f"（《分期付款买卖合同》保证条款：连带责任保证）", f"否{BOX}"] if guarantor else [f"是{BOX}", f"否{TICK}"]
    held = case.held
    costs = ([f"是{TICK} 费用明细：取回标的物的拖车费 {num(held.get('towing_fee') or 0)} 元、保管费 "
              f"{num(held.get('storage_fee') or 0)} 元、评估费 {num(held.get('appraisal_fee') or 0)} 元，合计 "
              f"{num(c.costs)} 元", f"否{BOX}"] if c.costs else [f"是{BOX}", f"否{TICK}"])
    laws = ["第五百七十七条", "第五百八十五条", "第六百二十六条"] + (["第六百三十四条"] if c.accelerated else []) \
        + (["第六百八十一条", "第六百八十八条"] if guarantor else [])
    terms = "价款与付款条款、违约责任条款" + ("、保证条款" if guarantor else "") + "、争议解决条款"
    return {
        "price": "\n".join(price),
        "interest": "\n".join((
            f"截至{cn_date(case.as_of)}止，迟延给付价款的利息 {num(c.interest)} 元（已到期各期的分期利息）、"
            f"违约金 {num(c.penalty)} 元；",
            f"自{cn_date(case.as_of + timedelta(days=1))}起，以 {num(c.continuing_base)} 元为基数，{rate_note(case)}"
            "计算违约金至实际清偿之日止。",
            f"计算方式：逐期按 未付金额 × 日利率 × 超过宽限期{grace}日的天数 计算（明细见证据清单附表一）。",
            f"是否请求支付至实际清偿之日止：{yes_no(True)}")),
        "perform": f"继续履行{TICK}（判令被告于判决生效之日起十日内付清上述款项）　解除合同{BOX}",
        "security": "\n".join(secured),
        "costs": "\n".join(costs),
        "fees": "\n".join((f"本案诉讼费用（案件受理费、保全费等）由被告承担：{yes_no(True)}",
                           f"按《诉讼费用交纳办法》第十三条，标的总额的案件受理费为 {num(case.fee)} 元")),
        "total": "\n".join((_money(c.total), f"（价款 {num(c.price)} + 利息 {num(c.interest)} + 违约金 {num(c.penalty)}"
                                             f" + 实现债权的费用 {num(c.costs)}）")),
        "basis": "\n".join((f"合同约定：《分期付款买卖合同》（编号 {no}）{terms}",
                            f"法律规定：《中华人民共和国民法典》{'、'.join(laws)}")),
    }


def facts(led: Ledger, case: CourtCase, seller: Seller, buyer: dict, guarantor: dict | None, machine: dict,
          paid: PaymentRecord) -> dict[str, str]:
    """事实与理由 1–23."""
    file, c = case.file, case.claim
    contract, sale = file.contract, file.sale or {}
    rate, grace = pct(led.decimal("penalty_daily_rate")), led.params["grace_days"]
    schedule = case.position.installments
    collateral = str(contract.get("collateral") or "").strip()
    delivery = sale.get("delivery_date")
    return {
        "signing": f"《分期付款买卖合同》，合同编号 {file.contract_no}，{cn_date(contract['sign_date'])}"
                   f"在{seller.place or '＿＿＿＿'}签订",
        "parties": "\n".join([f"出卖人（卖方）：{seller.name}", f"买受人（买方）：{buyer['name']}"]
                             + ([f"保证人：{guarantor['name']}"] if guarantor else [])),
        "goods": f"{machine['category']}一台（厂家：{machine['manufacturer']}，机型：{machine['model']}，"
                 f"整机编号：{machine['serial']}），{machine['equipment']}",
        "price": "\n".join((
            f"单价 {num(contract['total_price'])} 元，总价 {_money(contract['total_price'])}",
            f"首付款 {num(contract.get('down_payment') or 0)} 元于签订时支付；余款 {num(contract.get('financed_amount') or 0)} 元"
            f"分 {len(schedule)} 期按月支付（{contract.get('method') or ''}，年利率 {pct(contract.get('annual_rate') or 0)}），"
            + (f"首期还款日 {cn_date(schedule[0].due_date)}，末期还款日 {cn_date(schedule[-1].due_date)}；" if schedule else "")
            + "以转账方式汇入原告账户",
            f"一次性{BOX} 分期{TICK}")),
        "delivery": (f"{cn_date(delivery)}在{sale.get('branch') or seller.address}交付，被告当场验收并签署交接单；" if delivery
                     else "") + "标的物毁损、灭失的风险自交付时起由被告承担",
        "quality": f"按厂家三包政策：整机三包期 {machine['warranty_months']} 个月或 {machine['warranty_hours']} 工作小时"
                   f"（以先到者为准），主要部件保修期 {machine['main_parts_months']} 个月或 {machine['main_parts_hours']} 工作小时",
        "penalty_terms": "\n".join((f"违约金{TICK} 合同条款：违约责任条款", f"定金{BOX}",
                                    f"迟延履行违约金：逾期金额的日{rate}（自应还日起超过{grace}日计）")),
        "payment": f"被告已按期支付价款 {num(paid.on_time)} 元（含首付款），逾期支付 {num(paid.late)} 元，"
                   f"逾期未付 {num(paid.unpaid)} 元（截至{cn_date(case.as_of)}）；原告已"
                   + (f"于{cn_date(delivery)}" if delivery else "") + "按期交付标的物一台",
        "delay": f"是{TICK} 迟延性质：逾期付款　迟延时间：最早一期于{cn_date(case.position.oldest_unpaid_due)}到期，"
                 f"已逾期 {case.position.dpd} 天\n否{BOX}",
        "urged": urged_text(case),
        "quality_dispute": NO_QUALITY, "nonconforming": NO_QUALITY, "quality_talks": NO_QUALITY,
        "owed": "\n".join((f"{labels.INTEREST}{TICK} {num(c.interest)} 元　违约金{TICK} {num(c.penalty)} 元　赔偿金{BOX}",
                           f"合计 {num(c.interest + c.penalty)} 元；计算方式：同诉讼请求第2项")),
        "pledge": (f"是{TICK} 签订时间：{cn_date(contract['sign_date'])}（合同抵押条款）" if collateral else f"否{TICK}"),
        "guarantees": f"担保人：{guarantor['name'] if guarantor else '无'}\n担保物：{collateral or '无'}",
        "maximum": f"否{TICK}",
        "registered": f"是{BOX} 否{BOX}（台账未记载登记情况，请核实）" if collateral else "不适用",
        "guaranty": ("\n".join((f"是{TICK} 签订时间：{cn_date(contract['sign_date'])}　保证人：{guarantor['name']}",
                                "主要内容：保证人对买受人在合同项下的全部债务（含价款、利息、违约金、损害赔偿金及实现债权的费用）"
                                "承担连带责任保证，保证期间为主债务履行期限届满之日起三年"))
                     if guarantor else f"否{TICK}"),
        "guaranty_kind": f"一般保证{BOX} 连带责任保证{TICK}" if guarantor else "不适用",
        "other_security": f"是{TICK} 形式：所有权保留（合同约定付清全部价款前标的物所有权属于原告，《民法典》第六百四十一条）",
        "notes": "\n".join(notes(led, case)),
    }


def urged_text(case: CourtCase) -> str:
    """是否催促过履行: the letters sent (函号, delivery) and the other 催收记录 rows."""
    as_of = case.as_of
    letters = [f"{s.kind}{'（函号 ' + s.number + '）' if s.number else ''} {cn_date(s.day)}"
               + (f"，{cn_date(s.delivered)}送达" if s.delivered else "，未记录送达") for s in case.letters]
    others = sum(1 for r in case.file.log_rows
                 if r.get("log_date") and r["log_date"] <= as_of and r.get("action") in ("电话", "短信", "上门"))
    if not letters and not others:
        return f"是{BOX}\n否{TICK}"
    lines = [f"是{TICK}"] + letters
    if others:
        lines.append(f"另电话、短信、上门催收 {others} 次（见催收记录）")
    return "\n".join(lines + [f"否{BOX}"])


def notes(led: Ledger, case: CourtCase) -> list[str]:
    """其他需要说明的内容: the machine held, the 第634条 claim, the rate cap, limitation, service record."""
    out = []
    if case.held:
        out.append(f"原告已于{cn_date(case.held['repo_date'])}依《民法典》第六百四十二条取回标的物，现存放于"
                   f"{case.held.get('location') or '原告指定地点'}；本诉不主张未到期价款，标的物处置后就不足部分另行主张。")
    if case.rate.capped:
        out.append(f"违约金{rate_note(case)}（《民法典》第五百八十五条）。")
    if case.row is not None and case.row.limitation_deadline:
        out.append(f"诉讼时效：最后一期应还日或最近一次催款函送达后三年，届满日为{cn_date(case.row.limitation_deadline)}"
                   "（《民法典》第一百八十八条、第一百九十五条）。")
    serial = case.file.contract.get("serial_no")
    orders = [w for w in led.all("service", "work_orders", "serial_no", serial)
              if w.get("service_type") == "三包" and w.get("open_date") and w["open_date"] <= case.as_of] if serial else []
    if orders:
        out.append(f"标的物在三包期内维修 {len(orders)} 次（售后服务台账「服务工单」）；台账中没有被告就标的物质量提出异议的记录。")
    return out or ["无"]
