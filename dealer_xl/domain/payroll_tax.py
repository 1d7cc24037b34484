"""Individual income tax on wages (DOMAIN §5): the cumulative withholding table and the
year-end bonus table.

Guarantees: :func:`cumulative_tax` is the 预扣率表一 of 国家税务总局公告2018年第61号 applied to a
cumulative taxable income (0 for an amount ≤ 0), rounded to the fen half up;
:func:`withholding` is that tax minus what was already withheld this year, never negative (no
refund before the annual return); :func:`year_end_bonus_tax` is 全年一次性奖金单独计税 (财税〔2018〕
164号, extended to 2027-12-31 by 财政部 税务总局公告2023年第30号): the bonus ÷ 12 picks the rate of the
monthly table, tax = bonus × rate − quick deduction. Pure: no I/O, no clock.
"""

from __future__ import annotations

from decimal import Decimal

from .money import ZERO, round_cents

D = Decimal

# (upper bound of the bracket or None for the last, rate, quick deduction)
CUMULATIVE_TABLE: tuple[tuple[Decimal | None, Decimal, Decimal], ...] = (
    (D(36000), D("0.03"), D(0)),
    (D(144000), D("0.10"), D(2520)),
    (D(300000), D("0.20"), D(16920)),
    (D(420000), D("0.25"), D(31920)),
    (D(660000), D("0.30"), D(52920)),
    (D(960000), D("0.35"), D(85920)),
    (None, D("0.45"), D(181920)),
)

# 按月换算后的综合所得税率表 (for the separately taxed year-end bonus)
MONTHLY_TABLE: tuple[tuple[Decimal | None, Decimal, Decimal], ...] = (
    (D(3000), D("0.03"), D(0)),
    (D(12000), D("0.10"), D(210)),
    (D(25000), D("0.20"), D(1410)),
    (D(35000), D("0.25"), D(2660)),
    (D(55000), D("0.30"), D(4410)),
    (D(80000), D("0.35"), D(7160)),
    (None, D("0.45"), D(15160)),
)


def bracket(amount: Decimal, table=CUMULATIVE_TABLE) -> tuple[Decimal, Decimal]:
    """(rate, quick deduction) of the bracket ``amount`` falls in (upper bounds inclusive)."""
    for upper, rate, quick in table:
        if upper is None or amount <= upper:
            return rate, quick
    raise AssertionError("the last bracket has no upper bound")


def cumulative_tax(cum_taxable: Decimal) -> Decimal:
    """Tax due on this year's cumulative taxable income (0 when it is not positive)."""
    if cum_taxable <= 0:
        return ZERO
    rate, quick = bracket(cum_taxable)
    return round_cents(cum_taxable * rate - quick)


def withholding(cum_taxable: Decimal, withheld_so_far: Decimal) -> Decimal:
    """This month's withholding: cumulative tax minus tax already withheld, at least 0."""
    return max(ZERO, cumulative_tax(cum_taxable) - round_cents(withheld_so_far))


def year_end_bonus_tax(bonus: Decimal) -> Decimal:
    """Tax on a year-end bonus taxed separately (0 for a bonus that is not positive)."""
    if bonus <= 0:
        return ZERO
    rate, quick = bracket(bonus / 12, MONTHLY_TABLE)
    return round_cents(bonus * rate - quick)
