"""The seller's (our company's) details printed on contracts and demand letters.

Source: the ``SELLER_*`` rows of the 参数 sheet of 主数据.xlsx (written empty, with 说明, by
``init``; filled by finance). There is no built-in company: an empty or invalid row is never
replaced by a placeholder. Guarantees: :func:`seller_gaps` names every 参数 row that keeps a
document from being signed (name, credit code with its GB 32100 check, address, account);
:func:`require_seller` turns them into one Chinese line (:class:`SellerIncomplete`, exit 2) unless a
draft is asked for, whose pages then carry :data:`DRAFT_MARK`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields

from dealer_xl import resources
from dealer_xl.domain.identifiers import uscc_problem
from dealer_xl.io.params import read_params
from dealer_xl.io.table import BookData
from dealer_xl.problems import BookError

TEMPLATES = resources.folder("templates")
DRAFT_MARK = "样稿　出卖人信息未填全，不得签署、不得对外送达"
BLANK = "＿＿＿＿＿＿"
_ACCOUNT = re.compile(r"^\d{8,30}$")


class SellerIncomplete(BookError):
    """The seller's 参数 rows are empty or invalid: no signed document can be produced."""


@dataclass(frozen=True, slots=True)
class Seller:
    """出卖人信息 (参数 ``SELLER_<FIELD>``).

    Attributes:
        name: 公司名称.
        uscc: 统一社会信用代码.
        legal_rep: 法定代表人.
        address: 住所/送达地址.
        phone: 联系电话.
        bank: 开户银行.
        account_name: 账户名称 (the company name when empty).
        account: 银行账号.
        place: 合同签订地点.
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
    place: str = ""
    court: str = ""


def seller_from_params(params: Mapping[str, object]) -> Seller:
    """The seller from typed 参数 values (keys ``SELLER_NAME`` …, any case)."""
    lowered = {str(k).lower(): v for k, v in params.items()}
    values = {f.name: str(lowered.get(f"seller_{f.name}") or "").strip() for f in fields(Seller)}
    values["account"] = values["account"].replace(" ", "")
    values["account_name"] = values["account_name"] or values["name"]
    return Seller(**values)


def load_seller(master: BookData | None) -> Seller:
    """The seller from the 参数 sheet of 主数据 (all empty without one)."""
    return seller_from_params(read_params(master)[0] if master is not None else {})


def seller_gaps(seller: Seller) -> list[str]:
    """The 参数 rows to fill or correct before a document may be signed, each with its reason."""
    gaps = [] if seller.name else ["SELLER_NAME（出卖人名称未填）"]
    if not seller.uscc:
        gaps.append("SELLER_USCC（统一社会信用代码未填）")
    elif problem := uscc_problem(seller.uscc):
        gaps.append(f"SELLER_USCC（{problem}）")
    if not seller.address:
        gaps.append("SELLER_ADDRESS（住所及送达地址未填）")
    if not seller.account:
        gaps.append("SELLER_ACCOUNT（银行账号未填）")
    elif not _ACCOUNT.match(seller.account):
        gaps.append("SELLER_ACCOUNT（银行账号应为8至30位数字）")
    return gaps


def require_seller(seller: Seller, *, draft: bool) -> str:
    """'' when the seller is complete; :data:`DRAFT_MARK` for a draft; else raises SellerIncomplete."""
    gaps = seller_gaps(seller)
    if not gaps:
        return ""
    if draft:
        return DRAFT_MARK
    raise SellerIncomplete("出卖人信息不全，未生成文书：请在 主数据.xlsx / 参数 中填写 " + "、".join(gaps)
                           + "；或加 --draft 生成带「样稿」标记的文书")


def printable(seller: Seller) -> Seller:
    """``seller`` with every empty item shown as a blank line to fill in by hand (drafts)."""
    return Seller(**{f.name: getattr(seller, f.name) or BLANK for f in fields(Seller)})
