"""Gruppeskift: may a citizen change insurance group to this group from this date? (SPEC 2)

Four rules, each explained by a `Reason` with its parameters:

- ``groups.choosable`` - only group 1 or 2 can be chosen (SPEC 2.1); the other codes (8 for an
  old CPR number, 9 deceased ...) are set by the system, never chosen.
- ``groups.valid_from_window`` - release 1.1 item 11: the valid-from date must lie in a window
  that depends on the role of the one who acts: the citizen today..+30 days, a case worker
  -14..+30 days, a case worker with special rights -1..+1 calendar year, all ends included
  (parameters ``groupChangeValidFrom.citizen``, ``.caseWorker`` and ``.caseWorkerSpecial``).
  A municipal administrator is treated as a case worker; other roles (system, operator) cannot
  change a group by command - the system's own changes (Greenland, renumbering) are automatic.
- ``groups.min_period`` - at least ``minMonthsBetweenGroupChanges`` calendar months between the
  current group's valid-from date and the new one (SPEC 2.3), unless the change's reason is in
  ``groupChangeMinPeriodExemptions`` [NC]; a first choice (no group yet) is ``FIRST_CHOICE``.
- ``groups.who_may_change`` (`sandbox.domain.rules.group_actor`) - who may ask for the change.

Calendar arithmetic: months and years are added to the day and month; a day that does not exist
in the target month becomes that month's last day (31 January + 1 month = 28/29 February,
29 February + 1 year = 28 February).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sandbox.domain.dates import add_months, add_years
from sandbox.domain.decisions import Decision, ParameterUse, Reason
from sandbox.domain.model import Role
from sandbox.domain.parameters import Parameters

RULE_CHOOSABLE = "groups.choosable"
RULE_WINDOW = "groups.valid_from_window"
RULE_MIN_PERIOD = "groups.min_period"

SOURCE_CHOOSABLE = "SPEC 2.1; Sundhedsloven § 58 [C:S2,S31]"
SOURCE_WINDOW = "SPEC 2.3, 7.7 item 11; release notes 1.1 [SEED]"
SOURCE_MIN_PERIOD = "SPEC 2.3 [C:S4,S7,S22,S23,S71]; exemptions [NC]"

CHOOSABLE_GROUPS = (1, 2)

FIRST_CHOICE = "FIRST_CHOICE"
FORCED_TRANSFER_TO_GROUP1 = "FORCED_TRANSFER_TO_GROUP1"
MOVE_FROM_GREENLAND = "MOVE_FROM_GREENLAND"
RENUMBERING_INHERITANCE = "RENUMBERING_INHERITANCE"

WINDOW_PARAMETER = {
    Role.CITIZEN: "groupChangeValidFrom.citizen",
    Role.CASE_WORKER: "groupChangeValidFrom.caseWorker",
    Role.MUNICIPAL_ADMIN: "groupChangeValidFrom.caseWorker",
    Role.CASE_WORKER_SPECIAL: "groupChangeValidFrom.caseWorkerSpecial",
}

EXEMPTION_TEXT = {
    FIRST_CHOICE: ("borgerens første valg af gruppe", "the citizen's first choice of group"),
    FORCED_TRANSFER_TO_GROUP1: (
        "tvungen overflytning til gruppe 1",
        "a forced transfer to group 1",
    ),
    MOVE_FROM_GREENLAND: ("flytning fra Grønland", "a move from Greenland"),
    RENUMBERING_INHERITANCE: (
        "nyt CPR-nummer (omnummerering)",
        "a new CPR number (renumbering)",
    ),
}
"""How the exemptions from the one-year rule read in the texts (Danish, English)."""


def exemption_fields(code: str) -> tuple[tuple[str, str], ...]:
    """The exemption as fields: its code, and how it reads in Danish and English."""
    da, en = EXEMPTION_TEXT.get(code, (code, code))
    return (("exemption", code), ("exemption_da", da), ("exemption_en", en))


ROLE_DA = {
    Role.CITIZEN: "borgeren",
    Role.CASE_WORKER: "sagsbehandleren",
    Role.MUNICIPAL_ADMIN: "sagsbehandleren",
    Role.CASE_WORKER_SPECIAL: "sagsbehandleren med særlige rettigheder",
}
ROLE_EN = {
    Role.CITIZEN: "the citizen",
    Role.CASE_WORKER: "the case worker",
    Role.MUNICIPAL_ADMIN: "the case worker",
    Role.CASE_WORKER_SPECIAL: "the case worker with special rights",
}


@dataclass(frozen=True, slots=True)
class GroupChangeFacts:
    """Fakta for gruppeskift - who acts, on what date, from which group to which."""

    on: date
    role: Role
    requested_group: int
    valid_from: date
    current_group: int | None
    current_valid_from: date | None
    exemption: str | None = None
    resident: bool = True


def valid_from_window(
    role: Role, on: date, parameters: Parameters
) -> tuple[date, date, ParameterUse]:
    """The first and last allowed valid-from date for ``role`` acting on ``on`` (both included).

    Raises KeyError for a role without a window (system, operator).
    """
    use = parameters.use(WINDOW_PARAMETER[role], on)
    window = use.value
    if "years_before" in window:
        first = add_years(on, -int(window["years_before"]))
        last = add_years(on, int(window["years_after"]))
    else:
        first = on - timedelta(days=int(window["days_before"]))
        last = on + timedelta(days=int(window["days_after"]))
    return first, last, use


def decide_group_change(facts: GroupChangeFacts, parameters: Parameters) -> Decision:
    """Allowed when the group is choosable, the date in the role's window and the period met."""
    if not facts.resident:
        return Decision.refuse(_not_resident(facts))
    if facts.requested_group not in CHOOSABLE_GROUPS:
        return Decision.refuse(_not_choosable(facts))
    if facts.current_group == facts.requested_group:
        return Decision.refuse(_already_in_group(facts))
    window = decide_window(facts.role, facts.on, facts.valid_from, parameters)
    if not window.allowed:
        return window
    period = decide_min_period(facts, parameters)
    if not period.allowed:
        return Decision.refuse(*period.reasons, *window.reasons)
    return Decision.allow(*window.reasons, *period.reasons)


