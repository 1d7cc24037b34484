"""Action ``service complaints``: open complaints past 参数 ``complaint_open_days`` by responsible
department, and the complaint drafts dissatisfied callbacks open (``--write`` appends them).

Guarantees:

- the lists are :mod:`dealer_xl.ledger.complaints` as of the date (open = received by then, not
  closed by then; late = open more than ``complaint_open_days`` days); the drafts are the dissatisfied
  callbacks (满意度 1–2, service or sales) without a complaint of that machine on that day;
- ``write`` refuses a closed period, then appends the drafts to 客户投诉 with new numbers (参数
  ``complaint_no_prefix`` + year + 5-digit sequence, above every number used) through the safe writer
  (lock check, backup, atomic replace, text as text); with nothing to add the book is not opened;
- the pack ``complaints`` (registered here; the job ``complaint_list`` sends each handler their own)
  is what the command writes as ``报表/客户投诉 <日期>.xlsx``: the late and all open complaints, the
  counts by department and the drafts;
- JSON: one object per late complaint (``status`` ``late``) and per draft (``status`` ``draft``),
  keys ``complaint_no, date, customer_id, customer_name, serial_no, channel, category, department,
  handler, days_open, content, status``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ...documents.packs import build_pack
from ...documents.report_model import COUNT, ChartSpec, Report, ReportData, Scope, SheetData, register
from ...documents.reports.common import person_keys
from ...domain.claims import next_claim_numbers
from ...io.append import append_rows
from ...io.report_writer import DATE
from ...io.writer import editing
from ...ledger import Ledger, load, reload
from ...ledger.complaints import Draft, drafts, late, open_complaints
from ...ledger.handover import name_of
from ...ledger.period import refuse_if_closed
from ...problems import BookError
from ...schema import labels

KIND = "complaints"
HEADERS = (labels.COMPLAINT_NO, labels.DATE, labels.CUSTOMER_NAME, labels.SERIAL_NO, labels.CHANNEL, labels.CATEGORY,
           labels.DEPARTMENT, labels.HANDLER, "已受理天数", labels.CONTENT)
DEPT_HEADERS = (labels.DEPARTMENT, "未结", "超期未结")
DRAFT_HEADERS = (labels.CALLBACK_DATE, labels.CALLBACK_KIND, labels.CUSTOMER_NAME, labels.SERIAL_NO, labels.SATISFACTION,
                 labels.FEEDBACK, labels.DEPARTMENT)
FORMATS = {labels.DATE: DATE, labels.CALLBACK_DATE: DATE, "已受理天数": COUNT, "未结": COUNT, "超期未结": COUNT}
UNSET = "（未填）"


def _record(led: Ledger, row: dict, day: date, status: str) -> dict[str, Any]:
    return {"complaint_no": row["complaint_no"] or "", "date": row["date"], "customer_id": row["customer_id"] or "",
            "customer_name": (led.customer(row["customer_id"]) or {}).get("name") or "",
            "serial_no": row["serial_no"] or "", "channel": row["channel"] or "", "category": row["category"] or "",
            "department": row["department"] or "", "handler": name_of(led, row["handler"]),
            "days_open": (day - row["date"]).days, "content": row["content"] or "", "status": status}


def _draft_record(led: Ledger, d: Draft, number: str, day: date) -> dict[str, Any]:
    row = {**d.record(number), "handler": None, "close_date": None, "result": None, "satisfaction": None}
    return _record(led, row, day, "draft")


@dataclass
class ComplaintsResult:
    """The complaints of a date (see the module docstring)."""

    as_of: date
    open: list[dict]
    late: list[dict]
    drafts: list[Draft]
    written: tuple[str, ...] = ()
    workbook: Path | None = None
    led: Ledger | None = field(default=None, repr=False)

    @property
    def problems(self) -> list:
        """Data problems found on the way (none: validation reports the complaints' own)."""
        return []

    def records(self) -> list[dict[str, Any]]:
        numbers = list(self.written) or [""] * len(self.drafts)
        return [_record(self.led, r, self.as_of, "late") for r in self.late] + \
            [_draft_record(self.led, d, n, self.as_of) for d, n in zip(self.drafts, numbers, strict=True)]

    def summary(self) -> list[str]:
        limit = self.led.params["complaint_open_days"]
        by_dept = _by_department(self.open, self.late)
        lines = [f"客户投诉（截至 {self.as_of}）：未结 {len(self.open)} 件，其中超过 {limit} 天 {len(self.late)} 件"
                 + ("；按责任部门：" + "，".join(f"{k} {a}（超期 {b}）" for k, a, b in by_dept) if by_dept else ""),
                 f"不满意回访待转投诉 {len(self.drafts)} 件" + ("" if self.written or not self.drafts else "（加 --write 写入「客户投诉」）")]
        if self.written:
            lines.append(f"已写入「客户投诉」{len(self.written)} 件：{self.written[0]} 至 {self.written[-1]}")
        return lines + ([f"明细：{self.workbook}"] if self.workbook else [])


def _by_department(open_rows: list[dict], late_rows: list[dict]) -> list[list]:
    opened = Counter(r["department"] or UNSET for r in open_rows)
    overdue = Counter(r["department"] or UNSET for r in late_rows)
    return [[k, opened[k], overdue[k]] for k in sorted(opened)]


def write_drafts(led: Ledger, found: list[Draft], writer=None) -> tuple[str, ...]:
    """Append ``found`` to 客户投诉 (see the module docstring); returns the new numbers. ``writer``: the
    open workbooks' ``Books.write_rows`` (Excel), else the safe file writer."""
    if not found:
        return ()
    table = led.table("service", "complaints")
    if table is None or not led.found("service"):
        raise BookError("售后服务台账中没有「客户投诉」工作表，无法写入投诉（dealer-xl init 生成的新台账中有此表，可复制过来）")
    refuse_if_closed(led.params, [d.callback["callback_date"] for d in found], "写入客户投诉")
    prefix = str(led.params.get("complaint_no_prefix") or "TS").strip()
    numbers = next_claim_numbers([r["complaint_no"] for r in table.rows], prefix, led.today.year, len(found))
    records = [d.record(n) for d, n in zip(found, numbers, strict=True)]
    if writer is not None:
        writer("service", "complaints", records, [])
    else:
        with editing(led.path("service")) as workbook:
            append_rows(workbook[table.sheet_name], table, records)
    return tuple(numbers)


def collect(led: Ledger, scope: Scope) -> ReportData:
    """The ``complaints`` pack of ``scope.day``."""
    people = person_keys(led, scope.person)

    def mine(row: dict) -> bool:
        branch = (led.customer(row["customer_id"]) or {}).get("branch")
        return (not scope.branch or branch == scope.branch) and (not people or name_of(led, row["handler"]) in people)

    day = scope.day
    open_rows = [r for r in open_complaints(led, day) if mine(r)]
    late_rows = [r for r in late(led, day) if mine(r)]
    found = [d for d in drafts(led, day) if not scope.branch
             or (led.customer(d.customer_id) or {}).get("branch") == scope.branch]

    def cells(rows: list[dict]) -> list[list]:
        return [[r["complaint_no"], r["date"], r["customer_name"], r["serial_no"], r["channel"], r["category"],
                 r["department"], r["handler"], r["days_open"], r["content"]] for r in rows]

    late_records = [_record(led, r, day, "late") for r in late_rows]
    open_records = [_record(led, r, day, "open") for r in open_rows]
    by_dept = _by_department(open_records, late_records)
    draft_rows = [[d.callback["callback_date"], d.callback["kind"] or "服务回访",
                   (led.customer(d.customer_id) or {}).get("name") or "", d.serial_no, d.callback["satisfaction"],
                   d.callback["feedback"] or "", d.department] for d in found]
    return ReportData(
        f"客户投诉 {day.isoformat()}{scope.label()}", day.isoformat(),
        [("未结投诉（件）", len(open_rows), COUNT), ("超期未结（件）", len(late_rows), COUNT),
         ("不满意回访待转投诉（件）", len(found), COUNT)],
        [SheetData("超期未结", HEADERS, cells(late_records), FORMATS),
         SheetData("按责任部门", DEPT_HEADERS, by_dept, FORMATS, chart=ChartSpec("bar", "各部门未结投诉", 1, (2, 3))),
         SheetData("全部未结", HEADERS, cells(open_records), FORMATS, in_html=False),
         SheetData("待转投诉", DRAFT_HEADERS, draft_rows, FORMATS)],
        ("各部门未结投诉（件）", [r[0] for r in by_dept], {"未结": [r[1] for r in by_dept], "超期未结": [r[2] for r in by_dept]}),
        [f"超期：受理超过 {led.params['complaint_open_days']} 天仍未关闭。待转投诉：满意度 1–2 的回访，"
         "用 dealer-xl service complaints --write 或功能区「客户投诉」写入「客户投诉」。"])


REPORT = register(Report(KIND, collect, "pack.html.j2", monthly=False))


def service_complaints(source: Any, as_of: date | None = None, *, write: bool = False,
                       workbook: bool = True) -> ComplaintsResult:
    """The complaints as of ``as_of`` (default today); with ``write`` the drafts appended to 客户投诉."""
    led = load(source, today=as_of)
    found = drafts(led, led.today)
    written = write_drafts(led, found) if write else ()
    if written:
        led = reload(led)
    path = build_pack(KIND, led, day=led.today, masked=False).xlsx if workbook else None
    return ComplaintsResult(led.today, open_complaints(led, led.today), late(led, led.today), found, written, path, led)
