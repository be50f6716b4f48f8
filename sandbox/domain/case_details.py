"""Forløbsdetaljer - what a case carries besides its status: one typed class per case type.

Every case holds one of these in ``Case.details`` (`sandbox.domain.model`): `GpChoiceDetails`
for Lægevalg, `GroupChangeDetails` for Gruppeskift, and so on (`AnyCaseDetails`). They are
slotted dataclasses, so a case's facts cost a fixed few bytes each instead of a dict entry, and a
misspelt name is an error, not a silent new key. `CaseDetails`, the base class, holds what any
case may get from the machinery around it: its LUNA receipt, its tasks, the card order it caused
and why it was cancelled.

A field that is None was never set. `to_json` gives the JSON object the API and the console show:
the fields set, by their names, with dates as ISO strings - the same keys the untyped details had
(a fact that was written as an explicit null is now simply absent).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime
from enum import Enum, StrEnum
from typing import Any

from sandbox.domain.decisions import ParameterUse


class Awaiting(StrEnum):
    """Hvad et afventende lægevalg venter på - what a pending GP choice waits for."""

    DOCTOR_ACCEPTANCE = "doctor_acceptance"  # a closed or distant doctor must accept first
    CPR_MOVE = "cpr_move"  # made ahead of a move: CPR's move approves or cancels it
    CPR_MOVE_FROM_GREENLAND = "cpr_move_from_greenland"  # release 1.1 item 7


def to_json(value: Any) -> Any:
    """JSON-ready: details and their parts as objects of their set fields, dates as ISO
    strings, tuples as lists, enums as their values."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, ParameterUse):
        return value.to_dict()
    if is_dataclass(value) and not isinstance(value, type):
        found = ((each.name, getattr(value, each.name)) for each in fields(value))
        return {name: to_json(item) for name, item in found if item is not None}
    if isinstance(value, dict):
        return {str(key): to_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)  # anything else as its text, as the API's `plain` does


@dataclass(frozen=True, slots=True)
class PersonRef:
    """Personhenvisning - a person named on a case (a samlever, an involved person)."""

    cpr: str
    name: str  # "" where the name may not be shown (a protected person)


@dataclass(frozen=True, slots=True)
class CancelReason:
    """Annulleringsårsag - why a GP choice was cancelled, in both languages."""

    code: str  # SUPERSEDED, DISPENSATION_REJECTED, MOVE_NOT_REPORTED
    da: str
    en: str


@dataclass(frozen=True, slots=True)
class DoctorAcceptance:
    """Lægens svar - the doctor's answer to a choice that needed their acceptance."""

    accepted: bool
    by: str  # the user who registered the answer
    at: datetime


@dataclass(frozen=True, slots=True)
class PersonFee:
    """Gebyr for én person - one person's fee on a GP choice and the reasons for it."""

    fee_dkk: int
    reason_codes: list[str]


@dataclass(frozen=True, slots=True)
class PersonChoice:
    """Én persons lægevalg - one person's part of a GP choice: the basis of the listing, and
    (where the GP-choice rules decided it) the decision's codes, the closed-doctor exception
    used ("" none) and the fee. A GP-choice case keeps one per person rather than four dicts
    keyed by CPR number (`GpChoiceDetails.basis` ... give those)."""

    cpr: str
    basis: str  # OPEN, EXCEPTION:<code>, DISPENSATION, KEEP, ADMINISTRATIVE ...
    decision_codes: list[str] | None = None
    exception: str | None = None
    fee: PersonFee | None = None


@dataclass(slots=True, kw_only=True)
class CaseDetails:
    """Forløbsdetaljer - what any case may carry; the base of every case type's details."""

    # LUNA's id for the case's registration, and the attempts it took (handlers/outbox.py)
    luna_id: str | None = None
    luna_attempts: int | None = None
    # the main manual or system task of the case (missing choice, practice event)
    task_id: str | None = None
    # the further manual tasks put on the case (handlers/cpr_cases.add_manual_task)
    task_ids: list[str] | None = None
    # the "Bestil Sundhedskort" case this case caused (sandbox/service/card_ordering.py)
    card_order_case_id: str | None = None
    # why a pending case was cancelled (handlers/cpr_cases.cancel_case), e.g. ADDRESS_MISMATCH
    cancelled_reason: str | None = None
    # the rule codes of the decision that made the case, main person first
    decision_codes: list[str] | None = None

    def add_task(self, task_id: str) -> None:
        """Note one more manual task on the case."""
        if self.task_ids is None:
            self.task_ids = []
        self.task_ids.append(task_id)

    def all_task_ids(self) -> tuple[str, ...]:
        """The main task (if any), then the further ones."""
        main = (self.task_id,) if self.task_id is not None else ()
        return (*main, *(self.task_ids or ()))

    def own_fee(self) -> int | None:
        """The fee the case itself charges, if it is a case that charges one."""
        return None

    def to_json(self) -> dict[str, Any]:
        """The details as the API and the console show them (see the module docstring)."""
        found = to_json(self)
        assert isinstance(found, dict)
        return found