def decide_forced_transfer(facts: GroupChangeFacts, parameters: Parameters) -> Decision:
    """Tvungen overflytning (SPEC 2.2): only from group 2, exempt from the one-year rule."""
    if facts.current_group != 2:
        return Decision.refuse(
            Reason(
                RULE_CHOOSABLE,
                "NOT_IN_GROUP_2",
                "Kun en borger i gruppe 2 kan overflyttes til gruppe 1 uden samtykke.",
                "Only a citizen in group 2 can be transferred to group 1 without consent.",
                "SPEC 2.2 [C:S2][C-old:S6]",
            )
        )
    return decide_group_change(facts, parameters)


def decide_window(role: Role, on: date, valid_from: date, parameters: Parameters) -> Decision:
    """Is ``valid_from`` inside the valid-from window of ``role`` on ``on``?"""
    if role not in WINDOW_PARAMETER:
        return Decision.refuse(
            Reason(
                RULE_WINDOW,
                "ROLE_MAY_NOT_CHANGE_GROUP",
                "Gruppeskift foretages af borgeren, forældremyndighedsindehaveren eller en "
                "sagsbehandler; denne rolle kan ikke foretage gruppeskift.",
                "A group change is made by the citizen, the custody holder or a case worker; "
                "this role cannot make one.",
                SOURCE_WINDOW,
                (("role", str(role)),),
            )
        )
    first, last, use = valid_from_window(role, on, parameters)
    inside = first <= valid_from <= last
    fields = (
        ("valid_from", valid_from.isoformat()),
        ("first", first.isoformat()),
        ("last", last.isoformat()),
        ("role_da", ROLE_DA[role]),
        ("role_en", ROLE_EN[role]),
    )
    if inside:
        reason = Reason(
            RULE_WINDOW,
            "VALID_FROM_IN_WINDOW",
            "Gyldighedsdatoen {valid_from} ligger i det tilladte vindue for {role_da}: "
            "{first} til {last}.",
            "The valid-from date {valid_from} lies in the window allowed for {role_en}: "
            "{first} to {last}.",
            SOURCE_WINDOW,
            fields,
            (use,),
        )
        return Decision.allow(reason)
    reason = Reason(
        RULE_WINDOW,
        "VALID_FROM_OUTSIDE_WINDOW",
        "Gyldighedsdatoen {valid_from} ligger uden for det tilladte vindue for {role_da}: "
        "{first} til {last}.",
        "The valid-from date {valid_from} lies outside the window allowed for {role_en}: "
        "{first} to {last}.",
        SOURCE_WINDOW,
        fields,
        (use,),
    )
    return Decision.refuse(reason)


