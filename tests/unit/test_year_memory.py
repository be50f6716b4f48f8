"""What cases and letters keep to be small in a national year reads the same as what they kept
before: a letter's addressee gives the salutation and the address text, a card case ordered for
a case gives its "case:" trigger key, and cases that moved at one moment share their status pair
yet each reads its own moment (benchmarks/README.md, "Issue 16, round 4: the year's memory")."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, time, timedelta, timezone

from sandbox.domain.case_details import CardOrderDetails
from sandbox.domain.geography import Address, Coordinates
from sandbox.domain.model import Actor, Case, CaseStatus, CaseType
from sandbox.jsonable import jsonable
from sandbox.service.letters.contexts import Addressee

AT = datetime.combine(date(2025, 4, 9), time(9))  # simulated, naive as the system's clock
HOME = Address(
    street="P. Madsens Gang",
    house_number="8",
    postcode="7700",
    city="Thisted",
    municipality_code="0787",
    coordinates=Coordinates(57.0, 8.5),
    locality="Klitmøller",
)


def a_card_case(case_id: str, at: datetime = AT) -> Case:
    return Case(
        case_id,
        CaseType.CARD_ORDER,
        "0787",
        "0505801234",
        (),
        CaseStatus.AWAITING_LUNA,
        at,
        Actor.system(),
        date(2025, 4, 9),
        CardOrderDetails(trigger="gp_choice"),
    )


def test_an_addressee_gives_the_salutation_and_address_a_letter_prints() -> None:
    adult = Addressee("Anna Jensen", False, HOME)
    minor = Addressee("Bo Jensen", True, HOME)
    assert adult.salutation == "Til Anna Jensen"
    assert minor.salutation == "Til forældremyndighedsindehaveren for Bo Jensen"
    assert adult.address_text == "P. Madsens Gang 8, Klitmøller, 7700 Thisted" == HOME.text
    assert pickle.loads(pickle.dumps(minor)) == minor


def test_a_card_case_for_a_case_reads_its_trigger_key_from_the_triggering_case() -> None:
    key = CardOrderDetails.key_of("case:F00000007", "F00000007")
    details = CardOrderDetails(trigger="gp_choice", key=key, trigger_case_id="F00000007")
    assert key == "case:"
    assert details.trigger_key == "case:F00000007"
    assert pickle.loads(pickle.dumps(details)).trigger_key == "case:F00000007"
    shown = details.to_json()
    assert "key" not in shown
    assert list(shown)[:3] == ["trigger", "trigger_key", "trigger_case_id"]
    assert shown["trigger_key"] == "case:F00000007"


def test_any_other_trigger_key_is_kept_as_it_was_given() -> None:
    move = "move:0505801234:2025-04-09:0787"
    assert CardOrderDetails.key_of(move, None) == move
    assert CardOrderDetails.key_of("case:F00000008", "F00000007") == "case:F00000008"
    assert CardOrderDetails.key_of(None, "F00000007") is None
    assert CardOrderDetails(trigger="move", key=move).trigger_key == move
    assert CardOrderDetails(trigger="standalone").trigger_key is None


def test_cases_moved_at_one_moment_share_their_first_status_pair() -> None:
    first, second = a_card_case("F-1"), a_card_case("F-2")
    later = AT + timedelta(hours=1)
    first.move_to(CaseStatus.COMPLETED, later)
    second.move_to(CaseStatus.COMPLETED, datetime.combine(date(2025, 4, 9), time(10)))
    assert first.status_log is second.status_log
    assert (
        first.history
        == second.history
        == [
            (AT, CaseStatus.AWAITING_LUNA),
            (later, CaseStatus.COMPLETED),
        ]
    )


def test_a_shared_pair_keeps_the_moment_exactly_as_given() -> None:
    utc = datetime(2025, 4, 9, 8, tzinfo=UTC)
    copenhagen = utc.astimezone(timezone(timedelta(hours=2)))  # the same instant
    first, second = a_card_case("F-1", utc), a_card_case("F-2", utc)
    first.move_to(CaseStatus.COMPLETED, utc + timedelta(hours=1))
    second.move_to(CaseStatus.COMPLETED, copenhagen + timedelta(hours=1))
    assert first.history[-1][0].isoformat() == "2025-04-09T09:00:00+00:00"
    assert second.history[-1][0].isoformat() == "2025-04-09T11:00:00+02:00"


def test_a_replay_shows_the_card_case_trigger_key_as_before() -> None:
    details = CardOrderDetails(
        trigger="gp_choice", key=CardOrderDetails.key_of("case:F1", "F1"), trigger_case_id="F1"
    )
    shown = jsonable(details)
    assert "key" not in shown
    assert shown["trigger_key"] == "case:F1"
    assert list(shown).index("trigger_key") == list(shown).index("trigger") + 1


def test_a_card_case_keeps_its_lone_order_id_itself_and_reads_it_as_a_tuple() -> None:
    one, two = CardOrderDetails(trigger="move"), CardOrderDetails(trigger="gp_choice")
    assert one.card_orders == ()
    one.card_orders = ("K00000001",)
    two.card_orders = ["K00000002", "K00000003"]
    assert one.orders == "K00000001" and one.card_orders == ("K00000001",)
    assert two.card_orders == ("K00000002", "K00000003")
    for details in (one, two):
        again = pickle.loads(pickle.dumps(details))
        assert again == details and again.card_orders == details.card_orders
    shown = one.to_json()
    assert "orders" not in shown and shown["card_orders"] == ["K00000001"]
    assert list(shown).index("card_orders") == list(shown).index("standalone") + 1
    replayed = jsonable(two)
    assert "orders" not in replayed and replayed["card_orders"] == ["K00000002", "K00000003"]
    assert list(replayed)[-2:] == ["card_orders", "fee_dkk"]
