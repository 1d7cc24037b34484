"""Action: receivable aging as of any date (``receivables age``) — workbook and snapshot.

Ages the Ledger's contracts as of the date (:func:`dealer_xl.ledger.aging.age_contracts`) and writes:

- ``<DIR>/报表/账龄分析_<YYYY-MM-DD>.xlsx`` (a new file; see :mod:`.aging_workbook` for the sheets);
- ``<DIR>/报表/快照/账龄_<YYYY-MM-DD>.json``: the glossary's figures of the date (应收余额,
  逾期金额, 陈欠金额, 已核销余额 in integer fen) and per contract the figures in integer fen
  (outstanding, overdue, penalty, each bucket), DPD, class and kind, so later months can be compared.

Guarantees: those of :mod:`dealer_xl.ledger.aging` (buckets add up to the outstanding, every contract
with something outstanding exactly once, computed and missing schedules named). The books are never
written.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from ...domain.money import from_fen, to_fen
from ...io.reader import gc_paused
from ...io.writer import save_new
from ...ledger import Ledger
from ...ledger.aging import OVERDUE, TOTAL, AgedContract, AgingResult, age_contracts
from ...ledger.held import hold
from ...ledger.requirements import require
from ...progress import ProgressFn, step
from ..book import OUTPUT_DIR
from .aging_workbook import build_aging_workbook

SNAPSHOT_DIR = "快照"
__all__ = ["AgedContract", "AgingResult", "age_contracts", "age_receivables", "aging_json", "previous_snapshot",
           "write_snapshot"]


def age_receivables(ledger: Ledger, as_of: date | None = None, *, all_installments: bool = False,
                    progress: ProgressFn | None = None) -> AgingResult:
    """Age the Ledger's receivables as of ``as_of`` (default the Ledger's today) and write the
    workbook and the snapshot under ``<books_dir>/报表``; returns what was written. 分期明细 lists the
    overdue installments, or every unpaid one with ``all_installments``.

    Raises MissingBook when 应收款台账 or its 分期合同 sheet is missing.
    """
    ledger.require("receivables", "contracts")
    require(ledger, "age", "做账龄分析")
    as_of = as_of or ledger.today
    with step(progress, "分配收款、账龄分段与五级分类"), gc_paused():  # what is made here lives on, in no cycle
        result = age_contracts(ledger, as_of)
    hold()  # inside ledger.held: the positions, kept to the end, are not walked again by the collector
    return write_aging(ledger, result, all_installments=all_installments, progress=progress)


def write_aging(ledger: Ledger, result: AgingResult, *, all_installments: bool = False,
                progress: ProgressFn | None = None) -> AgingResult:
    """Write the aging workbook and snapshot of ``result`` under ``<books_dir>/报表`` (compared with
    the latest earlier snapshot there); returns ``result`` with what was written."""
    as_of = result.as_of
    reports = ledger.books_dir / OUTPUT_DIR
    result = replace(result, previous=previous_snapshot(reports / SNAPSHOT_DIR, as_of))
    with step(progress, "生成账龄分析工作簿"), gc_paused():  # 27,000 rows of cells (their few cycles are freed by a later pass)
        book = save_new(build_aging_workbook(result, all_installments=all_installments),
                        reports / f"账龄分析_{as_of.isoformat()}.xlsx")
    with step(progress, "写入账龄快照"):
        snap = write_snapshot(result, reports / SNAPSHOT_DIR / f"账龄_{as_of.isoformat()}.json")
    return replace(result, workbook=book, snapshot=snap)


def aging_json(ledger: Ledger, result: AgingResult) -> dict:
    """``receivables age --format json``: the glossary's figures of the date (money in integer fen)
    and every bucket in fen; the overdue buckets add up to ``overdue_fen``, 未到期 and they to
    ``balance_fen``, and 已核销 (when the books have write-offs) is ``written_off_fen``."""
    from ...jsonout import fen
    from ...ledger.figures import value

    day = result.as_of
    return {"as_of": day, "contracts": value(ledger, "receivables.contracts", day),
            "balance_fen": fen(value(ledger, "receivables.balance", day)),
            "overdue_fen": fen(value(ledger, "receivables.overdue", day)),
            "written_off_fen": fen(value(ledger, "receivables.written_off", day)),
            "buckets": {label: fen(result.totals[label]) for label in result.labels}}


def write_snapshot(result: AgingResult, path: Path) -> Path:
    """Write the per-contract figures in fen as JSON (UTF-8, stable key order); returns ``path``."""
    contracts = {}
    for a in result.contracts:
        f, g = a.file, a.aging
        contracts[f.contract_no] = {
            "customer": f.customer_name, "branch": f.branch, "region": f.region, "salesperson": f.salesperson,
            "collector": f.collector, "outstanding_fen": to_fen(g.outstanding), "overdue_fen": to_fen(g.overdue),
            "penalty_fen": to_fen(a.position.penalty_outstanding), "dpd": g.dpd, "risk_class": g.risk_class,
            "kind": g.kind, "buckets_fen": [to_fen(g.buckets[label]) for label in result.labels]}
    body = {"as_of": result.as_of.isoformat(), "bucket_labels": list(result.labels),
            "balance_fen": to_fen(result.balance), "overdue_fen": to_fen(result.overdue),
            "long_overdue_fen": to_fen(result.long_overdue), "written_off_fen": to_fen(result.written_off),
            "outstanding_fen": to_fen(result.outstanding),
            "totals_fen": [to_fen(result.totals[label]) for label in result.labels], "contracts": contracts}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(body, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
    return path


def previous_snapshot(folder: Path, as_of: date) -> tuple[date, dict[str, Decimal]] | None:
    """The latest snapshot in ``folder`` dated before ``as_of``: its date and label → amount (its
    own bucket labels, plus 应收余额 and 逾期金额); None when there is none or it cannot be read."""
    dated = []
    for path in folder.glob("账龄_*.json"):
        try:
            day = date.fromisoformat(path.stem.split("_", 1)[1])
        except ValueError:
            continue
        if day < as_of:
            dated.append((day, path))
    if not dated:
        return None
    day, path = max(dated)
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        amounts = {label: from_fen(fen) for label, fen in zip(body["bucket_labels"], body["totals_fen"], strict=True)}
        amounts[TOTAL] = from_fen(body.get("balance_fen", body["outstanding_fen"]))
        amounts[OVERDUE] = from_fen(body["overdue_fen"] if "overdue_fen" in body
                                    else sum(c["overdue_fen"] for c in body["contracts"].values()))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return day, amounts