@dataclass(slots=True, kw_only=True)
class GpChoiceDetails(CaseDetails):
    """Lægevalg - the choice made, for whom, on what basis and at what fee
    (`sandbox.service.handlers.gp_choice`)."""

    ydernummer: str  # the chosen practice
    practice_name: str
    persons: tuple[PersonChoice, ...] = ()  # the main person first
    conditions: list[str] = field(default_factory=list)  # e.g. DOCTOR_ACCEPTANCE
    change_to_group_1: bool = False  # the choice also moves the persons to group 1
    fee_dkk: int | None = None  # the case's total fee
    fee_reason_codes: list[str] | None = None  # the main person's fee reasons
    samlever: PersonRef | None = None  # chosen through a declared samlever
    # what the pending choice waits for (None: nothing, or not pending)
    awaiting: Awaiting | None = None
    # made ahead of a move (SPEC 3.8): the moving-in address CPR's move must report
    ahead_of_move: bool = False
    expected_address_key: str | None = None
    expected_address: str | None = None
    expected_move_date: date | None = None
    # made for a move from Greenland (release 1.1 item 7; handlers/greenland.py)
    from_greenland: bool = False
    reason: str | None = None  # MOVE_FROM_GREENLAND for such a choice
    # the day CPR's move approved the pending choice
    approved_on: date | None = None
    reported_address: str | None = None  # the other address CPR reported (cancelled)
    # the doctor's answer, and the date asked for when it had passed by then (dispensation)
    doctor_acceptance: DoctorAcceptance | None = None
    effective_date_requested: date | None = None
    cancel_reason: CancelReason | None = None
    group_changed: list[str] | None = None  # the persons moved to group 1 when registered
    # an administrative assignment after "Manglende lægevalg" (handlers/daily_work.py) or
    # after a practice split (handlers/practice_event_split.py)
    administrative: bool = False
    missing_case_id: str | None = None
    choose_by: date | None = None  # the deadline the citizen had to choose by
    assignment_decision_codes: list[str] | None = None
    split_assignment: bool = False
    split_event_id: str | None = None
    split_from: str | None = None  # the split practice's ydernummer

    def own_fee(self) -> int | None:
        return self.fee_dkk

    @property
    def basis(self) -> dict[str, str]:
        """Per CPR: the basis of the listing the choice makes."""
        return {person.cpr: person.basis for person in self.persons}

    @property
    def decision_codes_by_cpr(self) -> dict[str, list[str]] | None:
        """Per CPR: the decision's codes (None: not decided by the GP-choice rules)."""
        if any(person.decision_codes is None for person in self.persons):
            return None
        return {person.cpr: person.decision_codes or [] for person in self.persons}

    @property
    def exceptions(self) -> dict[str, str] | None:
        """Per CPR: the closed-doctor exception used, for the persons who used one."""
        if any(person.exception is None for person in self.persons):
            return None
        return {person.cpr: person.exception for person in self.persons if person.exception}

    @property
    def fees(self) -> dict[str, PersonFee] | None:
        """Per CPR: the person's fee and its reasons."""
        found = {person.cpr: person.fee for person in self.persons if person.fee is not None}
        return found if len(found) == len(self.persons) else None

    def to_json(self) -> dict[str, Any]:
        """As `CaseDetails.to_json`, with the persons' parts as the dicts keyed by CPR number
        the API has always shown (``basis``, ``decision_codes_by_cpr``, ``exceptions``,
        ``fees``), and the flags of a rarer kind of choice (ahead of a move, from Greenland, an
        assignment) only when they are set, as before."""
        found = CaseDetails.to_json(self)
        del found["persons"]
        for flag in _RARE_FLAGS:
            if found[flag] is False:
                del found[flag]
        per_cpr = {
            "basis": self.basis,
            "decision_codes_by_cpr": self.decision_codes_by_cpr,
            "exceptions": self.exceptions,
            "fees": self.fees,
        }
        return found | {
            name: to_json(value) for name, value in per_cpr.items() if value is not None
        }


_RARE_FLAGS = ("ahead_of_move", "from_greenland", "administrative", "split_assignment")


@dataclass(frozen=True, slots=True)
class Assignment:
    """Administrativ tildeling - why the municipality chose the doctor (GP-choice details)."""

    missing_case_id: str | None  # the "Manglende lægevalg" the assignment resolves
    choose_by: date
    decision_codes: list[str]
    split_event_id: str | None = None  # an assignment after a practice split
    split_from: str | None = None

    def apply_to(self, details: GpChoiceDetails) -> None:
        details.administrative = True
        details.missing_case_id = self.missing_case_id
        details.choose_by = self.choose_by
        details.assignment_decision_codes = self.decision_codes
        if self.split_event_id is not None:
            details.split_assignment = True
            details.split_event_id = self.split_event_id
            details.split_from = self.split_from


