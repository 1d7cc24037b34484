"""The voucher files 金蝶 and 用友 import, in their published layouts (docs/财务.md names the versions).

- 金蝶 KIS 专业版 / K/3 WISE「标准凭证引入」: an Excel 97-2003 workbook (.xls), one sheet, header row 1
  with the 37 columns of :data:`KINGDEE_HEADERS` in that order, one row per 分录; dates as text
  ``YYYY-MM-DD``, 币别 RMB/人民币, 汇率类型 公司汇率, 汇率 1, 核算项目 ``类别---代码---名称``, unused user
  fields ``NONE``, 结算方式 and 数量单位 ``*``.
- 用友 T3 / U8「总账工具 → 凭证引入」: a text file in GBK with CRLF line ends, first line
  ``填制凭证,V800``, then one comma-separated line per 分录 with the fields of :data:`YONYOU_FIELDS` in
  that order; amounts with two decimals, the side without an amount ``0``.

Guarantees: a file holds only balanced vouchers (callers refuse the others); text is cleaned of the
field separator (``,`` → ``，``) and line breaks; a character GBK cannot hold is replaced by ``?`` and
reported; files are written atomically (temporary file, then rename).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import xlwt

from ...domain.vouchers import Voucher
from ...io.backups import temporary_name
from ...schema.voucher_layouts import (
    KINGDEE_HEADERS,
    KINGDEE_MONEY,
    KINGDEE_SHEET,
    KINGDEE_WIDE,
    YONYOU_AUX,
    YONYOU_FIELDS,
    YONYOU_FIRST_LINE,
)

NONE = "NONE"


def kingdee_rows(vouchers: Sequence[Voucher], word: str, preparer: str) -> list[list]:
    """The data rows of the 金蝶 sheet (row 2 on), one per 分录."""
    rows = []
    for vo in vouchers:
        day = vo.day.isoformat()
        for k, line in enumerate(vo.lines):
            aux = f"{line.aux}---{_clean(line.party.code)}---{_clean(line.party.name)}" if line.aux else ""
            rows.append([day, vo.day.year, vo.day.month, word, vo.number, line.code, line.name, "RMB", "人民币",
                         float(line.debit + line.credit), float(line.debit), float(line.credit), preparer or NONE, NONE,
                         NONE, NONE, "", "*", "", _clean(vo.summary), 0, "*", 0, "", day, "", 0, vo.number, "", "",
                         "公司汇率", 1, k, aux, 0, "", ""])
    return rows


def write_kingdee(path: Path, vouchers: Sequence[Voucher], word: str, preparer: str) -> Path:
    """The 金蝶 .xls (see the module docstring)."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet(KINGDEE_SHEET)
    money = xlwt.easyxf(num_format_str="0.00")
    for col, header in enumerate(KINGDEE_HEADERS):
        sheet.write(0, col, header)
        sheet.col(col).width = 256 * (24 if header in KINGDEE_WIDE else 12)
    for r, values in enumerate(kingdee_rows(vouchers, word, preparer), 1):
        for col, value in enumerate(values):
            if KINGDEE_HEADERS[col] in KINGDEE_MONEY:
                sheet.write(r, col, value, money)
            else:
                sheet.write(r, col, value)
    return _atomically(path, book.save)


def yonyou_lines(vouchers: Sequence[Voucher], word: str, preparer: str) -> list[str]:
    """The lines of the 用友 text file, the first line included."""
    lines = [YONYOU_FIRST_LINE]
    for vo in vouchers:
        for line in vo.lines:
            fields = dict.fromkeys(YONYOU_FIELDS, "")
            fields.update({"制单日期": vo.day.isoformat(), "凭证类别字": word, "凭证号": str(vo.number), "附单据数": "0",
                           "摘要": _clean(vo.summary), "科目编码": line.code, "借方金额": _amount(line.debit),
                           "贷方金额": _amount(line.credit), "制单人": _clean(preparer)})
            if line.aux in YONYOU_AUX:
                fields[YONYOU_AUX[line.aux]] = _clean(line.party.code)
            lines.append(",".join(fields[name] for name in YONYOU_FIELDS))
    return lines


def write_yonyou(path: Path, vouchers: Sequence[Voucher], word: str, preparer: str) -> tuple[Path, list[str]]:
    """The 用友 text file (see the module docstring); returns the path and the characters GBK lacked."""
    text = "\r\n".join(yonyou_lines(vouchers, word, preparer)) + "\r\n"
    lost = sorted({ch for ch in text if not _gbk(ch)})
    data = text.encode("gbk", errors="replace")
    return _atomically(path, lambda target: Path(target).write_bytes(data)), lost


def _gbk(ch: str) -> bool:
    try:
        ch.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


def _amount(value: Decimal) -> str:
    return f"{value:.2f}" if value else "0"


def _clean(text: str) -> str:
    return str(text or "").replace(",", "，").replace("\r", " ").replace("\n", " ")


def _atomically(path: Path, save) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_name(path)
    try:
        save(str(tmp))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
