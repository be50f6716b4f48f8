"""Gebyr: what a GP change costs, and the triggers that make it free (SPEC 3.5, 3.5.1).

A change of GP means a new health card, and the fee is the card fee of the year of the
effective date (``cardFeeDKK``, keyed by 1 January). The change is free when a trigger holds on
the effective date. Each trigger is a small pure function returning the `Reason` that makes it
free, or None; the service layer asks them (`sandbox.service.handlers.fees.TRIGGERS`) and hands
their reasons to `decide_fee`.

Windows include both ends: from the first day up to and including that day plus N days.

- first card ever (no earlier listing and no earlier card) [C:S48,S60];
- move: from ``moved_in_on`` for ``freeChoiceAfterMoveDays`` [CONFLICT];
- turning 15: from the birthday ``age.independentChoice`` for ``freeChoiceAfterAge15Days``;
- new CPR number: from ``renumbered_on`` for ``freeChoiceAfterRenumberingDays`` [NC: SPEC gives
  the trigger, not the window];
- return from dormant status: from the day it ends for ``freeChoiceAfterDormantDays`` [NC];
- a child under ``age.independentChoice`` following the custody holder's choice in the same case
  (SPEC 3.5.1 "child < 15 ... the parent/guardian it follows changes data");
- the practice-event free period is decided by `sandbox.domain.rules.practice_events`.

A group change is charged (SPEC 3.5.1 "otherwise"). A name change at marriage is a card reason,
not a GP-choice reason, and is not a trigger here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sandbox.domain.decisions import Decision, ParameterUse, Reason
from sandbox.domain.parameters import Parameters
from sandbox.domain.rules.closed_doctor import birthday

RULE_FEE = "fees.card_fee"
RULE_FREE = "fees.free_change"
SOURCE_FEE = "SPEC 3.5 [C:S9,S10,S16,S22,S50]"
SOURCE_FREE = "SPEC 3.5.1 [C:S23,S48,S50,S51,S56,S57,S60]"


@dataclass(frozen=True, slots=True)
class FeeFacts:
    """Gebyrgrundlag - the effective date and the reasons (if any) that make a change free."""

    on: date
    free_reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True, slots=True)
class FeeDecision:
    """Gebyrafgørelse - the fee in whole DKK and the decision that explains it."""

    fee_dkk: int
    decision: Decision

    @property
    def free(self) -> bool:
        return self.fee_dkk == 0

    @property
    def reason_codes(self) -> tuple[str, ...]:
        return self.decision.codes


def decide_fee(facts: FeeFacts, parameters: Parameters) -> FeeDecision:
    """Free with the trigger's reasons, or the card fee of the effective date's year."""
    if facts.free_reasons:
        return FeeDecision(0, Decision.allow(*facts.free_reasons))
    fee = parameters.use("cardFeeDKK", facts.on)
    return FeeDecision(
        int(fee.value),
        Decision.allow(
            Reason(
                RULE_FEE,
                "CARD_FEE_CHARGED",
                "Lægeskiftet koster sundhedskortgebyret for {year}: {fee} kr. Ingen af "
                "betingelserne for et gratis skift er opfyldt den {on}.",
                "The change of GP costs the {year} health-card fee: DKK {fee}. None of the "
                "conditions for a free change holds on {on}.",
                SOURCE_FEE,
                (("year", facts.on.year), ("fee", fee.value), ("on", facts.on.isoformat())),
                (fee,),
            )
        ),
    )


def first_card(has_earlier_listing: bool, has_earlier_card: bool, on: date) -> Reason | None:
    """Free: the person has never had a GP listing nor a health card before."""
    if has_earlier_listing or has_earlier_card:
        return None
    return Reason(
        RULE_FREE,
        "FREE_FIRST_CARD",
        "Gratis: det er personens første sundhedskort (intet tidligere lægevalg eller kort).",
        "Free: it is the person's first health card (no earlier GP listing or card).",
        SOURCE_FREE,
        (("on", on.isoformat()),),
    )


def after_move(moved_in_on: date | None, on: date, parameters: Parameters) -> Reason | None:
    """Free within ``freeChoiceAfterMoveDays`` of the first day at the new address."""
    return _window(
        moved_in_on,
        on,
        parameters.use("freeChoiceAfterMoveDays", on),
        "FREE_AFTER_MOVE",
        "Gratis: borgeren flyttede ind den {start}, og et lægeskift i forbindelse med "
        "flytning er gratis til og med {last}.",
        "Free: the citizen moved in on {start}, and a change of GP in connection with the move "
        "is free up to and including {last}.",
    )


def after_age_15(birth_date: date, on: date, parameters: Parameters) -> Reason | None:
    """Free within ``freeChoiceAfterAge15Days`` of the birthday ``age.independentChoice``."""
    age = parameters.use("age.independentChoice", on)
    return _window(
        birthday(birth_date, int(age.value)),
        on,
        parameters.use("freeChoiceAfterAge15Days", on),
        "FREE_AFTER_AGE_15",
        "Gratis: borgeren fyldte " + str(age.value) + " år den {start} og kan skifte læge "
        "gratis til og med {last}.",
        "Free: the citizen turned " + str(age.value) + " on {start} and may change GP free of "
        "charge up to and including {last}.",
        age,
    )


def after_renumbering(
    renumbered_on: date | None, on: date, parameters: Parameters
) -> Reason | None:
    """Free within ``freeChoiceAfterRenumberingDays`` of a new CPR number."""
    return _window(
        renumbered_on,
        on,
        parameters.use("freeChoiceAfterRenumberingDays", on),
        "FREE_AFTER_RENUMBERING",
        "Gratis: borgeren fik nyt CPR-nummer den {start}; et nyt sundhedskort er gratis til "
        "og med {last}.",
        "Free: the citizen got a new CPR number on {start}; a new health card is free up to "
        "and including {last}.",
    )


def after_dormant(dormant_ended_on: date | None, on: date, parameters: Parameters) -> Reason | None:
    """Free within ``freeChoiceAfterDormantDays`` of the end of dormant insurance."""
    return _window(
        dormant_ended_on,
        on,
        parameters.use("freeChoiceAfterDormantDays", on),
        "FREE_AFTER_DORMANT",
        "Gratis: borgerens hvilende sikring (værnepligt eller Kriminalforsorgen) sluttede den "
        "{start}; skiftet er gratis til og med {last}.",
        "Free: the citizen's dormant insurance (military service or the Prison Service) ended "
        "on {start}; the change is free up to and including {last}.",
    )


def child_follows_parent(
    birth_date: date, main_name: str, on: date, parameters: Parameters
) -> Reason | None:
    """Free for a child under ``age.independentChoice`` who follows the custody holder."""
    age = parameters.use("age.independentChoice", on)
    if on >= birthday(birth_date, int(age.value)):
        return None
    return Reason(
        RULE_FREE,
        "FREE_CHILD_FOLLOWS_PARENT",
        "Gratis: barnet er under {age} år og følger {main}s lægevalg i samme forløb.",
        "Free: the child is under {age} and follows the GP choice of {main} in the same case.",
        SOURCE_FREE,
        (("age", age.value), ("main", main_name)),
        (age,),
    )


def _window(
    start: date | None,
    on: date,
    days: ParameterUse,
    code: str,
    da: str,
    en: str,
    *more: ParameterUse,
) -> Reason | None:
    if start is None:
        return None
    last = start + timedelta(days=int(days.value))
    if not start <= on <= last:
        return None
    return Reason(
        RULE_FREE,
        code,
        da,
        en,
        SOURCE_FREE,
        (("start", start.isoformat()), ("last", last.isoformat()), ("on", on.isoformat())),
        (days, *more),
    )
