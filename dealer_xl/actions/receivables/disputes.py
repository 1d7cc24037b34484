"""Action ``receivables disputes``: the 清欠纠纷处理意见 report — each disputed contract, its position
and the expected recovery of negotiating, repossessing and suing, from the books.

A contract is a case as of the date when it is neither written off nor settled and it has an open
诉讼案件 row (not 终结), status 诉讼 or 扣车, a machine held (扣车记录 扣押中), or money overdue for more
than 参数 sales_to_credit_handover_days (the credit department's own). Per case the figures are the
court file's (:func:`dealer_xl.documents.court_case.court_case`: the position at the claimable penalty
rate, the Civil Code flags, the complaint's 标的总额 and 案件受理费) and the options of
:mod:`dealer_xl.domain.disputes`; the recommendation is the allowed option with the largest net.

Written to ``报表/清欠纠纷处理意见_<YYYY-MM-DD>.xlsx`` (处理意见: one row per case, most owed first;
方案明细: one row per case and option with how its figure was reached; 未计算: the refused cases, one
row per 错误), printed legibly (A3 when the sheet is too wide for A4). Input gate: a
case whose position is computed from a cell validation calls an 错误 (terms, schedule, receipts,
扣车记录, 核销记录 up to the date; the 参数 it uses) is refused — named with book, sheet, cell and
reason — and the command exits 1. The books are never written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ... import ledger as ledger_mod
from ...documents.court_case import CourtCase, court_case
from ...documents.gated import position_uses
from ...domain.civil_code import no_repossession_flag
from ...domain.disputes import (
    RecoveryOption,
    negotiate_option,
    recommend,
    repossess_option,
    resale_ratio,
    sue_option,
)
from ...domain.money import ZERO
from ...domain.repossession import DISPOSED, costs
from ...io.report_writer import DATE, INT, MONEY, PERCENT
from ...problems import Problem
from ...schema import labels
from ..book import OUTPUT_DIR
from ..book_rows import require_receivables
from ..gate import REFUSAL_COLUMNS, Uses, gate, param_rows, refusal_cells, refusal_line
from ..report_book import write_report as write_book
from ..result import Refusing

CASE_STATUSES = ("诉讼", "扣车")
NOTE = "算法说明"
CLOSED = ("结清", "核销")
PARAMS = ("penalty_daily_rate", "grace_days", "lpr_1y", "acceleration_ratio", "no_repossession_paid_ratio",
          "lawsuit_recovery_ratio", "resale_ratio", "sales_to_credit_handover_days", "limitation_years")
HEADERS = (labels.CONTRACT_NO, labels.CUSTOMER_NAME, labels.COLLECTOR, labels.CONTRACT_STATUS, labels.CASE_NO,
           labels.STAGE, "逾期天数", "逾期金额", "未到期本息", "违约金", "欠款合计", "已付比例", "标志", "诉讼时效届满日",
           "协商预计回收", "取回预计净回收", "起诉预计净回收", "处理意见")
FORMATS = {"逾期天数": INT, "逾期金额": MONEY, "未到期本息": MONEY, "违约金": MONEY, "欠款合计": MONEY,
           "已付比例": PERCENT, "诉讼时效届满日": DATE, "协商预计回收": MONEY, "取回预计净回收": MONEY,
           "起诉预计净回收": MONEY}
OPTION_HEADERS = (labels.CONTRACT_NO, labels.CUSTOMER_NAME, "方案", "可行", "预计回收", "预计费用", "预计净回收", NOTE)
SHEET, OPTIONS_SHEET, REFUSED_SHEET = "处理意见", "方案明细", "未计算"


@dataclass(frozen=True)
class Dispute:
    """One case of the report.

    Attributes:
        case: the court file facts.
        owed: 欠款合计: outstanding principal and interest + penalty + costs of a machine held.
        options: 协商, 取回, 起诉.
        recommended: the recommended option, None when none is allowed.
        case_row: the open 诉讼案件 row, None when none.
    """

    case: CourtCase
    owed: Decimal
    options: tuple[RecoveryOption, ...]
    recommended: RecoveryOption | None
    case_row: dict | None

    def record(self) -> dict[str, Any]:
        c, position, row = self.case, self.case.position, self.case.row
        return {"contract_no": c.file.contract_no, "customer": c.file.customer_name, "collector": c.file.collector,
                "status": c.file.contract.get("status") or "", "case_no": (self.case_row or {}).get("case_no"),
                "stage": (self.case_row or {}).get("stage"), "dpd": position.dpd, "overdue": position.overdue,
                "not_due": position.not_due, "penalty": position.penalty_outstanding, "owed": self.owed,
                "paid_ratio": paid_ratio(c), "flags": list(row.flags) if row else [],
                "limitation_deadline": row.limitation_deadline if row else None,
                "claim_total": c.claim.total, "court_fee": c.fee,
                "options": [{"option": o.option, "allowed": o.allowed, "expected": o.expected, "cost": o.cost,
                             "net": o.net, "note": o.note} for o in self.options],
                "recommended": self.recommended.option if self.recommended else None}


def paid_ratio(case: CourtCase) -> Decimal | None:
    """(首付款 + principal and interest paid) ÷ 合同总价 (the worklist's own ratio)."""
    contract = case.file.contract
    return case.position.paid_ratio(contract.get("total_price"), contract.get("down_payment"))


@dataclass(frozen=True)
class DisputesResult(Refusing):
    """What ``receivables disputes`` produced.

    Attributes:
        as_of: the date.
        disputes: the cases, most owed first.
        path: the workbook written.
        refused: 合同编号 → the 错误 that keep it out.
    """

    as_of: date
    disputes: tuple[Dispute, ...]
    path: Path
    refused: dict[str, tuple[Problem, ...]] = field(default_factory=dict)

    def records(self) -> list[dict[str, Any]]:
        return [d.record() for d in self.disputes] + self.refusal_records("contract_no")

    def summary(self) -> list[str]:
        owed = sum((d.owed for d in self.disputes), ZERO)
        counts: dict[str, int] = {}
        for d in self.disputes:
            key = d.recommended.option if d.recommended else "无可行方案"
            counts[key] = counts.get(key, 0) + 1
        lines = [f"清欠纠纷处理意见（截至 {self.as_of}）：{len(self.disputes)} 件，欠款合计 {owed:,.2f} 元；建议"
                 + "，".join(f"{k} {n} 件" for k, n in counts.items())]
        for d in self.disputes:
            best = d.recommended
            lines.append(f"  {d.case.file.contract_no}（{d.case.file.customer_name}）欠 {d.owed:,.2f} 元，逾期 "
                         f"{d.case.position.dpd} 天：" + "；".join(f"{o.option} {o.net:,.2f}" if o.allowed else f"{o.option} 不可行"
                                                                for o in d.options)
                         + f" → {best.option if best else '无可行方案'}")
        lines += [refusal_line("纠纷", no, list(found)) for no, found in self.refused.items()]
        return lines + [f"已写出 {self.path}"]


def is_dispute(led, file, position, handover_days: int, as_of: date) -> bool:
    """Whether a contract is a case as of ``as_of`` (see the module docstring)."""
    if file.written_off or file.contract.get("status") in CLOSED:
        return False
    open_case = any(r.get("stage") != "终结" and r.get("filing_date") and r["filing_date"] <= as_of
                    for r in led.all("receivables", "cases", "contract_no", file.contract_no))
    held = any(r.get("status") == "扣押中" and r.get("repo_date") and r["repo_date"] <= as_of for r in file.repossessions)
    return open_case or held or file.contract.get("status") in CASE_STATUSES or \
        (position.overdue > 0 and position.dpd > handover_days)


def dispute(led, case: CourtCase, ratio: tuple[Decimal, int], average_costs: Decimal) -> Dispute:
    """The :class:`Dispute` of a court file."""
    position, held = case.position, case.held
    owed = position.outstanding + position.penalty_outstanding + case.claim.costs
    machine = led.machine(case.file.contract.get("serial_no")) or {}
    flags = case.row.flags if case.row else ()
    no_repo = no_repossession_flag(led.decimal("no_repossession_paid_ratio")) in flags
    open_rows = [r for r in led.all("receivables", "cases", "contract_no", case.file.contract_no)
                 if r.get("stage") != "终结" and r.get("filing_date") and r["filing_date"] <= case.as_of]
    case_row = open_rows[-1] if open_rows else None
    options = (negotiate_option(position),
               repossess_option(owed, machine.get("purchase_price"), ratio[0], ratio[1],
                                costs(held) if held else average_costs, no_repossession=no_repo, held=held is not None),
               sue_option(case.claim.total, case.fee, led.decimal("lawsuit_recovery_ratio"),
                          limitation_passed=case.limitation_passed, case_no=(case_row or {}).get("case_no") or "",
                          filed=(case_row or {}).get("claim_amount"), judgment=(case_row or {}).get("judgment_amount")))
    return Dispute(case, owed, options, recommend(options), case_row)


def past_repossessions(led, as_of: date) -> tuple[tuple[Decimal, int], Decimal]:
    """(处置回收率 and how many disposals it rests on, average recorded fees of past repossessions)."""
    rows = [r for c in led.receivables.contracts for r in c.repossessions
            if r.get("repo_date") and r["repo_date"] <= as_of]
    pairs = [(r.get("disposal_amount"), (led.machine(r.get("serial_no")) or {}).get("purchase_price")) for r in rows
             if r.get("status") == DISPOSED and r.get("disposal_date") and r["disposal_date"] <= as_of]
    charged = [costs(r) for r in rows if costs(r) > 0]
    average = (sum(charged, ZERO) / len(charged)).quantize(Decimal("0.01")) if charged else ZERO
    return resale_ratio(pairs, led.decimal("resale_ratio")), average


def list_disputes(source, as_of: date | None = None) -> DisputesResult:
    """Build and write the 清欠纠纷处理意见 of the books in ``source`` as of ``as_of`` (default today)."""
    led = ledger_mod.load(source, today=as_of)
    require_receivables(led)
    as_of = led.today
    g = gate(led, (*position_uses(as_of), Uses("master", "params", ("value",))))
    positions, handover = led.receivables.positions(as_of), int(led.params["sales_to_credit_handover_days"])
    ratio, average = past_repossessions(led, as_of)
    disputes, refused = [], {}
    for file in led.receivables.contracts:
        if file.contract_no in led.receivables.skipped:
            continue
        if not is_dispute(led, file, positions[file.contract_no], handover, as_of):
            continue
        found = g.stops(file.contract_no, rows=param_rows(led, *PARAMS))
        if found:
            refused[file.contract_no] = tuple(found)
            continue
        disputes.append(dispute(led, court_case(led, file, as_of), ratio, average))
    disputes.sort(key=lambda d: (-d.owed, d.case.file.contract_no))
    path = write_report(led.books_dir / OUTPUT_DIR / f"清欠纠纷处理意见_{as_of:%Y-%m-%d}.xlsx", disputes, refused, as_of)
    return DisputesResult(as_of, tuple(disputes), path, refused)


def _cells(d: Dispute) -> list:
    record, by = d.record(), {o.option: o for o in d.options}
    return [record["contract_no"], record["customer"], record["collector"], record["status"], record["case_no"],
            record["stage"], record["dpd"], record["overdue"], record["not_due"], record["penalty"], record["owed"],
            record["paid_ratio"], "、".join(record["flags"]), record["limitation_deadline"],
            by["协商"].net, by["取回"].net if by["取回"].allowed else None, by["起诉"].net,
            d.recommended.option if d.recommended else "无可行方案"]


def write_report(path: Path, disputes: list[Dispute], refused: dict, as_of: date) -> Path:
    """The report workbook (see the module docstring)."""
    options = [[d.case.file.contract_no, d.case.file.customer_name, o.option, "是" if o.allowed else "否", o.expected,
                o.cost, o.net, o.note] for d in disputes for o in d.options]
    sheets = [(SHEET, HEADERS, [_cells(d) for d in disputes], FORMATS),
              (OPTIONS_SHEET, OPTION_HEADERS, options, {"预计回收": MONEY, "预计费用": MONEY, "预计净回收": MONEY})]
    if refused:
        sheets.append((REFUSED_SHEET, (labels.CONTRACT_NO, *REFUSAL_COLUMNS, labels.REASON),
                       [[no, *refusal_cells(p)] for no, found in refused.items() for p in found]))
    return write_book(path.parent.parent, path.name, sheets, as_of)
