"""Action ``sales targets``: the year's 年度目标 split to branches, months and salespeople in 销售目标.

For year Y, in three steps, each by last year's share (net sales of Y − 1 — 销售明细 less 退车, as the
sales reports count them) and never over a figure typed by hand:

1. branches: a branch's own 年度目标 row is kept; the company's (分公司 empty), less the branches'
   own, is split over the other branches that sold last year, by their sales;
2. months: the branch's 销售目标 rows of Y (业务员 empty) are kept; the rest of its annual target is
   split over the other months by the branch's sales of those months last year;
3. salespeople: a branch-month's rows for a 业务员 are kept; the rest is split over the branch's other
   salespeople working that whole month (岗位 业务员, or selling for the branch), by their sales in
   the branch last year.

Units and amounts are split separately (:mod:`dealer_xl.domain.targets`: largest remainder, parts sum
exactly to the whole; no history splits evenly); a part that comes to nothing (0 units, 0.00) is no row. Typed months that already exceed the annual
target leave nothing to split (validation warns, ``targets_over_annual``). ``write`` appends the split
rows — never a typed one — to 销售目标 in one safe write, refusing closed months; a second run adds
nothing. The grid goes to ``报表/销售目标分解_<Y>.xlsx``.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ...documents.report_model import Scope
from ...documents.reports.common import sale_lines
from ...documents.reports.returns import return_lines
from ...domain.money import ZERO
from ...domain.targets import remainder, split_amount, split_units
from ...io.append import append_rows
from ...io.writer import editing
from ...ledger import Ledger, load
from ...ledger.period import refuse_if_closed
from ...problems import BookError
from ...schema import labels
from ..report_book import write_report

TYPED, SPLIT = "已录", "分解"
SALES_TITLE = labels.SALESPERSON  # 岗位 业务员: the job title is the sales column's header
HEADERS = (*(labels.header("sales", "targets", f) for f in ("month", "branch", "salesperson", "target_units",
                                                            "target_amount")), "来源")


@dataclass(frozen=True, slots=True)
class TargetRow:
    """One cell of the year's grid: a branch-month (salesperson None) or a salesperson's month."""

    month: str
    branch: str
    salesperson: str | None
    units: int | None
    amount: Decimal | None
    source: str


def history(led: Ledger, year: int) -> dict[str, dict[Any, list]]:
    """Last year's net sales: (units, amount) by branch, by (branch, month number), by (branch, person)."""
    first, last = date(year - 1, 1, 1), date(year - 1, 12, 31)
    scope = Scope(last, f"{year - 1}-12", masked=False)
    out: dict[str, dict[Any, list]] = {k: defaultdict(lambda: [0, ZERO]) for k in ("branch", "month", "person")}
    for line in [*sale_lines(led, scope, first, last), *return_lines(led, scope, first, last)]:
        for kind, key in (("branch", line.branch), ("month", (line.branch, line.sale_date.month)),
                          ("person", (line.branch, line.salesperson))):
            out[kind][key][0] += line.units
            out[kind][key][1] += line.deal_price
    return out


def salespeople(led: Ledger, branch: str, month: str) -> list[str]:
    """Names of the branch's salespeople working the whole month (岗位 业务员, or selling for it)."""
    y, m = map(int, month.split("-"))
    first, last = date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
    sellers = {r.get("salesperson") for r in led.rows("sales", "sales") if r.get("branch") == branch}
    out = []
    for e in led.rows("master", "employees"):
        if e.get("branch") != branch or not e.get("name") or e.get("dept") != "销售部":
            continue
        if e.get("position") != SALES_TITLE and e.get("name") not in sellers and e.get("emp_id") not in sellers:
            continue
        if (e.get("hire_date") and e["hire_date"] > first) or (e.get("leave_date") and e["leave_date"] < last):
            continue
        out.append(e["name"])
    return sorted(out)


def _split(total_units, total_amount, typed: dict, keys: list, weights: dict) -> dict:
    """(units, amount) of each key in ``keys`` not in ``typed``: the remainders split by weights."""
    free = [k for k in keys if k not in typed]
    rest_units = remainder(total_units, sum(v[0] or 0 for v in typed.values())) if total_units is not None else None
    rest_amount = remainder(total_amount, sum((v[1] or ZERO for v in typed.values()), ZERO)) \
        if total_amount is not None else None
    units = split_units(int(rest_units), {k: weights.get(k, [0, ZERO])[0] for k in free}) if rest_units is not None else {}
    amounts = split_amount(rest_amount, {k: weights.get(k, [0, ZERO])[1] for k in free}) if rest_amount is not None else {}
    return {k: (units.get(k), amounts.get(k)) for k in free}