@dataclass(slots=True, kw_only=True)
class GroupChangeDetails(CaseDetails):
    """Gruppeskift - the new group, from when, why and at what fee (handlers/groups.py)."""

    group: int
    previous_group: int | None
    valid_from: date
    reason: str  # CHANGE or an exemption code (MOVE_FROM_GREENLAND, DORMANT ...)
    fee_dkk: int
    fee_reason_codes: list[str]
    ydernummer: str | None = None  # the practice a group-1 citizen is listed with again
    # hvilende sikring (handlers/dormant.py): the kind of stay and its expected end
    dormant_kind: str | None = None
    expected_end: date | None = None

    def own_fee(self) -> int | None:
        return self.fee_dkk


@dataclass(slots=True, kw_only=True)
class CardOrderDetails(CaseDetails):
    """Bestil Sundhedskort - why cards were ordered and the orders made
    (`sandbox.service.card_ordering`)."""

    trigger: str  # CardTrigger's value
    trigger_key: str | None = None  # one card case per triggering case or event
    trigger_case_id: str | None = None
    standalone: bool = False
    standalone_reason: str | None = None  # StandaloneReason's value
    card_orders: list[str] = field(default_factory=list)  # order ids, one per person
    fee_dkk: int = 0  # the orders' total

    def own_fee(self) -> int | None:
        return self.fee_dkk


@dataclass(slots=True, kw_only=True)
class MissingGpChoiceDetails(CaseDetails):
    """Manglende lægevalg - why a group-1 citizen is without a doctor, by when to choose, and
    what resolved it (handlers/cpr_cases.py, practice_event_cases.py, daily_work.py)."""

    reason: str  # MOVE_BEYOND_LIMIT, GROUP_2_TO_1, practice_event_closure ...
    choose_by: date
    registered_in_luna: bool = False  # never: the choice that resolves it is registered
    luna: str = "not_required"
    # the deadline parameter used (missingChoiceDeadlineDays)
    parameters: list[ParameterUse] | None = None
    # what opened it: the group change, the cancelled choices (ahead of a move, from
    # Greenland), the old number of a renumbering, the practice event
    group_case_id: str | None = None
    cancelled_choice_ids: list[str] | None = None
    cancelled_case_id: str | None = None
    old_cpr: str | None = None
    event_id: str | None = None
    ydernummer: str | None = None  # the practice whose event ended the listing
    listing_ended_on: date | None = None
    listing_kept: bool = False  # a closure that keeps the listing until a choice
    # a later choice that will end the gap, noted until it starts
    chosen_in: str | None = None
    chosen_from: date | None = None
    # the daily work: the administrative GP choice made, or the manual task when none could be
    assigned_in: str | None = None
    assignment_task_id: str | None = None
    resolved_by: str | None = None  # the case whose listing resolved it


@dataclass(slots=True, kw_only=True)
class PracticeEventDetails(CaseDetails):
    """Praksishændelse - one municipality's (or the yder's) case of a practice event
    (handlers/practice_event_cases.py)."""

    event_id: str
    ydernummer: str
    practice_name: str
    kind: str  # PracticeEventKind's value
    kind_da: str
    successors: list[str]
    significant_for_patients: bool
    description_da: str
    free_period_end: date
    registered_in_luna: bool = False
    involved_persons: list[PersonRef] | None = None  # a closure or split, per municipality
    # the deadline processing: the listings it ended, and choices brought forward (CPR -> yder)
    listings_ended: list[str] | None = None
    choices_brought_forward: dict[str, str] | None = None


@dataclass(slots=True, kw_only=True)
class BirthDetails(CaseDetails):
    """Fødsel - the newborn's group and doctor from the birth-giving parent
    (handlers/births.py)."""

    reason: str  # NEWBORN
    birth_date: date
    registered_on: date
    parent: str | None  # the birth-giving parent's CPR number
    group: int
    ydernummer: str | None
    valid_from: date


@dataclass(slots=True, kw_only=True)
class RenumberingDetails(CaseDetails):
    """Omnummerering - a new CPR number inherits the old one's group and doctor, or an
    annulled number inherits nothing (handlers/renumbering.py, annulment.py)."""

    reason: str
    old_cpr: str
    new_cpr: str | None  # None: the number was annulled without a new one
    annulment: bool
    old_number_group: int | None
    group: int | None = None
    ydernummer: str | None = None


@dataclass(slots=True, kw_only=True)
class SamleverDetails(CaseDetails):
    """Angivelse af samlever - the declared samlever (handlers/samlever.py)."""

    samlever: PersonRef
    previous_samlever: str | None
    moving_in_address_key: str
    luna: str = "not_required"


@dataclass(slots=True, kw_only=True)
class DataRestoreDetails(CaseDetails):
    """Datagenopretning - the moment restored to and what changed (handlers/restore.py)."""

    as_of: datetime
    restored: dict[str, Any]  # the restore's difference report


AnyCaseDetails = (
    GpChoiceDetails
    | GroupChangeDetails
    | CardOrderDetails
    | MissingGpChoiceDetails
    | PracticeEventDetails
    | BirthDetails
    | RenumberingDetails
    | SamleverDetails
    | DataRestoreDetails
)
