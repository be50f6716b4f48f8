"""In-process driver: the invariants the explorer checks, over the whole in-process world.

The same checks as `sandbox explore` (`sandbox.explore.checks`: the simulator's invariants and
the explorer's own), so a feature the explorer wrote fails exactly where its schedule failed.
"""

from __future__ import annotations

from sandbox.explore.checks import problems_in
from tests.bdd.drivers.in_process.core import CoreDriver


class Invariants(CoreDriver):
    """Invarianter - what must always hold, checked now."""

    def invariant_problems(self, invariant: str) -> list[str]:
        found = problems_in(self.registry, self.luna, self.clock, self.parameters)
        return [problem.detail for problem in found if problem.invariant == invariant]
