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
from sandbox.service.card_ordering import card_case_of, card_orders_of_case
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
Builder = Callable[[UnitOfWork, Case, Citizen], tuple[str, Context] | None]


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


def base_context(uow: UnitOfWork, case: Case, recipient: Citizen) -> Context:
    """What every letter has: sender, case, recipient, involved persons and their cards."""
    today = uow.today()
    minor = recipient.age_on(today) < _adult_from(today, uow.parameters)
    municipality = _municipality_of(uow.geography, case.municipality_code)
    orders = _card_orders(uow, case)  # read once: the fee and the card lines both need them
    fee = case_fee(uow, case, orders)
    # each person labelled once: the involved persons are mostly those the card lines name
    labels = {cpr: person_label(uow, cpr, recipient) for cpr in case.involved}
    return {
        "municipality": municipality,
        "case_id": case.case_id,
        "case_type_da": _case_type_da(case),
        "written_on": danish_date(today),
        "addressee": Addressee(recipient.name, minor, recipient.address),
        "involved": tuple(labels[cpr] for cpr in case.involved),
        "cards": card_lines(uow, case, recipient, orders, labels),
        "fee_text": fee_text(fee),
        "appeal": appeal(uow, municipality, APPEAL_FEE) if isinstance(fee, int) and fee else "",
    }


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


def case_fee(uow: UnitOfWork, case: Case, orders: list[CardOrder] | None = None) -> int | None:
    """The case's own fee, else what its card order costs (a group change without a fee);
    ``orders`` are the case's card orders (`_card_orders`) when the caller has read them."""
    fee = case.details.own_fee()
    if fee is not None:
        return fee
    if orders is None:
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


def gp_choice(uow: UnitOfWork, case: Case, recipient: Citizen) -> tuple[str, Context] | None:
    details = case.details_as(GpChoiceDetails)
    ydernummer = details.ydernummer or recipient.doctor_on(case.effective_date or uow.today())
    practice = uow.registry.find_practice(ydernummer) if ydernummer is not None else None
    if practice is None:
        return None
    # one dict, filled in place: the letter keeps its values, not the dict (letter_renderer)
    context = base_context(uow, case, recipient)
    context.update(
        practice_name=practice.name,
        ydernummer=practice.ydernummer,
        practice_address=address_text(practice.address),
        effective_date=danish_date(case.effective_date),
    )
    if details.split_assignment:  # one of the new practices after a split
        old = uow.registry.find_practice(str(details.split_from))
        context.update(
            old_practice_name=old.name if old else "",
            old_ydernummer=details.split_from or "",
            deadline=danish_date(details.choose_by),
            appeal=appeal(uow, context["municipality"], APPEAL_ASSIGNMENT),
        )
        return "gp_assigned_split", context
    if details.administrative:
        context.update(
            deadline=danish_date(details.choose_by),
            appeal=appeal(uow, context["municipality"], APPEAL_ASSIGNMENT),
        )
        return "gp_assigned", context
    greenland = details.from_greenland or is_greenland_move(case, recipient)
    template = "greenland_move_approved" if greenland else "gp_choice"
    return template, context


def group_change(uow: UnitOfWork, case: Case, recipient: Citizen) -> tuple[str, Context] | None:
    details = case.details_as(GroupChangeDetails)
    membership = next((m for m in recipient.group_history() if m.case_id == case.case_id), None)
    group = membership.group if membership else details.group
    valid_from = membership.valid_from if membership else case.effective_date
    context = base_context(uow, case, recipient) | {
        "group": group,
        "valid_from": danish_date(valid_from),
    }
    if details.reason in DORMANT_LETTERS:
        return dormant_letter(uow, details, context)
    return "group_change", context


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


def missing_gp_choice(
    uow: UnitOfWork, case: Case, recipient: Citizen
) -> tuple[str, Context] | None:
    details = case.details_as(MissingGpChoiceDetails)
    cancelled = cancelled_greenland_choice(uow, details)
    reason = details.reason
    cancelled_ahead = details.cancelled_choice_ids or [""]
    context = base_context(uow, case, recipient)
    context.update(
        deadline=danish_date(details.choose_by),
        cancelled_case_id=cancelled.case_id if cancelled else "",
        cancelled_move_choice_id=cancelled_ahead[-1],  # a choice made ahead of the move
        reason_text=missing_reason_text(reason),
    )
    greenland = cancelled is not None or reason == GREENLAND_MISMATCH
    if greenland or context["cancelled_move_choice_id"]:
        context["appeal"] = appeal(uow, context["municipality"], APPEAL_CANCELLATION)
    return ("greenland_move_cancelled" if greenland else "missing_gp_choice"), context


def renumbering(uow: UnitOfWork, case: Case, recipient: Citizen) -> tuple[str, Context] | None:
    details = case.details_as(RenumberingDetails)
    if details.annulment and details.new_cpr is None:
        return None  # annulled without a new number: the number is void, nobody to write to
    old = details.old_cpr
    group = recipient.group_on(uow.today())
    practice = uow.registry.find_practice(recipient.doctor_on(uow.today()) or "")
    card_case = card_case_of(uow, case)
    orders = card_orders_of_case(uow, card_case) if card_case else []
    return "renumbering", base_context(uow, case, recipient) | {
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


def card_receipt(uow: UnitOfWork, case: Case, recipient: Citizen) -> tuple[str, Context] | None:
    details = case.details_as(CardOrderDetails)
    if not details.standalone:
        return None  # automatic orders: the triggering case's letter tells about the card
    delivery = uow.parameter("cardDeliveryDays", uow.today())
    reason = details.standalone_reason or StandaloneReason.OTHER
    fee = details.fee_dkk
    context = base_context(uow, case, recipient)
    context.update(
        reason_da=STANDALONE_REASON_DA[StandaloneReason(reason)],
        fee_text="Kortet er gratis." if fee == 0 else f"Kortet koster {number_da(fee)} kr.",
        delivery_min=delivery["min"],
        delivery_max=delivery["max"],
    )
    return "card_receipt", context


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
