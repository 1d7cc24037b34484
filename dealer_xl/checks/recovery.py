"""Recovery rules (应收款台账): repossession, write-off, legal cases, settled contracts, penalty cap.

- 扣车: a contract in status 扣车 needs a 扣车记录 row (错误); a 已处置 row needs 处置金额 and 处置日期
  (错误), and the disposal cannot predate the repossession (错误); a 扣押中 row whose buyer has since
  paid what the 扣车通知书 demanded (overdue + penalty + 拖车费 + 保管费 at the repossession date) is
  redeemed (提示: set 扣车状态 已赎回 and the contract status back).
- 核销: status 核销 needs a 核销记录 row and a 核销记录 row needs status 核销 (错误); a write-off above
  参数 writeoff_second_approval needs a 复核人 other than the 审批人 (错误).
- 诉讼案件: the next hearing cannot precede the filing, the filing cannot be in the future (错误);
  stage 开庭 needs a next hearing date, 判决/执行 a judgment amount (警告).
- 结清 while principal, interest or penalty is still owed as of today (警告, with the amount).
- The annualised penalty rate above 4 × LPR (警告 at the 参数 row, 民法典 第585条).

Positions come from the Ledger's receivables model when the context is a Ledger, else from the
same model built over the context's rows; bad data gives problems, never exceptions.
"""

from __future__ import annotations

from decimal import Decimal

from ..domain.allocation import penalty_rate_warning
from ..domain.money import ZERO
from ..domain.repossession import DISPOSED, HELD, paid_after, redemption_amount
from ..ledger.receivables import Receivables, build_receivables
from ..problems import Code, Problem, Severity
from ..schema import labels

BOOK = "receivables"
SHEETS = (("receivables", "contracts"), ("receivables", "schedule"), ("receivables", "receipts"),
          ("receivables", "repossessions"), ("receivables", "writeoffs"), ("sales", "sales"),
          ("master", "customers"), ("master", "sub_dealers"))


def check_recovery(ctx) -> list[Problem]:
    """Every problem of the rules above."""
    return [*_repossessions(ctx), *_writeoffs(ctx), *_cases(ctx), *_settled(ctx), *_penalty_cap(ctx)]


def receivables_of(ctx) -> Receivables:
    """The receivables model of a Ledger, or one built over a Context's rows."""
    model = getattr(ctx, "receivables", None)
    if model is not None:
        return model
    cache = getattr(ctx, "_indexes", {})  # built once per validation run
    if ("recovery", "model") not in cache:
        cache[("recovery", "model")] = build_receivables({key: ctx.rows(*key) for key in SHEETS}, ctx.params)
    return cache[("recovery", "model")]


def _repossessions(ctx) -> list[Problem]:
    out = []
    contracts = ctx.table(BOOK, "contracts")
    if contracts is not None and ctx.has(BOOK, "repossessions", "contract_no"):
        for i, row in enumerate(contracts.rows):
            if row["status"] == "扣车" and row["contract_no"] and not ctx.all(BOOK, "repossessions", "contract_no",
                                                                              row["contract_no"]):
                out.append(ctx.problem(contracts, i, "status", Code.REPO_RECORD_MISSING,
                                       f"合同状态为扣车，但「扣车记录」中没有合同 {row['contract_no']} 的扣车记录"))
    table = ctx.table(BOOK, "repossessions")
    if table is None:
        return out
    model = None
    for i, row in enumerate(table.rows):
        if row["status"] == DISPOSED:
            for name, label in (("disposal_amount", labels.DISPOSAL_AMOUNT), ("disposal_date", labels.DISPOSAL_DATE)):
                if row.get(name) is None and name in table.columns and not ctx.already_flagged(table, table.cell(i, name)):
                    out.append(ctx.problem(table, i, name, Code.DISPOSAL_INCOMPLETE,
                                           f"扣车状态为已处置，必须填写「{label}」"))
        done, taken = row.get("disposal_date"), row["repo_date"]
        if done is not None and taken is not None and done < taken:
            out.append(ctx.problem(table, i, "disposal_date", Code.DISPOSAL_BEFORE_REPO,
                                   f"处置日期 {done} 早于扣车日期 {taken}"))
        if row["status"] == HELD and taken is not None and row["contract_no"]:
            model = model or receivables_of(ctx)
            out += _redeemed(ctx, table, i, row, model)
    return out


def _redeemed(ctx, table, i: int, row: dict, model: Receivables) -> list[Problem]:
    at_repo = model.position(row["contract_no"], row["repo_date"])
    now = model.position(row["contract_no"], ctx.today)
    if at_repo is None or now is None:
        return []
    demanded = redemption_amount(at_repo, row)
    paid = paid_after(now, row["repo_date"])
    if demanded <= 0 or paid < demanded:
        return []
    return [ctx.problem(table, i, "status", Code.REDEMPTION_PAID,
                        f"扣车后已收款 {paid:.2f}，已付清赎回金额 {demanded:.2f}：扣车状态应改为已赎回（填写赎回日期），"
                        f"合同状态改回正常或逾期", Severity.INFO)]


