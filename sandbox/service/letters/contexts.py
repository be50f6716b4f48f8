"""What each letter says: a context builder per case type, and the table that picks them.

Release 1.1 item 6 (SPEC 7.5): one letter per case, to its MAIN person only, listing the
involved persons; a card receipt only for a standalone order. `LETTERS` maps a case type to a
builder that returns the template name and its context, or None when the case gets no letter
(an automatic card order). When it is written - a case completed by LUNA, or one created, such
as "Manglende lægevalg", which asks the citizen to act - is wired in the one table of
`sandbox.service.bootstrap` (``EVENT_HANDLERS``, `sandbox.service.handlers.letters.WriteLetter`).

No letter for a birth (Fødsel): its case completes when CPR registers the child, before anyone
knows whether birth and naming make a vulnerable situation (release 1.1 item 10), where an
automatic letter is as wrong as an automatic card; the family hears from the child's first card,
ordered at naming, or from the case worker's manual task.

An administrative assignment after "Manglende lægevalg" (``administrative`` in its
`GpChoiceDetails`, see `sandbox.service.handlers.daily_work`) is a "Lægevalg" case whose letter
says the municipality assigned the doctor (``gp_assigned``); one of the new practices assigned
after a split (``split_assignment``, `sandbox.service.handlers.practice_event_split`) says so
(``gp_assigned_split``). A missing-choice case opened when a choice made ahead of
a move was cancelled (wrong address) says so in its letter.

Protection (SPEC 5.7): a letter never prints a protected person's name or address to someone
else; the recipient's own address is printed (it is where the letter goes).

Every letter speaks as the municipality ("vi") and writes dates, amounts and the municipality's
name as Danes do (`sandbox.domain.danish`). A letter that carries a decision the citizen can
appeal - a doctor assigned by the municipality, a GP choice cancelled, a fee charged - ends with
a klagevejledning (``appeal``, `sandbox.service.letters.texts`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

from sandbox.domain.case_details import (
    CardOrderDetails,
    GpChoiceDetails,
    GroupChangeDetails,
    MissingGpChoiceDetails,
    RenumberingDetails,
)
from sandbox.domain.danish import date_da, municipality_da, number_da
from sandbox.domain.geography import Address, Geography
from sandbox.domain.model import CASE_TYPE_DA, CardOrder, Case, CaseType, Citizen
from sandbox.domain.parameters import Parameters
from sandbox.domain.rules.cards import STANDALONE_REASON_DA, StandaloneReason
from sandbox.domain.rules.closed_doctor import age_on
from sandbox.service.card_ordering import card_case_of, card_orders_of_case
from sandbox.service.letters import LetterFacts, LetterShape, letter_renderer, letter_shape
from sandbox.service.letters.texts import (
    APPEAL_ASSIGNMENT,
    APPEAL_CANCELLATION,
    APPEAL_DORMANT,
    APPEAL_FEE,
    appeal_text,
    missing_reason_text,
)
from sandbox.service.unit_of_work import UnitOfWork

GREENLAND_MISMATCH = "GREENLAND_ADDRESS_MISMATCH"  # missing-choice reason (handlers/greenland)
PROTECTED_LABEL = "en person med navne- og adressebeskyttelse"

Context = dict[str, Any]
# what a builder gives: the template's name and the letter's text, rendered when first read
Written = tuple[str, Callable[[], str]]
Builder = Callable[[UnitOfWork, Case, Citizen], Written | None]


# A letter keeps its facts until it is read (`sandbox.service.letters.letter_renderer`), and a
# national year keeps a million letters: the facts many letters share - the dates, the
# municipality, the fee text, a practice's address - are made once and shared, not copied into
# each letter (benchmarks/bench_case_size.py, benchmarks/README.md "Case size").


@lru_cache(maxsize=4096)
def danish_date(day: date | None) -> str:
    """9. april 2025."""
    return "" if day is None else date_da(day)


@lru_cache(maxsize=256)
def _municipality_da(name: str) -> str:
    return municipality_da(name)


# a letter's sender: 98 municipalities (and Greenland's), named the same in every letter
@lru_cache(maxsize=1024)
def _municipality_of(geography: Geography, code: str) -> str:
    return _municipality_da(geography.municipality_name(code))


@lru_cache(maxsize=16_384)
def address_text(address: Address) -> str:
    """A practice's address as printed: one string for all its letters."""
    return address.text


