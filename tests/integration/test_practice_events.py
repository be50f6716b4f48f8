"""Praksishændelser through the bus: cases, tasks, the dynamic free offer, deadlines (SPEC 4)."""

from __future__ import annotations

from datetime import date

import pytest

from sandbox.domain.decisions import Decision
from sandbox.domain.errors import InvalidInput, UnknownPractice
from sandbox.domain.model import Actor, CaseStatus, CaseType, Role, TaskKind
from sandbox.domain.practice_events import (
    PracticeEvent,
    PracticeEventClosed,
    PracticeEventNotAllowed,
)
from sandbox.service.commands import (
    CancelPracticeEvent,
    ChangeGroup,
    ChangePracticeCapacity,
    ChangePracticeStatus,
    ChooseGp,
    MovePracticeEvent,
    ProcessDailyWork,
    ProcessPracticeEventDeadlines,
    RegisterPracticeEvent,
)
from sandbox.service.handlers.practice_event_offers import (
    practice_event_offer,
    upcoming_practice_events,
)
from tests.builders import (
    THISTED,
    TestWorld,
    add_citizen,
    add_practice,
    address,
    make_world,
    offset,
)

SYSTEM = Actor.system()
YDER = "100001"
OTHER = "100002"
HOMES = {  # three municipalities with citizens listed at the Thisted practice
    "0787": ("0101801001", "0101801002"),
    "0773": ("0101801003",),
    "0101": ("0101801004", "0101801005"),
}
NOT_LISTED = "0101801009"


def world_with_listed_citizens(closure_patients_stay: bool = True) -> TestWorld:
    world = make_world()
    if not closure_patients_stay:  # the earlier reading: the listing ends after the free period
        uow = world.bus.uow
        uow.parameters = uow.parameters.with_values(
            {"closurePatientsStayUntilChosen": {date(2007, 1, 1): False}}
        )
    add_practice(world, YDER, offset(THISTED, north_km=1))
    add_practice(world, OTHER, offset(THISTED, east_km=2))
    for municipality, cprs in HOMES.items():
        for cpr in cprs:
            home = address("Storegade", cpr[-1], THISTED, municipality=municipality)
            add_citizen(world, cpr, name=f"Borger {cpr[-2:]}", home=home, doctor=YDER)
    add_citizen(world, NOT_LISTED, doctor=OTHER)
    return world


def register(world: TestWorld, kind: str, effective: date, **fields: object) -> PracticeEvent:
    command = RegisterPracticeEvent(SYSTEM, fields.pop("yder", YDER), kind, effective, **fields)  # type: ignore[arg-type]
    event = world.handle(command)
    assert isinstance(event, PracticeEvent)
    return event


def offer_event(world: TestWorld, cpr: str, on: date) -> str | None:
    reason = practice_event_offer(world.bus.uow, world.registry.citizen(cpr), on)
    return None if reason is None else str(dict(reason.fields)["event_id"])


class DecisionRecorder:
    """A journal keeping the decisions by subject."""

    def __init__(self) -> None:
        self.made: list[tuple[str, Decision]] = []

    def command(self, command: object, uow: object) -> None:
        return None

    def event(self, event: object, uow: object) -> None:
        return None

    def decision(self, subject: str, decision: Decision, uow: object) -> None:
        self.made.append((subject, decision))

    def error(self, command: object, error: object, uow: object) -> None:
        return None

    def codes(self, subject: str) -> list[str]:
        return [code for made, d in self.made if made == subject for code in d.codes]


def practice_cases(world: TestWorld) -> list:  # type: ignore[type-arg]
    return [c for c in world.registry.all_cases() if c.case_type is CaseType.PRACTICE_EVENT]


def test_a_transfer_makes_one_case_in_the_yders_municipality_with_a_system_task() -> None:
    world = world_with_listed_citizens()
    event = register(world, "overdragelse", date(2025, 5, 15))
    cases = practice_cases(world)
    assert len(cases) == 1 and event.case_ids == (cases[0].case_id,)
    case = cases[0]
    assert case.municipality_code == "0787" and case.involved == () and case.main_cpr is None
    assert case.details.involved_persons is None
    assert case.status is CaseStatus.PENDING
    task = world.registry.task(case.details.task_id)
    assert task.kind is TaskKind.SYSTEM and task.municipality_code == "0787"
    assert task.title_da.startswith("Praksishændelse (systemopgave): overdragelse")
    for cprs in HOMES.values():
        for cpr in cprs:
            assert world.registry.cases_of(cpr) == []
            assert offer_event(world, cpr, world.today) == event.event_id
    assert offer_event(world, NOT_LISTED, world.today) is None


