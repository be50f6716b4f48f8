"""A case worker extends a practice event's free period for one citizen (SPEC 3.5.1, 4.3).

SPEC 4.3 ``practiceEventFreePeriodRelaxation``: case workers may extend the free period when the
citizen was not informed of the event (21SFP123; STPK asks for a "temporal connection", not a
rigid deadline). `extend_free_choice` checks that the role may (a case worker of the citizen's
municipality, with or without special rights), that ``practiceEventFreePeriodCaseWorkerMayExtend``
allows it, that the event concerns the citizen and is not cancelled, and that ``until`` is not
before today; then the GP-choice fee asks the extension (`practice_event_offer`) up to and
including ``until``. A refusal changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sandbox.domain.decisions import Decision, Reason
from sandbox.domain.errors import RuleRefused
from sandbox.domain.rules.practice_events import relevant_events
from sandbox.service.commands import ExtendFreeChoice
from sandbox.service.handlers.practice_event_offers import offer_facts
from sandbox.service.unit_of_work import UnitOfWork

RULE = "practice_events.free_period_extension"
SOURCE = "SPEC 3.5.1, 4.3 (practiceEventFreePeriodRelaxation) [C:S18 (21SFP123),S17 (19SFP24)]"


@dataclass(frozen=True, slots=True)
class FreeChoiceExtension:
    """Forlænget gratisperiode - for whom, after which event, through which day."""

    cpr: str
    event_id: str
    until: date
    decision: Decision


def extend_free_choice(command: ExtendFreeChoice, uow: UnitOfWork) -> FreeChoiceExtension:
    """Extend the free period for the citizen, or refuse with the reason."""
    citizen = uow.citizen(command.cpr)
    event = uow.registry.find_practice_event(command.event_id)
    today = uow.today()
    may = uow.parameters.use("practiceEventFreePeriodCaseWorkerMayExtend", today)
    facts = offer_facts(uow, citizen, today)
    concerns = event is not None and any(
        e.event_id == event.event_id for e in relevant_events(facts)
    )
    fields = (("event_id", command.event_id), ("until", command.until))
    if not may.value or not concerns or command.until < today:
        code = "EXTENSION_NOT_ALLOWED" if not may.value else "EXTENSION_NOT_POSSIBLE"
        refusal = Decision.refuse(
            Reason(
                RULE,
                code,
                "Gratisperioden efter praksishændelsen {event_id} kan ikke forlænges til {until} "
                "for borgeren: hændelsen skal vedrøre borgerens læge, den må ikke være "
                "annulleret, og datoen må ikke ligge før i dag.",
                "The free period after practice event {event_id} cannot be extended to {until} "
                "for the citizen: the event must concern the citizen's doctor, must not be "
                "cancelled, and the date must not lie before today.",
                SOURCE,
                fields,
                (may,),
            )
        )
        uow.decided(f"ExtendFreeChoice {command.cpr} {command.event_id}", refusal)
        raise RuleRefused(refusal)
    assert event is not None
    decision = Decision.allow(
        Reason(
            RULE,
            "FREE_PERIOD_EXTENDED",
            "Sagsbehandleren forlænger gratisperioden efter praksishændelsen {event_id} for "
            "borgeren til og med {until}, fordi borgeren ikke er blevet orienteret i tide.",
            "The case worker extends the free period after practice event {event_id} for the "
            "citizen through {until}, because the citizen was not informed in time.",
            SOURCE,
            fields,
            (may,),
        )
    )
    uow.decided(f"ExtendFreeChoice {command.cpr} {command.event_id}", decision)
    uow.registry.before_change(event, "extended_for", "history")  # both made anew below
    event.extended_for = {**event.extended_for, citizen.cpr: command.until}
    extended = (today, f"free period extended for {citizen.cpr} to {command.until}")
    event.history = [*event.history, extended]
    return FreeChoiceExtension(citizen.cpr, event.event_id, command.until, decision)
