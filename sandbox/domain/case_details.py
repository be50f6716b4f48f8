"""Forløbsdetaljer - what a case carries besides its status: one typed class per case type.

Every case holds one of these in ``Case.details`` (`sandbox.domain.model`): `GpChoiceDetails`
for Lægevalg, `GroupChangeDetails` for Gruppeskift, and so on (`AnyCaseDetails`). They are
slotted dataclasses, so a case's facts cost a fixed few bytes each instead of a dict entry, and a
misspelt name is an error, not a silent new key. `CaseDetails`, the base class, holds what any
case may get from the machinery around it: its LUNA receipt, its tasks, the card order it caused
and why it was cancelled.

Memory (a national year holds millions of cases): facts that few cases get are grouped in one
optional part each - `CaseExtras` (tasks, cancellation) for any case; `ChoiceMove`,
`Assignment` and `ChoiceOutcome` for a GP choice; `MissingCause`, `MissingAfterEvent` and
`MissingProgress` for a missing choice - made when first set, so a plain case pays one empty
slot per group, not one per fact. Handlers read and write those facts as plain attributes of
the details (`_InPart`); `to_json` shows them as before, in the same order.

A field that is None was never set. `to_json` gives the JSON object the API and the console show:
the fields set, by their names, with dates as ISO strings - the same keys the untyped details had
(a fact that was written as an explicit null is now simply absent).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from enum import Enum, StrEnum
from operator import attrgetter
from typing import Any, ClassVar, Generic, TypeVar, overload

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
    if isinstance(value, CaseDetails):
        return value.to_json()
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
    decision_codes: Sequence[str] | None = None
    exception: str | None = None
    # the fee and its reasons (`fee`), kept here rather than in a `PersonFee` of their own
    fee_dkk: int | None = None
    fee_reason_codes: list[str] | None = None

    @property
    def fee(self) -> PersonFee | None:
        """The person's fee and its reasons (None: no fee decided for the person)."""
        if self.fee_dkk is None:
            return None
        return PersonFee(self.fee_dkk, self.fee_reason_codes or [])


# one tuple for each distinct list of decision codes (`shared_codes`)
_CODES: dict[tuple[str, ...], tuple[str, ...]] = {}


def shared_codes(codes: Iterable[str]) -> tuple[str, ...]:
    """The decision codes as a tuple shared by every case decided the same way: a national
    year's millions of GP choices have a few hundred distinct lists of codes, and a case's
    codes are its decision as made, never changed."""
    found = tuple(codes)
    return _CODES.setdefault(found, found)


_T = TypeVar("_T")


class _InPart(Generic[_T]):
    """A details attribute kept in one of the details' optional parts: the slot ``part`` holds
    a `CaseExtras`, `ChoiceMove` or `ChoiceOutcome`, made (``make``) when a value other than
    the default is first written. A case that never has such a fact pays one empty slot for
    the whole group instead of one slot per fact; readers and writers see a plain attribute.
    """

    __slots__ = ("default", "make", "name", "part")

    def __init__(self, part: str, make: Callable[[], object]) -> None:
        self.part, self.make = part, make

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        self.default = getattr(self.make(), name)

    @overload
    def __get__(self, details: None, owner: type) -> _InPart[_T]: ...
    @overload
    def __get__(self, details: object, owner: type) -> _T: ...
    def __get__(self, details: object | None, owner: type) -> _InPart[_T] | _T:
        if details is None:
            return self
        part = getattr(details, self.part)
        found: _T = self.default if part is None else getattr(part, self.name)
        return found

    def __set__(self, details: object, value: _T) -> None:
        part = getattr(details, self.part)
        if part is None:
            if value is self.default:
                return  # nothing to keep: the same as a case that never had it
            part = self.make()
            setattr(details, self.part, part)
        setattr(part, self.name, value)


@dataclass(slots=True)
class CaseExtras:
    """Sjældne forløbsoplysninger - what few cases of any type get: tasks and a cancellation
    (`CaseDetails.task_id` ... read and write them; made on the first write)."""

    # the main manual or system task of the case (missing choice, practice event)
    task_id: str | None = None
    # the further manual tasks put on the case (case_factory.add_manual_task)
    task_ids: list[str] | None = None
    # why a pending case was cancelled (case_factory.cancel_case), e.g. ADDRESS_MISMATCH
    cancelled_reason: str | None = None


