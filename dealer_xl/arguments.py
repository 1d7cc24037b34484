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
    """argparse whose errors are one Chinese line and the exit code of a bad option."""

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
    """A month typed as YYYY-MM (01–12), returned as typed."""
    found = _MONTH.match(text.strip())
    if not found or not 1 <= int(found.group(2)) <= 12:
        raise argparse.ArgumentTypeError(f"月份应为 YYYY-MM（如 2026-10），收到「{text}」")
    return text.strip()


iso_date.__name__ = labels.DATE
month.__name__ = labels.MONTH


# The one grammar of every command (issue #28): the books folder is the positional [DIR] (default
# "."), the date is --as-of, the month --month, the output --format table|json (and xlsx where the
# command writes one), and a command that changes a book previews unless --write is given.

def add_dir(parser: argparse.ArgumentParser) -> None:
    """The positional ``[DIR]``: the folder of the books (default: the current folder)."""
    parser.add_argument("dir", nargs="?", default=".", help="台账所在文件夹（默认当前文件夹）")


def add_as_of(parser: argparse.ArgumentParser, *, required: bool = False, help: str | None = None) -> None:
    """``--as-of YYYY-MM-DD``: the date the books are seen as of (nothing dated after it exists)."""
    parser.add_argument("--as-of", dest="as_of", type=iso_date, required=required,
                        help=help or "截至日期（YYYY-MM-DD，默认今天）：此日之后的记录一概不计")


def add_month(parser: argparse.ArgumentParser, *, required: bool = True, help: str | None = None) -> None:
    """``--month YYYY-MM``."""
    parser.add_argument("--month", type=month, required=required, help=help or "月份（YYYY-MM）")


def add_format(parser: argparse.ArgumentParser, *, xlsx: bool = False) -> None:
    """``--format table|json`` (``|xlsx`` where the command writes a workbook)."""
    choices = ("table", "json", "xlsx") if xlsx else ("table", "json")
    parser.add_argument("--format", choices=choices, default="table",
                        help="table 供阅读；json 供程序" + ("；xlsx 写出工作簿" if xlsx else ""))


def add_write(parser: argparse.ArgumentParser, what: str) -> None:
    """``--write``: change the book (``what``); without it the command only previews."""
    parser.add_argument("--write", action="store_true", help=f"写入{what}（先备份）；不加此项只预览，不改动台账")
