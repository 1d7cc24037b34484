"""Synthetic people and organisations: names, resident IDs, credit codes, phones, accounts, places.

Everything is drawn from the caller's seeded :class:`random.Random`, so the same seed gives the
same people. Identifiers are valid by construction: resident IDs carry a real birth date and the
GB 11643 check character, credit codes the GB 11714 organisation check and the GB 32100 check
character, VINs the GB 16735 check digit, bank card numbers the Luhn digit; mobile numbers use
real mainland prefixes. :class:`Registry` hands out values never handed out before, so names,
phones and identifiers do not repeat within one demo company.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from ..domain.identifiers import USCC_CHARS, resident_id_check_char, uscc_check_char, vin_check_char

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
            "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚")
MALE_CHARS = "伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林峰建国新春海亮志成东振广红卫忠文博永庆德"
FEMALE_CHARS = "芳娜敏静丽艳娟霞秀英玲桂兰萍燕红梅琳雪慧婷倩颖洁琴云莉佳欣悦"
MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
                   "155", "156", "157", "158", "159", "166", "176", "177", "180", "181", "182", "183",
                   "185", "186", "187", "188", "189", "191", "198", "199")
CARD_BINS = ("622202", "621700", "622848", "621226", "623052", "621799")
TRADE_NAMES = ("鑫达", "宏远", "恒通", "顺达", "金鼎", "华瑞", "豫通", "天成", "广源", "兴盛", "万隆", "聚鑫",
               "永盛", "昌盛", "鼎盛", "晟达", "安泰", "盛世", "建宇", "通达", "中兴", "润泽", "宇航", "启航",
               "博远", "合力", "众诚", "新亚", "嘉禾", "丰泰", "瑞丰", "金源", "利民", "宏图", "腾飞", "福源")
INDUSTRIES = ("土石方工程有限公司", "建筑工程有限公司", "市政工程有限公司", "运输有限公司", "建材有限公司",
              "园林绿化工程有限公司", "农业开发有限公司", "路桥工程有限公司", "矿业有限公司", "农机专业合作社")
VILLAGE_HEADS = "前后东西南北大小高新老上下"
VILLAGE_TAILS = ("庄", "营", "寨", "屯", "湾", "岗", "楼", "店")
ROADS = ("建设路", "人民路", "文化路", "黄河路", "中原路", "金水路", "工业路", "嵩山路", "商都路", "陇海路")


@dataclass(frozen=True, slots=True)
class County:
    """A county-level place: its 6-digit administrative code, name and towns.

    Attributes:
        code: the address code that starts the resident IDs and credit codes issued there.
        name: e.g. ``中牟县``.
        towns: towns and sub-districts used in addresses.
        city: the prefecture-level city, e.g. ``郑州市``.
    """

    code: str
    name: str
    towns: tuple[str, ...]
    city: str = "郑州市"


COUNTIES: tuple[County, ...] = (
    County("410105", "金水区", ("花园路街道", "杨金路街道", "祭城路街道", "柳林镇")),
    County("410103", "二七区", ("侯寨乡", "马寨镇", "长江路街道", "嵩山路街道")),
    County("410108", "惠济区", ("古荥镇", "花园口镇", "新城街道", "长兴路街道")),
    County("410122", "中牟县", ("韩寺镇", "官渡镇", "狼城岗镇", "万滩镇", "白沙镇", "郑庵镇")),
    County("410184", "新郑市", ("龙湖镇", "孟庄镇", "郭店镇", "八千乡", "辛店镇", "观音寺镇")),
    County("410223", "尉氏县", ("朱曲镇", "蔡庄镇", "永兴镇", "张市镇", "十八里镇", "水坡镇"), "开封市"),
    County("410182", "荥阳市", ("广武镇", "高村乡", "王村镇", "汜水镇", "贾峪镇", "崔庙镇")),
    County("410181", "巩义市", ("回郭镇", "竹林镇", "小关镇", "米河镇", "鲁庄镇", "西村镇")),
    County("410185", "登封市", ("告成镇", "大金店镇", "颍阳镇", "卢店镇", "徐庄镇", "宣化镇")),
    County("410183", "新密市", ("超化镇", "苟堂镇", "大隗镇", "刘寨镇", "白寨镇", "来集镇")),
)


class Registry:
    """Draws values with a caller's generator and never returns the same value twice."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self._seen: set[str] = set()

    def fresh(self, make) -> str:
        """Call ``make(rng)`` until it yields a value not seen before, remember and return it."""
        while True:
            value = make(self.rng)
            if value not in self._seen:
                self._seen.add(value)
                return value

    def name(self, male: bool) -> str:
        """A unique two- or three-character Chinese personal name."""
        return self.fresh(lambda r: person_name(r, male))

    def mobile(self) -> str:
        return self.fresh(mobile)

    def resident_id(self, county: County, born: date, male: bool) -> str:
        return self.fresh(lambda r: resident_id(r, county, born, male))

    def uscc(self, county: County) -> str:
        return self.fresh(lambda r: uscc(r, county))

    def bank_account(self) -> str:
        return self.fresh(bank_account)

    def company_name(self, county: County) -> str:
        return self.fresh(lambda r: company_name(r, county))