@dataclass(slots=True)
class Addressee:
    """Who a letter is to, as its header prints them: the salutation and the address, made
    when the letter is read from the name, the address and whether the recipient was a minor
    when it was written. The name and the (frozen) address are the citizen's own objects, so a
    letter keeps 56 bytes here rather than two strings of its own (about 160 bytes). Never
    changed once made, but not a frozen dataclass, whose ``__init__`` costs four times as
    much (each field through ``object.__setattr__``), once for each of a million letters."""

    name: str
    minor: bool
    address: Address

    @property
    def salutation(self) -> str:
        if self.minor:
            return f"Til forældremyndighedsindehaveren for {self.name}"
        return f"Til {self.name}"

    @property
    def address_text(self) -> str:
        return self.address.text


class CardLine(NamedTuple):
    """One person's line in a letter's card paragraph."""

    name: str
    physical: bool


def person_label(uow: UnitOfWork, cpr: str, recipient: Citizen) -> str:
    """The name as the recipient may read it: a protected other person stays anonymous."""
    if cpr == recipient.cpr:
        return recipient.name  # the recipient at hand: no look-up
    person = uow.registry.find_citizen(cpr)
    if person is None:
        return "ukendt person"
    if person.protected and person.cpr != recipient.cpr:
        return PROTECTED_LABEL
    return person.name


# What every letter has, as facts taken when it is written (`base_facts`) and made into the
# template's fields when it is read (`_base_fields`): what may change later - a person's name or
# protection, the case's card orders - is read now; what is only formatting - the dates, the
# salutation, the card lines, the klagevejledning - is done for the few letters ever read
BASE_NAMES = (
    "municipality",
    "case_id",
    "case_type_da",
    "day",
    "parameters",
    "cpr",
    "name",
    "birth_date",
    "address",
    "involved_cprs",
    "involved",
    "orders",
    "order_labels",
    "fee_text",
)


def base_facts(uow: UnitOfWork, case: Case, recipient: Citizen) -> tuple[Any, ...]:
    """The values of `BASE_NAMES` for a letter about ``case`` to ``recipient``, as of now."""
    involved = case.involved
    orders = _card_orders(uow, case)  # read once: the fee and the card lines both need them
    fee = case_fee(uow, case, orders)
    # the persons' labels as of now (a name or a protection may change): the involved persons',
    # and those of ordered-for persons who are neither involved nor the recipient (rarely any)
    labels = tuple(person_label(uow, cpr, recipient) for cpr in involved)
    order_labels = None
    if orders:
        for order in orders:
            cpr = order.cpr
            if cpr not in involved and cpr != recipient.cpr:
                order_labels = order_labels or {}
                order_labels[cpr] = person_label(uow, cpr, recipient)
    return (
        _municipality_of(uow.geography, case.municipality_code),
        case.case_id,
        _case_type_da(case),
        _day(uow.today()),
        uow.parameters,
        recipient.cpr,
        recipient.name,
        recipient.birth_date,
        recipient.address,
        involved,
        labels,
        tuple(orders) if orders else None,  # no list (nor empty one) kept per letter
        order_labels,
        fee_text(fee),  # a fee is charged when the text names one: its klagevejledning
    )


def _base_fields(facts: Context) -> Context:
    """The template's fields of `base_facts` (in place): dates, salutation, card lines, the
    klagevejledning of a fee."""
    day, parameters = facts.pop("day"), facts.pop("parameters")
    cpr, name, birth_date = facts.pop("cpr"), facts.pop("name"), facts.pop("birth_date")
    minor = age_on(birth_date, day) < _adult_from(day, parameters)  # as `Citizen.age_on`
    facts["written_on"] = danish_date(day)
    facts["addressee"] = Addressee(name, minor, facts.pop("address"))
    known = {cpr: name, **(facts.pop("order_labels") or {})}
    known.update(zip(facts.pop("involved_cprs"), facts["involved"], strict=True))
    orders = facts.pop("orders") or ()
    facts["cards"] = tuple(CardLine(known[order.cpr], order.physical) for order in orders)
    charged = facts["fee_text"] not in _NO_FEE_TEXTS
    facts["appeal"] = (
        _appeal_on(APPEAL_FEE, facts["municipality"], day, parameters) if charged else ""
    )
    return facts


def base_context(uow: UnitOfWork, case: Case, recipient: Citizen) -> Context:
    """What every letter has: sender, case, recipient, involved persons and their cards."""
    return _base_fields(dict(zip(BASE_NAMES, base_facts(uow, case, recipient), strict=True)))


