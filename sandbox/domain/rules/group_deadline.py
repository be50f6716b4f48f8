"""Valg af sikringsgruppe ved indrejse: group 1 when no group is chosen in time (SPEC 2.2, 5.6).

Persons moving in from abroad or from the Faroe Islands are asked to choose a group at
registration (SPEC 2.2 [C-old:S6]); "If no choice is made within the deadline -> group 1"
[C:S2], the deadline being ``groupChoiceDeadlineDays`` (14) days after the request (here: the
move-in date CPR reports).

- `choose_by` - the last day to choose: the move-in date plus the parameter's days (the value
  in force on the move-in date).
- `decide_default_group` - on ``on`` with no group chosen: after ``choose_by`` the citizen is
  placed in group 1, valid from the move-in date (the citizen is insured from the move; the
  default stands in for the choice they were asked to make then); up to and including
  ``choose_by`` the citizen may still choose, and nothing happens.
"""

from __future__ import annotations

from datetime import date, timedelta

from sandbox.domain.decisions import Decision, ParameterUse, Reason
from sandbox.domain.parameters import Parameters

RULE_DEFAULT_GROUP = "groups.default_after_deadline"
SOURCE_DEFAULT_GROUP = "SPEC 2.2, 5.6, 10 [C:S2][C-old:S6]"
PARAMETER = "groupChoiceDeadlineDays"
DEFAULT_GROUP = 1
NO_GROUP_CHOSEN = "NO_GROUP_CHOSEN"  # the group-change reason of the default placement


def deadline(moved_in_on: date, parameters: Parameters) -> ParameterUse:
    """How many days the citizen has to choose, as in force on the move-in date."""
    return parameters.use(PARAMETER, moved_in_on)


def choose_by(moved_in_on: date, parameters: Parameters) -> date:
    """The last day to choose a group after moving in."""
    return moved_in_on + timedelta(days=int(deadline(moved_in_on, parameters).value))


def decide_default_group(moved_in_on: date, on: date, parameters: Parameters) -> Decision:
    """Allowed (group 1 from the move-in date) after the deadline; refused (wait) until then."""
    days = deadline(moved_in_on, parameters)
    last_day = choose_by(moved_in_on, parameters)
    fields: tuple[tuple[str, object], ...] = (
        ("moved_in_on", moved_in_on),
        ("choose_by", last_day),
        ("days", days.value),
        ("group", DEFAULT_GROUP),
    )
    if on > last_day:
        return Decision.allow(
            Reason(
                RULE_DEFAULT_GROUP,
                "NO_GROUP_CHOSEN_IN_TIME",
                "Der er ikke valgt sikringsgruppe senest {choose_by} ({days} dage efter "
                "tilflytningen den {moved_in_on}). Borgeren er derfor i sikringsgruppe {group} "
                "fra tilflytningen.",
                "No insurance group was chosen by {choose_by} ({days} days after moving in on "
                "{moved_in_on}), so the citizen is in group {group} from the move-in date.",
                SOURCE_DEFAULT_GROUP,
                fields,
                (days,),
            )
        )
    return Decision.refuse(
        Reason(
            RULE_DEFAULT_GROUP,
            "GROUP_CHOICE_STILL_OPEN",
            "Borgeren kan vælge sikringsgruppe til og med {choose_by}.",
            "The citizen may choose an insurance group until {choose_by} inclusive.",
            SOURCE_DEFAULT_GROUP,
            fields,
            (days,),
        )
    )
