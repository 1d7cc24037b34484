"""The public face of dealer_xl: one function per user action, what the CLI and the ribbon run.

One convention for all: the first parameter is ``books`` — a :class:`dealer_xl.ledger.Ledger`
already read, a folder of books, or a ``Books`` adapter (the workbooks open in Excel); a folder or
adapter is read ONCE (:func:`dealer_xl.ledger.load`, the one loader). Every function returns a
:class:`~dealer_xl.actions.result.Result`: ``summary()`` (Chinese lines), ``records()`` (what
``--format json`` prints) and ``problems``; the CLI prints it with :func:`dealer_xl.console.emit`,
the ribbon shows it with :func:`dealer_xl.actions.adapters.result_of`. A function that changes a
book takes ``write`` (False: a preview, nothing written). Errors a user can fix are
:class:`dealer_xl.problems.BookError` and its family (one Chinese line). Everything is imported
inside the functions, so importing this package (the ribbon does) stays quick.

    >>> from dealer_xl import actions
    >>> actions.validate("台账").count(Severity.ERROR)          # doctest: +SKIP
    >>> actions.age("台账", date(2026, 10, 31)).outstanding    # doctest: +SKIP
    >>> actions.report("receivables", "台账", month="2026-10")  # doctest: +SKIP
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

BooksDir = Path | str | Any  # a Ledger, a folder, or a Books adapter (files on disk, the books open in Excel)

__all__ = ["age", "bad_debts", "callbacks", "claims", "close", "complaints", "contracts", "count_sheet",
           "credit_grades", "deadlines", "fill_schedules", "finance", "first_services", "handover", "letters",
           "overdue_in_workshop", "parts_count_sheet", "parts_plan", "payroll", "payroll_output", "plan",
           "reconcile_account", "reconcile_stock", "reopen", "report", "run_action", "settle", "summarize",
           "technician_pay", "validate", "vouchers", "worklist", "write_off"]
__all__ += ["admin_archives", "admin_assets", "admin_reminders", "admin_vehicles", "asset_count_sheet"]


def _ledger(books: BooksDir, today: date | None = None, progress=None):
    from ..ledger import load

    return load(books, today=today, progress=progress)


def summarize(books_dir: BooksDir, *, progress=None):
    """读取汇总: rows read and unreadable values per sheet (:class:`.summary.BooksSummary`)."""
    from .summary import summarize_books

    return summarize_books(_ledger(books_dir, progress=progress))


def validate(books_dir: BooksDir, *, book: str | None = None, today: date | None = None, progress=None):
    """校验: every check on the five books; only ``book``'s problems when given (:class:`.validate.ValidationResult`)."""
    from .validate import resolve_book, validate_ledger

    if book:
        resolve_book(book)  # an unknown name is refused before anything is read
    return validate_ledger(_ledger(books_dir, today, progress), book=book)


def fill_schedules(books_dir: BooksDir, *, write: bool = True):
    """还款计划: append the schedules of contracts that have none (writes 应收款台账, backed up;
    ``write`` False: only say what would be appended)."""
    from .receivables.schedule_fill import fill_schedules as fill

    return fill(_ledger(books_dir), write=write)


def age(books_dir: BooksDir, as_of: date | None = None, *, all_installments: bool = False):
    """账龄分析 as of ``as_of`` (default today): workbook and snapshot in 报表/ (分期明细: the overdue
    installments, every unpaid one with ``all_installments``)."""
    from .receivables.aging_report import age_receivables

    return age_receivables(_ledger(books_dir, as_of), as_of, all_installments=all_installments)


def worklist(books_dir: BooksDir, as_of: date | None = None):
    """催收清单 as of ``as_of`` (default today) in 报表/."""
    from .receivables.worklist import write_worklist

    return write_worklist(_ledger(books_dir, as_of), as_of)


def plan(books_dir: BooksDir, month: str):
    """催收计划 and recovery analysis of ``month`` (YYYY-MM) in 报表/."""
    from .receivables.collection_plan import write_plan

    return write_plan(_ledger(books_dir), month)


def contracts(books_dir: BooksDir, contract_nos: list[str], out_dir: Path | None = None, *, pdf: bool = True):
    """销售合同 of each contract number into ``out_dir`` (default 文书/): a DocumentsResult (written, and
    the missing data of each one not written)."""
    from ..documents import DOCUMENTS_DIR
    from ..documents.contracts import generate_contracts
    from .result import DocumentsResult

    ledger = _ledger(books_dir)
    return DocumentsResult(*generate_contracts(ledger, contract_nos, Path(out_dir or ledger.books_dir / DOCUMENTS_DIR),
                                               pdf=pdf))


