"""The demo narrator's sentences for the system's events, in Danish and English.

Dates, counts and municipality names are written as readers of each language expect them
(`sandbox.domain.danish`); statuses and kinds are named in the narration's language.
"""

from __future__ import annotations

from datetime import date

from sandbox.domain import danish
from sandbox.domain.decisions import Language
from sandbox.domain.errors import DomainError
from sandbox.domain.practice_events import (
    PRACTICE_EVENT_KIND_DA,
    PRACTICE_EVENT_KIND_EN,
    PracticeEventKind,
)
from sandbox.domain.rules.cpr_events import END_KINDS_DA, END_KINDS_EN
from sandbox.service import events as e
from sandbox.service import views
from sandbox.service.unit_of_work import UnitOfWork
from sandbox.simulation.demo_labels import case_status, case_type

FAULTS = {
    "timeout": ("intet svar i tide", "no answer in time"),
    "error": ("fejlsvar", "an error answer"),
    "drop_after_commit": (
        "registreret, men svaret gik tabt",
        "registered, but the answer was lost",
    ),
}


# letter templates not named after a case type
LETTERS = {
    "card_receipt": ("kvittering for sundhedskort", "health card receipt"),
    "greenland_move_approved": ("flytning fra Grønland godkendt", "move from Greenland approved"),
    "greenland_move_cancelled": (
        "flytning fra Grønland annulleret",
        "move from Greenland cancelled",
    ),
    "ahead_of_move_cancelled": (
        "lægevalg forud for flytning annulleret",
        "GP choice ahead of a move cancelled",
    ),
    "gp_assigned": ("tildelt læge", "GP assigned"),
    "dormant_start": ("hvilende sikring", "dormant insurance"),
    "dormant_return": ("tilbage fra hvilende sikring", "return from dormant insurance"),
    "gp_assigned_split": ("tildelt ny praksis efter opsplitning", "new practice after a split"),
}


def _fault(kind: str, da: bool) -> str:
    words = FAULTS.get(kind)
    return kind if words is None else words[0 if da else 1]


def _date(day: date, da: bool) -> str:
    return danish.date_da(day) if da else danish.date_en(day)


def _municipality(uow: UnitOfWork, code: str, da: bool) -> str:
    try:
        name = uow.geography.municipality_name(code)
    except DomainError:
        return code
    return danish.municipality_da(name) if da else danish.municipality_en(name)


def _practice_kind(kind: str, da: bool) -> str:
    try:
        known = PracticeEventKind(kind)
    except ValueError:
        return kind
    return PRACTICE_EVENT_KIND_DA[known] if da else PRACTICE_EVENT_KIND_EN[known]


def _name(uow: UnitOfWork, cpr: str | None) -> str:
    if cpr is None:
        return "-"
    citizen = views.known_citizen(uow, cpr)
    return f"{citizen.name} ({cpr})" if citizen is not None else str(cpr)


def _practice(uow: UnitOfWork, ydernummer: str) -> str:
    practice = views.find_practice(uow, ydernummer)
    return f"{practice.name} ({ydernummer})" if practice is not None else ydernummer