def test_a_closure_makes_one_case_per_municipality_with_its_involved_persons() -> None:
    world = world_with_listed_citizens()
    event = register(world, "nedlæggelse", date(2025, 5, 1))
    cases = {case.municipality_code: case for case in practice_cases(world)}
    assert sorted(cases) == sorted(HOMES)
    assert len(event.case_ids) == 3
    for municipality, cprs in HOMES.items():
        case = cases[municipality]
        assert case.involved == cprs
        assert [p.cpr for p in case.details.involved_persons] == list(cprs)
        task = world.registry.task(case.details.task_id)
        assert task.municipality_code == municipality and task.case_id == case.case_id
        involved = "1 involveret person" if len(cprs) == 1 else f"{len(cprs)} involverede personer"
        assert task.title_da.endswith(involved)
        for cpr in cprs:
            assert [c.case_id for c in world.registry.cases_of(cpr)] == [case.case_id]
    practice = world.registry.practice(YDER)
    assert practice.closed_down_on == date(2025, 5, 1)
    assert practice.is_open_on(date(2025, 4, 30)) and not practice.is_open_on(date(2025, 5, 1))


def test_two_concurrent_changes_the_first_upcoming_gives_the_offer() -> None:
    """SPEC 4.4 item 4: an event in effect is not upcoming ("den først kommende ændring")."""
    world = world_with_listed_citizens()
    change = register(world, "ændring", date(2025, 6, 10), description_da="Ny kompagnon")
    world.advance(days=5)
    transfer = register(world, "overdragelse", date(2025, 5, 15))
    cpr = HOMES["0773"][0]
    assert offer_event(world, cpr, date(2025, 4, 10)) == change.event_id
    assert offer_event(world, cpr, date(2025, 4, 14)) == transfer.event_id
    assert offer_event(world, cpr, date(2025, 5, 14)) == transfer.event_id
    # the transfer is in effect from 15 May: the change is the first upcoming one
    assert offer_event(world, cpr, date(2025, 5, 15)) == change.event_id
    # both in effect: the latest in effect gives the offer, its window runs to 31 July
    reason = practice_event_offer(world.bus.uow, world.registry.citizen(cpr), date(2025, 6, 30))
    assert reason is not None and dict(reason.fields)["free_until"] == "2025-07-31"
    assert offer_event(world, cpr, date(2025, 7, 31)) == change.event_id
    assert offer_event(world, cpr, date(2025, 8, 1)) is None


def test_the_window_of_a_single_transfer_ends_on_the_last_day_of_the_next_month() -> None:
    world = world_with_listed_citizens()
    register(world, "overdragelse", date(2025, 5, 15))
    cpr = HOMES["0787"][0]
    assert offer_event(world, cpr, date(2025, 6, 30)) is not None
    assert offer_event(world, cpr, date(2025, 7, 1)) is None


def test_a_minor_change_gives_no_offer_but_shows_on_the_card() -> None:
    world = world_with_listed_citizens()
    minor = register(world, "ændring", date(2025, 5, 1), significant_for_patients=False)
    cpr = HOMES["0787"][0]
    assert offer_event(world, cpr, world.today) is None
    card = upcoming_practice_events(world.bus.uow, world.registry.citizen(cpr), world.today)
    assert [entry["event_id"] for entry in card] == [minor.event_id]
    assert card[0]["gives_free_choice"] is False and card[0]["is_offer"] is False
    assert "ikke gratis" in card[0]["text_da"]


def test_cancelling_the_first_event_moves_the_offer_to_the_second() -> None:
    world = world_with_listed_citizens()
    first = register(world, "overdragelse", date(2025, 5, 15))
    second = register(world, "ændring", date(2025, 6, 10))
    cpr = HOMES["0101"][1]
    assert offer_event(world, cpr, world.today) == first.event_id
    world.handle(CancelPracticeEvent(world.case_worker, first.event_id))
    assert offer_event(world, cpr, world.today) == second.event_id
    assert world.registry.case(first.case_ids[0]).status is CaseStatus.CANCELLED
    with pytest.raises(PracticeEventClosed):
        world.handle(CancelPracticeEvent(world.case_worker, first.event_id))


