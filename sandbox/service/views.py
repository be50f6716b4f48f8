"""Read models (visninger) of Sygesikring 1.1 for the API and the CLI (SPEC 7.2, 7.3).

- `citizen_overview` - sikrede overblik: person, relations, group and GP now and ahead, cases;
- `gp_choice_card` - lægevalgskort: current and future doctor, upcoming practice events;
- `gp_choice_history` - lægevalgshistorik: listings, groups and card orders over time with their
  cases, and the physical-card opt-out as LUNA holds it (release 1.1 item 4);
- `case_details` - forløbsdetaljer; `task_overview` - opgaveoverblik; `cases_awaiting_luna`;
- `find_citizens` - find sikrede by name in a municipality (the console's search);
- `app_health_cards` - Sundhedskort-appen: the user's card and the children's cards it shows;
- what the API lists of the store: `citizen_cases`, `practices_in`, `practices_near`,
  `known_citizen`, `practice_event`, `practice_events_in` (domain objects, serialized there);
- what the simulator, reporting, the console, the explorer and the CLI read of the store
  (`citizen`, `cases_of`, `practice`, `listed_on` ... at the end): the store's own queries, named
  here so that no reader outside the service layer holds the store.

Every view returns plain JSON-ready dicts (dates as ISO strings). A view a case worker opens
is written to the audit log (`sandbox.service.audit.record_read`). Self-service sees only the
citizen and the children they act for; there a protected person's name and address are never
shown to someone else (SPEC 5.7), while case workers see them. Formatting helpers are in
`sandbox.service.view_parts`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date
from typing import Any

from sandbox.domain.geography import Address, Coordinates
from sandbox.domain.history import RegistrationSnapshot
from sandbox.domain.model import (
    CASE_STATUS_DA,
    Actor,
    CardOrder,
    Case,
    CaseStatus,
    CaseType,
    Citizen,
    Letter,
    Practice,
    Role,
    Task,
)
from sandbox.domain.practice_events import PracticeEvent, UnknownPracticeEvent
from sandbox.domain.rules.app_cards import PARAMETER as APP_CHILDREN_UNTIL
from sandbox.domain.rules.app_cards import decide_app_shows_child
from sandbox.service.audit import record_read
from sandbox.service.card_ordering import card_case_of, card_orders_of_case
from sandbox.service.handlers.listings import read_card_opt_out
from sandbox.service.handlers.practice_event_offers import upcoming_practice_events
from sandbox.service.reconciliation import awaiting_luna
from sandbox.service.store import Watch
from sandbox.service.unit_of_work import UnitOfWork
from sandbox.service.view_parts import (
    RECENT_CASES,
    Viewer,
    ViewNotAllowed,
    card_order_row,
    case_row,
    group_row,
    listing_row,
    plain,
)

View = dict[str, Any]


def citizen_overview(uow: UnitOfWork, actor: Actor, cpr: str, on: date | None = None) -> View:
    """Sikrede overblik: the person, relations, group and GP now and ahead, and cases."""
    day = on or uow.today()
    viewer, citizen = _open(uow, actor, cpr, day, "citizen_overview")
    cases = sorted(uow.registry.cases_of(cpr), key=lambda c: (c.created_at, c.case_id))
    main = [case for case in cases if case.main_cpr == cpr]
    involved = [case for case in cases if case.main_cpr != cpr]
    recent = [case for case in reversed(main) if not case.is_open][:RECENT_CASES]
    group, groups_ahead = _current_and_future(citizen.groups, day)
    listing, listings_ahead = _current_and_future(citizen.listings, day)
    return {
        "on": day.isoformat(),
        "person": viewer.person(citizen, day),
        "relations": viewer.relations(citizen),
        "group": {
            "current": group_row(uow, group) if group else None,
            "future": [group_row(uow, g) for g in groups_ahead],
        },
        "gp": {
            "current": listing_row(uow, listing, day) if listing else None,
            "future": [listing_row(uow, item, day) for item in listings_ahead],
        },
        "open_cases": [case_row(case) for case in main if case.is_open],
        "recent_cases": [case_row(case) for case in recent],
        "involved_cases": [case_row(case) for case in involved],
    }


def gp_choice_card(uow: UnitOfWork, actor: Actor, cpr: str, on: date | None = None) -> View:
    """Lægevalgskort: current doctor, a future one, and upcoming practice events (release 1.1)."""
    day = on or uow.today()
    viewer, citizen = _open(uow, actor, cpr, day, "gp_choice_card")
    listing, ahead = _current_and_future(citizen.listings, day)
    group = citizen.group_on(day)
    return {
        "on": day.isoformat(),
        "person": viewer.person(citizen, day),
        "group": group.group if group else None,
        "current": listing_row(uow, listing, day) if listing else None,
        "future": listing_row(uow, ahead[0], day) if ahead else None,
        "upcoming_practice_events": _upcoming_practice_events(uow, citizen, day),
    }


def gp_choice_history(uow: UnitOfWork, actor: Actor, cpr: str) -> View:
    """Lægevalgshistorik: listings and groups over time with their cases, card orders, and the
    physical-card opt-out read from LUNA (no registration = no opt-out)."""
    day = uow.today()
    viewer, citizen = _open(uow, actor, cpr, day, "gp_choice_history")
    opted_out = read_card_opt_out(uow, citizen)
    return {
        "person": viewer.person(citizen, day),
        "listings": [listing_row(uow, item, day) for item in citizen.listings],
        "groups": [group_row(uow, item) for item in citizen.groups],
        "card_orders": [card_order_row(o) for o in uow.registry.card_orders_of(cpr)],
        "physical_card_opt_out": {
            "opted_out": opted_out,
            "source": "LUNA",
            "text_da": (
                "Borgeren har fravalgt det fysiske sundhedskort."
                if opted_out
                else "Intet fravalg af det fysiske sundhedskort er registreret."
            ),
        },
        "renumbered_from": getattr(citizen, "renumbered_from", None),
        "renumbered_to": getattr(citizen, "renumbered_to", None),
    }


def app_health_cards(uow: UnitOfWork, actor: Actor, cpr: str, on: date | None = None) -> View:
    """Sundhedskort-appen: the user's own card and the cards of the children the app shows
    (`rules.app_cards`: under ``age.appShowsChildrenUntil``). The children are those at the
    user's address who have the user as parent or custody holder (as `Viewer.relations` finds
    them); older ones are listed with the reason their card is not shown."""
    day = on or uow.today()
    viewer, citizen = _open(uow, actor, cpr, day, "app_health_cards")
    shown: list[View] = []
    not_shown: list[View] = []
    for cpr_at in uow.registry.persons_at(citizen.address):
        child = uow.registry.find_citizen(cpr_at)
        if child is None or citizen.cpr not in (*child.parents, *child.custody_holders):
            continue
        decision = decide_app_shows_child(child.birth_date, day, uow.parameters)
        row = {"cpr": child.cpr, "decision": decision.to_dict()}
        if decision.allowed:
            shown.append(_app_card(uow, viewer, child, day) | row)
        else:
            not_shown.append(row)
    return {
        "on": day.isoformat(),
        "own": _app_card(uow, viewer, citizen, day),
        "children": shown,
        "children_not_shown": not_shown,
        "children_until_age": int(uow.parameter(APP_CHILDREN_UNTIL, day)),
    }


def _app_card(uow: UnitOfWork, viewer: Viewer, citizen: Citizen, day: date) -> View:
    """What a health card shows: the person, the group and the doctor on ``day``."""
    group = citizen.group_on(day)
    listing, _ = _current_and_future(citizen.listings, day)
    return viewer.ref(citizen.cpr) | {
        "group": group.group if group else None,
        "gp": listing_row(uow, listing, day) if listing else None,
    }


def case_details(uow: UnitOfWork, actor: Actor, case_id: str) -> View:
    """Forløbsdetaljer: type, status history, persons, decisions, letters and card orders."""
    case = uow.case(case_id)
    day = uow.today()
    viewer = Viewer(uow, actor)
    persons = ((case.main_cpr,) if case.main_cpr else ()) + case.involved
    if not persons:
        # an overdragelse or ændring: one case in the yder's municipality with no persons (release
        # 1.1); its staff see the details, without a list of involved persons
        if viewer.is_citizen or actor.municipality_code not in (None, case.municipality_code):
            raise ViewNotAllowed()
    elif not any(viewer.may_see(cpr, day) for cpr in persons):
        raise ViewNotAllowed()
    record_read(uow, actor, "case_details", case.main_cpr)
    card_case = case if case.case_type is CaseType.CARD_ORDER else card_case_of(uow, case)
    orders = card_orders_of_case(uow, card_case) if card_case else []
    tasks = [t for t in uow.registry.all_tasks() if t.case_id == case.case_id]
    letters = uow.registry.letters_of_case(case.case_id)
    return case_row(case) | {
        "history": [
            {"at": at.isoformat(), "status": str(status), "status_da": _status_da(status)}
            for at, status in case.history
        ],
        "actor": {"role": str(case.actor.role), "user_id": case.actor.user_id},
        "main_person": viewer.ref(case.main_cpr) if case.main_cpr else None,
        "involved_persons": [viewer.ref(cpr) for cpr in case.involved],
        "decision_codes": list(case.details.decision_codes or []),
        "letters": [
            {
                "letter_id": letter.letter_id,
                "recipient_cpr": letter.recipient_cpr,
                "template": letter.template,
                "written_at": letter.written_at.isoformat(),
                "body": letter.body,
            }
            for letter in letters
        ],
        "card_order_case_id": card_case.case_id if card_case else None,
        "card_orders": [card_order_row(order) for order in orders],
        "tasks": [plain(_task(task)) for task in tasks],
        "details": viewer.case_details(case.details),
    }


def task_overview(uow: UnitOfWork, actor: Actor, municipality_code: str) -> View:
    """Opgaveoverblik: the municipality's open tasks and open cases, oldest first."""
    if actor.role is Role.CITIZEN or (
        actor.role in (Role.CASE_WORKER, Role.CASE_WORKER_SPECIAL)
        and actor.municipality_code not in (None, municipality_code)
    ):
        raise ViewNotAllowed()
    record_read(uow, actor, "task_overview", None)
    tasks = [
        task
        for task in uow.registry.all_tasks()
        if task.municipality_code == municipality_code and not task.done
    ]
    cases = [
        case
        for case in uow.registry.all_cases()
        if case.municipality_code == municipality_code and case.is_open
    ]
    return {
        "municipality_code": municipality_code,
        "tasks": [plain(_task(t)) for t in sorted(tasks, key=lambda t: (t.created_at, t.task_id))],
        "cases": [case_row(c) for c in sorted(cases, key=lambda c: (c.created_at, c.case_id))],
    }


