"""ProcessDailyWork: "Manglende lægevalg" completed when a later choice begins, and the
administrative assignment after the deadline (SPEC 3.8, 7.3) - idempotent."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sandbox.domain.case_details import MissingGpChoiceDetails
from sandbox.domain.errors import RoleNotAllowed
from sandbox.domain.model import Actor, Case, CaseStatus, CaseType, TaskKind
from sandbox.service.commands import (
    ChangeGroup,
    ChooseGp,
    ProcessDailyWork,
    ProcessPracticeEventDeadlines,
    RegisterPracticeEvent,
)
from sandbox.service.handlers.daily_work import DailyWorkResult
from sandbox.service.store import Watch
from tests.builders import THISTED, TestWorld, add_citizen, add_practice, make_world, offset

CPR = "0505801234"
NEAR_CLOSED, NEAR_OPEN, FAR_OPEN, BEYOND = "100001", "100002", "100003", "100004"
SYSTEM = Actor.system()


def world_with_missing_choice() -> tuple[TestWorld, Case]:
    """A group-2 citizen changed to group 1 without a doctor: "Manglende lægevalg" from today."""
    world = make_world()
    add_practice(world, NEAR_CLOSED, offset(THISTED, north_km=1), is_open=False)
    add_practice(world, NEAR_OPEN, offset(THISTED, north_km=3), name="Nærmeste åbne")
    add_practice(world, FAR_OPEN, offset(THISTED, east_km=9))
    add_practice(world, BEYOND, offset(THISTED, east_km=30))
    add_citizen(world, CPR, name="Grethe", group=2, since=date(2020, 1, 1))
    world.handle(ChangeGroup(world.case_worker, CPR, 1, world.today))
    [missing] = cases(world, CaseType.MISSING_GP_CHOICE)
    return world, missing


def cases(world: TestWorld, kind: CaseType) -> list[Case]:
    return [c for c in world.registry.cases_of(CPR) if c.case_type is kind]


def daily(world: TestWorld) -> DailyWorkResult:
    result = world.handle(ProcessDailyWork(SYSTEM))
    assert isinstance(result, DailyWorkResult)
    return result


def open_tasks(world: TestWorld) -> list[str]:
    return [t.code for t in world.registry.all_tasks() if t.cpr == CPR and not t.done]


def test_a_future_choice_completes_the_case_when_it_begins() -> None:
    world, missing = world_with_missing_choice()
    start = world.today + timedelta(days=5)
    world.handle(ChooseGp(Actor.citizen(CPR), CPR, NEAR_OPEN, effective_date=start))
    assert missing.status is CaseStatus.PENDING and missing.details.chosen_from == start
    world.advance(days=4)
    assert daily(world) == DailyWorkResult()
    world.advance(days=1)
    result = daily(world)
    assert result.completed == (missing.case_id,)
    assert missing.status is CaseStatus.COMPLETED and open_tasks(world) == []
    assert daily(world) == DailyWorkResult()  # idempotent
    assert not world.registry.is_watched(Watch.MISSING_CHOICE, missing.case_id)


def test_after_the_deadline_the_nearest_open_practice_is_assigned() -> None:
    world, missing = world_with_missing_choice()
    days = int(world.bus.uow.parameters.value("missingChoiceDeadlineDays", world.today))
    assert missing.details.choose_by == world.today + timedelta(days=days)
    world.advance(days=days)  # the last day to choose: nothing yet
    assert daily(world) == DailyWorkResult()
    world.advance(days=1)
    result = daily(world)
    [(missing_id, gp_case_id)] = result.assigned
    assert missing_id == missing.case_id
    gp_case = world.registry.case(gp_case_id)
    citizen = world.registry.citizen(CPR)
    assert gp_case.case_type is CaseType.GP_CHOICE and gp_case.actor == SYSTEM
    assert gp_case.details.ydernummer == NEAR_OPEN  # the closed one nearer is skipped
    assert gp_case.details.basis == {CPR: "ADMINISTRATIVE"}
    assert gp_case.details.administrative is True
    assert gp_case.details.fee_dkk == 0
    assert gp_case.details.fee_reason_codes == ["FREE_ADMINISTRATIVE_ASSIGNMENT"]
    assert gp_case.status is CaseStatus.COMPLETED  # registered in LUNA through the outbox
    assert world.luna.registrations[gp_case_id].kind == "gp_listing"
    assert citizen.doctor_on(world.today) == NEAR_OPEN
    assert citizen.listing_on(world.today).basis == "ADMINISTRATIVE"  # type: ignore[union-attr]
    assert missing.status is CaseStatus.COMPLETED and missing.details.resolved_by == gp_case_id
    assert open_tasks(world) == []
    [letter] = world.registry.letters_of_case(gp_case_id)
    assert letter.recipient_cpr == CPR and letter.template == "gp_assigned"
    assert "Vi har tildelt dig en læge" in letter.body and "Nærmeste åbne" in letter.body
    assert "Klagevejledning" in letter.body and "Styrelsen for Patientklager" in letter.body
    cases_before = world.registry.case_count()
    assert daily(world) == DailyWorkResult()  # idempotent, also the next day
    world.advance(days=1)
    assert daily(world) == DailyWorkResult() and world.registry.case_count() == cases_before


def test_without_an_open_practice_within_the_limit_the_case_waits_with_one_manual_task() -> None:
    world, missing = world_with_missing_choice()
    for yder in (NEAR_OPEN, FAR_OPEN):
        world.registry.practice(yder).set_open(world.today, False)
    world.advance(days=15)
    assert daily(world).manual_tasks == (missing.case_id,)
    assert missing.status is CaseStatus.PENDING
    tasks = [t for t in world.registry.all_tasks() if t.case_id == missing.case_id]
    assert {t.kind for t in tasks} == {TaskKind.MANUAL}
    assert "ADMINISTRATIVE_ASSIGNMENT_NOT_POSSIBLE" in open_tasks(world)
    assert daily(world) == DailyWorkResult()  # the task is made once
    assert len([t for t in world.registry.all_tasks() if t.case_id == missing.case_id]) == 2
    world.registry.practice(NEAR_OPEN).set_open(world.today, True)
    world.advance(days=1)
    assert daily(world) == DailyWorkResult()  # the case worker has it: no assignment behind them
    assert missing.status is CaseStatus.PENDING


def test_an_own_choice_waiting_for_the_doctor_blocks_the_assignment() -> None:
    world, missing = world_with_missing_choice()
    add_practice(world, "100009", offset(THISTED, east_km=40), is_open=False)
    waiting = world.handle(ChooseGp(Actor.citizen(CPR), CPR, "100009"))  # needs acceptance
    assert isinstance(waiting, Case) and waiting.details.awaiting == "doctor_acceptance"
    world.advance(days=15)
    assert daily(world) == DailyWorkResult()
    assert missing.status is CaseStatus.PENDING and waiting.status is CaseStatus.PENDING


def test_back_in_group_2_the_case_is_cancelled() -> None:
    world, missing = world_with_missing_choice()
    world.registry.citizen(CPR).groups[-1].group = 2
    assert daily(world).cancelled == (missing.case_id,)
    assert missing.status is CaseStatus.CANCELLED and open_tasks(world) == []


def test_a_practice_closure_case_is_completed_by_the_choice_that_follows() -> None:
    world = make_world()
    add_practice(world, NEAR_CLOSED, offset(THISTED, north_km=1))
    add_practice(world, NEAR_OPEN, offset(THISTED, north_km=3))
    add_citizen(world, CPR, doctor=NEAR_CLOSED)
    world.handle(RegisterPracticeEvent(SYSTEM, NEAR_CLOSED, "nedlæggelse", date(2025, 5, 1)))
    world.clock.set(world.clock.now().replace(month=7, day=1))
    world.handle(ProcessPracticeEventDeadlines(SYSTEM))
    [missing] = cases(world, CaseType.MISSING_GP_CHOICE)
    world.handle(ChooseGp(Actor.citizen(CPR), CPR, NEAR_OPEN))
    assert missing.status is CaseStatus.COMPLETED  # GpChosen resolves it at once
    assert daily(world) == DailyWorkResult()


def test_only_the_system_or_an_operator_runs_the_daily_work() -> None:
    world, _ = world_with_missing_choice()
    with pytest.raises(RoleNotAllowed):
        world.handle(ProcessDailyWork(Actor.citizen(CPR)))


def due_today(world: TestWorld) -> list[str]:
    return list(world.registry.missing_choice_due(world.today))


def test_a_case_nothing_has_changed_is_not_visited_until_its_deadline() -> None:
    world, missing = world_with_missing_choice()
    assert daily(world) == DailyWorkResult()  # its first look, the day it was opened
    world.advance(days=1)
    assert due_today(world) == []  # nothing changed: no visit
    choose_by = missing.details_as(MissingGpChoiceDetails).choose_by
    world.advance(days=(choose_by - world.today).days + 1)
    assert due_today(world) == [missing.case_id]  # the day after its deadline


def test_a_change_of_the_citizens_registrations_wakes_the_case() -> None:
    world, missing = world_with_missing_choice()
    assert daily(world) == DailyWorkResult()
    world.advance(days=1)
    citizen = world.registry.citizen(CPR)
    later = world.today + timedelta(days=3)
    world.registry.list_citizen(citizen, NEAR_OPEN, later, None, "TEST", history=False)
    assert due_today(world) == [missing.case_id]  # at once (the choice is not yet begun)
    world.advance(days=3)
    result = daily(world)  # and the day the listing begins
    assert result.completed == (missing.case_id,)


def test_a_household_assigned_the_same_morning_gets_the_same_nearest_practice() -> None:
    """The daily work searches once per home a morning; each member's case still decides on
    its own facts (the distance and limit in the explanation are those of a search)."""
    world, missing = world_with_missing_choice()
    partner = "0606801234"
    add_citizen(world, partner, name="Hans", group=2, since=date(2020, 1, 1))
    world.handle(ChangeGroup(world.case_worker, partner, 1, world.today))
    days = int(world.bus.uow.parameters.value("missingChoiceDeadlineDays", world.today))
    world.advance(days=days + 1)
    result = daily(world)
    assert len(result.assigned) == 2
    chosen = [world.registry.case(gp_case_id).details for _, gp_case_id in result.assigned]
    assert [details.ydernummer for details in chosen] == [NEAR_OPEN, NEAR_OPEN]
    assert chosen[0].decision_codes == chosen[1].decision_codes
    assert world.registry.citizen(partner).doctor_on(world.today) == NEAR_OPEN
    assert missing.status is CaseStatus.COMPLETED


def test_the_nearest_open_practice_is_searched_again_the_next_morning() -> None:
    """The search's answer lives for one run of the daily work: a practice closed since is
    not assigned the next day."""
    world, _ = world_with_missing_choice()
    partner = "0606801234"
    add_citizen(world, partner, name="Hans", group=2, since=date(2020, 1, 1))
    days = int(world.bus.uow.parameters.value("missingChoiceDeadlineDays", world.today))
    world.advance(days=1)
    world.handle(ChangeGroup(world.case_worker, partner, 1, world.today))  # a day later
    world.advance(days=days)
    [(_, first)] = daily(world).assigned
    assert world.registry.case(first).details.ydernummer == NEAR_OPEN
    world.registry.practice(NEAR_OPEN).set_open(world.today + timedelta(days=1), False)
    world.advance(days=1)
    [(_, second)] = daily(world).assigned
    assert world.registry.case(second).details.ydernummer == FAR_OPEN
    assert world.registry.citizen(partner).doctor_on(world.today) == FAR_OPEN
