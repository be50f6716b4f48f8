"""CPU time of one automatic card order and of its relay, alone: the move's free card.

    .venv/bin/python benchmarks/bench_card_order.py [--citizens 20000] [--days 3]
    PYTHONPATH=/tmp/base .venv/bin/python benchmarks/bench_card_order.py   # the same, on a base

A test world (in-process fakes, a manual clock, no relay after each command) with one practice
and ``--citizens`` citizens listed with it. Each simulated day every citizen gets the card a
move orders (`order_cards` with a move's request, as `card_triggers.on_citizen_moved` makes
it), then one `RelayOutbox` sends all the day's card cases to the fake LUNA, which completes
them (no letter: an automatic order has none). Prints `time.process_time` per order and per
relayed case for each day (the second and later days find the first day's orders on record).
The world is frozen for the collector after the set-up, as the simulator freezes its built
world. Figures: benchmarks/README.md, "Issue 16, round 3".
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent.parent))  # tests.builders

from sandbox.domain.model import Actor
from sandbox.domain.rules.cards import CardTrigger
from sandbox.service.card_ordering import CardRequest, order_cards
from sandbox.service.commands import RelayOutbox
from tests.builders import add_citizen, add_practice, make_world


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citizens", type=int, default=20_000)
    parser.add_argument("--days", type=int, default=3)
    args = parser.parse_args()
    world = make_world(relay=False)
    add_practice(world, "000001")
    citizens = [
        add_citizen(world, f"{1_000_000_000 + i}", doctor="000001") for i in range(args.citizens)
    ]
    gc.collect()
    gc.freeze()
    uow = world.bus.uow
    system = Actor.system()
    for day in range(args.days):
        started = time.process_time()
        for citizen in citizens:
            request = CardRequest(
                CardTrigger.MOVE,
                (citizen.cpr,),
                world.today,
                system,
                trigger_key=f"move:{citizen.cpr}:{world.today.isoformat()}:0787",
                municipality_code="0787",
                unless_ordered_now=True,
            )
            order_cards(uow, request)
        ordered = time.process_time() - started
        uow.collect_new_events()  # the events' handlers are not what is measured here
        uow.collect_decisions()
        started = time.process_time()
        world.handle(RelayOutbox(system))
        relayed = time.process_time() - started
        each = 1e6 / len(citizens)
        print(
            f"day {day}: order_cards {ordered * each:.1f} µs an order, "
            f"the relay {relayed * each:.1f} µs a card case"
        )
        world.advance(days=1)


if __name__ == "__main__":
    main()
