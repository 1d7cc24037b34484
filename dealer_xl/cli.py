"""The ``dealer-xl`` command line: a few lines per command over :mod:`dealer_xl.actions`.

One grammar (:mod:`dealer_xl.arguments`): ``[DIR]`` positional, ``--as-of``, ``--month``,
``--format table|json``, ``--write``; options before or after DIR. Results, problems and totals go
to stdout through the one adapter :func:`dealer_xl.console.emit`; progress and 提示 to stderr.
Library errors become one Chinese line on stderr and a non-zero exit code, never a traceback:
exit 0 = done, 1 = done but 错误 found in the data, 2 = could not run (bad file, bad arguments),
130 = interrupted.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import importlib
import pkgutil
import sys
from pathlib import Path

from . import __version__
from .arguments import (
    Parser,
    add_as_of,
    add_dir,
    add_format,
    chinese,
    exit_codes,
    settle,
)
from .console import emit, err, hints, out, print_summary
from .problems import BadOption, BookError, exit_code
from .progress import terminal_progress

_AT_EXIT: list[bool] = []  # whether leave_to_exit registered its hook
OPTIONAL = {"xlwings": "excel", "pandas": "frames"}  # optional module → the extra that installs it


def cmd_init(args: argparse.Namespace) -> int:
    """Create the empty books (or only the one named by --book)."""
    from .io.templates import init_books

    only = None
    if args.book:
        from . import schema
        from .problems import BadOption

        only = schema.book_for_file(args.book)
        if only is None:
            raise BadOption(f"未知的台账「{args.book}」；可选：{'、'.join(b.name for b in schema.BOOKS)}")
    for path in init_books(Path(args.dir), overwrite=args.overwrite, only=only):
        out.print(f"已创建 {path}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Write the demo company's five books and its manifest of planted mistakes."""
    from .demo import MIN_SCALE, generate_demo

    if args.scale < MIN_SCALE:
        err.print(f"错误：--scale 至少为 {MIN_SCALE}（每条规则至少要有一处预置错误）")
        return 2
    with terminal_progress("生成演示数据") as progress:
        manifest = generate_demo(Path(args.dir), scale=args.scale, seed=args.seed, progress=progress)
    out.print(f"演示公司已写入 {args.dir}：预置错误 {len(manifest.mistakes)} 处（见 demo_manifest.json）")
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    """Read every book in a folder and print rows per sheet and unreadable values."""
    from .actions.summary import summarize_books
    from .console import load

    summary = summarize_books(load(args.dir, "读取台账"))
    if args.format == "table":
        print_summary(summary)
    return emit(summary, args.format, limit=args.limit)


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate the books; print, export or mark the problems; exit 1 when an 错误 is found."""
    from .actions.validate import mark_folder, validate_folder, write_problem_list

    with terminal_progress("校验台账") as progress:
        result = validate_folder(Path(args.dir), book=args.book, today=args.as_of, progress=progress)
    if args.format == "xlsx":
        path = write_problem_list(result.problems, Path(args.output or Path(args.dir) / "问题清单.xlsx"),
                                  Path(args.dir))
        out.print(f"问题清单已写入 {path}", markup=False)
        code = emit(result, "table", limit=0)  # the totals; the problems are in the workbook
    else:
        code = emit(result, args.format, limit=args.limit)
    if args.mark:
        for path, count in mark_folder(result).items():
            out.print(f"已标记 {path.name}：{count} 个单元格", markup=False)
    return code


def cmd_main(args: argparse.Namespace) -> int:
    """The main job on the embedded demo company: templates, demo books, read back, summary."""
    from .demo.pipeline.main_job import run_main_job

    with terminal_progress("主流程") as progress:
        result = run_main_job(Path(args.out), scale=args.scale, seed=args.seed, progress=progress)
    for line in result.log:
        out.print(line, markup=False, soft_wrap=True)
    print_summary(result.summary)
    emit(result.summary, limit=args.limit)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command (argparse's own words in Chinese)."""
    with chinese():
        return _build_parser()


