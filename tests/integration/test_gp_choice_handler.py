"""GP choice through the bus: distance, closed doctors and their exceptions, the samlever, the
doctor's acceptance, several persons in one case, group 1, effective dates and fees."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from sandbox.domain.case_details import PersonRef
from sandbox.domain.errors import CaseNotAwaitingAcceptance, RoleNotAllowed, RuleRefused
from sandbox.domain.geography import EARTH_RADIUS_KM, Address, Coordinates, distance_km
from sandbox.domain.model import (
    Actor,
    Case,
    CaseStatus,
    CaseType,
    CivilStatus,
    GpListing,
    GroupMembership,
)
from sandbox.domain.rules.samlever import GENERIC_DA, GENERIC_EN
from sandbox.service.commands import (
    AcceptDispensation,
    ChooseGp,
    DeclareSamlever,
    RejectDispensation,
)
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
    offset,
)

MOTHER = "0505801234"
FATHER = "0606801234"
CHILD = "0707151234"
CHILD2 = "0808181234"
KENT = "1505963001"
SIGRID = "0101974321"
OLIVIA = "1209840000"


def north_of(point: Coordinates, km: float) -> Coordinates:
    """A point due north whose distance_km from ``point`` is as close to ``km`` as floats allow
    without exceeding it (so "exactly at the limit" is tested, not a rounding error)."""
    lat = point.lat + math.degrees(km / EARTH_RADIUS_KM)
    while distance_km(point, Coordinates(lat, point.lon)) > km:
        lat = math.nextafter(lat, -math.inf)
    return Coordinates(lat, point.lon)


def choose(world: TestWorld, cpr: str, yder: str, **kwargs: object) -> Case:
    case = world.handle(ChooseGp(Actor.citizen(cpr), cpr, yder, **kwargs))  # type: ignore[arg-type]
    assert isinstance(case, Case)
    return case


def refused(world: TestWorld, command: object) -> RuleRefused:
    cases_before = list(world.registry.all_cases())
    listings_before = {x.cpr: list(x.listings) for x in world.registry.all_citizens()}
    with pytest.raises(RuleRefused) as caught:
        world.handle(command)
    assert list(world.registry.all_cases()) == cases_before  # a refusal leaves the world as it was
    assert {x.cpr: list(x.listings) for x in world.registry.all_citizens()} == listings_before
    return caught.value


def copenhagen_home() -> Address:
    return address("Rådhuspladsen", "1", COPENHAGEN, "1550", "København V", "0101")


# --- distance ------------------------------------------------------------------------------


def test_exactly_at_the_limit_is_allowed_and_just_beyond_is_beyond() -> None:
    world = make_world()
    add_practice(world, "100001", north_of(THISTED, 15.0))
    add_practice(world, "100002", offset(THISTED, north_km=15.01))
    add_citizen(world, MOTHER)
    case = choose(world, MOTHER, "100001")
    assert "WITHIN_DISTANCE_LIMIT" in case.details.decision_codes
    case = choose(world, MOTHER, "100002")
    assert "BEYOND_DISTANCE_LIMIT" in case.details.decision_codes
    assert case.status is CaseStatus.COMPLETED  # open beyond the limit: no acceptance needed


def test_six_km_is_beyond_in_copenhagen_and_within_in_thisted() -> None:
    world = make_world()
    add_practice(world, "100001", offset(COPENHAGEN, north_km=6), municipality="0101")
    add_practice(world, "100002", offset(THISTED, north_km=6))
    add_citizen(world, MOTHER, home=copenhagen_home())
    add_citizen(world, FATHER)
    cph = choose(world, MOTHER, "100001")
    thisted = choose(world, FATHER, "100002")
    assert "BEYOND_DISTANCE_LIMIT" in cph.details.decision_codes
    assert "WITHIN_DISTANCE_LIMIT" in thisted.details.decision_codes


# --- closed practices ----------------------------------------------------------------------


def closed_world(start: date | None = None) -> TestWorld:
    world = make_world(start) if start else make_world()
    add_practice(world, "100001", offset(THISTED, north_km=2), is_open=False, name="Lukket")
    add_practice(world, "100002", offset(THISTED, north_km=3))
    add_practice(world, "100003", offset(THISTED, east_km=3))
    return world


def test_closed_practice_without_exception_is_refused_and_explained() -> None:
    world = closed_world()
    add_citizen(world, MOTHER, doctor="100002")
    error = refused(world, ChooseGp(Actor.citizen(MOTHER), MOTHER, "100001"))
    assert error.refusal_code == "PRACTICE_CLOSED"
    body = error.to_dict()
    reason = body["decision"]["reasons"][0]
    assert reason["rule_id"] == "gp_choice.closed_practice" and reason["source"]
    assert "lukket for tilgang" in body["message_da"] and "closed" in body["message_en"]
    distance = body["decision"]["reasons"][1]
    assert {p["name"] for p in distance["parameters"]} >= {"distanceLimitKmDefault"}
    assert all(p["effective_from"] for p in distance["parameters"])


def test_child_may_follow_a_parent_to_a_closed_doctor_but_not_the_reverse() -> None:
    world = closed_world()
    add_citizen(world, MOTHER, doctor="100001")
    add_citizen(
        world, CHILD, birth=date(2015, 7, 7), doctor="100002",
        parents=(MOTHER,), custody_holders=(MOTHER,),
    )  # fmt: skip
    case = choose(world, CHILD, "100001")
    assert case.details.exceptions == {CHILD: "CHILD_TO_PARENT"}
    assert case.details.basis[CHILD] == "EXCEPTION:CHILD_TO_PARENT"
    world.registry.citizen(MOTHER).listings.clear()
    add_citizen(world, FATHER, doctor="100002")
    world.registry.citizen(CHILD).parents = (MOTHER, FATHER)
    error = refused(world, ChooseGp(Actor.citizen(FATHER), FATHER, "100001"))
    assert error.refusal_code == "PRACTICE_CLOSED"  # a parent cannot follow the child


def test_married_adult_may_choose_the_spouses_closed_doctor() -> None:
    world = closed_world()
    add_citizen(world, MOTHER, doctor="100001", civil_status=CivilStatus.MARRIED, spouse=FATHER)
    add_citizen(world, FATHER, doctor="100002", civil_status=CivilStatus.MARRIED, spouse=MOTHER)
    case = choose(world, FATHER, "100001")
    assert case.details.exceptions == {FATHER: "SPOUSE"}
    assert case.status is CaseStatus.COMPLETED


def housemates(world: TestWorld) -> None:
    add_citizen(world, MOTHER, doctor="100001")
    add_citizen(world, FATHER, doctor="100002")  # same default address, not married


def test_same_address_without_declaration_is_refused_from_release_1_1() -> None:
    world = closed_world()
    housemates(world)
    error = refused(world, ChooseGp(Actor.citizen(FATHER), FATHER, "100001"))
    assert error.refusal_code == "PRACTICE_CLOSED"


def test_same_address_was_enough_before_release_1_1() -> None:
    world = closed_world(date(2025, 4, 8))
    housemates(world)
    case = choose(world, FATHER, "100001")
    assert case.details.exceptions == {FATHER: "SAME_ADDRESS"}


def test_return_from_group_2_to_the_last_group_1_doctor() -> None:
    world = closed_world()
    citizen = add_citizen(world, MOTHER, doctor="100001", since=date(2018, 1, 1))
    citizen.listings[0].valid_to = date(2022, 1, 1)
    citizen.groups[0].valid_to = date(2022, 1, 1)
    citizen.groups.append(GroupMembership(2, date(2022, 1, 1), reason="test"))
    with pytest.raises(RuleRefused) as caught:
        choose(world, MOTHER, "100001")
    assert caught.value.refusal_code == "NOT_IN_GROUP_1"
    case = choose(world, MOTHER, "100001", change_to_group_1=True)
    assert case.details.exceptions == {MOTHER: "RETURN_TO_LAST_GROUP1_DOCTOR"}
    assert case.details.change_to_group_1 is True
    assert case.details.group_changed == (MOTHER,)
    assert "GROUP_1_WITH_CHOICE" in case.details.decision_codes
    group = citizen.group_on(world.today)
    assert group is not None and group.group == 1 and group.case_id == case.case_id
    assert case.status is CaseStatus.COMPLETED  # one case, one LUNA registration


# --- the samlever ----------------------------------------------------------------------------


def demo_world() -> TestWorld:
    """Kent lives with Sigrid (not married), moves to P. Madsens Gang 8, Klitmøller, where Olivia
    lives; Olivia's practice is closed for new patients (release notes' demo)."""
    world = make_world()
    add_practice(world, "200001", offset(KLITMOLLER, north_km=1), is_open=False, name="Klitlægen")
    add_practice(world, "200002", offset(KLITMOLLER, east_km=2))
    add_practice(world, "200003", offset(KLITMOLLER, east_km=3))
    add_citizen(world, SIGRID, name="Sigrid", birth=date(1997, 1, 1), doctor="200002")
    add_citizen(world, KENT, name="Kent", birth=date(1996, 5, 15), doctor="200002")
    add_citizen(world, OLIVIA, name="Olivia", birth=date(1984, 9, 12), home=klitmoller("8"),
                doctor="200001")  # fmt: skip
    kent = world.registry.citizen(KENT)
    world.registry.move_citizen(kent, klitmoller("8"))
    kent.moved_in_on = world.today
    kent.moved_from_municipality = "0787"
    return world


def test_demo_kent_declares_olivia_and_chooses_her_closed_doctor() -> None:
    world = demo_world()
    before = refused(world, ChooseGp(Actor.citizen(KENT), KENT, "200001"))
    assert before.refusal_code == "PRACTICE_CLOSED"
    declared = world.handle(DeclareSamlever(Actor.citizen(KENT), KENT, "120984-0000"))
    assert isinstance(declared, Case) and declared.case_type is CaseType.SAMLEVER
    assert declared.status is CaseStatus.COMPLETED
    assert declared.details.samlever == PersonRef(OLIVIA, "Olivia")
    assert world.registry.citizen(KENT).declared_samlever == OLIVIA
    case = choose(world, KENT, "200001")
    assert case.details.exceptions == {KENT: "DECLARED_COHABITANT"}
    assert case.details.samlever == PersonRef(OLIVIA, "Olivia")
    assert case.details.fee_dkk == 0  # chosen on the day he moved in
    assert "FREE_AFTER_MOVE" in case.details.fee_reason_codes
    assert world.registry.citizen(KENT).doctor_on(world.today) == "200001"


def test_the_samlever_refusal_is_byte_identical_across_its_three_causes() -> None:
    world = demo_world()
    olivia = world.registry.citizen(OLIVIA)
    errors: list[RuleRefused] = []
    # (a) not registered at the moving-in address (Sigrid lives at the old address)
    errors.append(refused(world, DeclareSamlever(Actor.citizen(KENT), KENT, SIGRID)))
    # (b) name and address protection
    olivia.protected = True
    errors.append(refused(world, DeclareSamlever(Actor.citizen(KENT), KENT, OLIVIA)))
    olivia.protected = False
    # (c) fails D7 (married)
    olivia.civil_status = CivilStatus.MARRIED
    errors.append(refused(world, DeclareSamlever(world.case_worker, KENT, OLIVIA)))
    assert {e.message_da for e in errors} == {f"Afvist: {GENERIC_DA}"}
    assert {e.message_en for e in errors} == {f"Refused: {GENERIC_EN}"}
    assert {e.decision.text("da") for e in errors} == {GENERIC_DA}
    assert {e.decision.text("en") for e in errors} == {GENERIC_EN}
    assert len({repr(e.to_dict()) for e in errors}) == 1
    assert {e.refusal_code for e in errors} == {"SAMLEVER_NOT_POSSIBLE"}
    assert world.registry.citizen(KENT).declared_samlever is None


# --- the doctor's acceptance ----------------------------------------------------------------


def remote_world() -> tuple[TestWorld, str]:
    """A closed practice nearby, two open ones within the limit (no exception): the case
    worker grants the municipality's dispensation, and the doctor must accept (SPEC 3.4)."""
    world = make_world()
    add_practice(world, "300001", offset(THISTED, north_km=2), is_open=False, name="Eneste")
    add_practice(world, "300002", offset(THISTED, north_km=40))
    add_practice(world, "300003", offset(THISTED, north_km=4))
    add_practice(world, "300004", offset(THISTED, north_km=5))
    add_citizen(world, MOTHER, doctor="300002")
    refusal = refused(world, ChooseGp(Actor.citizen(MOTHER), MOTHER, "300001"))
    assert refusal.decision.codes[-1] == "DISPENSATION_FROM_MUNICIPALITY"
    case = world.handle(ChooseGp(world.case_worker, MOTHER, "300001", dispensation=True))
    assert isinstance(case, Case)
    return world, case.case_id


