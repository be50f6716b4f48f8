"""Ending "Manglende lægevalg": the citizen has a doctor again.

`resolve_missing_choice` (an event handler on `GpChosen`) completes the open missing-choice case
once a doctor is chosen, through `sandbox.service.missing_choice.complete_missing_choice` (the
daily work completes a case through it too). Such cases are opened by the case factory
(`sandbox.service.case_factory.open_missing_gp_choice`).
"""

from __future__ import annotations

from sandbox.domain.case_details import MissingGpChoiceDetails
from sandbox.service.case_factory import open_missing_choice_of
from sandbox.service.events import GpChosen
from sandbox.service.missing_choice import complete_missing_choice
from sandbox.service.unit_of_work import UnitOfWork


def resolve_missing_choice(event: GpChosen, uow: UnitOfWork) -> None:
    """Event handler: a GP choice completes the person's open "Manglende lægevalg" case.

    Any missing-choice case (opened here, by the practice-event deadlines or another handler),
    and only when the choice takes effect today or earlier: a later choice is noted on the case,
    and the daily work (`sandbox.service.handlers.daily_work`) completes it when it begins. A
    missing-choice case is never registered in LUNA itself (its details' ``luna``); the choice
    that resolves it is.
    """
    case = open_missing_choice_of(uow, event.cpr)
    if case is None:
        return
    if event.effective_date > uow.today():
        # a future choice: the citizen is still without a doctor until then, so the case stays
        # open (and its task on the overview), noting the choice that will end the gap
        uow.registry.before_details_change(case)
        details = case.details_as(MissingGpChoiceDetails)
        details.chosen_in = event.case_id
        details.chosen_from = event.effective_date
        return
    complete_missing_choice(uow, case, event.case_id)
