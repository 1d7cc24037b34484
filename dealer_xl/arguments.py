"""The command line's own words in Chinese, its one-line errors, and the argument types it shares.

:class:`Parser` is argparse with Chinese messages (usage, options, positional arguments, invalid
choice, required, unrecognised arguments …): a bad command line prints ONE Chinese line on stderr
and exits with the code of :class:`dealer_xl.problems.BadOption` (2), never a usage dump or a
traceback. :func:`iso_date` and :func:`month` are the argument types of every date and month option:
``2026-13-01``, ``2026/10/31`` and ``2026-11-31`` are refused with a Chinese reason.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from .problems import BadOption, exit_code
from .schema import labels

ZH = {
    "usage: ": "用法：",
    "options": "选项",
    "positional arguments": "位置参数",
    "show this help message and exit": "显示此帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多一个值",
    "expected at least one argument": "至少需要一个值",
    "invalid %(type)s value: %(value)r": "无效的%(type)s值：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的命令 %(parser_name)r（可选：%(choices)s）",
    "one of the arguments %s is required": "以下参数须给出其一：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "%(prog)s: error: %(message)s\n": "错误：%(message)s\n",
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def translate(text: str) -> str:
    """argparse's English message ``text`` in Chinese (unchanged when it has no translation)."""
    return ZH.get(text, text)


@contextmanager
def chinese() -> Iterator[None]:
    """argparse speaks Chinese inside this block (its messages are looked up when they are made)."""
    previous = argparse._
    argparse._ = translate
    try:
        yield
    finally:
        argparse._ = previous


class Parser(argparse.ArgumentParser):
    """argparse whose errors are one Chinese line and the exit code of a bad option, and whose
    sub-commands are :class:`Commands` (options before or after DIR, exit codes in the help)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.register("action", "parsers", Commands)

    def parse_known_intermixed_args(self, args=None, namespace=None):
        """argparse's, with the usage it captures for its messages made without a prefix: argparse cuts
        the first 7 characters (the length of English ``usage: ``) off ``format_usage()``, which, with
        the Chinese ``用法：``, cut the program's name to ``er-xl``."""
        if self.usage is not None:
            return super().parse_known_intermixed_args(args, namespace)
        formatter = self._get_formatter()
        formatter.add_usage(None, self._actions, self._mutually_exclusive_groups, "")
        self.usage = formatter.format_help().strip()
        try:
            return super().parse_known_intermixed_args(args, namespace)
        finally:
            self.usage = None

    def error(self, message: str):  # noqa: D401 - argparse's hook
        sys.stderr.write(f"错误：{translate(message)}（{self.prog} -h 查看用法）\n")
        sys.exit(exit_code(BadOption(message)))


def iso_date(text: str) -> date:
    """A date typed as YYYY-MM-DD that exists on the calendar."""
    if not _DATE.match(text.strip()):
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD（如 2026-10-31），收到「{text}」")
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"「{text}」不是有效日期（没有这一天）") from None


def month(text: str) -> str:
    """THE month of every command: ``YYYY-MM`` (``2026-1`` is read as ``2026-01``), returned as
    ``YYYY-MM``; anything else (``2026-13``, ``2026/10``, ``10月``) is refused with a Chinese reason."""
    from .domain.monthly import month_range

    try:
        first, _ = month_range(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"月份应为 YYYY-MM（如 2026-10），收到「{text}」") from None
    return f"{first:%Y-%m}"


iso_date.__name__ = labels.DATE
month.__name__ = labels.MONTH


# The one grammar of every command (issue #28): the books folder is the positional [DIR] (default
# "."), the date is --as-of, the month --month, the output --format table|json (and xlsx where the
# command writes one), and a command that changes a book previews unless --write is given. Options go
# before or after DIR (every command's own arguments are parsed intermixed). The spellings of earlier
# releases (--today, --date, --books, --dir, --apply, --format text) still work for one release: they
# leave a 提示 in ``args.hints``, which the CLI prints on stderr.

EXIT_CODES = {0: "完成", 1: "完成，但台账数据中有错误（已列出）",
              2: "未能运行：参数有误、台账或文件无法读取或写入（一行中文说明）", 130: "被 Ctrl+C 中断"}


def exit_codes(**meanings: str) -> str:
    """The ``退出码`` paragraph of a command's help: :data:`EXIT_CODES` with ``code_1="…"`` etc. changed."""
    codes = dict(EXIT_CODES)
    for key, text in meanings.items():
        codes[int(key.removeprefix("code_"))] = text
    return "退出码：\n" + "\n".join(f"  {code}  {text}" for code, text in sorted(codes.items()))


def _hint(namespace: argparse.Namespace, text: str) -> None:
    hints = list(getattr(namespace, "hints", None) or [])
    if text not in hints:
        hints.append(text)
    namespace.hints = hints


class Renamed(argparse.Action):
    """An option of an earlier release that still works: stores into the new option's ``dest`` and
    leaves a 提示 naming the new spelling."""

    def __init__(self, option_strings, dest, new: str = "", **kwargs):
        self.new = new
        super().__init__(option_strings, dest, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, True if self.nargs == 0 else values)
        _hint(namespace, f"{option_string} 已改为 {self.new}，旧写法下一版停用")


def add_dir(parser: argparse.ArgumentParser, *, default: str = ".", legacy: tuple[str, ...] = (),
            help: str | None = None) -> None:
    """The positional ``[DIR]``: the folder of the books (default: the current folder). ``legacy``:
    the options that named it before (``--dir``, ``--books``), kept for one release with a 提示."""
    text = help or ("台账所在文件夹（默认当前文件夹）" if default == "." else f"台账所在文件夹（默认 {default}）")
    parser.add_argument("dir", nargs="?", default=None, metavar="DIR", help=text)
    for option in legacy:
        parser.add_argument(option, dest="legacy_dir", action=Renamed, new="位置参数 DIR",
                            help=argparse.SUPPRESS)
    parser.set_defaults(dir_default=default, legacy_dir=None)