def test_few_open_practices_is_an_exception_without_the_doctors_acceptance() -> None:
    """Release notes 1.1: fewer than 2 open practices within the limit is an exception to
    needing a dispensation; the choice is registered at once."""
    world = make_world()
    add_practice(world, "300001", offset(THISTED, north_km=2), is_open=False, name="Eneste")
    add_practice(world, "300002", offset(THISTED, north_km=40))
    add_citizen(world, MOTHER, doctor="300002")
    case = choose(world, MOTHER, "300001")
    assert case.status is CaseStatus.COMPLETED
    assert case.details.exceptions == {MOTHER: "FEWER_THAN_TWO_OPEN_WITHIN_LIMIT"}
    assert case.details.conditions == ()


def test_a_citizen_cannot_grant_a_dispensation() -> None:
    world, _ = remote_world()
    with pytest.raises(RoleNotAllowed):
        world.handle(ChooseGp(Actor.citizen(MOTHER), MOTHER, "300001", dispensation=True))


def test_a_dispensation_waits_for_the_doctor_and_nothing_reaches_luna() -> None:
    world, case_id = remote_world()
    case = world.registry.case(case_id)
    assert case.status is CaseStatus.PENDING
    assert case.details.awaiting == "doctor_acceptance"
    assert case.details.decision_codes[0] == "DISPENSATION_GRANTED"
    assert case.details.conditions == ("DOCTOR_ACCEPTANCE",)
    assert case_id not in world.bus.uow.outbox and case.details.luna_id is None
    assert world.registry.citizen(MOTHER).doctor_on(world.today) == "300002"