def split_year(led: Ledger, year: int) -> list[TargetRow]:
    """The year's grid (see the module docstring): branch-months, then each one's salespeople."""
    past = history(led, year)
    annual = [r for r in led.rows("sales", "annual_targets") if r.get("year") == year]
    own = {r["branch"]: (r.get("target_units"), r.get("target_amount")) for r in annual if r.get("branch")}
    company = next((r for r in annual if not r.get("branch")), None)
    branches = dict(own)
    if company is not None:
        others = sorted(b for b in past["branch"] if b not in own)
        branches |= _split(company.get("target_units"), company.get("target_amount"), own, sorted(own) + others,
                           past["branch"])
    months = [f"{year}-{m:02d}" for m in range(1, 13)]
    typed_month: dict[str, dict] = defaultdict(dict)
    typed_person: dict[tuple, dict] = defaultdict(dict)
    for r in led.rows("sales", "targets"):
        if not r.get("month") or not r["month"].startswith(f"{year}-") or not r.get("branch"):
            continue
        value = (r.get("target_units"), r.get("target_amount"))
        if r.get("salesperson"):
            name = (led.employee(r["salesperson"]) or {}).get("name") or r["salesperson"]
            typed_person[(r["branch"], r["month"])][name] = value
        else:
            typed_month[r["branch"]][r["month"]] = value
    out = []
    for branch in sorted(set(branches) | set(typed_month)):
        units, amount = branches.get(branch, (None, None))
        weights = {f"{year}-{m:02d}": v for (b, m), v in past["month"].items() if b == branch}
        split = _split(units, amount, typed_month[branch], months, weights) if branch in branches else {}
        for month in months:
            value = typed_month[branch].get(month) or split.get(month)
            if value is None or (month not in typed_month[branch] and not any(value)):
                continue
            out.append(TargetRow(month, branch, None, value[0], value[1], TYPED if month in typed_month[branch] else SPLIT))
            typed = typed_person[(branch, month)]
            people = sorted(set(salespeople(led, branch, month)) | set(typed))
            share = {p: v for (b, p), v in past["person"].items() if b == branch}
            for person, v in (typed | _split(value[0], value[1], typed, people, share)).items():
                if person in typed or any(v):
                    out.append(TargetRow(month, branch, person, v[0], v[1], TYPED if person in typed else SPLIT))
    return out


@dataclass(frozen=True)
class TargetsResult:
    """What ``sales targets`` split (and wrote).

    Attributes:
        year: the year.
        rows: the grid.
        written: how many rows were appended to 销售目标.
        workbook: the grid written, None when not written.
    """

    year: int
    rows: tuple[TargetRow, ...]
    written: int = 0
    workbook: Path | None = None
    problems: tuple = ()

    def records(self) -> list[dict[str, Any]]:
        return [{"month": r.month, "branch": r.branch, "salesperson": r.salesperson, "target_units": r.units,
                 "target_amount": r.amount, "source": "typed" if r.source == TYPED else "split"} for r in self.rows]

    def summary(self) -> list[str]:
        branch_rows = [r for r in self.rows if r.salesperson is None]
        if not branch_rows:
            return [f"{self.year} 年没有年度目标可分解（「年度目标」中没有该年的行，「销售目标」中也没有该年的分公司目标）"]
        new = sum(1 for r in self.rows if r.source == SPLIT)
        lines = [f"{self.year} 年销售目标分解：{len({r.branch for r in branch_rows})} 个分公司，{len(self.rows)} 行，"
                 f"其中按去年占比分解 {new} 行" + (f"，已写入「销售目标」{self.written} 行" if self.written
                                                  else "（加 --write 写入「销售目标」）" if new else "")]
        for branch in sorted({r.branch for r in branch_rows}):
            mine = [r for r in branch_rows if r.branch == branch]
            lines.append(f"  {branch}：{sum(r.units or 0 for r in mine)} 台，{sum((r.amount or ZERO for r in mine), ZERO):,.2f} 元")
        return lines + ([f"明细：{self.workbook}"] if self.workbook else [])


def target_records(led: Ledger, rows: list[TargetRow]) -> list[dict]:
    """The 销售目标 rows to append: the split ones (never a typed one), after refusing closed months."""
    new = [r for r in rows if r.source == SPLIT]
    refuse_if_closed(led.params, {r.month for r in new}, "写入销售目标分解")
    return [{"month": r.month, "branch": r.branch, "salesperson": r.salesperson, "target_units": r.units,
             "target_amount": r.amount} for r in new]


def write_targets(led: Ledger, rows: list[TargetRow]) -> int:
    """Append the split rows to 销售目标 (one safe write); returns how many."""
    records = target_records(led, rows)
    if not records:
        return 0
    table = led.table("sales", "targets")
    if table is None or not led.found("sales"):
        raise BookError("销售台账.xlsx 中没有「销售目标」工作表，无法写入分解结果")
    with editing(led.path("sales")) as workbook:
        append_rows(workbook[table.sheet_name], table, records)
    return len(records)


def sales_targets(source: Any, year: int, *, write: bool = False, workbook: bool = True) -> TargetsResult:
    """Split (and with ``write`` append) the targets of ``year`` of the books in ``source``."""
    led = load(source)
    rows = split_year(led, year)
    result = TargetsResult(year, tuple(rows), write_targets(led, rows) if write else 0)
    if workbook and rows:
        cells = [[r.month, r.branch, r.salesperson or "", r.units, r.amount, r.source] for r in rows]
        result = replace(result, workbook=write_report(led.books_dir, f"销售目标分解_{year}.xlsx", [("销售目标分解", HEADERS, cells)]))
    return result