def test_moving_an_event_moves_its_window() -> None:
    world = world_with_listed_citizens()
    event = register(world, "overdragelse", date(2025, 5, 15))
    cpr = HOMES["0787"][0]
    assert offer_event(world, cpr, date(2025, 7, 15)) is None
    world.handle(MovePracticeEvent(SYSTEM, event.event_id, date(2025, 6, 1)))
    assert offer_event(world, cpr, date(2025, 7, 15)) == event.event_id
    case = world.registry.case(event.case_ids[0])
    assert case.effective_date == date(2025, 6, 1)
    assert case.details.free_period_end == date(2025, 7, 31)


def test_upcoming_events_are_shown_to_listed_citizens_only() -> None:
    world = world_with_listed_citizens()
    transfer = register(world, "overdragelse", date(2025, 5, 15))
    change = register(world, "ændring", date(2025, 6, 10))
    uow = world.bus.uow
    card = upcoming_practice_events(uow, world.registry.citizen(HOMES["0773"][0]), world.today)
    assert [entry["event_id"] for entry in card] == [transfer.event_id, change.event_id]
    first = card[0]
    assert first["is_offer"] is True and card[1]["is_offer"] is False
    assert first["kind_da"] == "overdragelse" and first["effective_date"] == "2025-05-15"
    assert first["free_period_end"] == "2025-06-30" and first["gives_free_choice"] is True
    assert "Gratis lægevalg" in first["text_da"] and "Free GP choice" in first["text_en"]
    assert upcoming_practice_events(uow, world.registry.citizen(NOT_LISTED), world.today) == []
    later = upcoming_practice_events(
        uow, world.registry.citizen(HOMES["0773"][0]), date(2025, 7, 1)
    )
    assert [entry["event_id"] for entry in later] == [change.event_id]


def test_closure_patients_stay_with_the_old_doctor_until_they_choose() -> None:
    """SPEC 4.1: "patients stay with the old doctor until they have chosen"."""
    world = world_with_listed_citizens()
    event = register(world, "nedlæggelse", date(2025, 5, 1))
    chooser = HOMES["0787"][0]
    world.handle(ChooseGp(Actor.citizen(chooser), chooser, OTHER, date(2025, 7, 10)))
    world.clock.set(world.clock.now().replace(year=2025, month=7, day=1))
    assert world.handle(ProcessPracticeEventDeadlines(SYSTEM)) == [event.event_id]
    others = [cpr for cprs in HOMES.values() for cpr in cprs if cpr != chooser]
    for cpr in others:
        citizen = world.registry.citizen(cpr)
        assert citizen.doctor_on(date(2025, 7, 1)) == YDER
        [missing] = [
            c for c in world.registry.cases_of(cpr) if c.case_type is CaseType.MISSING_GP_CHOICE
        ]
        assert missing.is_open and missing.details.listing_kept
    chooser_citizen = world.registry.citizen(chooser)
    assert chooser_citizen.doctor_on(date(2025, 7, 9)) == YDER  # not brought forward
    assert chooser_citizen.doctor_on(date(2025, 7, 10)) == OTHER
    world.clock.set(world.clock.now().replace(day=16))  # after the 14 days: assigned
    world.handle(ProcessDailyWork(SYSTEM))
    for cpr in others:
        assert world.registry.citizen(cpr).doctor_on(date(2025, 7, 16)) == OTHER


