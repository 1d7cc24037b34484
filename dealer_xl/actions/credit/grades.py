"""Action: credit grades from behaviour (``dealer-xl credit grades``) — preview, then confirmed write.

Without ``write``: for every customer and sub-dealer with installment history, the grade their
payments suggest (:mod:`dealer_xl.domain.credit_grades`, rules from 参数) beside the recorded
信用等级, written as ``<DIR>/报表/信用等级建议_<YYYY-MM-DD>.xlsx`` with an empty 确认 column (a 确认
already typed in an earlier preview of the same date is kept for the same party and suggestion).
The books are not written.

With ``write``: reads that preview and sets 信用等级 in 主数据.xlsx (客户 / 二级经销商) to the 建议等级
of each row whose 确认 is 是 — staff may have changed the 建议等级 cell to another grade A–D —
through the safe writer; rows not confirmed, unchanged grades and unknown parties are left alone.
A missing preview, or a 建议等级 that is not A–D on a confirmed row, is a BookError (one line,
exit 2), and then nothing is written.

Input gate: a party is not graded when validation calls an 错误 a cell its grade is computed from —
any of its contracts' terms, schedule, receipts, repossessions and write-off up to the date, their
催收记录 (promises), or the 参数 of the rules — and is listed (book, sheet, cell, reason) as refused:
no suggestion in the preview, and ``--write`` skips it even when an older preview says 是.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl

from ... import ledger as ledger_mod
from ...documents.gated import position_uses
from ...domain.credit_grades import GRADES, RULE_PARAMS, RuleError, metrics, rules_from, suggest
from ...io.report_writer import new_workbook, write_table
from ...io.values import parse_yesno
from ...io.writer import editing, save_new
from ...ledger.held import hold
from ...problems import BookError, Problem
from ...schema import labels
from ..book import OUTPUT_DIR as REPORTS_DIR
from ..book_rows import fit_report, require_receivables, set_values
from ..gate import Uses, gate, param_rows, problem_record, refusal_line

CUSTOMER, DEALER = "客户", "二级经销商"
HEADERS = (labels.CATEGORY, "编号", "名称", "现有等级", "建议等级", "最长逾期天数", "平均逾期天数", "按时还款比例", "失信承诺次数",
           "当前逾期天数", labels.REASON, "确认")
FORMATS = {"按时还款比例": "0.00%", "平均逾期天数": "0.0"}
SHEET = "信用等级建议"
TARGET = {CUSTOMER: ("customers", "customer_id"), DEALER: ("sub_dealers", "dealer_id")}
RULE_KEYS = ("grade_window_months", "grace_days", *(key for _, key in RULE_PARAMS))


@dataclass(frozen=True, slots=True)
class Grade:
    """One party's suggestion.

    Attributes:
        party_id: 客户编号 or 经销商编号.
        kind: 客户 or 二级经销商.
        name: the party's name.
        recorded: 信用等级 in 主数据 ('' when empty).
        suggested: the grade the rules give.
        reasons: the conditions that held.
        figures: the metrics (None where not measurable).
        confirmed: 确认 carried over from an earlier preview.
    """

    party_id: str
    kind: str
    name: str
    recorded: str
    suggested: str
    reasons: tuple[str, ...]
    figures: dict
    confirmed: str = ""


@dataclass(frozen=True, slots=True)
class GradesResult:
    """What ``credit grades`` did.

    Attributes:
        as_of: the date.
        grades: every party's suggestion.
        path: the preview workbook.
        written: (kind, party_id, old, new) of each grade written (``--write`` only).
        refused: (kind, party_id, the 错误 that stop its grade), not graded (or not written).
    """

    as_of: date
    grades: tuple[Grade, ...]
    path: Path
    written: tuple[tuple[str, str, str, str], ...] = ()
    refused: tuple[tuple[str, str, tuple[Problem, ...]], ...] = ()

    @property
    def problems(self) -> list[Problem]:
        return [p for _, _, found in self.refused for p in found]

    def summary(self) -> list[str]:
        differ = [g for g in self.grades if g.suggested != g.recorded]
        lines = [f"截至 {self.as_of}：评估 {len(self.grades)} 个客户/二级经销商，建议等级与现有等级不同的 {len(differ)} 个"]
        for g in differ[:10]:
            lines.append(f"  {g.kind} {g.party_id} {g.name}：现有 {g.recorded or '（空）'} → 建议 {g.suggested}"
                         f"（{'；'.join(g.reasons) or '还款正常'}）")
        if len(differ) > 10:
            lines.append(f"  …… 另有 {len(differ) - 10} 个，见预览表")
        if self.written:
            lines.append(f"已按确认更新主数据.xlsx 的信用等级 {len(self.written)} 处（原文件已备份）：" +
                         "、".join(f"{pid} {old or '（空）'}→{new}" for _, pid, old, new in self.written[:10]))
        else:
            lines.append(f"预览：{self.path}（在「确认」列填“是”后，加 --write 写回主数据）")
        grade = labels.header("master", "customers", "credit_grade")
        return lines + [refusal_line(grade, f"{kind} {party_id}", found) for kind, party_id, found in self.refused]

    def as_dicts(self) -> list[dict]:
        return [{"party_id": g.party_id, "kind": g.kind, "recorded": g.recorded or None, "suggested": g.suggested,
                 "reasons": list(g.reasons)} for g in self.grades] + [
            {"party_id": party_id, "kind": kind, "refused": True, "problems": [problem_record(p) for p in found]}
            for kind, party_id, found in self.refused]

    def records(self) -> list[dict]:
        """The suggestions, or with ``--write`` the grades written."""
        if self.written:
            return [{"kind": k, "party_id": p, "recorded": o or None, "written": n} for k, p, o, n in self.written]
        return self.as_dicts()


def grade_parties(folder, as_of: date | None = None, *, write: bool = False) -> GradesResult:
    """Preview (or, with ``write``, apply the confirmed) grades of the books in ``folder`` (a folder
    or a Books adapter)."""
    led = ledger_mod.load(folder, today=as_of)
    hold()  # inside ledger.held: the books are not walked again by the garbage collector
    require_receivables(led)
    path = led.books_dir / REPORTS_DIR / f"信用等级建议_{led.today:%Y-%m-%d}.xlsx"
    grades, refused = suggestions(led.as_of(led.today))  # the books as they were on the date
    if write:
        stopped = {(kind, party_id) for kind, party_id, _ in refused}
        return GradesResult(led.today, (), path, tuple(_write(led, path, stopped)), tuple(refused))
    kept = _confirmations(path) if path.exists() else {}
    grades = [Grade(**{**{f: getattr(g, f) for f in Grade.__slots__},
                       "confirmed": kept.get((g.kind, g.party_id, g.suggested), "")}) for g in grades]
    workbook = preview(new_workbook(fast=True), grades)  # XlsxWriter: every graded party (#24)
    return GradesResult(led.today, tuple(grades), save_new(workbook, path), (), tuple(refused))


def preview(workbook, grades: list[Grade]):
    """``workbook`` (an openpyxl Workbook or a FastBook, empty) holding the preview sheet of
    ``grades``; :func:`~dealer_xl.io.writer.save_new` sets up its printing."""
    ws = workbook.active
    ws.title = SHEET
    write_table(ws, HEADERS, [_cells(g) for g in grades], FORMATS)
    fit_report(ws, {"编号": 10, "名称": 30, labels.REASON: 60, "确认": 8})
    return workbook


def suggestions(led) -> tuple[list[Grade], list[tuple[str, str, tuple[Problem, ...]]]]:
    """(every party with installment history that the gate lets through, customers first, in id
    order; the refused ones with the 错误 that stop them)."""
    try:
        rules = rules_from(led.params)
    except RuleError as e:
        raise BookError(str(e)) from None
    positions = led.receivables.positions(led.today)
    hold()  # inside ledger.held: the model and its positions are not walked again by the collector
    parties: dict[tuple[str, str], list] = defaultdict(list)
    for c in led.receivables.contracts:
        if (c.contract.get("sign_date") or date.min) <= led.today:
            if c.contract.get("customer_id"):
                parties[(CUSTOMER, c.contract["customer_id"])].append(c)
            dealer = (c.sale or {}).get("sub_dealer_id")
            if dealer:
                parties[(DEALER, dealer)].append(c)
    window, grace = int(led.params["grade_window_months"]), int(led.params["grace_days"])
    g = gate(led, (*position_uses(led.today), Uses("receivables", "collection_log",
                                                   ("log_date", "result", "promise_date", "promise_amount"),
                                                   "contract_no"), Uses("master", "params", ("value",))))
    rules_rows = param_rows(led, *RULE_KEYS)
    out, refused = [], []
    for (kind, party_id), files in sorted(parties.items()):
        found = g.stops(*(f.contract_no for f in files), rows=rules_rows)
        if found:
            refused.append((kind, party_id, tuple(found)))
            continue
        table, key = TARGET[kind]
        row = led.first("master", table, key, party_id) or {}
        values = metrics([(positions[f.contract_no], f.log_rows) for f in files], led.today, window_months=window,
                         grace_days=grace, repossessed=sum(bool(f.repossessions) for f in files),
                         written_off=sum(f.written_off for f in files))
        grade, reasons = suggest(values, rules)
        out.append(Grade(party_id, kind, row.get("name") or "", row.get("credit_grade") or "", grade, reasons, values))
    return out, refused


def _cells(g: Grade) -> list:
    f = g.figures
    return [g.kind, g.party_id, g.name, g.recorded, g.suggested, _num(f["max_dpd"]), _num(f["avg_dpd"]),
            _num(f["on_time"]), _num(f["broken"]), _num(f["current"]), "；".join(g.reasons), g.confirmed]


def _num(value: Decimal | None):
    return None if value is None else (int(value) if value == value.to_integral_value() else float(value))


def _preview_rows(path: Path) -> list[dict]:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
    finally:
        wb.close()
    if not rows:
        return []
    head = [str(h).strip() if h is not None else "" for h in rows[0]]
    return [dict(zip(head, r, strict=False)) for r in rows[1:] if any(v is not None for v in r)]


def _confirmations(path: Path) -> dict[tuple[str, str, str], str]:
    return {(str(r.get(labels.CATEGORY)), str(r.get("编号")), str(r.get("建议等级"))): str(r.get("确认"))
            for r in _preview_rows(path) if r.get("确认") not in (None, "")}


def _write(led, path: Path, refused: set[tuple[str, str]]) -> list[tuple[str, str, str, str]]:
    if not path.exists():
        raise BookError(f"没有找到预览 {path}：请先运行 dealer-xl credit grades（不加 --write）生成预览，"
                        "在「确认」列填“是”后再加 --write")
    changes: dict[str, list[tuple[int, str, str, str]]] = defaultdict(list)
    for n, r in enumerate(_preview_rows(path), 2):
        if parse_yesno(r.get("确认")) != "是" or r.get(labels.CATEGORY) not in TARGET:
            continue
        grade = str(r.get("建议等级") or "").strip().upper()
        if grade not in GRADES:
            raise BookError(f"{path.name} 第{n}行已确认，但建议等级「{r.get('建议等级')}」不是 A/B/C/D；未写入任何等级")
        table, key = TARGET[r[labels.CATEGORY]]
        party_id = str(r.get("编号") or "").strip()
        if (r[labels.CATEGORY], party_id) in refused:
            continue
        positions = led.index("master", table, key).get(party_id)
        if positions and (led.rows("master", table)[positions[0]].get("credit_grade") or "") != grade:
            changes[table].append((positions[0], r[labels.CATEGORY], party_id, grade))
    written = []
    if changes:
        with editing(led.path("master")) as workbook:
            for table_key, items in changes.items():
                table = led.table("master", table_key)
                for i, kind, party_id, grade in items:
                    old = table.rows[i].get("credit_grade") or ""
                    set_values(workbook[table.sheet_name], table, i, {"credit_grade": grade})
                    written.append((kind, party_id, old, grade))
    return written
