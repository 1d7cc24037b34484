"""``dealer-xl addin build|install`` and ``dealer-xl action [TAG] [DIR]`` — the Excel front end's CLI.

``addin build`` writes ``dist/dealer_xl.xlam`` on any OS; ``addin install`` builds it for this
Python (or takes ``--file``, the bundle's prebuilt one) and copies it into Excel's XLSTART on
Windows/macOS, verifying the copy (on Linux, or when the copy did not land, it says why: exit 2).
``action`` runs on the files exactly what a ribbon button runs in Excel (the same allowlist);
without a TAG it lists them. Exit codes: 0 done; 1 done but 错误 found in the data; 2 could not
run (unknown tag, bad book, no Excel here) — one Chinese line via :mod:`dealer_xl.cli`.
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import date
from pathlib import Path

from ..arguments import add_as_of, add_dir, add_format, exit_codes


def _rows(text: str) -> frozenset[int]:
    """``5,7-9`` → {5, 7, 8, 9}."""
    rows: set[int] = set()
    try:
        for part in text.split(","):
            first, _, last = part.strip().partition("-")
            rows.update(range(int(first), int(last or first) + 1))
    except ValueError:
        raise argparse.ArgumentTypeError(f"行号应为 5 或 5,7-9 这样的形式，收到「{text}」") from None
    return frozenset(rows)


def cmd_build(args: argparse.Namespace) -> int:
    """Build the add-in file."""
    from ..console import out
    from ..excel.addin import AddinSettings, build_addin

    settings = AddinSettings(interpreter_win=args.interpreter or "", interpreter_mac=args.interpreter or "")
    path = build_addin(Path(args.out), settings)
    out.print(f"已生成加载项 {path}（{path.stat().st_size // 1024} KB）", markup=False)
    return 0


def cmd_install(args: argparse.Namespace) -> int:
    """Build the add-in for this Python, remember the books folder, install it into Excel."""
    from ..console import out
    from ..excel import config
    from ..excel.addin import (
        ADDIN_NAME,
        AddinSettings,
        build_addin,
        default_interpreter,
        install_addin,
        require_excel,
    )
    from ..problems import BookError

    require_excel()
    if args.file:
        if not Path(args.file).is_file():
            raise BookError(f"找不到加载项文件 {args.file}")
        message = install_addin(Path(args.file))
    else:
        with tempfile.TemporaryDirectory(prefix="dealer_xl-") as tmp:
            interpreter = args.interpreter or default_interpreter()
            path = build_addin(Path(tmp) / ADDIN_NAME, AddinSettings(interpreter, interpreter))
            message = install_addin(path)
    if args.dir:
        out.print(f"台账文件夹已记录在 {config.save_books_dir(Path(args.dir), config.config_path())}",
                  markup=False)
    out.print(message, markup=False)
    return 0


def cmd_action(args: argparse.Namespace) -> int:
    """Run one ribbon action on the books in a folder, or list the actions."""
    from ..actions.book import FileBooks
    from ..actions.registry import ACTIONS, run
    from ..actions.validate import resolve_book
    from ..console import out
    from ..problems import BookError
    from ..progress import terminal_progress

    if args.tag is None:
        for tag, action in ACTIONS.items():
            out.print(f"{tag:<20} [{action.group}] {action.label}：{action.description}", markup=False,
                      soft_wrap=True)
        return 0
    active = resolve_book(args.book).key if args.book else None
    selected = None
    if args.rows:
        if not (args.book and args.sheet):
            raise BookError("--rows 需要同时给出 --book 和 --sheet（如 --book 应收款台账 --sheet 分期合同 --rows 5）")
        sheet = next((s.key for s in resolve_book(args.book).sheets if args.sheet in (s.key, s.name)), args.sheet)
        selected = (sheet, args.rows)
    with terminal_progress("运行操作") as progress:
        books = FileBooks(Path(args.dir), active, selected, args.as_of or date.today(), progress)
        result = run(args.tag, books)
    if args.format == "json":
        from ..jsonout import dumps

        print(dumps([{"tag": args.tag, "message": result.message, "outputs": [str(p) for p in result.outputs],
                      "errors": result.errors}]))
    else:
        out.print(result.message, markup=False, soft_wrap=True)
    return 1 if result.errors else 0


def register(sub) -> None:
    """Add ``addin build|install`` and ``action`` to the CLI."""
    group = sub.add_parser("addin", help="Excel 加载项：生成 dealer_xl.xlam，或安装到本机 Excel")
    commands = group.add_subparsers(dest="addin_command", required=True, metavar="子命令")
    p = commands.add_parser("build", help="生成加载项文件（任何系统均可）", epilog=exit_codes(code_1="（不使用）"))
    p.add_argument("--out", default="dist/dealer_xl.xlam", help="输出路径（默认 dist/dealer_xl.xlam）")
    p.add_argument("--interpreter", help="Excel 启动的 Python（默认：系统 PATH 中的 python）")
    p.set_defaults(func=cmd_build)
    p = commands.add_parser("install", help="为当前 Python 生成并安装加载项（需要 Windows 或 macOS 上的 Excel）",
                            epilog=exit_codes(code_1="（不使用）", code_2="未能安装：本机没有 Excel，或复制到 XLSTART 未成功（说明原因）"))
    add_dir(p, default="", legacy=("--books",), help="台账所在文件夹（记录一次，之后每次点击都从这里读取未打开的台账）")
    p.add_argument("--interpreter", help="Excel 启动的 Python（默认：运行本命令的 Python）")
    p.add_argument("--file", help="安装这个已生成的加载项（离线安装包中的 dealer_xl.xlam），不重新生成")
    p.set_defaults(func=cmd_install)

    p = sub.add_parser("action", help="在台账文件上运行功能区按钮的操作（不带 TAG 时列出全部操作）")
    p.add_argument("tag", nargs="?", help="操作名，如 validate_book")
    add_dir(p)
    p.add_argument("--book", help="当作“当前工作簿”的台账（如 销售台账）")
    p.add_argument("--sheet", help="选中行所在的工作表（如 分期合同）")
    p.add_argument("--rows", type=_rows, help="选中的 Excel 行号，如 5 或 5,7-9")
    add_as_of(p, legacy=("--today",), help="按此日期运行（默认今天）")
    add_format(p)
    p.set_defaults(func=cmd_action)
