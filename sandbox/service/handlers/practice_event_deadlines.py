"""The daily wind-up of practice events, and dated changes of a practice's status and capacity.

`process_practice_event_deadlines` first orders the new health cards of the events that took
effect (`sandbox.service.handlers.practice_event_cards`), then handles every live event whose
free period ended before today. A transfer, change or merge just completes its case (the free
offer was decided on demand). A closure keeps its patients with the old doctor until they choose
(``closurePatientsStayUntilChosen``, `sandbox.service.handlers.practice_event_closure`). A split
(or a closure under the parameter's earlier reading) ends the listing of everyone still listed
at the old practice on the day after the free period; a split's patients without a choice are
assigned one of the new practices (``splitPatientsAssignedToSuccessor``,
`sandbox.service.handlers.practice_event_split`), and the others get a "Manglende lægevalg"
case (SPEC 3.8, 4.1, 7.3); a choice
already made elsewhere from a later day is brought forward to that day, so nobody in group 1 is
without a doctor in between. The ended listings (and the choices brought forward) are
registered in LUNA through the outbox, one registration per municipality case.
Running it twice on a day changes nothing the second time.
"""

from __future__ import annotations

from datetime import date, timedelta

from sandbox.domain.case_details import PracticeEventDetails
from sandbox.domain.decisions import Decision, Reason
from sandbox.domain.errors import InvalidInput
from sandbox.domain.model import Actor, Case, CaseStatus, Citizen, GpListing
from sandbox.domain.practice_events import (
    PracticeEvent,
    PracticeEventKind,
)
from sandbox.domain.rules.practice_events import free_period_end
from sandbox.service.case_factory import open_practice_event_missing_choice
from sandbox.service.commands import (
    ChangePracticeCapacity,
    ChangePracticeStatus,
    ProcessPracticeEventDeadlines,
)
from sandbox.service.events import PracticeEventWoundUp, PracticeStatusChanged
from sandbox.service.handlers.practice_event_cards import order_practice_event_cards
from sandbox.service.handlers.practice_event_cases import (
    close_event_cases,
    group_by_municipality,
    mark_task_done,
    open_event_cases,
)
from sandbox.service.handlers.practice_event_closure import keep_until_chosen, stays_until_chosen
from sandbox.service.handlers.practice_event_late import (
    RULE_DEADLINE,
    SOURCE_DEADLINE,
    event_fields,
    listing_ended_decision,
)
from sandbox.service.handlers.practice_event_split import assign_split_patients
from sandbox.service.ports import LunaRegistration
from sandbox.service.unit_of_work import UnitOfWork


def process_practice_event_deadlines(
    command: ProcessPracticeEventDeadlines, uow: UnitOfWork
) -> list[str]:
    """Wind up every live event whose free period ended before today; return their ids."""
    today = uow.today()
    order_practice_event_cards(uow, today)  # before the wind-up: an event in effect gets cards
    due: list[tuple[date, str, PracticeEvent]] = []
    for event in uow.registry.all_practice_events():
        if event.cancelled or event.deadline_processed:
            continue
        end, _ = free_period_end(event.effective_date, uow.parameters)
        if end < today:
            due.append((end, event.event_id, event))
    due.sort(key=lambda item: (item[0], item[1]))
    for end, _, event in due:
        wind_up(uow, event, end + timedelta(days=1))
    return [event_id for _, event_id, _ in due]


def wind_up(uow: UnitOfWork, event: PracticeEvent, first_day_after: date) -> None:
    """End the event: complete its cases; for closure/split end the remaining listings."""
    ended = 0
    stays = stays_until_chosen(uow, event)
    if stays is not None:  # SPEC 4.1: the patients stay with the old doctor until they choose
        ended = keep_until_chosen(uow, event, first_day_after, stays)
    elif event.per_municipality:
        ended = _end_remaining_listings(uow, event, first_day_after)
    close_event_cases(uow, event, CaseStatus.COMPLETED)
    uow.registry.before_change(event, "deadline_processed", "history")
    event.deadline_processed = True
    event.history = [*event.history, (uow.today(), "wound up")]  # a rollback keeps the old
    uow.emit(PracticeEventWoundUp(event.event_id, event.ydernummer, ended))


