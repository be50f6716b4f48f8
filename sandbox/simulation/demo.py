"""Demo mode for trainers: a release 1.1 demo narrated in Danish (or English) as it runs.

A demo is a shipped scenario with a cast and a script (`DEMOS` names them). The narrator is a
bus journal and the script's listener: before each step it tells what the person is about to
do; after, what the system decided and why (each reason's text, rule and parameters), which
cases, letters and card orders appeared. Paced by simpy's realtime environment (``speed``
simulated seconds per real second; ``inf`` runs at once) or stepped with Enter.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import simpy
import simpy.rt

import scenarios
from sandbox.domain import danish
from sandbox.domain.decisions import Decision, Language, ParameterUse, shown
from sandbox.domain.errors import SandboxError, ScenarioError
from sandbox.domain.model import CASE_STATUS_DA, CASE_TYPE_DA, CaseStatus, CaseType
from sandbox.service.commands import Command
from sandbox.service.events import Event
from sandbox.service.unit_of_work import UnitOfWork
from sandbox.simulation.demo_texts import describe_event
from sandbox.simulation.scenario import load_scenario
from sandbox.simulation.world import World

DEMOS = {
    "kent-samlever": "closed-doctor-relatives-samlever",
    "storm-greenland": "greenland-move",
    "same-day-birth": "same-day-birth-naming",
    "practice-changes": "simultaneous-practice-changes",
    "card-opt-out": "card-opt-out",
    "renumbering": "renumbering",
    "luna-cable": "luna-outage",
    "group-change-dates": "group-change-dates",
    "audit-log": "audit-log",
    "data-restore": "data-restore",
}
QUIET = {"RelayOutbox", "ConsumeCprFeed", "ProcessPracticeEventDeadlines", "ProcessDailyWork"}
CONDITIONS = {"DOCTOR_ACCEPTANCE": ("lægens accept", "the doctor's acceptance")}


def parameter_text(use: ParameterUse, language: Language) -> str:
    """A parameter as the narration shows it: name = value, the value in the reader's words
    (ja/nej, 1. maj 2025, 100.000); a table shows its entries the same way."""
    value = use.value
    if isinstance(value, dict):
        entries = ", ".join(f"{key}: {shown(item, language)}" for key, item in value.items())
        return f"{use.name} = {{{entries}}}"
    if isinstance(value, tuple | list):
        return f"{use.name} = [{', '.join(shown(item, language) for item in value)}]"
    return f"{use.name} = {shown(value, language)}"


class Narrator:
    """Fortæller - tells what happens, as it happens."""

    def __init__(
        self,
        world_ref: Callable[[], World],
        language: Language = "da",
        write: Callable[[str], None] = print,
        step: bool = False,
        read: Callable[[str], str] = input,
    ) -> None:
        self.world = world_ref
        self.language = language
        self.write = write
        self.step = step
        self.read = read
        self.buffer: list[str] = []
        self.quiet = True
        self.text: list[str] = []

    def _t(self, da: str, en: str) -> str:
        return da if self.language == "da" else en

    def emit(self, line: str) -> None:
        self.text.append(line)
        self.write(line)

    def flush(self) -> None:
        if len(self.buffer) > 1 or (self.buffer and not self.quiet):
            for line in self.buffer:
                self.emit(line)
        self.buffer = []

    # script steps -----------------------------------------------------------------------------
    def before(self, step: dict[str, Any]) -> None:
        self.flush()
        world = self.world()
        now = world.clock.now()
        day = danish.date_text(now.date(), self.language)
        when = f"{day} kl. {now:%H.%M}" if self.language == "da" else f"{day} {now:%H:%M}"
        said = step.get(self.language) or step.get("da") or step["action"]
        self.emit("")
        self.emit(f"[{when}] {said}")
        if self.step:
            self.read(self._t("  (tryk Enter) ", "  (press Enter) "))

    def after(self, step: dict[str, Any], result: Any) -> None:
        diff = getattr(result, "diff", None)
        if diff is not None and hasattr(diff, "listings_now"):
            # a data restore: show what it changes (or would change, on a dry run)
            applied = getattr(result, "applied", False)
            head = (
                self._t("Genoprettet", "Restored")
                if applied
                else self._t("Prøvekørsel, intet ændret", "Dry run, nothing changed")
            )
            now = [item.get("ydernummer") for item in diff.listings_now]
            then = [item.get("ydernummer") for item in diff.listings_restored]
            self.buffer.append(f"    ↺ {head}: {self._t('lægevalg', 'GP listings')} {now} → {then}")
        self.flush()

    # bus journal ------------------------------------------------------------------------------
    def command(self, command: Command, uow: UnitOfWork) -> None:
        self.flush()
        name = type(command).__name__
        self.quiet = name in QUIET
        actor = command.actor
        who = f"{actor.role.value} {actor.user_id}"
        self.buffer.append(f"  → {name} ({self._t('af', 'by')} {who})")

    def event(self, event: Event, uow: UnitOfWork) -> None:
        line = describe_event(event, uow, self.language)
        if line:
            self.buffer.append(f"    • {line}")

    def decision(self, subject: str, decision: Decision, uow: UnitOfWork) -> None:
        verdict = (
            self._t("tilladt", "allowed") if decision.allowed else self._t("AFVIST", "REFUSED")
        )
        self.buffer.append(f"    ⚖ {subject}: {verdict}")
        for reason in decision.reasons:
            self.buffer.append(f"        {reason.code}: {reason.text(self.language)}")
            uses = "; ".join(parameter_text(u, self.language) for u in reason.parameters)
            if uses:
                self.buffer.append(f"          ({self._t('parametre', 'parameters')}: {uses})")
        if decision.conditions:
            index = 0 if self.language == "da" else 1
            named = (CONDITIONS.get(c, (c, c))[index] for c in decision.conditions)
            self.buffer.append(
                f"        {self._t('betingelser', 'conditions')}: {', '.join(named)}"
            )

    def error(self, command: Command, error: SandboxError, uow: UnitOfWork) -> None:
        message = error.message_da if self.language == "da" else error.message_en
        self.buffer.append(f"    ✗ {error.code}: {message}")

    # the end ----------------------------------------------------------------------------------
    def finish(self) -> None:
        self.flush()
        world = self.world()
        today = world.clock.today()
        self.emit("")
        self.emit(self._t("Til slut:", "In the end:"))
        for key, cpr in world.cast.persons.items():
            citizen = world.registry.citizens.get(cpr)
            if citizen is None:
                continue
            group = citizen.group_on(today)
            doctor = citizen.doctor_on(today)
            practice = world.registry.practices.get(doctor or "")
            cases = [
                f"{case.case_id} {self._case_label(case.case_type)} "
                f"({self._status_label(case.status)})"
                for case in world.registry.cases_of(cpr)
                if case.main_cpr == cpr
            ]
            self.emit(
                f"  {citizen.name} ({key}, {cpr}): {self._t('gruppe', 'group')} "
                f"{group.group if group else '-'}, {self._t('læge', 'doctor')} "
                f"{practice.name + ' (' + practice.ydernummer + ')' if practice else '-'}"
            )
            for line in cases:
                self.emit(f"      {line}")

    def _case_label(self, kind: CaseType) -> str:
        return CASE_TYPE_DA[kind] if self.language == "da" else kind.value

    def _status_label(self, status: CaseStatus) -> str:
        return CASE_STATUS_DA[status] if self.language == "da" else status.value


def demo_scenario(name: str) -> Path:
    wanted = DEMOS.get(name, name)
    path = scenarios.path_of(wanted)
    if path is None:
        known = ", ".join(sorted(DEMOS))
        raise ScenarioError(
            path=name,
            problem_da=f"ingen demo med det navn (kendte: {known})",
            problem_en=f"no demo by that name (known: {known})",
        )
    return path


def run_demo(
    name: str,
    language: Language = "da",
    speed: float = math.inf,
    step: bool = False,
    write: Callable[[str], None] = print,
    read: Callable[[str], str] = input,
) -> Narrator:
    """Run a demo to its end and return the narrator (with everything it said in ``text``)."""
    scenario = load_scenario(demo_scenario(name))
    env: simpy.Environment = (
        simpy.Environment()
        if math.isinf(speed) or step
        else simpy.rt.RealtimeEnvironment(factor=1.0 / speed, strict=False)
    )
    holder: list[World] = []
    narrator = Narrator(lambda: holder[0], language, write, step, read)
    narrator.emit(f"== {scenario.name}: {scenario.description}")
    world = World(scenario, env=env, observers=(narrator,))
    holder.append(world)
    world.narrator = narrator
    world.run()
    narrator.finish()
    return narrator
