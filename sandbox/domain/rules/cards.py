"""Sundhedskort: is a physical card made for one person, and what does it cost? (SPEC 3.5.1, 6)

`plan_card(facts, parameters)` takes `CardFacts` for one person and one order and returns a
`CardPlan`: whether a physical card is produced, the fee in DKK, and a `Decision` that explains
both (rule ids, parameters with their dates, sources, Danish and English text).

Physical card (SPEC 6.4, release 1.1 item 4): an automatic order (GP choice, group change, CPR
events, practice events) is skipped for a person who opted out of the physical card in LUNA;
no registration means no opt-out. A standalone order (selvstændig bestilling) by the citizen or
a case worker ALWAYS makes a physical card, opted out or not. The opt-out age limit
(``physicalCardOptOutMinAge``) governs registering an opt-out in the app, which LUNA owns; this
rule trusts LUNA's registration as it is.

Fee (SPEC 3.5.1, 6.2): free for a move, a practice event, naming and renumbering (the card is
part of that event). A card made as part of a GP choice or a group change carries no second
fee: the fee lives on the triggering case. A card that is not produced costs nothing. Every
other free trigger - the first card, the move window, a damaged old card, a card never
received, a name change at marriage - is decided by `sandbox.domain.rules.fees`, the one place
for them; otherwise the card costs the fee of the order date's year (``cardFeeDKK``, or
derived by the yearly regulation, `sandbox.domain.rules.fee_regulation`). (A group change
without a fee of its own, which the handlers no longer make, is free in the move window.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

from sandbox.domain.decisions import Decision, Reason
from sandbox.domain.errors import DomainError
from sandbox.domain.parameters import Parameters
from sandbox.domain.rules import fees
from sandbox.domain.rules.fee_regulation import card_fee

RULE_PHYSICAL = "cards.physical_card_opt_out"
RULE_FEE = "cards.fee"
RULE_INSURED = "cards.insured"

SOURCE_PHYSICAL = "SPEC 6.2, 6.4; release notes 1.1 item 4 [SEED]"
SOURCE_FEE = "SPEC 3.5, 3.5.1, 6.2 [C:S48,S60,S50b,S62]"
SOURCE_INSURED = "SPEC 2.1, 6.1, 6.3 [C:S3,S36]"
CARD_GROUPS = (1, 2)


class CardOrderNotAllowed(DomainError):
    """Bestilling ikke tilladt - the actor may not order a card for this person.

    Generic by design: it does not tell a stranger whether the person exists or is protected.
    """

    code = "CARD_ORDER_NOT_ALLOWED"
    kind = "forbidden"
    da = "Du kan ikke bestille sundhedskort for dette CPR-nummer."
    en = "You cannot order a health card for this CPR number."


class CardTrigger(StrEnum):
    """Bestillingsårsag - what caused a card order."""

    GP_CHOICE = "gp_choice"
    GROUP_CHANGE = "group_change"
    MOVE = "move"
    MOVE_IN = "move_in"
    NAMING = "naming"
    RENUMBERING = "renumbering"
    PRACTICE_EVENT = "practice_event"
    STANDALONE = "standalone"


TRIGGER_DA = {
    CardTrigger.GP_CHOICE: "lægevalg",
    CardTrigger.GROUP_CHANGE: "gruppeskift",
    CardTrigger.MOVE: "flytning",
    CardTrigger.MOVE_IN: "tilflytning",
    CardTrigger.NAMING: "navngivning",
    CardTrigger.RENUMBERING: "omnummerering",
    CardTrigger.PRACTICE_EVENT: "praksishændelse",
    CardTrigger.STANDALONE: "selvstændig bestilling",
}
TRIGGER_EN = {
    CardTrigger.GP_CHOICE: "a GP choice",
    CardTrigger.GROUP_CHANGE: "a group change",
    CardTrigger.MOVE: "a move",
    CardTrigger.MOVE_IN: "a move to Denmark",
    CardTrigger.NAMING: "naming",
    CardTrigger.RENUMBERING: "renumbering",
    CardTrigger.PRACTICE_EVENT: "a practice event",
    CardTrigger.STANDALONE: "a standalone order",
}

FREE_TRIGGERS = frozenset(
    {
        CardTrigger.MOVE,
        CardTrigger.MOVE_IN,
        CardTrigger.NAMING,
        CardTrigger.RENUMBERING,
        CardTrigger.PRACTICE_EVENT,
    }
)


class StandaloneReason(StrEnum):
    """Årsag til selvstændig bestilling - why a citizen or case worker orders a card."""

    LOST = "lost"
    DAMAGED = "damaged"
    NOT_RECEIVED = "not_received"
    NAME_CHANGE = "name_change"
    OTHER = "other"


STANDALONE_REASON_DA = {
    StandaloneReason.LOST: "bortkommet kort",
    StandaloneReason.DAMAGED: "beskadiget kort",
    StandaloneReason.NOT_RECEIVED: "kort ikke modtaget",
    StandaloneReason.NAME_CHANGE: "navneændring",
    StandaloneReason.OTHER: "andet",
}


@dataclass(frozen=True, slots=True)
class CardFacts:
    """Kortbestillingsfakta - what the rule needs about one person's card order.

    ``last_card_ordered_on`` is the last physical card Sygesikring ordered for the person
    (None = unknown); ``first_card`` is True when the person never had a card.
    """

    on: date
    trigger: CardTrigger
    opted_out: bool = False
    first_card: bool = False
    fee_on_trigger_case: bool = False
    standalone_reason: StandaloneReason | None = None
    last_card_ordered_on: date | None = None
    moved_in_on: date | None = None
    married_on: date | None = None


@dataclass(frozen=True, slots=True)
class CardPlan:
    """Kortplan - a physical card or not, its fee, and the decision that explains them."""

    physical: bool
    fee_dkk: int
    decision: Decision

    @property
    def skipped_reason(self) -> str | None:
        """The code of the reason a physical card was skipped, or None when one is made."""
        return None if self.physical else self.decision.reasons[0].code


def plan_card(facts: CardFacts, parameters: Parameters) -> CardPlan:
    """Decide the physical card and the fee for one person's order."""
    physical, physical_reason = _physical(facts)
    fee, fee_reason = _fee(facts, physical, parameters)
    return CardPlan(physical, fee, Decision.allow(physical_reason, fee_reason))


