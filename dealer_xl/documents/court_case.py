"""The court file's facts of one contract: what is claimed, from which rows, and the letters sent.

:func:`court_case` computes, as of a date, everything the 民事起诉状 and the 证据清单 print and the
清欠纠纷 report weighs: the contract's position allocated at the claimed penalty rate (the contract's
rate, capped at 4 × LPR, :func:`dealer_xl.domain.lawsuit.claim_rate`), the worklist row of that
position (the Civil Code flags: 第634条 acceleration after an unanswered demand, the 75% rule, the
limitation deadline), the itemised claim (:func:`dealer_xl.domain.lawsuit.lawsuit_claim`) with the
fees of a machine still held as costs — and, the machine being held, never the price not yet due
(the seller took the machine back; what resale leaves unpaid is claimed after it, 第643条) —, the
案件受理费, and the demand letters sent — each 函号 from
the register beside the books (:mod:`.letter_numbers`) matched to its delivery in 催收记录 (a
催款函/律师函 row whose result contains 已送达, dated on or after the letter), and the demands in
催收记录 the register does not know. Nothing dated after the as-of date counts. Nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dealer_xl.domain.allocation import ContractPosition, allocate
from dealer_xl.domain.civil_code import ACCELERATION, LIMITATION_PASSED, is_delivered_demand, is_demand
from dealer_xl.domain.collection import WorklistRow, build_worklist_row
from dealer_xl.domain.lawsuit import ClaimRate, LawsuitClaim, claim_rate, court_fee, lawsuit_claim
from dealer_xl.domain.money import ZERO
from dealer_xl.domain.repossession import HELD, costs
from dealer_xl.ledger import Ledger
from dealer_xl.ledger.receivables import ContractFile

from .letter_numbers import read_register, register_path

DELIVERY_WINDOW = 60  # days after a letter within which a 已送达 row is taken as its delivery


@dataclass(frozen=True, slots=True)
class SentLetter:
    """A demand sent to the buyer.

    Attributes:
        kind: 催款函 / 律师函.
        number: 函号 ('' when the letter is not in the register).
        day: the letter's date.
        file: the document written (register), '' when unknown.
        delivered: the 催收记录 date of its delivery (已送达), None when none is recorded.
    """

    kind: str
    number: str
    day: date
    file: str
    delivered: date | None


@dataclass(frozen=True, slots=True)
class CourtCase:
    """One contract's court file facts as of ``as_of`` (see the module docstring).

    Attributes:
        file: the contract.
        as_of: the date.
        position: the position allocated at the claimed rate.
        rate: the claimed penalty rate.
        row: the worklist row of that position (flags, limitation deadline), None when nothing is overdue.
        claim: the itemised claim.
        fee: 案件受理费 of the claim's total.
        held: the 扣车记录 row of a machine still held, None when none.
        letters: the demands sent, oldest first.
    """

    file: ContractFile
    as_of: date
    position: ContractPosition
    rate: ClaimRate
    row: WorklistRow | None
    claim: LawsuitClaim
    fee: Decimal
    held: dict | None
    letters: tuple[SentLetter, ...]

    @property
    def limitation_passed(self) -> bool:
        return self.row is not None and LIMITATION_PASSED in self.row.flags


def claimed_position(led: Ledger, file: ContractFile, as_of: date, rate: ClaimRate) -> ContractPosition:
    """The contract's position as of ``as_of`` with penalty at the claimed rate (the Ledger's own
    position when the rate is the contract's)."""
    if not rate.capped:
        return led.receivables.position(file.contract_no, as_of)
    return allocate(file.installments, file.payments, as_of, grace_days=led.receivables.grace_days,
                    penalty_daily_rate=rate.daily, contract_no=file.contract_no, opening=file.opening)


def held_row(file: ContractFile, as_of: date) -> dict | None:
    """The latest 扣车记录 row up to ``as_of`` when the machine is still held."""
    rows = [r for r in file.repossessions if r.get("repo_date") and r["repo_date"] <= as_of]
    return rows[-1] if rows and rows[-1].get("status") == HELD else None


def sent_letters(led: Ledger, file: ContractFile, as_of: date) -> tuple[SentLetter, ...]:
    """The demands sent up to ``as_of``: the register's letters of the contract (with their delivery
    in 催收记录) and the 催款函/律师函 rows of 催收记录 no registered letter accounts for."""
    log = [r for r in file.log_rows if r.get("log_date") and r["log_date"] <= as_of and is_demand(r)]
    used: set[int] = set()
    out: list[SentLetter] = []
    for line in read_register(register_path(led.books_dir)):
        if len(line) < 6 or line[3] != file.contract_no:
            continue
        try:
            day = date.fromisoformat(line[4])
        except ValueError:
            continue
        if day > as_of:
            continue
        delivery = next((r for r in log if id(r) not in used and is_delivered_demand(r)
                         and day <= r["log_date"] <= day + timedelta(days=DELIVERY_WINDOW)), None)
        if delivery is not None:
            used.add(id(delivery))
        out.append(SentLetter("催款函", line[0], day, line[5], delivery["log_date"] if delivery else None))
    for r in log:
        if id(r) not in used:
            out.append(SentLetter(r["action"], "", r["log_date"], "", r["log_date"] if is_delivered_demand(r) else None))
    return tuple(sorted(out, key=lambda s: (s.day, s.number)))


def court_case(led: Ledger, file: ContractFile, as_of: date) -> CourtCase:
    """The :class:`CourtCase` of ``file`` as of ``as_of``."""
    rate = claim_rate(led.decimal("penalty_daily_rate"), led.decimal("lpr_1y"))
    position = claimed_position(led, file, as_of, rate)
    row = build_worklist_row(file.contract, file.sale, position, list(file.log_rows), list(file.payments),
                             led.params, as_of, customer_name=file.customer_name)
    held = held_row(file, as_of)
    accelerated = row is not None and ACCELERATION in row.flags and held is None
    claim = lawsuit_claim(position, file.contract.get("total_price") or ZERO, file.contract.get("down_payment"),
                          accelerated=accelerated, costs=costs(held) if held else ZERO)
    return CourtCase(file, as_of, position, rate, row, claim, court_fee(claim.total), held,
                     sent_letters(led, file, as_of))
