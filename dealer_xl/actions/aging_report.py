"""Action: receivable aging as of any date (``receivables age``) — workbook and snapshot.

Reads the books once, allocates every contract's receipts as of the date, ages each installment
(:func:`dealer_xl.domain.aging.age_installments`, buckets from the 参数 sheet) and writes:

- ``<DIR>/报表/账龄分析_<YYYY-MM-DD>.xlsx`` (a new file; see :mod:`.aging_workbook` for the sheets);
- ``<DIR>/报表/快照/账龄_<YYYY-MM-DD>.json``: per contract the figures in integer fen (outstanding,
  overdue, penalty, each bucket), DPD, class and kind, so later months can be compared.

Guarantees: the buckets of every contract add up exactly to its outstanding, so the report's check
line holds (``AgingResult.balanced``); every contract with something outstanding is in the report
exactly once; contracts whose schedule was computed from their terms (no rows in 还款计划) are
included and named in the summary, contracts without any schedule (自定义 with no rows) are left
out and named. The books are never written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from ..domain.aging import (
    ContractAging,
    add_buckets,
    age_installments,
    aging_options,
    bucket_labels,
    bucket_text_problem,
    check_buckets,
)
from ..domain.allocation import ContractPosition, penalty_rate_warning
from ..domain.bad_debts import WRITTEN_OFF_LABEL, written_off_aging
from ..domain.money import ZERO, from_fen, to_fen
from ..io.writer import save_new
from ..ledger.receivables import COMPUTED, NONE, ContractFile
from ..ledger.requirements import require
from ..problems import Severity
from ..progress import ProgressFn, step
from .receivables import REPORTS_DIR, ReceivablesData, load_receivables, positions_as_of

SNAPSHOT_DIR = "快照"
TOTAL, OVERDUE = "应收余额", "逾期金额"


@dataclass(frozen=True, slots=True)
class AgedContract:
    """One contract in the aging report.

    Attributes:
        file: the contract's books data.
        position: its position as of the date.
        aging: its aging (buckets, DPD, class, kind).
    """

    file: ContractFile
    position: ContractPosition
    aging: ContractAging


@dataclass(frozen=True, slots=True)
class AgingResult:
    """What ``receivables age`` produced.

    Attributes:
        as_of: the as-of date.
        labels: the bucket labels, in order.
        contracts: the contracts with something outstanding (or penalty unpaid), in book order.
        totals: bucket label → amount over all contracts.
        outstanding: total outstanding (principal + interest).
        balanced: the buckets add up exactly to ``outstanding``.
        computed: contracts aged on a schedule computed from their terms.
        no_schedule: contracts left out for want of any schedule.
        workbook: the aging workbook written (None when not written).
        snapshot: the snapshot written (None when not written).
        previous: the latest earlier snapshot found beside it: (its as-of date, label → amount,
            with 应收余额 and 逾期金额 as well), None when there is none.
        notes: warnings about the 参数 values used (an unusable 账龄分段 falls back to the default).
    """

    as_of: date
    labels: tuple[str, ...]
    contracts: tuple[AgedContract, ...]
    totals: dict[str, Decimal]
    outstanding: Decimal
    balanced: bool
    computed: tuple[str, ...]
    no_schedule: tuple[str, ...]
    workbook: Path | None = None
    snapshot: Path | None = None
    previous: tuple[date, dict[str, Decimal]] | None = None
    notes: tuple[str, ...] = ()

    @property
    def overdue(self) -> Decimal:
        return self.outstanding - self.totals.get(self.labels[0], ZERO)

    def summary(self) -> list[str]:
        lines = [f"账龄分析（截至 {self.as_of}）：{len(self.contracts)} 个合同，应收余额 {self.outstanding:,.2f} 元，"
                 f"其中逾期 {self.overdue:,.2f} 元；各账龄段合计{'与应收余额一致' if self.balanced else '与应收余额不一致！'}"]
        lines.append("  " + "，".join(f"{label} {self.totals[label]:,.2f}" for label in self.labels))
        lines += [f"  提示：{note}" for note in self.notes]
        if self.computed:
            lines.append(f"  按合同条款计算还款计划（台账中尚无）：{'、'.join(self.computed)}")
        if self.no_schedule:
            lines.append(f"  无还款计划、未计入：{'、'.join(self.no_schedule)}")
        if self.previous:
            day, before = self.previous
            lines.append(f"  与 {day} 相比：应收余额 {self.outstanding - before[TOTAL]:+,.2f}，"
                         f"逾期 {self.overdue - before[OVERDUE]:+,.2f}")
        if self.workbook:
            lines.append(f"  报表 {self.workbook}；快照 {self.snapshot}")
        return lines


def age_contracts(data: ReceivablesData, as_of: date,
                  positions: dict[str, ContractPosition] | None = None) -> AgingResult:
    """The aging of every contract in ``data`` as of ``as_of`` (nothing written)."""
    require(data, "age", "做账龄分析")
    positions = positions if positions is not None else positions_as_of(data, as_of)
    options = aging_options(data.params)
    labels = bucket_labels(options["bounds"])
    aged = []
    written = any(c.written_off for c in data.contracts)
    labels = (*labels, WRITTEN_OFF_LABEL) if written else labels
    for c in data.contracts:
        p = positions[c.contract_no]
        if p.outstanding > 0 or p.penalty_outstanding > 0:
            aging = age_installments(p, status=c.contract["status"], **options)
            aged.append(AgedContract(c, p, written_off_aging(aging, c.written_off) if written else aging))
    totals = {label: ZERO for label in labels} | add_buckets(a.aging.buckets for a in aged)
    outstanding = sum((a.aging.outstanding for a in aged), ZERO)
    return AgingResult(as_of, labels, tuple(aged), totals, outstanding,
                       check_buckets(outstanding, totals) and all(check_buckets(a.aging.outstanding, a.aging.buckets)
                                                                   for a in aged),
                       tuple(c.contract_no for c in data.by_source(COMPUTED)),
                       tuple(c.contract_no for c in data.by_source(NONE) if c.contract_no not in data.skipped),
                       notes=_notes(data))


def _notes(data: ReceivablesData) -> tuple[str, ...]:
    notes = [f"{p.where()}：{p.message}" for p in data.problems if p.severity is not Severity.INFO]
    notes += [f"未计入 {label}：{count} 行" for label, count in data.orphans.items()]
    cap = penalty_rate_warning(data.params["penalty_daily_rate"], data.params["lpr_1y"])
    if cap:
        notes.append(cap)
    notes += [f"跳过合同 {no}：{why}" for no, why in data.skipped.items()]
    problem = bucket_text_problem(data.params["aging_buckets"])
    if problem:
        notes.append(f"参数 aging_buckets：{problem}，已使用默认分段 30,60,90,180,365")
    return tuple(notes)


def age_receivables(folder: Path | str, as_of: date | None = None, *, data: ReceivablesData | None = None,
                    positions: dict[str, ContractPosition] | None = None,
                    progress: ProgressFn | None = None) -> AgingResult:
    """Age the receivables in ``folder`` as of ``as_of`` (default today) and write the workbook and
    the snapshot under ``<folder>/报表``; returns what was written."""
    from .aging_workbook import build_aging_workbook

    as_of = as_of or date.today()
    if data is None:
        with step(progress, "读取台账") as p:
            data = load_receivables(folder, progress=p)
    reports = Path(folder) / REPORTS_DIR
    if positions is None:
        with step(progress, "分配收款、计算各合同余额") as p:
            positions = positions_as_of(data, as_of, progress=p)
    with step(progress, "账龄分段与五级分类"):
        result = replace(age_contracts(data, as_of, positions),
                         previous=previous_snapshot(reports / SNAPSHOT_DIR, as_of))
    with step(progress, "生成账龄分析工作簿"):
        book = save_new(build_aging_workbook(result), reports / f"账龄分析_{as_of.isoformat()}.xlsx")
    with step(progress, "写入账龄快照"):
        snap = write_snapshot(result, reports / SNAPSHOT_DIR / f"账龄_{as_of.isoformat()}.json")
    return replace(result, workbook=book, snapshot=snap)


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
        amounts[TOTAL] = from_fen(body["outstanding_fen"])
        amounts[OVERDUE] = amounts[TOTAL] - amounts.get(body["bucket_labels"][0], ZERO)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return day, amounts
