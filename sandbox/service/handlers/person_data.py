"""CPR entries that change what Sygesikring mirrors of a person: civil status and protection.

Marriage (G/P) sets the spouse, divorce or widowhood clears it; name and address protection is
on or off, and on, it lapses after its period (`sandbox.service.handlers.protection`).
"""

from __future__ import annotations

from sandbox.domain.model import CivilStatus
from sandbox.service.cpr_commands import RegisterCivilStatus, RegisterProtection
from sandbox.service.handlers.protection import protect
from sandbox.service.unit_of_work import UnitOfWork

MARRIED = (CivilStatus.MARRIED, CivilStatus.REGISTERED_PARTNER)


def register_civil_status(event: RegisterCivilStatus, uow: UnitOfWork) -> bool:
    """Civilstand: the spouse relation follows CPR (G/P married, else none)."""
    citizen = uow.registry.find_citizen(event.cpr)
    status = event.civil_status
    if citizen is None or status is None:
        return False
    married = status in MARRIED
    uow.registry.before_change(citizen, "married_on", "civil_status", "spouse")
    if married and citizen.civil_status not in MARRIED:
        citizen.married_on = event.on  # the wedding day (a free card after a name change)
    citizen.civil_status = status
    citizen.spouse = event.spouse if married else None
    return True


def register_protection(event: RegisterProtection, uow: UnitOfWork) -> bool:
    """Navne- og adressebeskyttelse on (from the event's date, lapsing after its period unless
    CPR gives an end date ``until``) or off."""
    citizen = uow.registry.find_citizen(event.cpr)
    if citizen is None:
        return False
    protect(uow, citizen, event.protected, event.on, event.until)
    return True
