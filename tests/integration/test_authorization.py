"""One authorization in the service (`sandbox.service.authorization`), whoever sends: a command
sent in process - as the simulator and the in-process BDD driver send them - is refused as the
API refuses it, by role and by municipality, before anything changes; the attempt is audited."""

from __future__ import annotations

from datetime import date

import pytest

from sandbox.domain.errors import RoleNotAllowed, SandboxError
from sandbox.domain.model import Actor, CaseType, Role
from sandbox.domain.practice_events import PracticeEventNotAllowed
from sandbox.service import bootstrap
from sandbox.service.authorization import PERMISSIONS, WrongMunicipality, authorize
from sandbox.service.commands import (
    ChangePracticeStatus,
    ChooseGp,
    ForceTransferToGroup1,
    ProcessDailyWork,
    RestoreCitizenData,
)
from sandbox.service.cpr_commands import RegisterProtection
from tests.builders import (
    COPENHAGEN,
    THISTED,
    TestWorld,
    add_citizen,
    add_practice,
    address,
    make_world,
    offset,
)

THISTED_CPR = "0505801234"
COPENHAGEN_CPR = "0606701234"
THISTED_WORKER = Actor(Role.CASE_WORKER, "sb-0787-01", "0787")
COPENHAGEN_WORKER = Actor(Role.CASE_WORKER, "sb-0101-01", "0101")
COPENHAGEN_HOME = address("Nørregade", "1", COPENHAGEN, "1165", "København K", "0101")


def _world() -> TestWorld:
    world = make_world(start=date(2025, 10, 15))
    add_practice(world, "100001", offset(THISTED, north_km=2))
    add_practice(world, "200001", offset(COPENHAGEN, east_km=1), municipality="0101")
    add_citizen(world, THISTED_CPR)
    add_citizen(world, COPENHAGEN_CPR, home=COPENHAGEN_HOME)
    return world


def _gp_cases(world: TestWorld) -> list[str]:
    return [c.case_id for c in world.registry.all_cases() if c.case_type is CaseType.GP_CHOICE]


def test_a_case_worker_is_refused_a_citizen_of_another_municipality_in_process() -> None:
    world = _world()
    with pytest.raises(WrongMunicipality) as refused:
        world.handle(ChooseGp(COPENHAGEN_WORKER, THISTED_CPR, "100001"))
    assert refused.value.code == "WRONG_MUNICIPALITY"
    assert refused.value.kind == "forbidden"
    assert "kommune 0101" in refused.value.message_da
    assert "municipality 0787" in refused.value.message_en
    assert _gp_cases(world) == []  # refused before anything changed
    assert world.registry.citizen(THISTED_CPR).doctor_on(world.today) is None
    [entry] = world.registry.audit_log()  # the attempt is in the revisionslog
    assert (entry.user_id, entry.action, entry.cpr) == ("sb-0101-01", "write:ChooseGp", THISTED_CPR)


def test_a_case_worker_acts_for_a_citizen_of_their_own_municipality() -> None:
    world = _world()
    world.handle(ChooseGp(THISTED_WORKER, THISTED_CPR, "100001"))
    assert world.registry.citizen(THISTED_CPR).doctor_on(world.today) == "100001"


def test_a_choice_ahead_of_a_move_belongs_to_the_moving_in_municipality() -> None:
    world = _world()
    moving_to = address(
        "Strøget", "5", offset(COPENHAGEN, north_km=1), "1160", "København K", "0101"
    )
    ahead = ChooseGp(COPENHAGEN_WORKER, THISTED_CPR, "200001", moving_to=moving_to)
    with pytest.raises(WrongMunicipality):
        world.handle(ChooseGp(THISTED_WORKER, THISTED_CPR, "200001", moving_to=moving_to))
    world.handle(ahead)  # Copenhagen's case worker, for a citizen still living in Thisted
    assert len(_gp_cases(world)) == 1


def test_practice_data_of_another_municipality_is_refused() -> None:
    world = _world()
    with pytest.raises(WrongMunicipality):
        world.handle(ChangePracticeStatus(THISTED_WORKER, "200001", world.today, False))
    assert world.registry.practice("200001").is_open_on(world.today)
    world.handle(ChangePracticeStatus(COPENHAGEN_WORKER, "200001", world.today, False))
    assert not world.registry.practice("200001").is_open_on(world.today)


def test_roles_are_checked_by_the_service_for_every_sender() -> None:
    world = _world()
    citizen = Actor.citizen(THISTED_CPR)
    with pytest.raises(RoleNotAllowed) as refused:
        world.handle(RestoreCitizenData(citizen, THISTED_CPR, world.clock.now()))
    assert "genoprette data" in refused.value.message_da
    with pytest.raises(RoleNotAllowed):
        world.handle(ProcessDailyWork(citizen))
    with pytest.raises(RoleNotAllowed):
        world.handle(ForceTransferToGroup1(citizen, THISTED_CPR, world.today))
    with pytest.raises(PracticeEventNotAllowed):
        world.handle(ChangePracticeStatus(citizen, "100001", world.today, False))
    assert world.registry.practice("100001").is_open_on(world.today)
    world.handle(ProcessDailyWork(Actor.system()))  # the system's own job is allowed


def test_what_the_world_does_not_know_is_left_to_the_handler() -> None:
    world = _world()
    with pytest.raises(SandboxError) as unknown:
        world.handle(ChooseGp(COPENHAGEN_WORKER, "0101011234", "100001"))
    assert unknown.value.kind == "not_found"  # 404 for an unknown citizen, not 403


def test_the_system_and_the_cpr_feed_are_bound_to_no_municipality() -> None:
    world = _world()
    entry = RegisterProtection(Actor.system(), 1, THISTED_CPR, world.today, True)
    authorize(entry, world.bus.uow)  # no refusal
    world.handle(ChooseGp(Actor.system(), COPENHAGEN_CPR, "200001"))
    assert world.registry.citizen(COPENHAGEN_CPR).doctor_on(world.today) == "200001"


def test_every_permission_is_for_a_wired_command() -> None:
    assert set(PERMISSIONS) <= set(bootstrap.COMMAND_HANDLERS)
    assert all(permission.roles for permission in PERMISSIONS.values())
