"""The demo narrator's sentences for the system's events, in Danish and English."""

from __future__ import annotations

from sandbox.domain.decisions import Language
from sandbox.domain.model import CASE_TYPE_DA, CaseType
from sandbox.service import events as e
from sandbox.service.unit_of_work import UnitOfWork


def _name(uow: UnitOfWork, cpr: str | None) -> str:
    citizen = uow.registry.citizens.get(cpr or "")
    return f"{citizen.name} ({cpr})" if citizen is not None else str(cpr)


def _practice(uow: UnitOfWork, ydernummer: str) -> str:
    practice = uow.registry.practices.get(ydernummer)
    return f"{practice.name} ({ydernummer})" if practice is not None else ydernummer


def describe_event(event: e.Event, uow: UnitOfWork, language: Language) -> str | None:
    da = language == "da"
    if isinstance(event, e.CaseCreated):
        kind = CaseType(event.case_type)
        label = CASE_TYPE_DA[kind] if da else kind.value
        who = _name(uow, event.main_cpr)
        case = uow.registry.cases.get(event.case_id)
        status = case.status.value if case is not None else ""
        return (
            f"Forløb {event.case_id} '{label}' oprettet for {who} (status {status})"
            if da
            else f"Case {event.case_id} '{label}' created for {who} (status {status})"
        )
    if isinstance(event, e.GpChosen):
        who, where = _name(uow, event.cpr), _practice(uow, event.ydernummer)
        return (
            f"{who} tilmeldes {where} fra {event.effective_date}"
            if da
            else f"{who} is listed with {where} from {event.effective_date}"
        )
    if isinstance(event, e.GroupChanged):
        who = _name(uow, event.cpr)
        return (
            f"{who} er i sikringsgruppe {event.group} fra {event.valid_from}"
            if da
            else f"{who} is in insurance group {event.group} from {event.valid_from}"
        )
    if isinstance(event, e.LetterWritten):
        who = _name(uow, event.recipient_cpr)
        return (
            f"Brev {event.letter_id} ({event.template}) til hovedpersonen {who}"
            if da
            else f"Letter {event.letter_id} ({event.template}) to the main person {who}"
        )
    if isinstance(event, e.HealthCardOrdered):
        who = _name(uow, event.cpr)
        if event.physical:
            how = (
                ("selvstændig bestilling" if da else "standalone order") if event.standalone else ""
            )
            return (
                f"Fysisk sundhedskort bestilt til {who} {how}".rstrip()
                if da
                else f"Physical health card ordered for {who} {how}".rstrip()
            )
        return (
            f"Kortbestilling sprunget over for {who}: fravalgt fysisk kort (LUNA)"
            if da
            else f"Card order skipped for {who}: opted out of the physical card (LUNA)"
        )
    if isinstance(event, e.LunaAttemptFailed):
        return (
            f"LUNA svarede ikke ({event.fault}) for {event.case_id}, forsøg {event.attempts}; "
            "forløbet venter og forsøges igen"
            if da
            else f"LUNA did not answer ({event.fault}) for {event.case_id}, attempt "
            f"{event.attempts}; the case waits and is retried"
        )
    if isinstance(event, e.CaseRegisteredInLuna):
        return (
            f"{event.case_id} registreret i LUNA ({event.luna_id}) efter {event.attempts} forsøg"
            if da
            else f"{event.case_id} registered in LUNA ({event.luna_id}) after "
            f"{event.attempts} attempt(s)"
        )
    if isinstance(event, e.CaseCompleted):
        return f"{event.case_id} gennemført" if da else f"{event.case_id} completed"
    return _other(event, uow, da)


def _other(event: e.Event, uow: UnitOfWork, da: bool) -> str | None:
    if isinstance(event, e.CitizenMoved):
        who = _name(uow, event.cpr)
        return (
            f"CPR: {who} flyttet {event.from_municipality} → {event.to_municipality} ({event.on})"
            if da
            else f"CPR: {who} moved {event.from_municipality} → {event.to_municipality} "
            f"({event.on})"
        )
    if isinstance(event, e.CitizenNamed):
        who = _name(uow, event.cpr)
        if event.vulnerable:
            return (
                f"CPR: {who} navngivet {event.on}: sårbar situation, manuel opgave, intet kort"
                if da
                else f"CPR: {who} named {event.on}: vulnerable situation, manual task, no card"
            )
        return f"CPR: {who} navngivet {event.on}" if da else f"CPR: {who} named {event.on}"
    if isinstance(event, e.CitizenRenumbered):
        return (
            f"CPR: {event.old} omnummereret til {event.new}; gammelt nummer → gruppe 8"
            if da
            else f"CPR: {event.old} renumbered to {event.new}; old number → group 8"
        )
    if isinstance(event, e.GpChoiceCancelled):
        return (
            f"Lægevalget {event.case_id} annulleret ({event.reason_code})"
            if da
            else f"GP choice {event.case_id} cancelled ({event.reason_code})"
        )
    if isinstance(event, e.SamleverDeclared):
        return (
            f"{_name(uow, event.cpr)} har angivet {_name(uow, event.samlever_cpr)} som samlever"
            if da
            else f"{_name(uow, event.cpr)} declared {_name(uow, event.samlever_cpr)} as samlever"
        )
    if isinstance(event, e.PracticeEventRegistered):
        return (
            f"Praksishændelse {event.event_id} ({event.kind}) på {_practice(uow, event.ydernummer)}"
            f" fra {event.effective_date}"
            if da
            else f"Practice event {event.event_id} ({event.kind}) at "
            f"{_practice(uow, event.ydernummer)} from {event.effective_date}"
        )
    if isinstance(event, e.InsuranceEnded):
        return (
            f"{_name(uow, event.cpr)}: sikringen ophører ({event.kind})"
            if da
            else f"{_name(uow, event.cpr)}: insurance ends ({event.kind})"
        )
    name = type(event).__name__
    return name
