"""Replaying a journal can only give the same world if the world it starts from is the same:
the demo world built from its spec and seed is byte-identical in two processes with different
string hashing (the restart tests then show the journal's replay lands on the same state)."""

from __future__ import annotations

import os
import subprocess
import sys

from sandbox.api.world import WorldSpec, WorldTemplate

BUILD = (
    "import hashlib\n"
    "from sandbox.api.world import WorldSpec, WorldTemplate\n"
    "print(hashlib.sha256(WorldTemplate(WorldSpec.demo())._frozen).hexdigest())\n"
)


def _digest(hash_seed: str) -> str:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    done = subprocess.run(
        [sys.executable, "-c", BUILD], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_the_demo_world_is_built_the_same_in_two_processes() -> None:
    first, second = _digest("1"), _digest("2")
    assert len(first) == 64
    assert first == second


def test_a_world_built_in_a_child_process_is_the_same_world() -> None:
    # the large worlds a server builds apart (`sandbox.api.frozen.apart`) must be the very
    # bytes an in-process build gives, or a replay after a restart would start elsewhere
    spec = WorldSpec.demo()
    here = WorldTemplate(spec, apart_from=10**9)
    apart = WorldTemplate(spec, apart_from=0)
    assert apart.citizens == here.citizens > 0
    assert apart._frozen == here._frozen
    registry, persons, _ = apart.fresh()
    assert registry.citizen_count() == here.citizens
    assert set(persons) >= {c.cpr for c in registry.all_citizens()}
