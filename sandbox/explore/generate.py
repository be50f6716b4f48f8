"""Draw a schedule from a scenario and two seeds: a small world, then steps in simulated days.

The program seed chooses the world (two or three practices, some closed; two to four persons,
some at one address, most listed with a doctor, some opted out of the physical card) and the
steps, weighted by the scenario's rates and LUNA faults; the interleaving seed then reorders the
steps that share a day (commands arriving at the same moment, concurrent commands on one
citizen or practice, a fault before or after a command) and delays CPR feed entries: a move or
renumbering CPR holds back until a `cpr_release` one to three steps later, so the system reads
it late and after the events recorded meanwhile (a GP choice made on the old address, a second
move of the same person read before the first). Few persons and practices make steps
collide on the same citizen and practice often, which is where the bugs live.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from sandbox.explore.schedule import Schedule, Step
from sandbox.worlds.scenario import Scenario

PERSONS = ("Anna", "Bo", "Carl", "Dorte")
PRACTICES = ("Lægehuset Vest", "Lægehuset Øst", "Lægehuset Nord")
ADDRESSES = 4  # house numbers 1..4 on one street: housemates are common
GAPS = (0, 0, 0, 1, 2, 40)  # days between steps; 40 passes a practice event's free period


def _weights(scenario: Scenario) -> dict[str, float]:
    rates, luna = scenario.rates, scenario.luna
    faulty = any(value > 0 for value in luna.fault_rates.values()) or bool(luna.outages)
    per_year = max(sum(rates.values()), 1.0)

    def share(name: str, floor: float) -> float:  # the scenario's mix, never quite zero
        return max(floor, 12.0 * rates.get(name, 0.0) / per_year)

    return {
        "choose": share("gp_changes_per_1000_per_year", 2.0),
        "samlever": share("samlever_declarations_per_1000_per_year", 1.0),
        "move": share("moves_within_per_1000_per_year", 1.0),
        "renumber": share("renumberings_per_1000_per_year", 0.7),
        "practice_event": share("practice_events_per_practice_per_year", 1.0),
        "deadlines": 0.8,
        "group": share("group_changes_per_1000_per_year", 0.5),
        "card": share("card_orders_per_1000_per_year", 0.5),
        "luna_lost": 1.2 if faulty else 0.4,
        "luna_fault": 1.0 if faulty else 0.3,
        "luna_down": 0.8 if faulty else 0.3,
        "luna_up": 0.8 if faulty else 0.3,
        "minutes": 1.0,
    }


def _world(rng: random.Random) -> tuple[list[Step], list[str], list[str]]:
    practices = list(PRACTICES[: rng.randint(2, 3)])
    persons = list(PERSONS[: rng.randint(2, 4)])
    steps = [
        Step(0, "practice", {"name": name, "number": 10 + i, "open": i == 0 or rng.random() < 0.5})
        for i, name in enumerate(practices)
    ]
    for name in persons:
        steps.append(Step(0, "person", {"name": name, "number": rng.randint(1, ADDRESSES)}))
    for name in persons:
        # everyone in group 1 has a doctor to start with: the invariant holds before step one
        steps.append(Step(0, "listed", {"person": name, "practice": rng.choice(practices)}))
        if rng.random() < 0.2:
            steps.append(Step(0, "opted_out", {"person": name}))
    return steps, persons, practices


def _action(
    kind: str, rng: random.Random, persons: list[str], practices: list[str], renumbered: list[int]
) -> dict[str, Any]:
    person, practice = rng.choice(persons), rng.choice(practices)
    makers: dict[str, Callable[[], dict[str, Any]]] = {
        "choose": lambda: {"person": person, "practice": practice},
        "samlever": lambda: {
            "person": person,
            "samlever": rng.choice([p for p in persons if p != person] or persons),
            "number": rng.randint(1, ADDRESSES),
        },
        "move": lambda: {"person": person, "number": rng.randint(1, ADDRESSES)},
        "practice_event": lambda: {
            "practice": practice,
            "kind": rng.choice(("closure", "closure", "transfer", "change")),
            "in_days": rng.choice((0, 1, 14, 30)),
        },
        "group": lambda: {"person": person, "group": rng.choice((1, 2))},
        "card": lambda: {"person": person, "reason": rng.choice(("lost", "damaged"))},
        "minutes": lambda: {"minutes": rng.choice((1, 5, 60))},
        "luna_fault": lambda: {"fault": rng.choice(("error", "timeout"))},
    }
    if kind == "renumber":
        renumbered.append(len(renumbered) + 1)
        return {"person": person, "new_cpr": f"1010800{renumbered[-1]:03d}"}
    maker = makers.get(kind)
    return maker() if maker is not None else {}


def generate(scenario: Scenario, seed: int, interleaving: int = 0) -> Schedule:
    """The schedule of program ``seed`` under ``interleaving`` (0: as drawn)."""
    rng = random.Random(seed)
    setup, persons, practices = _world(rng)
    weights = _weights(scenario)
    kinds, chances = list(weights), list(weights.values())
    horizon = max(scenario.duration_days, 1) + 40
    day, renumbered, actions = 0, list[int](), list[Step]()
    for _ in range(rng.randint(6, 14)):
        day = min(day + rng.choice(GAPS), horizon)
        kind = rng.choices(kinds, chances)[0]
        actions.append(Step(day, kind, _action(kind, rng, persons, practices, renumbered)))
    if interleaving:
        rng_order = random.Random(seed * 1_000_003 + interleaving)
        actions = _delay_feed(_interleave(actions, rng_order), rng_order)
    municipality = scenario.municipalities[0]
    return Schedule(
        scenario.name, seed, interleaving, scenario.start, municipality, (*setup, *actions)
    )


def _interleave(actions: list[Step], rng: random.Random) -> list[Step]:
    """Shuffle the steps within each day: the order of what arrives at the same moment."""
    days: dict[int, list[Step]] = {}
    for step in actions:
        days.setdefault(step.day, []).append(step)
    out: list[Step] = []
    for day in sorted(days):
        group = days[day]
        rng.shuffle(group)
        out += group
    return out


LATE_CHANCE = 0.4  # of a CPR event, under an interleaving: held back in CPR's feed


def _delay_feed(actions: list[Step], rng: random.Random) -> list[Step]:
    """Hold back some CPR events (``late``) and deliver each one to three steps later."""
    out: list[Step] = []
    due: list[int] = []  # steps left before each pending delivery
    for step in actions:
        if step.do in ("move", "renumber") and rng.random() < LATE_CHANCE:
            step = Step(step.day, step.do, {**step.args, "late": True})
            due.append(rng.randint(1, 3) + 1)
        out.append(step)
        due = [left - 1 for left in due]
        for _ in range(due.count(0)):
            out.append(Step(step.day, "cpr_release"))
        due = [left for left in due if left > 0]
    out += [Step(out[-1].day, "cpr_release") for _ in due]
    return out
