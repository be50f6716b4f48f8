"""Hvilende sikring: entering and leaving dormant insurance (SPEC 2.1, 3.4, 3.5.1; BEK 23/2007).

SPEC 2.1 [C:S34]: persons called up for military (or substitute) service and persons in prisons
or remand under the Prison Service (Kriminalforsorgen) have dormant insurance when the stay is
expected to last ``dormantStayMinMonths`` (3) months or more - for remand prisoners counted from
the final judgment. The institution informs the municipality, which changes the status. So:

- `stay_counted_from` - the day the stay's length is counted from: its start, or for remand the
  final judgment (None while there is none).
- `decide_entry` - allowed (dormant from that day) when the expected end lies at least the
  parameter's months (the value in force on that day) after it, the months clamped to a shorter
  month's end; refused with the reason otherwise. A stay from 1 March expected to end on 1 June
  lasts 3 months; one ending on 31 May does not.
- `decide_return` - the end of service or the release: active insurance again from that day in
  the group held before, with a free card (SPEC 3.5.1) and the right to the last group-1 doctor
  even if the practice is closed (SPEC 3.4 item 3). The return must lie after the start.

The sandbox keeps dormant status as a group period whose reason is ``DORMANT``
(`sandbox.domain.rules.closed_doctor.is_dormant`); this module only decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sandbox.domain.dates import add_months
from sandbox.domain.decisions import Decision, Reason
from sandbox.domain.parameters import Parameters

RULE_ENTRY = "dormant.entry"
RULE_RETURN = "dormant.return"
SOURCE = "SPEC 2.1, 10; BEK 23/2007 [C:S34]"
SOURCE_RETURN = "SPEC 2.1, 3.4 item 3, 3.5.1 [C:S34,S24b,S48,S60]"
PARAMETER = "dormantStayMinMonths"


class StayKind(StrEnum):
    """Opholdets art - why the insurance becomes dormant."""

    MILITARY_SERVICE = "military_service"
    SUBSTITUTE_SERVICE = "substitute_service"
    PRISON = "prison"
    REMAND = "remand"


KIND_DA = {
    StayKind.MILITARY_SERVICE: "værnepligt",
    StayKind.SUBSTITUTE_SERVICE: "anden tjeneste i stedet for værnepligt",
    StayKind.PRISON: "afsoning under Kriminalforsorgen",
    StayKind.REMAND: "varetægtsfængsling under Kriminalforsorgen",
}
KIND_EN = {
    StayKind.MILITARY_SERVICE: "military service",
    StayKind.SUBSTITUTE_SERVICE: "substitute service",
    StayKind.PRISON: "a prison stay under the Prison Service",
    StayKind.REMAND: "remand under the Prison Service",
}


@dataclass(frozen=True, slots=True)
class StayFacts:
    """What the institution reports: the kind, the start, the expected end, and for remand the
    day of the final judgment (None while the case is not judged)."""

    kind: StayKind
    starts_on: date
    expected_end: date
    final_judgment_on: date | None = None


def stay_counted_from(facts: StayFacts) -> date | None:
    """The day the stay's length is counted from (remand: the final judgment, if any)."""
    if facts.kind is StayKind.REMAND:
        return facts.final_judgment_on
    return facts.starts_on


