"""The court file (民事起诉状 and 证据清单) of the small company's contract HT-1, worked by hand.

HT-1: 480,000.00, 144,000.00 down, 336,000.00 over 12 annuity installments from 2026-02-10; periods 1–6
paid on their due dates. On 2026-10-31 periods 7–9 are unpaid (82, 51 and 21 days): the claim is their
principal and interest, the penalty 0.03% a day beyond 3 grace days (685.36 + 416.42 + 156.16), and
the court fee of the total by the brackets (50 + 2.5% above 10,000). On 2026-12-31, after a 催款函
(函号 from the register, delivered 2026-11-15) went unanswered and periods 7–11 are unpaid (30% of
the price), 第634条 lets the whole unpaid price be claimed — but no interest of later installments.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from docx import Document

from dealer_xl.documents.court_case import court_case
from dealer_xl.documents.lawsuit import NothingToClaim, generate_lawsuits
from dealer_xl.documents.letter_numbers import LetterCounter
from dealer_xl.documents.rendering import soffice
from dealer_xl.documents.sources import MissingData
from dealer_xl.ledger import load

from .books import AS_OF, PAID_PERIODS, ROWS, SCHEDULE, SELLER, set_params, write_company

D = Decimal
COURT = {"SELLER_COURT": "郑州市管城回族区人民法院", "SELLER_LEGAL_REP": "谢宁俊"}
LOG = [dict(log_date=date(2026, 9, 1), contract_no="HT-1", collector="李四", action="电话", result="客户称资金紧张"),
       dict(log_date=date(2026, 11, 15), contract_no="HT-1", collector="李四", action="催款函", result="已送达")]
LATER = date(2026, 12, 31)


@pytest.fixture(scope="module")
def court_company(tmp_path_factory):
    folder = write_company(tmp_path_factory.mktemp("court"), ROWS | {("receivables", "collection_log"): LOG},
                           seller=SELLER | COURT)
    counter = LetterCounter(folder)
    counter.take(date(2026, 11, 14), "HT-1", folder / "文书" / "催款函_HT-1_2026-11-14.docx")
    counter.save()
    return folder


def text_of(path) -> str:
    doc = Document(path)
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def money(value: Decimal) -> Decimal:
    return value.quantize(D("0.01"), ROUND_HALF_UP)


DAILY = D("0.0003")


def hand_worked(as_of: date, daily: Decimal = DAILY):
    missed = [i for i in SCHEDULE[PAID_PERIODS:] if i.due_date < as_of]
    penalty = sum(money(i.amount_due * daily * ((as_of - i.due_date).days - 3)) for i in missed)
    return missed, sum(i.principal for i in missed), sum(i.interest for i in missed), penalty


def fee(total: Decimal) -> Decimal:
    return money(D("50") + (total - D("10000")) * D("0.025"))   # the 10,000–100,000 bracket


def test_the_complaint_claims_what_is_due_with_the_penalty_and_the_court_fee(court_company, tmp_path):
    docs, errors = generate_lawsuits(load(court_company, today=AS_OF), AS_OF, tmp_path, ["HT-1"], pdf=False)
    assert errors == [] and [d.docx.name for d in docs] == ["民事起诉状_HT-1_2026-10-31.docx", "证据清单_HT-1_2026-10-31.docx"]
    missed, principal, interest, penalty = hand_worked(AS_OF)
    assert [i.period for i in missed] == [7, 8, 9] and penalty == D("1257.94")
    total = principal + interest + penalty
    text = text_of(docs[0].docx)
    assert f"其中已到期未付价款 {principal:,.2f} 元" in text
    assert f"迟延给付价款的利息 {interest:,.2f} 元" in text and f"违约金 {penalty:,.2f} 元" in text
    assert f"（¥{total:,.2f}）" in text and f"案件受理费为 {fee(total):,.2f} 元" in text
    assert f"以 {principal + interest:,.2f} 元为基数" in text and "自2026年11月1日起" in text
    assert "主张剩余未到期价款" not in text                                 # no unanswered demand yet


def test_the_complaint_names_the_parties_and_the_court_of_the_contract(court_company, tmp_path):
    docs, _ = generate_lawsuits(load(court_company, today=AS_OF), AS_OF, tmp_path, ["HT-1"], pdf=False)
    text = text_of(docs[0].docx)
    assert "名称：测试机械销售有限公司" in text and "统一社会信用代码：91410104MA9K7H3Q5P" in text
    assert "法定代表人 / 主要负责人：谢宁俊" in text
    assert "姓名：王建国" in text and "证件号码：11010519491231002X" in text and "出生日期：1949年12月31日" in text
    assert "女☑" in text                                                    # the 17th digit 2 is even
    assert "姓名：赵担保" in text and "判令被告赵担保对第1、2、7项债务承担连带清偿责任" in text
    assert "向郑州市管城回族区人民法院提起诉讼" in text and text.count("郑州市管城回族区人民法院") >= 2
    assert "第六百八十八条" in text and "第六百三十四条" not in text


def test_after_an_unanswered_demand_the_whole_unpaid_price_is_claimed(court_company, tmp_path):
    led = load(court_company, today=LATER)
    docs, errors = generate_lawsuits(led, LATER, tmp_path, ["HT-1"], pdf=False)
    assert errors == []
    missed, principal, interest, penalty = hand_worked(LATER)
    assert [i.period for i in missed] == [7, 8, 9, 10, 11]
    unpaid_price = D("480000") - D("144000") - sum(i.principal for i in SCHEDULE[:PAID_PERIODS])
    text = text_of(docs[0].docx)
    assert f"主张剩余未到期价款 {unpaid_price - principal:,.2f} 元" in text
    assert f"（¥{unpaid_price + interest + penalty:,.2f}）" in text       # interest of periods 12 not claimed
    assert "第六百三十四条" in text and "〔2026〕催字第0001号" in text and "2026年11月15日送达" in text
    evidence = text_of(docs[1].docx)
    assert "催款函（函号 〔2026〕催字第0001号，2026年11月14日）" in evidence
    assert "「催收记录」2026年11月15日 已送达" in evidence and "诉讼时效中断" in evidence


def test_the_evidence_list_reconciles_to_the_complaint(court_company, tmp_path):
    led = load(court_company, today=AS_OF)
    docs, _ = generate_lawsuits(led, AS_OF, tmp_path, ["HT-1"], pdf=False)
    doc = Document(docs[1].docx)
    exhibits, calculation, receipts = doc.tables
    names = [r.cells[1].text for r in exhibits.rows[1:]]
    assert names[0].startswith("原告营业执照") and any("《分期付款买卖合同》（编号 HT-1）" in n for n in names)
    assert any(n.startswith("首付款及还款收据（6 笔") for n in names) and names[-1].startswith("欠款及违约金计算表")
    assert [c.text for c in calculation.rows[-1].cells][-1] == "1,257.94"
    missed, principal, interest, _ = hand_worked(AS_OF)
    assert [c.text for c in calculation.rows[-1].cells][3] == f"{principal + interest:,.2f}"
    assert [r.cells[0].text for r in receipts.rows[1:]] == ["首付款", "R1", "R2", "R3", "R4", "R5", "R6"]


def test_a_rate_above_four_times_the_lpr_is_claimed_at_the_cap(tmp_path):
    folder = write_company(tmp_path / "capped", seller=SELLER | COURT)
    set_params(folder, {"penalty_daily_rate": "0.0005", "lpr_1y": "0.03"})
    docs, _ = generate_lawsuits(load(folder, today=AS_OF), AS_OF, tmp_path / "out", ["HT-1"], pdf=False)
    _, _, _, penalty = hand_worked(AS_OF, D("0.12") / 365)
    text = text_of(docs[0].docx)
    assert f"违约金 {penalty:,.2f} 元" in text and "按年12.00%" in text and "合同约定日0.05%" in text


def test_every_missing_fact_is_named_and_nothing_is_written(tmp_path):
    folder = write_company(tmp_path / "bare", seller=SELLER)           # SELLER_COURT left as 出卖人住所地人民法院
    docs, errors = generate_lawsuits(load(folder, today=AS_OF), AS_OF, tmp_path / "out", ["HT-1", "HT-4", "NO-9"],
                                     pdf=False)
    assert docs == [] and not (tmp_path / "out").exists()
    missing, nothing, unknown = errors
    assert isinstance(missing, MissingData) and isinstance(nothing, NothingToClaim)
    assert any("SELLER_COURT" in m for m in missing.missing) and any("SELLER_LEGAL_REP" in m for m in missing.missing)
    assert "分期合同中的此合同" in str(unknown)


def test_the_court_file_facts_are_the_disputes_report_figures(court_company):
    led = load(court_company, today=AS_OF)
    case = court_case(led, led.receivables.by_no["HT-1"], AS_OF)
    _, principal, interest, penalty = hand_worked(AS_OF)
    assert (case.claim.price, case.claim.interest, case.claim.penalty) == (principal, interest, penalty)
    assert case.fee == fee(case.claim.total) and [s.number for s in case.letters] == []   # the letter is dated later


@pytest.mark.skipif(soffice() is None or shutil.which("pdftotext") is None, reason="需要 LibreOffice 和 pdftotext")
def test_the_complaint_prints_as_the_form_with_every_page_numbered(court_company, tmp_path):
    docs, _ = generate_lawsuits(load(court_company, today=AS_OF), AS_OF, tmp_path, ["HT-1"])
    text = subprocess.run(["pdftotext", "-layout", str(docs[0].pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = ["".join(page.split()) for page in text.split("\f") if page.strip()]
    assert 3 <= len(pages) <= 5 and pages[0].startswith("民事起诉状")
    assert all(f"第{i}页共{len(pages)}页" in page for i, page in enumerate(pages, 1))
    assert "具状人（签字、盖章）：测试机械销售有限公司" in pages[-1] and "样稿" not in "".join(pages)


def test_committed_court_templates_are_the_build_scripts_output(tmp_path):
    import importlib.util
    from pathlib import Path

    from docxtpl import DocxTemplate

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("build_court_templates", root / "scripts" / "build_court_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for built in module.build(tmp_path):
        assert built.read_bytes() == (root / "templates" / built.name).read_bytes(), built.name
        assert DocxTemplate(built).get_undeclared_template_variables()
