"""``dealer-xl payroll run|slips|bank|tax|summary [DIR] --month YYYY-MM`` — the monthly payroll.

A few lines per sub-command over :mod:`dealer_xl.actions` (the same functions the ribbon's 工资
group calls), printed by the one adapter :func:`dealer_xl.console.emit`. ``run`` writes 工资结果
without ``--write`` for one more release (with a 提示); ``--dry-run`` previews. Exit codes: 0 done;
1 an 错误 in the books stopped the run (nothing written); 2 could not run (bad ``--month``, a closed
month, a missing earlier month, a book that cannot be opened or written — one Chinese line).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..arguments import add_dir, add_format, add_month, add_write, exit_codes


def cmd_run(args: argparse.Namespace) -> int:
    """Compute the month and write 工资结果."""
    from ..actions.payroll.run import run_payroll
    from ..console import emit

    return emit(run_payroll(Path(args.dir), args.month, dry_run=not args.write), args.format)


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
    """Add ``payroll run|slips|bank|tax|summary`` to the CLI."""
    group = sub.add_parser("payroll", help="工资：计算（累计预扣个税）、工资条、银行代发、个税申报、工资汇总")
    commands = group.add_subparsers(dest="payroll_command", required=True, metavar="子命令")
    stopped = exit_codes(code_1="台账中有错误，本月工资未计算、未写入（已列出）")
    for name, func, text in (
            ("run", cmd_run, "计算当月工资并写入 工资表.xlsx 的「工资结果」（只替换该月的行；先备份）"),
            ("slips", cmd_output, "工资条：写出 报表/工资条_<月份>.xlsx（每人一块，可裁开）和每人的 PDF；"
                                  "按 jobs.toml 的邮件设置发给员工本人登记的邮箱"),
            ("bank", cmd_output, "银行代发工资文件：按银行的批量代发模板写出 报表/代发工资_<月份>_<银行>.xlsx 或 .csv，"
                                 "另写出签字用的核对单（格式可在 代发工资.toml 调整）"),
            ("tax", cmd_output, "个税申报表：写出 报表/个税申报_<月份>.xlsx（扣缴客户端「正常工资薪金所得」等导入模板）"),
            ("summary", cmd_output, "工资汇总：写出 报表/工资汇总_<月份>.xlsx（按部门、分公司，逐月对比，含单位成本）")):
        p = commands.add_parser(name, help=text, epilog=stopped)
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
        if name == "run":
            add_write(p, "工资表「工资结果」（只替换该月的行）", writes_today=True)
        p.set_defaults(func=func)
