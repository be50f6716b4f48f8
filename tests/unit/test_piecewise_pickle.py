"""The piecewise pickle (`sandbox.api.piecewise`): what it unpickles is what one plain pickle
gives - the same objects shared, the same order, the same cycles - piece by piece, with a
pause between the pieces; and a world thawed from its template is the world built directly."""

from __future__ import annotations

import pickle
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sandbox.api import piecewise
from sandbox.api.frozen import big_containers, freeze, thaw
from sandbox.api.world import WorldSpec, WorldTemplate, build_state
from sandbox.worlds.scenario import scenario_from_mapping

PEOPLE = 1_100  # five pieces of `piecewise.PIECE` in each big container


@dataclass(eq=False)
class Practice:
    name: str
    listed: list[Person] = field(default_factory=list)


@dataclass(eq=False)
class Person:
    number: str
    practice: Practice
    notes: list[str]
    owner: dict[str, Any] | None = None  # a cycle through the state itself


def _state() -> dict[str, Any]:
    practices = [Practice(f"Lægehuset {n}") for n in range(3)]
    shared_notes = ["fælles"]
    people: dict[str, Person] = {}
    for n in range(PEOPLE):
        practice = practices[n % 3]
        notes = shared_notes if n % 2 else [f"note {n}"]
        person = Person(f"{n:010d}", practice, notes)
        practice.listed.append(person)
        people[person.number] = person
    state: dict[str, Any] = {
        "people": people,
        "order": list(reversed(people.values())),
        "tags": {f"tag {n % 50}" for n in range(PEOPLE)},
        "by_number": OrderedDict((p.number, p) for p in people.values()),  # not an exact dict
        "practices": practices,
    }
    for person in people.values():
        person.owner = state
    return state


def _containers(state: dict[str, Any]) -> list[Any]:
    return [state["people"], state["order"], state["tags"], state["by_number"], state["people"]]


def _plain_round_trip(state: Any) -> bytes:
    """What one plain pickle's copy pickles to: the sharing a plain unpickling gives."""
    return pickle.dumps(pickle.loads(pickle.dumps(state, 5)), 5)


def test_a_piecewise_copy_shares_exactly_what_a_plain_copy_shares() -> None:
    state = _state()
    back = piecewise.loads(piecewise.dumps(state, _containers(state)), lambda: None)

    assert pickle.dumps(back, 5) == _plain_round_trip(state)
    people = back["people"]
    assert list(people) == list(state["people"])
    assert [p.number for p in back["order"]] == [p.number for p in state["order"]]
    assert all(a is b for a, b in zip(back["order"], reversed(people.values()), strict=True))
    assert all(back["by_number"][key] is person for key, person in people.items())
    assert back["tags"] == state["tags"]
    practices = back["practices"]
    for n, person in enumerate(people.values()):
        assert person.practice is practices[n % 3]
        assert person.owner is back
        assert person in practices[n % 3].listed
    odd = [person.notes for n, person in enumerate(people.values()) if n % 2]
    assert all(notes is odd[0] for notes in odd)
    assert odd[0] is not state["people"]["0000000001"].notes  # a copy, not the original


def test_the_pieces_are_unpickled_with_a_pause_between_them() -> None:
    state = _state()
    pauses: list[None] = []
    back = piecewise.loads(piecewise.dumps(state, _containers(state)), lambda: pauses.append(None))
    # the people and their order in pieces of 250, the 50 tags in one, then the state
    # (the OrderedDict, not an exact dict, is pickled inside the piece that reaches it)
    pieces = 2 * -(-PEOPLE // piecewise.PIECE) + 1 + 1
    assert len(pauses) >= pieces
    assert len(back["people"]) == PEOPLE


def test_the_same_state_gives_the_same_bytes() -> None:
    first, second = _state(), _state()
    assert piecewise.dumps(first, _containers(first)) == piecewise.dumps(
        second, _containers(second)
    )


def test_freeze_and_thaw_give_a_new_copy_each_time() -> None:
    state = _state()
    frozen = freeze(state, _containers(state))
    one, two = thaw(frozen), thaw(frozen)
    assert one is not two and one["people"] is not two["people"]
    assert pickle.dumps(one, 5) == pickle.dumps(two, 5) == _plain_round_trip(state)


def test_a_world_thawed_is_the_world_built_directly() -> None:
    spec = WorldSpec.of(
        scenario_from_mapping(
            {
                "name": "piecewise",
                "seed": 11,
                "start": date(2025, 5, 1),
                "duration_days": 1,
                "municipalities": ["0751"],
                "population": PEOPLE,
            },
            "<test>",
        )
    )
    built = build_state(spec)
    assert len(big_containers(*built)) >= 2  # the world is pickled in pieces
    thawed = WorldTemplate(spec, apart_from=10**9).fresh()
    assert pickle.dumps(thawed, 5) == _plain_round_trip(built)
    registry, persons, _ = thawed
    assert registry.citizen_count() == built[0].citizen_count() > 0
    assert all(
        persons[cpr].name == citizen.name
        for cpr, citizen in ((c.cpr, c) for c in registry.all_citizens())
    )
