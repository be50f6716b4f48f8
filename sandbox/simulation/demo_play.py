"""A demo played to a step, silently: the simulated world as it stands after that step, and
what each step told (`sandbox.simulation.demo_steps.StepReport`).

The same run as ``sandbox demo NAME`` (the same scenario, seed and script, the same narrator),
stopped when the script is about to begin the step after ``steps``: step k's world has lived
through step k and what followed it until step k+1 (the next morning's feed, the relay), and
after the last step, to the demo's end. Each call starts from the seed, so step k is the same
world however it was reached (forward, back, restart). The browser's demo player
(`sandbox.console.player`) serves namespaces built from it.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

from sandbox.domain.errors import SandboxError
from sandbox.simulation.demo import DEMOS, TITLES_EN, Narrator, demo_scenario
from sandbox.simulation.demo_steps import StepReport
from sandbox.simulation.world import World
from sandbox.worlds.scenario import Scenario, load_scenario


class UnknownDemo(SandboxError):
    code = "UNKNOWN_DEMO"
    kind = "not_found"
    da = "Der er ingen demo ved navn '{name}' (kendte: {known})."
    en = "There is no demo named '{name}' (known: {known})."


class DemoStepOutOfRange(SandboxError):
    code = "DEMO_STEP_OUT_OF_RANGE"
    da = "Demoen '{name}' har trin 0 til {last}; trin {step} findes ikke."
    en = "The demo '{name}' has steps 0 to {last}; step {step} does not exist."


class _Stop(Exception):
    """Ends the run when the script is about to begin a step past the one asked for."""


@dataclass(slots=True)
class Played:
    """Spillet - a demo run to ``step`` of ``steps``: its world and what each step told."""

    name: str
    scenario: Scenario
    step: int
    steps: int
    world: World
    reports: list[StepReport]

    @property
    def title_da(self) -> str:
        return self.scenario.description

    @property
    def title_en(self) -> str:
        return TITLES_EN.get(self.name, self.scenario.name)


def demo_named(name: str) -> Scenario:
    """The demo's scenario, or the typed refusal (only the demos' names, never a path)."""
    if name not in DEMOS:
        raise UnknownDemo(name=name[:80], known=", ".join(sorted(DEMOS)))
    return load_scenario(demo_scenario(name))


def play(name: str, step: int | None = None) -> Played:
    """Play demo ``name`` from its seed to the end of ``step`` (None: to the end)."""
    scenario = demo_named(name)
    steps = len(scenario.script)
    upto = steps if step is None else step
    if not 0 <= upto <= steps:
        raise DemoStepOutOfRange(name=name, last=steps, step=upto)
    holder: list[World] = []
    narrator = Narrator(lambda: holder[0], "da", write=lambda _line: None)
    world = World(scenario, observers=(narrator,))
    holder.append(world)
    narrator.follow(*world.cast.persons.values())
    world.narrator = narrator

    def stop_past(number: int) -> None:
        if number > upto:
            raise _Stop

    narrator.on_step = stop_past
    with suppress(_Stop):
        world.run()
    narrator.flush()
    reports = narrator.reports or [StepReport(0, "", scenario.start_moment, "", "")]
    return Played(name, scenario, upto, steps, world, reports)
