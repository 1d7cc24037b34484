"""The parties of a complaint as the court's model form lists them (当事人信息), and its tick boxes.

Guarantees: the plaintiff is the seller from 参数 SELLER_* only (never a placeholder name: the
complaint refuses an incomplete seller before this is called); a natural-person defendant's 性别 and
出生日期 are read from the 18-digit resident ID (GB 11643: positions 7–14 the birth date, position 17
odd for men) and left blank when the ID does not carry them; what the books do not know (民族, 工作单位,
a company defendant's 法定代表人) is a blank line to be filled in by hand, never a guess. Every value is
text from the books, rendered escaped by :mod:`.rendering`.
"""

from __future__ import annotations

from datetime import date

from .rendering import cn_date
from .seller import BLANK, Seller

TICK, BOX = "☑", "□"
COMPANY_TYPES = ("有限责任公司", "股份有限公司", "其他企业法人", "个人独资企业", "合伙企业", "其他")


def boxes(options: tuple[str, ...], chosen: str | None) -> str:
    """``有限责任公司☑ 股份有限公司□ …`` with ``chosen`` ticked (none ticked when None)."""
    return " ".join(f"{o}{TICK if o == chosen else BOX}" for o in options)


def yes_no(value: bool, yes: str = "是", no: str = "否") -> str:
    """是☑ 否□ / 是□ 否☑."""
    return f"{yes}{TICK if value else BOX} {no}{BOX if value else TICK}"


def company_type(name: str) -> str | None:
    """The form's 类型 a company name shows (股份有限公司 / 有限责任公司), None when it shows none."""
    if name.endswith("股份有限公司"):
        return "股份有限公司"
    if name.endswith(("有限责任公司", "有限公司")):
        return "有限责任公司"
    return None


def plaintiff_text(seller: Seller) -> str:
    """原告（法人）: the seller's block."""
    return "\n".join((
        f"名称：{seller.name}",
        f"住所地（主要办事机构所在地）：{seller.address}",
        "注册地 / 登记地：同上",
        f"法定代表人 / 主要负责人：{seller.legal_rep}　职务：法定代表人",
        f"联系电话：{seller.phone}",
        f"统一社会信用代码：{seller.uscc}",
        f"类型：{boxes(COMPANY_TYPES, company_type(seller.name))}"))


def id_facts(id_number: str) -> tuple[str | None, date | None]:
    """(性别, 出生日期) read from an 18-digit resident ID; (None, None) when it carries neither."""
    text = id_number.strip().upper()
    if len(text) != 18 or not text[:17].isdigit():
        return None, None
    try:
        born = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return None, None
    return ("男" if int(text[16]) % 2 else "女"), born


def defendant_text(party: dict[str, str]) -> str:
    """被告 (自然人 or 法人): the block of a 客户 row as :func:`~.sources.party` gives it."""
    if party["kind"] == "企业":
        return "\n".join((
            f"名称：{party['name']}",
            f"住所地（主要办事机构所在地）：{party['address']}",
            "注册地 / 登记地：同上",
            f"法定代表人 / 主要负责人：{BLANK}　职务：{BLANK}",
            f"联系电话：{party['phone']}",
            f"统一社会信用代码：{party['id_number']}",
            f"类型：{boxes(COMPANY_TYPES, company_type(party['name']))}"))
    sex, born = id_facts(party["id_number"])
    return "\n".join((
        f"姓名：{party['name']}",
        f"性别：{'男' + (TICK if sex == '男' else BOX)} {'女' + (TICK if sex == '女' else BOX)}",
        f"出生日期：{cn_date(born) if born else BLANK}　民族：{BLANK}",
        f"工作单位：{BLANK}　职务：{BLANK}",
        f"联系电话：{party['phone']}",
        f"住所地（户籍所在地）：{party['address']}",
        "经常居住地：同上",
        f"证件类型：居民身份证　证件号码：{party['id_number']}"))