def cases_awaiting_luna(uow: UnitOfWork, municipality_code: str) -> list[View]:
    """Cases of the municipality whose LUNA registration is still in the outbox (item 13):
    the outbox's rows from `reconciliation.awaiting_luna`, with each case's own row."""
    return [
        case_row(uow.registry.case(row["case_id"])) | row
        for row in awaiting_luna(uow, municipality_code)
    ]


# ---------------------------------------------------------------------------------------------


def _open(
    uow: UnitOfWork, actor: Actor, cpr: str, day: date, action: str
) -> tuple[Viewer, Citizen]:
    viewer = Viewer(uow, actor)
    if not viewer.may_see(cpr, day):
        raise ViewNotAllowed()
    citizen = uow.citizen(cpr)
    record_read(uow, actor, action, cpr)
    return viewer, citizen


def _current_and_future(periods: list[Any], day: date) -> tuple[Any, list[Any]]:
    current = next((p for p in reversed(periods) if p.covers(day)), None)
    return current, [p for p in periods if p.valid_from > day]


def _upcoming_practice_events(uow: UnitOfWork, citizen: Citizen, day: date) -> list[View]:
    return [plain(event) for event in upcoming_practice_events(uow, citizen, day)]


def _status_da(status: CaseStatus) -> str:
    return CASE_STATUS_DA[status]