def _end_remaining_listings(uow: UnitOfWork, event: PracticeEvent, day: date) -> int:
    """Everyone still listed at the practice on ``day`` loses the listing from that day.

    Nobody in group 1 may be left without a doctor in between (the ``gp_listing`` invariant):
    who already chose a practice elsewhere from a later day is listed there from ``day``
    instead (the choice is brought forward to the closure, and LUNA is told); who chose from
    ``day`` keeps that choice; who did not choose, or whose listing was only to end later for
    another reason (a change to group 2 on a later day), gets a Manglende lægevalg case, which
    the daily work cancels if the person leaves group 1. Decide first, then write.
    """
    still_listed = uow.registry.listed_on(event.ydernummer, day)
    days = uow.parameters.use("missingChoiceDeadlineDays", uow.today())
    choose_by = max(day, uow.today()) + timedelta(days=int(days.value))
    chose_from_day: list[Citizen] = []
    brought_forward: list[tuple[Citizen, GpListing]] = []
    no_choice: list[Citizen] = []
    for citizen in still_listed:
        following = _following_listing(citizen, _listing_at(citizen, day))
        if following is None:
            no_choice.append(citizen)
        elif following.valid_from <= day:
            chose_from_day.append(citizen)
        else:
            brought_forward.append((citizen, following))
    if event.kind is PracticeEventKind.SPLIT and no_choice:  # SPEC 4.1: or are assigned one
        no_choice = assign_split_patients(uow, event, no_choice, day)
    cases = _cases_by_municipality(uow, event, no_choice + [c for c, _ in brought_forward])
    for citizen in chose_from_day:
        uow.registry.end_listing_at(citizen, day, at=uow.now())
    for citizen, following in brought_forward:
        uow.registry.bring_forward(citizen, following, day, at=uow.now())
        decision = _brought_forward_decision(event, citizen, following, day)
        uow.decided(f"PracticeEventDeadline {event.event_id} {citizen.cpr}", decision)
    for citizen in no_choice:
        case = cases[citizen.municipality_code]
        uow.registry.list_citizen(citizen, None, day, case.case_id, "PRACTICE_CLOSED", at=uow.now())
        missing = open_practice_event_missing_choice(uow, event, citizen, day, choose_by)
        decision = listing_ended_decision(event, citizen, day, missing, days)
        uow.decided(f"PracticeEventDeadline {event.event_id} {citizen.cpr}", decision)
    for code, case in cases.items():
        ended = [c.cpr for c in no_choice if c.municipality_code == code]
        earlier = {c.cpr: f.ydernummer for c, f in brought_forward if c.municipality_code == code}
        _register_listing_ends(uow, event, case, ended, earlier, day)
    return len(no_choice)


def _following_listing(citizen: Citizen, current: GpListing) -> GpListing | None:
    """The listing that follows ``current`` when it ends (a later choice), or None."""
    if current.valid_to is None:
        return None
    later = [
        listing
        for listing in citizen.listing_history()
        if listing is not current and listing.valid_from >= current.valid_from
    ]
    return min(later, key=lambda listing: listing.valid_from) if later else None


def _listing_at(citizen: Citizen, day: date) -> GpListing:
    """The listing covering ``day`` (read-only: the store changes listings)."""
    for listing in reversed(citizen.listing_history()):
        if listing.covers(day):
            return listing
    # listed_on returned the citizen because a listing covers ``day``
    raise LookupError(f"{citizen.cpr} has no listing on {day}")


