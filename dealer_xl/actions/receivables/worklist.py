"""Action: the collection worklist (``receivables worklist``) — who chases what, and how urgently.

For every contract with money overdue as of the date (and only those) one row built by
:func:`dealer_xl.domain.collection.build_worklist_row`: the responsible person (salesperson up to
the 参数 handover days, then the collector), overdue amount split into principal / interest /
penalty, DPD, risk class, the last collection action, broken promises, the Civil Code flags, the
limitation deadline, the suggested next action and the priority score. Written as
``<DIR>/报表/催收清单_<YYYY-MM-DD>.xlsx``: 催收清单 (everyone, by score, highest first), one sheet per
responsible person (same order), and 说明 with the escalation policy and the score formula. The
books are never written.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from ...documents.reports.worklist import FORMATS, HEADERS, worklist_cells
from ...io.reader import gc_paused
from ...io.report_writer import finish, new_workbook, write_row, write_table
from ...io.writer import save_new
from ...ledger import Ledger
from ...ledger.requirements import require
from ...ledger.worklist import WorklistResult, build_worklist
from ...progress import ProgressFn, step
from ...schema import labels
from ..book import OUTPUT_DIR

ALL_SHEET, NOTES_SHEET = "催收清单", labels.NOTES
__all__ = ["FORMATS", "HEADERS", "WorklistResult", "build_worklist", "worklist_cells", "write_worklist"]
POLICY = (
    "催收升级规则（按合同逾期天数 DPD）：",
    "  1—30 天：电话（短信提醒）；31—60 天：上门；61—90 天：催款函；91—180 天：律师函；180 天以上：扣车（允许时）或起诉。",
    "  本轮逾期中有失信承诺（承诺还款日已过而收款不足承诺金额）的，升一级：电话 → 上门 → 催款函 → 律师函 → 起诉/扣车。",
    "  起诉、扣车须先发催款函或律师函：最早未还一期到期后没有催款函/律师函的，建议仍为律师函（民法典第642条，催告后在合理期限内仍未支付方可取回）。",
    "  已付（首付 + 已还本息）达合同总价的 75%（参数 no_repossession_paid_ratio）的，不得取回标的物，建议起诉而非扣车（买卖合同司法解释第26条）。",
    "  诉讼时效 90 天内届满（或已届满）的，至少发催款函并取得送达回执，送达后时效重新计算（民法典第195条）。",
    "  合同状态为诉讼的：跟进诉讼；为扣车的：跟进扣车（赎回或处置）。",
    "责任人：逾期不超过 sales_to_credit_handover_days（默认 60）天由业务员催收，超过后由信审债权部的催收责任人催收。",
    "法律提示：",
    "  可主张全部价款：到期未付达合同总价的 1/5（参数 acceleration_ratio），且催告后仍未支付（民法典第634条）。",
    "  已付≥75%，不得取回：见上。",
    "  诉讼时效：自最后一期应还日起 3 年（民法典第188条），送达催款函/律师函（催收结果含「已送达」）后重新起算；距届满不足 90 天提醒。",
    "优先分（越高越优先）：",
    "  优先分 = (逾期金额 + 未付罚息) ÷ 1000 × 分类权重 + 50 × 失信承诺次数 + 时效分 + 20 ×［可主张全部价款］",
    "  分类权重：关注 1，次级 2，可疑 3，损失 4；时效分：已届满 100，届满前 90 天内为 100 × (90 − 剩余天数) ÷ 90，否则 0；保留两位小数。",
)


def write_worklist(ledger: Ledger, as_of: date | None = None, *,
                   progress: ProgressFn | None = None) -> WorklistResult:
    """Build the Ledger's worklist as of ``as_of`` (default the Ledger's today) and write it to
    ``<books_dir>/报表/催收清单_<date>.xlsx``."""
    ledger.require("receivables", "contracts")
    require(ledger, "worklist", "生成催收清单")
    as_of = as_of or ledger.today
    with gc_paused():  # what is made lives on or is written out (its few cycles are freed by a later pass)
        with step(progress, "计算逾期与催收建议"):
            result = build_worklist(ledger, as_of)
        wb = new_workbook(fast=True)  # XlsxWriter: one sheet per person can be big (#10)
        ws = wb.active
        ws.title = ALL_SHEET
        write_table(ws, HEADERS, [worklist_cells(i, c, r) for i, (c, r) in enumerate(result.rows, 1)], FORMATS)
        taken = {ALL_SHEET, NOTES_SHEET}
        for person in result.people:
            mine = [(c, r) for c, r in result.rows if r.responsible == person]
            sheet = wb.create_sheet(_sheet_name(person, taken))
            write_table(sheet, HEADERS, [worklist_cells(i, c, r) for i, (c, r) in enumerate(mine, 1)], FORMATS)
        _notes(wb.create_sheet(NOTES_SHEET), result)
        path = save_new(finish(wb, "催收清单", as_of), ledger.books_dir / OUTPUT_DIR / f"催收清单_{as_of.isoformat()}.xlsx")
    return replace(result, workbook=path)


def _sheet_name(person: str, taken: set[str]) -> str:
    """A valid, unused sheet name for ``person`` (characters Excel refuses replaced, ≤ 31 chars)."""
    base = re.sub(r"[\[\]:*?/\\']", "_", person).strip() or "未指定"
    base = base[:28]
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


def _notes(ws, result: WorklistResult) -> None:
    ws.column_dimensions["A"].width = 120
    lines = [f"催收清单，截至 {result.as_of}；逾期合同 {len(result.rows)} 个，按优先分从高到低排列。", "", *POLICY]
    if result.warning:
        lines += ["", f"提示：{result.warning}"]
    for row, text in enumerate(lines, 1):
        write_row(ws, row, [text], {}, bold=row == 1)