def decide_min_period(facts: GroupChangeFacts, parameters: Parameters) -> Decision:
    """The one-year rule: enough calendar months in the current group, or an exemption."""
    on = facts.on
    exemptions = parameters.use("groupChangeMinPeriodExemptions", on)
    months = parameters.use("minMonthsBetweenGroupChanges", on)
    first_choice = facts.current_group is None or facts.current_valid_from is None
    candidates = (facts.exemption, FIRST_CHOICE if first_choice else None)
    exemption = next((c for c in candidates if c is not None and c in exemptions.value), None)
    if exemption is not None:
        return Decision.allow(
            Reason(
                RULE_MIN_PERIOD,
                "MIN_PERIOD_EXEMPT",
                "Kravet om mindst {months} måneder i gruppen gælder ikke ved {exemption_da}.",
                "The minimum of {months} months in the group does not apply to {exemption_en}.",
                SOURCE_MIN_PERIOD,
                (("months", months.value), *exemption_fields(exemption)),
                (months, exemptions),
            )
        )
    if facts.current_valid_from is None:
        # No group yet and FIRST_CHOICE no longer exempt: there is no period to count from.
        return Decision.allow(
            Reason(
                RULE_MIN_PERIOD,
                "MIN_PERIOD_NOT_APPLICABLE",
                "Borgeren har ingen gruppe endnu; der er ingen periode at regne fra.",
                "The citizen has no group yet; there is no period to count from.",
                SOURCE_MIN_PERIOD,
                (),
                (months, exemptions),
            )
        )
    earliest = add_months(facts.current_valid_from, int(months.value))
    fields = (
        ("months", months.value),
        ("group", facts.current_group),
        ("since", facts.current_valid_from.isoformat()),
        ("earliest", earliest.isoformat()),
        ("valid_from", facts.valid_from.isoformat()),
    )
    if facts.valid_from >= earliest:
        return Decision.allow(
            Reason(
                RULE_MIN_PERIOD,
                "MIN_PERIOD_MET",
                "Borgeren har været i gruppe {group} siden {since}; skiftet fra {valid_from} "
                "ligger mindst {months} måneder efter.",
                "The citizen has been in group {group} since {since}; the change from "
                "{valid_from} lies at least {months} months later.",
                SOURCE_MIN_PERIOD,
                fields,
                (months, exemptions),
            )
        )
    return Decision.refuse(
        Reason(
            RULE_MIN_PERIOD,
            "MIN_PERIOD_NOT_MET",
            "Borgeren har været i gruppe {group} siden {since} og kan tidligst skifte gruppe "
            "fra {earliest} ({months} måneder).",
            "The citizen has been in group {group} since {since} and can change group from "
            "{earliest} at the earliest ({months} months).",
            SOURCE_MIN_PERIOD,
            fields,
            (months, exemptions),
        )
    )


def decide_automatic_group(
    group: int, valid_from: date, exemption: str, parameters: Parameters
) -> Decision:
    """An automatic change by the system (Greenland move, renumbering): always allowed, and
    explained with the exemption from the one-year rule it relies on."""
    exemptions = parameters.use("groupChangeMinPeriodExemptions", valid_from)
    return Decision.allow(
        Reason(
            RULE_MIN_PERIOD,
            "AUTOMATIC_GROUP_CHANGE",
            "Automatisk skift til gruppe {group} fra den {valid_from} ({exemption_da}).",
            "Automatic change to group {group} from {valid_from} ({exemption_en}).",
            SOURCE_MIN_PERIOD,
            (
                ("group", group),
                ("valid_from", valid_from.isoformat()),
                *exemption_fields(exemption),
            ),
            (exemptions,),
        )
    )


def _not_choosable(facts: GroupChangeFacts) -> Reason:
    return Reason(
        RULE_CHOOSABLE,
        "GROUP_NOT_CHOOSABLE",
        "Gruppe {group} kan ikke vælges; kun gruppe 1 og 2 kan vælges.",
        "Group {group} cannot be chosen; only groups 1 and 2 can.",
        SOURCE_CHOOSABLE,
        (("group", facts.requested_group),),
    )


def _already_in_group(facts: GroupChangeFacts) -> Reason:
    return Reason(
        RULE_CHOOSABLE,
        "ALREADY_IN_GROUP",
        "Borgeren er allerede i gruppe {group} den {valid_from}.",
        "The citizen is already in group {group} on {valid_from}.",
        SOURCE_CHOOSABLE,
        (("group", facts.requested_group), ("valid_from", facts.valid_from.isoformat())),
    )


def _not_resident(facts: GroupChangeFacts) -> Reason:
    return Reason(
        RULE_CHOOSABLE,
        "NOT_RESIDENT",
        "Borgeren er ikke bosat i en dansk kommune og er ikke omfattet af sygesikringen.",
        "The citizen does not live in a Danish municipality and is not insured.",
        "SPEC 5.4; Sundhedsloven § 7 [C:S5]",
    )