def _writeoffs(ctx) -> list[Problem]:
    out = []
    contracts, table = ctx.table(BOOK, "contracts"), ctx.table(BOOK, "writeoffs")
    if contracts is not None and table is not None and "contract_no" in table.columns:
        for i, row in enumerate(contracts.rows):
            if row["status"] == "核销" and row["contract_no"] and not ctx.all(BOOK, "writeoffs", "contract_no",
                                                                              row["contract_no"]):
                out.append(ctx.problem(contracts, i, "status", Code.WRITEOFF_RECORD_MISSING,
                                       f"合同状态为核销，但「核销记录」中没有合同 {row['contract_no']} 的核销记录"
                                       f"（请用 dealer-xl receivables writeoff 办理）"))
    if table is None:
        return out
    limit = Decimal(str(ctx.params["writeoff_second_approval"]))
    for i, row in enumerate(table.rows):
        contract = ctx.first(BOOK, "contracts", "contract_no", row["contract_no"]) if row["contract_no"] else None
        if contract is not None and contract["status"] != "核销":
            out.append(ctx.problem(table, i, "contract_no", Code.WRITEOFF_RECORD_MISSING,
                                   f"合同 {row['contract_no']} 已有核销记录，但合同状态为{contract['status'] or '（空）'}，应为核销"))
        total = sum((row.get(f) or ZERO for f in ("principal", "interest", "penalty")), ZERO)
        second, first = row.get("approved_by_2"), row.get("approved_by")
        if total > limit and (not second or second == first):
            out.append(ctx.problem(table, i, "approved_by_2", Code.WRITEOFF_APPROVAL,
                                   f"核销金额 {total:.2f} 超过 {limit:.2f}，须由总经理复核（复核人不能为空或与审批人相同）"))
    return out


def _cases(ctx) -> list[Problem]:
    table = ctx.table(BOOK, "cases")
    if table is None:
        return []
    out = []
    for i, row in enumerate(table.rows):
        filed, hearing = row["filing_date"], row["next_hearing"]
        if filed is not None and filed > ctx.today:
            out.append(ctx.problem(table, i, "filing_date", Code.CASE_DATES, f"立案日期 {filed} 晚于今天 {ctx.today}"))
        if filed is not None and hearing is not None and hearing < filed:
            out.append(ctx.problem(table, i, "next_hearing", Code.CASE_DATES,
                                   f"下次开庭日期 {hearing} 早于立案日期 {filed}"))
        if row["stage"] == "开庭" and hearing is None:
            out.append(ctx.problem(table, i, "next_hearing", Code.CASE_STAGE_INCOMPLETE,
                                   "案件阶段为开庭，应填写下次开庭日期", Severity.WARNING))
        if row["stage"] in ("判决", "执行") and row["judgment_amount"] is None:
            out.append(ctx.problem(table, i, "judgment_amount", Code.CASE_STAGE_INCOMPLETE,
                                   f"案件阶段为{row['stage']}，应填写判决金额", Severity.WARNING))
    return out


def _settled(ctx) -> list[Problem]:
    table = ctx.table(BOOK, "contracts")
    if table is None or not any(r["status"] == "结清" for r in table.rows):
        return []
    model = receivables_of(ctx)
    out = []
    for i, row in enumerate(table.rows):
        found = model.by_no.get(row["contract_no"]) if row["status"] == "结清" else None
        if found is None or found.contract is not row:
            continue
        position = model.position(found.contract_no, ctx.today)
        owed = position.outstanding + position.penalty_outstanding
        if owed > 0:
            out.append(ctx.problem(table, i, "status", Code.SETTLED_BUT_OWING,
                                   f"合同状态为结清，但截至 {ctx.today} 仍欠 {owed:.2f} 元（本息 {position.outstanding:.2f}，"
                                   f"罚息 {position.penalty_outstanding:.2f}）", Severity.WARNING))
    return out


def _penalty_cap(ctx) -> list[Problem]:
    warning = penalty_rate_warning(ctx.params["penalty_daily_rate"], ctx.params["lpr_1y"])
    table = ctx.table("master", "params")
    if warning is None or table is None:
        return []
    for i, row in enumerate(table.rows):
        if (row.get("key") or "").lower() == "penalty_daily_rate":
            return [ctx.problem(table, i, "value", Code.PENALTY_ABOVE_CAP, warning, Severity.WARNING)]
    return [ctx.problem(table, 0, "key", Code.PENALTY_ABOVE_CAP, warning, Severity.WARNING)] if table.rows else []
