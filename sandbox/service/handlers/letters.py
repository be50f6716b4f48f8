"""Handlers that write a case's letter: one letter per case, to the main person only.

Release 1.1 item 6 (SPEC 7.5): the letter lists the involved persons and, for a GP choice, the
card each person gets, so a mother choosing for herself and two children receives exactly one
letter and no separate card receipt. What each case type's letter says, and when it is written
(a case completed by LUNA, or created), is the table `sandbox.service.letters.contexts.LETTERS`.
"""

from __future__ import annotations

from typing import Any

from sandbox.domain.model import Case, Citizen, Letter
from sandbox.service.events import CaseCompleted, CaseCreated, LetterWritten
from sandbox.service.letters import letter_renderer
from sandbox.service.letters.contexts import LETTERS
from sandbox.service.unit_of_work import UnitOfWork


def write_case_letter(event: CaseCompleted, uow: UnitOfWork) -> None:
    """A case LUNA completed gets its letter (GP choice, group change, receipt ...)."""
    write_letter(uow, uow.case(event.case_id), "completed")


def write_letter_on_creation(event: CaseCreated, uow: UnitOfWork) -> None:
    """A case that asks the citizen to act (Manglende lægevalg) gets its letter at once."""
    write_letter(uow, uow.case(event.case_id), "created")


def write_letter(uow: UnitOfWork, case: Case, moment: str) -> Letter | None:
    """Write and keep the case's one letter to its main person (rendered when first read);
    None if it gets none."""
    spec = LETTERS.get(case.case_type)
    if spec is None or spec.moment != moment or case.main_cpr is None:
        return None
    if uow.registry.has_letters(case.case_id):
        return None  # one letter per case
    recipient = uow.registry.find_citizen(case.main_cpr)
    if recipient is None:
        return None
    built = spec.build(uow, case, recipient)
    if built is None:
        return None
    template, context = built
    return post_letter(uow, case, recipient, template, context)


def post_letter(
    uow: UnitOfWork, case: Case, recipient: Citizen, template: str, context: dict[str, Any]
) -> Letter:
    """Keep the letter ``template`` about ``case`` to ``recipient`` (rendered when first read),
    hand it to the post (Digital Post) and tell who listens."""
    letter = Letter(
        uow.ids.next("B"),
        case.case_id,
        recipient.cpr,
        template,
        case.involved,
        letter_renderer(template, context),
        uow.now(),
    )
    uow.registry.add_letter(letter)
    if uow.post is not None:
        uow.post.deliver(recipient.cpr, letter.letter_id, letter.body)
    uow.emit(LetterWritten(letter.letter_id, case.case_id, recipient.cpr, template))
    return letter
