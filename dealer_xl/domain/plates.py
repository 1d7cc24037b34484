"""Chinese motor-vehicle plate numbers (机动车号牌, GA 36-2018), pure.

A plate is a province abbreviation (one of 31 characters), the issuing office's letter (A–Z, no I),
then the serial:

- ordinary plates: 5 letters or digits (no I or O), e.g. 豫A12345, 豫AB123C;
- new-energy plates (6 characters): small vehicles D or F first, then a letter or digit, then 4
  digits (豫AD12345, 豫ADA1234); large vehicles 5 digits then D or F (豫A12345D);
- special plates: 4 letters or digits followed by 挂 (trailer), 学 (driving school) or 警 (police).

Input is normalised first (full-width to half-width, spaces and the separator dot removed, upper
case), as people type 豫A·12345 and 豫a 12345.
"""

from __future__ import annotations

import re
import unicodedata

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_SERIAL = "[A-HJ-NP-Z0-9]"
_PATTERN = re.compile(
    rf"^[{PROVINCES}][A-HJ-Z]"
    rf"(?:{_SERIAL}{{5}}"                       # ordinary
    rf"|[DF][A-HJ-NP-Z0-9][0-9]{{4}}"           # small new-energy
    rf"|[0-9]{{5}}[DF]"                         # large new-energy
    rf"|{_SERIAL}{{4}}[挂学警])$")                # trailer, driving school, police
_SEPARATORS = re.compile(r"[\s·•.\-－]+")


def normalise_plate(text: object) -> str:
    """The plate as compared: half-width, no spaces or separator dots, upper case."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", str(text or ""))).upper()


def plate_reason(text: object) -> str | None:
    """Why ``text`` is not a plate number (Chinese), or None when it is one."""
    plate = normalise_plate(text)
    if not plate:
        return "车牌号为空"
    if plate[0] not in PROVINCES:
        return "第一个字应为省、自治区、直辖市简称（如 豫）"
    if len(plate) < 2 or not ("A" <= plate[1] <= "Z") or plate[1] == "I":
        return "第二位应为发牌机关代号字母（如 豫A）"
    if len(plate) not in (7, 8):
        return f"应为 7 位（新能源 8 位），现为 {len(plate)} 位"
    if "I" in plate[2:] or "O" in plate[2:]:
        return "序号中不能有字母 I 或 O"
    if _PATTERN.match(plate) is None:
        return "序号不符合号牌编码规则（普通 5 位字母数字；新能源 D/F 开头或结尾的 6 位）"
    return None
