"""``dealer-xl payroll run|opening|slips|bank|tax|summary [DIR]`` — the monthly payroll.

A few lines per sub-command over :mod:`dealer_xl.actions` (the same functions the ribbon's 工资
group calls). ``run`` takes ``--month YYYY-MM`` or ``--from YYYY-MM --to YYYY-MM`` (the months in
order, written once) and ``--write``; without ``--write`` it still writes in this release and says
on stderr that ``--write`` will be required (``--dry-run`` previews). ``opening --from FILE``
previews the tax client's 累计 figures for 工资期初 and writes them with ``--write``. Exit codes: 0
done; 1 an 错误 in the books stopped an employee or a row (listed; the others were computed or
imported); 2 could not run (a bad option, a closed month, a month before go-live, a book that
cannot be opened or written — one Chinese line).
"""

from __future__ import annotations

import argparse
import json
import re
from decimal import Decimal
from pathlib import Path

from ..arguments import add_dir, add_format, month
from ..domain.monthly import month_range

WRITE_NOTICE = ("提示：payroll run 不加 --write 目前仍会写入「工资结果」；下一版起不加 --write 只预览、不写入，"
                "请改用 payroll run … --write")
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
    """Compute the month (or the months --from … --to) and write 工资结果 once."""
    import sys

    from ..actions.payroll.run import run_payroll
    from ..jsonout import dumps
    from ..problems import BadOption

    if args.month and (args.start or args.end):
        raise BadOption("--month 与 --from/--to 只能用一种")
    if not args.month and not (args.start and args.end):
        raise BadOption("请给出 --month YYYY-MM，或同时给出 --from YYYY-MM 和 --to YYYY-MM")
    if args.start and args.end and args.end < args.start:
        raise BadOption(f"--to {args.end} 早于 --from {args.start}")
    if args.write and args.dry_run:
        raise BadOption("--write 与 --dry-run 不能同时使用")
    if not args.write and not args.dry_run:
        print(WRITE_NOTICE, file=sys.stderr)
    result = run_payroll(Path(args.dir), args.month or args.start, to=args.end, dry_run=args.dry_run)
    if args.format == "json":
        print(dumps(result.records()))
    else:
        _print(result.summary())
    return 1 if result.errors else 0


def cmd_opening(args: argparse.Namespace) -> int:
    """Preview (or with --write, write) the tax client's 累计 figures into 工资期初."""
    from ..actions.payroll.opening import import_opening
    from ..jsonout import dumps
    from ..problems import has_errors

    result = import_opening(Path(args.dir), Path(args.source), month=args.month, write=args.write)
    if args.format == "json":
        print(dumps(result.records()))
    else:
        _print(result.summary())
    return 1 if has_errors(result.problems) else 0


def cmd_output(args: argparse.Namespace) -> int:
    """Write one of the month's hand-on files (slips, bank, tax, summary)."""
    from ..actions.payroll import outputs as payroll_outputs
    from ..problems import has_errors

    options = {}
    if getattr(args, "config", None):
        from ..jobs.config import load_config

        options["config"] = load_config(Path(args.config), books=Path(args.dir))
    result = getattr(payroll_outputs, f"write_{args.payroll_command}")(Path(args.dir), args.month, **options)
    if args.format == "json" and not result.problems:
        print(to_json(result.records()))
    else:
        _print(result.summary())
    return 1 if has_errors(result.problems) else 0


def register(sub) -> None:
    """Add ``payroll run|slips|bank|tax|summary`` to the CLI."""
    group = sub.add_parser("payroll", help="工资：计算（累计预扣个税）、期初导入、工资条、银行代发、个税申报、工资汇总")
    commands = group.add_subparsers(dest="payroll_command", required=True, metavar="子命令")
    _add_run(commands)
    _add_opening(commands)
    for name, func, text in (
            ("slips", cmd_output, "工资条：写出 报表/工资条_<月份>.xlsx（每人一块，可裁开）和每人的 PDF；"
                                  "按 jobs.toml 的邮件设置发给员工本人登记的邮箱"),
            ("bank", cmd_output, "银行代发工资文件：写出 报表/代发工资_<月份>.xlsx 和 .csv（表头可在 代发工资.toml 配置）"),
            ("tax", cmd_output, "个税申报表：写出 报表/个税申报_<月份>.xlsx（综合所得预扣预缴申报导入格式）"),
            ("summary", cmd_output, "工资汇总：写出 报表/工资汇总_<月份>.xlsx（按部门、分公司，逐月对比，含单位成本）")):
        p = commands.add_parser(name, help=text)
        p.add_argument("dir", nargs="?", default=".", help="台账所在文件夹（默认当前文件夹）")
        p.add_argument("--month", type=_month, required=True, help="工资月份 YYYY-MM")
        p.add_argument("--format", choices=("table", "json"), default="table")
        if name == "slips":
            p.add_argument("--config", help="报表任务配置文件 jobs.toml：按其中的发件人、SMTP 和发件箱把工资条发给员工本人"
                                            "（只发给「员工」表登记了电子邮箱的人；不给则不发邮件）")
        p.set_defaults(func=func)


def _add_run(commands) -> None:
    p = commands.add_parser("run", help="计算工资（累计预扣个税）并写入 工资表.xlsx 的「工资结果」（只替换所算月份的行；先备份）；"
                                        "台账有错误的员工不计算并列出单元格，其他人照算（退出码 1）")
    add_dir(p)
    p.add_argument("--month", type=month, metavar="YYYY-MM", help="工资月份")
    p.add_argument("--from", dest="start", type=month, metavar="YYYY-MM", help="从此月起（YYYY-MM），与 --to 一起：按月份顺序一次算完，只写入一次")
    p.add_argument("--to", dest="end", type=month, metavar="YYYY-MM", help="算到此月（YYYY-MM）")
    p.add_argument("--write", action="store_true", help="写入「工资结果」（先备份）")
    p.add_argument("--dry-run", action="store_true", help="只计算和显示，不写入")
    add_format(p)
    p.set_defaults(func=cmd_run)


def _add_opening(commands) -> None:
    p = commands.add_parser("opening", help="工资期初：读入个税扣缴端导出的累计数（正常工资薪金所得），预览；加 --write 写入"
                                            " 工资表.xlsx 的「工资期初」（先备份）")
    add_dir(p)
    p.add_argument("--from", dest="source", required=True, metavar="文件",
                   help="自然人电子税务局（扣缴端）综合所得申报「正常工资薪金所得」导出的 Excel 文件")
    p.add_argument("--month", type=month, metavar="YYYY-MM", help="文件没有税款所属期时，累计数截至的月份 YYYY-MM")
    p.add_argument("--write", action="store_true", help="写入「工资期初」（先备份）；不加只预览")
    add_format(p)
    p.set_defaults(func=cmd_opening)