def _task(task: Task) -> dict[str, Any]:
    return {
        "task_id": task.task_id,
        "kind": str(task.kind),
        "code": task.code,
        "title_da": task.title_da,
        "title_en": task.title_en,
        "case_id": task.case_id,
        "cpr": task.cpr,
        "created_at": task.created_at,
        "done": task.done,
    }


def find_citizens(
    uow: UnitOfWork, actor: Actor, text: str, municipality_code: str, limit: int = 50
) -> list[View]:
    """Find sikrede by name in a municipality (every word of ``text``, any case), as this
    viewer may see them, by name; the search is a read of the audit log like any view."""
    if actor.role not in (Role.CASE_WORKER, Role.CASE_WORKER_SPECIAL) or (
        actor.municipality_code not in (None, municipality_code)
    ):
        raise ViewNotAllowed()
    words = text.casefold().split()
    found = sorted(
        (
            citizen
            for citizen in uow.registry.all_citizens()
            if citizen.municipality_code == municipality_code
            and words
            and all(word in citizen.name.casefold() for word in words)
        ),
        key=lambda citizen: (citizen.name, citizen.cpr),
    )
    record_read(uow, actor, "find_citizens", None)
    viewer = Viewer(uow, actor)
    return [
        viewer.ref(citizen.cpr) | {"birth_date": citizen.birth_date.isoformat()}
        for citizen in found[:limit]
    ]


