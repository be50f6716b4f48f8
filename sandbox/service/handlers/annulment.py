"""CPR annuls a number without a new one (status 30, no successor): `register_annulment`.

`rules.annulment.decide_annulment` decides; then the number moves to group
``renumbering.oldNumberGroup`` (8) and loses its GP from the event date, its status becomes 30,
its pending cases are cancelled, and an "Omnummerering" case (``annulment`` in its
`RenumberingDetails`, no ``new_cpr``) is registered in LUNA (kind ``renumbering``) with a
manual task: nobody inherits the group and the GP choice, so a case worker finds out whether
the person has another number. No card is ordered and no letter is written: the number is void.
"""

from __future__ import annotations

from sandbox.domain.case_details import RenumberingDetails
from sandbox.domain.danish import date_da, date_en
from sandbox.domain.model import Actor, CaseStatus
from sandbox.domain.rules.annulment import decide_annulment
from sandbox.service.case_factory import add_manual_task, cancel_case, new_case
from sandbox.service.cpr_commands import RegisterAnnulment
from sandbox.service.ports import LunaRegistration
from sandbox.service.unit_of_work import UnitOfWork

ANNULLED = "ANNULLED_WITHOUT_SUCCESSOR"
ANNULLED_STATUS = "30"


def register_annulment(event: RegisterAnnulment, uow: UnitOfWork) -> bool:
    """The annulled number to group 8 without a successor, and a task for the case worker."""
    registry = uow.registry
    citizen = registry.find_citizen(event.cpr)
    if citizen is None or citizen.status == ANNULLED_STATUS:
        return False
    on = event.on
    group, decision = decide_annulment(citizen.cpr, on, uow.parameters)
    uow.decided(f"Annullering {citizen.cpr}", decision)
    for pending in registry.cases_of(citizen.cpr):
        if pending.main_cpr == citizen.cpr and pending.status is CaseStatus.PENDING:
            cancel_case(uow, pending, ANNULLED)
    details = RenumberingDetails(
        reason=ANNULLED,
        old_cpr=citizen.cpr,
        new_cpr=None,
        annulment=True,
        old_number_group=group,
        decision_codes=list(decision.codes),
    )
    case = new_case(uow, citizen, CaseStatus.AWAITING_LUNA, Actor.system(), on, details)
    now = uow.now()
    registry.change_group(citizen, group, on, case.case_id, ANNULLED, at=now)
    registry.list_citizen(citizen, None, on, case.case_id, ANNULLED, at=now)
    registry.before_change(citizen, "status")
    citizen.status = event.status or ANNULLED_STATUS
    number = f"{citizen.cpr[:6]}-{citizen.cpr[6:]}"
    add_manual_task(
        uow,
        case,
        citizen,
        ANNULLED,
        f"CPR har annulleret CPR-nummeret {number} for {citizen.name} den {date_da(on)} uden et "
        "nyt nummer. Undersøg, om personen har fået et andet nummer.",
        f"CPR annulled the CPR number {number} of {citizen.name} on {date_en(on)} without a "
        "new number. Find out whether the person has another number.",
    )
    uow.outbox.add(
        LunaRegistration(
            case.case_id,
            "renumbering",
            citizen.cpr,
            {
                "old_cpr": citizen.cpr,
                "new_cpr": None,
                "on": on.isoformat(),
                "old_number_group": group,
            },
        ),
        now,
    )
    return True
