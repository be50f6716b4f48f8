"""Handler for Angivelse af samlever: check the named person, then record it on a case.

The citizen (self-service) or a case worker names a CPR number. `check_samlever` decides with
facts gathered here; a refusal is the one generic `RuleRefused` whatever the cause (the cause is
dropped here, never stored nor shown). On success ``declared_samlever`` is set and a case of
type SAMLEVER is created COMPLETED at once, its details showing the samlever (CPR number and
name) - "the chosen samlever is shown on the case". A samlever is Sygesikring's own basis for the
closed-doctor exception, not a LUNA registration, so the case does not go through the outbox
(its details' ``luna`` is ``not_required``); the GP choice that uses it is registered as usual.
Declared for a moving-in address (before the move), the case is made in the moving-in
municipality, where the samlever lives and where the GP choice ahead of the move is made.
"""

from __future__ import annotations

from sandbox.domain.case_details import PersonRef, SamleverDetails
from sandbox.domain.cpr import Cpr
from sandbox.domain.errors import RuleRefused
from sandbox.domain.model import Case, CaseStatus
from sandbox.domain.rules.samlever import SamleverFacts, check_samlever
from sandbox.service.case_factory import build_case, register_case
from sandbox.service.commands import DeclareSamlever
from sandbox.service.events import CaseCompleted, SamleverDeclared
from sandbox.service.unit_of_work import UnitOfWork


def gather_samlever_facts(uow: UnitOfWork, command: DeclareSamlever) -> SamleverFacts:
    """The facts of the samlever rule; an unknown person is a fact, not an error (no leak)."""
    declarant = uow.citizen(command.cpr)
    samlever_cpr = Cpr.parse(command.samlever_cpr).digits
    address_key = command.moving_in_address_key or declarant.address.key
    samlever = uow.registry.find_citizen(samlever_cpr)
    on = uow.today()
    if samlever is None:
        return SamleverFacts(
            on,
            declarant.cpr,
            declarant.parents,
            samlever_cpr,
            False,
            declarant_birth_date=declarant.birth_date,
            declarant_civil_status=str(declarant.civil_status),
        )
    return SamleverFacts(
        on=on,
        declarant_cpr=declarant.cpr,
        declarant_parents=declarant.parents,
        samlever_cpr=samlever_cpr,
        samlever_known=True,
        at_moving_in_address=samlever.address.key == address_key,
        samlever_protected=samlever.protected,
        samlever_status=samlever.status,
        samlever_birth_date=samlever.birth_date,
        samlever_civil_status=str(samlever.civil_status),
        samlever_parents=samlever.parents,
        declarant_birth_date=declarant.birth_date,
        declarant_civil_status=str(declarant.civil_status),
    )


def declare_samlever(command: DeclareSamlever, uow: UnitOfWork) -> Case:
    """Record the samlever on the citizen and on a completed SAMLEVER case, or refuse."""
    facts = gather_samlever_facts(uow, command)
    decision = check_samlever(facts, uow.parameters).decision
    uow.decided(f"DeclareSamlever {command.cpr}", decision)
    if not decision.allowed:
        raise RuleRefused(decision)
    declarant = uow.citizen(command.cpr)
    samlever = uow.citizen(facts.samlever_cpr)
    details = SamleverDetails(
        samlever=PersonRef(samlever.cpr, samlever.name),
        previous_samlever=declarant.declared_samlever,
        moving_in_address_key=command.moving_in_address_key or declarant.address.key,
        decision_codes=list(decision.codes),
    )
    case = build_case(
        uow,
        details,
        main_cpr=declarant.cpr,
        municipality_code=samlever.municipality_code  # the moving-in municipality
        if command.moving_in_address_key
        else declarant.municipality_code,
        status=CaseStatus.COMPLETED,
        actor=command.actor,
        effective_date=facts.on,
    )
    uow.registry.before_change(declarant, "declared_samlever")
    declarant.declared_samlever = samlever.cpr
    register_case(uow, case)
    uow.emit(SamleverDeclared(case.case_id, declarant.cpr, samlever.cpr))
    uow.emit(CaseCompleted(case.case_id, case.case_type))
    return case
