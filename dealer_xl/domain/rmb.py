"""Uppercase RMB amounts (大写金额, DOMAIN §2) and the figure form contracts print beside them.

Source: 《正确填写票据和结算凭证的基本规定》 (银发〔1997〕393号 附件). Pure functions, exact Decimal.

Guarantees of :func:`rmb_upper`:

- digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿 then 元角分; a leading 壹拾 is written in full;
- 整 follows 元 when there is no 角 and no 分; after 角 it is omitted; never after 分;
- zeros between non-zero digits become one 零, however many there are;
- the permitted choice (万位/亿位/元位 is 0 but the next lower position is not) is made one way
  everywhere: a **single** 0 standing alone in the 万, 亿 or 元 position is not written
  (1,680.32 → 壹仟陆佰捌拾元叁角贰分, 107,000.53 → 壹拾万柒仟…); a run of **two or more** zeros
  ending at those positions is written as one 零, placed after the unit (100,500 → 壹拾万零伍佰元整,
  107,000.53 → 壹拾万柒仟元零伍角叁分, 100.50 → 壹佰元零伍角);
- 角 = 0 with 分 ≠ 0 writes 零 after 元 (325.04 → 叁佰贰拾伍元零肆分); below one yuan there is no
  元 (0.50 → 伍角, 0.05 → 伍分); zero is 零元整; a negative amount is prefixed 负;
- covered range: absolute value below 1 万亿 (1,000,000,000,000) yuan, at most two decimals.
  Anything else — a non-number, NaN, a third decimal, a larger amount — raises ValueError with a
  Chinese message (bool is not a number here).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .money import CENT

DIGITS = "零壹贰叁肆伍陆柒捌玖"
SMALL_UNITS = ("", "拾", "佰", "仟")
GROUP_UNITS = {4: "万", 8: "亿"}
LIMIT = Decimal("1000000000000")
_STRIP = str.maketrans("", "", " ,，¥￥元\u3000")


def to_amount(value: Decimal | int | str) -> Decimal:
    """``value`` as an exact Decimal amount with at most two decimals, inside the covered range.

    Strings may carry thousands separators, a ¥ sign or 元. Raises ValueError (Chinese message).
    """
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, str, float)):
        raise ValueError(f"金额不是数字：{value!r}")
    try:
        amount = Decimal(value.translate(_STRIP) if isinstance(value, str) else str(value))
    except InvalidOperation:
        raise ValueError(f"金额不是数字：{value!r}") from None
    if not amount.is_finite():
        raise ValueError(f"金额不是数字：{value!r}")
    if amount != amount.quantize(CENT):
        raise ValueError(f"金额最多两位小数（到分）：{value}")
    if abs(amount) >= LIMIT:
        raise ValueError(f"金额超出大写范围（绝对值须小于1万亿元）：{value}")
    return amount


def rmb_upper(value: Decimal | int | str) -> str:
    """The 大写 form of an amount without the 人民币 prefix, e.g. 100 → 壹佰元整."""
    amount = to_amount(value)
    sign = "负" if amount < 0 else ""
    fen_total = int(abs(amount) * 100)
    yuan, fraction = divmod(fen_total, 100)
    jiao, fen = divmod(fraction, 10)
    integer, trailing_zeros = _integer_words(yuan)
    if jiao == 0 and fen == 0:
        return sign + (integer + "元整" if yuan else "零元整")
    text = integer + "元" if yuan else ""
    if jiao:
        if yuan and len(trailing_zeros) > 1:
            text += "零"
        text += DIGITS[jiao] + "角"
    elif yuan:
        text += "零"
    if fen:
        text += DIGITS[fen] + "分"
    return sign + text


def _integer_words(yuan: int) -> tuple[str, list[int]]:
    """Words of the whole-yuan part (without 元) and the positions of its trailing zeros."""
    if yuan == 0:
        return "", []
    digits = [int(ch) for ch in str(yuan)]
    top = len(digits) - 1
    words: list[str] = []
    zeros: list[int] = []
    for i, d in enumerate(digits):
        position = top - i
        if d == 0:
            zeros.append(position)
            if position in GROUP_UNITS and any(digits[max(i - 3, 0):i]):
                words.append(GROUP_UNITS[position])
            continue
        if zeros and not (len(zeros) == 1 and zeros[0] in GROUP_UNITS):
            words.append("零")
        zeros = []
        words.append(DIGITS[d] + SMALL_UNITS[position % 4])
        if position in GROUP_UNITS:
            words.append(GROUP_UNITS[position])
    return "".join(words), zeros


def format_yuan(value: Decimal | int | str) -> str:
    """The figure form: ¥ with thousands separators and two decimals (¥1,234.50; −¥5.00 → -¥5.00)."""
    amount = to_amount(value)
    return f"{'-' if amount < 0 else ''}¥{abs(amount):,.2f}"


@dataclass(frozen=True, slots=True)
class AmountText:
    """An amount as contracts print it (DOMAIN §2).

    Attributes:
        amount: the amount, Decimal to the fen.
        figure: ¥1,234.50.
        upper: 人民币壹仟贰佰叁拾肆元伍角 (人民币 with no gap before the 大写 form).
    """

    amount: Decimal
    figure: str
    upper: str

    def __str__(self) -> str:
        return f"{self.upper}（{self.figure}）"


def contract_amount_text(value: Decimal | int | str) -> AmountText:
    """Both forms of an amount for a contract or letter; ``str()`` gives 人民币…（¥…）."""
    amount = to_amount(value)
    return AmountText(amount, format_yuan(amount), "人民币" + rmb_upper(amount))
