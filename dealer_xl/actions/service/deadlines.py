"""Action ``service deadlines``: the claim and old-parts clocks of every claim not yet done.

Guarantees: one :class:`~dealer_xl.domain.claim_deadlines.Deadline` per

- eligible 三包 work order without a claim and per 待提交 claim (no 提交日期): due 索赔提交时限(天)
  after the work order's 完工日期 (``claim_no`` empty for the work orders);
- old part of 旧件返厂 not yet shipped (no 发运日期) of a submitted claim: due 旧件返厂时限(天) after
  the claim's 提交日期;

ordered by due date. Rows whose maker, limit or start date is unknown are left out (validation
reports those). The workbook ``报表/索赔时限_<日期>.xlsx`` lists them with the status in Chinese.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ...domain.claim_deadlines import CLAIM_SUBMIT, OLD_PARTS_RETURN, OVERDUE, Deadline
from ...io.report_writer import DATE
from ...ledger import load
from ...ledger.service import open_deadlines
from ...schema import labels
from .common import write_workbook

KIND_LABELS = {CLAIM_SUBMIT: "索赔提交", OLD_PARTS_RETURN: "旧件返厂"}
STATUS_LABELS = {"overdue": "已超期", "due_soon": "7天内到期", "open": "未到期"}
HEADERS = (labels.KIND, labels.CLAIM_NO, labels.WO_NO, labels.PART_NO, labels.MANUFACTURER, "截止日期", "剩余天数",
           "状态")


@dataclass(frozen=True)
class DeadlinesResult:
    """The open deadlines as of a date.

    Attributes:
        as_of: the date they are seen from.
        rows: one per claim or part not yet done, by due date.
        workbook: the workbook written, None when not written.
    """

    as_of: date
    rows: list[Deadline]
    workbook: Path | None = None

    @property
    def problems(self) -> list:
        """Data problems found on the way (none: what was left out is named in the summary)."""
        return []

    def records(self) -> list[dict[str, Any]]:
        return [asdict(d) for d in self.rows]

    def summary(self) -> list[str]:
        def count(kind: str, status: str | None = None) -> int:
            return sum(1 for d in self.rows if d.kind == kind and (status is None or d.status == status))

        lines = [f"索赔时限（截至 {self.as_of}）：待提交索赔 {count(CLAIM_SUBMIT)} 张（已超期 {count(CLAIM_SUBMIT, OVERDUE)}，"
                 f"7天内到期 {count(CLAIM_SUBMIT, 'due_soon')}）；待返旧件 {count(OLD_PARTS_RETURN)} 件（已超期 "
                 f"{count(OLD_PARTS_RETURN, OVERDUE)}，7天内到期 {count(OLD_PARTS_RETURN, 'due_soon')}）"]
        return lines + ([f"明细：{self.workbook}"] if self.workbook else [])


def service_deadlines(source: Any, as_of: date | None = None, *, workbook: bool = True) -> DeadlinesResult:
    """The open deadlines of the books in ``source`` as they were on ``as_of`` (default today)."""
    led = load(source, today=as_of)
    led = led.as_of(led.today)
    rows = open_deadlines(led)
    path = None
    if workbook:
        cells = [[KIND_LABELS[d.kind], d.claim_no, d.wo_no, d.part_no, d.manufacturer, d.due_date, d.days_left,
                  STATUS_LABELS[d.status]] for d in rows]
        path = write_workbook(led.books_dir, f"索赔时限_{led.today.isoformat()}.xlsx",
                              [("索赔时限", HEADERS, cells, {"截止日期": DATE})])
    return DeadlinesResult(led.today, rows, path)
