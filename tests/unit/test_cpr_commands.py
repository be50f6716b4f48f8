"""CPR's feed entries become typed commands, parsed once (`sandbox.service.cpr_commands`)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sandbox.adapters.in_process import InProcessCpr
from sandbox.domain.errors import InvalidInput
from sandbox.domain.geography import load_geography
from sandbox.domain.model import Actor, CivilStatus
from sandbox.service.commands import ConsumeCprFeed
from sandbox.service.cpr_commands import (
    CPR_COMMANDS,
    RegisterBirth,
    RegisterCivilStatus,
    RegisterDeath,
    RegisterMove,
    RegisterProtection,
    parse_entry,
)
from sandbox.service.cpr_records import AddressReader, address_to_cpr, feed_entry
from sandbox.service.handlers.cpr_events import CprFeedResult
from sandbox.simulation.world import SimulatedCpr
from tests.builders import add_citizen, address, make_world, mirror_in_cpr

GEOGRAPHY = load_geography()
DAY = date(2025, 4, 9)


def _parse(kind: str, **data: Any) -> object:
    raw = {"sequence": 7, "kind": kind, "cpr": "0101901234", "on": DAY.isoformat(), "data": data}
    entry = feed_entry(raw)
    assert (entry.sequence, entry.kind, entry.on) == (7, kind, DAY)
    command = parse_entry(entry, AddressReader(GEOGRAPHY))
    assert command is None or command.actor == Actor.system()
    return command


def test_a_move_carries_its_address_typed() -> None:
    home = address()
    move = _parse("move", address=address_to_cpr(home), previous=None)
    assert isinstance(move, RegisterMove)
    assert (move.sequence, move.cpr, move.on) == (7, "0101901234", DAY)
    assert move.address == home


def test_a_move_without_an_address_is_invalid_when_parsed() -> None:
    with pytest.raises(InvalidInput) as invalid:
        _parse("move", address={"street": "Uden nummer"})
    assert "house_number" in invalid.value.message_en
    with pytest.raises(InvalidInput):
        _parse("move")


def test_a_birth_gives_custody_to_the_parents_unless_cpr_names_holders() -> None:
    birth = _parse("birth", birth_date="2025-04-01", mother="0101901234", parents=["0101901234"])
    assert isinstance(birth, RegisterBirth)
    assert (birth.birth_date, birth.custody_holders, birth.father) == (
        date(2025, 4, 1),
        ("0101901234",),
        None,
    )
    named = _parse("birth", birth_date="2025-04-01", parents=["1", "2"], custody_holders=["2"])
    assert isinstance(named, RegisterBirth) and named.custody_holders == ("2",)


def test_civil_status_and_protection_are_typed() -> None:
    married = _parse("civil_status", civil_status="G", spouse="0202881234")
    assert isinstance(married, RegisterCivilStatus)
    assert (married.civil_status, married.spouse) == (CivilStatus.MARRIED, "0202881234")
    unknown = _parse("civil_status", civil_status="?")
    assert isinstance(unknown, RegisterCivilStatus) and unknown.civil_status is None
    protection = _parse("protection", protected=True, until="2026-01-31")
    assert isinstance(protection, RegisterProtection)
    assert (protection.protected, protection.until) == (True, date(2026, 1, 31))


def test_the_kinds_that_end_insurance_know_their_kind() -> None:
    death = _parse("death", status="90")
    assert isinstance(death, RegisterDeath)
    assert (death.KIND, death.status, death.address) == ("death", "90", None)


def test_an_unknown_kind_has_no_command() -> None:
    assert _parse("something_new") is None
    assert all(kind == command.KIND for kind, command in CPR_COMMANDS.items())


def test_a_broken_entry_fails_alone_and_the_feed_goes_on() -> None:
    world = make_world()
    citizen = add_citizen(world, "0101901234")
    mirror_in_cpr(world, citizen)
    world.cpr.record("move", citizen.cpr, world.today)  # no address at all
    world.cpr.set_protection(citizen.cpr, True, world.today)
    result = world.handle(ConsumeCprFeed(Actor.system()))
    assert isinstance(result, CprFeedResult)
    assert (result.applied, result.failed, result.last_sequence) == (1, ((1, "INVALID_INPUT"),), 2)
    assert citizen.protected and citizen.address == address()


def test_a_plain_entry_is_read_with_its_head_typed() -> None:
    """Over HTTP the feed is plain JSON: `feed_entry` types its head (a date from its ISO
    text) and refuses one without a date, which cannot be placed in the feed."""
    entry = feed_entry({"sequence": "3", "kind": "naming", "cpr": 101901234, "on": "2025-04-09"})
    assert (entry.sequence, entry.kind, entry.cpr, entry.on, entry.data) == (
        3,
        "naming",
        "101901234",
        DAY,
        {},
    )
    with pytest.raises(InvalidInput) as invalid:
        feed_entry({"sequence": 4, "kind": "naming", "cpr": "0101901234", "on": "ingen dato"})
    assert invalid.value.code == "INVALID_INPUT"


def test_the_simulators_feed_is_the_fakes_own_events() -> None:
    """The simulator reads the fake CPR's events as they are (typed, not copied): the same
    entries the general adapter gives as copies."""
    world = make_world()
    citizen = add_citizen(world, "0101901234")
    mirror_in_cpr(world, citizen)
    world.cpr.move(citizen.cpr, address_to_cpr(address("Nygade", "2")), world.today)
    (own,) = SimulatedCpr(world.cpr).events_after(0)
    (copied,) = InProcessCpr(world.cpr).events_after(0)
    assert own is world.cpr.events[0]
    assert (own.sequence, own.kind, own.cpr, own.on, own.data) == tuple(copied)
    assert copied.data is not own.data