def test_deadline_processing_opens_missing_choice_cases_and_ends_listings() -> None:
    world = world_with_listed_citizens(closure_patients_stay=False)
    event = register(world, "nedlæggelse", date(2025, 5, 1))
    chooser = HOMES["0787"][0]
    world.handle(ChooseGp(Actor.citizen(chooser), chooser, OTHER))
    world.clock.set(world.clock.now().replace(year=2025, month=6, day=30))
    assert world.handle(ProcessPracticeEventDeadlines(SYSTEM)) == []
    world.advance(days=1)  # 2025-07-01, the first day after the free period
    assert world.handle(ProcessPracticeEventDeadlines(SYSTEM)) == [event.event_id]
    first_day_after = date(2025, 7, 1)
    assert world.registry.listed_on(YDER, first_day_after) == []
    others = [cpr for cprs in HOMES.values() for cpr in cprs if cpr != chooser]
    for cpr in others:
        citizen = world.registry.citizen(cpr)
        assert citizen.doctor_on(date(2025, 6, 30)) == YDER
        assert citizen.doctor_on(first_day_after) is None
        missing = [
            c for c in world.registry.cases_of(cpr) if c.case_type is CaseType.MISSING_GP_CHOICE
        ]
        assert len(missing) == 1 and missing[0].status is CaseStatus.PENDING
        assert missing[0].details.choose_by == date(2025, 7, 15)
    assert world.registry.citizen(chooser).doctor_on(first_day_after) == OTHER
    assert not [
        c for c in world.registry.cases_of(chooser) if c.case_type is CaseType.MISSING_GP_CHOICE
    ]
    for case_id in event.case_ids:  # each municipality case registered its listing ends
        case = world.registry.case(case_id)
        assert case.status is CaseStatus.COMPLETED and case.details.registered_in_luna
    cases_before = world.registry.case_count()
    assert world.handle(ProcessPracticeEventDeadlines(SYSTEM)) == []
    assert world.registry.case_count() == cases_before
    with pytest.raises(PracticeEventClosed):
        world.handle(MovePracticeEvent(SYSTEM, event.event_id, date(2025, 8, 1)))


def test_a_later_choice_elsewhere_is_brought_forward_to_the_deadline() -> None:
    """Found by the national simulation: a choice from a day after the deadline left the
    citizen without a doctor in between (the gp_listing invariant)."""
    world = world_with_listed_citizens()
    decided = DecisionRecorder()
    world.bus.journals.append(decided)
    event = register(world, "opsplitning", date(2025, 5, 1), successors=(OTHER,))
    cpr = HOMES["0787"][1]
    world.clock.set(world.clock.now().replace(year=2025, month=6, day=30))
    world.handle(ChooseGp(Actor.citizen(cpr), cpr, OTHER, effective_date=date(2025, 7, 10)))
    world.advance(days=1)
    world.handle(ProcessPracticeEventDeadlines(SYSTEM))
    citizen = world.registry.citizen(cpr)
    assert citizen.doctor_on(date(2025, 6, 30)) == YDER
    assert citizen.doctor_on(date(2025, 7, 1)) == OTHER
    assert citizen.doctor_on(date(2025, 7, 10)) == OTHER
    old, new = citizen.listing_history()[-2:]
    assert (old.ydernummer, old.valid_to) == (YDER, date(2025, 7, 1))
    assert (new.ydernummer, new.valid_from, new.valid_to) == (OTHER, date(2025, 7, 1), None)
    assert not [
        c for c in world.registry.cases_of(cpr) if c.case_type is CaseType.MISSING_GP_CHOICE
    ]
    assert decided.codes(f"PracticeEventDeadline {event.event_id} {cpr}") == [
        "CHOICE_BROUGHT_FORWARD_TO_CLOSURE"
    ]
    luna = [r for r in world.luna.registrations.values() if r.kind == "gp_listing_end"]
    assert any(r.payload["brought_forward"] == {cpr: OTHER} for r in luna)


def test_a_later_change_to_group_2_still_needs_a_doctor_until_then() -> None:
    """Found by the national simulation: the listing was to end with a change to group 2 on
    a later day; until then the citizen is in group 1 and gets a Manglende lægevalg case."""
    world = world_with_listed_citizens(closure_patients_stay=False)
    register(world, "nedlæggelse", date(2025, 5, 1))
    cpr = HOMES["0787"][1]
    world.clock.set(world.clock.now().replace(year=2025, month=6, day=25))
    worker = Actor(Role.CASE_WORKER, "sb-0787-01", "0787")
    world.handle(ChangeGroup(worker, cpr, 2, date(2025, 7, 20)))
    world.clock.set(world.clock.now().replace(month=7, day=1))
    world.handle(ProcessPracticeEventDeadlines(SYSTEM))
    citizen = world.registry.citizen(cpr)
    assert citizen.doctor_on(date(2025, 7, 1)) is None
    missing = [c for c in world.registry.cases_of(cpr) if c.case_type is CaseType.MISSING_GP_CHOICE]
    assert len(missing) == 1 and missing[0].is_open
    world.clock.set(world.clock.now().replace(day=20))
    world.handle(ProcessDailyWork(SYSTEM))
    assert missing[0].status is CaseStatus.CANCELLED  # in group 2 from today: no doctor needed