def letters(books_dir: BooksDir, as_of: date | None = None, *, contract_nos: list[str] | None = None,
            collector: str | None = None, all_overdue: bool = False, deadline: date | None = None,
            out_dir: Path | None = None, pdf: bool = True, draft: bool = False):
    """催款函 for the contracts, a collector's overdue contracts, or all overdue ones (a DocumentsResult).
    ``draft`` marks every page 样稿 and lets the letters through without the seller's 参数 rows."""
    from ..documents import DOCUMENTS_DIR
    from ..documents.letters import generate_letters
    from ..ledger.scope import check_scope
    from ..schema import labels

    ledger = _ledger(books_dir, as_of)
    check_scope(ledger, person=collector, what=labels.COLLECTOR)
    from .result import DocumentsResult

    return DocumentsResult(*generate_letters(ledger, as_of or ledger.today, Path(out_dir or ledger.books_dir / DOCUMENTS_DIR),
                                             contract_nos=contract_nos, collector=collector, all_overdue=all_overdue,
                                             deadline=deadline, pdf=pdf, draft=draft))


def report(kind: str, books_dir: BooksDir, out_dir: Path | None = None, *, day: date | None = None,
           month: str | None = None, branch: str | None = None, person: str | None = None, masked: bool = True):
    """报表包 ``kind`` (daily, sales, receivables, worklist): workbook + email HTML (:class:`Pack`)."""
    from ..documents.packs import build_pack
    from ..ledger.scope import check_scope
    from ..problems import BadOption

    ledger = _ledger(books_dir, day)
    check_scope(ledger, branch=branch, person=person)
    try:
        return build_pack(kind, ledger, out_dir, day=day, month=month, branch=branch, person=person, masked=masked)
    except ValueError as e:
        raise BadOption(str(e)) from e


def write_off(books: BooksDir, contract_no: str, reason: str, approved_by: str, approved_by_2: str | None = None,
              *, as_of: date | None = None, write: bool = True):
    """核销 one contract as of ``as_of`` (a 核销记录 row, 合同状态 核销; ``write`` False: a preview)."""
    from .credit.writeoff import write_off as run

    return run(books, contract_no, reason, approved_by, approved_by_2, today=as_of, write=write)


def bad_debts(books: BooksDir, as_of: date | None = None):
    """呆死帐追缴 list as of ``as_of`` in 报表/."""
    from .credit.bad_debts import list_bad_debts

    return list_bad_debts(books, as_of)


def credit_grades(books: BooksDir, as_of: date | None = None, *, write: bool = False):
    """信用等级建议 (preview workbook), or with ``write`` the confirmed grades written to 主数据."""
    from .credit.grades import grade_parties

    return grade_parties(books, as_of, write=write)


def claims(books: BooksDir, as_of: date | None = None, *, write: bool = False, workbook: bool = True):
    """索赔单 drafted from completed 三包 work orders (appended to 索赔单 with ``write``)."""
    from .service.claims import service_claims

    return service_claims(books, as_of, write=write, workbook=workbook)


def deadlines(books: BooksDir, as_of: date | None = None, *, workbook: bool = True):
    """索赔时限: claims and old parts not yet submitted or returned, with their deadlines."""
    from .service.deadlines import service_deadlines

    return service_deadlines(books, as_of, workbook=workbook)


def settle(books: BooksDir, statement: Path | str, as_of: date | None = None, *, write: bool = False,
           workbook: bool = True):
    """厂家结算核对 of a settlement statement (its results written to 索赔单 with ``write``)."""
    from .service.settle import service_settle

    return service_settle(books, statement, as_of, apply=write, workbook=workbook)


def callbacks(books: BooksDir, as_of: date | None = None, month: str | None = None, *, workbook: bool = True):
    """回访清单 and the month's callback statistics."""
    from .service.people import service_callbacks

    return service_callbacks(books, as_of, month, workbook=workbook)


def technician_pay(books: BooksDir, month: str, *, workbook: bool = True):
    """技师计件 of ``month``."""
    from .service.pay import service_pay

    return service_pay(books, month, workbook=workbook)


def payroll(books: BooksDir, month: str, *, write: bool = True):
    """工资 of ``month`` by the cumulative withholding method (工资结果 rewritten with ``write``)."""
    from .payroll.run import run_payroll

    return run_payroll(books, month, dry_run=not write)


def payroll_output(kind: str, books: BooksDir, month: str, **options):
    """A computed month's hand-on file: ``kind`` slips (工资条), bank (代发), tax (个税申报) or summary."""
    from .payroll import outputs

    if kind not in ("slips", "bank", "tax", "summary"):
        from ..problems import BadOption

        raise BadOption(f"未知的工资文件「{kind}」：可选 slips、bank、tax、summary")
    return getattr(outputs, f"write_{kind}")(books, month, **options)


