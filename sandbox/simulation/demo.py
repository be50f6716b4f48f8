"""Demo mode for trainers: a release 1.1 demo narrated in Danish (or English) as it runs.

A demo is a shipped scenario with a cast and a script (`DEMOS` names them). The narrator is a
bus journal and the script's listener: before each step it tells what the person is about to
do; after, what the system decided and why (each reason's text, rule and parameters), which
cases, letters and card orders appeared. Paced by simpy's realtime environment (``speed``
simulated seconds per real second; ``inf`` runs at once) or stepped with Enter.

What it tells is kept per step as data (`sandbox.simulation.demo_steps`), both languages at
once: the terminal prints the lines of its language, the browser's demo player
(`sandbox.console.player`, played by `sandbox.simulation.demo_play`) shows the same items.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import simpy
import simpy.rt

import scenarios
from sandbox.domain.decisions import Decision, Language
from sandbox.domain.errors import SandboxError, ScenarioError
from sandbox.service import views
from sandbox.service.commands import Command
from sandbox.service.events import Event
from sandbox.service.unit_of_work import UnitOfWork
from sandbox.simulation import demo_labels as labels
from sandbox.simulation.demo_steps import (
    LANGUAGES,
    Block,
    StepReport,
    Told,
    command_told,
    decision_told,
    error_told,
    event_told,
    row_told,
)
from sandbox.simulation.world import World
from sandbox.worlds.scenario import load_scenario

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
# the demos' titles in English (the scenario's own description is the Danish title)
TITLES_EN = {
    "kent-samlever": "Kent, Sigrid and Olivia: samlever instead of living at the same address, "
    "closed doctor (release 1.1 item 3).",
    "storm-greenland": "Storm Henningsen moves from Greenland: the right and the wrong address "
    "(release 1.1 item 7).",
    "same-day-birth": "Birth and naming on the same day: a manual task, no automatic card "
    "(release 1.1 items 9 and 10).",
    "practice-changes": "Several simultaneous practice changes and a free period; a closure "
    "with a deadline (release 1.1 items 1 and 2).",
    "card-opt-out": "Opting out of the physical health card, and fewer letters "
    "(release 1.1 items 4 and 6).",
    "renumbering": "Automatic handling of a CPR renumbering (release 1.1 item 8).",
    "luna-cable": "LUNA outage and the dug-over cable: the case is always created first "
    "(release 1.1 item 13).",
    "group-change-dates": "Adjusted validity dates for group changes (release 1.1 item 11).",
    "audit-log": "Audit log extracts for municipal administrators (release 1.1 item 5).",
    "data-restore": "Manual data restore without LUNA (release 1.1 item 12).",
}
ROWS_SHOWN = 12
STEP_PERSONS = ("cpr", "child_cpr", "mother", "samlever", "old", "new")


class Narrator:
    """Fortæller - tells what happens to the scripted people, as it happens.

    Each bus command becomes a block of `Told` items stamped with its simulated time. The
    script's own commands are told in full; of the background traffic (other citizens, the
    relay, the daily jobs) only what concerns a followed person or case is told, unless
    ``verbose``. Whoever a scripted command touches is followed from then on (a new number, a
    baby). What is told is kept per script step in ``reports`` (`StepReport`: step 0 is what
    came before the first step), for the browser's demo player."""

    def __init__(
        self,
        world_ref: Callable[[], World],
        language: Language = "da",
        write: Callable[[str], None] = print,
        step: bool = False,
        read: Callable[[str], str] = input,
        verbose: bool = False,
    ) -> None:
        self.world = world_ref
        self.language = language
        self.write = write
        self.step = step
        self.read = read
        self.verbose = verbose
        self.text: list[str] = []
        self.followed: dict[str, None] = {}  # ordered: persons and cases, as met
        self.in_step = False
        self.block: list[Told] = []
        self.block_scripted = False
        self.block_when: datetime | None = None
        self.reports: list[StepReport] = []
        self.on_step: Callable[[int], None] | None = None  # told before each step (its number)

    def _t(self, da: str, en: str) -> str:
        return da if self.language == "da" else en

    def _now(self) -> str:
        return labels.stamp(self.world().clock.now(), self.language)

    def emit(self, line: str, when: str | None = None) -> None:
        text = f"[{when or self._now()}] {line}"
        self.text.append(text)
        self.write(text)

    def follow(self, *keys: str) -> None:
        for key in keys:
            self.followed.setdefault(key)

    def _report(self) -> StepReport:
        if not self.reports:  # what happens before the first step
            start = self.world().scenario.start_moment
            self.reports.append(StepReport(0, "", start, "", ""))
        return self.reports[-1]

    def flush(self) -> None:
        block, self.block = self.block, []
        if not block:
            return
        shown_all = self.block_scripted or self.verbose
        told = [block[0]]
        for item in block[1:]:
            if self.block_scripted or item.ids & self.followed.keys():
                self.follow(*sorted(item.ids))
                told.append(item)
            elif shown_all:
                told.append(item)
        if len(told) > 1:
            when = self.block_when or self.world().clock.now()
            stamp = labels.stamp(when, self.language)
            for item in told:
                for line in item.lines(self.language):
                    self.emit(line, stamp)
            self._report().blocks.append(Block(when, told, self.block_scripted))

    # script steps -----------------------------------------------------------------------------
    def before(self, step: dict[str, Any]) -> None:
        self.flush()
        self._report()  # step 0 comes first
        number = len(self.reports)
        if self.on_step is not None:
            self.on_step(number)  # may end the run here (the player stops before a step)
        for field in STEP_PERSONS:  # whoever the step names is followed (a child, a new number)
            if step.get(field):
                try:
                    self.follow(self.world().cast.cpr(str(step[field])))
                except (KeyError, ValueError, SandboxError):
                    continue
        self.reports.append(StepReport.of(number, step, self.world().clock.now()))
        said = step.get(self.language) or step.get("da") or step["action"]
        self.write("")
        self.emit(f"▶ {said}")
        self.in_step = True
        if self.step:
            self.read(self._t("  (tryk Enter) ", "  (press Enter) "))

    def after(self, step: dict[str, Any], result: Any) -> None:
        diff = getattr(result, "diff", None)
        if diff is not None and hasattr(diff, "listings_now"):
            # a data restore: show what it changes (or would change, on a dry run)
            applied = getattr(result, "applied", False)
            now = [item.get("ydernummer") for item in diff.listings_now]
            then = [item.get("ydernummer") for item in diff.listings_restored]
            da_head = "Genoprettet" if applied else "Prøvekørsel, intet ændret"
            en_head = "Restored" if applied else "Dry run, nothing changed"
            self.block.append(
                row_told(
                    f"    ↺ {da_head}: lægevalg {now} → {then}",
                    f"    ↺ {en_head}: GP listings {now} → {then}",
                )
            )
        for row in getattr(result, "rows", ())[:ROWS_SHOWN]:
            # an audit extract: its rows as the administrator gets them
            at = datetime.fromisoformat(row["tidspunkt"])
            kind_en = {"læsning": "read", "ændring": "change"}.get(row["art"], "")
            said = {}
            for lang in LANGUAGES:
                kind = row["art"] if lang == "da" else kind_en
                role = labels.role_named(row["rolle"], lang)
                done = labels.action(row["handling"], lang)
                stamp = labels.stamp(at, lang)
                said[lang] = f"      {stamp}  {row['bruger']} ({role}): {kind} {done} {row['cpr']}"
            self.block.append(row_told(said["da"].rstrip(), said["en"].rstrip()))
        self.flush()
        self.in_step = False

    # bus journal ------------------------------------------------------------------------------
    def command(self, command: Command, uow: UnitOfWork) -> None:
        self.flush()
        self.block_scripted = self.in_step
        self.block_when = self.world().clock.now()
        self.block.append(command_told(type(command).__name__, command.actor))

    def event(self, event: Event, uow: UnitOfWork) -> None:
        told = event_told(event, uow)
        if told is not None:
            self.block.append(told)

    def decision(self, subject: str, decision: Decision, uow: UnitOfWork) -> None:
        self.block.append(decision_told(subject, decision))

    def error(self, command: Command, error: SandboxError, uow: UnitOfWork) -> None:
        self.block.append(error_told(error, str(getattr(command, "cpr", "") or "")))

    # the end ----------------------------------------------------------------------------------
    def finish(self) -> None:
        self.flush()
        world = self.world()
        today = world.clock.today()
        keys = {cpr: key for key, cpr in world.cast.persons.items()}
        self.write("")
        self.emit(self._t("Til slut:", "In the end:"))
        for cpr in dict.fromkeys([*keys, *self.followed]):
            citizen = views.known_citizen(world.bus.uow, cpr)
            if citizen is None:  # a case id, or a number CPR has not given anyone
                continue
            keys.setdefault(cpr, "")
            group = citizen.group_on(today)
            doctor = citizen.doctor_on(today)
            practice = views.find_practice(world.bus.uow, doctor or "")
            named = f"{keys[cpr]}, {cpr}" if keys[cpr] else cpr
            self.emit(
                f"  {citizen.name} ({named}): {self._t('gruppe', 'group')} "
                f"{group.group if group else '-'}, {self._t('læge', 'doctor')} "
                f"{practice.name + ' (' + practice.ydernummer + ')' if practice else '-'}"
            )
            for case in views.cases_of(world.bus.uow, cpr):
                if case.main_cpr == cpr:
                    kind = labels.case_type(case.case_type, self.language)
                    status = labels.case_status(case.status, self.language)
                    self.emit(f"      {case.case_id} {kind} ({status})")


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
    verbose: bool = False,
) -> Narrator:
    """Run a demo to its end and return the narrator (with everything it said in ``text``)."""
    scenario = load_scenario(demo_scenario(name))
    env: simpy.Environment = (
        simpy.Environment()
        if math.isinf(speed) or step
        else simpy.rt.RealtimeEnvironment(factor=1.0 / speed, strict=False)
    )
    holder: list[World] = []
    narrator = Narrator(lambda: holder[0], language, write, step, read, verbose)
    world = World(scenario, env=env, observers=(narrator,))
    holder.append(world)
    narrator.follow(*world.cast.persons.values())
    title = scenario.description if language == "da" else TITLES_EN.get(name, scenario.name)
    narrator.emit(f"== {name}: {title}")
    world.narrator = narrator
    world.run()
    narrator.finish()
    return narrator
