"""``dealer-xl close [DIR] --month YYYY-MM [--reason] [--force]`` and ``--reopen YYYY-MM`` — month end.

A few lines over :mod:`dealer_xl.actions.close.closing`, printed by the one adapter
:func:`dealer_xl.console.emit`. The close writes without ``--write`` (it is the point of the command).
Exit codes: 0 closed, reopened or already closed; 1 the close was stopped by 错误 in the books
(listed); 2 could not run (bad month, a book open in Excel, a reopen of a month that is not the latest
closed — one Chinese line).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..arguments import add_dir, add_format, add_month, exit_codes, month


def cmd_close(args: argparse.Namespace) -> int:
    """Close a month (or reopen the latest closed month)."""
    from ..actions.close.closing import close_month, reopen_month
    from ..console import emit
    from ..problems import BookError

    if bool(args.month) == bool(args.reopen):
        raise BookError("请给出 --month YYYY-MM（结账）或 --reopen YYYY-MM（反结账）之一")
    if args.reopen:
        result = reopen_month(Path(args.dir), args.reopen, reason=args.reason or "")
    else:
        result = close_month(Path(args.dir), args.month, force=args.force, reason=args.reason or "")
    emit(result, args.format, limit=args.limit)
    return 1 if result.status == "blocked" else 0


def register(sub) -> None:
    """Add ``close`` to the CLI."""
    p = sub.add_parser("close", help="月末结账：校验、跑当月各项、归档到 归档/YYYY-MM 并锁定该月（--reopen 反结账）",
                       epilog=exit_codes(code_0="已结账、已反结账或该月早已结账",
                                         code_1="台账中有错误，未结账（已列出；确需结账用 --force --reason）"))
    add_dir(p)
    add_month(p, required=False, help="结账月份")
    p.add_argument("--reopen", type=month, metavar="YYYY-MM", help="反结账：只能是最近结账的月份（须写 --reason）")
    p.add_argument("--reason", help="原因（强制结账、反结账时必填；记入结账记录）")
    p.add_argument("--force", action="store_true", help="有错误也结账（须写 --reason）")
    add_format(p)
    p.add_argument("--limit", type=int, default=30, help="最多列出多少个错误（默认 30）")
    p.set_defaults(func=cmd_close)
