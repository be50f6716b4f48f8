"""Unit tests for the CPR-event rules: newborns, naming, moves, Greenland, renumbering."""

from __future__ import annotations

from datetime import date

import pytest

from sandbox.domain.errors import ParameterError
from sandbox.domain.model import Citizen, GpListing, GroupMembership
from sandbox.domain.rules.cpr_events import (
    NewbornFacts,
    decide_insurance_end,
    decide_naming,
    decide_newborn,
    decide_renumbering,
)
from sandbox.domain.rules.moves import MoveFacts, decide_greenland_address, decide_move
from sandbox.parameters import default_parameters
from tests.builders import address

P = default_parameters()
BIRTH = date(2025, 4, 20)


def mother(
    group: int = 1, listings: tuple[tuple[str, date], ...] = (("111111", date(2020, 1, 1)),)
) -> Citizen:
    citizen = Citizen("0101901234", "Mor", date(1990, 1, 1), address())
    citizen.groups.append(GroupMembership(group, date(2020, 1, 1)))
    for index, (ydernummer, start) in enumerate(listings):
        if index:
            citizen.listings[-1].valid_to = start
        citizen.listings.append(GpListing(ydernummer, start))
    return citizen


def newborn(
    mum: Citizen | None,
    registered: date = date(2025, 4, 23),
    birth: date = BIRTH,
    created: dict[str, date | None] | None = None,
) -> NewbornFacts:
    return NewbornFacts(birth, registered, mum, None, created or {})


def test_newborn_gets_group_and_doctor_from_the_date_of_birth() -> None:
    outcome = decide_newborn(newborn(mother()), P)
    assert (outcome.valid_from, outcome.group, outcome.ydernummer) == (BIRTH, 1, "111111")
    assert not outcome.missing_choice and outcome.new_doctor is None
    uses = outcome.decision.reasons[0].parameters
    assert uses[0].name == "newbornGroupAndDoctorFrom" and uses[0].value == "date_of_birth"
    assert uses[1].value == "birth_giving_parent"


def test_before_release_1_1_the_registration_date_applies() -> None:
    outcome = decide_newborn(
        newborn(mother(), registered=date(2025, 4, 8), birth=date(2025, 4, 1)), P
    )
    assert outcome.valid_from == date(2025, 4, 8)
    assert outcome.decision.reasons[0].parameters[0].value == "cpr_registration_date"


def test_release_day_itself_uses_the_date_of_birth() -> None:
    outcome = decide_newborn(
        newborn(mother(), registered=date(2025, 4, 9), birth=date(2025, 4, 7)), P
    )
    assert outcome.valid_from == date(2025, 4, 7)


def test_newborn_of_group_2_mother_is_group_2_without_doctor() -> None:
    outcome = decide_newborn(newborn(mother(group=2, listings=())), P)
    assert (outcome.group, outcome.ydernummer, outcome.missing_choice) == (2, None, False)


def test_newborn_without_known_mother_is_group_1_and_missing_choice() -> None:
    outcome = decide_newborn(newborn(None), P)
    assert (outcome.group, outcome.ydernummer, outcome.missing_choice) == (1, None, True)
    assert "NEWBORN_WITHOUT_DOCTOR" in outcome.decision.codes


def test_newborn_follows_mothers_doctor_on_the_valid_from_date() -> None:
    mum = mother(listings=(("111111", date(2020, 1, 1)), ("222222", date(2025, 4, 21))))
    outcome = decide_newborn(newborn(mum, created={"222222": date(2015, 1, 1)}), P)
    assert outcome.ydernummer == "111111"
    assert outcome.new_doctor is None  # the new doctor is not newly created


@pytest.mark.parametrize(
    ("starts", "created", "task"),
    [
        (date(2025, 4, 21), date(2025, 4, 21), True),  # both after the birth
        (date(2025, 4, 21), BIRTH, False),  # practice created on the birth date: not after
        (BIRTH, date(2025, 4, 21), False),  # chosen from the birth date: not after
        (date(2025, 4, 21), None, False),  # creation date unknown
    ],
)
def test_manual_task_when_mother_chose_newly_created_doctor_after_birth(
    starts: date, created: date | None, task: bool
) -> None:
    mum = mother(listings=(("111111", date(2020, 1, 1)), ("333333", starts)))
    outcome = decide_newborn(newborn(mum, created={"333333": created}), P)
    assert (outcome.new_doctor == "333333") is task
    assert ("MOTHER_CHOSE_NEW_DOCTOR" in outcome.decision.codes) is task


