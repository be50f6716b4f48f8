"""Gebyr: what a GP or group change costs, and the triggers that make it free (SPEC 3.5, 3.5.1).

This module is the ONE place where a free trigger is decided: the GP-choice and group-change
handlers ask it through `sandbox.service.handlers.fees`, and the card rule
(`sandbox.domain.rules.cards`) asks the same functions for a card's fee.

A change of GP (or group) means a new health card, and the fee is the card fee of the year of
the effective date (``cardFeeDKK``, keyed by 1 January; a year without one is derived by the
yearly regulation, `sandbox.domain.rules.fee_regulation`); `decide_fee` says so for a GP change
or for a group change (``FeeFacts.change == GROUP``). The change is free when a
trigger holds on the effective date. Each trigger is a small pure function returning the
`Reason` that makes it free, or None. Windows include both ends: from the first day up to and
including that day plus N days.

- first card ever (no earlier listing and no earlier card) [C:S48,S60];
- move: from ``moved_in_on`` for ``freeChoiceAfterMoveDays`` [CONFLICT]; a GP choice made AHEAD
  of a move for the moving-in address is made in connection with the move (`with_move`);
- turning 15: from the birthday ``age.independentChoice`` for ``freeChoiceAfterAge15Days``;
- new CPR number: from ``renumbered_on`` for ``freeChoiceAfterRenumberingDays`` [NC: SPEC gives
  the trigger, not the window];
- return from dormant status: from the day it ends for ``freeChoiceAfterDormantDays`` [NC];
- a child under ``age.independentChoice`` following the custody holder's choice in the same case
  (SPEC 3.5.1 "child < 15 ... the parent/guardian it follows changes data");
- not the citizen's own decision: an administrative assignment after "Manglende lægevalg"
  (`administrative_assignment`), one of the new practices assigned after a split
  (`split_assignment`), and the group changes exempt from the one-year rule that the
  citizen did not ask for (`group_change_exempt`: forced transfer, move from Greenland,
  renumbering inheritance) [C:S17b][NC: which of them are free];
- replacement cards (standalone orders): a damaged card older than
  ``freeReplacementIfCardOlderThanYears``, a card never received reported within
  ``cardNotReceivedFreeReorderDays`` of its order, a name change within
  ``freeNameChangeAfterMarriageMonths`` of the wedding;
- the practice-event free period is decided by `sandbox.domain.rules.practice_events`.

Otherwise a GP change and a group change are charged (SPEC 3.5.1 "otherwise").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from sandbox.domain.dates import add_months
from sandbox.domain.decisions import Decision, ParameterUse, Reason
from sandbox.domain.parameters import Parameters
from sandbox.domain.rules.closed_doctor import birthday
from sandbox.domain.rules.fee_regulation import card_fee, regulation_reason
from sandbox.domain.rules.groups import (
    FORCED_TRANSFER_TO_GROUP1,
    MOVE_FROM_GREENLAND,
    RENUMBERING_INHERITANCE,
)

RULE_FEE = "fees.card_fee"
RULE_FREE = "fees.free_change"
SOURCE_FEE = "SPEC 3.5 [C:S9,S10,S16,S22,S50]"
SOURCE_FREE = "SPEC 3.5.1 [C:S23,S48,S50,S51,S56,S57,S60]"
SOURCE_NOT_OWN = "SPEC 2.3, 3.5.1, 3.8 [C:S15b,S17b][NC]"
SOURCE_CARD = "SPEC 3.5.1, 6.2 [C:S48,S60,S50b,S62]"

GP = "gp"
GROUP = "group"
_CHARGED = {
    GP: (
        "Lægeskiftet koster sundhedskortgebyret for {year}: {fee} kr. Ingen af betingelserne "
        "for et gratis skift er opfyldt den {on}.",
        "The change of GP costs the {year} health-card fee: DKK {fee}. None of the "
        "conditions for a free change holds on {on}.",
    ),
    GROUP: (
        "Gruppeskiftet koster sundhedskortgebyret for {year}: {fee} kr. Ingen af betingelserne "
        "for et gratis skift er opfyldt den {on}.",
        "The change of group costs the {year} health-card fee: DKK {fee}. None of the "
        "conditions for a free change holds on {on}.",
    ),
}


@dataclass(slots=True, unsafe_hash=True)
class FeeFacts:
    """Gebyrgrundlag - the effective date and the reasons (if any) that make a change free."""

    on: Final[date]
    free_reasons: Final[tuple[Reason, ...]] = ()
    change: Final[str] = GP  # GP or GROUP: only the wording differs


@dataclass(slots=True, unsafe_hash=True)
class FeeDecision:
    """Gebyrafgørelse - the fee in whole DKK and the decision that explains it."""

    fee_dkk: Final[int]
    decision: Final[Decision]

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
    # a charge depends on the day and the kind of change alone: every change charged that day
    # shares one immutable decision (the fee's yearly regulation is worked out once a day)
    on, change = facts.on, facts.change
    return parameters.derived((RULE_FEE, on, change), lambda: _charged(on, change, parameters))


def _charged(on: date, change: str, parameters: Parameters) -> FeeDecision:
    """The card fee of ``on``'s year charged for a ``change`` (GP or GROUP), explained."""
    fee = card_fee(on, parameters)
    da, en = _CHARGED[change]
    charged = Reason(
        RULE_FEE,
        "CARD_FEE_CHARGED",
        da,
        en,
        SOURCE_FEE,
        (("year", fee.year), ("fee", fee.fee), ("on", on.isoformat())),
        fee.uses,
    )
    regulated = regulation_reason(fee)
    reasons = (charged,) if regulated is None else (charged, regulated)
    return FeeDecision(fee.fee, Decision.allow(*reasons))


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
    if moved_in_on is None or moved_in_on > on:  # no window can hold: no parameter asked
        return None
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
    age, days, long_past = parameters.derived(
        (RULE_FREE, "age15", on), lambda: _age_15_window(on, parameters)
    )
    if birth_date <= long_past:  # the common case: the window ended long ago
        return None
    start = birthday(birth_date, int(age.value))
    if start > on:  # not yet: no window to ask for, no texts to make
        return None
    if on > start + timedelta(days=int(days.value)):
        return None
    return _window(
        start,
        on,
        days,
        "FREE_AFTER_AGE_15",
        "Gratis: borgeren fyldte " + str(age.value) + " år den {start} og kan skifte læge "
        "gratis til og med {last}.",
        "Free: the citizen turned " + str(age.value) + " on {start} and may change GP free of "
        "charge up to and including {last}.",
        age,
    )


