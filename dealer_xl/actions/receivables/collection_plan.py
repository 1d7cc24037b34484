"""Action: the monthly collection plan and the recovery analysis (``receivables plan --month``).

For month M, per contract (:func:`dealer_xl.ledger.monthly.month_contracts`, on the books as they
were at the end of M): 本月到期 (due in M, still outstanding at its start), 上月结转逾期 (outstanding
at its start, due before it), 本月计划 = their sum (nothing for a contract written off before M),
本月实收 (the cash received in M: the glossary's figure) and 完成率 = 实收 ÷ 计划. Summed per
催收责任人 and per 片区 (completion recomputed from the sums, never averaged). The recovery analysis
gives, for M and the ``history - 1`` months before it, the 月初余额 (the 应收余额 of the day before
the month, split into 未到期/逾期/陈欠 as the aging of that day splits it) and what the month's
payments recovered of each, with penalty, unapplied, contracts signed in the month, 核销后追回 and
处置回收 on their own columns. Written as ``<DIR>/报表/催收计划_<YYYY-MM>.xlsx`` (按催收人, 按片区,
合同明细, 回收分析, 说明). The books are never written. Guarantees: every figure is exact; each
group's plan and collected are the sums of its contracts'; for every month what the payments did
adds up to 本月实收 + 处置回收, to the fen.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from ...domain.money import ZERO
from ...domain.monthly import OPENING_KINDS, MonthFigures, completion_rate, month_range
from ...io.generated import Formula
from ...io.reader import gc_paused
from ...io.report_writer import MONEY, PERCENT, finish, new_workbook, write_row, write_table
from ...io.writer import save_new
from ...ledger import Ledger
from ...ledger.held import hold
from ...ledger.monthly import month_contracts
from ...ledger.receivables import ContractFile, month_dates
from ...ledger.requirements import require
from ...progress import ProgressFn, step
from ...schema import labels
from ..book import OUTPUT_DIR

HISTORY = 6
PLAN_HEADERS = ("合同数", "本月到期", "上月结转逾期", "本月计划", "本月实收", "完成率")


@dataclass(frozen=True, slots=True)
class PlanLine:
    """One line of the plan (a collector, a region, or the total).

    Attributes:
        key: the collector or region ('合计' for the total).
        contracts: contracts with a plan or a receipt in the month.
        due_in_month, overdue_carried_in, plan, collected: sums over those contracts.
        completion: collected ÷ plan (half up to 0.0001), None when the plan is 0.
    """

    key: str
    contracts: int
    due_in_month: Decimal
    overdue_carried_in: Decimal
    plan: Decimal
    collected: Decimal
    completion: Decimal | None


@dataclass(frozen=True, slots=True)
class RecoveryMonth:
    """The recovery analysis of one month over every contract.

    Attributes:
        month: 'YYYY-MM'.
        opening: 未到期/逾期/陈欠 → outstanding on the day before the month (their sum is 月初余额).
        recovered: the same kinds → recovered by the month's payments.
        penalty: payments applied to penalty interest.
        unapplied: payments left unapplied.
        new_contract: payments on contracts signed in the month.
        after_writeoff: 核销后追回 (cash after a write-off).
        after_other: other payments after a write-off (disposals).
        collected: 本月实收 (the month's cash).
        disposal: 处置回收 (the month's net disposal proceeds).
    """

    month: str
    opening: dict[str, Decimal]
    recovered: dict[str, Decimal]
    penalty: Decimal
    unapplied: Decimal
    new_contract: Decimal
    after_writeoff: Decimal
    after_other: Decimal
    collected: Decimal
    disposal: Decimal

    @property
    def applied(self) -> Decimal:
        """Everything the month's payments did: equals ``collected + disposal`` to the fen."""
        return sum(self.recovered.values(), ZERO) + self.penalty + self.unapplied + self.new_contract + \
            self.after_writeoff + self.after_other


@dataclass(frozen=True, slots=True)
class PlanResult:
    """What ``receivables plan`` produced.

    Attributes:
        month: 'YYYY-MM'.
        details: (contract, its figures) with a plan or a receipt in the month.
        by_collector: one line per 催收责任人, by name.
        by_region: one line per 片区, by name.
        total: the whole company.
        recovery: the recovery analysis, oldest month first, ending with ``month``.
        workbook: the workbook written (None when not written).
        skipped: (合同编号, why) of contracts left out (implausible date or amount).
    """

    month: str
    details: tuple[tuple[ContractFile, MonthFigures], ...]
    by_collector: tuple[PlanLine, ...]
    by_region: tuple[PlanLine, ...]
    total: PlanLine
    recovery: tuple[RecoveryMonth, ...]
    workbook: Path | None = None
    skipped: tuple[tuple[str, str], ...] = ()

    def summary(self) -> list[str]:
        t = self.total
        rate = "—" if t.completion is None else f"{t.completion:.2%}"
        lines = [f"催收计划（{self.month}）：计划 {t.plan:,.2f} 元（本月到期 {t.due_in_month:,.2f}，"
                 f"上月结转逾期 {t.overdue_carried_in:,.2f}），实收 {t.collected:,.2f} 元，完成率 {rate}"]
        lines += [f"  {line.key}：计划 {line.plan:,.2f}，实收 {line.collected:,.2f}，完成率 "
                  f"{'—' if line.completion is None else f'{line.completion:.2%}'}" for line in self.by_collector]
        lines += [f"  跳过合同 {no}：{why}" for no, why in self.skipped]
        if self.workbook:
            lines.append(f"  计划表 {self.workbook}")
        return lines

    @property
    def problems(self) -> list:
        """Data problems found on the way (none: what was left out is named in the summary)."""
        return []

    def records(self) -> list[dict]:
        """One object per 催收责任人, then the company total (``collector`` 合计)."""
        return [{"collector": line.key, "contracts": line.contracts, "due_in_month": line.due_in_month,
                 "overdue_carried_in": line.overdue_carried_in, "plan": line.plan, "collected": line.collected,
                 "completion": None if line.completion is None else float(line.completion)}
                for line in (*self.by_collector, self.total)]


def plan_month(ledger: Ledger, month: str, history: int = HISTORY) -> PlanResult:
    """The plan of ``month`` and the recovery of it and the ``history - 1`` months before (nothing written).

    Raises ValueError when ``month`` is not YYYY-MM.
    """
    month_range(month)
    require(ledger, "plan", "生成催收计划")
    ledger.receivables.positions_at(plan_dates(month, history))  # every date, one replay per contract
    hold()  # inside ledger.held: those positions are not walked again by the garbage collector
    figures = _figures(ledger, month)
    details = tuple((c, f) for c, f in figures if f.plan > 0 or f.collected != 0)
    recovery = [_recovery(m, [f for _, f in (figures if m == month else _figures(ledger, m))])
                for m in _months_back(month, history)]
    return PlanResult(month, details, _lines(details, lambda c: c.collector), _lines(details, lambda c: c.region),
                      _line("合计", [f for _, f in details]), tuple(recovery), skipped=tuple(ledger.receivables.skipped.items()))


def plan_json(ledger: Ledger, result: PlanResult) -> dict:
    """``receivables plan --format json``: the month's glossary figures (money in integer fen) and
    the plan per collector and per region; completion = collected ÷ plan (null when the plan is 0)."""
    from ...jsonout import fen
    from ...ledger.figures import month_value

    def line(key: str, x: PlanLine) -> dict:
        return {key: x.key, "contracts": x.contracts, "due_in_month_fen": fen(x.due_in_month),
                "overdue_carried_in_fen": fen(x.overdue_carried_in), "plan_fen": fen(x.plan),
                "collected_fen": fen(x.collected), "completion": None if x.completion is None else float(x.completion)}

    figures = {f"{k}_fen": fen(month_value(ledger, f"receivables.{k}", result.month))
               for k in ("opening_balance", "plan", "collected", "disposal", "recovered")}
    total = result.total
    return {"month": result.month, **figures,
            "completion": None if total.completion is None else float(total.completion),
            "by_collector": [line("collector", x) for x in result.by_collector],
            "by_region": [line("region", x) for x in result.by_region]}


def plan_dates(month: str, history: int = HISTORY) -> list[date]:
    """Every date whose positions :func:`plan_month` reads: the day before and the last day of
    ``month`` and of the ``history - 1`` months before it."""
    return [d for m in _months_back(month, history) for d in month_dates(m)]


def write_plan(ledger: Ledger, month: str, *, history: int = HISTORY,
               progress: ProgressFn | None = None) -> PlanResult:
    """Plan ``month`` on the Ledger and write ``<books_dir>/报表/催收计划_<month>.xlsx``."""
    ledger.require("receivables", "contracts")
    with gc_paused():  # what is made lives on or is written out (its few cycles are freed by a later pass)
        with step(progress, "计算本月计划与回收"):
            result = plan_month(ledger, month, history)
        wb = new_workbook(fast=True)  # XlsxWriter (#10)
        _plan_sheet(wb.active, "按催收人", labels.COLLECTOR, result.by_collector)
        _plan_sheet(wb.create_sheet(), "按片区", labels.REGION, result.by_region)
        _detail_sheet(wb.create_sheet("合同明细"), result)
        _recovery_sheet(wb.create_sheet("回收分析"), result)
        notes = wb.create_sheet(labels.NOTES)
        notes.column_dimensions["A"].width = 110
        for row, text in enumerate(NOTES, 1):
            write_row(notes, row, [text.format(month=month, history=history)], {})
        finish(wb, f"催收计划 {month}", month_range(month)[1])
        return replace(result, workbook=save_new(wb, ledger.books_dir / OUTPUT_DIR / f"催收计划_{month}.xlsx"))


NOTES = (
    "{month} 催收计划与回收分析",
    "本月到期：应还日期在本月、月初尚未还清的金额；上月结转逾期：月初已逾期未还的金额；本月计划 = 两者之和。",
    "本月实收：收款日期在本月的客户付款（含罚息、提前还款、核销后追回；扣车处置所得另列为处置回收）；完成率 = 本月实收 ÷ 本月计划；"
    "本月之前已核销的合同不列入计划。",
    "回收分析（最近 {history} 个月）：月初余额 = 上月最后一天的应收余额（当日已签订、未核销的合同），按当日各期的逾期天数分为"
    "未到期、逾期（不超过 long_overdue_days 天）、陈欠（更久），列出本月收款与处置回收收回的部分；回收率 = 收回 ÷ 月初余额。"
    "各列合计：收回合计 + 收回罚息 + 未分配 + 本月新签合同收回 + 核销后追回 + 核销后其他收回 = 本月实收 + 处置回收。各项定义见 dealer-xl figures。",
    "收款按默认顺序冲抵：先到期各期（最早的先还，先息后本），再罚息，再未到期各期，余额为未分配。",
)


def _figures(ledger: Ledger, month: str) -> list[tuple[ContractFile, MonthFigures]]:
    return month_contracts(ledger, month)


def _months_back(month: str, count: int) -> list[str]:
    year, number = int(month[:4]), int(month[5:7])
    index = year * 12 + number - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - count + 1, index + 1)]


