"""GP choices made ahead of a move (SPEC 3.8, 5.6): decided at the moving-in address, pending
until CPR's move event approves them - the release notes' Kent demo end to end."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from sandbox.domain.case_details import PersonRef
from sandbox.domain.decisions import Decision
from sandbox.domain.errors import InvalidInput, RuleRefused, UnknownMunicipality
from sandbox.domain.geography import Address
from sandbox.domain.model import Actor, Case, CaseStatus, CaseType
from sandbox.service import views
from sandbox.service.commands import (
    AcceptDispensation,
    ChooseGp,
    ConsumeCprFeed,
    DeclareSamlever,
)
from sandbox.service.cpr_records import address_to_cpr
from tests.builders import (
    COPENHAGEN,
    KLITMOLLER,
    THISTED,
    TestWorld,
    add_citizen,
    add_practice,
    address,
    klitmoller,
    make_world,
    mirror_in_cpr,
    offset,
)

KENT = "1505963001"  # 150596-3001
SIGRID = "0101974321"
OLIVIA = "1209840000"  # 120984-0000
OLIVIAS_DOCTOR, SIGRIDS_DOCTOR, KENTS_DOCTOR = "200001", "300001", "300002"


def copenhagen_home() -> Address:
    return address("Strøget", "1", COPENHAGEN, "1160", "København K", "0101")


def kent_world(start: date | None = None) -> TestWorld:
    """Kent lives with Sigrid in Copenhagen, not married, no samlever declared; Olivia lives at
    P. Madsens Gang 8, Klitmøller; her practice and Sigrid's are closed for new patients."""
    world = make_world(start) if start else make_world()
    add_practice(world, OLIVIAS_DOCTOR, offset(KLITMOLLER, north_km=1), False, "Klitlægen")
    add_practice(world, "200002", offset(KLITMOLLER, east_km=2), name="Klitmøller Lægehus")
    add_practice(world, "200003", offset(KLITMOLLER, east_km=3))
    kbh = "0101"
    add_practice(world, SIGRIDS_DOCTOR, offset(COPENHAGEN, 1), False, "Sigrids læge", kbh)
    add_practice(world, KENTS_DOCTOR, offset(COPENHAGEN, east_km=1), municipality=kbh)
    add_practice(world, "300003", offset(COPENHAGEN, east_km=2), municipality=kbh)
    people = [
        add_citizen(world, KENT, "Kent", copenhagen_home(), date(1996, 5, 15), doctor=KENTS_DOCTOR),
        add_citizen(
            world, SIGRID, "Sigrid", copenhagen_home(), date(1997, 1, 1), doctor=SIGRIDS_DOCTOR
        ),
        add_citizen(
            world, OLIVIA, "Olivia", klitmoller("8"), date(1984, 9, 12), doctor=OLIVIAS_DOCTOR
        ),
    ]
    for person in people:
        mirror_in_cpr(world, person)
    return world


def ahead(world: TestWorld, yder: str, to: Address, **kwargs: object) -> Case:
    command = ChooseGp(Actor.citizen(KENT), KENT, yder, moving_to=to, **kwargs)  # type: ignore[arg-type]
    case = world.handle(command)
    assert isinstance(case, Case)
    return case


def cpr_move(world: TestWorld, to: Address, days: int = 10) -> None:
    world.advance(days=days)
    world.cpr.move(KENT, address_to_cpr(to), world.today)
    world.handle(ConsumeCprFeed(Actor.system()))


def refused(world: TestWorld, command: object) -> RuleRefused:
    cases = list(world.registry.all_cases())
    with pytest.raises(RuleRefused) as caught:
        world.handle(command)
    assert list(world.registry.all_cases()) == cases  # nothing changed
    return caught.value


def of_type(world: TestWorld, cpr: str, kind: CaseType) -> list[Case]:
    return [c for c in world.registry.cases_of(cpr) if c.case_type is kind and c.main_cpr == cpr]