# a day's date, one object for all the day's letters that keep it
@lru_cache(maxsize=1024)
def _day(day: date) -> date:
    return day


def appeal(uow: UnitOfWork, municipality: str, what: str) -> str:
    """The klagevejledning for a decision about ``what``, with today's appeal parameters."""
    return _appeal_on(what, municipality, uow.today(), uow.parameters)


# A set of parameters never changes (`Parameters.with_values` makes a new one), so a day's
# klagevejledning is the same for every letter about the same decision from one municipality.
@lru_cache(maxsize=4096)
def _appeal_on(what: str, municipality: str, day: date, parameters: Parameters) -> str:
    return appeal_text(what, municipality, day, parameters)


@lru_cache(maxsize=1024)
def _adult_from(day: date, parameters: Parameters) -> int:
    """The age from which a citizen is written to themself (``age.independentChoice``)."""
    return int(parameters.value("age.independentChoice", day))


# `case_fee`'s ``orders`` when the caller has not read them (None is read: the case has none)
_UNREAD: Any = object()


def case_fee(uow: UnitOfWork, case: Case, orders: list[CardOrder] | None = _UNREAD) -> int | None:
    """The case's own fee, else what its card order costs (a group change without a fee);
    ``orders`` are the case's card orders (`_card_orders`, None for none) when the caller has
    read them: a case without card orders is not looked up twice."""
    fee = case.details.own_fee()
    if fee is not None:
        return fee
    if orders is _UNREAD:
        orders = _card_orders(uow, case)
    return sum(o.fee_dkk for o in orders) if orders is not None else None


def card_lines(
    uow: UnitOfWork,
    case: Case,
    recipient: Citizen,
    orders: list[CardOrder] | None = None,
    labels: dict[str, str] | None = None,
) -> tuple[CardLine, ...]:
    """Per person of the case's card order: whether a physical card is on its way; ``labels``
    are the persons' labels (`person_label`) the caller has made, by CPR number."""
    if orders is None:
        orders = _card_orders(uow, case)
    if not orders:
        return ()
    known = labels or {}
    return tuple(
        CardLine(
            known[order.cpr] if order.cpr in known else person_label(uow, order.cpr, recipient),
            order.physical,
        )
        for order in orders
    )


def _card_orders(uow: UnitOfWork, case: Case) -> list[CardOrder] | None:
    """The orders of the case's card-order case (the case itself, if it is one); None when it
    has none."""
    card_case = case if case.case_type is CaseType.CARD_ORDER else card_case_of(uow, case)
    return card_orders_of_case(uow, card_case) if card_case is not None else None


# `fee_text` of no fee and of a free change: no fee charged, so nothing to appeal
_NO_FEE_TEXTS = ("", "Skiftet er gratis.")


@lru_cache(maxsize=1024)
def fee_text(fee: object) -> str:
    if not isinstance(fee, int):
        return ""
    return "Skiftet er gratis." if fee == 0 else f"Gebyret for skiftet er {number_da(fee)} kr."


def _case_type_da(case: Case) -> str:
    case_type = case.case_type
    named = CASE_TYPE_DA.get(case_type)  # every case type is named: no `str()` made as default
    return named if named is not None else str(case_type)


# builders --------------------------------------------------------------------------------------


def _facts(
    template: str, extra: tuple[str, ...], finish: Callable[[Context], Context]
) -> LetterShape:
    """The shape of a letter of `BASE_NAMES` and ``extra`` facts, made fields by ``finish``."""
    return letter_shape(template, (*BASE_NAMES, *extra), finish)


def _practice_fields(facts: Context) -> Context:
    facts["practice_address"] = facts["practice_address"].text  # a frozen `Address`
    facts["effective_date"] = danish_date(facts["effective_date"])
    return _base_fields(facts)


def _assigned_fields(facts: Context) -> Context:
    """A doctor the municipality assigned: the deadline to choose another, and how to appeal."""
    what, day, parameters = APPEAL_ASSIGNMENT, facts["day"], facts["parameters"]
    facts["deadline"] = danish_date(facts["deadline"])
    fields = _practice_fields(facts)
    fields["appeal"] = _appeal_on(what, fields["municipality"], day, parameters)
    return fields


