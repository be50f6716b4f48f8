"""CPR annuls a number without a new one (status 30): group 8, no successor, a task (SPEC 5.4,
5.6); the fake CPR reports it."""

from __future__ import annotations

from datetime import date

import pytest

from fakes.cpr.backend import CprBackendError
from sandbox.domain.model import Actor, CaseStatus, CaseType, TaskKind
from sandbox.domain.rules.annulment import decide_annulment
from sandbox.parameters import default_parameters
from sandbox.service.commands import ConsumeCprFeed
from tests.builders import add_citizen, add_practice, make_world, mirror_in_cpr

CPR = "0101901234"


def test_the_rule_moves_the_number_to_the_parameters_group() -> None:
    parameters = default_parameters()
    group, decision = decide_annulment(CPR, date(2025, 4, 9), parameters)
    assert group == 8 and decision.codes == ("ANNULLED_WITHOUT_SUCCESSOR",)
    assert decision.reasons[0].parameters[0].name == "renumbering.oldNumberGroup"
    text = decision.reasons[0].text("da")
    assert "9. april 2025" in text and "2025-" not in text
    other = parameters.with_values({"renumbering.oldNumberGroup": {date(2023, 11, 28): 9}})
    assert decide_annulment(CPR, date(2025, 4, 9), other)[0] == 9


def test_an_annulled_number_goes_to_group_8_with_a_task_and_no_card_or_letter() -> None:
    world = make_world()
    add_practice(world, "111111")
    citizen = add_citizen(world, CPR, name="Mor", doctor="111111")
    mirror_in_cpr(world, citizen)
    event = world.cpr.annul(CPR, world.today)
    assert event.kind == "annulment" and world.cpr.persons[CPR].status == "30"
    world.handle(ConsumeCprFeed(Actor.system()))
    assert citizen.status == "30"
    assert citizen.group_on(world.today).group == 8
    assert citizen.doctor_on(world.today) is None
    assert world.registry.practice("111111").list_size == 0
    (case,) = [c for c in world.registry.cases_of(CPR) if c.case_type is CaseType.RENUMBERING]
    assert case.details.new_cpr is None and case.status is CaseStatus.COMPLETED
    assert world.luna.registrations[case.case_id].kind == "renumbering"
    tasks = [t for t in world.registry.all_tasks() if t.cpr == CPR]
    assert [t.kind for t in tasks] == [TaskKind.MANUAL]
    assert "9. april 2025" not in tasks[0].title_en and "uden et nyt nummer" in tasks[0].title_da
    assert not world.registry.card_orders_of(CPR)
    assert not world.registry.has_letters(case.case_id)


def test_a_second_annulment_is_refused_by_the_fake_and_ignored_by_the_system() -> None:
    world = make_world()
    citizen = add_citizen(world, CPR)
    mirror_in_cpr(world, citizen)
    world.cpr.annul(CPR, world.today)
    with pytest.raises(CprBackendError):
        world.cpr.annul(CPR, world.today)
    world.handle(ConsumeCprFeed(Actor.system()))
    groups = list(citizen.groups)
    world.cpr.record("annulment", CPR, world.today, status="30", new_cpr=None)
    world.handle(ConsumeCprFeed(Actor.system()))
    assert citizen.groups == groups  # already annulled: nothing changes twice
