"""Handler that writes the letter of a completed case: one letter, to the main person only."""

from __future__ import annotations

from sandbox.domain.model import CaseType, Letter
from sandbox.service.events import CaseCompleted, LetterWritten
from sandbox.service.letters import render_letter
from sandbox.service.unit_of_work import UnitOfWork

LETTER_TEMPLATES = {CaseType.GP_CHOICE: "gp_choice"}


def write_case_letter(event: CaseCompleted, uow: UnitOfWork) -> None:
    """Write the case's letter to its main person, listing the involved persons."""
    case = uow.case(event.case_id)
    template = LETTER_TEMPLATES.get(case.case_type)
    if template is None or case.main_cpr is None:
        return
    recipient = uow.citizen(case.main_cpr)
    practice = uow.practice(case.details["ydernummer"])
    involved = [uow.citizen(cpr) for cpr in case.involved]
    body = render_letter(
        template,
        municipality=uow.geography.municipality(case.municipality_code).name,
        case_id=case.case_id,
        written_on=uow.today().isoformat(),
        recipient_name=recipient.name,
        recipient_address=recipient.address.text,
        practice_name=practice.name,
        ydernummer=practice.ydernummer,
        practice_address=practice.address.text,
        effective_date=case.effective_date.isoformat() if case.effective_date else "",
        involved=[person.name for person in involved],
        card_note=case.details.get("card_note", ""),
    )
    letter = Letter(
        uow.ids.next("B"), case.case_id, recipient.cpr, template, case.involved, body, uow.now()
    )
    uow.registry.letters[letter.letter_id] = letter
    if uow.post is not None:
        uow.post.deliver(recipient.cpr, letter.letter_id, body)
    uow.emit(LetterWritten(letter.letter_id, case.case_id, recipient.cpr, template))