def fee_needs_history(trigger: CardTrigger, fee_on_trigger_case: bool) -> bool:
    """Whether a card's plan reads more than its trigger and the person's opt-out.

    Not for a free trigger (a move, naming ...) nor a card whose fee lives on its triggering
    case: `plan_card` then decides from ``trigger``, ``opted_out`` and
    ``fee_on_trigger_case`` alone, and reads neither the date nor the person's history (first
    card, last card, move-in, marriage). A standalone order and a group change without a fee
    of its own do (`_free_by_trigger`, the fee of the year)."""
    return not (fee_on_trigger_case or trigger in FREE_TRIGGERS)


# a pure function of three values, and a day's standalone orders share them: one decision serves
# them all (decisions are never changed once made; the card plans share theirs the same way)
@lru_cache(maxsize=256)
def decide_insured_for_card(resident: bool, group: int | None, on: date) -> Decision:
    """A health card is for a resident in group 1 or 2 (the card shows the group)."""
    fields = (("group", "-" if group is None else group), ("on", on.isoformat()))
    if resident and group in CARD_GROUPS:
        return Decision.allow(
            Reason(
                RULE_INSURED,
                "INSURED_FOR_CARD",
                "Borgeren er bosat og i sikringsgruppe {group} den {on}.",
                "The citizen is resident and in insurance group {group} on {on}.",
                SOURCE_INSURED,
                fields,
            )
        )
    return Decision.refuse(
        Reason(
            RULE_INSURED,
            "NOT_INSURED_FOR_CARD",
            "Der kan kun bestilles sundhedskort til bosatte borgere i sikringsgruppe 1 eller 2; "
            "borgeren er i gruppe {group} den {on}.",
            "Health cards are only for resident citizens in insurance group 1 or 2; the "
            "citizen is in group {group} on {on}.",
            SOURCE_INSURED,
            fields,
        )
    )


def may_order_for(
    actor_cpr: str, cpr: str, guardians: tuple[str, ...], age: int, max_age: int
) -> bool:
    """A citizen orders for themself, or as parent/custody holder for a child under max_age
    (``cardOrderByParentMaxAge``, SPEC 6.2)."""
    return actor_cpr == cpr or (actor_cpr in guardians and age < max_age)