def test_a_transfer_case_completes_after_its_free_period() -> None:
    world = world_with_listed_citizens()
    event = register(world, "overdragelse", date(2025, 5, 15))
    world.clock.set(world.clock.now().replace(year=2025, month=7, day=1))
    world.handle(ProcessPracticeEventDeadlines(SYSTEM))
    case = world.registry.case(event.case_ids[0])
    assert case.status is CaseStatus.COMPLETED
    assert world.registry.task(case.details.task_id).done
    assert all(
        world.registry.citizen(cpr).doctor_on(date(2025, 7, 1)) == YDER
        for cprs in HOMES.values()
        for cpr in cprs
    )


def test_refusals_leave_the_world_unchanged() -> None:
    world = world_with_listed_citizens()
    before = (world.registry.case_count(), world.registry.task_count())
    with pytest.raises(PracticeEventNotAllowed):
        world.handle(
            RegisterPracticeEvent(Actor.citizen(NOT_LISTED), YDER, "transfer", date(2025, 5, 1))
        )
    with pytest.raises(InvalidInput):
        register(world, "flytning", date(2025, 5, 1))
    with pytest.raises(InvalidInput):
        register(world, "closure", date(2025, 5, 1), successors=(OTHER,))
    with pytest.raises(InvalidInput):
        register(world, "split", date(2025, 5, 1))
    with pytest.raises(UnknownPractice):
        register(world, "split", date(2025, 5, 1), successors=("999999",))
    assert (world.registry.case_count(), world.registry.task_count()) == before
    assert not world.registry.has_practice_events()
    register(world, "closure", date(2025, 5, 1))
    with pytest.raises(InvalidInput):
        register(world, "split", date(2025, 6, 1), successors=(OTHER,))


def test_practice_status_and_capacity_are_versioned_by_date() -> None:
    world = world_with_listed_citizens()
    practice = world.registry.practice(OTHER)
    world.handle(ChangePracticeStatus(SYSTEM, OTHER, date(2025, 3, 1), open=False))
    world.handle(ChangePracticeCapacity(world.case_worker, OTHER, date(2025, 3, 1), 2.0))
    assert practice.is_open_on(date(2025, 2, 28)) and not practice.is_open_on(date(2025, 3, 1))
    assert practice.capacity_on(date(2025, 2, 28)) == 1.0
    assert practice.capacity_on(date(2025, 3, 1)) == 2.0
    with pytest.raises(PracticeEventNotAllowed):
        world.handle(ChangePracticeStatus(Actor(Role.CITIZEN, "x"), OTHER, date(2025, 3, 1), True))


def test_the_index_of_listed_citizens_follows_later_listings() -> None:
    world = world_with_listed_citizens()
    assert len(world.registry.listed_on(YDER, world.today)) == 5  # builds the index
    add_citizen(world, "0101801010", doctor=YDER)
    mover = HOMES["0787"][0]
    world.handle(ChooseGp(Actor.citizen(NOT_LISTED), NOT_LISTED, YDER))
    world.handle(ChooseGp(Actor.citizen(mover), mover, OTHER))
    listed = [c.cpr for c in world.registry.listed_on(YDER, world.today)]
    assert "0101801010" in listed and NOT_LISTED in listed and mover not in listed
    assert listed == sorted(listed)


def test_the_free_choice_is_free_inside_the_window_and_charged_the_day_after() -> None:
    world = world_with_listed_citizens()
    event = register(world, "overdragelse", date(2025, 5, 15))
    inside, after = HOMES["0787"]
    world.clock.set(world.clock.now().replace(year=2025, month=6, day=30))
    free = world.handle(ChooseGp(Actor.citizen(inside), inside, OTHER))
    assert free.details.fee_dkk == 0  # type: ignore[attr-defined]
    assert "PRACTICE_EVENT_FREE_CHOICE" in free.details.fee_reason_codes  # type: ignore[attr-defined]
    world.advance(days=1)
    charged = world.handle(ChooseGp(Actor.citizen(after), after, OTHER))
    fee = world.bus.uow.parameters.value("cardFeeDKK", date(2025, 7, 1))
    assert charged.details.fee_dkk == fee == 230  # type: ignore[attr-defined]
    assert event.event_id not in str(charged.details)  # type: ignore[attr-defined]