def _age_15_window(on: date, parameters: Parameters) -> tuple[ParameterUse, ParameterUse, date]:
    """The age-15 window's parameters on ``on``, and a birth date on or before which the window
    has surely ended by ``on`` (the birthday then came at least two days before the window's
    length: a 29 February birthday moves by a day at most), made once a day."""
    age = parameters.use("age.independentChoice", on)
    days = parameters.use("freeChoiceAfterAge15Days", on)
    latest_start = on - timedelta(days=int(days.value) + 2)
    return age, days, birthday(latest_start, -int(age.value))


def after_renumbering(
    renumbered_on: date | None, on: date, parameters: Parameters
) -> Reason | None:
    """Free within ``freeChoiceAfterRenumberingDays`` of a new CPR number."""
    if renumbered_on is None or renumbered_on > on:
        return None
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
    if dormant_ended_on is None or dormant_ended_on > on:
        return None
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
        "Gratis: barnet er under {age} år og følger {main:genitive} lægevalg i samme forløb.",
        "Free: the child is under {age} and follows the GP choice of {main} in the same case.",
        SOURCE_FREE,
        (("age", age.value), ("main", main_name)),
        (age,),
    )


def with_move(move_on: date, address_text: str, on: date, parameters: Parameters) -> Reason:
    """Free: a GP choice made ahead of a move, for the moving-in address, is made in
    connection with the move; it takes effect when CPR reports the move (SPEC 3.5.1, 3.8)."""
    days = parameters.use("freeChoiceAfterMoveDays", on)
    return Reason(
        RULE_FREE,
        "FREE_WITH_MOVE",
        "Gratis: lægevalget er truffet forud for flytningen til {address} (ventet {move_on}) og "
        "gælder fra flytningen; et lægeskift i forbindelse med flytning er gratis.",
        "Free: the GP choice is made ahead of the move to {address} (expected {move_on}) and "
        "takes effect with the move; a change of GP in connection with a move is free.",
        SOURCE_FREE,
        (("address", address_text), ("move_on", move_on.isoformat()), ("on", on.isoformat())),
        (days,),
    )


def administrative_assignment(choose_by: date, on: date) -> Reason:
    """Free: the municipality assigned the doctor after the deadline; not the citizen's choice."""
    return Reason(
        RULE_FREE,
        "FREE_ADMINISTRATIVE_ASSIGNMENT",
        "Gratis: kommunen har tildelt lægen administrativt den {on}, fordi der ikke var valgt "
        "læge inden fristen {choose_by}; det er ikke borgerens eget valg.",
        "Free: the municipality assigned the GP administratively on {on} because no GP was "
        "chosen by the deadline {choose_by}; it is not the citizen's own decision.",
        SOURCE_NOT_OWN,
        (("on", on.isoformat()), ("choose_by", choose_by.isoformat())),
    )


def split_assignment(ydernummer: str, on: date) -> Reason:
    """Free: after a split the municipality assigned one of the new practices (SPEC 3.5.1
    "Doctor closes the practice, or the practice is split"; not the citizen's own decision)."""
    return Reason(
        RULE_FREE,
        "FREE_SPLIT_ASSIGNMENT",
        "Gratis: praksis med ydernummer {ydernummer} er delt i flere, og kommunen har den {on} "
        "tildelt en af de nye praksis; det er ikke borgerens eget valg.",
        "Free: provider {ydernummer} was split, and on {on} the municipality assigned one of "
        "the new practices; it is not the citizen's own decision.",
        SOURCE_FREE,
        (("ydernummer", ydernummer), ("on", on.isoformat())),
    )