def _build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="dealer-xl", description="经销商助手：台账校验、计算与报表",
                    epilog=exit_codes(), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"dealer-xl {__version__}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")

    p = sub.add_parser("init", help="创建空白台账：五本台账和可选的财务台账（带表格、下拉列表和参数表）",
                       epilog=exit_codes(code_1="（不使用）", code_2="未能运行：台账已存在（加 --overwrite 覆盖）或无法写入"))
    add_dir(p, help="目标文件夹（默认当前文件夹）")
    p.add_argument("--overwrite", action="store_true", help="以空白模板覆盖已存在的台账（先备份）")
    p.add_argument("--book", help="只创建这一本（如 财务台账：已有五本台账、开始使用财务台账时）")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help="生成演示公司的五个台账（含预置错误清单）", epilog=exit_codes(code_1="（不使用）"))
    add_dir(p, default="demo", legacy=("--dir",), help="输出文件夹（默认 demo）")
    p.add_argument("--scale", type=float, default=1.0, help="规模倍数（1 = 中型经销商；12 ≈ DESIGN §6 的大型经销商）")
    p.add_argument("--seed", type=int, default=2026, help="随机种子（相同种子生成相同台账）")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("summary", help="读取文件夹中的台账，汇总行数和无法读取的值",
                       epilog=exit_codes(code_1="完成，但有无法读取的值是错误"))
    add_dir(p)
    add_format(p)
    p.add_argument("--limit", type=int, default=20, help="最多列出多少个问题（默认 20）")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("validate", help="校验台账：逐单元格检查并说明原因（有错误时退出码为1）")
    add_dir(p)
    p.add_argument("--book", help="只报告这个台账的问题（如 销售台账 或 sales）；其他台账仍会读取以核对引用")
    add_format(p, xlsx=True, help="table 供阅读（默认）；json 供程序；xlsx 写出问题清单工作簿")
    p.add_argument("--output", help="xlsx 问题清单的路径（默认 DIR/问题清单.xlsx）")
    p.add_argument("--mark", action="store_true", help="在台账中给问题单元格填色并加批注（先备份；上次的标记会清除）")
    add_as_of(p, legacy=("--today",), help="按此日期校验（默认今天）")
    p.add_argument("--limit", type=int, default=200, help="表格输出最多列出多少个问题（默认 200）")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("main", help="主流程：在演示公司上运行全部功能（make demo）", epilog=exit_codes(code_1="（不使用）"))
    p.add_argument("--out", default="out", help="输出文件夹（默认 out）")
    p.add_argument("--scale", type=float, default=1.0, help="规模倍数（默认 1）")
    p.add_argument("--seed", type=int, default=2026, help="随机种子（默认 2026）")
    p.add_argument("--limit", type=int, default=15, help="最多列出多少个读取问题（默认 15）")
    p.set_defaults(func=cmd_main)

    from . import commands

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        importlib.import_module(f"{commands.__name__}.{info.name}").register(sub)
    return parser


def leave_to_exit() -> None:
    """At the end of the process, freeze what is left (:func:`gc.freeze`) before the interpreter's
    last garbage collection, registered once per process (by :func:`main`): the books a
    command read (hundreds of thousands of objects, tied in cycles through the Ledger's dated views)
    are then not walked once more and freed one by one just before the process ends (≈ 0.3–1 s at
    scale 12) — the system takes the memory back at once.

    Guarantees: nothing changes while the process runs — the hook runs with the other :mod:`atexit`
    hooks, after every command and its output, so a caller running commands in one process frees
    each command's books as before; streams are flushed and files closed by the interpreter as before
    (a command commits its writes itself; no object of this project relies on a finaliser).
    """
    if not _AT_EXIT:
        _AT_EXIT.append(True)
        atexit.register(gc.freeze)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code.

    A user error (:class:`~dealer_xl.problems.BookError` and its family) is one Chinese line and the
    exit code :func:`~dealer_xl.problems.exit_code` gives it; a bad command line exits 2 from argparse.
    """
    leave_to_exit()  # the process's last garbage collection does not walk the books read again
    parser = build_parser()
    with chinese():
        args = parser.parse_args(argv)
    try:
        settle(args)
        code = args.func(args)
    except BadOption as e:  # a command line that does not fit: one line, no 提示 about how it would have run
        err.print(f"错误：{e}", markup=False, soft_wrap=True)
        return exit_code(e)
    except BookError as e:
        hints(args.hints)
        err.print(f"错误：{e}", markup=False, soft_wrap=True)
        return exit_code(e)
    except ModuleNotFoundError as e:
        if e.name not in OPTIONAL:
            raise
        err.print(f"错误：此命令需要可选组件 {e.name}，请先安装：pip install \"dealer-xl[{OPTIONAL[e.name]}]\"",
                  markup=False, soft_wrap=True)
        return 2
    except KeyboardInterrupt:
        err.print("已中断")
        return 130
    hints(args.hints)  # after the command's own output: stdout stays what the command prints
    return code


if __name__ == "__main__":
    sys.exit(main())