class Decisions:
    """A journal that keeps the decisions the bus saw, by subject."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, Decision]] = []

    def command(self, command: Any, uow: Any) -> None: ...

    def event(self, event: Any, uow: Any) -> None: ...

    def decision(self, subject: str, decision: Decision, uow: Any) -> None:
        self.seen.append((subject, decision))

    def error(self, command: Any, error: Any, uow: Any) -> None: ...


def letters_to(world: TestWorld, cpr: str) -> list[tuple[str, str]]:
    return [
        (lt.template, lt.body) for lt in world.registry.all_letters() if lt.recipient_cpr == cpr
    ]


# --- the release notes' demo -----------------------------------------------------------------


def test_kent_declares_olivia_chooses_her_closed_doctor_ahead_and_the_move_approves_it() -> None:
    world = kent_world()
    expected = world.today + timedelta(days=10)
    no_samlever = ChooseGp(Actor.citizen(KENT), KENT, OLIVIAS_DOCTOR, moving_to=klitmoller("8"))
    assert refused(world, no_samlever).refusal_code == "PRACTICE_CLOSED"

    declared = world.handle(
        DeclareSamlever(Actor.citizen(KENT), KENT, "120984-0000", klitmoller("8").key)
    )
    assert isinstance(declared, Case) and declared.details.samlever.cpr == OLIVIA
    assert declared.municipality_code == "0787"  # declared for the moving-in address
    case = ahead(world, OLIVIAS_DOCTOR, klitmoller("8"), expected_move_date=expected)
    kent = world.registry.citizen(KENT)
    assert case.status is CaseStatus.PENDING
    assert case.details.awaiting == "cpr_move"
    assert case.details.expected_address_key == klitmoller("8").key
    assert case.details.expected_move_date == expected
    assert case.municipality_code == "0787"  # the moving-in municipality (Thisted)
    assert case.details.exceptions == {KENT: "DECLARED_COHABITANT"}
    assert case.details.samlever == PersonRef(OLIVIA, "Olivia")
    assert case.details.fee_dkk == 0 and "FREE_WITH_MOVE" in case.details.fee_reason_codes
    assert kent.doctor_on(expected) == KENTS_DOCTOR  # nothing changes before the move
    assert case.case_id not in world.luna.registrations
    assert not world.registry.card_orders_of(KENT) and not letters_to(world, KENT)

    cpr_move(world, klitmoller("8"))
    assert case.status is CaseStatus.COMPLETED
    assert case.effective_date == world.today and case.details.approved_on == world.today
    assert kent.address == klitmoller("8")
    assert kent.doctor_on(world.today) == OLIVIAS_DOCTOR
    assert kent.doctor_on(world.today - timedelta(days=1)) == KENTS_DOCTOR
    assert kent.listing_on(world.today).basis == "EXCEPTION:DECLARED_COHABITANT"  # type: ignore[union-attr]
    assert world.luna.registrations[case.case_id].kind == "gp_listing"
    assert not of_type(world, KENT, CaseType.MISSING_GP_CHOICE)
    [(template, body)] = letters_to(world, KENT)  # exactly one letter, the GP choice's
    assert template == "gp_choice" and "Klitlægen" in body
    [card_case] = of_type(world, KENT, CaseType.CARD_ORDER)  # the move's card is this one
    assert card_case.details.trigger_case_id == case.case_id
    shown = views.case_details(world.bus.uow, world.case_worker, case.case_id)
    assert shown["details"]["samlever"] == {"cpr": OLIVIA, "name": "Olivia"}
    assert shown["municipality_code"] == "0787"


def test_sigrids_closed_doctor_is_refused_from_release_1_1_same_address_is_not_enough() -> None:
    world = kent_world()
    error = refused(world, ChooseGp(Actor.citizen(KENT), KENT, SIGRIDS_DOCTOR))
    assert error.refusal_code == "PRACTICE_CLOSED"
    assert "Samme adresse alene er ikke en undtagelse" in error.decision.text("da")


def test_before_release_1_1_living_with_sigrid_was_enough() -> None:
    world = kent_world(date(2025, 4, 8))
    case = world.handle(ChooseGp(Actor.citizen(KENT), KENT, SIGRIDS_DOCTOR))
    assert isinstance(case, Case) and case.details.exceptions == {KENT: "SAME_ADDRESS"}


def test_a_samlever_counts_only_for_the_address_moved_to() -> None:
    world = kent_world()
    world.handle(DeclareSamlever(Actor.citizen(KENT), KENT, OLIVIA, klitmoller("8").key))
    command = ChooseGp(Actor.citizen(KENT), KENT, OLIVIAS_DOCTOR, moving_to=klitmoller("4"))
    assert refused(world, command).refusal_code == "PRACTICE_CLOSED"


def test_the_new_municipalitys_distance_limit_applies() -> None:
    world = kent_world()
    add_practice(world, "200008", offset(KLITMOLLER, east_km=8), name="Otte km")
    journal = Decisions()
    world.bus.journals.append(journal)
    case = ahead(world, "200008", klitmoller("8"))
    assert "WITHIN_DISTANCE_LIMIT" in case.details.decision_codes  # 8 km < Thisted's 15 km
    [decision] = [d for subject, d in journal.seen if subject == f"ChooseGp {KENT} -> 200008"]
    assert "grænsen på 15 km i Thisted Kommune" in decision.text("da")
    now = ChooseGp(Actor.citizen(KENT), KENT, "200008")  # from Copenhagen: far beyond 5 km
    assert "BEYOND_DISTANCE_LIMIT" in world.handle(now).details.decision_codes  # type: ignore[attr-defined]


# --- the move goes elsewhere ----------------------------------------------------------------


def test_a_move_elsewhere_cancels_it_and_a_missing_choice_only_without_a_valid_doctor() -> None:
    world = kent_world()
    case = ahead(world, "200002", klitmoller("8"))
    cpr_move(world, klitmoller("4"))  # Copenhagen doctor now ~300 km away: no valid doctor
    assert case.status is CaseStatus.CANCELLED
    assert case.details.cancelled_reason == "ADDRESS_MISMATCH"
    assert case.details.reported_address == klitmoller("4").text
    [missing] = of_type(world, KENT, CaseType.MISSING_GP_CHOICE)
    assert missing.details.reason == "MOVE_BEYOND_LIMIT"
    assert missing.details.cancelled_choice_ids == [case.case_id]
    [(template, body)] = letters_to(world, KENT)
    assert template == "missing_gp_choice"
    assert f"forud for flytningen (forløb {case.case_id}) er annulleret" in body


def test_a_move_elsewhere_keeping_a_valid_doctor_just_cancels_the_choice() -> None:
    world = make_world()
    add_practice(world, "100001", offset(THISTED, north_km=1))
    add_practice(world, "200002", offset(KLITMOLLER, east_km=2))
    mirror_in_cpr(world, add_citizen(world, KENT, "Kent", doctor="100001"))
    case = ahead(world, "200002", klitmoller("8"))
    cpr_move(world, address("Storegade", "9", offset(THISTED, east_km=1)))  # same municipality
    assert case.status is CaseStatus.CANCELLED
    assert world.registry.citizen(KENT).doctor_on(world.today) == "100001"
    assert not of_type(world, KENT, CaseType.MISSING_GP_CHOICE)
    assert not letters_to(world, KENT)


def test_emigration_cancels_the_pending_choice() -> None:
    world = kent_world()
    case = ahead(world, "200002", klitmoller("8"))
    world.cpr.emigrate(KENT, world.today, "SE")
    world.handle(ConsumeCprFeed(Actor.system()))
    assert case.status is CaseStatus.CANCELLED
    assert case.details.cancelled_reason == "INSURANCE_ENDED"


# --- the doctor's acceptance, newer choices, invalid input ---------------------------------


def test_a_choice_needing_the_doctors_acceptance_waits_for_it_after_the_move() -> None:
    world = kent_world()
    add_practice(world, "200020", offset(KLITMOLLER, east_km=20), is_open=False, name="Fjern")
    case = ahead(world, "200020", klitmoller("8"))
    assert case.details.awaiting == "cpr_move" and "DOCTOR_ACCEPTANCE" in case.details.conditions
    cpr_move(world, klitmoller("8"))
    assert case.status is CaseStatus.PENDING and case.details.awaiting == "doctor_acceptance"
    [missing] = of_type(world, KENT, CaseType.MISSING_GP_CHOICE)  # old doctor ~300 km away
    world.handle(AcceptDispensation(world.case_worker, case.case_id))
    assert case.status is CaseStatus.COMPLETED
    assert world.registry.citizen(KENT).doctor_on(world.today) == "200020"
    assert missing.status is CaseStatus.COMPLETED


def test_a_newer_choice_ahead_replaces_the_older_but_a_choice_for_now_does_not() -> None:
    world = kent_world()
    first = ahead(world, "200002", klitmoller("8"))
    now = world.handle(ChooseGp(Actor.citizen(KENT), KENT, "300003"))
    assert isinstance(now, Case) and now.status is CaseStatus.COMPLETED
    assert first.status is CaseStatus.PENDING
    second = ahead(world, "200003", klitmoller("8"))
    assert first.status is CaseStatus.CANCELLED and second.status is CaseStatus.PENDING
    cpr_move(world, klitmoller("8"))
    assert second.status is CaseStatus.COMPLETED
    assert world.registry.citizen(KENT).doctor_on(world.today) == "200003"


def test_greenland_and_the_current_address_are_not_valid_moving_in_addresses() -> None:
    world = kent_world()
    nuuk = Address("Aqqusinersuaq", "4", "3900", "Nuuk", "0956", offset(KLITMOLLER, 1))
    with pytest.raises(UnknownMunicipality):
        ahead(world, "200002", nuuk)
    with pytest.raises(InvalidInput):
        ahead(world, KENTS_DOCTOR, copenhagen_home())
    assert not of_type(world, KENT, CaseType.GP_CHOICE)