_PRACTICE = ("practice_name", "ydernummer", "practice_address", "effective_date")
_GP_CHOICE = _facts("gp_choice", _PRACTICE, _practice_fields)
_GREENLAND_APPROVED = _facts("greenland_move_approved", _PRACTICE, _practice_fields)
_ASSIGNED = _facts("gp_assigned", (*_PRACTICE, "deadline"), _assigned_fields)
_ASSIGNED_SPLIT = _facts(
    "gp_assigned_split",
    (*_PRACTICE, "old_practice_name", "old_ydernummer", "deadline"),
    _assigned_fields,
)


def gp_choice(uow: UnitOfWork, case: Case, recipient: Citizen) -> Written | None:
    details = case.details_as(GpChoiceDetails)
    ydernummer = details.ydernummer or recipient.doctor_on(case.effective_date or uow.today())
    practice = uow.registry.find_practice(ydernummer) if ydernummer is not None else None
    if practice is None:
        return None
    facts = (
        *base_facts(uow, case, recipient),
        practice.name,
        practice.ydernummer,
        practice.address,
        case.effective_date,
    )
    if details.split_assignment:  # one of the new practices after a split
        old = uow.registry.find_practice(str(details.split_from))
        extra = (old.name if old else "", details.split_from or "", details.choose_by)
        return _written(_ASSIGNED_SPLIT, (*facts, *extra))
    if details.administrative:
        return _written(_ASSIGNED, (*facts, details.choose_by))
    greenland = details.from_greenland or is_greenland_move(case, recipient)
    return _written(_GREENLAND_APPROVED if greenland else _GP_CHOICE, facts)


def _written(shape: LetterShape, values: tuple[Any, ...]) -> Written:
    return shape.template, LetterFacts(shape, values)


def _rendered(template: str, context: Context) -> Written:
    """A letter from its finished context (the letters a national year writes few of)."""
    return template, letter_renderer(template, context)


def group_change(uow: UnitOfWork, case: Case, recipient: Citizen) -> Written | None:
    details = case.details_as(GroupChangeDetails)
    membership = next((m for m in recipient.group_history() if m.case_id == case.case_id), None)
    group = membership.group if membership else details.group
    valid_from = membership.valid_from if membership else case.effective_date
    context = base_context(uow, case, recipient) | {
        "group": group,
        "valid_from": danish_date(valid_from),
    }
    if details.reason in DORMANT_LETTERS:
        return _rendered(*dormant_letter(uow, details, context))
    return _rendered("group_change", context)


# hvilende sikring (SPEC 2.1): the start and the return, each with its own letter
DORMANT_LETTERS = {"DORMANT": "dormant_start", "RETURN_FROM_DORMANT": "dormant_return"}


def dormant_letter(
    uow: UnitOfWork, details: GroupChangeDetails, context: Context
) -> tuple[str, Context]:
    """The start (a decision the citizen can appeal) or the return (with the doctor, if any)."""
    template = DORMANT_LETTERS[details.reason]
    ydernummer = details.ydernummer
    practice = uow.registry.find_practice(ydernummer) if ydernummer is not None else None
    extra: Context = {
        "expected_end": danish_date(details.expected_end),
        "practice_name": practice.name if practice else "",
    }
    if template == "dormant_start":
        extra["appeal"] = appeal(uow, context["municipality"], APPEAL_DORMANT)
    return template, context | extra


def _missing_fields(facts: Context) -> Context:
    what, day, parameters = APPEAL_CANCELLATION, facts["day"], facts["parameters"]
    facts["deadline"] = danish_date(facts["deadline"])
    facts["reason_text"] = missing_reason_text(facts.pop("reason"))
    cancellation_appeal = facts.pop("cancellation_appeal")
    fields = _base_fields(facts)
    if cancellation_appeal:
        fields["appeal"] = _appeal_on(what, fields["municipality"], day, parameters)
    return fields


_MISSING = ("deadline", "cancelled_case_id", "cancelled_move_choice_id", "reason")
_MISSING_CHOICE = _facts("missing_gp_choice", (*_MISSING, "cancellation_appeal"), _missing_fields)
_GREENLAND_CANCELLED = _facts(
    "greenland_move_cancelled", (*_MISSING, "cancellation_appeal"), _missing_fields
)


