"""The 清欠纠纷处理意见: each way of recovering a disputed contract and what it is expected to bring. Pure.

Three ways, each with its expected recovery (预计回收), its cost (预计费用) and the net, from the
books only:

- **协商** (negotiate a repayment, penalty waived): what is still owed on the installments
  (principal + interest, due or not) × the buyer's :func:`fulfilment_ratio` — the share of what fell
  due that the buyer actually paid. No cost.
- **取回** (repossess and resell, 民法典第642–643条): the machine's 采购价 × the :func:`resale_ratio`
  (disposal proceeds ÷ 采购价 of the machines this dealer already repossessed and sold, or 参数
  resale_ratio when it has sold none), less the costs (the fees recorded for a machine already held,
  else the average fees of past repossessions), capped at what is owed. Not allowed once 75% of the
  price is paid (司法解释第26条, the worklist's flag) or when the machine's 采购价 is unknown.
- **起诉** (sue): the complaint's 标的总额 (:func:`dealer_xl.domain.lawsuit.lawsuit_claim`) × 参数
  lawsuit_recovery_ratio; cost the 案件受理费 (advanced by the seller). A case already filed counts
  its judgment amount when there is one, else its 诉讼金额, and costs nothing more. Past the limitation deadline the
  expected recovery is 0 (the buyer's 时效抗辩 defeats the claim, 民法典第192条).

:func:`recommend` picks the allowed way with the largest net; on a tie the cheaper-to-run one
(协商, then 取回, then 起诉). Every amount is exact to the fen (half-up where a ratio is applied).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .allocation import ContractPosition
from .money import ZERO, round_cents

NEGOTIATE, REPOSSESS, SUE = "协商", "取回", "起诉"
ORDER = (NEGOTIATE, REPOSSESS, SUE)


@dataclass(frozen=True, slots=True)
class RecoveryOption:
    """One way of recovering a contract.

    Attributes:
        option: 协商 / 取回 / 起诉.
        allowed: False when the law or the books rule it out (``note`` says why).
        expected: 预计回收 (0 when not allowed).
        cost: 预计费用.
        note: how the figure was reached, in Chinese.
    """

    option: str
    allowed: bool
    expected: Decimal
    cost: Decimal
    note: str

    @property
    def net(self) -> Decimal:
        """预计净回收: expected − cost (0 when not allowed)."""
        return self.expected - self.cost if self.allowed else ZERO


def fulfilment_ratio(position: ContractPosition) -> Decimal:
    """履约率: paid ÷ due over the installments due before the as-of date (1 when none fell due)."""
    due = [s for s in position.installments if s.due_date < position.as_of]
    owed = sum((s.amount_due for s in due), ZERO)
    if owed <= 0:
        return Decimal(1)
    return sum((s.principal_paid + s.interest_paid for s in due), ZERO) / owed


def resale_ratio(disposals: Iterable[tuple[Decimal, Decimal]], default: Decimal) -> tuple[Decimal, int]:
    """(处置回收率, how many disposals it rests on): Σ 处置金额 ÷ Σ 采购价 of the machines sold
    after repossession (pairs (处置金额, 采购价) with a positive 采购价), else ``default`` and 0."""
    pairs = [(Decimal(a), Decimal(b)) for a, b in disposals if a is not None and b]
    cost = sum((b for _, b in pairs), ZERO)
    if not pairs or cost <= 0:
        return Decimal(default), 0
    return sum((a for a, _ in pairs), ZERO) / cost, len(pairs)


def negotiate_option(position: ContractPosition) -> RecoveryOption:
    """协商: outstanding × 履约率, penalty waived."""
    ratio = fulfilment_ratio(position)
    expected = round_cents(position.outstanding * min(ratio, Decimal(1)))
    return RecoveryOption(NEGOTIATE, True, expected, ZERO,
                          f"未还本息 {position.outstanding:,.2f} × 履约率 {ratio:.2%}（已到期各期实付÷应付），违约金减免")


def repossess_option(owed: Decimal, purchase_price: Decimal | None, ratio: Decimal, based_on: int,
                     costs: Decimal, *, no_repossession: bool, held: bool) -> RecoveryOption:
    """取回 (or, for a machine already held, 处置): value − costs, at most ``owed``."""
    if no_repossession and not held:
        return RecoveryOption(REPOSSESS, False, ZERO, ZERO, "已付达合同总价的75%，依司法解释第26条不得取回")
    if not purchase_price:
        return RecoveryOption(REPOSSESS, False, ZERO, ZERO, "整机库存中没有该机的采购价，无法估计处置价值")
    value = round_cents(Decimal(purchase_price) * ratio)
    source = f"已处置 {based_on} 台的处置回收率" if based_on else "参数 resale_ratio"
    expected = min(max(value, ZERO), owed)
    lead = "已扣押，处置" if held else "取回后处置"
    return RecoveryOption(REPOSSESS, True, expected, costs,
                          f"{lead}：采购价 {Decimal(purchase_price):,.2f} × {ratio:.2%}（{source}）= {value:,.2f}，"
                          f"以欠款 {owed:,.2f} 为限；不足部分仍可向买受人和保证人追偿")


def sue_option(claim_total: Decimal, fee: Decimal, ratio: Decimal, *, limitation_passed: bool,
               case_no: str = "", filed: Decimal | None = None, judgment: Decimal | None = None) -> RecoveryOption:
    """起诉: claim × 参数 lawsuit_recovery_ratio; cost the 案件受理费. A case already filed (``case_no``)
    counts its judgment amount, else the amount it claims (``filed``, else ``claim_total``), at no
    further cost."""
    if case_no:
        base = judgment if judgment is not None else filed if filed is not None else claim_total
        what = f"判决金额 {base:,.2f}" if judgment is not None else f"诉讼标的 {base:,.2f}"
        return RecoveryOption(SUE, True, round_cents(base * ratio), ZERO,
                              f"已起诉（{case_no}）：{what} × 执行回收比例 {ratio:.0%}")
    if limitation_passed:
        return RecoveryOption(SUE, True, ZERO, fee, "诉讼时效已届满，买受人提出时效抗辩即不能胜诉（民法典第192条）")
    return RecoveryOption(SUE, True, round_cents(claim_total * ratio), fee,
                          f"标的总额 {claim_total:,.2f} × 执行回收比例 {ratio:.0%}；预交案件受理费 {fee:,.2f}")


def recommend(options: Iterable[RecoveryOption]) -> RecoveryOption | None:
    """The allowed option with the largest net (ties: 协商, 取回, 起诉); None when none is allowed."""
    allowed = [o for o in options if o.allowed]
    if not allowed:
        return None
    return max(allowed, key=lambda o: (o.net, -ORDER.index(o.option)))