# what the API reads of the store, named here rather than queried inline ----------------------
def citizen_cases(uow: UnitOfWork, cpr: str) -> list[Case]:
    """The citizen's cases (as main or involved person), oldest first."""
    return sorted(uow.registry.cases_of(cpr), key=lambda case: (case.created_at, case.case_id))


def practices_in(
    uow: UnitOfWork, municipality_code: str | None, open_on: date | None = None
) -> list[Practice]:
    """Practices by ydernummer, of one municipality (None: all), open on ``open_on`` if given."""
    return [
        practice
        for practice in sorted(uow.registry.all_practices(), key=lambda p: p.ydernummer)
        if (municipality_code is None or practice.municipality_code == municipality_code)
        and (open_on is None or practice.is_open_on(open_on))
    ]


def practices_near(uow: UnitOfWork, home: Coordinates, radius_km: float) -> list[Practice]:
    """Practices within ``radius_km`` of ``home`` (straight line)."""
    return list(uow.registry.practices_within(home, radius_km))


def known_citizen(uow: UnitOfWork, cpr: str) -> Citizen | None:
    """The citizen Sygesikring knows by ``cpr``, or None (self-service's first question)."""
    return uow.registry.find_citizen(cpr)


def practice_event(uow: UnitOfWork, event_id: str) -> PracticeEvent:
    event = uow.registry.find_practice_event(event_id)
    if event is None:
        raise UnknownPracticeEvent(event_id=event_id)
    return event


def practice_events_in(uow: UnitOfWork, municipality_code: str) -> list[PracticeEvent]:
    """The practice events of practices in the municipality, in the order they came."""
    return [
        event
        for event in uow.registry.all_practice_events()
        if uow.practice(event.ydernummer).municipality_code == municipality_code
    ]


# what the simulator, reporting, the console, the explorer and the CLI read of the store: named
# here so that no reader outside the service holds the store itself (checked by
# tests/architecture/test_readers.py); each is the store's query of the same name, unchanged,
# so a reader sees exactly what a handler sees ----------------------------------------------
def citizen(uow: UnitOfWork, cpr: str) -> Citizen:
    """The citizen ``cpr`` (`UnknownCitizen` when Sygesikring does not know them)."""
    return uow.registry.citizen(cpr)


def all_citizens(uow: UnitOfWork) -> Collection[Citizen]:
    """Every citizen, in the order they came."""
    return uow.registry.all_citizens()


