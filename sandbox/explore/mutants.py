"""Mutanter - deliberate faults in the rules and the service, to prove the explorer and the
features find real bugs. Off unless named (`--mutant NAME`); `applied(NAME)` patches one for
the length of a `with` block and puts the original back after.

Only the explorer's own commands import this module (`sandbox explore`, `sandbox feature run`,
`sandbox mutate`); the API and the simulator never do (an import-linter contract and a test
keep it so), so a mutant can never load in `serve` or `simulate`.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sandbox.domain.case_details import GpChoiceDetails
from sandbox.domain.errors import InvalidInput
from sandbox.domain.model import Case
from sandbox.service import bootstrap, views
from sandbox.service.cpr_commands import RegisterRenumbering
from sandbox.service.handlers import (
    gp_choice,
    practice_events,
    renumbering,
    samlever,
)
from sandbox.service.ports import LunaRegistration, LunaUnavailable
from sandbox.service.store import Store
from sandbox.service.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class Mutant:
    """Mutant - one fault: where it goes (module and name) and what it puts there."""

    name: str
    description_da: str
    description_en: str
    module: Any
    attribute: str
    fault: Callable[[Any], Any]  # the original -> its faulty stand-in


def _forget_case(registry: Store, case_id: str) -> None:
    registry.drop_case(case_id)


def _register_first(original: Callable[[UnitOfWork, Case], None]) -> Any:
    """Send the GP choice to LUNA before the case is kept; if LUNA fails, the case is gone."""

    def register_choice(uow: UnitOfWork, case: Case) -> None:
        cprs = [cpr for cpr in (case.main_cpr, *case.involved) if cpr is not None]
        on = case.effective_date or uow.today()
        ydernummer = case.details_as(GpChoiceDetails).ydernummer
        payload = {"ydernummer": ydernummer, "effective_date": on.isoformat()}
        try:
            uow.luna.register(LunaRegistration(case.case_id, "gp_listing", cprs[0], payload))
        except LunaUnavailable:
            _forget_case(uow.registry, case.case_id)  # "not committed": the fault
            raise
        original(uow, case)

    return register_choice


def _case_per_citizen(original: Callable[..., list[Case]]) -> Any:
    """A closure's or split's case opened once per citizen instead of once per municipality."""

    def open_event_cases(
        uow: UnitOfWork,
        actor: Any,
        event: Any,
        practice: Any,
        involved: dict[str, list[Any]],
        free_until: Any,
    ) -> list[Case]:
        split = {f"{code}:{p.cpr}": [p] for code, persons in involved.items() for p in persons}
        cases: list[Case] = []
        for key, persons in split.items():
            cases += original(uow, actor, event, practice, {key.split(":")[0]: persons}, free_until)
        return cases or original(uow, actor, event, practice, involved, free_until)

    return open_event_cases


def _ignore_address(original: Callable[..., Any]) -> Any:
    """The samlever counts whatever address the declaration names."""

    def gather_samlever_facts(uow: UnitOfWork, command: Any) -> Any:
        facts = original(uow, command)
        if facts.samlever_known:
            return dataclasses.replace(facts, at_moving_in_address=True)
        return facts

    return gather_samlever_facts


def _forget_group(original: Callable[..., Any]) -> Any:
    """The new number gets the old number's doctor but not its group."""

    def successor(uow: UnitOfWork, old: Any, new_cpr: str, status: str) -> Any:
        new = original(uow, old, new_cpr, status)
        new.groups = []
        return new

    return successor


def _late_renumbering_forgets_group(original: dict[Any, Any]) -> dict[Any, Any]:
    """A renumbering read after its date (CPR's feed was late) leaves the new number with no
    group: only a late or out-of-order feed shows it."""
    handle = original[RegisterRenumbering]

    def register_renumbering(event: RegisterRenumbering, uow: UnitOfWork) -> bool:
        done = bool(handle(event, uow))
        new = views.known_citizen(uow, event.new_cpr)
        if done and new is not None and event.on < uow.now().date():
            new.groups = []
        return done

    return {**original, RegisterRenumbering: register_renumbering}


MUTANTS: dict[str, Mutant] = {
    mutant.name: mutant
    for mutant in (
        Mutant(
            "outbox-before-commit",
            "udbakken registrerer lægevalget i LUNA, før forløbet er gemt",
            "the outbox registers the GP choice in LUNA before the case is committed",
            gp_choice,
            "register_choice",
            _register_first,
        ),
        Mutant(
            "practice-event-case-per-citizen",
            "en praksishændelse åbner ét forløb pr. borger",
            "a practice event opens one case per citizen",
            practice_events,
            "open_event_cases",
            _case_per_citizen,
        ),
        Mutant(
            "samlever-ignores-address",
            "samleverundtagelsen ser bort fra tilflytningsadressen",
            "the samlever exception ignores the moving-in address",
            samlever,
            "gather_samlever_facts",
            _ignore_address,
        ),
        Mutant(
            "renumbering-forgets-group",
            "en omnummerering glemmer det gamle nummers sikringsgruppe",
            "a renumbering forgets the old number's group",
            renumbering,
            "_successor",
            _forget_group,
        ),
        Mutant(
            "late-renumbering-forgets-group",
            "en forsinket omnummerering glemmer det gamle nummers sikringsgruppe",
            "a renumbering read late forgets the old number's group",
            bootstrap,
            "COMMAND_HANDLERS",
            _late_renumbering_forgets_group,
        ),
    )
}


def check_name(name: str | None) -> str | None:
    """The mutant's name, or `InvalidInput` naming the known ones."""
    if name is None or name in MUTANTS:
        return name
    known = ", ".join(MUTANTS)
    raise InvalidInput(
        field="--mutant",
        reason_da=f"ukendt mutant '{name}' (kendte: {known})",
        reason_en=f"unknown mutant '{name}' (known: {known})",
    )


# A mutant's patch is a module attribute, so every thread of the process sees it: a Dask worker
# in the explorer's own process (``LocalCluster(processes=False)``) runs schedules of the same
# mutant on two threads at once. Each patched place is counted, not saved per block: the first
# block patches it and keeps the original, the last one out puts that original back. Saving it
# per block left the mutant in for good when the blocks ended in the order they began (the
# second block had saved the first's patch as its "original"), and the process's later runs
# and tests met a fault nobody asked for.
_patches_lock = threading.Condition()
_patches: dict[tuple[int, str], tuple[str, int, Any]] = {}  # place -> mutant, blocks, original


@contextmanager
def applied(name: str | None) -> Iterator[Mutant | None]:
    """Patch in the named mutant (none when ``name`` is None) for the block, then restore.

    Blocks of the same mutant may overlap on several threads; a block of another mutant on the
    same place waits until the place is free again."""
    if name is None:
        yield None
        return
    mutant = MUTANTS[check_name(name) or name]
    place = (id(mutant.module), mutant.attribute)
    with _patches_lock:
        _patches_lock.wait_for(lambda: _patches.get(place, (mutant.name,))[0] == mutant.name)
        held = _patches.get(place)
        if held is None:
            original = getattr(mutant.module, mutant.attribute)
            setattr(mutant.module, mutant.attribute, mutant.fault(original))
            _patches[place] = (mutant.name, 1, original)
        else:
            _patches[place] = (mutant.name, held[1] + 1, held[2])
    try:
        yield mutant
    finally:
        with _patches_lock:
            _, blocks, original = _patches[place]
            if blocks == 1:
                setattr(mutant.module, mutant.attribute, original)
                del _patches[place]
                _patches_lock.notify_all()
            else:
                _patches[place] = (mutant.name, blocks - 1, original)