_EXEMPT_GROUP_CHANGES = {
    FORCED_TRANSFER_TO_GROUP1: (
        "tvungen overflytning til gruppe 1",
        "a forced transfer to group 1",
    ),
    MOVE_FROM_GREENLAND: ("flytning fra Grønland", "a move from Greenland"),
    RENUMBERING_INHERITANCE: ("nyt CPR-nummer (omnummerering)", "a new CPR number (renumbering)"),
    # group 1 by default after moving in without choosing (SPEC 2.2): not the citizen's choice
    "NO_GROUP_CHOSEN": ("indrejse uden valg af gruppe", "moving in without choosing a group"),
    # hvilende sikring (SPEC 2.1): the institution reports it, the citizen does not choose it
    "DORMANT": (
        "hvilende sikring (værnepligt eller Kriminalforsorgen)",
        "dormant insurance (military service or the Prison Service)",
    ),
}


def group_change_exempt(reason: str, on: date) -> Reason | None:
    """Free: a group change the citizen did not ask for (forced transfer, move from Greenland,
    renumbering inheritance) - the same reasons that are exempt from the one-year rule."""
    if reason not in _EXEMPT_GROUP_CHANGES:
        return None
    da, en = _EXEMPT_GROUP_CHANGES[reason]
    return Reason(
        RULE_FREE,
        "FREE_GROUP_CHANGE_" + reason,
        "Gratis: gruppeskiftet sker ved {what_da} og er ikke borgerens eget valg.",
        "Free: the group change comes with {what_en} and is not the citizen's own decision.",
        SOURCE_NOT_OWN,
        (("what_da", da), ("what_en", en), ("on", on.isoformat())),
    )


def old_card_damaged(
    card_ordered_on: date | None, on: date, parameters: Parameters
) -> Reason | None:
    """Free: a damaged card ordered more than ``freeReplacementIfCardOlderThanYears`` ago."""
    years = parameters.use("freeReplacementIfCardOlderThanYears", on)
    if card_ordered_on is None or not on > add_months(card_ordered_on, 12 * int(years.value)):
        return None
    return _card_reason("FREE_OLD_CARD_DAMAGED", "kortets bestilling", card_ordered_on, years)


def card_not_received(
    moved_in_on: date | None, card_ordered_on: date | None, on: date, parameters: Parameters
) -> Reason | None:
    """Free: a card never received, reported within ``cardNotReceivedFreeReorderDays`` of the
    move (SPEC 3.5.1, Copenhagen: "within 60 days of the move"); a citizen with no recorded
    move counts from the order date (Mariagerfjord's reading), the only date there is."""
    days = parameters.use("cardNotReceivedFreeReorderDays", on)
    since, since_da = (moved_in_on, "flytningen") if moved_in_on else (card_ordered_on, "")
    if since is None or card_ordered_on is None:
        return None
    if not on <= since + timedelta(days=int(days.value)):
        return None
    return _card_reason("FREE_NOT_RECEIVED", since_da or "kortets bestilling", since, days)


def name_change_after_marriage(
    married_on: date | None, on: date, parameters: Parameters
) -> Reason | None:
    """Free: a new card after a name change within ``freeNameChangeAfterMarriageMonths``."""
    months = parameters.use("freeNameChangeAfterMarriageMonths", on)
    if married_on is None or not married_on <= on <= add_months(married_on, int(months.value)):
        return None
    return _card_reason("FREE_NAME_CHANGE_MARRIAGE", "vielsen", married_on, months)


_CARD_TEXTS = {
    "FREE_OLD_CARD_DAMAGED": (
        "Kortet er gratis: det beskadigede kort blev bestilt den {since} og er mere end "
        "{limit} år gammelt.",
        "The card is free: the damaged card was ordered on {since} and is more than {limit} "
        "years old.",
    ),
    "FREE_NOT_RECEIVED": (
        "Kortet er gratis: kortet, der blev bestilt den {since}, er ikke kommet frem, og det er "
        "meldt inden for {limit} dage.",
        "The card is free: the card ordered on {since} never arrived, and that was reported "
        "within {limit} days.",
    ),
    "FREE_NAME_CHANGE_MARRIAGE": (
        "Kortet er gratis: navneændringen sker inden for {limit} måneder efter vielsen den "
        "{since}.",
        "The card is free: the change of name comes within {limit} months of the wedding on "
        "{since}.",
    ),
}


def _card_reason(code: str, since_da: str, since: date, parameter: ParameterUse) -> Reason:
    da, en = _CARD_TEXTS[code]
    return Reason(
        RULE_FREE,
        code,
        da,
        en,
        SOURCE_CARD,
        (
            ("limit", parameter.value),
            ("parameter", parameter.name),
            ("since_da", since_da),
            ("since", since.isoformat()),
        ),
        (parameter,),
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
