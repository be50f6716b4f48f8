"""CPR's remaining life events (SPEC 5.6, 5.7): name and address protection hides a person in
self-service and in every message; marriage makes a spouse; leaving Denmark ends the insurance
and a person registered in Greenland is still shown with a municipality name."""

from __future__ import annotations

import json
from datetime import date

import pytest

from sandbox.domain.errors import RuleRefused
from sandbox.domain.model import Actor, Case, CaseType
from sandbox.domain.rules.samlever import GENERIC_DA, GENERIC_EN
from sandbox.service import views
from sandbox.service.commands import ChooseGp, ConsumeCprFeed, DeclareSamlever
from sandbox.service.view_parts import PROTECTED_NAME
from tests.builders import (
    KLITMOLLER,
    THISTED,
    TestWorld,
    add_citizen,
    add_practice,
    klitmoller,
    make_world,
    mirror_in_cpr,
    offset,
)

MOTHER, FATHER, CHILD = "0505801234", "0606801234", "0707151234"
KENT, OLIVIA = "1505963001", "1209840000"
CLOSED, OPEN, OPEN_2 = "100001", "100002", "100003"
NUUK = {
    "street": "Aqqusinersuaq",
    "house_number": "1",
    "postcode": "3900",
    "city": "Nuuk",
    "municipality_code": "0956",
    "lat": 64.18,
    "lon": -51.72,
}


def world_of(*, protected_child: bool = False) -> TestWorld:
    world = make_world()
    add_practice(world, CLOSED, offset(THISTED, north_km=1), is_open=False, name="Lukket")
    add_practice(world, OPEN, offset(THISTED, north_km=2))
    add_practice(world, OPEN_2, offset(THISTED, east_km=2))
    for cpr, name in ((MOTHER, "Mette"), (FATHER, "Frits")):
        mirror_in_cpr(world, add_citizen(world, cpr, name=name, doctor=OPEN))
    child = add_citizen(
        world, CHILD, name="Hemmelige Hanne", birth=date(2015, 7, 7), doctor=OPEN,
        parents=(FATHER,), custody_holders=(FATHER,), protected=protected_child,
    )  # fmt: skip
    mirror_in_cpr(world, child)
    return world


def feed(world: TestWorld) -> None:
    world.handle(ConsumeCprFeed(Actor.system()))


# --- name and address protection -------------------------------------------------------------


@pytest.mark.parametrize("protected", [True, False])
def test_a_refusal_about_someone_elses_child_never_shows_the_childs_name(protected: bool) -> None:
    world = world_of(protected_child=protected)
    command = ChooseGp(Actor.citizen(MOTHER), MOTHER, OPEN_2, involved=(CHILD,))
    with pytest.raises(RuleRefused) as caught:
        world.handle(command)
    error = caught.value
    assert error.refusal_code == "INVOLVED_NOT_IN_CUSTODY"
    shown = json.dumps(error.to_dict(), ensure_ascii=False)
    assert "Hemmelige Hanne" not in shown and CHILD in shown


def test_staff_see_the_name_of_an_unprotected_child_in_the_refusal() -> None:
    world = world_of()
    command = ChooseGp(world.case_worker, MOTHER, OPEN_2, involved=(CHILD,))
    with pytest.raises(RuleRefused) as caught:
        world.handle(command)
    assert "Hemmelige Hanne" in caught.value.message_da


def test_a_protected_child_is_anonymous_in_the_parents_letter_and_self_service() -> None:
    world = world_of(protected_child=True)
    case = world.handle(ChooseGp(Actor.citizen(FATHER), FATHER, OPEN_2, involved=(CHILD,)))
    assert isinstance(case, Case)
    [letter] = world.registry.all_letters()
    assert letter.recipient_cpr == FATHER and "Hemmelige Hanne" not in letter.body
    assert "en person med navne- og adressebeskyttelse" in letter.body
    shown = views.case_details(world.bus.uow, Actor.citizen(FATHER), case.case_id)
    assert shown["involved_persons"][0]["name"] == PROTECTED_NAME
    assert "Hemmelige Hanne" not in json.dumps(shown, ensure_ascii=False)
    staff = views.case_details(world.bus.uow, world.case_worker, case.case_id)
    assert staff["involved_persons"][0]["name"] == "Hemmelige Hanne"


