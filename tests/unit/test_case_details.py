"""Typed case details: one slotted class per case type, and the JSON the API and the console
show made from it - the set fields by name, dates as ISO strings, a GP choice's per-person facts
as the dicts keyed by CPR number the API has always shown."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import pytest

from sandbox.domain.case_details import (
    Assignment,
    Awaiting,
    ChoiceMove,
    GpChoiceDetails,
    MissingGpChoiceDetails,
    PersonChoice,
    PersonRef,
    shared_codes,
)
from sandbox.domain.model import CASE_TYPE_OF_DETAILS, CaseType

MOTHER, CHILD = "0505801234", "0101201234"


def a_choice() -> GpChoiceDetails:
    return GpChoiceDetails(
        ydernummer="100001",
        practice_name="Lægehuset i Thisted",
        decision_codes=["WITHIN_DISTANCE_LIMIT"],
        persons=(
            PersonChoice(MOTHER, "OPEN", ["WITHIN_DISTANCE_LIMIT"], "", 230, ["CARD_FEE"]),
            PersonChoice(CHILD, "EXCEPTION:CHILD_TO_PARENT", ["CHILD"], "CHILD_TO_PARENT", 0, []),
        ),
        fee_dkk=230,
        fee_reason_codes=["CARD_FEE"],
    )


def test_every_case_type_has_one_slotted_details_class() -> None:
    assert sorted(CASE_TYPE_OF_DETAILS.values()) == sorted(CaseType)
    for kind in CASE_TYPE_OF_DETAILS:
        assert not hasattr(object.__new__(kind), "__dict__"), kind  # slotted all the way up
        assert all(each.kw_only for each in fields(kind)), kind  # built by name, never position


def test_a_misspelt_fact_is_an_error_not_a_new_key() -> None:
    details = a_choice()
    with pytest.raises(AttributeError):
        details.ydernumer = "100002"  # type: ignore[attr-defined]


def test_a_gp_choice_shows_its_persons_as_dicts_by_cpr_and_only_the_facts_set() -> None:
    shown = a_choice().to_json()
    assert shown["basis"] == {MOTHER: "OPEN", CHILD: "EXCEPTION:CHILD_TO_PARENT"}
    assert shown["exceptions"] == {CHILD: "CHILD_TO_PARENT"}
    assert shown["decision_codes_by_cpr"] == {MOTHER: ["WITHIN_DISTANCE_LIMIT"], CHILD: ["CHILD"]}
    assert shown["fees"][CHILD] == {"fee_dkk": 0, "reason_codes": []}
    assert "persons" not in shown and "awaiting" not in shown and "samlever" not in shown
    assert not {"ahead_of_move", "from_greenland", "administrative", "split_assignment"} & set(
        shown
    )
    assert shown["change_to_group_1"] is False and shown["conditions"] == []


def test_set_facts_show_as_json_values() -> None:
    details = a_choice()
    details.awaiting = Awaiting.DOCTOR_ACCEPTANCE
    details.samlever = PersonRef("0202801234", "Olivia")
    Assignment("F00000007", date(2025, 4, 23), ["NEAREST_OPEN"]).apply_to(details)
    shown = details.to_json()
    assert shown["awaiting"] == "doctor_acceptance"
    assert shown["samlever"] == {"cpr": "0202801234", "name": "Olivia"}
    assert shown["administrative"] is True and shown["choose_by"] == "2025-04-23"
    assert shown["missing_case_id"] == "F00000007" and "split_assignment" not in shown


def test_a_choice_not_decided_by_the_gp_choice_rules_shows_only_its_basis() -> None:
    greenland = GpChoiceDetails(
        ydernummer="100001",
        practice_name="Lægehuset i Thisted",
        persons=(PersonChoice(MOTHER, "OPEN"),),
        move=ChoiceMove(from_greenland=True, reason="MOVE_FROM_GREENLAND"),
    )
    shown = greenland.to_json()
    assert shown["basis"] == {MOTHER: "OPEN"} and shown["from_greenland"] is True
    assert not {"exceptions", "fees", "decision_codes_by_cpr"} & set(shown)


def test_a_missing_choice_keeps_its_tasks_and_deadline() -> None:
    details = MissingGpChoiceDetails(reason="NO_DOCTOR", choose_by=date(2025, 4, 23))
    details.task_id = "O00000001"
    details.add_task("O00000002")
    assert details.all_task_ids() == ("O00000001", "O00000002")
    assert details.to_json() == {
        "reason": "NO_DOCTOR",
        "choose_by": "2025-04-23",
        "registered_in_luna": False,
        "luna": "not_required",
        "task_id": "O00000001",
        "task_ids": ["O00000002"],
        "listing_kept": False,
    }


def test_a_rare_fact_is_an_attribute_kept_in_a_part_made_when_first_set() -> None:
    details = a_choice()
    details.cancel_reason = None  # the default: nothing to keep
    details.ahead_of_move = False
    assert details.outcome is None and details.move is None
    details.approved_on = date(2025, 4, 20)
    assert details.move is not None and details.approved_on == date(2025, 4, 20)
    assert details.to_json()["approved_on"] == "2025-04-20"
    assert "ahead_of_move" not in details.to_json()  # the part's other facts stay unset


def test_the_facts_show_in_the_order_of_the_one_flat_class_they_were() -> None:
    details = a_choice()
    details.awaiting = Awaiting.CPR_MOVE
    details.expected_address = "Vestergade 1, 7700 Thisted"
    details.task_id = "O00000003"
    details.luna_id = "L1"
    assert list(details.to_json())[:6] == [
        "luna_id",
        "task_id",
        "decision_codes",
        "ydernummer",
        "practice_name",
        "conditions",
    ]
    shown = list(details.to_json())
    assert shown.index("awaiting") < shown.index("expected_address") < shown.index("basis")


def test_one_person_kept_as_itself_shows_as_a_tuple_of_one_does() -> None:
    person = PersonChoice(MOTHER, "OPEN", ["WITHIN_DISTANCE_LIMIT"], "", 230, ["CARD_FEE"])
    alone = GpChoiceDetails(ydernummer="100001", practice_name="Lægehuset", persons=person)
    in_tuple = GpChoiceDetails(ydernummer="100001", practice_name="Lægehuset", persons=(person,))
    assert alone.each_person() == (person,)
    assert alone.to_json() == in_tuple.to_json()
    assert alone.to_json()["fees"] == {MOTHER: {"fee_dkk": 230, "reason_codes": ["CARD_FEE"]}}


def test_cases_decided_the_same_way_share_one_tuple_of_codes() -> None:
    first, second = shared_codes(["A", "B"]), shared_codes(("A", "B"))
    assert first == ("A", "B") and first is second
