"""The test builders give a working world: a citizen chooses an open practice nearby."""

from sandbox.domain.model import Actor, CaseStatus
from sandbox.service.commands import ChooseGp
from tests.builders import THISTED, add_citizen, add_practice, make_world, offset


def test_a_citizen_chooses_an_open_practice_and_gets_a_completed_case() -> None:
    world = make_world()
    add_practice(world, "100001", offset(THISTED, north_km=2))
    add_citizen(world, "0505801234")
    case = world.handle(ChooseGp(Actor.citizen("0505801234"), "0505801234", "100001"))
    assert case.status is CaseStatus.COMPLETED  # type: ignore[attr-defined]
    assert world.registry.citizen("0505801234").doctor_on(world.today) == "100001"
