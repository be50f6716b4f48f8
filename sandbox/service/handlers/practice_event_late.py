"""A listing at a practice that starts before its closure's or split's wind-up, made after it.

A newborn inherits the birth-giving parent's doctor from the birth date (release 1.1 item 9).
When CPR reports the birth only after the wind-up of a closure or split at that doctor's
practice (`sandbox.service.handlers.practice_event_deadlines`), the wind-up never saw the
child. `wind_up_late_listing` gives the child what the wind-up gives a patient who did not
choose (SPEC 4.1), so nobody stays at a practice that is gone:
- a closure whose patients stay until they choose: the listing stays, with "Manglende
  lægevalg" (`sandbox.service.handlers.practice_event_closure`);
- otherwise the listing ends the day after the free period, and a split assigns a successor
  (`sandbox.service.handlers.practice_event_split`); whoever is not assigned gets "Manglende
  lægevalg" from that day.
"""

from __future__ import annotations

from datetime import date, timedelta

from sandbox.domain.case_details import MissingGpChoiceDetails
from sandbox.domain.decisions import Decision, ParameterUse, Reason
from sandbox.domain.model import Case, Citizen
from sandbox.domain.practice_events import PracticeEvent, PracticeEventKind
from sandbox.domain.rules.practice_events import free_period_end
from sandbox.service.case_factory import open_practice_event_missing_choice
from sandbox.service.handlers.practice_event_closure import (
    keep_late_listing_until_chosen,
    stays_until_chosen,
)
from sandbox.service.handlers.practice_event_split import assign_split_patients
from sandbox.service.unit_of_work import UnitOfWork

RULE_DEADLINE = "practice_events.deadline"
SOURCE_DEADLINE = "SPEC 3.8, 4.1, 4.2, 7.3 [C:S15b,S20,S28,S67]"


def wind_up_late_listing(
    uow: UnitOfWork, citizen: Citizen, ydernummer: str, valid_from: date, case_id: str
) -> None:
    """The citizen was just listed at ``ydernummer`` from ``valid_from`` (by case ``case_id``):
    if a closure or split of that practice was wound up already, apply its wind-up to them.

    Only that practice's events are looked at (the store's index by practice): a newborn with a
    doctor visited every practice event of every practice before, which nearly never matters."""
    for event in uow.registry.practice_events_of(ydernummer):
        if (
            event.ydernummer != ydernummer
            or event.cancelled
            or not event.deadline_processed
            or not event.per_municipality
        ):
            continue
        if stays_until_chosen(uow, event) is not None:
            keep_late_listing_until_chosen(uow, citizen, ydernummer, valid_from)
            return
        end, _ = free_period_end(event.effective_date, uow.parameters)
        _end_late_listing(uow, event, citizen, max(valid_from, end + timedelta(days=1)), case_id)
        return  # one wind-up is enough: the listing is gone


def _end_late_listing(
    uow: UnitOfWork, event: PracticeEvent, citizen: Citizen, day: date, case_id: str
) -> None:
    left = [citizen]
    if event.kind is PracticeEventKind.SPLIT:  # SPEC 4.1: or are assigned one
        left = assign_split_patients(uow, event, left, day)
    if not left:
        return  # the assignment's GP choice ended the listing at ``day``
    days = uow.parameters.use("missingChoiceDeadlineDays", uow.today())
    choose_by = max(day, uow.today()) + timedelta(days=int(days.value))
    uow.registry.list_citizen(citizen, None, day, case_id, "PRACTICE_CLOSED", at=uow.now())
    missing = open_practice_event_missing_choice(uow, event, citizen, day, choose_by)
    decision = listing_ended_decision(event, citizen, day, missing, days)
    uow.decided(f"PracticeEventDeadline {event.event_id} {citizen.cpr}", decision)


def event_fields(event: PracticeEvent, citizen: Citizen) -> tuple[tuple[str, object], ...]:
    """The facts every wind-up decision about ``citizen`` names."""
    return (
        ("cpr", citizen.cpr),
        ("event_id", event.event_id),
        ("kind_da", event.kind_da),
        ("kind_en", event.kind_en),
        ("ydernummer", event.ydernummer),
    )


def listing_ended_decision(
    event: PracticeEvent, citizen: Citizen, day: date, missing: Case, days: ParameterUse
) -> Decision:
    """The wind-up ended the citizen's listing at ``day`` and opened ``missing``."""
    return Decision.allow(
        Reason(
            RULE_DEADLINE,
            "LISTING_ENDED_AFTER_FREE_PERIOD",
            "Borgeren valgte ikke ny læge, inden gratisperioden efter {kind_da} af praksis med "
            "ydernummer {ydernummer} udløb. Tilmeldingen ophører den {day}, og forløbet "
            "Manglende lægevalg ({case_id}) er oprettet med frist den {choose_by}.",
            "The citizen did not choose a new GP before the free period after the {kind_en} "
            "of provider {ydernummer} ended. The listing ends on {day}, and a Missing GP "
            "choice case ({case_id}) was opened with the deadline {choose_by}.",
            SOURCE_DEADLINE,
            (
                *event_fields(event, citizen),
                ("day", day.isoformat()),
                ("case_id", missing.case_id),
                ("choose_by", str(missing.details_as(MissingGpChoiceDetails).choose_by)),
            ),
            (days,),
        )
    )
