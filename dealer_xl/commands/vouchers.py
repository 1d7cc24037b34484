"""``dealer-xl vouchers [DIR] --month M --format kingdee|yonyou|json [--out DIR]`` — 记账凭证.

A few lines over :func:`dealer_xl.actions.finance.vouchers.write_vouchers`: ``kingdee`` writes the
金蝶 KIS/K3 import workbook (.xls), ``yonyou`` the 用友 T3/U8 import text file, each into 报表/ (or
``--out``) and prints the vouchers' summary; ``json`` prints ``[{voucher_no, date, summary, lines:
[{account_code, account_name, debit_fen, credit_fen}]}]`` and writes nothing; ``table`` (the one
grammar's default) prints the summary and writes nothing. Exit codes: 0 done; 1
done, but an 错误 in the books left some documents out (or a voucher did not balance and was
refused — both listed); 2 could not run.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..arguments import add_dir, add_month, exit_codes


def cmd_vouchers(args: argparse.Namespace) -> int:
    """Write (or print) the month's vouchers."""
    from ..actions.finance.vouchers import write_vouchers
    from ..console import emit, load

    result = write_vouchers(load(args.dir, "记账凭证"), args.month, args.format, Path(args.out) if args.out else None)
    return emit(result, "json" if args.format == "json" else "table")


def register(sub) -> None:
    """Add ``vouchers`` to the CLI."""
    p = sub.add_parser("vouchers", help="记账凭证：按业务类别每月一张，写出金蝶（.xls）或用友（.txt）凭证引入文件",
                       epilog=exit_codes(code_1="完成，但台账中的错误使部分单据未入凭证，或有凭证借贷不平被拒绝（已列出）"))
    add_dir(p)
    add_month(p, help="凭证月份（凭证日期为该月最后一天）")
    p.add_argument("--format", default="table", choices=("table", "json", "kingdee", "yonyou"),
                   help="table 只列出凭证（默认，不写文件）；json 输出到屏幕；kingdee 写出金蝶 KIS/K3 标准凭证引入文件（.xls）；"
                        "yonyou 写出用友 T3/U8 总账工具凭证引入文件（.txt，GBK）")
    p.add_argument("--out", metavar="DIR", help="文件写到此文件夹（默认 台账文件夹/报表）")
    p.set_defaults(func=cmd_vouchers)
