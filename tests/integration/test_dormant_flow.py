"""Dormant insurance and an annulment without a new number through the bus: what changes, and
every text they write (decisions, letters, task titles) reads as Danish in Danish (the checks
of tests/simulation/test_texts.py, which covers the demo world and the smoke scenario)."""

from __future__ import annotations

from datetime import date

import pytest

from sandbox.domain.errors import RuleRefused
from sandbox.domain.model import Actor, CaseStatus, CaseType, Role
from sandbox.service.commands import ConsumeCprFeed, EndDormantInsurance, RegisterDormantInsurance
from tests.builders import TestWorld, add_citizen, add_practice, make_world, mirror_in_cpr
from tests.simulation.test_texts import (
    ENGLISH_STATUS,
    ISO_DATE,
    MISSPELLINGS,
    PLURAL_HEDGES,
    REPRS,
    TextCollector,
    Texts,
)

PARENT = "0101801234"
CHILD = "0106154321"
START = date(2025, 3, 1)


def world_with_texts() -> tuple[TestWorld, Texts]:
    world = make_world(START)
    texts: Texts = {"da": [], "en": []}
    world.bus.journals.append(TextCollector(texts, "dormant"))
    add_practice(world, "111111", is_open=False)
    parent = add_citizen(world, PARENT, name="Lars Hansen", doctor="111111")
    child = add_citizen(
        world, CHILD, name="Emil Hansen", birth=date(2015, 6, 1), doctor="111111", parents=(PARENT,)
    )
    mirror_in_cpr(world, parent)
    mirror_in_cpr(world, child)
    return world, texts


def test_dormant_and_back_and_every_text_reads_as_danish() -> None:
    world, texts = world_with_texts()
    worker = Actor(Role.CASE_WORKER, "sb-0787-01", "0787")
    end = date(2025, 12, 1)
    world.handle(RegisterDormantInsurance(worker, PARENT, "prison", START, end))
    parent = world.registry.citizen(PARENT)
    assert parent.doctor_on(START) is None and parent.group_on(START).reason == "DORMANT"
    assert world.registry.citizen(CHILD).doctor_on(START) == "111111"  # the child keeps it
    world.advance(days=(end - START).days)
    world.handle(EndDormantInsurance(worker, PARENT, end))
    assert parent.doctor_on(end) == "111111"  # the last group-1 doctor, though closed
    assert parent.group_on(end).group == 1 and parent.group_on(end).reason != "DORMANT"
    cases = [c for c in world.registry.cases_of(PARENT) if c.case_type is CaseType.GROUP_CHANGE]
    assert [c.status for c in cases] == [CaseStatus.COMPLETED, CaseStatus.COMPLETED]
    assert all(c.details.fee_dkk == 0 for c in cases)
    orders = world.registry.card_orders_of(PARENT)
    assert len(orders) == 2 and all(order.fee_dkk == 0 for order in orders)
    world.cpr.annul(PARENT, end)
    world.handle(ConsumeCprFeed(Actor.system()))
    letters = [letter.body for letter in world.registry.all_letters()]
    assert len(letters) == 2
    assert "Klagevejledning" in letters[0] and "Klagevejledning" not in letters[1]
    texts["da"] += [("letter", body) for body in letters]
    texts["da"] += [("task", task.title_da) for task in world.registry.all_tasks()]
    texts["en"] += [("task", task.title_en) for task in world.registry.all_tasks()]
    danish = [text for _, text in texts["da"]]
    assert any("hvilende" in text for text in danish)
    for text in danish:
        assert not ISO_DATE.search(text), text
        assert not REPRS.search(text), text
        assert not ENGLISH_STATUS.search(text), text
        assert not any(hedge in text for hedge in PLURAL_HEDGES), text
        assert not any(wrong in text for wrong in MISSPELLINGS), text
        assert "dormantStayMinMonths" not in text and "oldNumberGroup" not in text, text
    for _, text in texts["en"]:
        assert not ISO_DATE.search(text), text


@pytest.mark.parametrize("kind", ["military_service", "substitute_service", "prison"])
def test_a_refusal_changes_nothing(kind: str) -> None:
    world, _ = world_with_texts()
    worker = Actor(Role.CASE_WORKER, "sb-0787-01", "0787")
    parent = world.registry.citizen(PARENT)
    before = (list(parent.groups), list(parent.listings), world.registry.case_count())
    with pytest.raises(RuleRefused) as refused:
        world.handle(RegisterDormantInsurance(worker, PARENT, kind, START, date(2025, 5, 31)))
    assert refused.value.refusal_code == "DORMANT_STAY_TOO_SHORT"
    assert (list(parent.groups), list(parent.listings), world.registry.case_count()) == before