def add_as_of(parser: argparse.ArgumentParser, *, required: bool = False, help: str | None = None,
              legacy: tuple[str, ...] = ()) -> None:
    """``--as-of YYYY-MM-DD``: the date the books are seen as of (nothing dated after it exists).
    ``legacy``: earlier names of the option (``--today``, ``--date``), kept with a 提示."""
    parser.add_argument("--as-of", dest="as_of", type=iso_date, required=required, metavar="YYYY-MM-DD",
                        help=help or "截至日期（默认今天）：此日之后的记录一概不计")
    for option in legacy:
        parser.add_argument(option, dest="as_of", type=iso_date, action=Renamed, new="--as-of",
                            help=argparse.SUPPRESS)


def add_month(parser: argparse.ArgumentParser, *, required: bool = True, help: str | None = None) -> None:
    """``--month YYYY-MM`` (:func:`month`)."""
    parser.add_argument("--month", type=month, required=required, metavar="YYYY-MM", help=help or labels.MONTH)


class _Format(argparse.Action):
    def __call__(self, parser, namespace, values, option_string=None):
        if values == "text":
            _hint(namespace, "--format text 已改为 --format table，旧写法下一版停用")
            values = "table"
        setattr(namespace, self.dest, values)


def add_format(parser: argparse.ArgumentParser, *, xlsx: bool = False, help: str | None = None) -> None:
    """``--format table|json`` (``|xlsx`` where the command writes a workbook); ``text`` (an earlier
    name of ``table``) still works with a 提示."""
    choices = ("table", "json", "xlsx") if xlsx else ("table", "json")
    parser.add_argument("--format", choices=(*choices, "text"), default="table", action=_Format,
                        metavar="{" + ",".join(choices) + "}",
                        help=help or ("table 供阅读（默认）；json 供程序" + ("；xlsx 写出工作簿" if xlsx else "")))


def add_write(parser: argparse.ArgumentParser, what: str, *, writes_today: bool = False,
              legacy: tuple[str, ...] = ()) -> None:
    """``--write``: change the book (``what``); without it the command only previews.

    ``writes_today``: the command wrote without a flag in the previous release; for one release it
    still does (with a 提示 that ``--write`` will be required) and ``--dry-run`` previews.
    ``legacy``: earlier names of ``--write`` (``--apply``), kept with a 提示.
    """
    if writes_today:
        either = parser.add_mutually_exclusive_group()
        either.add_argument("--write", action="store_const", const=True, default=None,
                            help=f"写入{what}（先备份）。本版不加也写入（并提示），下一版起不加只预览")
        either.add_argument("--dry-run", dest="write", action="store_const", const=False,
                            help="只预览，不改动台账")
        parser.set_defaults(writes_today=True)
    else:
        parser.add_argument("--write", action="store_true", help=f"写入{what}（先备份）；不加此项只预览，不改动台账")
    for option in legacy:
        parser.add_argument(option, dest="write", action=Renamed, nargs=0, new="--write", help=argparse.SUPPRESS)


def settle(args: argparse.Namespace) -> argparse.Namespace:
    """Resolve what the grammar left open after parsing: DIR from its default or a legacy option, a
    write that still happens without ``--write`` (with its 提示). Adds ``args.hints`` (a list)."""
    hints = list(getattr(args, "hints", None) or [])
    if hasattr(args, "dir_default"):
        legacy = getattr(args, "legacy_dir", None)
        if args.dir is None:
            args.dir = legacy or args.dir_default
        elif legacy and legacy != args.dir:
            raise BadOption(f"台账文件夹给了两次：「{args.dir}」和「{legacy}」，请只写在命令后（位置参数 DIR）")
    if getattr(args, "writes_today", False) and args.write is None:
        args.write = True
        hints.append("本命令现在不加 --write 也会写入台账；下一版起须加 --write 才写入，不加只预览（--dry-run 现在就只预览）")
    args.hints = hints
    return args


class Commands(argparse._SubParsersAction):
    """The sub-commands action: a command's own arguments are parsed intermixed (options before or
    after the positionals: ``report daily --as-of D DIR`` = ``report daily DIR --as-of D``), and
    each command's help ends with its exit codes (:data:`EXIT_CODES` unless it gives its own)."""

    def add_parser(self, name, **kwargs):
        kwargs.setdefault("epilog", exit_codes())
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        kwargs.setdefault("description", kwargs.get("help"))
        return super().add_parser(name, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        name, arg_strings = values[0], values[1:]
        chosen = self._name_parser_map.get(name)
        if chosen is None or any(isinstance(a, argparse._SubParsersAction) for a in chosen._actions):
            return super().__call__(parser, namespace, values, option_string)
        if self.dest is not argparse.SUPPRESS:
            setattr(namespace, self.dest, name)
        subnamespace, extras = chosen.parse_known_intermixed_args(arg_strings, None)
        for key, value in vars(subnamespace).items():
            setattr(namespace, key, value)
        if extras:
            vars(namespace).setdefault(argparse._UNRECOGNIZED_ARGS_ATTR, [])
            getattr(namespace, argparse._UNRECOGNIZED_ARGS_ATTR).extend(extras)


def command_group(sub, name: str, help: str, dest: str):
    """The sub-commands of the group ``name`` (``sales``, ``receivables`` …): those of the group another
    command module already added, else of a new group — so two modules can add commands to one group."""
    parser = sub.choices.get(name)
    if parser is None:
        return sub.add_parser(name, help=help).add_subparsers(dest=dest, required=True, metavar="子命令")
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
