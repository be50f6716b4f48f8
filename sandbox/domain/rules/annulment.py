"""Annullering uden nyt nummer: CPR annuls a number and names no successor (SPEC 5.4, 5.6).

SPEC 5.4: status 30 is "Inactive, annulled number"; only 01/03 give Danish sygesikring. SPEC 5.6
and release 1.1 ("Automatisk håndtering af omnummering/annullering i CPR - Det gamle CPR nummer
flyttes til gruppe 8") handle an annulment that links an old and a new number like a
renumbering. When CPR annuls a number and links no new one, nothing inherits the group and the
GP choice, so `decide_annulment` moves the number to ``renumbering.oldNumberGroup`` (8) from
the event date, as the old number of a renumbering, and a case worker must find out whether the
person has another number (a manual task): the sandbox does not guess a successor.
"""

from __future__ import annotations

from datetime import date

from sandbox.domain.decisions import Decision, Reason
from sandbox.domain.parameters import Parameters

RULE = "cpr_events.annulment_without_successor"
SOURCE = "SPEC 5.4, 5.6, 7.7 item 8 [SEED][C:S44,S72]"
PARAMETER = "renumbering.oldNumberGroup"


def decide_annulment(cpr: str, on: date, parameters: Parameters) -> tuple[int, Decision]:
    """The annulled number's group (8) and the explanation: no successor inherits."""
    group = parameters.use(PARAMETER, on)
    reason = Reason(
        RULE,
        "ANNULLED_WITHOUT_SUCCESSOR",
        "CPR har annulleret CPR-nummeret {cpr} den {on} uden at angive et nyt nummer. Nummeret "
        "flyttes til gruppe {group}, lægetilmeldingen ophører, og ventende forløb annulleres. "
        "Ingen arver gruppe og lægevalg; en sagsbehandler undersøger, om personen har et andet "
        "nummer.",
        "CPR annulled the CPR number {cpr} on {on} without a new number. The number moves to "
        "group {group}, the GP listing ends and pending cases are cancelled. No one inherits "
        "group and GP choice; a case worker finds out whether the person has another number.",
        SOURCE,
        (("cpr", cpr), ("on", on), ("group", group.value)),
        (group,),
    )
    return int(group.value), Decision.allow(reason)
