"""扣车通知书 and 车辆交接单: the amount to redeem in figures and 大写, the handover facts; refusals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from docx import Document

from dealer_xl.documents.repossession_notices import NotRepossessed, generate_notices
from dealer_xl.domain.rmb import rmb_upper
from dealer_xl.ledger import load

from .books import AS_OF, ROWS, write_company
from .test_letters import _hand_worked

REPO = dict(repo_date=AS_OF, contract_no="HT-1", serial_no="S1", location="城关分公司设备停放场", keeper="张三",
            status="扣押中", towing_fee=Decimal("3000.00"), storage_fee=Decimal("500.00"))


DEMAND = dict(log_date=date(2026, 9, 20), contract_no="HT-1", collector="李四", action="催款函", result="已送达")


def _text(path) -> str:
    doc = Document(path)
    return "\n".join(p.text for p in doc.paragraphs) + "\n" + "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells)


def test_notice_demands_overdue_penalty_and_costs_to_redeem(tmp_path):
    folder = write_company(tmp_path / "books", ROWS | {("receivables", "repossessions"): [REPO],
                                                       ("receivables", "collection_log"): [DEMAND]})
    docs, errors = generate_notices(load(folder, today=AS_OF), "repossession", AS_OF, tmp_path / "out", ["HT-1"], pdf=False)
    assert errors == [] and docs[0].docx.name == "扣车通知书_HT-1_2026-10-31.docx"
    text = _text(docs[0].docx)
    _, _, principal, interest, penalty = _hand_worked()
    redeem = principal + interest + penalty + Decimal("3500.00")
    for amount in (principal, interest, penalty, Decimal("3500.00"), redeem):
        assert f"人民币{rmb_upper(amount)}（¥{amount:,.2f}" in text, amount
    assert "2026年11月15日前付清" in text          # the date + 15 days
    assert "城关分公司设备停放场" in text and "抄送：保证人赵担保（地址：河南省郑州市二七区）" in text
    assert f"欠付款项合计人民币{rmb_upper(redeem)}（¥{redeem:,.2f}），其中：" in text


def test_notice_has_a_letter_number_a_receipt_and_cites_the_earlier_demand(tmp_path):
    folder = write_company(tmp_path / "books", ROWS | {("receivables", "repossessions"): [REPO],
                                                       ("receivables", "collection_log"): [DEMAND]})
    docs, _ = generate_notices(load(folder, today=AS_OF), "repossession", AS_OF, tmp_path / "out", ["HT-1"], pdf=False)
    text = _text(docs[0].docx)
    assert "函号：〔2026〕催字第0001号" in text                            # the letters' register, next number
    assert "我公司已于2026年9月20日以催款函催告贵方付款" in text
    assert "送达回执" in text and "扣车通知书（函号：〔2026〕催字第0001号）" in text and "受送达人签收" in text


def test_no_notice_without_a_delivered_demand_before_the_taking(tmp_path):
    undelivered = DEMAND | dict(result="客户拒收")
    folder = write_company(tmp_path / "books", ROWS | {("receivables", "repossessions"): [REPO],
                                                       ("receivables", "collection_log"): [undelivered]})
    docs, errors = generate_notices(load(folder, today=AS_OF), "repossession", AS_OF, tmp_path / "out", ["HT-1"], pdf=False)
    assert docs == [] and "第六百四十二条须经催告" in str(errors[0])


def test_handover_note_names_machine_place_and_keeper(tmp_path):
    folder = write_company(tmp_path / "books", ROWS | {("receivables", "repossessions"): [REPO]})
    docs, errors = generate_notices(load(folder, today=AS_OF), "handover", AS_OF, tmp_path / "out", ["HT-1"], pdf=False)
    text = _text(docs[0].docx)
    assert errors == [] and "整机编号：S1" in text and "保管人：张三" in text and "工作小时表读数：________" in text


def test_no_notice_without_a_repossession_or_after_the_machine_was_redeemed(tmp_path):
    redeemed = REPO | dict(status="已赎回", redeemed_date=date(2026, 10, 31))
    folder = write_company(tmp_path / "books", ROWS | {("receivables", "repossessions"): [redeemed]})
    docs, errors = generate_notices(load(folder, today=AS_OF), "repossession", AS_OF, tmp_path / "out", ["HT-1", "HT-4"], pdf=False)
    assert docs == [] and [type(e) for e in errors] == [NotRepossessed, NotRepossessed]
    assert "赎回" in str(errors[0]) and "没有扣车记录" in str(errors[1])
