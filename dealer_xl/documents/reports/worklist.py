"""The collection worklist (催收工作清单) as a report pack, and the worklist's columns.

The rows are :func:`dealer_xl.ledger.worklist.build_worklist` of the Ledger as of the pack's day
(built once per Ledger and day, shared by every person's and branch's slice of a run). A pack for a
person (name or 工号) holds the contracts that person is responsible for; for a branch, that
branch's. Phones are masked when the pack is masked (DOMAIN §6, the emailed copies). The same
columns (:data:`HEADERS`, :func:`worklist_cells`) make the ``receivables worklist`` workbook.
"""

from __future__ import annotations

from dealer_xl.domain.aging import RISK_CLASSES
from dealer_xl.domain.collection import WorklistRow
from dealer_xl.domain.money import ZERO
from dealer_xl.ledger import Ledger
from dealer_xl.ledger.receivables import ContractFile
from dealer_xl.ledger.worklist import build_worklist
from dealer_xl.schema import labels

from ..case_list import (
    CASE_FORMATS,
    CASE_HEADERS,
    REMIND_DAYS,
    case_cells,
    case_entries,
    for_person,
    reminders,
)
from ..masking import mask_phone
from ..report_model import COUNT, MONEY, Report, ReportData, Scope, SheetData, register
from .common import person_keys

DATE = "yyyy-mm-dd"
HEADERS = ("序号", "责任人", labels.CONTRACT_NO, labels.CUSTOMER_NAME, labels.PHONE, labels.BRANCH, labels.SALESPERSON, labels.COLLECTOR, "逾期金额", "逾期本金",
           "逾期利息", "未付罚息", "逾期天数", "五级分类", "逾期类别", "最近催收日期", "最近催收方式", "最近催收结果",
           "失信承诺次数", "法律提示", "诉讼时效届满日", "建议措施", "优先分")
FORMATS = {"逾期金额": MONEY, "逾期本金": MONEY, "逾期利息": MONEY, "未付罚息": MONEY, "逾期天数": COUNT,
           "最近催收日期": DATE, "诉讼时效届满日": DATE, "优先分": "0.00"}
TITLE, SHEET = "催收工作清单", "催收清单"


def worklist_cells(i: int, c: ContractFile, r: WorklistRow, *, masked: bool = False) -> list:
    """The worklist row ``i`` as sheet cells; ``masked`` hides the phone (for emailed copies, DOMAIN §6)."""
    return [i, r.responsible, r.contract_no, r.customer, mask_phone(c.phone) if masked else c.phone, r.branch, r.salesperson, r.collector, r.overdue,
            r.overdue_principal, r.overdue_interest, r.penalty, r.dpd, r.risk_class, r.kind, r.last_action_date,
            r.last_action, r.last_result, r.broken_promises, "；".join(r.flags), r.limitation_deadline,
            r.suggested_action, r.score]


def collect(ledger: Ledger, scope: Scope) -> ReportData:
    result = ledger.memo(("worklist", scope.day), lambda: build_worklist(ledger, scope.day))
    people = person_keys(ledger, scope.person)
    mine = [(c, r) for c, r in result.rows
            if (not people or r.responsible in people) and (not scope.branch or r.branch == scope.branch)]
    total = sum((r.overdue for _, r in mine), ZERO)
    by_class = {k: ZERO for k in RISK_CLASSES}
    for _, r in mine:
        by_class[r.risk_class] = by_class.get(r.risk_class, ZERO) + r.overdue
    rows = [worklist_cells(i, c, r, masked=scope.masked) for i, (c, r) in enumerate(mine, 1)]
    entries = ledger.memo(("cases",), lambda: case_entries(ledger.receivables.contracts,
                                                           ledger.rows("receivables", "cases")))
    cases = for_person(entries, scope.person, scope.branch, {c.contract_no for c, _ in mine},
                       set(people) | ({scope.person} if scope.person else set()))
    notes = [result.warning] if result.warning else []
    notes += [f"开庭提醒（{REMIND_DAYS} 天内）：{r['next_hearing']:%Y-%m-%d} {r.get('case_no') or ''}"
              f"（合同 {r.get('contract_no') or ''}，{f.customer_name if f else ''}，{r.get('court') or ''}，"
              f"代理律师 {r.get('lawyer') or ''}）" for r, f in reminders(cases, scope.day)]
    return ReportData(
        f"{TITLE} {scope.day.isoformat()}{scope.label()}", scope.day.isoformat(),
        [("逾期合同数", len(mine), COUNT), ("逾期金额合计", total, MONEY), ("诉讼案件", len(cases), COUNT)],
        [SheetData(SHEET, HEADERS, rows, FORMATS, html_rows=15),
         SheetData("诉讼案件", CASE_HEADERS, [case_cells(r, f) for r, f in cases], CASE_FORMATS, html_rows=10)],
        ("逾期金额（按五级分类）", list(by_class), {"逾期金额": list(by_class.values())}), notes)


REPORT = register(Report("worklist", collect, "worklist.html.j2", monthly=False))