@dataclass(slots=True, kw_only=True)
class CaseDetails:
    """Forløbsdetaljer - what any case may carry; the base of every case type's details."""

    # LUNA's id for the case's registration, and the attempts it took (handlers/outbox.py)
    luna_id: str | None = None
    luna_attempts: int | None = None
    # the "Bestil Sundhedskort" case this case caused (sandbox/service/card_ordering.py)
    card_order_case_id: str | None = None
    # the rule codes of the decision that made the case, main person first
    decision_codes: Sequence[str] | None = None
    # the rarely set facts below (tasks, cancellation), None while the case has none
    extras: CaseExtras | None = None

    task_id = _InPart[str | None]("extras", CaseExtras)
    task_ids = _InPart[list[str] | None]("extras", CaseExtras)
    cancelled_reason = _InPart[str | None]("extras", CaseExtras)

    def add_task(self, task_id: str) -> None:
        """Note one more manual task on the case."""
        task_ids = self.task_ids
        if task_ids is None:
            task_ids = self.task_ids = []
        task_ids.append(task_id)

    def all_task_ids(self) -> tuple[str, ...]:
        """The main task (if any), then the further ones."""
        main = (self.task_id,) if self.task_id is not None else ()
        return (*main, *(self.task_ids or ()))

    def own_fee(self) -> int | None:
        """The fee the case itself charges, if it is a case that charges one."""
        return None

    def to_json(self) -> dict[str, Any]:
        """The details as the API and the console show them (see the module docstring): the
        facts set, in the order the details had them as one flat class."""
        found: dict[str, Any] = {}
        for name in _shown_names(type(self)):
            value = getattr(self, name)
            if value is not None:
                found[name] = to_json(value)
        return found


def as_they_are(details: CaseDetails) -> list[Saved]:
    """``details`` as they are now, for `put_back_details` (a rollback: the store's
    `before_details_change`): their fields, the fields of the optional parts they have, and
    the contents of the lists and dicts they hold, which handlers may add to in place."""
    saved = [_saved(details)]
    saved += [_saved(value) for value in saved[0][2] if type(value) in _PART_TYPES]
    return saved


def put_back_details(saved: list[Saved]) -> None:
    """Put details back as `as_they_are` saw them."""
    for holder, names, values, contents in saved:
        for name, value in zip(names, values, strict=True):
            setattr(holder, name, value)
        for value, kept in contents:
            if type(value) is list:
                value[:] = kept
            else:
                value.clear()
                value.update(kept)


Saved = tuple[Any, tuple[str, ...], tuple[Any, ...], list[tuple[Any, Any]]]


def _saved(holder: Any) -> Saved:
    """A details object's or a part's fields, with copies of the lists' and dicts' contents."""
    names, read = _readers(type(holder))
    values = read(holder)
    contents = [(v, v.copy()) for v in values if type(v) is list or type(v) is dict]
    return holder, names, values, contents


_READERS: dict[type, tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]] = {}


def _readers(kind: type) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]:
    """The type's field names and one call reading them all (a tuple, also for one field)."""
    found = _READERS.get(kind)
    if found is None:
        names = tuple(each.name for each in fields(kind))
        getter = attrgetter(*names)
        read = getter if len(names) > 1 else (lambda holder: (getter(holder),))
        found = _READERS[kind] = (names, read)
    return found


# the names `to_json` shows, in their order: the base's, then each type's own (_shown_names)
_BASE_SHOWN = (
    "luna_id",
    "luna_attempts",
    "task_id",
    "task_ids",
    "card_order_case_id",
    "cancelled_reason",
    "decision_codes",
)
_SHOWN: dict[type, tuple[str, ...]] = {}


def _shown_names(kind: type) -> tuple[str, ...]:
    """The base's shown names, then the type's own fields (a GP choice lists its own)."""
    names = _SHOWN.get(kind)
    if names is None:
        base = {each.name for each in fields(CaseDetails)}
        own = tuple(each.name for each in fields(kind) if each.name not in base)
        names = _SHOWN[kind] = (*_BASE_SHOWN, *own)
    return names


@dataclass(slots=True)
class ChoiceMove:
    """Lægevalg ved flytning - a GP choice tied to a move: made ahead of one (SPEC 3.8) or for a
    move from Greenland (release 1.1 item 7; handlers/greenland.py), and what CPR's move
    brought. Read and written as the `GpChoiceDetails` attributes of the same names."""

    # made ahead of a move: the moving-in address CPR's move must report
    ahead_of_move: bool = False
    expected_address_key: str | None = None
    expected_address: str | None = None
    expected_move_date: date | None = None
    from_greenland: bool = False
    reason: str | None = None  # MOVE_FROM_GREENLAND for such a choice
    # the day CPR's move approved the pending choice
    approved_on: date | None = None
    reported_address: str | None = None  # the other address CPR reported (cancelled)


