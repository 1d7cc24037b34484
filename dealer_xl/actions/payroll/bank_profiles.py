"""Bank profiles of the batch-payroll upload file (代发工资): the built-in ones of
:data:`dealer_xl.schema.payroll_files.BANK_PROFILES`, overridden by ``代发工资.toml`` beside the books.

``代发工资.toml`` (every key optional)::

    bank = "icbc"                  # the bank used when the command names none
    purpose = "工资"               # 用途 on every profile
    columns = [{field = "account", header = "账号"}, …]   # the generic profile's columns (as before)
    [icbc]                         # one table per bank: any key of a profile
    format = "xlsx"                # or "csv"
    encoding = "gbk"               # csv only: "gbk" or "utf-8-sig"
    sheet = "Sheet1"
    date_format = "%Y%m%d"
    amount = "text"                # "text" (1234.50 as text) or "number" (a number shown 0.00)
    title_rows = [["总笔数", "{count}", "总金额", "{total}"]]   # rows above the header
    columns = [{field = "account", header = "收款账号"}, …]
    values = {bank = "中国工商银行", province = "河南省", city = "郑州市"}

Guarantees: an unknown bank, field, format, encoding or amount style is refused with one Chinese
line naming the file and the key (BookError, exit 2), never guessed; a profile always has the
收款账号 and 金额 columns.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ...problems import BookError
from ...schema import labels as L
from ...schema.payroll_files import BANK_FIELD_LABELS, BANK_PROFILES

FORMATS, ENCODINGS, AMOUNTS = ("xlsx", "csv"), ("gbk", "utf-8-sig"), ("text", "number")


@dataclass(frozen=True)
class BankProfile:
    """How one bank wants the file.

    Attributes:
        key: icbc, ccb, abc, boc, psbc or generic. label: the bank and its 网银 function. source: what
        the layout follows. format: xlsx or csv. encoding: csv's. sheet: xlsx's sheet name.
        date_format: strftime of the 日期 column. amount: text or number. columns: (field, header).
        values: fixed values by field (用途, 收款行 …). title_rows: rows above the header.
    """

    key: str
    label: str
    source: str
    format: str
    columns: tuple[tuple[str, str], ...]
    encoding: str = "utf-8-sig"
    sheet: str = "Sheet1"
    date_format: str = "%Y%m%d"
    amount: str = "text"
    values: dict[str, str] = field(default_factory=dict)
    title_rows: tuple[tuple[str, ...], ...] = ()

    @property
    def suffix(self) -> str:
        return f".{self.format}"


def read_config(books_dir: Path) -> dict:
    """``代发工资.toml`` beside the books as a dict ({} when there is none)."""
    path = books_dir / L.BANK_CONFIG
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise BookError(f"{L.BANK_CONFIG} 无法读取：{e}") from None


def profile(bank: str | None, books_dir: Path) -> BankProfile:
    """The profile of ``bank`` (None: the config's ``bank``, else generic) with the config applied."""
    doc = read_config(books_dir)
    key = (bank or str(doc.get("bank") or "generic")).lower()
    if key not in BANK_PROFILES:
        raise BookError(f"{L.BANK_CONFIG}：未知银行 {key!r}（可用：{'、'.join(BANK_PROFILES)}）")
    merged = {k: v for k, v in BANK_PROFILES[key].items()}
    if key == "generic" and "columns" in doc:
        merged["columns"] = _columns(doc["columns"], "columns")
    override = doc.get(key, {})
    if not isinstance(override, dict):
        raise BookError(f"{L.BANK_CONFIG}：[{key}] 应为一个表")
    for name, value in override.items():
        if name == "columns":
            merged["columns"] = _columns(value, f"{key}.columns")
        elif name == "values":
            merged["values"] = {**merged.get("values", {}), **{str(k): str(v) for k, v in value.items()}}
        elif name == "title_rows":
            merged["title_rows"] = tuple(tuple(str(c) for c in row) for row in value)
        elif name in ("format", "encoding", "sheet", "date_format", "amount"):
            merged[name] = str(value)
        else:
            raise BookError(f"{L.BANK_CONFIG}：[{key}] 中有未知设置 {name!r}")
    if "purpose" in doc:
        merged["values"] = {**merged.get("values", {}), "purpose": str(doc["purpose"])}
    _check(key, merged)
    return BankProfile(key, merged["label"], merged["source"], merged["format"], tuple(merged["columns"]),
                       merged.get("encoding", "utf-8-sig"), merged.get("sheet", "Sheet1"),
                       merged.get("date_format", "%Y%m%d"), merged.get("amount", "text"),
                       dict(merged.get("values", {})), tuple(merged.get("title_rows", ())))


def _columns(items: object, where: str) -> list[tuple[str, str]]:
    if not isinstance(items, list):
        raise BookError(f"{L.BANK_CONFIG}：{where} 应为列表")
    out = []
    for item in items:
        name = item.get("field") if isinstance(item, dict) else None
        if name not in BANK_FIELD_LABELS:
            raise BookError(f"{L.BANK_CONFIG}：{where} 中未知字段 {name!r}（可用：{' '.join(BANK_FIELD_LABELS)}）")
        out.append((name, str(item.get("header") or BANK_FIELD_LABELS[name])))
    return out


def _check(key: str, p: dict) -> None:
    for name, allowed in (("format", FORMATS), ("encoding", ENCODINGS), ("amount", AMOUNTS)):
        if name in p and p[name] not in allowed:
            raise BookError(f"{L.BANK_CONFIG}：[{key}] {name} 应为 {' 或 '.join(allowed)}，收到 {p[name]!r}")
    fields = [f for f, _ in p["columns"]]
    if "account" not in fields or "amount" not in fields:
        raise BookError(f"{L.BANK_CONFIG}：[{key}] columns 至少要有 account（账号）和 amount（金额）")


__all__ = ["BankProfile", "profile", "read_config"]
