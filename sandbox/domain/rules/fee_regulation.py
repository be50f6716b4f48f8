"""Årlig regulering af sundhedskortgebyret: the card fee of a year (SPEC 3.5).

SPEC 3.5: the fee is "regulated once a year by the satsreguleringsprocent and rounded to the
nearest amount divisible by 5" [C:S9,S10]. `card_fee(on, parameters)` gives the fee of the
year of ``on`` with the parameters it used:

- a year with a value of its own in ``cardFeeDKK`` (keyed by 1 January) takes it as listed;
- a year from the first value of ``cardFeeRegulationPercent`` on, without a listed value, is
  derived: the previous year's fee x (1 + that year's percentage / 100), rounded to the nearest
  multiple of ``cardFeeRounding`` (a half rounds up: 227.50 -> 230, 227.49 -> 225);
- a year before the regulation parameter starts keeps the previous listed value (2015's 190
  holds until 2019: the percentages of 2016-2018 are not known).

The arithmetic is in `Decimal`, so a half is a half and not a float just below it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sandbox.domain.decisions import ParameterUse, Reason
from sandbox.domain.parameters import Parameters

RULE_REGULATION = "fees.yearly_regulation"
SOURCE_REGULATION = "SPEC 3.5, 10 [C:S9,S10][NC: percentages after 2023]"
FEE = "cardFeeDKK"
PERCENT = "cardFeeRegulationPercent"
ROUNDING = "cardFeeRounding"


@dataclass(frozen=True, slots=True)
class CardFee:
    """Årets gebyr - the fee of one year and how it was found.

    ``base_year``/``base_fee`` are the previous year's fee a derived fee was regulated from
    (None for a listed fee); ``uses`` are the parameters, the listed fee it started from first.
    """

    year: int
    fee: int
    uses: tuple[ParameterUse, ...]
    base_year: int | None = None
    base_fee: int | None = None
    percent: float | None = None
    rounding: int | None = None

    @property
    def derived(self) -> bool:
        return self.base_year is not None


def round_to_multiple(amount: Decimal, multiple: int) -> int:
    """The nearest multiple of ``multiple``; exactly halfway rounds up (227.5 -> 230)."""
    steps = (amount / Decimal(multiple)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(steps) * multiple


def regulate(previous: int, percent: float, multiple: int) -> int:
    """The previous year's fee regulated by ``percent`` and rounded (SPEC 3.5)."""
    factor = Decimal(1) + Decimal(str(percent)) / Decimal(100)
    return round_to_multiple(Decimal(previous) * factor, multiple)


def card_fee(on: date, parameters: Parameters) -> CardFee:
    """The card fee of the year of ``on``: listed, or derived by the yearly regulation."""
    year = on.year
    january = date(year, 1, 1)
    listed = parameters.use(FEE, on)
    regulation = parameters.definition(PERCENT)
    if listed.effective_from.year == year or january < regulation.starts[0]:
        return CardFee(year, int(listed.value), (listed,))
    previous = card_fee(date(year - 1, 12, 31), parameters)
    percent = parameters.use(PERCENT, january)
    rounding = parameters.use(ROUNDING, january)
    fee = regulate(previous.fee, float(percent.value), int(rounding.value))
    uses = tuple(dict.fromkeys((*previous.uses, percent, rounding)))
    return CardFee(
        year,
        fee,
        uses,
        base_year=year - 1,
        base_fee=previous.fee,
        percent=float(percent.value),
        rounding=int(rounding.value),
    )


def regulation_reason(fee: CardFee) -> Reason | None:
    """Why a derived year's fee is what it is (None for a listed fee)."""
    if not fee.derived:
        return None
    return Reason(
        RULE_REGULATION,
        "CARD_FEE_REGULATED",
        "Der er ikke fastsat et sundhedskortgebyr for {year}. Gebyret er gebyret for "
        "{base_year} ({base_fee} kr.) reguleret med satsreguleringsprocenten {percent} % og "
        "afrundet til nærmeste beløb, der er deleligt med {rounding}: {fee} kr.",
        "No health-card fee is set for {year}. The fee is the {base_year} fee (DKK "
        "{base_fee}) regulated by the satsreguleringsprocent {percent} % and rounded to the "
        "nearest amount divisible by {rounding}: DKK {fee}.",
        SOURCE_REGULATION,
        (
            ("year", fee.year),
            ("base_year", fee.base_year),
            ("base_fee", fee.base_fee),
            ("percent", fee.percent),
            ("rounding", fee.rounding),
            ("fee", fee.fee),
        ),
        fee.uses,
    )
