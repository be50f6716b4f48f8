"""Event handlers that order health cards: GP choice, group change and CPR events (SPEC 6.2).

Each turns one event into a `CardRequest` for `sandbox.service.card_ordering.order_cards`,
which makes at most one "Bestil Sundhedskort" case per triggering case or event: every event
of one case (a GP choice for three persons emits three `GpChosen`; a move from Greenland emits
`GpChosen` and `GroupChanged`) shares the key ``case:<case id>``, so the case's persons get one
card case together. CPR events without a case are keyed by their kind, person and date.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from sandbox.domain.case_details import (
    BirthDetails,
    GpChoiceDetails,
    GroupChangeDetails,
    MissingGpChoiceDetails,
    RenumberingDetails,
)
from sandbox.domain.errors import UnknownMunicipality
from sandbox.domain.geography import Geography
from sandbox.domain.model import Actor, Case, CaseStatus, CaseType
from sandbox.domain.rules.cards import CardTrigger
from sandbox.service.card_ordering import (
    CardRequest,
    order_cards,
    order_case_cards,
)
from sandbox.service.events import (
    CaseCompleted,
    CitizenMoved,
    CitizenNamed,
    CitizenRenumbered,
    GpChosen,
    GroupChanged,
)
from sandbox.service.unit_of_work import UnitOfWork

# a case in these states has not (or no longer) changed anything a card shows
_NOT_YET = frozenset({CaseStatus.PENDING, CaseStatus.CANCELLED, CaseStatus.REFUSED})

_TRIGGER_BY_CASE_TYPE = {
    CaseType.GP_CHOICE: CardTrigger.GP_CHOICE,
    CaseType.MISSING_GP_CHOICE: CardTrigger.GP_CHOICE,
    CaseType.GROUP_CHANGE: CardTrigger.GROUP_CHANGE,
    CaseType.PRACTICE_EVENT: CardTrigger.PRACTICE_EVENT,
    CaseType.RENUMBERING: CardTrigger.RENUMBERING,
}

# the case types whose cards wait for their approval (a pending choice or group change)
_ORDERED_ON_APPROVAL = frozenset({CaseType.GP_CHOICE, CaseType.GROUP_CHANGE})

# the details that say why the case was made (a group-change exemption among them)
_WITH_REASON = (
    GpChoiceDetails,
    GroupChangeDetails,
    MissingGpChoiceDetails,
    BirthDetails,
    RenumberingDetails,
)

# group-change reasons (groupChangeMinPeriodExemptions) that are themselves free card triggers
_TRIGGER_BY_GROUP_REASON = {
    "MOVE_FROM_GREENLAND": CardTrigger.MOVE_IN,
    "RENUMBERING_INHERITANCE": CardTrigger.RENUMBERING,
}


def on_gp_chosen(event: GpChosen, uow: UnitOfWork) -> None:
    """A GP choice orders the cards of every person in its case, once."""
    _order_for_case(uow, uow.case(event.case_id), event.effective_date, event.cpr)


def on_group_changed(event: GroupChanged, uow: UnitOfWork) -> None:
    """A group change orders the cards of its case's persons (a group-8 number gets none)."""
    _order_for_case(uow, uow.case(event.case_id), event.valid_from, event.cpr)


def on_case_completed(event: CaseCompleted, uow: UnitOfWork) -> None:
    """A GP choice or group change approved after being pending orders its cards now.

    Runs before the letter handler, so the case's letter can tell about the cards.
    """
    if event.case_type not in _ORDERED_ON_APPROVAL:  # most completed cases: look at none
        return
    case = uow.case(event.case_id)
    _order_for_case(uow, case, case.effective_date or uow.today(), None)


def on_citizen_moved(event: CitizenMoved, uow: UnitOfWork) -> None:
    """A move gives a free new card; a move in from Greenland or abroad a first one."""
    trigger, municipality = _move_card(
        uow.geography, event.from_municipality, event.to_municipality
    )
    order_cards(
        uow,
        CardRequest(
            trigger,
            (event.cpr,),
            event.on,
            _SYSTEM,
            trigger_key=f"move:{event.cpr}:{_iso(event.on)}:{event.to_municipality}",
            municipality_code=municipality,
            unless_ordered_now=True,  # the approved pending choice's card shows the address
        ),
    )


