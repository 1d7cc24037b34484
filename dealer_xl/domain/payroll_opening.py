"""Opening balances of payroll (DOMAIN §5): the 累计 figures of a tax year through a month, from the
previous system or the tax client, which dealer_xl's cumulative withholding continues.

Guarantees: :class:`Opening` turns a 工资期初 row into the :class:`~dealer_xl.domain.payroll.YearToDate`
the next month starts from (deductions = tax-free income + 减除费用 + 专项扣除 + 专项附加扣除 + 其他扣除);
:func:`opening_reasons` gives, in Chinese, why a row cannot be right (months before the hire
month, 累计减除费用 not the exemption × months employed, tax-free income above income);
:func:`from_tax_client` reads one line of the tax client's 累计 export (自然人电子税务局（扣缴端）,
综合所得 正常工资薪金所得) into an Opening: the special additional deductions are the sum of
its 累计子女教育 … 婴幼儿照护 columns, other deductions 累计其他扣除 + 累计个人养老金 + 累计准予扣除的
捐赠, and the tax withheld through the period is max(累计应扣缴税额, 累计已预缴税额) (no refund is
made during the year), or 累计已预缴税额 + 累计应补(退)税额 when that is positive; when the line
shows 累计应纳税所得额, the figures must give it to the fen. Pure: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .money import ZERO, round_cents
from .payroll import YearToDate

# The tax client's columns that add up to 累计专项附加扣除 and 累计其他扣除 (field names of the
# incoming spec, dealer_xl.schema.incoming_payroll).
SPECIAL_PARTS = ("cum_children", "cum_education", "cum_mortgage", "cum_rent", "cum_elderly", "cum_infant",
                 "cum_special")
OTHER_PARTS = ("cum_other", "cum_pension", "cum_donation")


@dataclass(frozen=True, slots=True)
class Opening:
    """One employee's 工资期初 row.

    Attributes:
        emp_id: 工号. year: the tax year. through: the last month it covers (YYYY-MM).
        income … other: 累计收入, 累计免税收入, 累计减除费用, 累计专项扣除, 累计专项附加扣除, 累计其他扣除.
        withheld: 累计已预扣税额 (tax withheld through ``through``).
    """

    emp_id: str
    year: int
    through: str
    income: Decimal = ZERO
    tax_free: Decimal = ZERO
    exemption: Decimal = ZERO
    insurance: Decimal = ZERO
    special: Decimal = ZERO
    other: Decimal = ZERO
    withheld: Decimal = ZERO

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Opening:
        """The Opening of a 工资期初 row (blank amounts are 0)."""
        def money(name: str) -> Decimal:
            return round_cents(Decimal(str(row.get(name) or 0)))
        return cls(str(row["emp_id"]), int(row["year"]), str(row["through"]), money("cum_income"),
                   money("cum_tax_free"), money("cum_exemption"), money("cum_insurance"), money("cum_special"),
                   money("cum_other"), money("cum_withheld"))

    @property
    def deductions(self) -> Decimal:
        """Everything deducted from 累计收入 to reach 累计应纳税所得额."""
        return self.tax_free + self.exemption + self.insurance + self.special + self.other

    @property
    def taxable(self) -> Decimal:
        """累计应纳税所得额 through ``through``."""
        return self.income - self.deductions

    def year_to_date(self) -> YearToDate:
        """What the month after ``through`` continues."""
        return YearToDate(self.income, self.deductions, self.withheld)


def months_covered(through: str, hire_date: date | None) -> int:
    """Months employed in ``through``'s year up to it (from the hire month; 0 if hired after it)."""
    year, mon = int(through[:4]), int(through[5:7])
    if hire_date is None or hire_date.year < year:
        return mon
    if hire_date.year > year:
        return 0
    return max(0, mon - hire_date.month + 1)


def opening_reasons(opening: Opening, hire_date: date | None, exemption: Decimal) -> list[tuple[str, str]]:
    """(field, Chinese reason) for each figure of ``opening`` that cannot be right."""
    out = []
    if int(opening.through[:4]) != opening.year:
        out.append(("through", f"截至月份 {opening.through} 不在年度 {opening.year} 内"))
        return out
    months = months_covered(opening.through, hire_date)
    if months == 0:
        out.append(("through", f"入职日期 {hire_date} 晚于截至月份 {opening.through}，不应有期初累计数"))
        return out
    expected = exemption * months
    if opening.exemption != expected:
        out.append(("cum_exemption", f"累计减除费用应为 {exemption:,.0f} × {months} 个月 = {expected:,.2f}"
                                     f"（{opening.year} 年{'入职月' if hire_date and hire_date.year == opening.year else '1 月'}"
                                     f"至 {opening.through}），填的是 {opening.exemption:,.2f}"))
    if opening.tax_free > opening.income:
        out.append(("cum_tax_free", f"累计免税收入 {opening.tax_free:,.2f} 大于累计收入 {opening.income:,.2f}"))
    return out


def from_tax_client(line: Mapping[str, Any]) -> tuple[dict[str, Decimal], str | None]:
    """The 工资期初 amounts (field → Decimal) of one line of the tax client's 累计 export, and the
    reason it cannot be used (None when it can)."""
    def money(name: str) -> Decimal:
        return round_cents(Decimal(str(line.get(name) or 0)))

    withheld = _withheld(line)
    if withheld is None:
        return {}, "没有累计已预缴税额、累计应扣缴税额或累计已预扣税额，无法得知已扣的税"
    amounts = {"cum_income": money("cum_income"), "cum_tax_free": money("cum_tax_free"),
               "cum_exemption": money("cum_exemption"), "cum_insurance": money("cum_insurance"),
               "cum_special": sum((money(f) for f in SPECIAL_PARTS), ZERO),
               "cum_other": sum((money(f) for f in OTHER_PARTS), ZERO), "cum_withheld": withheld}
    shown = line.get("cum_taxable")
    if shown is not None:
        taxable = amounts["cum_income"] - sum((amounts[f] for f in ("cum_tax_free", "cum_exemption", "cum_insurance",
                                                                      "cum_special", "cum_other")), ZERO)
        if round_cents(Decimal(str(shown))) != max(taxable, ZERO) and round_cents(Decimal(str(shown))) != taxable:
            return amounts, (f"各累计数算出的应纳税所得额 {taxable:,.2f} 与文件中的累计应纳税所得额 "
                             f"{Decimal(str(shown)):,.2f} 不符（可能有未识别的扣除列）")
    return amounts, None


def _withheld(line: Mapping[str, Any]) -> Decimal | None:
    """Tax withheld through the period of the line (see the module docstring)."""
    def value(name: str) -> Decimal | None:
        raw = line.get(name)
        return None if raw is None else round_cents(Decimal(str(raw)))

    through, due, prepaid, balance = (value(n) for n in ("cum_withheld", "cum_due", "cum_prepaid", "cum_balance"))
    if through is not None:
        return through
    if due is not None and prepaid is not None:
        return max(due, prepaid)
    if prepaid is not None and balance is not None:
        return prepaid + max(balance, ZERO)
    return due
