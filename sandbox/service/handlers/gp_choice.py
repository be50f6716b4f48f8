"""Lægevalg: decide with the rules, create ONE case, then register it via LUNA.

`ChooseGp` (`sandbox.service.handlers.choose_gp`) plans first (`plan_choice`: effective date,
involved persons, each person's choice and fee - nothing changes), then creates the case
(`open_case`). When a decision needs the doctor's acceptance the case waits as PENDING
(awaiting ``Awaiting.DOCTOR_ACCEPTANCE``) and nothing reaches LUNA;
`sandbox.service.handlers.dispensation` then registers it (`register_choice`: listings, the change
to group 1, one LUNA registration, events) or cancels it. A newer choice for the same main person
cancels such a pending case (the newer one wins).

A choice made AHEAD of a move (``ChooseGp.moving_to``, SPEC 3.8 / 5.6) is decided against the
moving-in address (its municipality's distance limit, the closed-doctor exceptions there, a
samlever registered there) and created in the moving-in municipality as PENDING with
``awaiting`` ``Awaiting.CPR_MOVE`` and ``expected_address_key``: CPR's move event
approves it (`sandbox.service.handlers.moves`), or cancels it when the move goes elsewhere. It is
free (made in connection with the move). A newer ahead-of-move choice replaces an older one.
The checks around the plan (moving-in address, the one-year rule on a change to group 1, names
in messages) are in `sandbox.service.handlers.gp_choice_checks`.

Case details: `GpChoiceDetails` (`sandbox.domain.case_details`) - the practice, the decision
codes (main person and per CPR), conditions, basis and exceptions per CPR, the fees, the change
to group 1, the samlever chosen through; ahead of a move the expected address and date; an
administrative assignment's `Assignment` (see `daily_work`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sandbox.domain.case_details import (
    Assignment,
    GpChoiceDetails,
    PersonChoice,
    PersonRef,
    shared_codes,
)
from sandbox.domain.decisions import Decision, Reason
from sandbox.domain.errors import RuleRefused
from sandbox.domain.geography import Address
from sandbox.domain.model import (
    Actor,
    Awaiting,
    Case,
    CaseStatus,
    Citizen,
    Practice,
    Role,
    role_not_allowed,
)
from sandbox.domain.rules import fees
from sandbox.domain.rules.closed_doctor import DECLARED_COHABITANT
from sandbox.domain.rules.fees import FeeDecision
from sandbox.domain.rules.gp_choice import DOCTOR_ACCEPTANCE, decide_effective_date
from sandbox.domain.rules.gp_choice_persons import InvolvedFacts, decide_involved
from sandbox.service.case_factory import build_case, register_case
from sandbox.service.commands import ChooseGp
from sandbox.service.events import (
    DoctorAcceptanceRequested,
    GpChosen,
    GroupChanged,
)
from sandbox.service.handlers.fees import fee_for
from sandbox.service.handlers.gp_choice_checks import (
    check_moving_to,
    decision_date,
    group_window_applies,
    group_window_decision,
    involved_name,
    made_on,
    min_period_decision,
    note_ahead_of_move,
    supersede_pending,
)
from sandbox.service.handlers.gp_choice_facts import decide_for, gather_facts, in_group_1
from sandbox.service.ports import LunaRegistration
from sandbox.service.store import Watch
from sandbox.service.unit_of_work import UnitOfWork

__all__ = [
    "ChoicePlan",
    "decide_for",
    "gather_facts",
    "open_case",
    "plan_choice",
    "register_choice",
]

GROUP_CHANGE_REASON = "CHANGE_TO_GROUP_1_WITH_GP_CHOICE"
DISPENSATION_ROLES = (Role.CASE_WORKER, Role.CASE_WORKER_SPECIAL)
"""Who may grant the municipality's dispensation for a closed practice (SPEC 3.4)."""


@dataclass(slots=True)
class ChoicePlan:
    """Plan for et lægevalg - everything decided for one case, before anything changes."""

    actor: Actor
    practice: Practice
    on: date
    persons: list[Citizen]
    decisions: dict[str, Decision] = field(default_factory=dict)
    fees: dict[str, FeeDecision] = field(default_factory=dict)
    change_to_group_1: bool = False
    moving_to: Address | None = None  # ahead of a move: the moving-in address
    expected_move_date: date | None = None
    requested_from: date | None = None  # the date the command asked for, if any
    dispensation: bool = False  # a case worker grants the municipality's dispensation
    basis: str | None = None  # overrides the basis from the decisions (ADMINISTRATIVE)
    assignment: Assignment | None = None  # the municipality chose the doctor
    # the caller found no GP choice of the main person waiting (the daily work assigns only
    # then): there is nothing for the new case to supersede, so no look through their cases
    nothing_pending: bool = False

    @property
    def needs_acceptance(self) -> bool:
        return any(DOCTOR_ACCEPTANCE in d.conditions for d in self.decisions.values())

    @property
    def ahead_of_move(self) -> bool:
        return self.moving_to is not None