def _line(key: str, figures: list[MonthFigures]) -> PlanLine:
    due = sum((f.due_in_month for f in figures), ZERO)
    carried = sum((f.overdue_carried_in for f in figures), ZERO)
    collected = sum((f.collected for f in figures), ZERO)
    return PlanLine(key, len(figures), due, carried, due + carried, collected, completion_rate(collected, due + carried))


def _lines(details, key) -> tuple[PlanLine, ...]:
    groups: dict[str, list[MonthFigures]] = {}
    for c, f in details:
        groups.setdefault(key(c), []).append(f)
    return tuple(_line(k, groups[k]) for k in sorted(groups))


def _recovery(month: str, figures: list[MonthFigures]) -> RecoveryMonth:
    def total(name: str) -> Decimal:
        return sum((getattr(f, name) for f in figures), ZERO)

    opening = {k: sum((f.opening[k] for f in figures), ZERO) for k in OPENING_KINDS}
    recovered = {k: sum((f.recovered[k] for f in figures), ZERO) for k in OPENING_KINDS}
    return RecoveryMonth(month, opening, recovered, total("penalty_collected"), total("unapplied_collected"),
                         total("new_contract"), total("after_writeoff"), total("after_writeoff_other"),
                         total("collected"), total("disposal"))


def _plan_sheet(ws, title: str, header: str, lines: tuple[PlanLine, ...]) -> None:
    ws.title = title
    rows = [[line.key, line.contracts, line.due_in_month, line.overdue_carried_in, line.plan, line.collected,
             line.completion] for line in lines]
    last = write_table(ws, [header, *PLAN_HEADERS], rows,
                       {h: MONEY for h in PLAN_HEADERS[1:5]} | {"完成率": PERCENT}, autofilter=False)
    total = [Formula(f"=SUM({c}2:{c}{last})") for c in "BCDEF"]
    plan, collected = sum((line.plan for line in lines), ZERO), sum((line.collected for line in lines), ZERO)
    rate = "" if plan == 0 else float((collected / plan).quantize(Decimal("0.0001"), ROUND_HALF_UP))
    write_row(ws, last + 1, ["合计", *total, Formula(f'=IF(E{last + 1}=0,"",ROUND(F{last + 1}/E{last + 1},4))', rate)],
              {3: MONEY, 4: MONEY, 5: MONEY, 6: MONEY, 7: PERCENT}, bold=True)


