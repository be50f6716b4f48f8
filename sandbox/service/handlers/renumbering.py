"""CPR's renumbering or annulment (omnummerering/annullering), release 1.1 item 8.

The old number moves to group ``renumbering.oldNumberGroup`` (8) and loses its GP from the event
date, with CPR's status 60 (changed) or 30 (annulled). The new number becomes a citizen with the
same group and listing history (copies of the entries), linked both ways (``renumbered_from`` /
``renumbered_to``, ``renumbered_on``), in a "Omnummerering" case registered in LUNA (kind
``renumbering``). `CitizenRenumbered` lets the card handlers order the free new card.

Relations follow the number where the system can see them without a scan: the spouse, and
persons at the same address who have the old number as parent, custody holder, spouse or
samlever. The old number's pending cases are cancelled; a group-1 new number without a doctor
gets its own "Manglende lægevalg".
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sandbox.domain.case_details import RenumberingDetails
from sandbox.domain.model import Actor, CaseStatus, CaseType, Citizen
from sandbox.domain.rules.cpr_events import decide_renumbering
from sandbox.domain.rules.groups import RENUMBERING_INHERITANCE
from sandbox.service.case_factory import cancel_case, new_case, open_missing_gp_choice
from sandbox.service.cpr_commands import RegisterRenumbering
from sandbox.service.events import CitizenRenumbered
from sandbox.service.ports import LunaRegistration
from sandbox.service.unit_of_work import UnitOfWork


def register_renumbering(event: RegisterRenumbering, uow: UnitOfWork) -> bool:
    """Old number to group 8; the new number inherits group and GP, linked both ways."""
    registry = uow.registry
    old = registry.find_citizen(event.cpr)
    new_cpr = event.new_cpr
    if old is None or not new_cpr or registry.has_citizen(new_cpr):
        return False
    on = event.on
    annulment = event.annulment
    old_group, decision = decide_renumbering(old.cpr, new_cpr, on, annulment, uow.parameters)
    uow.decided(f"Omnummerering {old.cpr} -> {new_cpr}", decision)
    new = _successor(uow, old, new_cpr, event.new_status or old.status)
    new.renumbered_from, new.renumbered_on = old.cpr, on
    registry.rekey_citizen(old.cpr, new)
    registry.count_open_listings(new)  # the old number's open listings are ended below
    current = new.group_on(on)
    details = RenumberingDetails(
        reason=RENUMBERING_INHERITANCE,
        old_cpr=old.cpr,
        new_cpr=new.cpr,
        annulment=annulment,
        old_number_group=old_group,
        group=current.group if current else None,
        ydernummer=new.doctor_on(on),
        decision_codes=list(decision.codes),
    )
    case = new_case(
        uow, new, CaseStatus.AWAITING_LUNA, Actor.system(), on, details, involved=(old.cpr,)
    )
    now = uow.now()
    registry.change_group(old, old_group, on, case.case_id, "RENUMBERING_OLD_NUMBER", at=now)
    registry.list_citizen(old, None, on, case.case_id, "RENUMBERED", at=now)
    registry.before_change(old, "status", "renumbered_to", "renumbered_on")
    old.status = event.status or ("30" if annulment else "60")
    old.renumbered_to, old.renumbered_on = new.cpr, on
    _follow_relations(uow, old, new)
    _move_open_cases(uow, old, new, on)
    uow.outbox.add(
        LunaRegistration(
            case.case_id,
            "renumbering",
            new.cpr,
            {
                "old_cpr": old.cpr,
                "new_cpr": new.cpr,
                "on": on.isoformat(),
                "old_number_group": old_group,
                "group": details.group,
                "ydernummer": details.ydernummer,
            },
        ),
        now,
    )
    uow.emit(CitizenRenumbered(old.cpr, new.cpr, on, case.case_id))
    return True


def _successor(uow: UnitOfWork, old: Citizen, new_cpr: str, status: str) -> Citizen:
    """The new number's citizen: CPR's name and birth date, the old number's registrations."""
    record = uow.cpr.person(new_cpr) if uow.cpr is not None else None
    new = replace(
        old,
        cpr=new_cpr,
        name=record.name if record and record.name else old.name,
        birth_date=record.birth_date if record else old.birth_date,
        status=status,
    )
    new.renumbered_to = None  # (not in `replace`: it is one of the citizen's rare facts)
    new.groups = [replace(membership) for membership in old.groups]
    new.listings = [replace(listing) for listing in old.listings]
    return new


def _follow_relations(uow: UnitOfWork, old: Citizen, new: Citizen) -> None:
    registry = uow.registry
    spouse = registry.find_citizen(old.spouse) if old.spouse else None
    if spouse is not None and spouse.spouse == old.cpr:
        registry.before_change(spouse, "spouse")
        spouse.spouse = new.cpr
    for cpr in registry.persons_at(new.address):
        person = registry.find_citizen(cpr)
        if person is None or person is new:
            continue
        registry.before_change(person, "parents", "custody_holders", "declared_samlever", "spouse")
        person.parents = tuple(new.cpr if p == old.cpr else p for p in person.parents)
        person.custody_holders = tuple(
            new.cpr if p == old.cpr else p for p in person.custody_holders
        )
        if person.declared_samlever == old.cpr:
            person.declared_samlever = new.cpr
        if person.spouse == old.cpr:
            person.spouse = new.cpr


def _move_open_cases(uow: UnitOfWork, old: Citizen, new: Citizen, on: date) -> None:
    """The old number's waiting cases end; a missing GP choice follows to the new number."""
    missing = False
    for case in uow.registry.cases_of(old.cpr):
        if case.main_cpr == old.cpr and case.status is CaseStatus.PENDING:
            missing = missing or case.case_type is CaseType.MISSING_GP_CHOICE
            cancel_case(uow, case, "RENUMBERED")
    membership = new.group_on(on)
    if missing or (membership is not None and membership.group == 1 and not new.doctor_on(on)):
        open_missing_gp_choice(uow, new, on, "RENUMBERING", old_cpr=old.cpr)