def test_accepted_dispensation_registers_the_choice() -> None:
    world, case_id = remote_world()
    world.advance(days=2)
    case = world.handle(AcceptDispensation(Actor.system(), case_id))
    assert isinstance(case, Case) and case.status is CaseStatus.COMPLETED
    assert case.details.luna_id is not None and case.details.awaiting is None
    assert case.effective_date == world.today  # the requested day had passed
    assert world.registry.citizen(MOTHER).doctor_on(world.today) == "300001"
    assert case.details.basis[MOTHER] == "DISPENSATION"


def test_a_practice_that_closed_down_meanwhile_cannot_accept_and_nothing_changes() -> None:
    world, case_id = remote_world()
    world.registry.practice("300001").closed_down_on = world.today + timedelta(days=1)
    world.advance(days=2)
    before = (world.registry.case_count(), len(world.bus.uow.outbox))
    with pytest.raises(RuleRefused) as refused:
        world.handle(AcceptDispensation(Actor.system(), case_id))
    assert refused.value.decision.codes == ("PRACTICE_CLOSED_DOWN",)
    case = world.registry.case(case_id)
    assert case.status is CaseStatus.PENDING and case.details.awaiting == "doctor_acceptance"
    assert (world.registry.case_count(), len(world.bus.uow.outbox)) == before
    assert world.registry.citizen(MOTHER).doctor_on(world.today) == "300002"