def close(books: BooksDir, month: str, *, force: bool = False, reason: str = ""):
    """月末结账 of ``month``: validate, run the month, archive to 归档/, lock the month."""
    from .close.closing import close_month

    return close_month(books, month, force=force, reason=reason)


def reopen(books: BooksDir, month: str, *, reason: str):
    """反结账 of the latest closed month."""
    from .close.closing import reopen_month

    return reopen_month(books, month, reason=reason)


def reconcile_account(books: BooksDir, manufacturer: str, statement: Path | str, month: str):
    """厂家往来对账 of ``month`` against the manufacturer's statement (余额调节表 in 报表/)."""
    from .finance.reconcile import reconcile_account as run

    return run(books, manufacturer, statement, month)


def reconcile_stock(books: BooksDir, statement: Path | str, *, manufacturer: str | None = None,
                    as_of: date | None = None):
    """库存核对 against the manufacturer's stock list."""
    from .sales.stock_count import reconcile_stock as run

    return run(books, statement, manufacturer=manufacturer, today=as_of)


def count_sheet(books: BooksDir, branch: str, *, counted: Path | str | None = None, as_of: date | None = None):
    """盘点表 of a branch, or with ``counted`` the differences of a filled-in one."""
    from .sales.stock_count import read_count_sheet, write_count_sheet

    if counted:
        return read_count_sheet(books, counted, branch, today=as_of)
    from .result import Outcome

    path = write_count_sheet(books, branch, today=as_of)
    return Outcome([f"盘点表已写入 {path}（打印后在「实盘」列填 有/无，再读回）"], [{"branch": branch, "file": str(path)}],
                   paths=[path])


def vouchers(books_dir: BooksDir, month: str, fmt: str = "json", out_dir: Path | None = None):
    """记账凭证 of ``month`` (YYYY-MM): ``fmt`` kingdee / yonyou writes the import file into 报表/ (or
    ``out_dir``), json writes nothing (:class:`.finance.vouchers.VoucherResult`)."""
    from .finance.vouchers import write_vouchers

    return write_vouchers(_ledger(books_dir), month, fmt, out_dir)


def handover(books: BooksDir, first: date | None = None, last: date | None = None, *, pdf: bool = True,
             documents: bool = True, workbook: bool = True):
    """交车出库: the 出库单 of the machines delivered from ``first`` to ``last`` (文书/) and the list to 售后."""
    from .sales.handover import sales_handover

    return sales_handover(books, first, last, pdf=pdf, documents=documents, workbook=workbook)


def first_services(books: BooksDir, as_of: date | None = None, *, workbook: bool = True):
    """首保与销售回访 due or overdue as of ``as_of``."""
    from .service.firstservice import service_firstservice

    return service_firstservice(books, as_of, workbook=workbook)


def overdue_in_workshop(books: BooksDir, as_of: date | None = None, *, workbook: bool = True):
    """在修欠款客户: overdue customers whose machines are in the workshop as of ``as_of``."""
    from .service.overdue import service_overdue

    return service_overdue(books, as_of, workbook=workbook)


def complaints(books: BooksDir, as_of: date | None = None, *, write: bool = False, workbook: bool = True):
    """客户投诉 open past their days, by department; the drafts of dissatisfied callbacks (written with ``write``)."""
    from .service.complaints import service_complaints

    return service_complaints(books, as_of, write=write, workbook=workbook)


def parts_plan(books: BooksDir, as_of: date | None = None, *, workbook: bool = True):
    """配件订货计划 as of ``as_of``."""
    from .service.parts import parts_plan as run

    return run(books, as_of, workbook=workbook)


def parts_count_sheet(books: BooksDir, as_of: date | None = None, *, warehouse: str | None = None):
    """配件盘点表 of ``warehouse`` (every warehouse when None)."""
    from .service.parts import parts_count_sheet as run

    return run(books, as_of, warehouse=warehouse)


def admin_reminders(books: BooksDir, as_of: date | None = None, *, within: int | None = None,
                    person: str | None = None):
    """综合提醒: everything in 综合管理台账 due within ``within`` days (参数 reminder_days) or overdue, by owner."""
    from .admin.reminders import admin_reminders as run

    return run(_ledger(books, as_of), within=within, person=person)


def admin_assets(books: BooksDir, month: str):
    """固定资产折旧 of ``month``: the register with depreciation, net values and the month's disposals."""
    from .admin.assets import admin_assets as run

    return run(_ledger(books), month)


