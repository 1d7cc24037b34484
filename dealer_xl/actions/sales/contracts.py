"""Action ``sales contracts``: an installment sale typed once — its 分期合同 row and 还款计划 from 销售明细.

For every 分期/按揭 sale of 销售明细 dated up to the as-of date, approved (审批状态 已批), not brought
back by a 退车, and without a row in 分期合同, the contract row is drafted from the sale — 合同编号,
客户编号, 整机编号, 签订日期 (the 销售日期), 合同总价 (the 成交价), 首付款, 分期金额, 年利率, 分期期数,
首期还款日, 还款方式 (免息 at a zero rate, else 参数 installment_method) and 合同状态 正常: twelve
fields nobody retypes — with its schedule computed by :func:`dealer_xl.domain.schedules.build_schedule`.
担保人, 抵押物 and 催收责任人 are the credit department's to fill in.

Guarantees: input gate — a sale whose cells these fields come from validation calls an 错误 (a
down payment and financed amount that do not add up to the price, a bad rate …) is refused, listed
with book, sheet, cell and reason, never written; a sale missing a term, dated in a closed month,
or whose terms give no schedule is skipped with the reason; ``write`` appends the contracts to
分期合同 and their rows to 还款计划 in one safe write of 应收款台账 (lock check, backup, atomic
replace, text as text); a second run adds nothing. The preview ``报表/分期合同草稿_<日期>.xlsx``
lists every drafted contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ...domain.money import ZERO
from ...domain.schedules import METHODS, build_schedule
from ...io.append import append_rows
from ...io.writer import editing
from ...ledger import Ledger, load
from ...ledger.period import is_closed
from ...problems import BookError, Code, Problem
from ...schema import labels, sheet
from ..gate import Uses, gate, refusal_line, validation_problems
from ..report_book import write_report
from ..result import Refusing
from .returns import came_back

INSTALLMENT = ("分期", "按揭")
COPIED = {"contract_no": "contract_no", "customer_id": "customer_id", "serial_no": "serial_no", "sign_date": "sale_date",
          "total_price": "deal_price", "down_payment": "down_payment", "financed_amount": "financed_amount",
          "annual_rate": "annual_rate", "term_months": "term_months", "first_due_date": "first_due_date"}
NEEDED = ("customer_id", "serial_no", "deal_price", "financed_amount", "term_months", "first_due_date")
USES = (Uses("sales", "sales", (*set(COPIED.values()), "payment_type", "approval"), "contract_no"),)
CONTRACT_FIELDS = (*COPIED, "method", "status")
SCHEDULE_FIELDS = ("contract_no", "period", "due_date", "principal", "interest", "amount_due")


@dataclass(frozen=True)
class ContractsResult(Refusing):
    """What ``sales contracts`` drafted (and wrote).

    Attributes:
        contracts: the 分期合同 rows drafted (field → value).
        schedules: 合同编号 → its 还款计划 rows.
        skipped: (合同编号, why) of the sales left alone.
        refused: 合同编号 → the 错误 that stop it.
        written: True when the rows were appended.
        workbook: the preview workbook, None when not written.
    """

    contracts: tuple[dict, ...]
    schedules: dict[str, tuple[dict, ...]]
    skipped: tuple[tuple[str, str], ...] = ()
    refused: dict[str, tuple[Problem, ...]] = field(default_factory=dict)
    written: bool = False
    workbook: Path | None = None

    def records(self) -> list[dict[str, Any]]:
        return ([{**c, "periods": len(self.schedules[c["contract_no"]]), "written": self.written} for c in self.contracts]
                + [{"contract_no": no, "skipped": why} for no, why in self.skipped]
                + self.refusal_records("contract_no"))

    def summary(self) -> list[str]:
        rows = sum(len(s) for s in self.schedules.values())
        verb = "已写入应收款台账" if self.written else "待写入应收款台账（加 --write 写入）"
        lines = [f"由销售明细生成分期合同：{len(self.contracts)} 份，还款计划 {rows} 行，{verb}"]
        lines += [f"  {c['contract_no']}：{c['customer_id']}，{c['financed_amount']:,.2f} 元，{c['term_months']} 期，"
                  f"{c['method']}" for c in self.contracts]
        lines += [f"  跳过 {no}：{why}" for no, why in self.skipped]
        lines += [refusal_line("分期合同", no, list(found), verb="生成") for no, found in self.refused.items()]
        if self.contracts:
            lines.append("  担保人、抵押物、催收责任人请信审债权部在「分期合同」中补填")
        return lines + ([f"明细：{self.workbook}"] if self.workbook else [])


def method_of(led: Ledger, rate: Decimal | None) -> str:
    """免息 at a zero (or blank) rate, else 参数 installment_method (等额本息 when it is not a method)."""
    if not rate:
        return "免息"
    method = str(led.params.get("installment_method") or "").strip()
    return method if method in METHODS and method != "免息" else "等额本息"


def draft(led: Ledger, sale: dict) -> tuple[dict | None, tuple[dict, ...], str]:
    """(contract row, schedule rows, '') of a sale, or (None, (), why not)."""
    gaps = [sheet("sales", "sales").column(f).header for f in NEEDED if sale.get(f) in (None, "")]
    if gaps:
        return None, (), f"缺少 {'、'.join(gaps)}"
    if is_closed(led.params, sale["sale_date"]):
        return None, (), f"销售日期 {sale['sale_date']} 在已结账月份，须先反结账"
    contract = {f: sale.get(source) for f, source in COPIED.items()}
    contract["down_payment"] = contract["down_payment"] or ZERO
    contract["method"], contract["status"] = method_of(led, sale.get("annual_rate")), "正常"
    try:
        plan = build_schedule(contract["financed_amount"], ZERO if contract["method"] == "免息" else sale["annual_rate"],
                              contract["term_months"], contract["first_due_date"], contract["method"])
    except (ValueError, ArithmeticError, OverflowError):
        plan = []
    if not plan:
        return None, (), "分期条款算不出还款计划（分期金额、期数或首期还款日有误）"
    return contract, tuple({"contract_no": contract["contract_no"], "period": i.period, "due_date": i.due_date,
                            "principal": i.principal, "interest": i.interest, "amount_due": i.amount_due}
                           for i in plan), ""


def draft_contracts(led: Ledger) -> ContractsResult:
    """Every contract the sales up to the Ledger's date call for (nothing written). Validation's
    ``contract_missing`` on a sale is what this resolves, so it does not stop the sale."""
    g = gate(led, USES, [p for p in validation_problems(led) if p.code != Code.CONTRACT_MISSING])
    have = led.index("receivables", "contracts", "contract_no")
    contracts, schedules, skipped, refused = [], {}, [], {}
    for sale in led.rows("sales", "sales"):
        no = sale.get("contract_no")
        if not no or sale.get("payment_type") not in INSTALLMENT or no in have or no in schedules:
            continue
        if sale.get("sale_date") is None or sale["sale_date"] > led.today or came_back(led, no, led.today):
            continue
        if sale.get("approval") != "已批":
            skipped.append((no, f"审批状态为{sale.get('approval') or '空'}，审批通过（已批）后再生成"))
            continue
        found = g.refused(no)
        if found:
            refused[no] = tuple(found)
            continue
        contract, plan, why = draft(led, sale)
        if contract is None:
            skipped.append((no, why))
            continue
        contracts.append(contract)
        schedules[no] = plan
    return ContractsResult(tuple(contracts), schedules, tuple(skipped), refused)


def write_contracts(led: Ledger, result: ContractsResult) -> None:
    """Append the drafted contracts and their schedules to 应收款台账 (one safe write)."""
    if not result.contracts:
        return
    contracts, schedule = led.table("receivables", "contracts"), led.table("receivables", "schedule")
    if not led.found("receivables") or contracts is None or schedule is None:
        raise BookError("应收款台账.xlsx 中没有「分期合同」和「还款计划」工作表，无法写入分期合同")
    with editing(led.path("receivables")) as workbook:
        append_rows(workbook[contracts.sheet_name], contracts, list(result.contracts))
        append_rows(workbook[schedule.sheet_name], schedule, [r for c in result.contracts
                                                              for r in result.schedules[c["contract_no"]]])


def preview_rows(result: ContractsResult) -> tuple[list[str], list[list]]:
    """The preview table: the 分期合同 headers and one row per drafted contract, then 期数."""
    spec = sheet("receivables", "contracts")
    headers = [spec.column(f).header for f in CONTRACT_FIELDS] + [labels.PERIOD + "（还款计划行数）"]
    return headers, [[c[f] for f in CONTRACT_FIELDS] + [len(result.schedules[c["contract_no"]])] for c in result.contracts]


def sales_contracts(source: Any, as_of: date | None = None, *, write: bool = False, workbook: bool = True) -> ContractsResult:
    """Draft (and with ``write`` append) the contracts of the books in ``source`` as of ``as_of``."""
    from dataclasses import replace

    led = load(source, today=as_of)
    result = draft_contracts(led)
    if write:
        write_contracts(led, result)
        result = replace(result, written=bool(result.contracts))
    if workbook:
        headers, rows = preview_rows(result)
        result = replace(result, workbook=write_report(led.books_dir, f"分期合同草稿_{led.today:%Y-%m-%d}.xlsx",
                                                       [("分期合同草稿", headers, rows)]))
    return result
