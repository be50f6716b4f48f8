"""Invariants of Sygesikring: checked after each command on what it touched, in full at the end.

1. ``gp_listing``: a resident in group 1 has exactly one current GP listing, or an open
   "Manglende lægevalg" case.
2. ``one_group``: a resident has exactly one current insurance group.
3. ``case_main_person``: every case has a main person (a practice event's system case has none
   by design, SPEC 4.2, and is exempt).
4. ``luna_once``: a completed case that waited for LUNA is registered there exactly once, and
   LUNA holds no registration without its case (release 1.1 item 13, "the cable case").
5. ``letter_main_person``: letters go to the case's main person only (release 1.1 item 6).
6. ``letter_has_case``: every letter belongs to a case.
7. ``opt_out_no_card``: nobody who opted out of the physical card gets one automatically.
8. ``closed_practice_empty``: nobody is listed at a closed or split practice after the
   practice event's deadline.

A journal on the bus notes the CPR numbers and case ids each command and event names; after the
command, `Invariants.check_touched` checks just those (never a scan of the population per
event). Closed practices are checked each morning, where a listing can have come since the last
look (`Invariants.check_closed_practices`), and all of it once at the end (`check_all`). A
violation raises `InvariantViolation` with what is needed to replay it.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sandbox.domain.decisions import Decision
from sandbox.domain.errors import SandboxError
from sandbox.domain.model import (
    Case,
    CaseStatus,
    CaseType,
    Citizen,
    GpListing,
    GroupMembership,
    Letter,
)
from sandbox.domain.practice_events import PracticeEventKind
from sandbox.domain.rules.practice_events import free_period_end
from sandbox.service.commands import Command
from sandbox.service.events import (
    CaseRegisteredInLuna,
    HealthCardOrdered,
    LetterWritten,
)
from sandbox.service.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from sandbox.simulation.timeline import Timeline
    from sandbox.simulation.world import World

NAMES = (
    "gp_listing",
    "one_group",
    "case_main_person",
    "luna_once",
    "letter_main_person",
    "letter_has_case",
    "opt_out_no_card",
    "closed_practice_empty",
)
CPR_FIELDS = ("cpr", "main_cpr", "recipient_cpr", "old", "new", "samlever_cpr", "involved")
CASE_FIELDS = ("case_id", "case_ids")
Period = GroupMembership | GpListing


class InvariantViolation(Exception):
    """An invariant failed: which, about what, and how to replay it.

    Built with `InvariantViolation.of`; the plain arguments let simpy re-raise it from a process.
    """

    def __init__(self, name: str, detail: str, info: dict[str, Any]) -> None:
        super().__init__(name, detail, info)
        self.name = name
        self.detail = detail
        self.info = info

    @classmethod
    def of(cls, name: str, detail: str, world: World) -> InvariantViolation:
        return cls(
            name,
            detail,
            {
                "seed": world.scenario.seed,
                "at": world.clock.now().isoformat(),
                "command_number": world.sent,
                "event": world.replay_log.sequence if world.replay_log is not None else None,
            },
        )

    def __str__(self) -> str:
        return f"{self.name}: {self.detail}"

    def to_dict(self) -> dict[str, Any]:
        return {"invariant": self.name, "detail": self.detail, **self.info}

    def replay_command(self, folder: str) -> str:
        event = self.info.get("event")
        where = f" --event {event}" if event is not None else ""
        return f"sandbox replay {folder}{where}"


Plan = tuple[tuple[str, ...], tuple[str, ...], "Callable[[Any], None] | None"]
PLAIN = ("str", "str | None", str)  # a field of one CPR number or case id (or None), no tuple


class TouchJournal:
    """Notes which persons, cases and letters the bus's messages name.

    The bus shows it every command and event; what to note of a message type is worked out at
    its first message and kept (`_plan`): its CPR and case fields, and for the letters, card
    orders and LUNA registrations the list's `append` that keeps the event for the check.
    The simulator's own journal (`sandbox.simulation.journal.SimJournal`) notes an event
    itself by the type's `plain_plan`, so an event is one call there."""

    def __init__(self) -> None:
        self.cprs: dict[str, None] = {}
        self.cases: dict[str, None] = {}
        # the events themselves, kept until the command's check (a list's own `append` is
        # the journal's call for them: no function of ours runs for each)
        self.letters: list[LetterWritten] = []
        self.cards: list[HealthCardOrdered] = []
        self.registered: list[CaseRegisteredInLuna] = []
        self._plans: dict[type, Plan] = {}
        self._also: dict[type, Callable[[Any], None]] = {
            LetterWritten: self.letters.append,
            HealthCardOrdered: self.cards.append,
            CaseRegisteredInLuna: self.registered.append,
        }

    def _plan(self, kind: type) -> Plan:
        names = {f.name for f in dataclasses.fields(kind)}
        plan = self._plans[kind] = (
            tuple(n for n in CPR_FIELDS if n in names),
            tuple(n for n in CASE_FIELDS if n in names),
            self._also.get(kind),
        )
        return plan

    def note(self, message: Any, uow: UnitOfWork) -> None:
        """Note what a command or an event names (the bus's `command` and `event`)."""
        cpr_names, case_names, also = self._plans.get(type(message)) or self._plan(type(message))
        for name in cpr_names:
            value = getattr(message, name)
            if isinstance(value, str):
                self.cprs[value] = None
            elif isinstance(value, tuple):
                self.cprs.update(dict.fromkeys(value))
        for name in case_names:
            value = getattr(message, name)
            if isinstance(value, str):
                self.cases[value] = None
            elif isinstance(value, tuple):
                self.cases.update(dict.fromkeys(value))
        if also is not None:
            also(message)

    def forget(self) -> None:
        """Drop everything noted (what a command taken back named: its events are gone)."""
        for noted in (self.cprs, self.cases, self.letters, self.cards, self.registered):
            noted.clear()

    def plain_plan(self, kind: type) -> Plan | None:
        """`note`'s plan for type ``kind`` when every field it reads holds one CPR number or
        case id or None (typed ``str`` or ``str | None``), so the value needs no question
        whether it is a tuple: what the simulator's journal notes inline
        (`sandbox.simulation.journal.SimJournal`); None for a type with a tuple field."""
        plan = self._plans.get(kind) or self._plan(kind)
        types = {f.name: f.type for f in dataclasses.fields(kind)}
        if any(types[name] not in PLAIN for name in (*plan[0], *plan[1])):
            return None
        return plan

    # one call per message, not two: the bus shows this journal every event of a run
    command = note
    event = note

    def decision(self, subject: str, decision: Decision, uow: UnitOfWork) -> None:
        return None

    def error(self, command: Command, error: SandboxError, uow: UnitOfWork) -> None:
        return None


