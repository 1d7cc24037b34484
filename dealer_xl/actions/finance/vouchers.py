"""Action: the month's 记账凭证 (``dealer-xl vouchers --month M --format kingdee|yonyou|json``).

One voucher per business event class of the month, in :data:`EVENTS` order (sales, cost, receipts,
disposals, recoveries, write-offs, payroll accrual and payment, manufacturer pick-ups, payments,
rebates, claim settlements), dated the month's last day and numbered 1, 2, … The postings come from
:mod:`.voucher_events` (through the input gate), the accounts from 主数据「会计科目」 (事项 → 科目代码,
科目名称, 核算项目; a 事项 missing there, or the whole sheet, takes its 小企业会计准则 default and says
so). Guarantees: Σ借 = Σ贷 on every voucher written — one that does not balance is refused (not
written, listed as an 错误); nothing is written to the books; the files go to ``报表/`` (or ``out``):
``记账凭证_<月份>_kingdee.xls`` and ``记账凭证_<月份>_yonyou.txt`` (:mod:`.voucher_files`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ...documents.packs import REPORTS_DIR
from ...domain.monthly import month_range
from ...domain.vouchers import Account, Voucher, voucher
from ...jsonout import fen
from ...ledger import Ledger
from ...problems import Code, Problem, Severity
from ...schema import master
from ..gate import gate
from .voucher_events import event_postings, uses
from .voucher_files import write_kingdee, write_yonyou

EVENTS = (("sales", "销售收入"), ("cost", "结转销售成本"), ("receipts", "收到分期货款"), ("disposals", "扣车处置回收"),
          ("recoveries", "核销后追回"), ("writeoffs", "核销坏账"), ("payroll_accrual", "计提工资"),
          ("payroll_payment", "发放工资及代扣"), ("pickups", "厂家提车及配件采购"), ("maker_payments", "支付厂家货款"),
          ("rebates", "厂家返利"), ("claims", "厂家索赔结算"))
BOOK_LABEL = "主数据.xlsx"


@dataclass
class VoucherResult:
    """What ``vouchers`` produced.

    Attributes:
        month: 'YYYY-MM'.
        vouchers: the balanced vouchers (written).
        notes: Chinese lines: defaults used, units left out and why.
        problems: the gate's stopping 错误 and every refused (unbalanced) voucher.
        paths: the files written.
    """

    month: str
    vouchers: list[Voucher]
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)

    def summary(self) -> list[str]:
        lines = [f"{self.month} 记账凭证 {len(self.vouchers)} 张："]
        for vo in self.vouchers:
            lines.append(f"  记-{vo.number} {vo.summary}：借 {vo.debit_total:,.2f} = 贷 {vo.credit_total:,.2f}，"
                         f"{len(vo.lines)} 条分录")
        lines += [f"  {n}" for n in self.notes]
        lines += [f"  已写出 {p}" for p in self.paths]
        return lines

    def records(self) -> list[dict[str, Any]]:
        """``[{voucher_no, date, summary, lines: [{account_code, account_name, debit_fen, credit_fen}]}]``."""
        return [{"voucher_no": vo.number, "date": vo.day, "summary": vo.summary,
                 "lines": [{"account_code": line.code, "account_name": line.name, "debit_fen": fen(line.debit),
                            "credit_fen": fen(line.credit)} for line in vo.lines]} for vo in self.vouchers]


def account_map(led: Ledger) -> tuple[dict[str, Account], list[str]]:
    """Account key → its 会计科目 (the sheet's row, else the default), and a note per default used."""
    defaults = {key: (event, Account(code, name, aux)) for key, event, code, name, aux in master.ACCOUNT_EVENTS}
    by_event = {r.get("event"): r for r in led.rows("master", "accounts") if r.get("event")}
    if led.table("master", "accounts") is None:
        return {k: a for k, (_, a) in defaults.items()}, [
            f"{BOOK_LABEL} 中没有「{master.accounts.name}」工作表：按小企业会计准则默认科目生成（可用 dealer-xl init 的空白台账复制该表）"]
    out, notes = {}, []
    for key, (event, default) in defaults.items():
        row = by_event.get(event)
        if row is None or not row.get("code") or not row.get("name"):
            out[key] = default
            notes.append(f"「{master.accounts.name}」没有事项「{event}」的科目：用默认 {default.code} {default.name}")
        else:
            out[key] = Account(str(row["code"]), str(row["name"]), row.get("aux") or "")
    return out, notes


def make_vouchers(led: Ledger, month: str) -> VoucherResult:
    """The month's vouchers (nothing written); refused ones are among the problems."""
    _, last = month_range(month)
    month = f"{last:%Y-%m}"
    accounts, notes = account_map(led)
    stops = gate(led, uses(month))
    events = event_postings(led, month, stops)
    out = VoucherResult(month, [], notes + events.notes, list(events.stopped))
    number = 0
    for key, label in EVENTS:
        postings = events.postings.get(key)
        if not postings:
            continue
        summary = f"{last.year}年{last.month}月{label}（{events.counts[key]}笔）"
        made = voucher(number + 1, last, key, summary, postings, accounts)
        if not made.balanced:
            out.problems.append(Problem(BOOK_LABEL, master.accounts.name, None, "", "", Severity.ERROR, Code.OUT_OF_RANGE,
                                        f"{summary} 借方 {made.debit_total:,.2f} ≠ 贷方 {made.credit_total:,.2f}，已拒绝生成"))
            continue
        number += 1
        out.vouchers.append(made)
    return out


def write_vouchers(led: Ledger, month: str, fmt: str = "json", out_dir: Path | None = None,
                   made: VoucherResult | None = None) -> VoucherResult:
    """:func:`make_vouchers`, then the 金蝶 (``kingdee``) or 用友 (``yonyou``) file; ``json`` and
    ``table`` write nothing. ``made`` is :func:`make_vouchers` of the same ``led`` and ``month`` when the
    caller has it (both files of a month from one computation); it is not changed."""
    result = make_vouchers(led, month) if made is None else replace(
        made, vouchers=list(made.vouchers), notes=list(made.notes), problems=list(made.problems), paths=list(made.paths))
    folder = Path(out_dir) if out_dir else led.books_dir / REPORTS_DIR
    word = str(led.params.get("voucher_word") or "记")
    preparer = str(led.params.get("voucher_preparer") or "")
    if fmt == "kingdee":
        result.paths.append(write_kingdee(folder / f"记账凭证_{result.month}_kingdee.xls", result.vouchers, word, preparer))
    elif fmt == "yonyou":
        path, lost = write_yonyou(folder / f"记账凭证_{result.month}_yonyou.txt", result.vouchers, word, preparer)
        result.paths.append(path)
        if lost:
            result.notes.append(f"用友文件为 GBK 编码，以下字符无法表示，已写为「?」：{''.join(lost)}")
    return result