def missing_gp_choice(uow: UnitOfWork, case: Case, recipient: Citizen) -> Written | None:
    details = case.details_as(MissingGpChoiceDetails)
    cancelled = cancelled_greenland_choice(uow, details)
    reason = details.reason
    cancelled_ahead = details.cancelled_choice_ids
    cancelled_move_choice_id = cancelled_ahead[-1] if cancelled_ahead else ""  # ahead of a move
    greenland = cancelled is not None or reason == GREENLAND_MISMATCH
    facts = (
        *base_facts(uow, case, recipient),
        details.choose_by,
        cancelled.case_id if cancelled else "",
        cancelled_move_choice_id,
        reason,
        greenland or bool(cancelled_move_choice_id),
    )
    return _written(_GREENLAND_CANCELLED if greenland else _MISSING_CHOICE, facts)


def renumbering(uow: UnitOfWork, case: Case, recipient: Citizen) -> Written | None:
    details = case.details_as(RenumberingDetails)
    if details.annulment and details.new_cpr is None:
        return None  # annulled without a new number: the number is void, nobody to write to
    old = details.old_cpr
    group = recipient.group_on(uow.today())
    practice = uow.registry.find_practice(recipient.doctor_on(uow.today()) or "")
    card_case = card_case_of(uow, case)
    orders = card_orders_of_case(uow, card_case) if card_case else []
    context = base_context(uow, case, recipient) | {
        # a new physical card only when one is on its way (not after an opt-out, issue 15)
        "new_card": any(o.physical for o in orders if o.cpr == recipient.cpr),
        "involved": tuple(  # the old number is the recipient, not another person
            person_label(uow, cpr, recipient) for cpr in case.involved if cpr != old
        ),
        "old_cpr": _cpr_text(old),
        "new_cpr": _cpr_text(recipient.cpr),
        "group": group.group if group else "",
        "practice_name": practice.name if practice else "",
    }
    return _rendered("renumbering", context)


def _receipt_fields(facts: Context) -> Context:
    delivery = facts["parameters"].value("cardDeliveryDays", facts["day"])
    fee = facts.pop("card_fee")
    fields = _base_fields(facts)
    fields.update(
        fee_text="Kortet er gratis." if fee == 0 else f"Kortet koster {number_da(fee)} kr.",
        delivery_min=delivery["min"],
        delivery_max=delivery["max"],
    )
    return fields


_RECEIPT = _facts("card_receipt", ("reason_da", "card_fee"), _receipt_fields)


def card_receipt(uow: UnitOfWork, case: Case, recipient: Citizen) -> Written | None:
    details = case.details_as(CardOrderDetails)
    if not details.standalone:
        return None  # automatic orders: the triggering case's letter tells about the card
    reason = details.standalone_reason or StandaloneReason.OTHER
    reason_da = STANDALONE_REASON_DA[StandaloneReason(reason)]
    return _written(_RECEIPT, (*base_facts(uow, case, recipient), reason_da, details.fee_dkk))


def is_standalone_order(case: Case) -> bool:
    """A card order a citizen asked for (not one a case ordered): the only one with a letter."""
    return case.details_as(CardOrderDetails).standalone


def is_greenland_move(case: Case, recipient: Citizen) -> bool:
    """A GP choice whose change to group 1 was registered as a move from Greenland."""
    return any(
        m.case_id == case.case_id and "GREENLAND" in m.reason.upper()
        for m in recipient.group_history()
    )


def cancelled_greenland_choice(uow: UnitOfWork, details: MissingGpChoiceDetails) -> Case | None:
    """The GP choice whose cancellation (wrong address in CPR's move event) opened this case,
    as the Greenland move handler named it (``cancelled_case_id``)."""
    named = details.cancelled_case_id
    return uow.registry.find_case(named) if named is not None else None


def _cpr_text(cpr: str) -> str:
    return f"{cpr[:6]}-{cpr[6:]}" if len(cpr) == 10 else cpr


# a case type whose letter a fact of the case itself can rule out: asked before the letter's
# look-ups (is one written already, who is the recipient). A national year completes about 2.3
# million automatic card orders, which get no letter (`card_receipt`)
GETS_LETTER: dict[CaseType, Callable[[Case], bool]] = {CaseType.CARD_ORDER: is_standalone_order}

LETTERS: dict[CaseType, Builder] = {
    CaseType.GP_CHOICE: gp_choice,
    CaseType.GROUP_CHANGE: group_change,
    CaseType.MISSING_GP_CHOICE: missing_gp_choice,
    CaseType.RENUMBERING: renumbering,
    CaseType.CARD_ORDER: card_receipt,
}
