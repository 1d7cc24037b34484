"""Chinese identifiers (DOMAIN §1): resident ID, unified social credit code, VIN, mobile phone.

Pure functions, no I/O. Input is normalised first (full-width to half-width, spaces removed,
lower-case x to X). ``*_check_char`` functions compute the check character from the first 17
characters so tests and the demo company can build valid identifiers; ``is_valid_*`` say yes/no
and :func:`resident_id_problem` etc. say why not, in Chinese, for validation messages.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
VIN_VALUES = {**{str(d): d for d in range(10)},
              **dict(zip("ABCDEFGH", range(1, 9), strict=True)), **dict(zip("JKLMN", range(1, 6), strict=True)),
              "P": 7, "R": 9, **dict(zip("STUVWXYZ", range(2, 10), strict=True))}

_ID_RE = re.compile(r"^\d{17}[\dX]$")
_USCC_RE = re.compile(f"^[{USCC_CHARS}]{{18}}$")
_VIN_RE = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")
_MOBILE_RE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
_SPACES = re.compile(r"[\s\-]+")


def normalize_id(text: object) -> str:
    """Full-width to half-width, whitespace removed, upper case; ``None`` becomes ``''``."""
    if text is None:
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text))).upper()


def resident_id_check_char(first17: str) -> str:
    """GB 11643-1999 check character for the first 17 digits."""
    total = sum(int(ch) * w for ch, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def resident_id_problem(text: object, today: date | None = None) -> str | None:
    """Why ``text`` is not a valid 18-digit resident ID, in Chinese; None when it is valid."""
    s = normalize_id(text)
    if not _ID_RE.match(s):
        return "身份证号应为18位（前17位数字，末位数字或X）"
    try:
        born = date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return f"身份证号中的出生日期 {s[6:14]} 不是有效日期"
    if (today is not None and born > today) or born.year < 1900:  # no clock here: today is passed in
        return f"身份证号中的出生日期 {born.isoformat()} 不合理"
    expected = resident_id_check_char(s[:17])
    if s[17] != expected:
        return f"身份证号校验位错误（末位应为 {expected}）"
    return None


def is_valid_resident_id(text: object, today: date | None = None) -> bool:
    """True for a resident ID with a real birth date and the right check character."""
    return resident_id_problem(text, today) is None


def uscc_check_char(first17: str) -> str:
    """GB 32100-2015 check character for the first 17 symbols of a credit code."""
    total = sum(USCC_CHARS.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def uscc_problem(text: object) -> str | None:
    """Why ``text`` is not a valid unified social credit code, in Chinese; None when valid."""
    s = normalize_id(text)
    if not _USCC_RE.match(s):
        return "统一社会信用代码应为18位，由数字和大写字母组成（不含 I、O、S、V、Z）"
    expected = uscc_check_char(s[:17])
    if s[17] != expected:
        return f"统一社会信用代码校验位错误（末位应为 {expected}）"
    return None


def is_valid_uscc(text: object) -> bool:
    """True for a well-formed credit code with the right check character."""
    return uscc_problem(text) is None


def vin_check_char(vin: str) -> str:
    """GB 16735-2019 check character (position 9) of a 17-character VIN."""
    total = sum(VIN_VALUES[ch] * w for ch, w in zip(vin, VIN_WEIGHTS, strict=True))
    r = total % 11
    return "X" if r == 10 else str(r)


def vin_problem(text: object) -> str | None:
    """Why ``text`` is not a valid VIN, in Chinese; None when valid."""
    s = normalize_id(text)
    if not _VIN_RE.match(s):
        return "车辆识别代号（VIN）应为17位数字或字母，不含 I、O、Q"
    expected = vin_check_char(s)
    if s[8] != expected:
        return f"车辆识别代号（VIN）第9位校验位错误（应为 {expected}）"
    return None


def is_valid_vin(text: object) -> bool:
    """True for a 17-character VIN whose 9th character is the right check digit."""
    return vin_problem(text) is None


def looks_like_vin(text: object) -> bool:
    """True when ``text`` has the shape of a VIN (17 letters/digits), checked or not."""
    s = normalize_id(text)
    return len(s) == 17 and s.isalnum() and s.isascii()


def is_valid_mobile(text: object) -> bool:
    """True for a mainland mobile number ``1[3-9]`` + 9 digits, optionally prefixed +86."""
    return bool(_MOBILE_RE.match(_SPACES.sub("", unicodedata.normalize("NFKC", str(text or "")))))