def test_rejected_dispensation_cancels_the_case_with_a_reason() -> None:
    world, case_id = remote_world()
    case = world.handle(RejectDispensation(world.case_worker, case_id))
    assert isinstance(case, Case) and case.status is CaseStatus.CANCELLED
    assert case.details.cancel_reason.code == "DISPENSATION_REJECTED"
    assert "annulleret" in case.details.cancel_reason.da
    assert world.registry.citizen(MOTHER).doctor_on(world.today) == "300002"
    with pytest.raises(CaseNotAwaitingAcceptance):
        world.handle(AcceptDispensation(Actor.system(), case_id))


def test_a_citizen_cannot_accept_a_dispensation() -> None:
    world, case_id = remote_world()
    with pytest.raises(RoleNotAllowed):
        world.handle(AcceptDispensation(Actor.citizen(MOTHER), case_id))


def test_a_newer_choice_cancels_a_pending_one() -> None:
    world, case_id = remote_world()
    choose(world, MOTHER, "300003", effective_date=world.today + timedelta(days=3))
    assert world.registry.case(case_id).status is CaseStatus.CANCELLED
    assert world.registry.case(case_id).details.cancel_reason.code == "SUPERSEDED"


# --- several persons, effective dates ----------------------------------------------------------


def family(world: TestWorld) -> None:
    add_citizen(world, MOTHER, doctor="100002")
    for cpr, born in ((CHILD, date(2015, 7, 7)), (CHILD2, date(2018, 8, 8))):
        add_citizen(world, cpr, birth=born, doctor="100002", parents=(MOTHER, FATHER),
                    custody_holders=(MOTHER,))  # fmt: skip


