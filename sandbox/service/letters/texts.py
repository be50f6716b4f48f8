"""What the letters say in the citizen's own terms: why a doctor is missing, and how to appeal.

Letters speak as the municipality in the first person plural ("vi") and to the citizen as
"du". Case-worker terms (group codes, reason codes) never reach a letter: `MISSING_REASON_LETTER`
says in plain Danish why the citizen must choose a doctor. `appeal_text` is the klagevejledning
of a letter that carries a decision the citizen can appeal (a doctor assigned by the
municipality, a choice cancelled, a fee charged): the appeal body and deadline are the dated
parameters ``appealBody`` and ``appealDeadlineWeeks``.
"""

from __future__ import annotations

import textwrap
from datetime import date
from functools import lru_cache

from sandbox.domain.danish import plural
from sandbox.domain.parameters import Parameters

MISSING_REASON_LETTER = {
    "MOVE_BEYOND_LIMIT": (
        "Du er flyttet, og din læge ligger længere fra din nye adresse, end reglerne tillader."
    ),
    "NO_DOCTOR": "Du er i sikringsgruppe 1, men du er ikke tilmeldt en læge.",
    "GROUP_2_TO_1": (
        "Du er skiftet fra sikringsgruppe 2 til sikringsgruppe 1, hvor du skal være tilmeldt en "
        "bestemt læge."
    ),
    "FORCED_TRANSFER_TO_GROUP1": (
        "Du er overflyttet til sikringsgruppe 1, hvor du skal være tilmeldt en bestemt læge."
    ),
    "NEWBORN_WITHOUT_DOCTOR": (
        "Barnet kan ikke få samme læge som sin mor, fordi hun ikke er tilmeldt en læge."
    ),
    "MOVE_FROM_GREENLAND": "Du er flyttet hertil fra Grønland og har endnu ikke valgt læge.",
    "RENUMBERING": "Du har fået nyt CPR-nummer, og der er ikke registreret en læge for dig.",
    "RETURN_FROM_DORMANT": (
        "Din sikring er ikke længere hvilende, og du er igen i sikringsgruppe 1, hvor du skal "
        "være tilmeldt en bestemt læge."
    ),
    # a practice event whose free period ended before the citizen chose (practice_event_<kind>)
    "practice_event_closure": (
        "Din læges praksis er nedlagt, og du valgte ikke en ny læge, mens valget var gratis."
    ),
    "practice_event_split": (
        "Din læges praksis er delt op, og du valgte ikke en ny læge, mens valget var gratis."
    ),
}
MISSING_REASON_DEFAULT = "Der er ikke registreret en læge for dig."

LINE_WIDTH = 95  # as the templates wrap their lines
APPEAL_ASSIGNMENT = "tildelingen af læge"
APPEAL_CANCELLATION = "annulleringen af dit lægevalg"
APPEAL_FEE = "gebyret"
APPEAL_DORMANT = "afgørelsen om hvilende sikring"


def missing_reason_text(reason: object) -> str:
    """The letter's sentence on why the citizen must choose a doctor."""
    if isinstance(reason, str) and reason in MISSING_REASON_LETTER:
        return MISSING_REASON_LETTER[reason]
    return MISSING_REASON_DEFAULT


def appeal_text(what: str, municipality: str, on: date, parameters: Parameters) -> str:
    """Klagevejledning: whom to appeal ``what`` to, where to send it, and by when."""
    return _wrapped_appeal(what, municipality, *_appeal_terms(on, parameters))


# the appeal body and deadline of a day: read once a day and set of parameters (which never
# change), not for each municipality and decision that day (about 300 times a day nationally)
@lru_cache(maxsize=1024)
def _appeal_terms(on: date, parameters: Parameters) -> tuple[str, str]:
    body = parameters.value("appealBody", on)
    weeks = plural(int(parameters.value("appealDeadlineWeeks", on)), "uge", "uger")
    return str(body), weeks


# A national year writes a million letters from a few hundred different appeal texts: wrapping
# each anew cost more than the rest of the letter, and each letter kept its own copy.
@lru_cache(maxsize=4096)
def _wrapped_appeal(what: str, municipality: str, body: str, weeks: str) -> str:
    text = (
        f"Du kan klage over {what} til {body}. Send klagen til os i {municipality}. Vi skal "
        f"have klagen senest {weeks} efter, at du har modtaget dette brev. Vi vurderer sagen "
        f"igen, og hvis vi fastholder afgørelsen, sender vi din klage videre til {body}."
    )
    return textwrap.fill(text, width=LINE_WIDTH)