@dataclass(slots=True)
class ChoiceOutcome:
    """Udfald - how a GP choice that waited ended: the doctor's answer, the date asked for
    when it had passed by then (dispensation), why it was cancelled. Read and written as the
    `GpChoiceDetails` attributes of the same names."""

    doctor_acceptance: DoctorAcceptance | None = None
    effective_date_requested: date | None = None
    cancel_reason: CancelReason | None = None


@dataclass(slots=True, kw_only=True)
class GpChoiceDetails(CaseDetails):
    """Lægevalg - the choice made, for whom, on what basis and at what fee
    (`sandbox.service.handlers.gp_choice`)."""

    ydernummer: str  # the chosen practice
    practice_name: str
    # the main person first: most choices are one person's, kept as itself rather than in a
    # tuple of one (48 bytes a choice); read them with `each_person`
    persons: PersonChoice | tuple[PersonChoice, ...] = ()
    # e.g. DOCTOR_ACCEPTANCE; a tuple, so the usual none is the shared empty one (and so is
    # ``group_changed``'s none): two empty lists were 112 bytes a choice
    conditions: tuple[str, ...] = ()
    change_to_group_1: bool = False  # the choice also moves the persons to group 1
    fee_dkk: int | None = None  # the case's total fee
    fee_reason_codes: list[str] | None = None  # the main person's fee reasons
    samlever: PersonRef | None = None  # chosen through a declared samlever
    # what the pending choice waits for (None: nothing, or not pending)
    awaiting: Awaiting | None = None
    group_changed: tuple[str, ...] | None = None  # the persons moved to group 1 when registered
    # the facts of rarer choices, each group None while the choice has none of it: a choice
    # tied to a move, an administrative or split assignment, a doctor's answer or cancellation
    move: ChoiceMove | None = None
    assignment: Assignment | None = None
    outcome: ChoiceOutcome | None = None

    ahead_of_move = _InPart[bool]("move", ChoiceMove)
    expected_address_key = _InPart[str | None]("move", ChoiceMove)
    expected_address = _InPart[str | None]("move", ChoiceMove)
    expected_move_date = _InPart[date | None]("move", ChoiceMove)
    from_greenland = _InPart[bool]("move", ChoiceMove)
    reason = _InPart[str | None]("move", ChoiceMove)
    approved_on = _InPart[date | None]("move", ChoiceMove)
    reported_address = _InPart[str | None]("move", ChoiceMove)
    doctor_acceptance = _InPart[DoctorAcceptance | None]("outcome", ChoiceOutcome)
    effective_date_requested = _InPart[date | None]("outcome", ChoiceOutcome)
    cancel_reason = _InPart[CancelReason | None]("outcome", ChoiceOutcome)

    # an administrative assignment after "Manglende lægevalg" (handlers/daily_work.py) or
    # after a practice split (handlers/practice_event_split.py): `Assignment.apply_to`
    @property
    def administrative(self) -> bool:
        return self.assignment is not None

    @property
    def missing_case_id(self) -> str | None:
        return None if self.assignment is None else self.assignment.missing_case_id

    @property
    def choose_by(self) -> date | None:
        """The deadline the citizen had to choose by."""
        return None if self.assignment is None else self.assignment.choose_by

    @property
    def assignment_decision_codes(self) -> list[str] | None:
        return None if self.assignment is None else self.assignment.decision_codes

    @property
    def split_assignment(self) -> bool:
        return self.assignment is not None and self.assignment.split_event_id is not None

    @property
    def split_event_id(self) -> str | None:
        return None if self.assignment is None else self.assignment.split_event_id

    @property
    def split_from(self) -> str | None:
        """The split practice's ydernummer (an assignment after a split only)."""
        assignment = self.assignment
        if assignment is None or assignment.split_event_id is None:
            return None
        return assignment.split_from

    def own_fee(self) -> int | None:
        return self.fee_dkk

    def each_person(self) -> tuple[PersonChoice, ...]:
        """The persons the choice is for, the main person first."""
        persons = self.persons
        return (persons,) if isinstance(persons, PersonChoice) else persons

    @property
    def basis(self) -> dict[str, str]:
        """Per CPR: the basis of the listing the choice makes."""
        return {person.cpr: person.basis for person in self.each_person()}

    @property
    def decision_codes_by_cpr(self) -> dict[str, Sequence[str]] | None:
        """Per CPR: the decision's codes (None: not decided by the GP-choice rules)."""
        if any(person.decision_codes is None for person in self.each_person()):
            return None
        return {person.cpr: person.decision_codes or [] for person in self.each_person()}

    @property
    def exceptions(self) -> dict[str, str] | None:
        """Per CPR: the closed-doctor exception used, for the persons who used one."""
        if any(person.exception is None for person in self.each_person()):
            return None
        return {person.cpr: person.exception for person in self.each_person() if person.exception}

    @property
    def fees(self) -> dict[str, PersonFee] | None:
        """Per CPR: the person's fee and its reasons."""
        found = {person.cpr: person.fee for person in self.each_person() if person.fee is not None}
        return found if len(found) == len(self.each_person()) else None

    def to_json(self) -> dict[str, Any]:
        """As `CaseDetails.to_json`, with the persons' parts as the dicts keyed by CPR number
        the API has always shown (``basis``, ``decision_codes_by_cpr``, ``exceptions``,
        ``fees``), and the flags of a rarer kind of choice (ahead of a move, from Greenland, an
        assignment) only when they are set, as before."""
        found = CaseDetails.to_json(self)
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
# the order the API has always shown a GP choice's own facts in (its fields as one flat class)
_SHOWN[GpChoiceDetails] = (
    *_BASE_SHOWN,
    "ydernummer",
    "practice_name",
    "conditions",
    "change_to_group_1",
    "fee_dkk",
    "fee_reason_codes",
    "samlever",
    "awaiting",
    "ahead_of_move",
    "expected_address_key",
    "expected_address",
    "expected_move_date",
    "from_greenland",
    "reason",
    "approved_on",
    "reported_address",
    "doctor_acceptance",
    "effective_date_requested",
    "cancel_reason",
    "group_changed",
    "administrative",
    "missing_case_id",
    "choose_by",
    "assignment_decision_codes",
    "split_assignment",
    "split_event_id",
    "split_from",
)


