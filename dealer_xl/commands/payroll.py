"""``dealer-xl payroll run|opening|slips|bank|tax|summary [DIR]`` — the monthly payroll.

A few lines per sub-command over :mod:`dealer_xl.actions` (the same functions the ribbon's 工资
group calls), printed by the one adapter :func:`dealer_xl.console.emit`. ``run`` takes ``--month
YYYY-MM`` or ``--from YYYY-MM --to YYYY-MM`` (the months in order, written once); it writes 工资结果
without ``--write`` for one more release (with a 提示); ``--dry-run`` previews. ``opening --from FILE``
previews the tax client's 累计 figures for 工资期初 and writes them with ``--write``. Exit codes: 0
done; 1 an 错误 in the books stopped an employee or a row (listed; the others were computed or
imported); 2 could not run (a bad option, a closed month, a month before go-live, a book that cannot
be opened or written — one Chinese line).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..arguments import add_dir, add_format, add_month, add_write, exit_codes, month


def cmd_run(args: argparse.Namespace) -> int:
    """Compute the month (or the months --from … --to) and write 工资结果 once."""
    from ..actions.payroll.run import run_payroll
    from ..console import emit
    from ..problems import BadOption

    if args.month and (args.start or args.end):
        raise BadOption("--month 与 --from/--to 只能用一种")
    if not args.month and not (args.start and args.end):
        raise BadOption("请给出 --month YYYY-MM，或同时给出 --from YYYY-MM 和 --to YYYY-MM")
    if args.start and args.end and args.end < args.start:
        raise BadOption(f"--to {args.end} 早于 --from {args.start}")
    return emit(run_payroll(Path(args.dir), args.month or args.start, to=args.end, dry_run=not args.write),
                args.format)


def cmd_opening(args: argparse.Namespace) -> int:
    """Preview (or with --write, write) the tax client's 累计 figures into 工资期初."""
    from ..actions.payroll.opening import import_opening
    from ..console import emit

    return emit(import_opening(Path(args.dir), Path(args.source), month=args.month, write=args.write), args.format)


def cmd_output(args: argparse.Namespace) -> int:
    """Write one of the month's hand-on files (slips, bank, tax, summary)."""
    from ..actions.payroll import outputs as payroll_outputs
    from ..console import emit

    options = {}
    if getattr(args, "config", None):
        from ..jobs.config import load_config

        options["config"] = load_config(Path(args.config), books=Path(args.dir))
    if getattr(args, "bank", None):
        options["bank"] = args.bank
    result = getattr(payroll_outputs, f"write_{args.payroll_command}")(Path(args.dir), args.month, **options)
    return emit(result, args.format)


def register(sub) -> None:
    """Add ``payroll run|opening|slips|bank|tax|summary`` to the CLI."""
    group = sub.add_parser("payroll", help="工资：计算（累计预扣个税）、期初导入、工资条、银行代发、个税申报、工资汇总")
    commands = group.add_subparsers(dest="payroll_command", required=True, metavar="子命令")
    _add_run(commands)
    _add_opening(commands)
    for name, func, text in (
            ("slips", cmd_output, "工资条：写出 报表/工资条_<月份>.xlsx（每人一块，可裁开）和每人的 PDF；"
                                  "按 jobs.toml 的邮件设置发给员工本人登记的邮箱"),
            ("bank", cmd_output, "银行代发工资文件：按银行的批量代发模板写出 报表/代发工资_<月份>_<银行>.xlsx 或 .csv，"
                                 "另写出签字用的核对单（格式可在 代发工资.toml 调整）"),
            ("tax", cmd_output, "个税申报表：写出 报表/个税申报_<月份>.xlsx（扣缴客户端「正常工资薪金所得」等导入模板）"),
            ("summary", cmd_output, "工资汇总：写出 报表/工资汇总_<月份>.xlsx（按部门、分公司，逐月对比，含单位成本）")):
        p = commands.add_parser(name, help=text, epilog=exit_codes(code_1="台账中有错误的员工未列入（已列出单元格）"))
        add_dir(p)
        add_month(p, help="工资月份")
        add_format(p)
        if name == "slips":
            p.add_argument("--config", help="报表任务配置文件 jobs.toml：按其中的发件人、SMTP 和发件箱把工资条发给员工本人"
                                            "（只发给「员工」表登记了电子邮箱的人；不给则不发邮件）")
        if name == "bank":
            from ..schema.payroll_files import BANK_PROFILES

            p.add_argument("--bank", choices=tuple(BANK_PROFILES),
                           help="银行：icbc 工行、ccb 建行、abc 农行、boc 中行、psbc 邮储、generic 通用"
                                "（不给时用 代发工资.toml 的 bank，再没有则 generic）")
        p.set_defaults(func=func)


def _add_run(commands) -> None:
    p = commands.add_parser("run", help="计算工资（累计预扣个税）并写入 工资表.xlsx 的「工资结果」（只替换所算月份的行；先备份）；"
                                        "台账有错误的员工不计算并列出单元格，其他人照算（退出码 1）",
                            epilog=exit_codes(code_1="台账中有错误的员工未计算（已列出单元格），其他人已计算",
                                              code_2="未能运行：参数有误、已结账的月份、上线前的月份、台账无法读取或写入"))
    add_dir(p)
    add_month(p, required=False, help="工资月份")
    p.add_argument("--from", dest="start", type=month, metavar="YYYY-MM",
                   help="从此月起，与 --to 一起：按月份顺序一次算完，只写入一次")
    p.add_argument("--to", dest="end", type=month, metavar="YYYY-MM", help="算到此月")
    add_write(p, "工资表「工资结果」（只替换所算月份的行）", writes_today=True)
    add_format(p)
    p.set_defaults(func=cmd_run)


def _add_opening(commands) -> None:
    p = commands.add_parser("opening", help="工资期初：读入个税扣缴端导出的累计数（正常工资薪金所得），预览；加 --write 写入"
                                            " 工资表.xlsx 的「工资期初」（先备份）",
                            epilog=exit_codes(code_1="文件中有对不上的行（已列出），其余已导入"))
    add_dir(p)
    p.add_argument("--from", dest="source", required=True, metavar="文件",
                   help="自然人电子税务局（扣缴端）综合所得申报「正常工资薪金所得」导出的 Excel 文件")
    add_month(p, required=False, help="文件没有税款所属期时，累计数截至的月份")
    add_write(p, "工资表「工资期初」")
    add_format(p)
    p.set_defaults(func=cmd_opening)
