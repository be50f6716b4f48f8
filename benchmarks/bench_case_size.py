"""Bytes a case costs with everything that comes with it, measured with tracemalloc.

    .venv/bin/python benchmarks/bench_case_size.py                # 20,000 GP choices
    .venv/bin/python benchmarks/bench_case_size.py --choices 5000 --by-file   # where it goes

A world of citizens listed with one practice (in-process LUNA and CPR, the LUNA relay after each
command, as the API and the tests run) makes ``--choices`` GP choices through the service, one
citizen each: every choice opens a "Lægevalg" case and its "Bestil Sundhedskort" case, with their
details, history, index entries, card order, LUNA registrations and letter (its facts, rendered
only when read). The memory still held after the choices, less what the fakes themselves keep
(LUNA's own records), divided by the cases made, is a case's cost; the citizens' new listings are
in it too. The baseline, in the same run: the same number of plain dicts of ten short entries
each, the size of the untyped details dict of a card-order case. Ratio = bytes a case / bytes a
dict. Figures: benchmarks/README.md, "Case size".
"""

from __future__ import annotations

import argparse
import gc
import sys
import tracemalloc
from datetime import date, datetime, time
from pathlib import Path

import fakes
from fakes.cpr.backend import CprBackend
from fakes.luna.backend import LunaBackend
from sandbox.adapters.clock import ManualClock
from sandbox.adapters.in_process import InProcessCpr, InProcessLuna
from sandbox.domain.geography import Address, Coordinates
from sandbox.domain.model import Actor, Citizen, GpListing, GroupMembership, Practice
from sandbox.service.bootstrap import bootstrap
from sandbox.service.bus import MessageBus
from sandbox.service.commands import ChooseGp
from sandbox.service.store import Store

START = date(2025, 4, 9)
THISTED = Coordinates(56.9557, 8.6940)
FAKES = str(Path(fakes.__file__).resolve().parent / "*")  # the fakes' own records


def world() -> tuple[MessageBus, Store]:
    """A bus over a fresh registry with two open practices in Thisted."""
    clock = ManualClock(datetime.combine(START, time(9, 0)))
    registry = Store()
    bus = bootstrap(
        clock=clock,
        luna=InProcessLuna(LunaBackend(seed=1, keep_payloads=False), clock),  # as the simulator
        cpr=InProcessCpr(CprBackend()),
        registry=registry,
    )
    for ydernummer in ("100001", "100002"):
        home = Address("Lægevej", ydernummer[-1], "7700", "Thisted", "0787", THISTED, None)
        practice = Practice(ydernummer, f"Lægehuset {ydernummer}", home, "1081", ("Læge A",))
        practice.openness = [(date(2015, 1, 1), True)]
        registry.add_practice(practice)
    return bus, registry


def cpr_of(number: int) -> str:
    """A distinct 10-digit CPR number for each ``number`` below 120,000."""
    day, month = number % 28 + 1, (number // 28) % 12 + 1
    return f"{day:02d}{month:02d}80{number % 10_000:04d}"


def add_citizen(registry: Store, number: int) -> str:
    """An adult in group 1, listed with practice 100001."""
    home = Address("Vestergade", str(number), "7700", "Thisted", "0787", THISTED, None)
    citizen = Citizen(cpr_of(number), f"Borger {number}", date(1980, 5, 5), home)
    citizen.groups.append(GroupMembership(1, date(2020, 1, 1), reason="bench"))
    citizen.listings.append(GpListing("100001", date(2020, 1, 1), basis="BENCH"))
    registry.practice("100001").list_size += 1
    registry.add_citizen(citizen)
    return citizen.cpr


BY_FILE: dict[str, int] = {}  # with --by-file: the bytes held, by the file that allocated them


def held_bytes(before: tracemalloc.Snapshot) -> int:
    """What is still allocated since ``before``, outside the fakes' own code."""
    gc.collect()
    # all frames: a record the fakes make through a dataclass's generated __init__ is
    # allocated in "<string>", called from the fakes' code one frame up
    fakes_own = [tracemalloc.Filter(False, FAKES, all_frames=True)]
    after = tracemalloc.take_snapshot().filter_traces(fakes_own)
    start = before.filter_traces(fakes_own)
    stats = after.compare_to(start, "filename")
    BY_FILE.clear()
    BY_FILE.update({str(stat.traceback[0].filename): stat.size_diff for stat in stats})
    return sum(stat.size_diff for stat in stats)


def measure_cases(choices: int) -> dict[str, float]:
    bus, registry = world()
    persons = [add_citizen(registry, number) for number in range(choices + 1)]
    first = persons.pop()
    bus.handle(ChooseGp(Actor.citizen(first), first, "100002"))  # warm caches and counters
    cases_before, letters_before = registry.case_count(), registry.letter_count()
    tracemalloc.start(2)  # two frames: see held_bytes
    before = tracemalloc.take_snapshot()
    for cpr in persons:
        bus.handle(ChooseGp(Actor.citizen(cpr), cpr, "100002"))
    held = held_bytes(before)
    tracemalloc.stop()
    cases = registry.case_count() - cases_before
    return {
        "choices": len(persons),
        "cases": cases,
        "letters": registry.letter_count() - letters_before,
        "bytes_held": held,
        "bytes_per_case": held / cases,
    }


def measure_dicts(count: int) -> float:
    tracemalloc.start(2)  # two frames: see held_bytes
    before = tracemalloc.take_snapshot()
    kept = [{f"k{key}": f"v{number}" for key in range(10)} for number in range(count)]
    held = held_bytes(before)
    tracemalloc.stop()
    assert len(kept) == count
    return held / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--choices", type=int, default=20_000)
    parser.add_argument("--by-file", action="store_true", help="where a case's bytes go")
    args = parser.parse_args()
    found = measure_cases(args.choices)
    by_file = sorted(BY_FILE.items(), key=lambda item: -item[1])
    per_dict = measure_dicts(int(found["cases"]))
    print(f"python {sys.version.split()[0]}")
    print(
        f"{found['choices']:,} GP choices -> {found['cases']:,} cases, {found['letters']:,} "
        f"letters; {found['bytes_held'] / 2**20:.1f} MiB held"
    )
    print(f"bytes a case (with everything that comes with it): {found['bytes_per_case']:,.0f}")
    print(f"baseline, bytes a plain dict of ten entries:       {per_dict:,.0f}")
    print(f"ratio: {found['bytes_per_case'] / per_dict:.2f}")
    if args.by_file:
        root = str(Path(__file__).resolve().parents[1]) + "/"
        for filename, size in by_file:
            if size >= found["cases"]:  # a byte a case or more
                print(f"{size / found['cases']:8,.0f}  {filename.replace(root, '')}")


if __name__ == "__main__":
    main()