@dataclass(frozen=True, slots=True)
class Assignment:
    """Administrativ tildeling - why the municipality chose the doctor (GP-choice details)."""

    missing_case_id: str | None  # the "Manglende lægevalg" the assignment resolves
    choose_by: date
    decision_codes: list[str]
    split_event_id: str | None = None  # an assignment after a practice split
    split_from: str | None = None

    def apply_to(self, details: GpChoiceDetails) -> None:
        details.assignment = self  # shown as the details' administrative, choose_by ...


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
    key: str | None = None  # `trigger_key` as kept (`key_of`)
    trigger_case_id: str | None = None
    standalone: bool = False
    standalone_reason: str | None = None  # StandaloneReason's value
    orders: str | tuple[str, ...] = ()  # `card_orders` as kept: one order id itself
    fee_dkk: int = 0  # the orders' total
    # the fields as `sandbox.jsonable` shows them (a replay's case): `key` as ``trigger_key``,
    # `orders` as ``card_orders``
    JSON_FIELDS: ClassVar[tuple[str, ...]]

    def own_fee(self) -> int | None:
        return self.fee_dkk

    @property
    def card_orders(self) -> tuple[str, ...]:
        """The order ids, one per person, in the order they were made. Most card cases order
        one card: `orders` keeps that id itself, not in a tuple of one (48 bytes a case)."""
        orders = self.orders
        return (orders,) if isinstance(orders, str) else orders

    @card_orders.setter
    def card_orders(self, order_ids: Sequence[str]) -> None:
        self.orders = order_ids[0] if len(order_ids) == 1 else tuple(order_ids)

    @property
    def trigger_key(self) -> str | None:
        """One card case per triggering case or event: "case:F00000001", "move:..."."""
        key = self.key
        return f"{key}{self.trigger_case_id}" if key == BY_TRIGGER_CASE else key

    @staticmethod
    def key_of(trigger_key: str | None, trigger_case_id: str | None) -> str | None:
        """What `key` keeps of ``trigger_key``: the prefix alone when the rest is the
        triggering case's id, which the details keep anyway."""
        if trigger_case_id is not None and trigger_key == f"{BY_TRIGGER_CASE}{trigger_case_id}":
            return BY_TRIGGER_CASE
        return trigger_key


