"""Sundhedskort efter en praksishændelse: do the practice's patients get a new card? (SPEC 6.2)

The health card shows the GP's name, address and phone (SPEC 6.1), so an event after which the
patients stay with the practice under new data - an overdragelse (a new owner: the doctor's
name on the card changes), an ændring (partnership, owner, or only the clinic's name, address
or phone) or a sammenlægning - orders a new card, automatically and free, for everyone listed
at the practice on the day it takes effect (SPEC 6.2 "Practice event (new doctor data) |
automatic (region/municipality) | free" [C:S64 "ændringer i din lægepraksis' oplysninger"]).
Which kinds do is the dated parameter ``practiceEventNewCardKinds``.

A nedlæggelse or opsplitning orders no card by itself: the patients get a new doctor, and the
new card comes with that GP choice - free within the free period (SPEC 3.5.1 "Doctor closes
the practice, or the practice is split"), free when the municipality assigns the doctor, and
charged when the citizen chooses after the window. A person who opted out of the physical card
gets none (`sandbox.domain.rules.cards`, SPEC 6.4).
"""

from __future__ import annotations

from sandbox.domain.decisions import Decision, ParameterUse, Reason
from sandbox.domain.practice_events import PracticeEvent

RULE_EVENT_CARD = "cards.practice_event"
SOURCE_EVENT_CARD = "SPEC 3.5.1, 6.1, 6.2 [C:S48,S60,S64,S59,S89]"


def decide_new_card(event: PracticeEvent, kinds: ParameterUse) -> Decision:
    """Allowed: the patients listed on the effective day get a new card; refused: no card."""
    fields = (
        ("kind_da", event.kind_da),
        ("kind_en", event.kind_en),
        ("ydernummer", event.ydernummer),
        ("on", event.effective_date),
    )
    if str(event.kind) in tuple(kinds.value):
        return Decision.allow(
            Reason(
                RULE_EVENT_CARD,
                "NEW_CARD_AFTER_PRACTICE_EVENT",
                "Lægens oplysninger på sundhedskortet ændres ved {kind_da} af praksis med "
                "ydernummer {ydernummer} den {on}. Patienterne i praksis får automatisk et nyt "
                "sundhedskort uden gebyr.",
                "The doctor's data on the health card change with the {kind_en} of provider "
                "{ydernummer} on {on}. The practice's patients automatically get a new health "
                "card free of charge.",
                SOURCE_EVENT_CARD,
                fields,
                (kinds,),
            )
        )
    return Decision.refuse(
        Reason(
            RULE_EVENT_CARD,
            "NO_CARD_UNTIL_NEW_DOCTOR",
            "Ved {kind_da} af praksis med ydernummer {ydernummer} bestilles intet kort på "
            "selve dagen: patienterne får en ny læge, og det nye sundhedskort kommer med "
            "lægevalget.",
            "The {kind_en} of provider {ydernummer} orders no card on the day itself: the "
            "patients get a new doctor, and the new health card comes with that GP choice.",
            SOURCE_EVENT_CARD,
            fields,
            (kinds,),
        )
    )