def describe_event(event: e.Event, uow: UnitOfWork, language: Language) -> str | None:
    da = language == "da"
    if isinstance(event, e.CaseCreated):
        label = case_type(event.case_type, language)
        case = views.find_case(uow, event.case_id)
        status = "" if case is None else f" (status: {case_status(case.status, language)})"
        if event.main_cpr is None:  # a practice's own case: no main person
            return (
                f"Forløb {event.case_id} '{label}' oprettet{status}"
                if da
                else f"Case {event.case_id} '{label}' created{status}"
            )
        who = _name(uow, event.main_cpr)
        return (
            f"Forløb {event.case_id} '{label}' oprettet for {who}{status}"
            if da
            else f"Case {event.case_id} '{label}' created for {who}{status}"
        )
    if isinstance(event, e.GpChosen):
        who, where = _name(uow, event.cpr), _practice(uow, event.ydernummer)
        return (
            f"{who} tilmeldes {where} fra den {_date(event.effective_date, da)}"
            if da
            else f"{who} is listed with {where} from {_date(event.effective_date, da)}"
        )
    if isinstance(event, e.GroupChanged):
        who = _name(uow, event.cpr)
        return (
            f"{who} er i sikringsgruppe {event.group} fra den {_date(event.valid_from, da)}"
            if da
            else f"{who} is in insurance group {event.group} from {_date(event.valid_from, da)}"
        )
    if isinstance(event, e.LetterWritten):
        who = _name(uow, event.recipient_cpr)
        try:
            template = case_type(event.template, language)
        except ValueError:  # a template named otherwise than a case type
            words = LETTERS.get(event.template)
            template = event.template if words is None else words[0 if da else 1]
        return (
            f"Brev {event.letter_id} ({template}) til hovedpersonen {who}"
            if da
            else f"Letter {event.letter_id} ({template}) to the main person {who}"
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
        fault = _fault(event.fault, da)
        return (
            f"LUNA svarede ikke ({fault}) for {event.case_id}, forsøg {event.attempts}; "
            "forløbet venter og forsøges igen"
            if da
            else f"LUNA did not answer ({fault}) for {event.case_id}, attempt "
            f"{event.attempts}; the case waits and is retried"
        )
    if isinstance(event, e.CaseRegisteredInLuna):
        return (
            f"{event.case_id} registreret i LUNA ({event.luna_id}) efter {event.attempts} forsøg"
            if da
            else f"{event.case_id} registered in LUNA ({event.luna_id}) after "
            f"{danish.plural(event.attempts, 'attempt', 'attempts', 'en')}"
        )
    if isinstance(event, e.CaseCompleted):
        return f"{event.case_id} gennemført" if da else f"{event.case_id} completed"
    return _other(event, uow, da)


def _other(event: e.Event, uow: UnitOfWork, da: bool) -> str | None:
    if isinstance(event, e.CitizenMoved):
        who = _name(uow, event.cpr)
        came = _municipality(uow, event.from_municipality, da)
        went = _municipality(uow, event.to_municipality, da)
        return (
            f"CPR: {who} flyttet fra {came} til {went} ({_date(event.on, da)})"
            if da
            else f"CPR: {who} moved from {came} to {went} ({_date(event.on, da)})"
        )
    if isinstance(event, e.CitizenNamed):
        who = _name(uow, event.cpr)
        if event.vulnerable:
            return (
                f"CPR: {who} navngivet den {_date(event.on, da)}: sårbar situation, manuel "
                "opgave, intet kort"
                if da
                else f"CPR: {who} named on {_date(event.on, da)}: vulnerable situation, manual "
                "task, no card"
            )
        on = _date(event.on, da)
        return f"CPR: {who} navngivet den {on}" if da else f"CPR: {who} named on {on}"
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
        kind, where = _practice_kind(event.kind, da), _practice(uow, event.ydernummer)
        return (
            f"Praksishændelse {event.event_id} ({kind}) på {where} fra den "
            f"{_date(event.effective_date, da)}"
            if da
            else f"Practice event {event.event_id} ({kind}) at {where} from "
            f"{_date(event.effective_date, da)}"
        )
    if isinstance(event, e.InsuranceEnded):
        kind = (END_KINDS_DA if da else END_KINDS_EN).get(event.kind, event.kind)
        return (
            f"{_name(uow, event.cpr)}: sikringen ophører ({kind})"
            if da
            else f"{_name(uow, event.cpr)}: insurance ends ({kind})"
        )
    return _more(event, uow, da)


def _more(event: e.Event, uow: UnitOfWork, da: bool) -> str | None:
    if isinstance(event, e.DoctorAcceptanceRequested):
        where = _practice(uow, event.ydernummer)
        return (
            f"Forløb {event.case_id} venter på, at lægen i {where} accepterer "
            f"{_name(uow, event.main_cpr)}"
            if da
            else f"Case {event.case_id} waits for the doctor at {where} to accept "
            f"{_name(uow, event.main_cpr)}"
        )
    if isinstance(event, e.PracticeEventWoundUp):
        ended = (
            danish.plural(event.listings_ended, "tilmelding", "tilmeldinger")
            if da
            else danish.plural(event.listings_ended, "listing", "listings", "en")
        )
        return (
            f"Praksishændelse {event.event_id} afsluttet: {ended} ophørt"
            if da
            else f"Practice event {event.event_id} wound up: {ended} ended"
        )
    if isinstance(event, e.AuditLogExtracted):
        span = f"{_date(event.period_from, da)} - {_date(event.period_to, da)}"
        rows = (
            danish.plural(event.rows, "linje", "linjer")
            if da
            else danish.plural(event.rows, "row", "rows", "en")
        )
        return (
            f"Revisionslog udtrukket af {event.user_id} for {span}: {rows}"
            if da
            else f"Audit log extracted by {event.user_id} for {span}: {rows}"
        )
    if isinstance(event, e.CitizenDataRestored):
        who = _name(uow, event.cpr)
        return (
            f"Data for {who} genoprettet (forløb {event.case_id})"
            if da
            else f"Data of {who} restored (case {event.case_id})"
        )
    return None  # the rest (practice status, dispensations) is told by the decisions