def decide_entry(facts: StayFacts, parameters: Parameters) -> Decision:
    """Dormant from the counted-from day when the stay lasts the parameter's months or more."""
    counted_from = stay_counted_from(facts)
    months = parameters.use(PARAMETER, counted_from or facts.starts_on)
    fields: tuple[tuple[str, object], ...] = (
        ("kind_da", KIND_DA[facts.kind]),
        ("kind_en", KIND_EN[facts.kind]),
        ("start", counted_from or facts.starts_on),
        ("end", facts.expected_end),
        ("months", months.value),
    )
    if counted_from is None:
        return Decision.refuse(
            Reason(
                RULE_ENTRY,
                "DORMANT_NO_FINAL_JUDGMENT",
                "Ved {kind_da} regnes opholdets længde fra den endelige dom, og der er ingen "
                "endelig dom endnu. Sikringen er derfor ikke hvilende.",
                "For {kind_en} the length of the stay counts from the final judgment, and there "
                "is none yet. The insurance is therefore not dormant.",
                SOURCE,
                fields,
                (months,),
            )
        )
    if facts.expected_end <= counted_from:
        return Decision.refuse(
            Reason(
                RULE_ENTRY,
                "DORMANT_END_BEFORE_START",
                "Opholdet ({kind_da}) skal slutte efter den {start}; den forventede slutdato er "
                "den {end}.",
                "The stay ({kind_en}) must end after {start}; the expected end is {end}.",
                SOURCE,
                fields,
                (months,),
            )
        )
    threshold = add_months(counted_from, int(months.value))
    if facts.expected_end >= threshold:
        return Decision.allow(
            Reason(
                RULE_ENTRY,
                "DORMANT_STAY_LONG_ENOUGH",
                "Opholdet ({kind_da}) fra den {start} forventes at vare til den {end}, dvs. "
                "mindst {months:måned|måneder}. Sikringen er hvilende fra den {start}.",
                "The stay ({kind_en}) from {start} is expected to last until {end}, at least "
                "{months:month|months}. The insurance is dormant from {start}.",
                SOURCE,
                fields,
                (months,),
            )
        )
    return Decision.refuse(
        Reason(
            RULE_ENTRY,
            "DORMANT_STAY_TOO_SHORT",
            "Opholdet ({kind_da}) fra den {start} forventes kun at vare til den {end}, dvs. "
            "under {months:måned|måneder}. Sikringen er derfor ikke hvilende.",
            "The stay ({kind_en}) from {start} is expected to last only until {end}, less than "
            "{months:month|months}. The insurance is therefore not dormant.",
            SOURCE,
            fields,
            (months,),
        )
    )


def decide_return(dormant_since: date, on: date, group: int) -> Decision:
    """Active insurance again from ``on`` in ``group``; ``on`` must lie after the start."""
    fields: tuple[tuple[str, object], ...] = (
        ("since", dormant_since),
        ("on", on),
        ("group", group),
    )
    if on <= dormant_since:
        return Decision.refuse(
            Reason(
                RULE_RETURN,
                "DORMANT_RETURN_BEFORE_START",
                "Den hvilende sikring begyndte den {since}; tilbagevenden skal ligge efter den "
                "dag, ikke den {on}.",
                "The dormant insurance began on {since}; the return must lie after that day, "
                "not on {on}.",
                SOURCE_RETURN,
                fields,
            )
        )
    return Decision.allow(
        Reason(
            RULE_RETURN,
            "DORMANT_ENDS",
            "Den hvilende sikring fra den {since} ophører den {on}. Borgeren er igen aktivt "
            "sikret i sikringsgruppe {group}, får et gratis sundhedskort og kan vende tilbage "
            "til den læge, borgeren senest var tilmeldt i gruppe 1, også hvis praksis er lukket "
            "for tilgang.",
            "The dormant insurance from {since} ends on {on}. The citizen is actively insured "
            "again in group {group}, gets a free health card and may return to the GP they were "
            "last listed with in group 1, even if the practice is closed for new patients.",
            SOURCE_RETURN,
            fields,
        )
    )


def refuse_status(code: str, on: date, since: date | None = None) -> Decision:
    """A registration the citizen's status on ``on`` does not allow: ``NOT_INSURED`` (no group,
    not resident), ``ALREADY_DORMANT`` (dormant since ``since``) or ``NOT_DORMANT`` (a return
    without a dormant period)."""
    da, en = _STATUS_TEXTS[code]
    fields: tuple[tuple[str, object], ...] = (("on", on), ("since", since))
    rule = RULE_RETURN if code == "NOT_DORMANT" else RULE_ENTRY
    return Decision.refuse(Reason(rule, code, da, en, SOURCE, fields))


_STATUS_TEXTS = {
    "NOT_INSURED": (
        "Borgeren er ikke sikret den {on} og kan derfor ikke få hvilende sikring.",
        "The citizen is not insured on {on} and so cannot have dormant insurance.",
    ),
    "ALREADY_DORMANT": (
        "Borgerens sikring er allerede hvilende fra den {since}.",
        "The citizen's insurance is already dormant from {since}.",
    ),
    "NOT_DORMANT": (
        "Borgerens sikring er ikke hvilende den {on}, så der er ingen tilbagevenden at registrere.",
        "The citizen's insurance is not dormant on {on}, so there is no return to register.",
    ),
}