def samlever_world() -> tuple[TestWorld, Case]:
    """Kent lives at P. Madsens Gang 8 with Olivia, declares her and chooses her closed doctor."""
    world = make_world()
    add_practice(world, CLOSED, offset(KLITMOLLER, north_km=1), is_open=False, name="Klitlægen")
    add_practice(world, OPEN, offset(KLITMOLLER, east_km=2))
    add_practice(world, OPEN_2, offset(KLITMOLLER, east_km=3))
    for cpr, name, born, doctor in (
        (KENT, "Kent", date(1996, 5, 15), OPEN),
        (OLIVIA, "Olivia", date(1984, 9, 12), CLOSED),
    ):
        mirror_in_cpr(world, add_citizen(world, cpr, name, klitmoller("8"), born, doctor=doctor))
    world.handle(DeclareSamlever(Actor.citizen(KENT), KENT, OLIVIA))
    case = world.handle(ChooseGp(Actor.citizen(KENT), KENT, CLOSED))
    assert isinstance(case, Case)
    return world, case


def test_a_samlever_who_gets_protection_is_hidden_in_self_service() -> None:
    world, case = samlever_world()
    world.cpr.set_protection(OLIVIA, True, world.today)
    feed(world)
    mine = views.case_details(world.bus.uow, Actor.citizen(KENT), case.case_id)
    assert mine["details"]["samlever"] == {"cpr": OLIVIA, "name": PROTECTED_NAME}
    overview = views.citizen_overview(world.bus.uow, Actor.citizen(KENT), KENT)
    [samlever] = [r for r in overview["relations"] if r["relation"] == "samlever"]
    assert samlever["name"] == PROTECTED_NAME and samlever["address"] is None
    for view in (mine, overview):
        assert "Olivia" not in json.dumps(view, ensure_ascii=False)
    staff = views.case_details(world.bus.uow, world.case_worker, case.case_id)
    assert staff["details"]["samlever"]["name"] == "Olivia"


def test_a_protected_person_cannot_be_declared_and_the_message_stays_generic() -> None:
    world, _ = samlever_world()
    world.cpr.set_protection(OLIVIA, True, world.today)
    feed(world)
    with pytest.raises(RuleRefused) as protected:
        world.handle(DeclareSamlever(Actor.citizen(KENT), KENT, OLIVIA))
    with pytest.raises(RuleRefused) as unknown:
        world.handle(DeclareSamlever(Actor.citizen(KENT), KENT, "0101010101"))
    assert protected.value.to_dict() == unknown.value.to_dict()
    assert protected.value.decision.text("da") == GENERIC_DA
    assert protected.value.decision.text("en") == GENERIC_EN


# --- marriage makes a spouse -------------------------------------------------------------------


def test_marriage_in_cpr_makes_the_spouses_closed_doctor_choosable_and_divorce_undoes_it() -> None:
    world = world_of()
    world.registry.citizen(MOTHER).listings[0].ydernummer = CLOSED  # her doctor closed since
    command = ChooseGp(Actor.citizen(FATHER), FATHER, CLOSED)
    with pytest.raises(RuleRefused):
        world.handle(command)
    world.cpr.marriage(MOTHER, FATHER, world.today)
    feed(world)
    case = world.handle(command)
    assert isinstance(case, Case) and case.details.exceptions == {FATHER: "SPOUSE"}
    world.cpr.divorce(MOTHER, FATHER, world.today)
    feed(world)
    world.handle(ChooseGp(Actor.citizen(FATHER), FATHER, OPEN))
    with pytest.raises(RuleRefused) as caught:
        world.handle(command)
    assert caught.value.refusal_code == "PRACTICE_CLOSED"


# --- leaving Denmark ---------------------------------------------------------------------------


def test_a_person_moved_to_greenland_is_shown_with_a_greenland_municipality() -> None:
    world = world_of()
    world.cpr.move_to_greenland(MOTHER, dict(NUUK), world.today)
    feed(world)
    mother = world.registry.citizen(MOTHER)
    assert mother.status == "05" and mother.group_on(world.today) is None
    for view in (views.citizen_overview, views.gp_choice_card, views.gp_choice_history):
        shown = view(world.bus.uow, world.case_worker, MOTHER)
        assert shown["person"]["municipality_code"] == "0956"
        assert shown["person"]["municipality_name"] == "Grønlandsk kommune 956"
    with pytest.raises(RuleRefused) as caught:  # not insured: no GP choice from Greenland
        world.handle(ChooseGp(Actor.citizen(MOTHER), MOTHER, OPEN_2))
    assert caught.value.refusal_code == "NOT_IN_GROUP_1"
    assert not [c for c in world.registry.cases_of(MOTHER) if c.case_type is CaseType.GP_CHOICE]
