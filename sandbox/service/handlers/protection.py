"""Navne- og adressebeskyttelse (SPEC 5.7): putting it on or off, and lifting it when its
period runs out (the daily work's `lapse_protections`).

Shared by the CPR entry's handler (`sandbox.service.handlers.person_data`) and the daily work;
no handler of its own.
"""

from __future__ import annotations

from datetime import date

from sandbox.domain.model import Citizen
from sandbox.domain.rules import protection
from sandbox.service.store import Watch
from sandbox.service.unit_of_work import UnitOfWork


def protect(
    uow: UnitOfWork, citizen: Citizen, protected: bool, since: date, until: date | None = None
) -> None:
    """Protection on from ``since`` until CPR's end date or the end of its period; or off."""
    uow.registry.before_change(citizen, "protected", "protected_since", "protected_until")
    citizen.protected = protected
    if not protected:
        citizen.protected_since = citizen.protected_until = None
        return
    citizen.protected_since = since
    citizen.protected_until = protection.lapses_on(since, uow.parameters, until)
    if citizen.protected_until is not None:
        uow.registry.watch(Watch.PROTECTION_ENDS, citizen.cpr)


def lapse_protections(uow: UnitOfWork, today: date) -> tuple[str, ...]:
    """Lift every protection whose period has run out by ``today`` (SPEC 5.7)."""
    lapsed: list[str] = []
    for cpr in uow.registry.watched(Watch.PROTECTION_ENDS):
        citizen = uow.registry.find_citizen(cpr)
        since = citizen.protected_since if citizen else None
        until = citizen.protected_until if citizen else None
        if citizen is None or not citizen.protected or since is None or until is None:
            # lifted by CPR, renumbered away, or no end: nothing to lapse
            uow.registry.unwatch(Watch.PROTECTION_ENDS, cpr)
            continue
        decision = protection.decide_lapse(since, until, today, uow.parameters)
        if decision.allowed:
            uow.decided(f"Beskyttelse ophører {citizen.cpr}", decision)
            uow.registry.before_change(citizen, "protected", "protected_since", "protected_until")
            citizen.protected = False
            citizen.protected_since = citizen.protected_until = None
            uow.registry.unwatch(Watch.PROTECTION_ENDS, cpr)
            lapsed.append(citizen.cpr)
    return tuple(lapsed)
