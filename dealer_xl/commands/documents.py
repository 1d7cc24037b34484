"""CLI commands of documents and report packs: ``contract``, ``letter`` and ``report``.

Each is a few lines over :mod:`dealer_xl.documents`, printed by the one adapter
:func:`dealer_xl.console.emit`. The books folder is the positional DIR and contract numbers are
``--contract`` (repeatable); the earlier ``合同编号 [台账文件夹]`` positionals still work for one release
(with a 提示). Exit codes: 0 = everything asked for was written; 1 = some documents were not written
for want of data (each listed with every missing field); 2 = nothing could run (bad arguments,
unreadable books).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ..arguments import add_as_of, add_dir, add_format, add_month, exit_codes, iso_date
from ..problems import BookError
from ..schema import labels

SOME_MISSING = exit_codes(code_0="要求的文书全部生成", code_1="部分文书因缺少数据未生成（逐份列出缺少的字段）")


def _split(args: argparse.Namespace) -> tuple[list[str], Path]:
    """(contract numbers, books folder) from ``--contract`` and the 0–2 positionals."""
    from ..console import hints

    items, numbers = list(args.items), list(args.contract or [])
    if len(items) > 2:
        raise BookError("参数过多：用法为 [DIR] --contract 合同编号")
    if len(items) == 2 or (len(items) == 1 and not Path(items[0]).is_dir()):
        numbers.insert(0, items.pop(0))
        hints(["合同编号请写在 --contract 后（如 --contract HT2026XQ0001）；写在文件夹前的旧写法下一版停用"])
    return numbers, Path(items[0] if items else ".")


def _documents(written, errors):
    from ..actions.result import DocumentsResult

    return DocumentsResult(list(written), list(errors))


def cmd_contract(args: argparse.Namespace) -> int:
    """Generate the sales contract of one sale, or of every sale (--all)."""
    from ..console import emit, load
    from ..documents import DOCUMENTS_DIR
    from ..documents.contracts import generate_contracts

    numbers, folder = _split(args)
    if not numbers and not args.all:
        raise BookError("请用 --contract 给出合同编号，或加 --all 为每份合同生成")
    books = load(folder, "生成合同")
    if args.all:
        sales = books.by_key("sales", "sales", "contract_no")
        contracts = books.by_key("receivables", "contracts", "contract_no")
        numbers = list(sales) + [n for n in contracts if n not in sales]
    out_dir = Path(args.out) if args.out else folder / DOCUMENTS_DIR
    return emit(_documents(*generate_contracts(books, numbers, out_dir, pdf=not args.no_pdf, draft=args.draft)),
                args.format)


def cmd_letter(args: argparse.Namespace) -> int:
    """Generate the demand letter of one contract, or of every overdue contract of a collector."""
    from .. import actions
    from ..console import emit

    numbers, folder = _split(args)
    if not numbers and args.kind == "demand" and not (args.collector or args.all_overdue):
        raise BookError("请用 --contract 给出合同编号，或使用 --collector / --all-overdue")
    as_of = args.as_of or date.today()
    if args.kind == "lawsuit":
        return _lawsuit(args, numbers, folder, as_of)
    if args.kind != "demand":
        from ..console import load
        from ..documents import DOCUMENTS_DIR
        from ..documents.repossession_notices import generate_notices, repossessed_contracts

        books = load(folder, "生成文书", today=as_of)
        out_dir = Path(args.out) if args.out else folder / DOCUMENTS_DIR
        return emit(_documents(*generate_notices(books, args.kind, as_of, out_dir,
                                                 numbers or repossessed_contracts(books, as_of),
                                                 deadline=args.deadline, pdf=not args.no_pdf)), args.format)
    return emit(actions.letters(folder, as_of, contract_nos=numbers or None, collector=args.collector,
                                all_overdue=args.all_overdue, deadline=args.deadline,
                                out_dir=Path(args.out) if args.out else None, pdf=not args.no_pdf, draft=args.draft),
                args.format)


JSON_SECTIONS = {"gm": ("receivables", "sales", "payroll"), "receivables": ("receivables",), "sales": ("sales",),
                 "service": ("service",)}


def _report_json(args: argparse.Namespace) -> int:
    """The report's figures by glossary key (money in integer fen), as of the month's last day."""
    from .. import ledger
    from ..console import out
    from ..jsonout import dumps
    from ..ledger.figures import month_json
    from ..problems import BadOption

    if args.kind not in JSON_SECTIONS:
        raise BadOption(f"--format json 只用于月报（{'、'.join(JSON_SECTIONS)}），日报请用表格")
    if args.branch or args.person:
        raise BadOption("--format json 给出全公司的口径数字，不能与 --branch/--person 同用")
    month = args.month or f"{args.as_of or date.today():%Y-%m}"
    try:
        books = ledger.load(Path(args.dir))
        out.print(dumps(month_json(books, month, JSON_SECTIONS[args.kind])), markup=False, soft_wrap=True)
    except ValueError as e:
        raise BadOption(str(e)) from e
    return 0


def _lawsuit(args: argparse.Namespace, numbers: list[str], folder: Path, as_of: date) -> int:
    """The 民事起诉状 and 证据清单 of each contract given."""
    from ..console import emit, load
    from ..documents import DOCUMENTS_DIR
    from ..documents.lawsuit import generate_lawsuits

    if not numbers:
        raise BookError("请用 --contract 给出要起诉的合同编号（可重复）")
    books = load(folder, "生成起诉状", today=as_of)
    out_dir = Path(args.out) if args.out else folder / DOCUMENTS_DIR
    return emit(_documents(*generate_lawsuits(books, as_of, out_dir, numbers, pdf=not args.no_pdf, draft=args.draft)),
                args.format)


def cmd_report(args: argparse.Namespace) -> int:
    """Build a report pack: the workbook, and the email's HTML with its chart beside it (or, with
    --format json, print the report's figures: nothing is written)."""
    from .. import actions
    from ..actions.result import Outcome
    from ..console import emit
    from ..ledger.held import held

    with held(paused=True):  # while the pack is computed no garbage collection walks the books read
        if args.format == "json":
            return _report_json(args)
        pack = actions.report(args.kind, Path(args.dir), Path(args.out) if args.out else None, day=args.as_of,
                              month=args.month, branch=args.branch, person=args.person, masked=not args.no_mask)
    html = pack.html
    for key, png in pack.images.items():
        image = pack.xlsx.with_name(f"{pack.xlsx.stem}_{key}.png")
        image.write_bytes(png)
        html = html.replace(f"cid:{key}", image.name)
    preview = pack.xlsx.with_suffix(".html")
    preview.write_text(html, encoding="utf-8")
    return emit(Outcome([f"已生成 {pack.xlsx}", f"邮件正文预览 {preview}"],
                        [{"kind": args.kind, "title": pack.title, "xlsx": str(pack.xlsx), "html": str(preview)}],
                        paths=[Path(pack.xlsx), preview]), args.format)