def _detail_sheet(ws, result: PlanResult) -> None:
    rows = [[c.contract_no, c.customer_name, c.collector, c.region, f.due_in_month, f.overdue_carried_in, f.plan,
             f.collected, f.completion] for c, f in result.details]
    write_table(ws, [labels.CONTRACT_NO, labels.CUSTOMER_NAME, labels.COLLECTOR, labels.REGION, "本月到期", "上月结转逾期", "本月计划", "本月实收", "完成率"],
                rows, {"本月到期": MONEY, "上月结转逾期": MONEY, "本月计划": MONEY, "本月实收": MONEY, "完成率": PERCENT})


def _recovery_sheet(ws, result: PlanResult) -> None:
    kinds = OPENING_KINDS
    headers = [labels.MONTH, "月初余额", *(f"月初{k}" for k in kinds), "收回合计", *(f"收回{k}" for k in kinds),
               "收回罚息", "未分配", "本月新签合同收回", "核销后追回", "核销后其他收回", "本月实收", "处置回收",
               "应收回收率", *(f"{k}回收率" for k in kinds[1:])]
    rows = []
    for m in result.recovery:
        opening, recovered = sum(m.opening.values(), ZERO), sum(m.recovered.values(), ZERO)
        rows.append([m.month, opening, *(m.opening[k] for k in kinds), recovered, *(m.recovered[k] for k in kinds),
                     m.penalty, m.unapplied, m.new_contract, m.after_writeoff, m.after_other, m.collected, m.disposal,
                     completion_rate(recovered, opening),
                     *(completion_rate(m.recovered[k], m.opening[k]) for k in kinds[1:])])
    formats = {h: PERCENT if h.endswith("回收率") else MONEY for h in headers[1:]}
    write_table(ws, headers, rows, formats, autofilter=False)