def person_name(rng: Random, male: bool) -> str:
    chars = MALE_CHARS if male else FEMALE_CHARS
    given = rng.choice(chars) + (rng.choice(chars) if rng.random() < 0.75 else "")
    return rng.choice(SURNAMES) + given


def birth_date(rng: Random, first_year: int, last_year: int) -> date:
    start = date(first_year, 1, 1)
    return start + timedelta(days=rng.randrange((date(last_year, 12, 31) - start).days + 1))


def resident_id(rng: Random, county: County, born: date, male: bool) -> str:
    """An 18-digit resident ID issued in ``county`` for a person born on ``born``."""
    sequence = rng.randrange(0, 500) * 2 + (1 if male else 0)
    first17 = f"{county.code}{born:%Y%m%d}{sequence:03d}"
    return first17 + resident_id_check_char(first17)


def organisation_check_char(body: str) -> str:
    """GB 11714 check character of an 8-character organisation code body."""
    total = sum((int(ch) if ch.isdigit() else ord(ch) - 55) * w for ch, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def uscc(rng: Random, county: County) -> str:
    """A unified social credit code of an enterprise (登记管理部门 9, 类别 1) in ``county``."""
    body = "MA" + "".join(rng.choice(USCC_CHARS) for _ in range(6))
    first17 = f"91{county.code}{body}{organisation_check_char(body)}"
    return first17 + uscc_check_char(first17)


def vin(rng: Random, wmi: str, vds: str, year: int, plant: str) -> str:
    """A 17-character VIN with the right check digit at position 9 (model years 2001–2030)."""
    year_code = "123456789ABCDEFGHJKLMNPRSTVWXY"[year - 2001]
    draft = f"{wmi}{vds}0{year_code}{plant}{rng.randrange(10**6):06d}"
    return draft[:8] + vin_check_char(draft) + draft[9:]


def mobile(rng: Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def luhn_digit(digits: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str(-total % 10)


def bank_account(rng: Random) -> str:
    """A 19-digit debit card number of a major bank, Luhn-valid."""
    first18 = rng.choice(CARD_BINS) + f"{rng.randrange(10**12):012d}"
    return first18 + luhn_digit(first18)


def company_name(rng: Random, county: County) -> str:
    place = county.name[:-1] if len(county.name) > 2 else county.name
    return f"{place}{rng.choice(TRADE_NAMES)}{rng.choice(INDUSTRIES)}"


def village_address(rng: Random, county: County) -> str:
    village = rng.choice(VILLAGE_HEADS) + rng.choice(SURNAMES) + rng.choice(VILLAGE_TAILS)
    return f"河南省{county.city}{county.name}{rng.choice(county.towns)}{village}村{rng.randint(1, 9)}组"


def street_address(rng: Random, county: County) -> str:
    return f"河南省{county.city}{county.name}{rng.choice(ROADS)}{rng.randint(1, 299)}号"
