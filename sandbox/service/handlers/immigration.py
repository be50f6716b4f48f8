"""Indrejse (SPEC 2.2, 5.6): moving in from abroad or the Faroe Islands; group 1 by default.

`register_immigration` (CPR's event, status 80/20 -> 01): the person - known to Sygesikring
from an earlier stay, or new, created from CPR's data - lives at CPR's new address from the
move-in date, with status 01, and no group: they are asked to choose one (and a doctor, in group 1).
``group_choice_by`` keeps the last day to choose (`rules.group_deadline.choose_by`,
``groupChoiceDeadlineDays``). The move orders the first card (`CitizenMoved`). The Faroe
Islands have their own health insurance and no Danish municipality, so a move from there is
handled as one from abroad (SPEC 5.6: "Treated like a move-in"). A disappeared person who is
found (``reappearance``, status 70 -> 01) is handled the same way: the disappearance ended the
group and the listing (`insurance_end.register_insurance_end`), so the group is chosen anew.

The daily work (`sandbox.service.handlers.group_deadline.default_groups`): a citizen who has chosen
a group in time is done; one who has not, after the deadline, is placed in group 1 from the move-in
date - a "Gruppeskift" case (reason ``NO_GROUP_CHOSEN``, free: not the citizen's choice) registered
in LUNA, and, without a doctor, "Manglende lægevalg", whose ``missingChoiceDeadlineDays`` count
from today (not from the move-in date, which would leave no time to choose).
"""

from __future__ import annotations

from sandbox.domain.rules import group_deadline
from sandbox.service.cpr_commands import RegisterImmigration
from sandbox.service.cpr_records import citizen_from_record
from sandbox.service.events import CitizenMoved
from sandbox.service.store import Watch
from sandbox.service.unit_of_work import UnitOfWork


def register_immigration(event: RegisterImmigration, uow: UnitOfWork) -> bool:
    """CPR's indrejse: resident from the move-in date, without a group until one is chosen."""
    citizen = uow.registry.find_citizen(event.cpr)
    if citizen is None:
        record = uow.cpr.person(event.cpr) if uow.cpr is not None else None
        if record is None or record.address is None:
            return False
        citizen = citizen_from_record(record, uow.geography)
    elif citizen.status == "01":
        return False  # already resident: not a move-in
    address = event.address
    on = event.on
    if not uow.registry.has_citizen(citizen.cpr):
        uow.registry.add_citizen(citizen)
    # an earlier stay's group and listing ended with the emigration; nothing carries over
    uow.registry.before_change(
        citizen, "groups", "status", "moved_in_on", "moved_from_municipality", "group_choice_by"
    )
    citizen.groups = [m for m in citizen.groups if m.valid_from < on]
    uow.registry.list_citizen(citizen, None, on, None, "MOVE_IN", at=uow.now())
    from_municipality = citizen.municipality_code
    uow.registry.move_citizen(citizen, address)
    citizen.status = "01"
    citizen.moved_in_on = on
    citizen.moved_from_municipality = from_municipality
    citizen.group_choice_by = group_deadline.choose_by(on, uow.parameters)
    uow.registry.watch(Watch.GROUP_CHOICE_DEADLINE, citizen.cpr)
    uow.decided(
        f"Indrejse {citizen.cpr}", group_deadline.decide_default_group(on, on, uow.parameters)
    )
    uow.emit(CitizenMoved(citizen.cpr, on, from_municipality, citizen.municipality_code))
    return True
