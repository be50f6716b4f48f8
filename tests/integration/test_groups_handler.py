"""Integration tests for ChangeGroup and ForceTransferToGroup1 through the bus."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from sandbox.domain.errors import RoleNotAllowed, RuleRefused
from sandbox.domain.model import Actor, CaseStatus, CaseType, Role, TaskKind
from sandbox.service.commands import ChangeGroup, ChooseGp, ForceTransferToGroup1
from sandbox.service.events import Event, GroupChanged
from tests.builders import TestWorld, add_citizen, add_practice, make_world

CPR = "0505801234"
CHILD = "0101151234"


class Recorder:
    """A journal that keeps the events the bus dispatched."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def command(self, command: Any, uow: Any) -> None: ...

    def event(self, event: Event, uow: Any) -> None:
        self.events.append(event)

    def decision(self, subject: str, decision: Any, uow: Any) -> None: ...

    def error(self, command: Any, error: Any, uow: Any) -> None: ...


def world_with_citizen(group: int | None = 1, since: date = date(2020, 1, 1)) -> TestWorld:
    world = make_world()
    add_practice(world, "111111")
    add_citizen(world, CPR, group=group, doctor="111111" if group == 1 else None, since=since)
    return world


def recorder(world: TestWorld) -> Recorder:
    journal = Recorder()
    world.bus.journals.append(journal)
    return journal


def test_citizen_changes_to_group_2_within_window() -> None:
    world = world_with_citizen()
    journal = recorder(world)
    valid_from = world.today + timedelta(days=30)
    case = world.handle(ChangeGroup(Actor.citizen(CPR), CPR, 2, valid_from))
    citizen = world.registry.citizen(CPR)
    assert case.case_type is CaseType.GROUP_CHANGE
    assert case.status is CaseStatus.COMPLETED  # registered in LUNA by the relay
    assert world.luna.registrations[case.case_id].kind == "group"
    assert citizen.group_on(valid_from).group == 2
    assert citizen.group_on(valid_from - timedelta(days=1)).group == 1
    assert citizen.doctor_on(valid_from) is None  # group 2 has no GP
    assert citizen.doctor_on(valid_from - timedelta(days=1)) == "111111"
    assert world.registry.practice("111111").list_size == 0
    assert GroupChanged(case.case_id, CPR, 2, valid_from) in journal.events


def test_refused_outside_window_leaves_world_unchanged() -> None:
    world = world_with_citizen()
    with pytest.raises(RuleRefused) as refused:
        world.handle(ChangeGroup(Actor.citizen(CPR), CPR, 2, world.today - timedelta(days=1)))
    assert refused.value.refusal_code == "VALID_FROM_OUTSIDE_WINDOW"
    assert "9. april 2025 til 9. maj 2025" in refused.value.message_da
    assert "9 April 2025 to 9 May 2025" in refused.value.message_en
    assert not world.registry.all_cases()
    assert len(world.registry.citizen(CPR).groups) == 1
    assert len(world.luna.registrations) == 0


@pytest.mark.parametrize(("back", "allowed"), [(14, True), (15, False)])
def test_case_worker_may_backdate_14_days(back: int, allowed: bool) -> None:
    world = world_with_citizen()
    command = ChangeGroup(world.case_worker, CPR, 2, world.today - timedelta(days=back))
    if allowed:
        assert world.handle(command).status is CaseStatus.COMPLETED
    else:
        with pytest.raises(RuleRefused):
            world.handle(command)


def test_special_rights_back_one_calendar_year() -> None:
    world = world_with_citizen()
    special = Actor(Role.CASE_WORKER_SPECIAL, "sb-0787-09", "0787")
    with pytest.raises(RuleRefused):
        world.handle(ChangeGroup(special, CPR, 2, date(2024, 4, 8)))
    case = world.handle(ChangeGroup(special, CPR, 2, date(2024, 4, 9)))
    assert world.registry.citizen(CPR).group_on(date(2024, 4, 9)).group == 2
    assert case.effective_date == date(2024, 4, 9)


def test_one_year_rule_in_the_handler() -> None:
    world = world_with_citizen(group=2, since=date(2024, 4, 10))
    with pytest.raises(RuleRefused) as refused:
        world.handle(ChangeGroup(Actor.citizen(CPR), CPR, 1, world.today))
    assert refused.value.refusal_code == "MIN_PERIOD_NOT_MET"
    world.advance(days=1)
    assert world.handle(ChangeGroup(Actor.citizen(CPR), CPR, 1, world.today))


def test_group_2_to_1_without_doctor_opens_missing_gp_choice() -> None:
    world = world_with_citizen(group=2)
    case = world.handle(ChangeGroup(Actor.citizen(CPR), CPR, 1, world.today))
    missing = [c for c in world.registry.cases_of(CPR) if c.case_type is CaseType.MISSING_GP_CHOICE]
    assert len(missing) == 1
    assert missing[0].status is CaseStatus.PENDING
    assert missing[0].details.reason == "GROUP_2_TO_1"
    assert missing[0].details.group_case_id == case.case_id
    assert missing[0].details.choose_by == date(2025, 4, 23)
    task = world.registry.task(missing[0].details.task_id)
    assert task.kind is TaskKind.MANUAL and task.title_da.startswith("Manglende lægevalg")