def is_standalone(trigger: CardTrigger) -> bool:
    return trigger is CardTrigger.STANDALONE


def _physical(facts: CardFacts) -> tuple[bool, Reason]:
    trigger = (("trigger", TRIGGER_DA[facts.trigger]), ("trigger_en", TRIGGER_EN[facts.trigger]))
    if is_standalone(facts.trigger):
        return True, Reason(
            RULE_PHYSICAL,
            "STANDALONE_ALWAYS_PHYSICAL",
            "En selvstændig bestilling danner altid et fysisk sundhedskort.",
            "A standalone order always produces a physical health card.",
            SOURCE_PHYSICAL,
        )
    if facts.opted_out:
        return False, Reason(
            RULE_PHYSICAL,
            "PHYSICAL_CARD_OPTED_OUT",
            "Borgeren har fravalgt det fysiske sundhedskort i LUNA; kortbestillingen ved "
            "{trigger} springes over.",
            "The citizen opted out of the physical health card in LUNA; the card order on "
            "{trigger_en} is skipped.",
            SOURCE_PHYSICAL,
            trigger,
        )
    return True, Reason(
        RULE_PHYSICAL,
        "PHYSICAL_CARD_ORDERED",
        "Der er ingen registrering af fravalg i LUNA; et fysisk sundhedskort bestilles ved "
        "{trigger}.",
        "No opt-out is registered in LUNA; a physical health card is ordered on {trigger_en}.",
        SOURCE_PHYSICAL,
        trigger,
    )


def _fee(facts: CardFacts, physical: bool, parameters: Parameters) -> tuple[int, Reason]:
    if not physical:
        return 0, _free(
            "CARD_NOT_PRODUCED",
            "Der dannes intet fysisk kort og intet gebyr.",
            "No physical card is produced, so no fee.",
        )
    if facts.fee_on_trigger_case:
        return 0, _free(
            "FEE_ON_TRIGGERING_CASE",
            "Gebyret for skiftet opkræves på det forløb, der udløste bestillingen; kortet "
            "koster ikke et gebyr mere.",
            "The fee for the change is charged on the case that caused the order; the card "
            "carries no second fee.",
        )
    if facts.trigger in FREE_TRIGGERS:
        return 0, _free(
            "FREE_" + facts.trigger.name,
            "Kortet er gratis ved {trigger}.",
            "The card is free on {trigger_en}.",
            (("trigger", TRIGGER_DA[facts.trigger]), ("trigger_en", TRIGGER_EN[facts.trigger])),
        )
    free = _free_by_trigger(facts, parameters)
    if free is not None:
        return 0, free
    fee = card_fee(facts.on, parameters)
    return fee.fee, Reason(
        RULE_FEE,
        "CARD_FEE",
        "Sundhedskortet koster {fee} kr. (gebyret for {year}).",
        "The health card costs DKK {fee} (the fee for {year}).",
        SOURCE_FEE,
        (("fee", fee.fee), ("year", fee.year)),
        fee.uses,
    )


def _free_by_trigger(facts: CardFacts, parameters: Parameters) -> Reason | None:
    """The `fees` trigger that makes this card free on the order date, if any."""
    on, reason = facts.on, facts.standalone_reason
    if facts.first_card:
        return fees.first_card(False, False, on)
    if facts.trigger is CardTrigger.GROUP_CHANGE:
        return fees.after_move(facts.moved_in_on, on, parameters)
    if reason is StandaloneReason.DAMAGED:
        return fees.old_card_damaged(facts.last_card_ordered_on, on, parameters)
    if reason is StandaloneReason.NOT_RECEIVED:
        return fees.card_not_received(facts.moved_in_on, facts.last_card_ordered_on, on, parameters)
    if reason is StandaloneReason.NAME_CHANGE:
        return fees.name_change_after_marriage(facts.married_on, on, parameters)
    return None


def _free(code: str, da: str, en: str, fields: tuple[tuple[str, object], ...] = ()) -> Reason:
    return Reason(RULE_FEE, code, da, en, SOURCE_FEE, fields)
