"""The collection worklist (DOMAIN §3): who chases a contract, what to do next, and how urgent it is.

Pure: it takes reader rows (field names of dealer_xl.schema) and an allocated ContractPosition.

Escalation policy (:func:`next_action`), by DPD of the contract:
  1–30 电话 (the salesperson calls; 短信 as reminder) · 31–60 上门 · 61–90 催款函 · 91–180 律师函 ·
  over 180 扣车 when allowed, else 起诉. Then, in this order:
  - a broken promise in the current overdue episode moves one step up the ladder
    电话 → 上门 → 催款函 → 律师函 → 起诉/扣车;
  - 扣车 and 起诉 need a demand first: without a 催款函/律师函 since the oldest unpaid due date the
    suggestion stays 律师函 (民法典第642条 allows taking the machine back after an unanswered
    demand);
  - 扣车 is allowed only when the paid ratio is below no_repossession_paid_ratio (司法解释第26条);
  - a limitation deadline within limitation_warn_days (or past) makes it at least 催款函, to be
    delivered at once so the period restarts (第195条);
  - a contract already in 诉讼 gets 跟进诉讼, one in 扣车 gets 跟进扣车（赎回或处置）.

Priority score (:func:`priority_score`), higher first:
  score = (overdue + penalty outstanding) ÷ 1000 × W[risk class] + 50 × broken promises
          + L + 20 × [可主张全部价款]
  with W = 关注 1, 次级 2, 可疑 3, 损失 4, and L = 100 once the limitation deadline has passed, else
  100 × (warn_days − days left) ÷ warn_days within warn_days of it, else 0; rounded to 0.01.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .aging import aging_options, overdue_kind, risk_class
from .allocation import ContractPosition, Payment
from .civil_code import (
    ACCELERATION,
    broken_promises,
    civil_code_flags,
    limitation_deadline,
    unanswered_demand,
)
from .money import round_cents

PHONE, VISIT, LETTER, LAWYER, SUE, REPOSSESS = "电话", "上门", "催款函", "律师函", "起诉", "扣车"
LADDER = (PHONE, VISIT, LETTER, LAWYER, SUE)
BY_DPD = ((30, PHONE), (60, VISIT), (90, LETTER), (180, LAWYER))
FOLLOW_LAWSUIT, FOLLOW_REPOSSESSION = "跟进诉讼", "跟进扣车（赎回或处置）"
CLASS_WEIGHT = {"正常": 0, "关注": 1, "次级": 2, "可疑": 3, "损失": 4}
UNASSIGNED = "（未指定）"


def responsible(dpd: int, handover_days: int, salesperson: str | None, collector: str | None) -> str:
    """The salesperson while DPD ≤ handover_days, the collector beyond; the other one when missing."""
    first, second = (salesperson, collector) if dpd <= handover_days else (collector, salesperson)
    return first or second or UNASSIGNED


def next_action(dpd: int, *, broken: int = 0, demand_made: bool = False, repossession_allowed: bool = True,
                limitation_days_left: int | None = None, warn_days: int = 90,
                status: str | None = None) -> str:
    """The suggested next collection action by the escalation policy of the module docstring."""
    if status == "诉讼":
        return FOLLOW_LAWSUIT
    if status == REPOSSESS:
        return FOLLOW_REPOSSESSION
    step = next((LADDER.index(action) for limit, action in BY_DPD if dpd <= limit), LADDER.index(SUE))
    if broken:
        step = min(step + 1, LADDER.index(SUE))
    if step == LADDER.index(SUE) and not demand_made:
        step = LADDER.index(LAWYER)
    if limitation_days_left is not None and limitation_days_left <= warn_days:
        step = max(step, LADDER.index(LETTER))
    if LADDER[step] == SUE and repossession_allowed:
        return REPOSSESS
    return LADDER[step]


def priority_score(overdue: Decimal, penalty: Decimal, risk: str, broken: int, flags: Sequence[str],
                   limitation_days_left: int | None, warn_days: int = 90) -> Decimal:
    """The worklist priority by the formula of the module docstring."""
    urgency = Decimal(0)
    if limitation_days_left is not None:
        if limitation_days_left < 0:
            urgency = Decimal(100)
        elif limitation_days_left <= warn_days and warn_days > 0:
            urgency = Decimal(100) * (warn_days - limitation_days_left) / warn_days
    score = ((overdue + penalty) / 1000 * CLASS_WEIGHT.get(risk, 0) + 50 * broken + urgency
             + (20 if ACCELERATION in flags else 0))
    return round_cents(score)


@dataclass(frozen=True, slots=True)
class WorklistRow:
    """One contract with money overdue, as the collection worklist shows it.

    Attributes:
        contract_no: 合同编号.
        customer_id: 客户编号.
        customer: 客户名称 when known, else the 客户编号.
        branch: 分公司 of the sale ('' when unknown).
        salesperson: 业务员 of the sale ('' when unknown).
        collector: 催收责任人 of the contract ('' when none).
        responsible: who chases it now (see :func:`responsible`).
        overdue: 逾期金额 (principal + interest of the overdue installments).
        overdue_principal: its principal part.
        overdue_interest: its interest part.
        penalty: 罚息 accrued and unpaid.
        dpd: 逾期天数 of the contract.
        risk_class: 五级分类.
        kind: 逾期 / 陈欠 / 呆死帐 by DPD (and status 核销).
        last_action_date: date of the latest 催收记录 row up to the as-of date, None when none.
        last_action: its 催收方式 ('' when none).
        last_result: its 催收结果 ('' when none).
        broken_promises: broken promises in the current overdue episode.
        flags: Civil Code flags (see dealer_xl.domain.civil_code).
        limitation_deadline: 诉讼时效届满日, None without a schedule.
        suggested_action: the next action by the escalation policy.
        score: the priority score.
    """

    contract_no: str
    customer_id: str
    customer: str
    branch: str
    salesperson: str
    collector: str
    responsible: str
    overdue: Decimal
    overdue_principal: Decimal
    overdue_interest: Decimal
    penalty: Decimal
    dpd: int
    risk_class: str
    kind: str
    last_action_date: date | None
    last_action: str
    last_result: str
    broken_promises: int
    flags: tuple[str, ...]
    limitation_deadline: date | None
    suggested_action: str
    score: Decimal


def build_worklist_row(contract: dict[str, Any], sale: dict[str, Any] | None, position: ContractPosition,
                       log_rows: list[dict[str, Any]], receipts: list[Payment], params: dict[str, Any],
                       as_of: date, *, customer_name: str | None = None) -> WorklistRow | None:
    """The worklist row of one contract as of ``as_of``; None when nothing is overdue.

    ``contract`` is its 分期合同 row, ``sale`` its 销售明细 row, ``log_rows`` its 催收记录 rows and
    ``receipts`` its receipts; ``params`` the 参数 values (defaults for missing keys).
    """
    if position.overdue <= 0:
        return None
    p = params.get
    options = aging_options(params)
    dpd, status = position.dpd, contract.get("status")
    risk = risk_class(dpd, *options["risk_days"])
    log = sorted((r for r in log_rows if r.get("log_date") is not None and r["log_date"] <= as_of),
                 key=lambda r: r["log_date"])
    oldest = position.oldest_unpaid_due
    broken = len(broken_promises(log, receipts, as_of, since=oldest))
    last_due = max((s.due_date for s in position.installments), default=None)
    years, warn = int(p("limitation_years", 3)), int(p("limitation_warn_days", 90))
    deadline = limitation_deadline(last_due, log, as_of, years)
    days_left = (deadline - as_of).days if deadline else None
    paid_ratio = position.paid_ratio(contract.get("total_price"), contract.get("down_payment"))
    no_repo_ratio = Decimal(p("no_repossession_paid_ratio", Decimal("0.75")))
    demand = unanswered_demand(log, oldest, as_of)
    flags = civil_code_flags(
        overdue=position.overdue, total_price=contract.get("total_price"), paid_ratio=paid_ratio,
        demand_date=demand, deadline=deadline, as_of=as_of,
        acceleration_ratio=Decimal(p("acceleration_ratio", Decimal("0.20"))),
        no_repossession_ratio=no_repo_ratio, warn_days=warn)
    suggested = next_action(dpd, broken=broken, demand_made=demand is not None,
                            repossession_allowed=paid_ratio is None or paid_ratio < no_repo_ratio,
                            limitation_days_left=days_left, warn_days=warn, status=status)
    salesperson = (sale or {}).get("salesperson") or ""
    collector = contract.get("collector") or ""
    last = log[-1] if log else {}
    customer_id = contract.get("customer_id") or ""
    return WorklistRow(
        contract_no=contract.get("contract_no") or position.contract_no, customer_id=customer_id,
        customer=customer_name or customer_id, branch=(sale or {}).get("branch") or "",
        salesperson=salesperson, collector=collector,
        responsible=responsible(dpd, int(p("sales_to_credit_handover_days", 60)), salesperson, collector),
        overdue=position.overdue, overdue_principal=position.overdue_principal,
        overdue_interest=position.overdue_interest, penalty=position.penalty_outstanding, dpd=dpd,
        risk_class=risk, kind=overdue_kind(dpd, options["long_overdue_days"], options["bad_debt_days"], status),
        last_action_date=last.get("log_date"), last_action=last.get("action") or "",
        last_result=last.get("result") or "", broken_promises=broken, flags=flags,
        limitation_deadline=deadline, suggested_action=suggested,
        score=priority_score(position.overdue, position.penalty_outstanding, risk, broken, flags, days_left, warn))