def citizen_count(uow: UnitOfWork) -> int:
    return uow.registry.citizen_count()


def persons_at(uow: UnitOfWork, address: Address) -> tuple[str, ...]:
    """The CPR numbers registered at the address."""
    return uow.registry.persons_at(address)


def housemates_of(uow: UnitOfWork, citizen: Citizen) -> int:
    """How many others live at the citizen's address."""
    return uow.registry.housemates_of(citizen)


def find_case(uow: UnitOfWork, case_id: str) -> Case | None:
    return uow.registry.find_case(case_id)


def has_case(uow: UnitOfWork, case_id: str) -> bool:
    return uow.registry.has_case(case_id)


def all_cases(uow: UnitOfWork) -> Collection[Case]:
    """Every case, in the order they were made."""
    return uow.registry.all_cases()


def case_ids(uow: UnitOfWork) -> list[str]:
    """Every case id, in the order the cases were made."""
    return uow.registry.case_ids()


def case_count(uow: UnitOfWork) -> int:
    return uow.registry.case_count()


def cases_of(uow: UnitOfWork, cpr: str) -> list[Case]:
    """The citizen's cases (main or involved) in the store's order (`citizen_cases`: sorted)."""
    return uow.registry.cases_of(cpr)


def open_missing_choice_cases(uow: UnitOfWork) -> list[str]:
    """The ids of the "Manglende lægevalg" cases the daily work watches, in the order opened."""
    return uow.registry.watched(Watch.MISSING_CHOICE)


def find_task(uow: UnitOfWork, task_id: str) -> Task | None:
    return uow.registry.find_task(task_id)


def all_tasks(uow: UnitOfWork) -> Collection[Task]:
    return uow.registry.all_tasks()


def all_letters(uow: UnitOfWork) -> Collection[Letter]:
    return uow.registry.all_letters()


def letter_count(uow: UnitOfWork) -> int:
    return uow.registry.letter_count()


def all_card_orders(uow: UnitOfWork) -> Collection[CardOrder]:
    return uow.registry.all_card_orders()


def card_orders_of(uow: UnitOfWork, cpr: str) -> list[CardOrder]:
    """The person's card orders, oldest first."""
    return uow.registry.card_orders_of(cpr)


def practice(uow: UnitOfWork, ydernummer: str) -> Practice:
    """The practice ``ydernummer`` (`UnknownPractice` when there is none)."""
    return uow.registry.practice(ydernummer)


def find_practice(uow: UnitOfWork, ydernummer: str) -> Practice | None:
    return uow.registry.find_practice(ydernummer)


def all_practices(uow: UnitOfWork) -> Collection[Practice]:
    """Every practice, in the order they came."""
    return uow.registry.all_practices()


def practice_numbers(uow: UnitOfWork) -> list[str]:
    """Every ydernummer, sorted."""
    return uow.registry.practice_numbers()


def practice_count(uow: UnitOfWork) -> int:
    return uow.registry.practice_count()


def nearest_practice(
    uow: UnitOfWork,
    point: Coordinates,
    radius_km: float,
    accept: Callable[[Practice], bool] | None = None,
) -> tuple[Practice, float] | None:
    """The nearest accepted practice within ``radius_km`` and its distance, or None."""
    return uow.registry.nearest_practice(point, radius_km, accept)


def listed_on(uow: UnitOfWork, ydernummer: str, day: date) -> list[Citizen]:
    """Citizens listed with the practice on ``day``, in CPR order."""
    return uow.registry.listed_on(ydernummer, day)


def all_practice_events(uow: UnitOfWork) -> Collection[PracticeEvent]:
    """Every practice event, in the order they came."""
    return uow.registry.all_practice_events()


def cpr_feed_sequence(uow: UnitOfWork) -> int:
    """The last CPR feed event the system applied."""
    return uow.registry.cpr_feed_sequence


def registration_histories(uow: UnitOfWork) -> list[tuple[str, Sequence[RegistrationSnapshot]]]:
    """Every citizen's registrations before each change (data restore), by CPR number."""
    return uow.registry.histories()