def test_unknown_parameter_value_is_an_error() -> None:
    odd = P.with_values({"newbornDoctorFrom": {date(2007, 1, 1): "coin_toss"}})
    with pytest.raises(ParameterError):
        decide_newborn(newborn(mother()), odd)


@pytest.mark.parametrize(("apart", "vulnerable"), [(0, True), (1, True), (2, False)])
def test_birth_and_naming_apart(apart: int, vulnerable: bool) -> None:
    decision = decide_naming(BIRTH, date(2025, 4, 20 + apart), P)
    assert decision.allowed is not vulnerable
    assert decision.reasons[0].parameters[0].name == "vulnerableBirthNamingMaxDays"


def test_naming_limit_is_a_parameter() -> None:
    wider = P.with_values({"vulnerableBirthNamingMaxDays": {date(2023, 11, 28): 2}})
    assert not decide_naming(BIRTH, date(2025, 4, 22), wider).allowed


def move(
    to: str = "0787",
    distance: float | None = 3.0,
    doctor: str | None = "111111",
    group_1: bool = True,
) -> MoveFacts:
    return MoveFacts(date(2025, 5, 1), "0787", to, "X", group_1, doctor, distance)


def test_same_municipality_keeps_doctor_at_any_distance() -> None:
    outcome = decide_move(move("0787", 40.0), P)
    assert outcome.keeps_doctor and not outcome.missing_choice
    assert outcome.decision.codes == ("KEEP_SAME_MUNICIPALITY",)


@pytest.mark.parametrize(("distance", "keeps"), [(15.0, True), (15.01, False)])
def test_other_municipality_keeps_doctor_within_the_limit(distance: float, keeps: bool) -> None:
    outcome = decide_move(move("0773", distance), P)
    assert outcome.missing_choice is not keeps
    assert outcome.end_listing is False  # default: the listing stays while the case is open


def test_capital_area_limit_is_5_km() -> None:
    assert decide_move(move("0101", 5.5), P).missing_choice


def test_forcing_parameter_ends_the_listing() -> None:
    forcing = P.with_values({"moveBeyondLimitForcesNewChoice": {date(2007, 1, 1): True}})
    outcome = decide_move(move("0773", 30.0), forcing)
    assert outcome.end_listing and outcome.missing_choice and not outcome.keeps_doctor


def test_group_1_without_doctor_is_missing_and_group_2_is_untouched() -> None:
    assert decide_move(move(doctor=None, distance=None), P).decision.refusal_code == "NO_DOCTOR"
    outcome = decide_move(move(group_1=False, doctor=None), P)
    assert outcome.decision.allowed and not outcome.missing_choice


def test_greenland_address_match() -> None:
    assert decide_greenland_address("a", "A", "a", "A").allowed
    mismatch = decide_greenland_address("a", "P. Madsens Gang 4", "b", "P. Madsens Gang 6")
    assert mismatch.refusal_code == "ADDRESS_MISMATCH"
    assert "P. Madsens Gang 6" in mismatch.text("da")


def test_renumbering_old_number_group_is_a_parameter() -> None:
    group, decision = decide_renumbering("0101901234", "0101901235", date(2025, 5, 1), False, P)
    assert group == 8
    assert decision.reasons[0].parameters[0].name == "renumbering.oldNumberGroup"
    assert "omnummerering" in decision.text("da")
    _, annulled = decide_renumbering("0101901234", "0101901235", date(2025, 5, 1), True, P)
    assert "annullering" in annulled.text("da")


def test_insurance_end_is_explained() -> None:
    decision = decide_insurance_end("emigration", date(2025, 5, 1))
    assert decision.codes == ("INSURANCE_ENDS_EMIGRATION",)
    assert "udrejse" in decision.text("da")