def _cases_by_municipality(
    uow: UnitOfWork, event: PracticeEvent, citizens: list[Citizen]
) -> dict[str, Case]:
    """The event's case per municipality of ``citizens``; a municipality without one (the
    citizen moved, or was listed after the registration) gets a case now."""
    by_code: dict[str, Case] = {}
    for case_id in event.case_ids:
        case = uow.case(case_id)
        by_code.setdefault(case.municipality_code, case)
    missing = group_by_municipality([c for c in citizens if c.municipality_code not in by_code])
    if missing:
        practice = uow.practice(event.ydernummer)
        end, _ = free_period_end(event.effective_date, uow.parameters)
        new = open_event_cases(uow, Actor.system(), event, practice, missing, end)
        uow.registry.before_change(event, "case_ids")
        event.case_ids = (*event.case_ids, *(case.case_id for case in new))
        by_code.update((case.municipality_code, case) for case in new)
    return by_code


def _register_listing_ends(
    uow: UnitOfWork,
    event: PracticeEvent,
    case: Case,
    persons: list[str],
    brought_forward: dict[str, str],
    day: date,
) -> None:
    """One LUNA registration per municipality case for the listings it ended (and the later
    choices it brought forward to ``day``, CPR -> ydernummer); the relay completes the case
    when LUNA confirms."""
    if not persons and not brought_forward:
        return
    uow.registry.before_details_change(case)
    details = case.details_as(PracticeEventDetails)
    details.listings_ended = list(persons)
    if brought_forward:
        details.choices_brought_forward = dict(brought_forward)
    details.registered_in_luna = True
    uow.registry.move_case(case, CaseStatus.AWAITING_LUNA, uow.now())
    mark_task_done(uow, case)
    payload = {
        "event_id": event.event_id,
        "ydernummer": event.ydernummer,
        "ended_from": day.isoformat(),
        "persons": list(persons),
        "brought_forward": dict(brought_forward),
    }
    main = (persons or list(brought_forward))[0]
    uow.outbox.add(LunaRegistration(case.case_id, "gp_listing_end", main, payload), uow.now())


def _brought_forward_decision(
    event: PracticeEvent, citizen: Citizen, following: GpListing, day: date
) -> Decision:
    return Decision.allow(
        Reason(
            RULE_DEADLINE,
            "CHOICE_BROUGHT_FORWARD_TO_CLOSURE",
            "Borgeren har valgt ydernummer {new} fra den {chosen_from}, men tilmeldingen hos "
            "ydernummer {ydernummer} ophører allerede den {day} på grund af {kind_da}. Det nye "
            "lægevalg gælder derfor fra den {day}, så borgeren ikke står uden læge imellem.",
            "The citizen chose provider {new} from {chosen_from}, but the {kind_en} of "
            "provider {ydernummer} ends the listing there on {day}. The new choice therefore "
            "applies from {day}, so the citizen is never without a doctor in between.",
            SOURCE_DEADLINE,
            (
                *event_fields(event, citizen),
                ("new", following.ydernummer),
                ("chosen_from", following.valid_from.isoformat()),
                ("day", day.isoformat()),
            ),
        )
    )


# ---------------------------------------------------------------------------------------------
# Practice data versioned by date
# ---------------------------------------------------------------------------------------------


def change_practice_status(command: ChangePracticeStatus, uow: UnitOfWork) -> None:
    """From ``command.on`` the practice is open (or closed) for new patients."""
    practice = uow.practice(command.ydernummer)
    uow.registry.before_change(practice, "openness")  # set_open makes a new list
    practice.set_open(command.on, command.open)
    uow.emit(PracticeStatusChanged(practice.ydernummer, command.on, command.open))


def change_practice_capacity(command: ChangePracticeCapacity, uow: UnitOfWork) -> None:
    """From ``command.on`` the practice has this doctor capacity (lægekapacitet)."""
    practice = uow.practice(command.ydernummer)
    if not command.capacity > 0:
        raise InvalidInput(
            field="capacity",
            reason_da="kapaciteten skal være større end 0",
            reason_en="the capacity must be greater than 0",
        )
    uow.registry.before_change(practice, "capacity_history")  # set_capacity makes a new list
    practice.set_capacity(command.on, command.capacity)
    uow.emit(PracticeStatusChanged(practice.ydernummer, command.on, None, command.capacity))
