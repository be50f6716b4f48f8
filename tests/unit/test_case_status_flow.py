"""A case's status follows SPEC 7.3's flow: `Case.move_to` refuses a change the flow does not
allow (an ended case reopened or cancelled), with a typed error, and changes nothing then; and
what a pending case waits for is an `Awaiting` on a GP choice's typed details."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from sandbox.domain.case_details import CardOrderDetails, GpChoiceDetails
from sandbox.domain.errors import CaseStatusChangeNotAllowed
from sandbox.domain.model import (
    ALLOWED_STATUS_CHANGES,
    OPEN_CASE_STATUSES,
    Actor,
    Awaiting,
    Case,
    CaseStatus,
    CaseType,
)

AT = datetime.combine(date(2025, 4, 9), time(9))  # simulated, naive as the system's clock


def a_case(status: CaseStatus) -> Case:
    return Case(
        "F-1",
        CaseType.GP_CHOICE,
        "0787",
        "0505801234",
        (),
        status,
        AT,
        Actor.system(),
        date(2025, 4, 9),
        GpChoiceDetails(ydernummer="100001", practice_name="Lægerne i Thisted"),
    )


@pytest.mark.parametrize(
    ("start", "then"),
    [
        (CaseStatus.CREATED, CaseStatus.AWAITING_LUNA),
        (CaseStatus.AWAITING_LUNA, CaseStatus.COMPLETED),
        (CaseStatus.PENDING, CaseStatus.AWAITING_LUNA),  # what it waited for came
        (CaseStatus.AWAITING_LUNA, CaseStatus.PENDING),  # LUNA has it; now the doctor's accept
        (CaseStatus.PENDING, CaseStatus.CANCELLED),
        (CaseStatus.PENDING, CaseStatus.REFUSED),
    ],
)
def test_the_flow_moves_on_and_keeps_the_history(start: CaseStatus, then: CaseStatus) -> None:
    case = a_case(start)
    case.move_to(then, AT)
    # the history starts with the status the case was made with, at its creation
    assert case.status is then and case.history == [(AT, start), (AT, then)]


@pytest.mark.parametrize("ended", [CaseStatus.COMPLETED, CaseStatus.CANCELLED, CaseStatus.REFUSED])
def test_an_ended_case_stays_ended(ended: CaseStatus) -> None:
    case = a_case(ended)
    for status in CaseStatus:
        with pytest.raises(CaseStatusChangeNotAllowed) as refused:
            case.move_to(status, AT)
        assert refused.value.code == "CASE_STATUS_CHANGE_NOT_ALLOWED"
    assert case.status is ended and case.history == [(AT, ended)]


def test_the_refusal_speaks_danish_and_english() -> None:
    with pytest.raises(CaseStatusChangeNotAllowed) as refused:
        a_case(CaseStatus.COMPLETED).move_to(CaseStatus.CANCELLED, AT)
    assert refused.value.message_da == (
        "Forløbet 'F-1' kan ikke skifte status fra gennemført til annulleret."
    )
    assert refused.value.message_en == (
        "The case 'F-1' cannot change status from completed to cancelled."
    )
    assert refused.value.to_dict()["code"] == "CASE_STATUS_CHANGE_NOT_ALLOWED"


def test_only_open_statuses_lead_anywhere() -> None:
    assert {s for s, nexts in ALLOWED_STATUS_CHANGES.items() if nexts} == OPEN_CASE_STATUSES
    assert set(ALLOWED_STATUS_CHANGES) == set(CaseStatus)


def test_what_a_pending_case_waits_for_is_typed() -> None:
    case = a_case(CaseStatus.PENDING)
    assert case.awaiting is None
    case.wait_for(Awaiting.DOCTOR_ACCEPTANCE)
    assert case.awaiting is Awaiting.DOCTOR_ACCEPTANCE
    case.wait_for(None)
    assert case.awaiting is None and case.details_as(GpChoiceDetails).awaiting is None


def test_only_a_gp_choice_waits_and_details_are_read_as_their_case_type() -> None:
    card = Case(
        "F-2",
        CaseType.CARD_ORDER,
        "0787",
        "0505801234",
        (),
        CaseStatus.AWAITING_LUNA,
        AT,
        Actor.system(),
        date(2025, 4, 9),
        CardOrderDetails(trigger="standalone", standalone=True),
    )
    assert card.awaiting is None
    with pytest.raises(TypeError):
        card.wait_for(Awaiting.DOCTOR_ACCEPTANCE)
    with pytest.raises(TypeError):
        card.details_as(GpChoiceDetails)
    assert card.details_as(CardOrderDetails).standalone
