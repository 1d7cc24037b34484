"""``dealer-xl service claims|deadlines|settle|callbacks|pay [DIR]`` — the after-sales commands.

Each sub-command is a few lines over an action of :mod:`dealer_xl.actions` (the functions the
ribbon's 售后 group calls too), printed by the one adapter :func:`dealer_xl.console.emit`: the
Chinese summary on stdout and a workbook in 报表/, or with ``--format json`` a JSON list of objects
(no workbook). ``claims`` and ``settle`` change the 索赔单 only with ``--write`` (``--apply``, the
earlier name, still works with a 提示). Exit codes: 0 done; 1 done, but a unit (a claim, a technician)
was refused because validation calls a cell it uses an 错误 (listed; the others were computed); 2 could
not run (a book or the statement cannot be opened or written, a closed period, a bad date or month).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..arguments import add_as_of, add_dir, add_format, add_month, add_write
from ..problems import BookError
from ..schema import labels


def cmd_claims(args: argparse.Namespace) -> int:
    """Draft claims from 三包 work orders (and append them with --write); ``claims submit`` marks claims 已提交."""
    from ..console import emit

    if args.dir == "submit":
        from ..actions.service.submit import submit_claims

        if not args.claim:
            raise BookError("请用 --claim 给出要标记为已提交的索赔单号（可重复）")
        return emit(submit_claims(Path(args.folder or "."), args.claim, args.as_of, write=args.write), args.format)
    if args.claim or args.folder:
        raise BookError("--claim 只用于 service claims submit（标记索赔单已提交）")
    from ..actions.service.claims import service_claims

    return emit(service_claims(Path(args.dir), args.as_of, write=args.write, workbook=args.format != "json"),
                args.format)


def cmd_deadlines(args: argparse.Namespace) -> int:
    """The claim and old-parts deadlines not yet met."""
    from ..actions.service.deadlines import service_deadlines
    from ..console import emit

    return emit(service_deadlines(Path(args.dir), args.as_of, workbook=args.format != "json"), args.format)


def cmd_settle(args: argparse.Namespace) -> int:
    """Match a manufacturer's settlement statement (and apply it with --write)."""
    from ..actions.service.settle import service_settle
    from ..console import emit

    return emit(service_settle(Path(args.dir), args.statement, args.as_of, apply=args.write,
                               workbook=args.format != "json"), args.format)


def cmd_callbacks(args: argparse.Namespace) -> int:
    """Callbacks due, and the month's callback statistics."""
    from ..actions.service.people import service_callbacks
    from ..console import emit

    return emit(service_callbacks(Path(args.dir), args.as_of, args.month, workbook=args.format != "json"),
                args.format)


def cmd_pay(args: argparse.Namespace) -> int:
    """Technician piece pay of a month."""
    from ..actions.service.pay import service_pay
    from ..console import emit

    return emit(service_pay(Path(args.dir), args.month, workbook=args.format != "json"), args.format)


def _statement(text: str) -> Path:
    path = Path(text)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"找不到结算单文件「{text}」")
    return path


def register(sub) -> None:
    """Add ``service claims|deadlines|settle|callbacks|pay`` to the CLI."""
    group = sub.add_parser("service", help="售后服务：索赔单、索赔时限、厂家结算核对、回访、技师计件")
    commands = group.add_subparsers(dest="service_command", required=True, metavar="子命令")
    for name, func, text in (
            ("claims", cmd_claims, "由已完工的三包工单生成索赔单草稿（--write 写入「索赔单」，状态待提交，并写入需返厂的旧件）；"
                                  "claims submit --claim 号 标记索赔单已提交"),
            ("deadlines", cmd_deadlines, "索赔提交与旧件返厂时限：未完成的索赔和旧件及剩余天数"),
            ("settle", cmd_settle, "厂家结算单核对（--write 把结算结果写入「索赔单」，先备份）"),
            ("callbacks", cmd_callbacks, "待回访工单清单，及本月回访统计与不满意客户"),
            ("pay", cmd_pay, "技师计件工资：工时 × 等级单价 + 回访满意度奖扣")):
        p = commands.add_parser(name, help=text)
        add_dir(p)
        if name != "pay":
            add_as_of(p, legacy=("--date",) if name == "claims" else ())
        if name in ("callbacks", "pay"):
            add_month(p, required=name == "pay", help="统计月份" + ("" if name == "pay" else "（默认截至日期所在月）"))
        if name == "claims":
            add_write(p, "「索赔单」（可索赔的草稿，状态待提交）和「旧件返厂」（需返厂的配件，待返）；"
                         "submit 时写入索赔状态已提交和提交日期")
            p.add_argument("folder", nargs="?", default=None, help=argparse.SUPPRESS)
            p.add_argument("--claim", action="append", metavar=labels.CLAIM_NO,
                           help="submit：要标记为已提交的索赔单号（可重复）；用法 service claims submit [DIR] --claim 号")
        if name == "settle":
            p.add_argument("--statement", type=_statement, required=True, help="厂家结算单 Excel 文件")
            add_write(p, "「索赔单」（相符、少付、多付、驳回的结算结果）", legacy=("--apply",))
        add_format(p)
        p.set_defaults(func=func)
