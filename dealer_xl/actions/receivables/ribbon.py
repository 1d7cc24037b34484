"""Ribbon actions of the 应收 group: aging, worklist, collection plan, the demand letter of the
selected contracts, the schedule preview of the selected contracts and the 应收月报 pack.

Each adapts a folder-level function of the wing to :class:`~dealer_xl.actions.book.Books`, so the
ribbon and ``dealer-xl action`` run it. Guarantees: every action reads the books once through
``Books.read()``; reports and documents are new files (报表/, 文书/) and no user book is changed,
except the generated sheet 计划预览 of the schedule preview, which replaces only itself; as-of dates
are ``Books.today`` and the month is today's month; a document that cannot be made for want of data
is listed in the message with what is missing and counted in ``errors``.
"""

from __future__ import annotations

from ...ledger.receivables import computed_schedule
from ...problems import BookError
from ...schema import labels
from ..adapters import documents_result, ledger_of, pack_result, result_of, selected_numbers
from ..book import ActionResult, Books

PREVIEW_SHEET = "计划预览"
PREVIEW_HEADERS = [labels.CONTRACT_NO, labels.PERIOD, labels.DUE_DATE, labels.PRINCIPAL, labels.INTEREST, labels.AMOUNT_DUE, "剩余本金"]
_MONEY = "#,##0.00"
PREVIEW_FORMATS = {labels.DUE_DATE: "yyyy-mm-dd", labels.PRINCIPAL: _MONEY, labels.INTEREST: _MONEY, labels.AMOUNT_DUE: _MONEY, "剩余本金": _MONEY}


def aging(books: Books) -> ActionResult:
    """账龄分析 as of today: workbook and snapshot in 报表/."""
    from .aging_report import age_receivables

    return result_of(age_receivables(ledger_of(books), books.today))


def worklist(books: Books) -> ActionResult:
    """催收清单 as of today in 报表/."""
    from .worklist import write_worklist

    return result_of(write_worklist(ledger_of(books), books.today))


def collection_plan(books: Books) -> ActionResult:
    """催收计划 and recovery analysis of this month in 报表/."""
    from .collection_plan import write_plan

    return result_of(write_plan(ledger_of(books), f"{books.today:%Y-%m}"))


def demand_letter(books: Books) -> ActionResult:
    """The demand letter (催款函) of each selected 分期合同 row, as of today."""
    from ...documents import DOCUMENTS_DIR
    from ...documents.letters import generate_letters

    numbers = selected_numbers(books, "催款函", {("receivables", "contracts")})
    return documents_result(*generate_letters(ledger_of(books), books.today, books.folder / DOCUMENTS_DIR,
                                        contract_nos=numbers), "催款函")


def receivables_monthly_pack(books: Books) -> ActionResult:
    """应收月报 of this month in 报表/."""
    return pack_result(books, "receivables")


def schedule_preview(books: Books) -> ActionResult:
    """The schedule of each selected 分期合同 row, computed from its terms, into 计划预览."""
    chosen = books.selection()
    if chosen is None or (chosen.book, chosen.sheet) != ("receivables", "contracts") or not chosen.rows:
        raise BookError("请先在 应收款台账.xlsx 的「分期合同」工作表中选中要生成还款计划的合同行（可多选），再点此按钮")
    rows, skipped = [], []
    for contract, excel_row in zip(chosen.rows, chosen.row_numbers, strict=True):
        plan = computed_schedule(contract)
        if not plan:
            skipped.append(f"第{excel_row}行（{contract['contract_no'] or '无编号'}）")
        rows.extend([contract["contract_no"], i.period, i.due_date, i.principal, i.interest, i.amount_due,
                     i.balance] for i in plan)
    if not rows:
        raise BookError(f"选中的合同无法按条款计算还款计划：{'、'.join(skipped)}；"
                        "请检查 分期金额、期数、年利率、首期还款日 和 还款方式（自定义的请手工录入）")
    books.write_sheet("receivables", PREVIEW_SHEET, PREVIEW_HEADERS, rows, number_formats=PREVIEW_FORMATS)
    note = f"；无法计算：{'、'.join(skipped)}" if skipped else ""
    return ActionResult(f"已在「{PREVIEW_SHEET}」工作表生成 {len(chosen.rows) - len(skipped)} 份合同的还款计划，"
                        f"共 {len(rows)} 期{note}。核对后可复制到「还款计划」。")
