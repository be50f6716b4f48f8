"""The read models (SPEC 7.2): sikrede overblik, lægevalgskort, lægevalgshistorik,
forløbsdetaljer, opgaveoverblik and cases awaiting LUNA - content, access, masking, audit."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from sandbox.domain.model import Actor, Case, CaseType, Role, Task, TaskKind
from sandbox.service.commands import ChooseGp, OrderHealthCard, RegisterPracticeEvent
from sandbox.service.view_parts import PROTECTED_NAME, ViewNotAllowed
from sandbox.service.views import (
    case_details,
    cases_awaiting_luna,
    citizen_overview,
    gp_choice_card,
    gp_choice_history,
    task_overview,
)
from tests.builders import THISTED, TestWorld, add_citizen, add_practice, make_world, offset

MOTHER = "0505801234"
CHILD = "0101151234"
TEEN = "0101081234"
SPOUSE = "0606791234"
STRANGER = "0303701234"
GP_OLD, GP_NEW = "100001", "100002"


@pytest.fixture
def world() -> TestWorld:
    world = make_world()
    add_practice(world, GP_OLD, offset(THISTED, north_km=2), name="Lægerne i Vestergade")
    add_practice(world, GP_NEW, offset(THISTED, east_km=3), name="Lægehuset ved Havnen")
    add_citizen(world, MOTHER, name="Mette Hansen", doctor=GP_OLD, spouse=SPOUSE)
    add_citizen(world, SPOUSE, name="Hemmelig Hansen", doctor=GP_OLD, protected=True)
    for cpr, name, born in ((CHILD, "Anna Hansen", 2015), (TEEN, "Teis Hansen", 2008)):
        parent = (MOTHER,)
        add_citizen(
            world, cpr, name=name, birth=date(born, 1, 1), parents=parent, custody_holders=parent
        )
    add_citizen(world, STRANGER, name="Frede Fremmed", doctor=GP_OLD)
    return world


def gp_case(world: TestWorld, on: date | None = None) -> Case:
    command = ChooseGp(Actor.citizen(MOTHER), MOTHER, GP_NEW, on, involved=(CHILD,))
    case = world.handle(command)
    assert isinstance(case, Case)
    return case


def reads(world: TestWorld) -> list[tuple[str, str | None]]:
    return [(e.action, e.cpr) for e in world.registry.audit_log() if e.action.startswith("read:")]


# --- sikrede overblik ---------------------------------------------------------------------------


def test_the_overview_shows_person_relations_group_gp_and_cases(world: TestWorld) -> None:
    case = gp_case(world)
    view = citizen_overview(world.bus.uow, world.case_worker, MOTHER)
    assert view["person"]["name"] == "Mette Hansen" and view["person"]["age"] == 44
    relations = {(r["relation"], r["cpr"]) for r in view["relations"]}
    assert relations == {("spouse", SPOUSE), ("child", CHILD), ("child", TEEN)}
    assert view["group"]["current"]["group"] == 1
    assert view["gp"]["current"]["ydernummer"] == GP_NEW
    assert view["gp"]["current"]["case"]["case_id"] == case.case_id
    recent = [row["case_id"] for row in view["recent_cases"]]
    assert case.case_id in recent
    assert all(row["main_cpr"] == MOTHER for row in view["recent_cases"])
    json.dumps(view)  # ready for the API


def test_a_future_choice_shows_as_the_future_doctor(world: TestWorld) -> None:
    gp_case(world, world.today + timedelta(days=10))
    view = citizen_overview(world.bus.uow, world.case_worker, MOTHER)
    assert view["gp"]["current"]["ydernummer"] == GP_OLD
    assert [row["ydernummer"] for row in view["gp"]["future"]] == [GP_NEW]


def test_the_childs_overview_lists_the_case_it_is_involved_in(world: TestWorld) -> None:
    case = gp_case(world)
    view = citizen_overview(world.bus.uow, world.case_worker, CHILD)
    involved = view["involved_cases"]
    assert [row["case_id"] for row in involved] == [
        case.case_id,
        case.details.card_order_case_id,
    ]
    assert all(row["main_cpr"] == MOTHER for row in involved)
    assert view["open_cases"] == [] and view["recent_cases"] == []


def test_a_case_worker_sees_a_protected_relative_in_full(world: TestWorld) -> None:
    view = citizen_overview(world.bus.uow, world.case_worker, MOTHER)
    [spouse] = [r for r in view["relations"] if r["relation"] == "spouse"]
    assert spouse["name"] == "Hemmelig Hansen" and spouse["address"] is not None


def test_self_service_never_shows_a_protected_relatives_name_or_address(
    world: TestWorld,
) -> None:
    view = citizen_overview(world.bus.uow, Actor.citizen(MOTHER), MOTHER)
    [spouse] = [r for r in view["relations"] if r["relation"] == "spouse"]
    assert spouse["name"] == PROTECTED_NAME and spouse["address"] is None
    assert "Hemmelig" not in json.dumps(view)
    assert view["person"]["name"] == "Mette Hansen"  # one's own data is never masked


def test_a_parent_sees_a_child_under_15_but_masked_when_protected(world: TestWorld) -> None:
    world.registry.citizen(CHILD).protected = True
    view = citizen_overview(world.bus.uow, Actor.citizen(MOTHER), CHILD)
    assert view["person"]["cpr"] == CHILD
    assert view["person"]["name"] == PROTECTED_NAME and view["person"]["address"] is None


@pytest.mark.parametrize("cpr", [STRANGER, TEEN, SPOUSE])
def test_self_service_sees_no_one_else(world: TestWorld, cpr: str) -> None:
    with pytest.raises(ViewNotAllowed) as refused:
        citizen_overview(world.bus.uow, Actor.citizen(MOTHER), cpr)
    assert refused.value.message_da == "Du har ikke adgang til disse oplysninger."


def test_case_worker_reads_are_audited_and_citizen_reads_are_not(world: TestWorld) -> None:
    uow = world.bus.uow
    citizen_overview(uow, Actor.citizen(MOTHER), MOTHER)
    gp_choice_card(uow, Actor.citizen(MOTHER), MOTHER)
    assert reads(world) == []
    citizen_overview(uow, world.case_worker, MOTHER)
    gp_choice_card(uow, world.case_worker, MOTHER)
    gp_choice_history(uow, world.case_worker, CHILD)
    assert reads(world) == [
        ("read:citizen_overview", MOTHER),
        ("read:gp_choice_card", MOTHER),
        ("read:gp_choice_history", CHILD),
    ]
    assert {e.user_id for e in world.registry.audit_log() if e.action.startswith("read:")} == {
        world.case_worker.user_id
    }


# --- lægevalgskort ------------------------------------------------------------------------------


def test_the_gp_choice_card_shows_current_and_future_doctor(world: TestWorld) -> None:
    gp_case(world, world.today + timedelta(days=10))
    view = gp_choice_card(world.bus.uow, world.case_worker, MOTHER)
    assert view["current"]["practice_name"] == "Lægerne i Vestergade"
    assert view["future"]["practice_name"] == "Lægehuset ved Havnen"
    assert view["future"]["valid_from"] == (world.today + timedelta(days=10)).isoformat()
    assert view["group"] == 1
    assert view["upcoming_practice_events"] == []


def test_the_gp_choice_card_shows_upcoming_practice_events(world: TestWorld) -> None:
    effective = world.today + timedelta(days=20)
    world.handle(RegisterPracticeEvent(Actor.system(), GP_OLD, "overdragelse", effective))
    view = gp_choice_card(world.bus.uow, world.case_worker, MOTHER)
    [event] = view["upcoming_practice_events"]
    assert event["ydernummer"] == GP_OLD
    json.dumps(view)
    assert gp_choice_card(world.bus.uow, world.case_worker, CHILD)["current"] is None


# --- lægevalgshistorik --------------------------------------------------------------------------


def test_the_history_shows_listings_groups_and_cards_with_their_cases(world: TestWorld) -> None:
    case = gp_case(world)
    view = gp_choice_history(world.bus.uow, world.case_worker, MOTHER)
    assert [row["ydernummer"] for row in view["listings"]] == [GP_OLD, GP_NEW]
    assert view["listings"][0]["valid_to"] == world.today.isoformat()
    assert view["listings"][1]["case"]["case_id"] == case.case_id
    assert view["groups"][0]["group"] == 1
    [order] = view["card_orders"]
    assert order["case_id"] == case.details.card_order_case_id and order["physical"]


def test_the_history_shows_the_physical_card_opt_out_from_luna(world: TestWorld) -> None:
    uow = world.bus.uow
    before = gp_choice_history(uow, world.case_worker, MOTHER)["physical_card_opt_out"]
    assert before["opted_out"] is False  # no registration = no opt-out
    world.luna.opt_out(MOTHER)
    gp_case(world)
    view = gp_choice_history(uow, world.case_worker, MOTHER)
    assert view["physical_card_opt_out"]["opted_out"] is True
    assert view["physical_card_opt_out"]["text_da"].startswith("Borgeren har fravalgt")
    [order] = view["card_orders"]
    assert not order["physical"] and order["skipped_reason"] == "PHYSICAL_CARD_OPTED_OUT"


# --- forløbsdetaljer ----------------------------------------------------------------------------


def test_case_details_show_persons_decisions_letters_and_card_orders(world: TestWorld) -> None:
    world.luna.opt_out(CHILD)
    case = gp_case(world)
    view = case_details(world.bus.uow, world.case_worker, case.case_id)
    assert view["type_da"] == "Lægevalg" and view["status_da"] == "Gennemført"
    assert [row["status"] for row in view["history"]] == ["awaiting_luna", "completed"]
    assert view["main_person"]["name"] == "Mette Hansen"
    assert [p["cpr"] for p in view["involved_persons"]] == [CHILD]
    assert "PRACTICE_OPEN" in view["decision_codes"]
    [letter] = view["letters"]
    assert letter["recipient_cpr"] == MOTHER and "Anna Hansen" in letter["body"]
    physical = {o["cpr"]: o["physical"] for o in view["card_orders"]}
    assert physical == {MOTHER: True, CHILD: False}
    assert ("read:case_details", MOTHER) in reads(world)
    json.dumps(view)


def test_a_standalone_card_case_shows_its_receipt(world: TestWorld) -> None:
    case = world.handle(OrderHealthCard(world.case_worker, STRANGER, "lost"))
    assert isinstance(case, Case)
    view = case_details(world.bus.uow, Actor.citizen(STRANGER), case.case_id)
    assert view["type"] == CaseType.CARD_ORDER
    assert [letter["template"] for letter in view["letters"]] == ["card_receipt"]
    assert view["card_orders"][0]["standalone"] is True


def test_a_citizen_sees_only_cases_about_themself_or_their_child(world: TestWorld) -> None:
    case = gp_case(world)
    assert case_details(world.bus.uow, Actor.citizen(CHILD), case.case_id)["case_id"]
    with pytest.raises(ViewNotAllowed):
        case_details(world.bus.uow, Actor.citizen(STRANGER), case.case_id)


# --- opgaveoverblik and LUNA --------------------------------------------------------------------


def test_the_task_overview_lists_open_tasks_and_cases_of_the_municipality(
    world: TestWorld,
) -> None:
    registry = world.registry
    for task_id, municipality, done in (("O1", "0787", False), ("O2", "0787", True),
                                        ("O3", "0101", False)):  # fmt: skip
        registry.add_task(Task(
            task_id, TaskKind.MANUAL, municipality, None, "TEST", "Opgave", "Task",
            world.clock.now(), done=done,
        ))  # fmt: skip
    world.luna.force_next("timeout")
    case = gp_case(world)
    view = task_overview(world.bus.uow, world.case_worker, "0787")
    assert [task["task_id"] for task in view["tasks"]] == ["O1"]
    assert case.case_id in [row["case_id"] for row in view["cases"]]
    assert ("read:task_overview", None) in reads(world)
    assert task_overview(world.bus.uow, world.case_worker, "0787")["tasks"][0]["kind"] == "manual"


@pytest.mark.parametrize(
    "actor",
    [Actor.citizen(MOTHER), Actor(Role.CASE_WORKER, "sb-0101-01", "0101")],
)
def test_the_task_overview_is_for_the_municipalitys_case_workers(
    world: TestWorld, actor: Actor
) -> None:
    with pytest.raises(ViewNotAllowed):
        task_overview(world.bus.uow, actor, "0787")


def test_cases_awaiting_luna_shows_attempts_and_the_last_fault(world: TestWorld) -> None:
    world.luna.force_next("timeout")
    case = gp_case(world)
    [row] = [r for r in cases_awaiting_luna(world.bus.uow, "0787") if r["case_id"] == case.case_id]
    assert row["status"] == "awaiting_luna"
    assert row["attempts"] == 1 and row["last_fault"] == "timeout"
    assert cases_awaiting_luna(world.bus.uow, "0101") == []
