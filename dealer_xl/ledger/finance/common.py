"""What the finance figures share: the 参数 they read, the money gate, VAT on machines, the book check.

Guarantees: :func:`settings` reads 参数 ``vat_rates``, ``vat_rate_service`` and ``cost_includes_vat``
once per Ledger and refuses (BookError, one Chinese line, exit 2) a table it cannot read — a figure
is never computed at a guessed rate; :func:`require_finance` refuses (MissingBook, exit 2) when
财务台账.xlsx is not in the folder, saying how to start one; :class:`Refusals` collects, once per
unit, the 错误 that keep a unit out of a figure (the input gate, :mod:`dealer_xl.ledger.gate`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ...domain.vat import net_of_vat, parse_rates, rate_for
from ...problems import BookError, MissingBook, Problem
from ...schema import NO, PARAMS, YES
from ..gate import Gate, Uses, gate
from ..model import Ledger, missing_book_message

BOOK = "finance"
_DEFAULTS = {p.key: p.default for p in PARAMS}


@dataclass(frozen=True)
class Settings:
    """The 参数 of the finance figures.

    Attributes:
        rates: machine category → VAT rate (参数 vat_rates).
        service_rate: VAT rate of parts and repair services (参数 vat_rate_service).
        cost_vat: 采购价, 配件成本价, rebates and sub-dealer labour are VAT-inclusive (参数 cost_includes_vat).
    """

    rates: dict[str, Decimal]
    service_rate: Decimal
    cost_vat: bool

    def machine_rate(self, led: Ledger, model_code: Any) -> Decimal:
        """The VAT rate of a machine of ``model_code`` (by its 类别; 其他 or the service rate when unknown)."""
        model = led.model(model_code) or {}
        return rate_for(self.rates, model.get("category"), self.service_rate)

    def net_cost(self, amount: Decimal, rate: Decimal) -> Decimal:
        """A cost-side amount without VAT when 参数 cost_includes_vat says it holds VAT."""
        return net_of_vat(amount, rate) if self.cost_vat else Decimal(amount)


def settings(led: Ledger) -> Settings:
    """The finance 参数 of ``led`` (BookError naming the 参数 that cannot be read)."""
    def build() -> Settings:
        text = str(led.params.get("vat_rates") or _DEFAULTS["vat_rates"])
        try:
            rates = parse_rates(text)
        except ValueError as exc:
            raise BookError(f"参数 vat_rates 无法识别：{exc}（格式：挖掘机=0.13;拖拉机=0.09）") from None
        flag = str(led.params.get("cost_includes_vat") or YES).strip()
        if flag not in (YES, NO):
            raise BookError(f"参数 cost_includes_vat 应为 是 或 否，现为「{flag}」")
        return Settings(rates, led.decimal("vat_rate_service"), flag == YES)

    return led.memo(("finance", "settings"), build)


def require_finance(led: Ledger, *sheets: str) -> None:
    """MissingBook (exit 2) when 财务台账 or one of ``sheets`` is absent, with how to start the book."""
    data = led.books.get(BOOK)
    if data is None or not data.found:
        hint = f"；要开始使用财务台账，运行 dealer-xl init {led.books_dir} --book 财务台账 新建空白的财务台账"
        raise MissingBook(missing_book_message(led.books_dir, "财务台账.xlsx") + hint)
    for sheet in sheets:
        led.require(BOOK, sheet)


def stop(led: Ledger, problems: list[Problem], uses: Iterable[Uses]) -> Gate:
    """The money gate of a figure reading ``uses`` (``problems``: validation's, of ``led``)."""
    return gate(led, uses, problems)


def in_year(day: Any, as_of: date) -> bool:
    """True for a date from 1 January of ``as_of``'s year up to ``as_of``."""
    return isinstance(day, date) and date(as_of.year, 1, 1) <= day <= as_of


def within(day: Any, first: date, last: date) -> bool:
    """True for a date from ``first`` to ``last``."""
    return isinstance(day, date) and first <= day <= last


@dataclass
class Refusals:
    """The units kept out of a figure and why, each once (Chinese lines and the 错误 themselves)."""

    lines: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    _seen: set = field(default_factory=set, repr=False)

    def allows(self, g: Gate, unit: Any, what: str) -> bool:
        """True when the gate lets ``unit`` through; else its refusal is recorded (once)."""
        if g.allows(unit):
            return True
        if (what, unit) not in self._seen:
            self._seen.add((what, unit))
            for line in g.refusals([unit], what):
                if isinstance(unit, tuple):  # a budget line: 分公司/部门/费用类别
                    line = line.replace(f"{what} {unit}", f"{what} {'/'.join(str(u) for u in unit)}", 1)
                if line not in self.lines:
                    self.lines.append(line)
            self.problems += [p for p in g.refused(unit) if p not in self.problems]
        return False

    def extend(self, other: Refusals) -> None:
        """Add what ``other`` recorded (each line and problem once)."""
        self._seen |= other._seen
        for line in other.lines:
            if line not in self.lines:
                self.lines.append(line)
        self.problems += [p for p in other.problems if p not in self.problems]
