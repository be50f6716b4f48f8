"""Gratis lægevalg ved praksishændelser: the free-choice rule of SPEC 4.4, pure.

Release 1.1 replaces the stored list of involved persons of a transfer or change with a rule
evaluated on demand. A citizen is offered a free GP choice on day d because of practice events
when (1) they have a current or future listing on d at a practice an event concerns (the
practice itself, and the practices named as its successors by an event, so that a change of a
practice and a change of its successor are seen together), (2) the event gives a free choice by
its kind, (3) d lies in the event's window: from its registration day to the end of the free
period (``practiceEventFreePeriodEnd``), both included, and (4) of those, the first upcoming
event (earliest effective date after d, ties: earliest registered; ``multipleEventsRule``) alone
gives the offer. An event already in effect on d is not upcoming ("den først kommende
ændring"); only when none is upcoming does the latest event in effect give the offer. Facts
in, `Reason` (or None) out; no clock, no registry.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from sandbox.domain.dates import add_months
from sandbox.domain.decisions import Decision, ParameterUse, Reason
from sandbox.domain.errors import ParameterError
from sandbox.domain.parameters import Parameters
from sandbox.domain.practice_events import PracticeEvent, PracticeEventKind

RULE_FREE_OFFER = "practice_events.free_offer"
RULE_KIND = "practice_events.gives_free_choice"
RULE_WINDOW = "practice_events.free_period"
RULE_HANDLING = "practice_events.handling"
RULE_EXTENDED = "practice_events.free_period_extended"
SOURCE_EXTENDED = "SPEC 3.5.1, 4.3 (practiceEventFreePeriodRelaxation) [C:S18 (21SFP123),S17]"
SOURCE_HANDLING = "SPEC 4.2, 7.3; release notes 1.1, Praksishændelser [SEED]"
SOURCE = "SPEC 3.5.1, 4.2-4.4; release notes 1.1, Praksishændelser [SEED][C:S16,S18,S27]"

FREE_PERIOD_RULES = ("end_of_month_following_effective_month", "one_month_after_effective")
MULTIPLE_EVENTS_RULES = ("first_upcoming",)


@dataclass(frozen=True, slots=True)
class FreeOfferFacts:
    """Fakta om gratis lægevalg - what the rule needs for one citizen and one day.

    ``listed`` are the ydernumre of the citizen's listings that cover ``on`` or start after it;
    ``events`` are the registered events the service found for those practices and their
    successors (more are harmless: the rule itself checks which ones concern the citizen);
    ``practice_names`` names practices for the texts.
    """

    on: date
    listed: tuple[str, ...]
    events: tuple[PracticeEvent, ...]
    practice_names: Mapping[str, str] = field(default_factory=dict)


def last_day_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def free_period_end(effective_date: date, parameters: Parameters) -> tuple[date, ParameterUse]:
    """The last free day after an event taking effect on ``effective_date`` (SPEC 4.3).

    The parameter is read on the effective date: the rule in force when the event takes effect
    fixes its window, so the window does not shift with the day someone asks.
    """
    use = parameters.use("practiceEventFreePeriodEnd", effective_date)
    if use.value not in FREE_PERIOD_RULES:
        raise ParameterError(
            name=use.name,
            problem_da=f"ukendt regel '{use.value}' (kendte: {', '.join(FREE_PERIOD_RULES)})",
            problem_en=f"unknown rule '{use.value}' (known: {', '.join(FREE_PERIOD_RULES)})",
        )
    if use.value == "one_month_after_effective":
        return add_months(effective_date, 1), use
    first_of_next = (effective_date.replace(day=1) + timedelta(days=32)).replace(day=1)
    return last_day_of_month(first_of_next.year, first_of_next.month), use


def kind_gives_free_choice(
    event: PracticeEvent, on: date, parameters: Parameters
) -> tuple[bool, tuple[ParameterUse, ...]]:
    """SPEC 4.4 item 2: transfer, closure, split always; a change if significant (or if
    ``minorChangeGivesFreeChoice``); a merge per ``mergeGivesFreeChoice``."""
    if event.kind is PracticeEventKind.CHANGE:
        if event.significant_for_patients:
            return True, ()
        minor = parameters.use("minorChangeGivesFreeChoice", on)
        return bool(minor.value), (minor,)
    if event.kind is PracticeEventKind.MERGE:
        merge = parameters.use("mergeGivesFreeChoice", on)
        return bool(merge.value), (merge,)
    return True, ()


def concerned_practices(
    listed: Iterable[str], events_of: Callable[[str], Iterable[PracticeEvent]]
) -> dict[str, None]:
    """The practices whose events concern a citizen listed at ``listed`` (SPEC 4.4 item 1):
    the listed practices and, transitively, the successors named by their live events."""
    seen: dict[str, None] = {}
    queue = list(listed)
    while queue:
        ydernummer = queue.pop(0)
        if ydernummer in seen:
            continue
        seen[ydernummer] = None
        for event in events_of(ydernummer):
            if not event.cancelled:
                queue.extend(event.successors)
    return seen


@dataclass(frozen=True, slots=True)
class EventAssessment:
    """Vurdering - one event as the rule sees it for one citizen and day."""

    event: PracticeEvent
    gives_free_choice: bool
    window_end: date
    in_window: bool
    parameters: tuple[ParameterUse, ...]

    @property
    def qualifies(self) -> bool:
        return self.gives_free_choice and self.in_window


def assess(event: PracticeEvent, on: date, parameters: Parameters) -> EventAssessment:
    """Items 2 and 3 of SPEC 4.4 for one event."""
    gives, kind_uses = kind_gives_free_choice(event, on, parameters)
    end, end_use = free_period_end(event.effective_date, parameters)
    in_window = event.registered_on <= on <= end
    return EventAssessment(event, gives, end, in_window, (end_use, *kind_uses))


def relevant_events(facts: FreeOfferFacts) -> list[PracticeEvent]:
    """The live (not cancelled) events of the facts that concern the citizen, in order."""
    by_yder: dict[str, list[PracticeEvent]] = {}
    for event in facts.events:
        by_yder.setdefault(event.ydernummer, []).append(event)
    practices = concerned_practices(facts.listed, lambda yder: by_yder.get(yder, ()))
    unique = {e.event_id: e for e in facts.events if e.ydernummer in practices and not e.cancelled}
    return sorted(unique.values(), key=first_upcoming_key)


def first_upcoming_key(event: PracticeEvent) -> tuple[date, date, str]:
    """SPEC 4.4 item 4: earliest effective date; ties: earliest registered, then event id."""
    return (event.effective_date, event.registered_on, event.event_id)


def choose_first_upcoming(
    qualifying: list[EventAssessment], on: date, parameters: Parameters
) -> tuple[EventAssessment, tuple[ParameterUse, ...]]:
    """Of several qualifying events, the one ``multipleEventsRule`` picks."""
    if len(qualifying) == 1:
        return qualifying[0], ()
    rule = parameters.use("multipleEventsRule", on)
    if rule.value != "first_upcoming":
        raise ParameterError(
            name=rule.name,
            problem_da=f"ukendt regel '{rule.value}' (kendte: {', '.join(MULTIPLE_EVENTS_RULES)})",
            problem_en=f"unknown rule '{rule.value}' (known: {', '.join(MULTIPLE_EVENTS_RULES)})",
        )
    upcoming = [a for a in qualifying if a.event.effective_date > on]
    if upcoming:
        return min(upcoming, key=lambda a: first_upcoming_key(a.event)), (rule,)
    # an event in effect is not upcoming: the latest one in effect (its window still runs)
    return min(qualifying, key=lambda a: in_effect_key(a.event)), (rule,)


def in_effect_key(event: PracticeEvent) -> tuple[int, date, str]:
    """When no event is upcoming: the latest effective date; ties: earliest registered."""
    return (-event.effective_date.toordinal(), event.registered_on, event.event_id)


def free_offer(facts: FreeOfferFacts, parameters: Parameters) -> Reason | None:
    """The reason a free GP choice is offered on ``facts.on``, or None (SPEC 4.4)."""
    qualifying = [
        assessment
        for assessment in (assess(e, facts.on, parameters) for e in relevant_events(facts))
        if assessment.qualifies
    ]
    if not qualifying:
        return None
    chosen, rule_uses = choose_first_upcoming(qualifying, facts.on, parameters)
    return offer_reason(chosen, len(qualifying), facts, rule_uses)


def extended_offer(facts: FreeOfferFacts, cpr: str) -> Reason | None:
    """A case worker's extension of the free period for this citizen, if one covers the day
    (SPEC 4.3 ``practiceEventFreePeriodRelaxation``: when the citizen was not informed)."""
    for event in relevant_events(facts):
        until = event.extended_for.get(cpr)
        if until is None or not event.registered_on <= facts.on <= until:
            continue
        return Reason(
            RULE_EXTENDED,
            "PRACTICE_EVENT_FREE_CHOICE_EXTENDED",
            "Gratis lægevalg: kommunen har forlænget gratisperioden efter {kind_da} af "
            "{practice} til og med {until}.",
            "Free GP choice: the municipality extended the free period after the {kind_en} of "
            "{practice} through {until}.",
            SOURCE_EXTENDED,
            (
                ("event_id", event.event_id),
                ("practice", practice_label(event.ydernummer, facts.practice_names)),
                ("kind_da", event.kind_da),
                ("kind_en", event.kind_en),
                ("until", until),
            ),
        )
    return None


def offer_reason(
    chosen: EventAssessment,
    concurrent: int,
    facts: FreeOfferFacts,
    rule_uses: tuple[ParameterUse, ...] = (),
) -> Reason:
    """The explained offer: which event, its window, and the parameters that decided it."""
    event = chosen.event
    return Reason(
        RULE_FREE_OFFER,
        "PRACTICE_EVENT_FREE_CHOICE",
        "Gratis lægevalg: der er registreret en {kind_da} af {practice} med virkning fra den "
        "{effective}. Tilbuddet gælder fra den {registered} til og med den "
        "{free_until}{concurrent_da}.",
        "Free GP choice: {practice} has a {kind_en} taking effect on {effective}. The offer runs "
        "from {registered} through {free_until}{concurrent_en}.",
        SOURCE,
        (
            ("event_id", event.event_id),
            ("practice", practice_label(event.ydernummer, facts.practice_names)),
            ("kind_da", event.kind_da),
            ("kind_en", event.kind_en),
            ("effective", event.effective_date.isoformat()),
            ("registered", event.registered_on.isoformat()),
            ("free_until", chosen.window_end.isoformat()),
            ("concurrent_da", _concurrent(concurrent, "da")),
            ("concurrent_en", _concurrent(concurrent, "en")),
        ),
        (*chosen.parameters, *rule_uses),
    )


def practice_label(ydernummer: str, names: Mapping[str, str]) -> str:
    name = names.get(ydernummer)
    return f"{name} ({ydernummer})" if name else f"ydernummer {ydernummer}"


def _concurrent(count: int, language: str) -> str:
    if count <= 1:
        return ""
    if language == "da":
        return f" (den førstkommende af {count} samtidige praksishændelser)"
    return f" (the first upcoming of {count} concurrent practice events)"


def registration_decision(assessment: EventAssessment) -> Decision:
    """Why the event is handled as it is (SPEC 4.2) and what free period it gives (4.3)."""
    event = assessment.event
    fields = (
        ("event_id", event.event_id),
        ("ydernummer", event.ydernummer),
        ("kind_da", event.kind_da),
        ("kind_en", event.kind_en),
        ("effective", event.effective_date.isoformat()),
        ("registered", event.registered_on.isoformat()),
        ("free_until", assessment.window_end.isoformat()),
    )
    if event.per_municipality:
        handling = Reason(
            RULE_HANDLING,
            "CASE_PER_MUNICIPALITY",
            "En {kind_da} giver ét forløb i hver kommune, hvor lægen har sikrede, med en liste "
            "over involverede personer (uændret i 1.1).",
            "A {kind_en} makes one case in each municipality where the doctor has insured "
            "citizens, with a list of involved persons (unchanged in 1.1).",
            SOURCE_HANDLING,
            fields,
        )
    else:
        handling = Reason(
            RULE_HANDLING,
            "ONE_CASE_IN_YDER_MUNICIPALITY",
            "En {kind_da} giver ét forløb i lægens kommune med en systemopgave; en "
            "forretningsregel afgør for hver borger, om der tilbydes gratis lægevalg.",
            "A {kind_en} makes one case in the yder's municipality with a system task; a "
            "business rule decides for each citizen whether a free GP choice is offered.",
            SOURCE_HANDLING,
            fields,
        )
    if assessment.gives_free_choice:
        window = Reason(
            RULE_WINDOW,
            "FREE_PERIOD",
            "Lægevalg er gratis fra den {registered} til og med den {free_until}.",
            "A GP choice is free from {registered} through {free_until}.",
            SOURCE,
            fields,
            assessment.parameters,
        )
    else:
        window = Reason(
            RULE_KIND,
            "PRACTICE_EVENT_NO_FREE_CHOICE",
            "Hændelsen har ikke betydning for patienterne og giver ikke gratis lægevalg.",
            "The event does not matter to patients and gives no free GP choice.",
            SOURCE,
            fields,
            assessment.parameters,
        )
    return Decision.allow(handling, window)


def card_reason(assessment: EventAssessment, facts: FreeOfferFacts) -> Reason:
    """The card text of an event that is not the offer: no free choice, or a later event."""
    if assessment.gives_free_choice:
        return offer_reason(assessment, 1, facts)
    event = assessment.event
    return Reason(
        RULE_KIND,
        "PRACTICE_EVENT_NO_FREE_CHOICE",
        "Der er registreret en {kind_da} af {practice} med virkning fra den {effective}. Den "
        "giver ikke gratis lægevalg.",
        "{practice} has a {kind_en} taking effect on {effective}. It does not give a free GP "
        "choice.",
        SOURCE,
        (
            ("event_id", event.event_id),
            ("practice", practice_label(event.ydernummer, facts.practice_names)),
            ("kind_da", event.kind_da),
            ("kind_en", event.kind_en),
            ("effective", event.effective_date.isoformat()),
        ),
        assessment.parameters,
    )