def on_citizen_named(event: CitizenNamed, uow: UnitOfWork) -> None:
    """Naming orders the child's first card - unless birth and naming make a vulnerable
    situation, where the case worker's manual task decides and no card goes out by itself.
    A change of name orders no card: the citizen orders one (SPEC 5.6, 3.5.1: free only at
    marriage)."""
    if event.vulnerable or event.name_change:
        return
    order_cards(
        uow,
        CardRequest(
            CardTrigger.NAMING,
            (event.cpr,),
            event.on,
            _system(),
            trigger_key=f"naming:{event.cpr}",
            trigger_case_id=None,
        ),
    )


def on_citizen_renumbered(event: CitizenRenumbered, uow: UnitOfWork) -> None:
    """The new number gets a free card (SPEC 3.5.1); the old number, now group 8, none."""
    case = uow.registry.find_case(event.case_id) if event.case_id else None
    if case is not None:
        _order_for_case(uow, case, event.on, event.new)
        return
    order_cards(
        uow,
        CardRequest(
            CardTrigger.RENUMBERING,
            (event.new,),
            event.on,
            _system(),
            trigger_key=f"renumbering:{event.new}",
        ),
    )


def _order_for_case(uow: UnitOfWork, case: Case, on: date, also: str | None) -> None:
    if case.status in _NOT_YET or case.case_type is CaseType.BIRTH:
        return  # pending: ordered on approval; birth: the card follows the naming
    if case.details.card_order_case_id is not None:
        # its cards are ordered (the request below would find that case, `find_card_case`):
        # a GP choice for three persons emits three `GpChosen`, and its completion one more.
        # The link alone says so, the card case not looked up (`card_case_of`): only
        # `card_ordering._order` writes it, in the step that keeps the card case, and a
        # rollback takes both back (the link through `Store.before_change`)
        return
    persons = _persons(case)
    if also and also not in persons:  # nearly always the case's main person
        persons = (*persons, also)
    trigger = _trigger_for(case)
    fee_on_case = trigger is CardTrigger.GP_CHOICE or (
        trigger is CardTrigger.GROUP_CHANGE and case.details.own_fee() is not None
    )
    # the case is in hand and has no card case: ordered for it without looking either up again
    order_case_cards(uow, case, trigger, persons, on, fee_on_trigger_case=fee_on_case)


def _trigger_for(case: Case) -> CardTrigger:
    details = case.details
    reason = details.reason if isinstance(details, _WITH_REASON) else None
    if reason is not None and reason in _TRIGGER_BY_GROUP_REASON:
        return _TRIGGER_BY_GROUP_REASON[reason]
    return _TRIGGER_BY_CASE_TYPE.get(case.case_type, CardTrigger.GROUP_CHANGE)


def _persons(case: Case) -> tuple[str, ...]:
    return ((case.main_cpr,) if case.main_cpr else ()) + case.involved


# A move's card follows from where it came from and goes to, of the same hundred-odd codes:
# facts of the (never changed) reference data, so remember the answer for each pair instead of
# normalising and raising each time.
@lru_cache(maxsize=16384)
def _move_card(
    geography: Geography, from_code: str | None, to_code: str | None
) -> tuple[CardTrigger, str | None]:
    """A move's trigger (from a Danish municipality or not) and the card case's municipality
    (the one moved to when it is Danish)."""
    trigger = CardTrigger.MOVE if _is_danish(geography, from_code) else CardTrigger.MOVE_IN
    return trigger, to_code if _is_danish(geography, to_code) else None


# the day's moves share their date's text (a household's, a day's feed): made once a day
@lru_cache(maxsize=64)
def _iso(day: date) -> str:
    return day.isoformat()


def _is_danish(geography: Geography, municipality_code: str | None) -> bool:
    if not municipality_code:
        return False
    try:
        geography.municipality(municipality_code)
    except UnknownMunicipality:
        return False
    return True


_SYSTEM = Actor.system()  # frozen: one for every automatic order


def _system() -> Actor:
    return _SYSTEM