def plan_choice(uow: UnitOfWork, command: ChooseGp) -> ChoicePlan:
    """Decide everything for the command; raise `RuleRefused` on the first refusal."""
    practice = uow.practice(command.ydernummer)
    if command.dispensation and command.actor.role not in DISPENSATION_ROLES:
        raise role_not_allowed(
            command.actor.role, DISPENSATION_ROLES, "give dispensation", "grant a dispensation"
        )
    on = decision_date(command, uow.today())
    persons = [uow.citizen(cpr) for cpr in dict.fromkeys((command.cpr, *command.involved))]
    main = persons[0]
    if not (group_window_applies(command) and not in_group_1(main, on)):
        _require(
            uow,
            f"ChooseGp {command.cpr} effective date",
            decide_effective_date(on, uow.today(), command.actor.role, uow.parameters),
        )
    if command.moving_to is not None:
        check_moving_to(uow, main, command.moving_to)
    for child in persons[1:]:
        name = involved_name(command.actor, child)
        facts = InvolvedFacts(
            on, main.cpr, main.name, child.cpr, name, child.birth_date, child.custody_holders
        )
        _require(
            uow, f"ChooseGp {main.cpr} involves {child.cpr}", decide_involved(facts, uow.parameters)
        )
    plan = ChoicePlan(
        command.actor,
        practice,
        on,
        persons,
        change_to_group_1=command.change_to_group_1,
        moving_to=command.moving_to,
        expected_move_date=command.expected_move_date,
        requested_from=command.effective_date,
        dispensation=command.dispensation,
    )
    _decide_persons(uow, plan)
    for person in persons:
        extra = _child_follows(uow, person, main, on) if person is not main else ()
        if plan.moving_to is not None:
            move_on = plan.expected_move_date or on
            extra = (*extra, fees.with_move(move_on, plan.moving_to.text, on, uow.parameters))
        fee = fee_for(uow, person, on, extra, made_on(command, on, uow.today()))
        uow.decided(f"Fee {person.cpr} -> {practice.ydernummer}", fee.decision)
        plan.fees[person.cpr] = fee
    return plan


def _decide_persons(uow: UnitOfWork, plan: ChoicePlan) -> None:
    """Each person's GP-choice decision (and the one-year rule on a change to group 1)."""
    chosen: dict[str, str] = {}
    practice, on = plan.practice, plan.on
    for person in plan.persons:
        window = group_window_decision(uow, plan.actor, person, on, plan.ahead_of_move)
        if plan.change_to_group_1 and window is not None:
            _require(uow, f"ChooseGp {person.cpr}: group 1 from {on}", window)
        if plan.change_to_group_1:
            period = min_period_decision(uow, plan.actor, person, on)
            if period is not None:
                _require(uow, f"ChooseGp {person.cpr}: group 2 -> 1", period)
        decision = decide_for(
            uow,
            person,
            practice,
            on,
            home=plan.moving_to,
            change_to_group_1=plan.change_to_group_1,
            chosen_in_case=chosen,
            ahead_of_move=plan.ahead_of_move,
            dispensation=plan.dispensation,
        )
        _require(uow, f"ChooseGp {person.cpr} -> {practice.ydernummer}", decision)
        plan.decisions[person.cpr] = decision
        chosen[person.cpr] = practice.ydernummer


def open_case(uow: UnitOfWork, plan: ChoicePlan) -> Case:
    """Create the case from a plan; register it now, or wait for CPR's move or the doctor."""
    main = plan.persons[0]
    ahead = plan.moving_to is not None
    pending = ahead or plan.needs_acceptance
    home = plan.moving_to or main.address  # ahead of a move: the moving-in municipality
    case = build_case(
        uow,
        _details(uow, plan),
        main_cpr=main.cpr,
        municipality_code=home.municipality_code,
        status=CaseStatus.PENDING if pending else CaseStatus.AWAITING_LUNA,
        actor=plan.actor,
        effective_date=plan.requested_from if ahead else plan.on,
        involved=tuple(person.cpr for person in plan.persons[1:]),
    )
    if not plan.nothing_pending:
        supersede_pending(uow, main.cpr, case.case_id, ahead)
    register_case(uow, case)
    if ahead:
        case.wait_for(Awaiting.CPR_MOVE)  # CPR's move event approves or cancels it
        uow.registry.watch(Watch.AHEAD_OF_MOVE, case.case_id)  # or the daily work, in time
    elif pending:
        case.wait_for(Awaiting.DOCTOR_ACCEPTANCE)
        uow.emit(DoctorAcceptanceRequested(case.case_id, main.cpr, plan.practice.ydernummer))
    else:
        register_choice(uow, case)
    return case


