"""Udtræk af revisionslog: may an administrator extract this period today? (SPEC 7.6, 10)

Facts in, `Decision` out. The bounds, decided precisely:

- ``period_from <= period_to``; ``period_to`` is not after today (the day of extraction);
- the period holds at most ``auditLogMaxPeriodDays`` days, *both ends included*:
  ``(period_to - period_from).days + 1 <= 30``, so 1-30 April is allowed, 1-31 March is not;
- ``period_from`` lies at most ``auditLogMaxLookbackMonths`` calendar months before today:
  on 15 October the earliest first day is 15 April (the same day number six months back,
  clamped to the month's last day: on 31 August it is 28/29 February).

Who may extract (municipal administrators only) is an access question, not a rule: the service
layer refuses other roles with `RoleNotAllowed` before asking this rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sandbox.domain.dates import add_months
from sandbox.domain.decisions import Decision, ParameterUse, Reason
from sandbox.domain.parameters import Parameters

RULE_PERIOD = "audit_log.extract_period"
SOURCE = "SPEC 7.6; release notes 1.1 item 5 [SEED]"


@dataclass(frozen=True, slots=True)
class AuditExtractFacts:
    """What the rule needs: the day of extraction and the period asked for."""

    on: date
    period_from: date
    period_to: date


def earliest_first_day(on: date, parameters: Parameters) -> date:
    """The earliest ``period_from`` an extract taken on ``on`` may have."""
    return add_months(on, -int(parameters.value("auditLogMaxLookbackMonths", on)))


def decide_audit_extract(facts: AuditExtractFacts, parameters: Parameters) -> Decision:
    """Allowed when the period is ordered, not in the future, short enough and recent enough."""
    on = facts.on
    max_days = parameters.use("auditLogMaxPeriodDays", on)
    lookback = parameters.use("auditLogMaxLookbackMonths", on)
    days = (facts.period_to - facts.period_from).days + 1
    earliest = add_months(on, -int(lookback.value))
    fields = (
        ("period_from", facts.period_from.isoformat()),
        ("period_to", facts.period_to.isoformat()),
        ("days", days),
        ("max_days", int(max_days.value)),
        ("months", int(lookback.value)),
        ("earliest", earliest.isoformat()),
        ("on", on.isoformat()),
    )
    if facts.period_from > facts.period_to:
        return Decision.refuse(
            _reason(
                "AUDIT_PERIOD_REVERSED",
                "Perioden begynder ({period_from}) efter den slutter ({period_to}).",
                "The period starts ({period_from}) after it ends ({period_to}).",
                fields,
            )
        )
    if facts.period_to > on:
        return Decision.refuse(
            _reason(
                "AUDIT_PERIOD_IN_FUTURE",
                "Perioden slutter den {period_to}, efter i dag ({on}).",
                "The period ends {period_to}, after today ({on}).",
                fields,
            )
        )
    length = _reason(
        "AUDIT_PERIOD_WITHIN_MAX_DAYS" if days <= max_days.value else "AUDIT_PERIOD_TOO_LONG",
        "Perioden {period_from} til {period_to} er på {days:dag|dage}; højst {max_days} dage er "
        "tilladt.",
        "The period {period_from} to {period_to} is {days:day|days}; at most {max_days} are "
        "allowed.",
        fields,
        (max_days,),
    )
    recent = _reason(
        "AUDIT_PERIOD_WITHIN_LOOKBACK" if facts.period_from >= earliest else "AUDIT_PERIOD_TOO_OLD",
        "Perioden skal ligge inden for de sidste {months} måneder: tidligst fra {earliest}.",
        "The period must lie within the last {months} months: from {earliest} at the earliest.",
        fields,
        (lookback,),
    )
    if days > max_days.value:
        return Decision.refuse(length, recent)
    if facts.period_from < earliest:
        return Decision.refuse(recent, length)
    return Decision.allow(length, recent)


def _reason(
    code: str,
    da: str,
    en: str,
    fields: tuple[tuple[str, object], ...],
    parameters: tuple[ParameterUse, ...] = (),
) -> Reason:
    return Reason(RULE_PERIOD, code, da, en, SOURCE, fields, parameters)