# A card case ordered for a case (a GP choice, a group change ...) is keyed "case:" and that
# case's id; about a third of a year's card cases are, and their key, 64 bytes each, is not kept
# but made when read. `to_json` shows it as ``trigger_key``, where it always was.
BY_TRIGGER_CASE = "case:"
_CARD_SHOWN_AS = {"key": "trigger_key", "orders": "card_orders"}
CardOrderDetails.JSON_FIELDS = tuple(
    _CARD_SHOWN_AS.get(each.name, each.name) for each in fields(CardOrderDetails)
)
_SHOWN[CardOrderDetails] = tuple(
    _CARD_SHOWN_AS.get(name, name) for name in _shown_names(CardOrderDetails)
)


@dataclass(slots=True)
class MissingCause:
    """Hvad åbnede sagen - what opened a "Manglende lægevalg" besides its reason: the group
    change, the cancelled choices (ahead of a move, from Greenland), the old number of a
    renumbering. Read and written as the `MissingGpChoiceDetails` attributes of the same names."""

    group_case_id: str | None = None
    cancelled_choice_ids: list[str] | None = None
    cancelled_case_id: str | None = None
    old_cpr: str | None = None


@dataclass(slots=True)
class MissingAfterEvent:
    """Efter en praksishændelse - the practice event whose free period ended a listing, for a
    "Manglende lægevalg" it opened (`MissingGpChoiceDetails` attributes of the same names)."""

    event_id: str | None = None
    ydernummer: str | None = None  # the practice whose event ended the listing
    listing_ended_on: date | None = None
    listing_kept: bool = False  # a closure that keeps the listing until a choice


@dataclass(slots=True)
class MissingProgress:
    """Forløbet indtil videre - a later choice that will end the gap, noted until it starts;
    the daily work's administrative GP choice, or the manual task when none could be made
    (`MissingGpChoiceDetails` attributes of the same names)."""

    chosen_in: str | None = None
    chosen_from: date | None = None
    assigned_in: str | None = None
    assignment_task_id: str | None = None


@dataclass(slots=True, kw_only=True)
class MissingGpChoiceDetails(CaseDetails):
    """Manglende lægevalg - why a group-1 citizen is without a doctor, by when to choose, and
    what resolved it (handlers/cpr_cases.py, practice_event_cases.py, daily_work.py). What
    opened it, the practice event behind it and how it went are each one optional part."""

    reason: str  # MOVE_BEYOND_LIMIT, GROUP_2_TO_1, practice_event_closure ...
    choose_by: date
    registered_in_luna: bool = False  # never: the choice that resolves it is registered
    luna: str = "not_required"
    # the deadline parameter used (missingChoiceDeadlineDays)
    parameters: list[ParameterUse] | None = None
    resolved_by: str | None = None  # the case whose listing resolved it
    cause: MissingCause | None = None
    practice_event: MissingAfterEvent | None = None
    progress: MissingProgress | None = None

    group_case_id = _InPart[str | None]("cause", MissingCause)
    cancelled_choice_ids = _InPart[list[str] | None]("cause", MissingCause)
    cancelled_case_id = _InPart[str | None]("cause", MissingCause)
    old_cpr = _InPart[str | None]("cause", MissingCause)
    event_id = _InPart[str | None]("practice_event", MissingAfterEvent)
    ydernummer = _InPart[str | None]("practice_event", MissingAfterEvent)
    listing_ended_on = _InPart[date | None]("practice_event", MissingAfterEvent)
    listing_kept = _InPart[bool]("practice_event", MissingAfterEvent)
    chosen_in = _InPart[str | None]("progress", MissingProgress)
    chosen_from = _InPart[date | None]("progress", MissingProgress)
    assigned_in = _InPart[str | None]("progress", MissingProgress)
    assignment_task_id = _InPart[str | None]("progress", MissingProgress)


# the order the API has always shown a missing choice's facts in (one flat class before)
_SHOWN[MissingGpChoiceDetails] = (
    *_BASE_SHOWN,
    "reason",
    "choose_by",
    "registered_in_luna",
    "luna",
    "parameters",
    "group_case_id",
    "cancelled_choice_ids",
    "cancelled_case_id",
    "old_cpr",
    "event_id",
    "ydernummer",
    "listing_ended_on",
    "listing_kept",
    "chosen_in",
    "chosen_from",
    "assigned_in",
    "assignment_task_id",
    "resolved_by",
)


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


# the optional parts a case's details may hold (`as_they_are` puts their fields back too)
_PART_TYPES = frozenset(
    {CaseExtras, ChoiceMove, ChoiceOutcome, MissingCause, MissingAfterEvent, MissingProgress}
)