def test_a_mother_and_two_children_make_one_case() -> None:
    world = closed_world()
    family(world)
    case = choose(world, MOTHER, "100003", involved=(CHILD, CHILD2))
    gp_cases = [c for c in world.registry.all_cases() if c.case_type is CaseType.GP_CHOICE]
    assert gp_cases == [case]
    assert case.main_cpr == MOTHER and case.involved == (CHILD, CHILD2)
    for cpr in (MOTHER, CHILD, CHILD2):
        assert world.registry.citizen(cpr).doctor_on(world.today) == "100003"
    fee = world.bus.uow.parameters.value("cardFeeDKK", world.today)
    assert case.details.fees[MOTHER].fee_dkk == fee
    assert case.details.fees[CHILD].reason_codes == ["FREE_CHILD_FOLLOWS_PARENT"]
    assert case.details.fee_dkk == fee
    assert case.details.fee_reason_codes == ["CARD_FEE_CHARGED"]


def test_children_follow_the_closed_doctor_the_parent_chooses_in_the_same_case() -> None:
    world = closed_world()
    family(world)
    add_citizen(world, FATHER, doctor="100001", civil_status=CivilStatus.MARRIED, spouse=MOTHER)
    mother = world.registry.citizen(MOTHER)
    mother.civil_status, mother.spouse = CivilStatus.MARRIED, FATHER
    world.registry.citizen(CHILD).parents = (MOTHER,)  # the father is not the child's parent
    world.registry.citizen(CHILD2).parents = (MOTHER,)
    case = choose(world, MOTHER, "100001", involved=(CHILD, CHILD2))
    assert case.details.exceptions == {
        MOTHER: "SPOUSE", CHILD: "CHILD_TO_PARENT", CHILD2: "CHILD_TO_PARENT"
    }  # fmt: skip


@pytest.mark.parametrize(
    ("change", "code"),
    [("too_old", "INVOLVED_TOO_OLD"), ("no_custody", "INVOLVED_NOT_IN_CUSTODY")],
)
def test_involved_persons_must_be_young_children_in_custody(change: str, code: str) -> None:
    world = closed_world()
    family(world)
    child = world.registry.citizen(CHILD)
    if change == "too_old":
        child.birth_date = date(2010, 4, 9)  # 15 today
    else:
        child.custody_holders = (FATHER,)
    error = refused(world, ChooseGp(Actor.citizen(MOTHER), MOTHER, "100003", involved=(CHILD,)))
    assert error.refusal_code == code


def test_choosing_the_current_doctor_again_is_refused() -> None:
    world = closed_world()
    add_citizen(world, MOTHER, doctor="100002")
    error = refused(world, ChooseGp(Actor.citizen(MOTHER), MOTHER, "100002"))
    assert error.refusal_code == "ALREADY_LISTED"