def register(sub) -> None:
    """Add ``contract``, ``letter`` and ``report`` to the CLI."""
    p = sub.add_parser("contract", help="生成销售合同（分期付款买卖合同或全款销售合同，.docx，装有 LibreOffice 时另出 PDF）",
                       epilog=SOME_MISSING)
    p.add_argument("items", nargs="*", metavar="DIR", help="台账所在文件夹（默认当前文件夹）")
    p.add_argument("--contract", action="append", metavar=labels.CONTRACT_NO, help="要生成的合同编号（可重复）")
    p.add_argument("--all", action="store_true", help="为销售明细中的每份合同生成")
    p.add_argument("--out", help="输出文件夹（默认 DIR/文书）")
    p.add_argument("--no-pdf", action="store_true", help="不转换 PDF")
    p.add_argument("--draft", action="store_true", help="出卖人信息（参数 SELLER_*）未填全时仍生成，每页标注「样稿」")
    add_format(p)
    p.set_defaults(func=cmd_contract)

    p = sub.add_parser("letter", help="生成催款函（.docx，装有 LibreOffice 时另出 PDF）", epilog=SOME_MISSING)
    p.add_argument("items", nargs="*", metavar="DIR", help="台账所在文件夹（默认当前文件夹）")
    p.add_argument("--contract", action="append", metavar=labels.CONTRACT_NO, help="要生成的合同编号（可重复）")
    p.add_argument("--collector", help="为此催收责任人（姓名或工号）的全部逾期合同生成")
    p.add_argument("--all-overdue", action="store_true", help="为全部逾期合同生成")
    p.add_argument("--kind", choices=("demand", "repossession", "handover", "lawsuit"), default="demand",
                   help="demand 催款函（默认）；repossession 扣车通知书；handover 车辆交接单（不给合同编号时为全部扣押中的合同）；"
                        "lawsuit 民事起诉状和证据清单（须给合同编号）")
    add_as_of(p, legacy=("--date",))
    p.add_argument("--deadline", type=iso_date, metavar="YYYY-MM-DD", help="付款期限（默认截至日期后10天）")
    p.add_argument("--out", help="输出文件夹（默认 DIR/文书）")
    p.add_argument("--no-pdf", action="store_true", help="不转换 PDF")
    p.add_argument("--draft", action="store_true", help="出卖人信息（参数 SELLER_*）未填全时仍生成，每页标注「样稿」，不占用函号")
    add_format(p)
    p.set_defaults(func=cmd_letter)

    p = sub.add_parser("report", help="生成报表包：工作簿（含图表）和邮件正文 HTML")
    p.add_argument("kind", choices=("daily", "sales", "receivables", "service", "gm"),
                   help="daily 日销售报表；sales 销售月报；receivables 应收月报；service 售后月报；gm 总经理月报")
    add_dir(p)
    add_as_of(p, legacy=("--date",), help="日报日期、月报的截至日期（默认今天）")
    add_month(p, required=False, help="月报月份（默认本月）")
    p.add_argument("--branch", help="只含此分公司")
    p.add_argument("--person", help="只含此业务员/催收责任人（姓名或工号）")
    p.add_argument("--out", help="输出文件夹（默认 DIR/报表）")
    p.add_argument("--no-mask", action="store_true", help="不对证件号码、电话、银行账号脱敏（仅限内部留存）")
    add_format(p)
    p.set_defaults(func=cmd_report)
