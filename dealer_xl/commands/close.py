"""``dealer-xl close [DIR] --month YYYY-MM [--reason] [--force]`` and ``--reopen YYYY-MM`` — month end.

A few lines over :mod:`dealer_xl.actions.close.closing`. Exit codes: 0 closed, reopened or already closed;
1 the close was stopped by 错误 in the books (listed); 2 could not run (bad month, a book open in
Excel, a reopen of a month that is not the latest closed — one Chinese line).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .receivables import _month


def cmd_close(args: argparse.Namespace) -> int:
    """Close a month (or reopen the latest closed month)."""
    from ..actions.close.closing import close_month, reopen_month
    from ..console import out, print_problems
    from ..problems import BookError

    if bool(args.month) == bool(args.reopen):
        raise BookError("请给出 --month YYYY-MM（结账）或 --reopen YYYY-MM（反结账）之一")
    if args.reopen:
        result = reopen_month(Path(args.dir), args.reopen, reason=args.reason or "")
    else:
        result = close_month(Path(args.dir), args.month, force=args.force, reason=args.reason or "")
    if args.format == "json":
        print(json.dumps([{"month": result.month, "status": result.status,
                           "archive": str(result.archive or ""), "lines": result.lines,
                           "problems": [p.as_dict() for p in result.problems]}], ensure_ascii=False, indent=1))
    else:
        for line in result.lines:
            out.print(line, markup=False, soft_wrap=True)
        if result.problems:
            print_problems(result.problems, args.limit)
    return 1 if result.status == "blocked" else 0


def register(sub) -> None:
    """Add ``close`` to the CLI."""
    p = sub.add_parser("close", help="月末结账：校验、跑当月各项、归档到 归档/YYYY-MM 并锁定该月（--reopen 反结账）")
    p.add_argument("dir", nargs="?", default=".", help="台账所在文件夹（默认当前文件夹）")
    p.add_argument("--month", type=_month, help="结账月份 YYYY-MM")
    p.add_argument("--reopen", type=_month, help="反结账：只能是最近结账的月份 YYYY-MM（须写 --reason）")
    p.add_argument("--reason", help="原因（强制结账、反结账时必填；记入结账记录）")
    p.add_argument("--force", action="store_true", help="有错误也结账（须写 --reason）")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--limit", type=int, default=30, help="最多列出多少个错误")
    p.set_defaults(func=cmd_close)
