"""``dealer-xl payroll run|slips|bank|tax|summary [DIR] --month YYYY-MM`` — the monthly payroll.

A few lines per sub-command over :mod:`dealer_xl.actions` (the same functions the ribbon's 工资
group calls). Exit codes: 0 done; 1 an 错误 in the books stopped the run (nothing written); 2 could
not run (bad ``--month``, a closed month, a missing earlier month, a book that cannot be opened or
written — one Chinese line).
"""

from __future__ import annotations

import argparse
import json
import re
from decimal import Decimal
from pathlib import Path

from ..domain.monthly import month_range

_MARK = "\u0000D:"


def _month(text: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{1,2}", text.strip()):
        raise argparse.ArgumentTypeError(f"月份应为 YYYY-MM（如 2026-10），收到「{text}」")
    try:
        first, _ = month_range(text.strip())
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return f"{first:%Y-%m}"


def to_json(records: list[dict]) -> str:
    """A JSON list with Decimal amounts as numbers with exactly two decimals."""
    def encode(value):
        if isinstance(value, Decimal):
            return f"{_MARK}{value:.2f}"
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    text = json.dumps(records, ensure_ascii=False, indent=1, default=encode)
    return re.sub(r'"\\u0000D:(-?\d+\.\d\d)"', r"\1", text)


def _print(lines: list[str]) -> None:
    from ..console import out

    for line in lines:
        out.print(line, markup=False, soft_wrap=True)


def cmd_run(args: argparse.Namespace) -> int:
    """Compute the month and write 工资结果."""
    from ..actions.payroll.run import run_payroll

    result = run_payroll(Path(args.dir), args.month, dry_run=args.dry_run)
    if args.format == "json" and not result.errors:
        print(to_json(result.records()))
    else:
        _print(result.summary())
    return 1 if result.errors else 0


def cmd_output(args: argparse.Namespace) -> int:
    """Write one of the month's hand-on files (slips, bank, tax, summary)."""
    from ..actions.payroll import outputs as payroll_outputs
    from ..jsonout import dumps
    from ..problems import has_errors

    options = {}
    if getattr(args, "config", None):
        from ..jobs.config import load_config

        options["config"] = load_config(Path(args.config), books=Path(args.dir))
    if getattr(args, "bank", None):
        options["bank"] = args.bank
    result = getattr(payroll_outputs, f"write_{args.payroll_command}")(Path(args.dir), args.month, **options)
    if args.format == "json" and not has_errors(result.problems):
        print(dumps(result.records()))
    else:
        _print(result.summary())
    return 1 if has_errors(result.problems) else 0


def register(sub) -> None:
    """Add ``payroll run|slips|bank|tax|summary`` to the CLI."""
    group = sub.add_parser("payroll", help="工资：计算（累计预扣个税）、工资条、银行代发、个税申报、工资汇总")
    commands = group.add_subparsers(dest="payroll_command", required=True, metavar="子命令")
    for name, func, text in (
            ("run", cmd_run, "计算当月工资并写入 工资表.xlsx 的「工资结果」（只替换该月的行；先备份）"),
            ("slips", cmd_output, "工资条：写出 报表/工资条_<月份>.xlsx（每人一块，可裁开）和每人的 PDF；"
                                  "按 jobs.toml 的邮件设置发给员工本人登记的邮箱"),
            ("bank", cmd_output, "银行代发工资文件：按银行的批量代发模板写出 报表/代发工资_<月份>_<银行>.xlsx 或 .csv，"
                                 "另写出签字用的核对单（格式可在 代发工资.toml 调整）"),
            ("tax", cmd_output, "个税申报表：写出 报表/个税申报_<月份>.xlsx（扣缴客户端「正常工资薪金所得」等导入模板）"),
            ("summary", cmd_output, "工资汇总：写出 报表/工资汇总_<月份>.xlsx（按部门、分公司，逐月对比，含单位成本）")):
        p = commands.add_parser(name, help=text)
        p.add_argument("dir", nargs="?", default=".", help="台账所在文件夹（默认当前文件夹）")
        p.add_argument("--month", type=_month, required=True, help="工资月份 YYYY-MM")
        p.add_argument("--format", choices=("table", "json"), default="table")
        if name == "slips":
            p.add_argument("--config", help="报表任务配置文件 jobs.toml：按其中的发件人、SMTP 和发件箱把工资条发给员工本人"
                                            "（只发给「员工」表登记了电子邮箱的人；不给则不发邮件）")
        if name == "bank":
            from ..schema.payroll_files import BANK_PROFILES

            p.add_argument("--bank", choices=tuple(BANK_PROFILES),
                           help="银行：icbc 工行、ccb 建行、abc 农行、boc 中行、psbc 邮储、generic 通用"
                                "（不给时用 代发工资.toml 的 bank，再没有则 generic）")
        if name == "run":
            p.add_argument("--dry-run", action="store_true", help="只计算和显示，不写入")
        p.set_defaults(func=func)