def test_a_group_change_dated_back_still_gives_the_full_time_to_choose() -> None:
    """The gap begins on the back-dated day, but the citizen hears of it today: the deadline
    counts from today (SPEC 3.8: the municipality gave 14 days to choose [C:S15b])."""
    world = world_with_citizen(group=2, since=date(2020, 1, 1))
    back = world.today - timedelta(days=10)
    world.handle(ChangeGroup(world.case_worker, CPR, 1, back))
    [missing] = [
        c for c in world.registry.cases_of(CPR) if c.case_type is CaseType.MISSING_GP_CHOICE
    ]
    days = int(world.bus.uow.parameters.value("missingChoiceDeadlineDays", world.today))
    assert missing.details.choose_by == world.today + timedelta(days=days)
    assert "borgeren skal vælge læge senest 23. april 2025" in (
        world.registry.task(missing.details.task_id).title_da
    )


def test_custody_holder_changes_a_young_childs_group() -> None:
    world = world_with_citizen()
    add_citizen(world, CHILD, birth=date(2015, 1, 1), custody_holders=(CPR,))
    world.handle(ChangeGroup(Actor.citizen(CPR), CHILD, 2, world.today))
    assert world.registry.citizen(CHILD).group_on(world.today).group == 2
    with pytest.raises(RuleRefused) as refused:
        world.handle(ChangeGroup(Actor.citizen("0909901234"), CHILD, 1, world.today))
    assert refused.value.refusal_code == "NOT_PERMITTED"


def test_forced_transfer_is_case_worker_only_and_exempt() -> None:
    world = world_with_citizen(group=2, since=date(2025, 3, 1))
    with pytest.raises(RoleNotAllowed):
        world.handle(ForceTransferToGroup1(Actor.citizen(CPR), CPR, world.today))
    case = world.handle(ForceTransferToGroup1(world.case_worker, CPR, world.today))
    assert case.details.reason == "FORCED_TRANSFER_TO_GROUP1"
    assert world.registry.citizen(CPR).group_on(world.today).group == 1
    missing = [c for c in world.registry.cases_of(CPR) if c.case_type is CaseType.MISSING_GP_CHOICE]
    assert missing and missing[0].details.reason == "FORCED_TRANSFER_TO_GROUP1"
    with pytest.raises(RuleRefused) as refused:
        world.handle(ForceTransferToGroup1(world.case_worker, CPR, world.today))
    assert refused.value.refusal_code == "NOT_IN_GROUP_2"


# --- the fee of a group change (SPEC 2.3, 3.5.1) ------------------------------------------------


def card_orders(world: TestWorld) -> list[Any]:
    return world.registry.card_orders_of(CPR)


@pytest.mark.parametrize(
    ("valid_from", "fee"), [(date(2024, 12, 31), 225), (date(2025, 1, 1), 230)]
)
def test_a_group_change_costs_the_card_fee_of_its_valid_from_year(
    valid_from: date, fee: int
) -> None:
    world = world_with_citizen()
    special = Actor(Role.CASE_WORKER_SPECIAL, "sb-0787-09", "0787")
    case = world.handle(ChangeGroup(special, CPR, 2, valid_from))
    assert case.details.fee_dkk == fee
    assert case.details.fee_reason_codes == ["CARD_FEE_CHARGED"]
    [order] = card_orders(world)
    assert order.fee_dkk == 0  # the card carries no second fee: it is on the case


def test_a_group_change_in_the_move_window_is_free() -> None:
    world = world_with_citizen()
    world.registry.citizen(CPR).moved_in_on = world.today - timedelta(days=5)
    case = world.handle(ChangeGroup(Actor.citizen(CPR), CPR, 2, world.today))
    assert case.details.fee_dkk == 0
    assert case.details.fee_reason_codes == ["FREE_AFTER_MOVE"]


def test_a_forced_transfer_is_free() -> None:
    world = world_with_citizen(group=2, since=date(2025, 3, 1))
    case = world.handle(ForceTransferToGroup1(world.case_worker, CPR, world.today))
    assert case.details.fee_dkk == 0
    assert case.details.fee_reason_codes == ["FREE_GROUP_CHANGE_FORCED_TRANSFER_TO_GROUP1"]


def test_a_seeded_group_2_citizen_had_a_card_so_the_change_is_charged() -> None:
    world = world_with_citizen(group=2)
    case = world.handle(ChangeGroup(Actor.citizen(CPR), CPR, 1, world.today))
    assert case.details.fee_dkk == 230


# --- the one-year rule on a GP choice combined with the change to group 1 ----------------------


def test_a_gp_choice_from_group_2_to_1_needs_a_year_in_group_2() -> None:
    world = world_with_citizen(group=2, since=date(2024, 4, 10))
    command = ChooseGp(Actor.citizen(CPR), CPR, "111111", change_to_group_1=True)
    with pytest.raises(RuleRefused) as refused:
        world.handle(command)
    error = refused.value
    assert error.refusal_code == "MIN_PERIOD_NOT_MET"
    assert "10. april 2025" in error.message_da and "12 måneder" in error.message_da
    assert error.decision.reasons[0].rule_id == "groups.min_period"
    assert not world.registry.all_cases()
    assert world.registry.citizen(CPR).group_on(world.today).group == 2
    world.advance(days=1)
    case = world.handle(command)
    assert case.details.group_changed == (CPR,)
    assert world.registry.citizen(CPR).group_on(world.today).group == 1


def test_a_gp_choice_for_a_person_without_a_group_is_a_first_choice() -> None:
    world = world_with_citizen(group=None)
    case = world.handle(ChooseGp(Actor.citizen(CPR), CPR, "111111", change_to_group_1=True))
    assert case.details.group_changed == (CPR,)
