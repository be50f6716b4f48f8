"""Nedlæggelse: the patients who have not chosen stay with the old doctor until they choose.

SPEC 4.1: when a practice closes down without a successor, "patients stay with the old doctor
until they have chosen". With ``closurePatientsStayUntilChosen`` (the default) the wind-up of a
closure after its free period (`sandbox.service.handlers.practice_event_deadlines`) ends no
listing: a citizen who chose a doctor for a later day moves on that day, and one who has not
chosen keeps the listing and gets a "Manglende lægevalg" case; when its deadline has passed the
daily work assigns a doctor (`sandbox.service.handlers.daily_work`), which ends the old listing.
A listing at the closed practice that starts after the wind-up (a newborn inherits the parent's
doctor, `keep_late_listing_until_chosen`) gets the same case, so nobody stays there unasked.
"""

from __future__ import annotations

from datetime import date, timedelta

from sandbox.domain.case_details import MissingGpChoiceDetails
from sandbox.domain.decisions import Decision, ParameterUse, Reason
from sandbox.domain.model import Case, Citizen
from sandbox.domain.practice_events import PracticeEvent, PracticeEventKind
from sandbox.domain.rules.practice_events import free_period_end
from sandbox.service.case_factory import open_practice_event_missing_choice
from sandbox.service.unit_of_work import UnitOfWork

RULE_STAYS = "practice_events.closure_stays_until_chosen"
SOURCE_STAYS = "SPEC 4.1 (Nedlæggelse) [C:S20,S28,S67]"


def stays_until_chosen(uow: UnitOfWork, event: PracticeEvent) -> ParameterUse | None:
    """The parameter when the event is a closure whose patients stay until they choose."""
    if event.kind is not PracticeEventKind.CLOSURE:
        return None
    use = uow.parameters.use("closurePatientsStayUntilChosen", event.effective_date)
    return use if use.value else None


def keep_until_chosen(uow: UnitOfWork, event: PracticeEvent, day: date, use: ParameterUse) -> int:
    """Open "Manglende lægevalg" for everyone listed on ``day`` with no later choice; no
    listing ends. Returns 0 (the number of listings ended)."""
    days = uow.parameters.use("missingChoiceDeadlineDays", uow.today())
    choose_by = max(day, uow.today()) + timedelta(days=int(days.value))
    for citizen in uow.registry.listed_on(event.ydernummer, day):
        if _has_later_choice(citizen, event.ydernummer, day):
            continue
        missing = open_practice_event_missing_choice(
            uow, event, citizen, day, choose_by, listing_kept=True
        )
        decision = _stays_decision(event, citizen, day, missing, (use, days))
        uow.decided(f"PracticeEventDeadline {event.event_id} {citizen.cpr}", decision)
    return 0


def keep_late_listing_until_chosen(
    uow: UnitOfWork, citizen: Citizen, ydernummer: str, valid_from: date
) -> None:
    """A listing at ``ydernummer`` from ``valid_from``, made after the wind-up of a closure
    whose patients stay until they choose (a newborn inheriting the parent's doctor): the
    wind-up never saw it, so the citizen gets its "Manglende lægevalg" case now."""
    for event in uow.registry.all_practice_events():
        if event.ydernummer != ydernummer or event.cancelled or not event.deadline_processed:
            continue
        use = stays_until_chosen(uow, event)
        if use is None:
            continue
        end, _ = free_period_end(event.effective_date, uow.parameters)
        day = max(valid_from, end + timedelta(days=1))
        days = uow.parameters.use("missingChoiceDeadlineDays", uow.today())
        choose_by = max(day, uow.today()) + timedelta(days=int(days.value))
        missing = open_practice_event_missing_choice(
            uow, event, citizen, day, choose_by, listing_kept=True
        )
        decision = _stays_decision(event, citizen, day, missing, (use, days))
        uow.decided(f"PracticeEventDeadline {event.event_id} {citizen.cpr}", decision)
        return  # one case is enough: choosing a doctor ends the listing


def _has_later_choice(citizen: Citizen, ydernummer: str, day: date) -> bool:
    return any(
        listing.valid_from >= day and listing.ydernummer != ydernummer
        for listing in citizen.listing_history()
    )


def _stays_decision(
    event: PracticeEvent,
    citizen: Citizen,
    day: date,
    missing: Case,
    uses: tuple[ParameterUse, ...],
) -> Decision:
    return Decision.allow(
        Reason(
            RULE_STAYS,
            "STAYS_WITH_DOCTOR_UNTIL_CHOSEN",
            "Borgeren har ikke valgt ny læge, da gratisperioden efter nedlæggelsen af "
            "ydernummer {ydernummer} udløb. Borgeren bliver hos den hidtidige læge, indtil "
            "der er valgt en ny, og forløbet Manglende lægevalg ({case_id}) er oprettet med "
            "frist {choose_by}.",
            "The citizen had not chosen a new GP when the free period after the closure of "
            "provider {ydernummer} ended. The citizen stays with the current doctor until a new "
            "one is chosen, and a Missing GP choice case ({case_id}) was opened with the "
            "deadline {choose_by}.",
            SOURCE_STAYS,
            (
                ("cpr", citizen.cpr),
                ("ydernummer", event.ydernummer),
                ("day", day),
                ("case_id", missing.case_id),
                ("choose_by", missing.details_as(MissingGpChoiceDetails).choose_by),
            ),
            uses,
        )
    )