class Invariants:
    """The checks, with a count of how often each ran."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.journal = TouchJournal()
        self.checked: Counter[str] = Counter()
        self.stop = True  # False (benchmarks): note violations and go on
        self.violations: list[InvariantViolation] = []
        # the run's timeline, told here after each command what the checks have at hand: the
        # cases LUNA confirmed (their latency) and the card orders by kind (the world wires it)
        self.timeline: Timeline | None = None
        # the morning check of closed practices looks again only where a listing can have
        # come since it last found nobody (`check_closed_practices`): the practices it found
        # nobody listed at, those a citizen named since is listed at from today on, and those
        # a named citizen's future listing starts at (up to its first day, the latest noted)
        self._nobody_at: set[str] = set()
        self._listed_since: set[str] = set()
        self._starting: dict[str, date] = {}

    def fail(self, name: str, detail: str) -> None:
        violation = InvariantViolation.of(name, detail, self.world)
        if self.stop:
            raise violation
        if len(self.violations) < 100:
            self.violations.append(violation)

    def check_touched(self) -> None:
        # after every command (a national year: 857,430): each list is looked at only when the
        # command noted something in it, and the registry is bound once
        touched = self.journal
        registry = self.world.registry
        if touched.cprs:
            find, today, check = registry.find_citizen, self.world.clock.today(), self.check_citizen
            for cpr in touched.cprs:
                citizen = find(cpr)
                if citizen is not None:
                    check(citizen, today)
                    self._note_listings(citizen, today)
            touched.cprs.clear()
        # a letter's and a LUNA registration's case is among the cases noted (their events
        # name it): found once here, not looked up again for their checks (a LUNA relay
        # registers and completes cases and writes their letters: three look-ups a case)
        # (the cases are judged by the full scan's loop, `check_cases`: no call for each)
        # and the cases the command created are handed to the timeline as found here (it
        # looked each up again on its first evening: 2.8 million a national year)
        timeline = self.timeline
        created = timeline is not None and bool(timeline.created)
        found: dict[str, Case] = {}
        if touched.cases:
            cases = [case for case in map(registry.find_case, touched.cases) if case is not None]
            touched.cases.clear()
            self.check_cases(cases)
            if touched.letters or touched.registered or created:
                found = {case.case_id: case for case in cases}
        if created and timeline is not None:
            timeline.hold_created(found)
        if touched.letters:
            for letter in touched.letters:
                case_id = letter.case_id
                self.check_letter(
                    letter.letter_id, case_id, letter.recipient_cpr, found.get(case_id)
                )
            touched.letters.clear()
        if touched.cards:
            self._check_cards(touched.cards)
            touched.cards.clear()
        if touched.registered:
            # each registered case is among those found above: the timeline's LUNA latency is
            # told here, from the case at hand (`Timeline.luna_confirmed`), in the events' order
            now = self.world.clock.now()
            for registration in touched.registered:
                key = registration.case_id
                self.checked["luna_once"] += 1
                case = found.get(key)
                if case is None:
                    if not registry.has_case(key):
                        self.fail("luna_once", f"LUNA holds {key}, which is no case of Sygesikring")
                elif timeline is not None:
                    timeline.luna_confirmed(case, now)
            touched.registered.clear()

    def check_citizen(self, citizen: Citizen, on: date | None = None) -> None:
        if not citizen.is_resident:
            return
        today = on or self.world.clock.today()
        self.checked["one_group"] += 1
        # after every command, for each citizen it named: a one-entry history (most
        # citizens') is judged without building a list of what covers today
        history = citizen.group_history()
        if len(history) == 1 and history[0].covers(today):
            group = history[0].group
        else:
            groups = [m for m in history if m.covers(today)]
            if len(groups) != 1:
                self.fail("one_group", f"{citizen.cpr} has {len(groups)} current groups on {today}")
            group = groups[0].group
        if group != 1:
            return
        self.checked["gp_listing"] += 1
        held = citizen.listing_history()
        if len(held) == 1:
            listings = 1 if held[0].covers(today) else 0
        else:
            listings = len([listing for listing in held if listing.covers(today)])
        if listings == 1:
            return
        if listings == 0 and any(
            case.case_type is CaseType.MISSING_GP_CHOICE and case.is_open
            for case in self.world.registry.cases_of(citizen.cpr)
        ):
            return
        self.fail(
            "gp_listing",
            f"{citizen.cpr} is in group 1 with {listings} current GP listings on {today} and no "
            "open 'Manglende lægevalg' case",
        )

    def check_citizens(self, citizens: Iterable[Citizen], on: date) -> None:
        """`check_citizen` for each citizen on one day, with the same counts and verdicts.

        The full scan's share of a national run: most citizens still hold the initial group
        and listing the population builder shares among many (tuples, `Citizen`), so what
        covers ``on`` in a shared history of several entries is found once and remembered by
        the tuple's identity (the memo holds the tuple, so the identity stays its own). A
        citizen plainly within the rules (one group, not 1; or group 1 and one listing) is
        counted here; any other goes through `check_citizen`, which judges and counts it.
        """
        shared: dict[int, tuple[Sequence[Period], int]] = {}
        groups_ok = listings_ok = 0

        def verdict(entry: Period) -> int:
            return entry.group + 1 if isinstance(entry, GroupMembership) else 1

        def covering(history: Sequence[Period]) -> int:
            """1 + the group (or 1) if exactly one entry covers ``on``, else 0."""
            if len(history) == 1:
                # judged as fast as looked up: remembering the builder's tens of thousands of
                # shared one-entry tuples only raised the run's peak memory at its very end
                # (8 MiB at 300,000 residents after 60 days)
                only = history[0]
                return verdict(only) if only.covers(on) else 0
            found = shared.get(id(history)) if type(history) is tuple else None
            if found is None:
                hits = [entry for entry in history if entry.covers(on)]
                judged = verdict(hits[0]) if len(hits) == 1 else 0
                if type(history) is not tuple:
                    return judged
                found = shared[id(history)] = (history, judged)
            return found[1]

        try:
            for citizen in citizens:
                if not citizen.is_resident:
                    continue
                # `covering` inlined for the one-entry history most citizens hold (a national
                # scan: 5.9 million citizens, two histories each, four calls fewer a citizen)
                groups = citizen.group_history()
                if len(groups) == 1:
                    only = groups[0]
                    group = only.group if only.covers(on) else -1
                else:
                    group = covering(groups) - 1
                if group == 1:
                    listings = citizen.listing_history()
                    listed = (
                        listings[0].covers(on) if len(listings) == 1 else bool(covering(listings))
                    )
                if group > 1 or (group == 1 and listed):
                    groups_ok += 1
                    listings_ok += group == 1
                else:
                    self.check_citizen(citizen, on)
        finally:
            self.checked["one_group"] += groups_ok
            self.checked["gp_listing"] += listings_ok

    def check_case(self, case_id: str) -> None:
        case = self.world.registry.find_case(case_id)
        if case is not None:
            self._check_case(case)

    def _check_case(self, case: Case) -> None:
        self.checked["case_main_person"] += 1
        if case.main_cpr is None and case.case_type is not CaseType.PRACTICE_EVENT:
            self.fail("case_main_person", f"{case.case_id} ({case.case_type}) has no main person")
        # the earlier statuses are every second entry of its flat log, from the first, with
        # when each ended between them (`Case.status_log`: a status is never equal to a
        # datetime, so the whole log is searched without slicing a copy); a completed case's
        # current status is not AWAITING_LUNA
        if case.status is CaseStatus.COMPLETED and CaseStatus.AWAITING_LUNA in case.status_log:
            self.checked["luna_once"] += 1
            if case.case_id not in self.world.luna_backend.registrations:
                self.fail("luna_once", f"{case.case_id} is completed but LUNA does not hold it")

    def check_letter(
        self, letter_id: str, case_id: str, recipient: str, case: Case | None = None
    ) -> None:
        """The letter's case exists and is the recipient's (``case``: the case, if the caller
        has it at hand; else it is looked up)."""
        self.checked["letter_has_case"] += 1
        if case is None:
            case = self.world.registry.find_case(case_id)
        if case is None:
            self.fail("letter_has_case", f"letter {letter_id} names the unknown case {case_id}")
            return
        self.checked["letter_main_person"] += 1
        if case.main_cpr is not None and recipient != case.main_cpr:
            self.fail(
                "letter_main_person",
                f"letter {letter_id} went to {recipient}, not to {case_id}'s main person",
            )

    def _check_cards(self, cards: list[HealthCardOrdered]) -> None:
        """`check_card` for each card order a command noted, with the same counts and verdicts,
        and the timeline's count of them by kind (a national year orders two million cards:
        counted here, where they are visited anyway, not by a call of the timeline's each)."""
        has_opted_out = self.world.luna_backend.has_opted_out
        seen = physical_cards = skipped = standalone_cards = 0
        try:
            for card in cards:
                seen += 1
                if card.standalone:
                    standalone_cards += 1
                elif card.physical:
                    physical_cards += 1
                    if has_opted_out(card.cpr):
                        self.fail(
                            "opt_out_no_card",
                            f"{card.cpr} opted out of the physical card but {card.case_id} "
                            "ordered one automatically",
                        )
                else:
                    skipped += 1
        finally:
            self.checked["opt_out_no_card"] += seen
            if self.timeline is not None:
                self.timeline.cards_ordered(physical_cards, skipped, standalone_cards)

    def check_card(self, case_id: str, cpr: str, physical: bool, standalone: bool) -> None:
        self.checked["opt_out_no_card"] += 1
        if physical and not standalone and self.world.luna_backend.has_opted_out(cpr):
            self.fail(
                "opt_out_no_card",
                f"{cpr} opted out of the physical card but {case_id} ordered one automatically",
            )

    def _note_listings(self, citizen: Citizen, today: date) -> None:
        """Where a citizen a command named is listed from today on, for the morning check of
        closed practices: the listings starting later (up to the first day of the last: the
        wind-up of a practice event may bring one forward without naming the citizen,
        `Store.bring_forward`), and the one covering today where that check found nobody.
        A citizen's listings follow each other in date order: read from the last back."""
        listings = citizen.listing_history()
        at = len(listings) - 1
        while at >= 0:
            listing = listings[at]
            ydernummer = listing.ydernummer
            if listing.valid_from <= today:
                if ydernummer in self._nobody_at and (
                    listing.valid_to is None or listing.valid_to > today
                ):
                    self._listed_since.add(ydernummer)
                return
            if self._starting.get(ydernummer, today) < listing.valid_from:
                self._starting[ydernummer] = listing.valid_from
            at -= 1

    def check_closed_practices(self, on: date | None = None) -> None:
        """After the daily wind-up: nobody left at a closed or split practice past its deadline
        - but a closure's patients who have not chosen stay with the old doctor until they do
        (SPEC 4.1, ``closurePatientsStayUntilChosen``): each of them must have an open
        "Manglende lægevalg" case or a choice elsewhere that ends the listing.

        The morning's check (``on`` None) asks the store for a practice's listed citizens only
        where a listing can have come since it last found nobody there. A listing is made by a
        command that names its citizen, whose listings are noted after it (`_note_listings`);
        the wind-up of a practice event names none, but it only ends listings or brings forward
        one the citizen chose before (noted then, up to its first day). A national year has
        thousands of closed practices past their deadline, each asked every morning for the
        rest of the year before, nearly always to find nobody. A practice passed over is judged
        and counted as checked: nobody can have been listed at it since. A check of a given day
        (the full scan at the end, the tests) asks the store for every practice."""
        registry, today = self.world.registry, on or self.world.clock.today()
        parameters = self.world.bus.uow.parameters
        morning = on is None
        nobody_at, listed_since, starting = self._nobody_at, self._listed_since, self._starting
        ends: dict[date, date] = {}
        for event in registry.all_practice_events():
            if event.cancelled or event.kind not in (
                PracticeEventKind.CLOSURE,
                PracticeEventKind.SPLIT,
            ):
                continue
            end = ends.get(event.effective_date)
            if end is None:  # many events share a date (a closure is at the end of a month)
                end = ends[event.effective_date] = free_period_end(
                    event.effective_date, parameters
                )[0]
            if end >= today:
                continue
            self.checked["closed_practice_empty"] += 1
            ydernummer = event.ydernummer
            if (
                morning
                and ydernummer in nobody_at
                and ydernummer not in listed_since
                and starting.get(ydernummer, date.min) < today
            ):
                continue
            left = registry.listed_on(ydernummer, today)
            if not left:
                if morning:  # what a check of another day found says nothing of tomorrow
                    nobody_at.add(ydernummer)
                continue
            nobody_at.discard(ydernummer)
            stays = event.kind is PracticeEventKind.CLOSURE and bool(
                parameters.value("closurePatientsStayUntilChosen", event.effective_date)
            )
            if stays:
                left = [citizen for citizen in left if not self._waiting_to_choose(citizen, today)]
            if left:
                self.fail(
                    "closed_practice_empty",
                    f"{len(left)} citizen(s), e.g. {left[0].cpr}, still listed at "
                    f"{event.ydernummer} on {today}, after the deadline {end} of {event.event_id}",
                )
        if morning:
            listed_since.clear()
            for ydernummer in [y for y, first in starting.items() if first < today]:
                del starting[ydernummer]

    def _waiting_to_choose(self, citizen: Citizen, today: date) -> bool:
        """An open "Manglende lægevalg" case, or the listing ends (a later choice elsewhere)."""
        listing = citizen.listing_on(today)
        if listing is not None and listing.valid_to is not None:
            return True
        return any(
            case.case_type is CaseType.MISSING_GP_CHOICE and case.is_open
            for case in self.world.registry.cases_of(citizen.cpr)
        )

    def check_all(self) -> None:
        """The full scan at the end of a run (card orders are checked when made: an opt-out
        registered later does not make an earlier card wrong).

        Dated rules are checked on the last simulated day: a run stops at midnight, before the
        next morning's jobs have wound up the practice events due that day, so judging the new
        day would blame the system for work it has not yet been given the chance to do.
        """
        registry = self.world.registry
        last_day = (self.world.clock.now() - timedelta(microseconds=1)).date()
        self.check_citizens(registry.all_citizens(), last_day)
        self.check_cases(registry.all_cases())  # in the order opened (no look-up each)
        self.check_letters(registry.all_letters())
        self.check_luna_keys(self.world.luna_backend.registrations)
        self.check_closed_practices(last_day)

    # the full scan's loops (a national year: 2.8 million cases, 1.2 million letters, 2.4
    # million LUNA keys): the same checks in the same order as `_check_case`, `check_letter`
    # and `check_touched`'s LUNA keys, each judged inline and counted in a local (added to
    # `checked` when the loop ends or a violation raises), not a method call and two counter
    # updates an item

    def check_cases(self, cases: Iterable[Case]) -> None:
        """`_check_case` for each case, with the same counts and verdicts."""
        registrations = self.world.luna_backend.registrations
        completed, awaiting = CaseStatus.COMPLETED, CaseStatus.AWAITING_LUNA
        practice_event = CaseType.PRACTICE_EVENT
        mains = lunas = 0
        try:
            for case in cases:
                mains += 1
                if case.main_cpr is None and case.case_type is not practice_event:
                    self.fail(
                        "case_main_person", f"{case.case_id} ({case.case_type}) has no main person"
                    )
                if case.status is completed and awaiting in case.status_log:
                    lunas += 1
                    if case.case_id not in registrations:
                        self.fail(
                            "luna_once", f"{case.case_id} is completed but LUNA does not hold it"
                        )
        finally:
            self.checked["case_main_person"] += mains
            self.checked["luna_once"] += lunas

    def check_letters(self, letters: Iterable[Letter]) -> None:
        """`check_letter` for each letter, with the same counts and verdicts."""
        find_case = self.world.registry.find_case
        with_case = to_main = 0
        try:
            for letter in letters:
                with_case += 1
                case = find_case(letter.case_id)
                if case is None:
                    self.fail(
                        "letter_has_case",
                        f"letter {letter.letter_id} names the unknown case {letter.case_id}",
                    )
                    continue
                to_main += 1
                main = case.main_cpr
                if main is not None and letter.recipient_cpr != main:
                    self.fail(
                        "letter_main_person",
                        f"letter {letter.letter_id} went to {letter.recipient_cpr}, not to "
                        f"{letter.case_id}'s main person",
                    )
        finally:
            self.checked["letter_has_case"] += with_case
            self.checked["letter_main_person"] += to_main

    def check_luna_keys(self, keys: Iterable[str]) -> None:
        """LUNA holds no registration without its case: each key is a case of Sygesikring."""
        has_case = self.world.registry.has_case
        seen = 0
        try:
            for key in keys:
                seen += 1
                if not has_case(key):
                    self.fail("luna_once", f"LUNA holds {key}, which is no case of Sygesikring")
        finally:
            self.checked["luna_once"] += seen

    def counts(self) -> dict[str, int]:
        return {name: self.checked.get(name, 0) for name in NAMES}
