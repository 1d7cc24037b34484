"""``dealer-xl sales handover [DIR] --from D --to D`` — the sales department's hand-offs.

Each sub-command is a few lines over an action of :mod:`dealer_xl.actions` (the functions the ribbon's
销售 group calls too), printed by the one adapter :func:`dealer_xl.console.emit`. Exit codes: 0 done;
1 done, but a form was not written (missing data, or an 错误 in the row it is made from); 2 could not
run (a book cannot be opened, 参数 SELLER_NAME empty, a bad date).
"""

from __future__ import annotations

import argparse

from ..arguments import add_dir, add_format, exit_codes, iso_date


def cmd_handover(args: argparse.Namespace) -> int:
    """The 出库单 of the machines delivered in the period and the list to 售后."""
    from ..actions.sales.handover import sales_handover
    from ..console import emit, load

    led = load(args.dir, "交车出库", today=args.last)
    return emit(sales_handover(led, args.first, args.last, pdf=not args.no_pdf, documents=args.format != "json",
                               workbook=args.format != "json"), args.format)


def register(sub) -> None:
    """Add ``sales handover`` to the CLI."""
    group = sub.add_parser("sales", help="销售部：交车出库、分期合同、退换车、目标分解、业务员考核")
    commands = group.add_subparsers(dest="sales_command", required=True, metavar="子命令")
    p = commands.add_parser("handover", help="交车出库：交车日期在期间内的每台整机出具出库单（文书/，.docx 与 PDF），"
                                             "并写出移交售后清单（首保到期、三包截止、销售回访日）",
                            epilog=exit_codes(code_1="完成，但有出库单因缺资料或台账错误未生成（已列出）",
                                              code_2="未能运行：台账无法读取、参数 SELLER_NAME 未填、日期有误"))
    add_dir(p)
    p.add_argument("--from", dest="first", type=iso_date, metavar="YYYY-MM-DD", help="交车日期起（默认与 --to 相同）")
    p.add_argument("--to", dest="last", type=iso_date, metavar="YYYY-MM-DD", help="交车日期止（默认今天）；此日之后的记录一概不计")
    p.add_argument("--no-pdf", action="store_true", help="不转换 PDF")
    add_format(p, help="table 供阅读（默认）；json 供程序（只列清单，不写文件）")
    p.set_defaults(func=cmd_handover)
