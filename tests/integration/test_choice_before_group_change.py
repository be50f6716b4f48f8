"""A GP choice made while a change to group 2 is already registered for a later day.

The group change ended the old listing on its day; the choice replaces that listing from an
earlier day, and used to leave the new one open for good: the citizen stayed listed in group 2,
and, when the chosen practice closed, past the closure's deadline (``closed_practice_empty``).
"""

from __future__ import annotations

from datetime import timedelta

from sandbox.domain.model import Actor
from sandbox.service.commands import ChangeGroup, ChooseGp
from tests.builders import add_citizen, add_practice, make_world

CPR = "0505801234"


def test_a_choice_before_a_registered_change_to_group_2_ends_on_that_day() -> None:
    world = make_world()
    add_practice(world, "111111")
    add_practice(world, "222222")
    add_citizen(world, CPR, doctor="111111")
    valid_from = world.today + timedelta(days=12)
    world.handle(ChangeGroup(Actor.citizen(CPR), CPR, 2, valid_from))
    world.handle(ChooseGp(Actor.citizen(CPR), CPR, "222222", world.today))
    citizen = world.registry.citizen(CPR)
    assert citizen.doctor_on(world.today) == "222222"
    assert citizen.doctor_on(valid_from - timedelta(days=1)) == "222222"
    assert citizen.group_on(valid_from).group == 2
    assert citizen.doctor_on(valid_from) is None  # group 2 has no GP
    assert citizen.listing_on(world.today).valid_to == valid_from
