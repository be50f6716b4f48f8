"""The invariants the explorer (and the features' last `Så`) check, with their Danish statements.

The simulator's own checks (`sandbox.simulation.invariants.Invariants`) run on a small world
through a stand-in for the simulated world, so "holds" means the same in `simulate` and here.
Two more checks state rules no simulator invariant covers, so a rule fault shows as a failure:

- ``practice_event_case``: a practice event has at most one case per municipality (release 1.1:
  one case with the involved persons, never one case per citizen);
- ``samlever_address``: a samlever is recorded only when the samlever lives at the moving-in
  address the declaration names (SPEC 3.4, release 1.1 item 3), checked the day it is declared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace
from typing import Any

from fakes.luna.backend import LunaBackend
from sandbox.domain.case_details import PracticeEventDetails, SamleverDetails
from sandbox.domain.model import CaseType
from sandbox.domain.parameters import Parameters
from sandbox.service.ports import Clock
from sandbox.service.store import Store
from sandbox.simulation.invariants import Invariants, InvariantViolation

STATEMENTS_DA: dict[str, str] = {
    "gp_listing": "en borger i sikringsgruppe 1 har én læge eller et åbent forløb om manglende "
    "lægevalg",
    "one_group": "en borger har præcis én gældende sikringsgruppe",
    "case_main_person": "ethvert forløb har en hovedperson",
    "luna_once": "LUNA holder hvert gennemført forløb én gang og intet uden forløb",
    "letter_main_person": "breve går kun til forløbets hovedperson",
    "letter_has_case": "ethvert brev hører til et forløb",
    "opt_out_no_card": "den, der har fravalgt det fysiske sundhedskort, får ikke et automatisk",
    "closed_practice_empty": "ingen er tilmeldt en nedlagt praksis efter fristen",
    "practice_event_case": "en praksishændelse har højst ét forløb pr. kommune",
    "samlever_address": "en samlever bor på tilflytningsadressen, når samleveren angives",
    "exception": "systemet fejler ikke med en uventet undtagelse",
}
STATEMENTS_EN: dict[str, str] = {
    "gp_listing": "a citizen in group 1 has one GP or an open 'missing GP choice' case",
    "one_group": "a citizen has exactly one current insurance group",
    "case_main_person": "every case has a main person",
    "luna_once": "LUNA holds every completed case once and nothing without a case",
    "letter_main_person": "letters go to the case's main person only",
    "letter_has_case": "every letter belongs to a case",
    "opt_out_no_card": "whoever opted out of the physical card gets none automatically",
    "closed_practice_empty": "nobody is listed at a closed practice after the deadline",
    "practice_event_case": "a practice event has at most one case per municipality",
    "samlever_address": "a samlever lives at the moving-in address when declared",
    "exception": "the system never fails with an unexpected exception",
}
NAMES = tuple(name for name in STATEMENTS_DA if name != "exception")


@dataclass(frozen=True, slots=True)
class Problem:
    """Brud - one invariant that does not hold, and about what."""

    invariant: str
    detail: str

    @property
    def statement_da(self) -> str:
        return STATEMENTS_DA[self.invariant]


def stand_in(registry: Store, luna: LunaBackend, clock: Clock, parameters: Parameters) -> Any:
    """What `Invariants` reads of a simulated world, built from a small world's parts."""
    return SimpleNamespace(
        registry=registry,
        luna_backend=luna,
        clock=clock,
        bus=SimpleNamespace(uow=SimpleNamespace(parameters=parameters)),
        scenario=SimpleNamespace(seed=0),
        replay_log=None,
        sent=0,
    )


def _caught(call: Any, *args: Any) -> list[Problem]:
    try:
        call(*args)
    except InvariantViolation as found:
        return [Problem(found.name, found.detail)]
    return []


def scan(
    invariants: Invariants,
    today: date,
    deadlines: bool = True,
    fresh: Collection[str] | None = None,
) -> list[Problem]:
    """Every simulator invariant over the whole (small) world, then the explorer's own.

    ``deadlines``: judge closed practices too (the simulator does so after the day's deadline
    job, so the explorer does after a `deadlines` step); ``fresh``: the cases the last step
    made (the samlever check judges a declaration when it is made; None: those of today).
    """
    world = invariants.world
    registry: Store = world.registry
    found: list[Problem] = []
    for citizen in list(registry.all_citizens()):
        found += _caught(invariants.check_citizen, citizen, today)
    for case_id in registry.case_ids():
        found += _caught(invariants.check_case, case_id)
    for letter in list(registry.all_letters()):
        found += _caught(
            invariants.check_letter, letter.letter_id, letter.case_id, letter.recipient_cpr
        )
    for key in world.luna_backend.registrations:
        if not registry.has_case(key):
            found.append(Problem("luna_once", f"LUNA holds {key}, which is no case"))
    if deadlines:
        found += _caught(invariants.check_closed_practices, today)
    return found + explorer_checks(registry, today, fresh)


def explorer_checks(
    registry: Store, today: date, fresh: Collection[str] | None = None
) -> list[Problem]:
    found: list[Problem] = []
    per_event: Counter[tuple[str, str]] = Counter()
    for case in registry.all_cases():
        if case.case_type is CaseType.PRACTICE_EVENT:
            event_id = case.details_as(PracticeEventDetails).event_id
            per_event[(event_id, case.municipality_code)] += 1
        elif case.case_type is CaseType.SAMLEVER and (
            case.case_id in fresh if fresh is not None else case.effective_date == today
        ):
            declared = case.details_as(SamleverDetails)
            samlever = registry.find_citizen(declared.samlever.cpr)
            wanted = declared.moving_in_address_key
            if samlever is not None and samlever.address.key != wanted:
                found.append(
                    Problem(
                        "samlever_address",
                        f"{case.case_id}: {samlever.cpr} does not live at {wanted}",
                    )
                )
    for (event_id, code), count in sorted(per_event.items()):
        if count > 1:
            found.append(Problem("practice_event_case", f"{event_id} has {count} cases in {code}"))
    return found


def problems_in(
    registry: Store, luna: LunaBackend, clock: Clock, parameters: Parameters
) -> list[Problem]:
    """Every invariant over a world given by its parts (the features' in-process driver)."""
    invariants = Invariants(stand_in(registry, luna, clock, parameters))
    return scan(invariants, clock.today())