def test_a_newer_choice_replaces_a_future_one_and_the_past_is_refused() -> None:
    world = closed_world()
    citizen = add_citizen(world, MOTHER, doctor="100002")
    later = world.today + timedelta(days=10)
    choose(world, MOTHER, "100003", effective_date=later)
    choose(world, MOTHER, "100002", effective_date=world.today + timedelta(days=5))
    assert citizen.doctor_on(later) == "100002"
    assert [item.ydernummer for item in citizen.listings if item.valid_from > world.today] == [
        "100002"
    ]
    error = refused(world, ChooseGp(Actor.citizen(MOTHER), MOTHER, "100003",
                                    effective_date=world.today - timedelta(days=1)))  # fmt: skip
    assert error.refusal_code == "EFFECTIVE_DATE_IN_PAST"


# --- fees --------------------------------------------------------------------------------------


@pytest.mark.parametrize("extra", [0, 1])
def test_the_move_window_is_free_on_its_last_day_and_charged_the_day_after(extra: int) -> None:
    world = closed_world()
    window = int(world.bus.uow.parameters.value("freeChoiceAfterMoveDays", world.today))
    citizen = add_citizen(world, MOTHER, doctor="100002")
    citizen.moved_in_on = world.today - timedelta(days=window + extra)
    case = choose(world, MOTHER, "100003")
    if extra == 0:
        assert case.details.fee_dkk == 0
        assert case.details.fee_reason_codes == ["FREE_AFTER_MOVE"]
    else:
        assert case.details.fee_dkk == world.bus.uow.parameters.value("cardFeeDKK", world.today)


def test_a_first_choice_without_earlier_listing_or_card_is_free() -> None:
    world = closed_world()
    add_citizen(world, MOTHER)
    case = choose(world, MOTHER, "100003")
    assert case.details.fee_reason_codes == ["FREE_FIRST_CARD"]


def test_a_samlever_can_be_declared_at_the_moving_in_address_before_the_move() -> None:
    world = demo_world()
    kent = world.registry.citizen(KENT)
    world.registry.move_citizen(kent, address())  # back with Sigrid; the move is ahead
    command = DeclareSamlever(Actor.citizen(KENT), KENT, OLIVIA, klitmoller("8").key)
    case = world.handle(command)
    assert isinstance(case, Case) and case.details.samlever.cpr == OLIVIA
    assert case.details.moving_in_address_key == klitmoller("8").key


def test_return_from_dormant_status_is_an_exception_and_free() -> None:
    world = closed_world()
    citizen = add_citizen(world, MOTHER, doctor="100002", since=date(2018, 1, 1))
    citizen.groups[0].valid_to = date(2025, 1, 1)
    citizen.groups.append(GroupMembership(1, date(2025, 1, 1), reason="DORMANT"))
    case = choose(world, MOTHER, "100001", change_to_group_1=True)
    assert case.details.exceptions == {MOTHER: "RETURN_FROM_SERVICE_OR_PRISON"}
    assert case.details.fee_reason_codes == ["FREE_AFTER_DORMANT"]
    membership = citizen.group_on(world.today)
    assert membership is not None and membership.reason != "dormant"


@pytest.mark.parametrize("moved_from", ["0787", "0101"])
def test_keeping_the_doctor_after_a_move_within_the_municipality(moved_from: str) -> None:
    world = closed_world()
    citizen = add_citizen(world, MOTHER, doctor="100001", since=date(2018, 1, 1))
    moved = world.today - timedelta(days=100)
    citizen.listings[0].valid_to = moved  # the listing ended at the move, another was chosen
    citizen.listings.append(GpListing("100002", moved, basis="TEST"))
    citizen.moved_in_on, citizen.moved_from_municipality = moved, moved_from
    command = ChooseGp(Actor.citizen(MOTHER), MOTHER, "100001")
    if moved_from == "0787":
        case = choose(world, MOTHER, "100001")
        assert case.details.exceptions == {MOTHER: "KEEP_DOCTOR_ON_MOVE_WITHIN_MUNICIPALITY"}
    else:
        assert refused(world, command).refusal_code == "PRACTICE_CLOSED"


def test_a_new_cpr_number_makes_the_change_free() -> None:
    world = closed_world()
    citizen = add_citizen(world, MOTHER, doctor="100002")
    citizen.renumbered_on = world.today
    case = choose(world, MOTHER, "100003")
    assert case.details.fee_reason_codes == ["FREE_AFTER_RENUMBERING"]