def asset_count_sheet(books: BooksDir, branch: str, *, counted: Path | str | None = None, as_of: date | None = None):
    """资产盘点表 of a branch, or with ``counted`` the differences of a filled-in one."""
    from .admin.count import read_count_sheet, write_count_sheet
    from .result import Outcome

    led = _ledger(books, as_of)
    if counted:
        return read_count_sheet(led, counted, branch)
    path = write_count_sheet(led, branch)
    return Outcome([f"资产盘点表已写入 {path}"], [{"branch": branch, "file": str(path)}], paths=[path])


def admin_vehicles(books: BooksDir, month: str):
    """车辆费用 of ``month`` per vehicle and per 使用部门/分公司."""
    from .admin.vehicles import admin_vehicles as run

    return run(_ledger(books), month)


def admin_archives(books: BooksDir, as_of: date | None = None):
    """档案: the register, the loans out and the destruction list as of ``as_of``."""
    from .admin.archives import admin_archives as run

    return run(_ledger(books, as_of))


def finance(kind: str, books: BooksDir, **options):
    """财务: ``kind`` expenses (``month``), rebates (``manufacturer``, ``first``, ``last``), margin (``month``),
    pnl (``month``) or cashplan (``weeks``, ``as_of``, ``opening``); each writes its pack in 报表/ unless
    ``workbook=False``. Needs 财务台账 (MissingBook otherwise)."""
    from .finance import cashplan, expenses, margin, pnl, rebates

    found = {"expenses": expenses.finance_expenses, "rebates": rebates.finance_rebates, "margin": margin.finance_margin,
             "pnl": pnl.finance_pnl, "cashplan": cashplan.finance_cashplan}.get(kind)
    if found is None:
        from ..problems import BadOption

        raise BadOption(f"未知的财务报表「{kind}」：可选 expenses、rebates、margin、pnl、cashplan")
    return found(books, **options)


def run_action(tag: str, books) -> Any:
    """The ribbon button ``tag`` on ``books`` (a Books adapter): its :class:`.book.ActionResult`."""
    from .registry import run

    return run(tag, books)


# Work across departments (#29): the court file, sales → credit, returns, targets and scorecards.
__all__ += ["disputes", "lawsuits", "sales_contracts", "sales_returns", "sales_scorecard", "sales_targets",
            "service_scorecard", "submit_claims"]


def lawsuits(books: BooksDir, contract_nos: list[str], as_of: date | None = None, *, out_dir: Path | str | None = None,
             pdf: bool = True, draft: bool = False):
    """民事起诉状 and 证据清单 of ``contract_nos`` as of ``as_of`` (default today) in 文书/ (a DocumentsResult)."""
    from ..documents import DOCUMENTS_DIR
    from ..documents.lawsuit import generate_lawsuits
    from .result import DocumentsResult

    led = _ledger(books, as_of)
    written, errors = generate_lawsuits(led, led.today, Path(out_dir or led.books_dir / DOCUMENTS_DIR), contract_nos,
                                        pdf=pdf, draft=draft)
    return DocumentsResult(written, [str(e) for e in errors])


def disputes(books: BooksDir, as_of: date | None = None):
    """清欠纠纷处理意见 as of ``as_of`` (default today) in 报表/."""
    from .receivables.disputes import list_disputes

    return list_disputes(_ledger(books, as_of))


def sales_contracts(books: BooksDir, as_of: date | None = None, *, write: bool = False):
    """分期合同 and 还款计划 from the approved installment sales without a contract (``write`` appends them)."""
    from .sales.contracts import sales_contracts as run

    return run(_ledger(books, as_of), write=write)


def sales_returns(books: BooksDir, as_of: date | None = None, *, write: bool = False):
    """退车/换车: returned machines back in stock (``write``), refunds checked, exchanges linked."""
    from .sales.returns import sales_returns as run

    return run(_ledger(books, as_of), write=write)


def sales_targets(books: BooksDir, year: int, *, write: bool = False):
    """The year's 年度目标 split to branches, months and salespeople (``write`` appends the split rows)."""
    from .sales.targets import sales_targets as run

    return run(_ledger(books), year, write=write)


def sales_scorecard(books: BooksDir, month: str):
    """业务员考核 of ``month`` (YYYY-MM) in 报表/."""
    from .sales.scorecard import sales_scorecard as run

    return run(_ledger(books), month)


def submit_claims(books: BooksDir, claim_nos: list[str], as_of: date | None = None, *, write: bool = False):
    """Mark ``claim_nos`` 已提交 as of ``as_of`` (``write`` changes 索赔单)."""
    from .service.submit import submit_claims as run

    return run(_ledger(books, as_of), claim_nos, write=write)


def service_scorecard(books: BooksDir, month: str):
    """技师考核 of ``month`` (YYYY-MM) against the 服务计划, in 报表/."""
    from .service.scorecard import service_scorecard as run

    return run(_ledger(books), month)
