"""The seller's (our company's) details printed on contracts and demand letters.

Source, per item: the 参数 sheet of 主数据.xlsx when it has a row whose key is ``SELLER_<ITEM>``
(e.g. ``SELLER_ACCOUNT``) with a value, otherwise ``templates/seller.toml`` (committed, edited by
finance). Guarantees: every item is a string ('' when neither source has it); the 参数 sheet always
wins, so finance can change the bank account without touching files.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from dealer_xl import resources
from dealer_xl.io.table import BookData

TEMPLATES = resources.folder("templates")
SELLER_FILE = TEMPLATES / "seller.toml"


@dataclass(frozen=True, slots=True)
class Seller:
    """出卖人信息.

    Attributes:
        name: 公司名称.
        uscc: 统一社会信用代码.
        legal_rep: 法定代表人.
        address: 住所/送达地址.
        phone: 联系电话.
        bank: 开户银行.
        account_name: 账户名称.
        account: 银行账号.
        court: 争议管辖法院 (合同争议解决条款).
    """

    name: str = ""
    uscc: str = ""
    legal_rep: str = ""
    address: str = ""
    phone: str = ""
    bank: str = ""
    account_name: str = ""
    account: str = ""
    court: str = ""


def load_seller(master: BookData | None, default_file: Path = SELLER_FILE) -> Seller:
    """The seller's details: 参数 rows ``SELLER_*`` over the committed ``seller.toml``."""
    values: dict[str, str] = {}
    if default_file.is_file():
        with default_file.open("rb") as f:
            values = {k: str(v) for k, v in tomllib.load(f).items()}
    table = master.tables.get("params") if master is not None else None
    names = {f.name for f in fields(Seller)}
    for row in table.rows if table is not None else ():
        key, value = str(row.get("key") or "").lower(), row.get("value")
        if key.startswith("seller_") and key[7:] in names and value not in (None, ""):
            values[key[7:]] = str(value).strip()
    return Seller(**{k: v for k, v in values.items() if k in names})
