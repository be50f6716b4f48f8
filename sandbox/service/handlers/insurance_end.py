"""The CPR entries that end sygesikring: emigration (80), a move to Greenland (05), death (90)
and disappearance (70; only 01/03 give sygesikring, SPEC 5.4).

The group and the listing end on the entry's date, the status follows CPR, open cases of the
person are cancelled; no card.
"""

from __future__ import annotations

from sandbox.domain.model import CaseStatus, CivilStatus
from sandbox.domain.rules.cpr_events import decide_insurance_end
from sandbox.service.case_factory import cancel_case
from sandbox.service.cpr_commands import InsuranceEnds, RegisterDeath
from sandbox.service.events import InsuranceEnded
from sandbox.service.unit_of_work import UnitOfWork


def register_insurance_end(event: InsuranceEnds, uow: UnitOfWork) -> bool:
    """Emigration, a move to Greenland, death or disappearance: sygesikring ends."""
    citizen = uow.registry.find_citizen(event.cpr)
    if citizen is None:
        return False
    on = event.on
    address = event.address
    decision = decide_insurance_end(event.KIND, on)
    uow.decided(f"Sikring ophører {citizen.cpr}", decision)
    now = uow.now()
    uow.registry.change_group(citizen, None, on, None, "INSURANCE_ENDED", at=now)
    uow.registry.list_citizen(citizen, None, on, None, "INSURANCE_ENDED", at=now)
    uow.registry.before_change(citizen, "status", "civil_status")
    citizen.status = event.status or citizen.status
    if isinstance(event, RegisterDeath):
        citizen.civil_status = CivilStatus.DEAD
    if address is not None:
        uow.registry.move_citizen(citizen, address)
    for case in uow.registry.cases_of(citizen.cpr):
        if case.main_cpr == citizen.cpr and case.status is CaseStatus.PENDING:
            cancel_case(uow, case, "INSURANCE_ENDED")
    uow.emit(InsuranceEnded(citizen.cpr, on, event.KIND))
    return True