def register_choice(uow: UnitOfWork, case: Case) -> None:
    """Make the case's choice real: group 1 if asked, listings, one LUNA registration, events."""
    on = case.effective_date or uow.today()
    details = case.details_as(GpChoiceDetails)
    ydernummer = details.ydernummer
    cprs = [cpr for cpr in (case.main_cpr, *case.involved) if cpr is not None]
    persons = [uow.citizen(cpr) for cpr in cprs]  # all known before anything changes
    now = uow.now()  # one instant: the clock stands still in a command
    registry, bases = uow.registry, details.basis
    changed: list[str] = []
    for person in persons:
        if details.change_to_group_1 and not in_group_1(person, on):
            registry.change_group(person, 1, on, case.case_id, GROUP_CHANGE_REASON, at=now)
            changed.append(person.cpr)
        basis = bases.get(person.cpr, "OPEN")
        registry.list_citizen(person, ydernummer, on, case.case_id, basis, at=now)
        _end_at_later_group_change(uow, person, on)
    registry.before_change(details, "group_changed")  # the case may be older (approved now)
    details.group_changed = tuple(changed)
    payload: dict[str, object] = {
        "ydernummer": ydernummer,
        "effective_date": on.isoformat(),
        "persons": cprs,
    }
    if changed:
        payload["group"] = {"group": 1, "persons": changed}
    uow.outbox.add(LunaRegistration(case.case_id, "gp_listing", cprs[0], payload), now)
    for cpr in changed:
        uow.emit(GroupChanged(case.case_id, cpr, 1, on))
    for cpr in cprs:
        uow.emit(GpChosen(case.case_id, cpr, ydernummer, on))


def _end_at_later_group_change(uow: UnitOfWork, person: Citizen, on: date) -> None:
    """A change out of group 1 already registered for a later day ended the old listing then;
    the new listing replaced it, so it must end on that day too (nobody in group 2 stays
    listed, nor at a practice that closes meanwhile: the ``closed_practice_empty`` invariant)."""
    later = [
        membership
        for membership in person.group_history()
        if membership.valid_from > on and not in_group_1(person, membership.valid_from)
    ]
    if later:
        first = min(later, key=lambda membership: membership.valid_from)
        basis = "DORMANT" if first.group == 1 else f"GROUP_{first.group}"  # as groups.py
        # the choice's own listing already took the snapshot of the state before the command
        uow.registry.list_citizen(
            person, None, first.valid_from, first.case_id, basis, at=uow.now(), history=False
        )


def _require(uow: UnitOfWork, subject: str, decision: Decision) -> None:
    uow.decided(subject, decision)
    if not decision.allowed:
        raise RuleRefused(decision)


def _child_follows(uow: UnitOfWork, child: Citizen, main: Citizen, on: date) -> tuple[Reason, ...]:
    reason = fees.child_follows_parent(child.birth_date, main.name, on, uow.parameters)
    return (reason,) if reason is not None else ()


def _details(uow: UnitOfWork, plan: ChoicePlan) -> GpChoiceDetails:
    main = plan.persons[0]
    # one pass over the persons: the codes per person, the main person's also the case's (one
    # tuple shared by every case decided the same way), and one list of fee codes per person,
    # the main person's shared with the case (bench_case_size.py)
    persons: list[PersonChoice] = []
    conditions: set[str] = set()
    main_part: tuple[tuple[str, ...], list[str], str] | None = None  # codes, fee codes, exception
    for cpr, decision in plan.decisions.items():
        exception = _exception_code(decision)
        fee = plan.fees[cpr]
        codes, fee_codes = shared_codes(decision.codes), list(fee.reason_codes)
        basis = plan.basis if plan.basis is not None else _basis(decision, exception)
        persons.append(PersonChoice(cpr, basis, codes, exception, fee.fee_dkk, fee_codes))
        conditions.update(decision.conditions)
        if cpr == main.cpr:
            main_part = (codes, fee_codes, exception)
    if main_part is None:  # every plan decides its main person (plan_choice, daily_work)
        raise KeyError(main.cpr)
    main_codes, main_fee_codes, main_exception = main_part
    details = GpChoiceDetails(
        ydernummer=plan.practice.ydernummer,
        practice_name=plan.practice.name,
        decision_codes=main_codes,
        persons=persons[0] if len(persons) == 1 else tuple(persons),  # one person: no tuple
        conditions=tuple(sorted(conditions)),
        fee_dkk=sum(fee.fee_dkk for fee in plan.fees.values()),
        fee_reason_codes=main_fee_codes,
        change_to_group_1=plan.change_to_group_1,
    )
    if plan.assignment is not None:
        plan.assignment.apply_to(details)
    if plan.moving_to is not None:
        note_ahead_of_move(details, plan.moving_to, plan.expected_move_date)
    if main_exception == DECLARED_COHABITANT and main.declared_samlever:
        samlever = uow.registry.find_citizen(main.declared_samlever)
        name = samlever.name if samlever is not None else ""
        details.samlever = PersonRef(main.declared_samlever, name)
    return details


def _exception_code(decision: Decision) -> str:
    for reason in decision.reasons:
        if reason.rule_id.startswith("closed_doctor."):
            return reason.code
    return ""


def _basis(decision: Decision, exception: str) -> str:
    if DOCTOR_ACCEPTANCE in decision.conditions:
        return "DISPENSATION"
    if exception:
        return f"EXCEPTION:{exception}"
    return "KEEP" if "KEEPS_CURRENT_DOCTOR" in decision.codes else "OPEN"
