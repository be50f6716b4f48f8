"""Navne- og adressebeskyttelse: when a protection lapses (SPEC 5.7, 10).

CPR-loven § 28: a protection requested by the citizen lasts ``addressProtectionDefaultMonths``
(12) calendar months from its start and lapses then unless renewed; a longer period only for
very special reasons. So:

- `lapses_on` - the day a protection that began on ``start`` stops: CPR's own end date when CPR
  gives one (a renewal or a longer period), otherwise ``start`` plus the parameter's months
  (the value in force on ``start``), clamped to a shorter month's end.
- `decide_lapse` - on ``on`` the protection has lapsed when ``on`` is that day or later: the
  day itself is the first day without protection.

A protection whose start is not known (set without a date) never lapses here: nothing can be
counted from it.
"""

from __future__ import annotations

from datetime import date

from sandbox.domain.dates import add_months
from sandbox.domain.decisions import Decision, ParameterUse, Reason
from sandbox.domain.parameters import Parameters

RULE_LAPSE = "protection.lapse"
SOURCE_LAPSE = "SPEC 5.7, 10; CPR-loven § 28 [C:S43,S81]"
PARAMETER = "addressProtectionDefaultMonths"


def period(start: date, parameters: Parameters) -> ParameterUse:
    """The length of a protection that began on ``start``, in calendar months."""
    return parameters.use(PARAMETER, start)


def lapses_on(start: date, parameters: Parameters, cpr_end: date | None = None) -> date:
    """The first day without protection: CPR's end date, or ``start`` plus the period."""
    if cpr_end is not None:
        return cpr_end
    return add_months(start, int(period(start, parameters).value))


def decide_lapse(start: date, until: date, on: date, parameters: Parameters) -> Decision:
    """Allowed (the protection is lifted) from ``until`` on; refused (still in force) before."""
    months = period(start, parameters)
    fields: tuple[tuple[str, object], ...] = (
        ("start", start),
        ("until", until),
        ("months", months.value),
    )
    if on >= until:
        return Decision.allow(
            Reason(
                RULE_LAPSE,
                "PROTECTION_LAPSED",
                "Navne- og adressebeskyttelsen fra {start} er ophørt den {until}, da den ikke "
                "er blevet forlænget ({months} måneder).",
                "The name and address protection from {start} lapsed on {until} as it was not "
                "renewed ({months} months).",
                SOURCE_LAPSE,
                fields,
                (months,),
            )
        )
    return Decision.refuse(
        Reason(
            RULE_LAPSE,
            "PROTECTION_IN_FORCE",
            "Navne- og adressebeskyttelsen fra {start} gælder til og med dagen før {until}.",
            "The name and address protection from {start} holds until the day before {until}.",
            SOURCE_LAPSE,
            fields,
            (months,),
        )
    )
