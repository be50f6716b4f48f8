"""The words of the step library: how a Danish case worker writes dates, distances, CPR
numbers, roles and addresses, parsed into values the drivers understand.

Each parse type has a ``pattern`` (for pytest-bdd's ``parsers.parse``) and a Danish description
used by the step catalogue (``docs/steps.md``), so QA can see which values a step accepts.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sandbox.explore.checks import STATEMENTS_DA

MONTHS_DA = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)

_ABSOLUTE_DA = re.compile(r"(\d{1,2})\.\s*(" + "|".join(MONTHS_DA) + r")\s+(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TERM = re.compile(r"([+-])\s*(\d+)\s*(dage|dag|måneder|måned|år)")
_BASES = {"i dag": 0, "i morgen": 1, "i går": -1}


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months; a missing day becomes the month's last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class DateExpr:
    """A date as written in a feature: absolute ("9. april 2025") or relative ("i dag - 14 dage").

    Relative dates are resolved against the driver's today when the step runs, so a boundary
    table reads the same whatever day the Baggrund sets.
    """

    text: str
    absolute: date | None
    base_days: int = 0
    terms: tuple[tuple[int, str], ...] = ()

    def on(self, today: date) -> date:
        if self.absolute is not None:
            return self.absolute
        day = today + timedelta(days=self.base_days)
        for amount, unit in self.terms:
            if unit.startswith("dag"):
                day += timedelta(days=amount)
            elif unit.startswith("måned"):
                day = add_months(day, amount)
            else:
                day = add_months(day, 12 * amount)
        return day

    def __str__(self) -> str:
        return self.text


def parse_date(text: str) -> DateExpr:
    """Read "9. april 2025", "2025-04-09", "i dag", "i morgen", "i dag + 30 dage" ..."""
    cleaned = " ".join(text.strip().split())
    absolute = _ABSOLUTE_DA.fullmatch(cleaned)
    if absolute:
        day, month, year = absolute.groups()
        return DateExpr(cleaned, date(int(year), MONTHS_DA.index(month) + 1, int(day)))
    if _ISO.fullmatch(cleaned):
        return DateExpr(cleaned, date.fromisoformat(cleaned))
    for base, days in _BASES.items():
        if cleaned.startswith(base):
            rest = cleaned[len(base) :].replace(" ", "")
            terms = _TERM.findall(rest)
            if "".join(sign + n + unit for sign, n, unit in terms) != rest:
                break
            signed = tuple((int(n) * (-1 if sign == "-" else 1), unit) for sign, n, unit in terms)
            return DateExpr(cleaned, None, days, signed)
    raise ValueError(f"ukendt dato: {text!r} (skriv fx '9. april 2025' eller 'i dag + 30 dage')")


def format_date_da(day: date) -> str:
    """A date the way a letter writes it: "9. april 2025"."""
    return f"{day.day}. {MONTHS_DA[day.month - 1]} {day.year}"


def parse_km(text: str) -> float:
    """ "15,0" or "15.0" -> 15.0 (Danish decimal comma)."""
    return float(text.replace(",", "."))


def parse_cpr(text: str) -> str:
    """ "150596-3001" -> "1505963001" (the system keys citizens by 10 digits)."""
    return text.replace("-", "")


ROLES_DA = {
    "borgeren": "citizen",
    "borgeren selv": "citizen",
    "sagsbehandleren": "case_worker",
    "sagsbehandleren med særlige rettigheder": "case_worker_special",
    "den kommunale administrator": "municipal_admin",
    "Service Desk": "operator",
}


def parse_role(text: str) -> str:
    return ROLES_DA[text.strip()]


ROLE_PATTERN = "|".join(re.escape(name) for name in sorted(ROLES_DA, key=len, reverse=True))

PRACTICE_EVENTS_DA = {
    "overdragelse": "transfer",
    "ændring": "change",
    "mindre ændring": "minor_change",
    "nedlæggelse": "closure",
    "opsplitning": "split",
    "sammenlægning": "merge",
}


def parse_practice_event(text: str) -> str:
    return PRACTICE_EVENTS_DA[text.strip()]


def event_kind(kind: str) -> str:
    """The kind the system shows: a minor change is a change that does not matter to patients."""
    return "change" if kind == "minor_change" else kind


@dataclass(frozen=True)
class AddressText:
    """An address as written: "P. Madsens Gang 8, Klitmøller, 7700 Thisted"."""

    street: str
    number: str
    locality: str | None
    postcode: str
    city: str

    @property
    def text(self) -> str:
        middle = f", {self.locality}" if self.locality else ""
        return f"{self.street} {self.number}{middle}, {self.postcode} {self.city}"


_ADDRESS = re.compile(
    r"(?P<street>.+?) (?P<number>\d+\s?[A-Z]?)"
    r"(?:, (?P<locality>[^,\d]+))?, (?P<postcode>\d{4}) (?P<city>.+)"
)


def parse_address(text: str) -> AddressText:
    match = _ADDRESS.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"ukendt adresse: {text!r} (skriv fx 'Vestergade 3, 7700 Thisted')")
    return AddressText(
        match["street"], match["number"], match["locality"], match["postcode"], match["city"]
    )


ACTIONS_DA = (
    "valget",
    "gruppeskiftet",
    "angivelsen",
    "udtrækket",
    "bestillingen",
    "genopretningen",
    "hændelsen",
    "anmodningen",
    "forlængelsen",
    "registreringen",
)

# What each Handling-word names, as the drivers describe the action (both drivers use the same
# words): "godkendes gruppeskiftet" fails when the last action was not a change of group.
ACTION_WORDS_DA = {
    "valget": ("vælger", "får dispensation", "lægen accepterer", "lægen afviser"),
    "gruppeskiftet": ("skifter til sikringsgruppe",),
    "angivelsen": ("som samlever",),
    "udtrækket": ("udtræk af revisionsloggen",),
    "bestillingen": ("bestiller et sundhedskort",),
    "genopretningen": ("genopretter",),
    "hændelsen": ("CPR ", "regionen melder", "praksishændelsen"),
    "anmodningen": ("anmod",),
    "forlængelsen": ("forlænge",),
    "registreringen": ("hvilende sikring",),
}


def names_action(what: str, action: str) -> bool:
    """Whether the driver's description of an action is the Handling ``what`` names."""
    return any(word in action for word in ACTION_WORDS_DA[what])


NAMES_PATTERN = r'"[^"]+"(?:(?:, | og )"[^"]+")*'


def parse_names(text: str) -> tuple[str, ...]:
    """'"Emma", "Oscar" og "Ida"' -> ("Emma", "Oscar", "Ida")."""
    return tuple(re.findall(r'"([^"]+)"', text))


def _typed(pattern: str, description: str, convert: Callable[[str], Any]) -> Callable[[str], Any]:
    def converter(text: str) -> Any:
        return convert(text)

    converter.pattern = pattern  # type: ignore[attr-defined]
    converter.description = description  # type: ignore[attr-defined]
    return converter


DATE_PATTERN = (
    r"\d{1,2}\. (?:" + "|".join(MONTHS_DA) + r") \d{4}|\d{4}-\d{2}-\d{2}"
    r"|i (?:dag|morgen|går)(?: ?[+-] ?\d+ (?:dage|dag|måneder|måned|år))*"
)

COUNTS_DA = {
    "ingen": 0,
    "intet": 0,
    "ét": 1,
    "et": 1,
    "én": 1,
    "en": 1,
    "to": 2,
    "tre": 3,
    "fire": 4,
    "fem": 5,
    "seks": 6,
}


def parse_count(text: str) -> int:
    """ "ét", "to", "3" -> 1, 2, 3."""
    return int(text) if text.isdigit() else COUNTS_DA[text]


# the invariants `sandbox explore` checks, by their Danish statement (a feature's last Så)
INVARIANTS_DA = {text: name for name, text in STATEMENTS_DA.items() if name != "exception"}

LUNA_FAULTS_DA = {"en serverfejl": "error", "en timeout": "timeout"}

CARD_REASONS_DA = {
    "bortkommet": "lost",
    "beskadiget": "damaged",
    "ikke modtaget": "not_received",
    "navneændring": "name_change",
}

# hvilende sikring: what the institution reports (sandbox.domain.rules.dormant.StayKind)
STAY_KINDS_DA = {
    "værnepligt": "military_service",
    "anden tjeneste": "substitute_service",
    "afsoning": "prison",
    "varetægt": "remand",
}

TYPES: dict[str, Callable[[str], Any]] = {
    "Navn": _typed(r'[^"]+', 'et navn i anførselstegn: "Kent", "Lægehuset Klitmøller"', str),
    "Kommune": _typed(
        r"[A-ZÆØÅ][\w.-]*(?: [A-ZÆØÅ][\w.-]*)*",
        'en kommune ved navn, også i ejefald foran "Kommune": "Thisted", "København", '
        '"Københavns Kommune", "Ringkøbing-Skjern"',
        str,
    ),
    "Antal": _typed(
        r"\d+|" + "|".join(COUNTS_DA),
        "et antal: et tal eller " + ", ".join(f'"{word}"' for word in COUNTS_DA),
        parse_count,
    ),
    "Brev": _typed("breve|brev", 'ental eller flertal: "brev" eller "breve"', str),
    "Kvittering": _typed(
        "kvitteringer|kvittering", 'ental eller flertal: "kvittering" eller "kvitteringer"', str
    ),
    "Registrering": _typed(
        "registreringer|registrering",
        'ental eller flertal: "registrering" eller "registreringer"',
        str,
    ),
    "Minutter": _typed("minutter|minut", 'ental eller flertal: "minut" eller "minutter"', str),
    "Kortårsag": _typed(
        "|".join(CARD_REASONS_DA),
        "hvorfor et kort bestilles: " + ", ".join(f'"{name}"' for name in CARD_REASONS_DA),
        CARD_REASONS_DA.__getitem__,
    ),
    "Ophold": _typed(
        "|".join(STAY_KINDS_DA),
        "hvorfor sikringen er hvilende: " + ", ".join(f'"{name}"' for name in STAY_KINDS_DA),
        STAY_KINDS_DA.__getitem__,
    ),
    "Dato": _typed(
        DATE_PATTERN,
        'en dato: "9. april 2025", "2025-04-09", "i dag", "i morgen", "i går" eller '
        '"i dag + 30 dage", "i dag - 14 dage", "i dag - 1 år - 1 dag", "i dag + 2 måneder"',
        parse_date,
    ),
    "CPR": _typed(r"\d{6}-?\d{4}", 'et CPR-nummer: "150596-3001"', parse_cpr),
    "Km": _typed(r"\d+(?:[,.]\d+)?", 'en afstand i km med decimalkomma: "15,0"', parse_km),
    "Tal": _typed(r"\d+", "et helt tal", int),
    "Procent": _typed(
        r"-?\d+(?:,\d+)?",
        'en procent med decimalkomma, evt. negativ: "2,7", "-9,0"',
        lambda t: float(t.replace(",", ".")),
    ),
    "Rolle": _typed(
        ROLE_PATTERN,
        "hvem der handler: " + ", ".join(f'"{name}"' for name in ROLES_DA),
        parse_role,
    ),
    "Praksishændelse": _typed(
        "|".join(sorted(PRACTICE_EVENTS_DA, key=len, reverse=True)),
        "en praksishændelse: " + ", ".join(f'"{name}"' for name in PRACTICE_EVENTS_DA),
        parse_practice_event,
    ),
    "Åbenhed": _typed(
        "åben|lukket",
        'om praksis tager nye patienter: "åben" eller "lukket"',
        lambda t: t == "åben",
    ),
    "Placering": _typed(
        "inden for|uden for",
        'i forhold til kilometergrænsen: "inden for" eller "uden for"',
        lambda t: t == "inden for",
    ),
    "Handling": _typed(
        "|".join(ACTIONS_DA),
        "hvad der blev gjort: " + ", ".join(f'"{name}"' for name in ACTIONS_DA),
        str,
    ),
    "Navne": _typed(
        NAMES_PATTERN,
        'en eller flere personer i anførselstegn: "Emma" eller "Emma" og "Oscar"',
        parse_names,
    ),
    "Svar": _typed(
        "accepterer|afviser",
        'lægens svar på en dispensation: "accepterer" eller "afviser"',
        lambda t: t == "accepterer",
    ),
    "Opgavetype": _typed(
        "systemopgave|manuel opgave",
        'en opgave på opgaveoverblikket: "systemopgave" eller "manuel opgave"',
        lambda t: "system" if t == "systemopgave" else "manual",
    ),
    "Poster": _typed("post|poster", 'ental eller flertal: "post" eller "poster"', str),
    "TilMed": _typed("til|med", 'forbindelsesord: "til" eller "med"', str),
    "Adresse": _typed(
        r".+? \d+\s?[A-Z]?(?:, [^,\d]+)?, \d{4} [^\"]+",
        'en adresse: "P. Madsens Gang 8, Klitmøller, 7700 Thisted" eller "Vestergade 3, 7700 '
        'Thisted"',
        parse_address,
    ),
    "LunaFejl": _typed(
        "|".join(LUNA_FAULTS_DA),
        "hvordan LUNA fejler: " + ", ".join(f'"{name}"' for name in LUNA_FAULTS_DA),
        LUNA_FAULTS_DA.__getitem__,
    ),
    "Invariant": _typed(
        "|".join(re.escape(text) for text in INVARIANTS_DA),
        "en invariant, som udforskeren (sandbox explore) tjekker: "
        + ", ".join(f'"{text}"' for text in INVARIANTS_DA),
        INVARIANTS_DA.__getitem__,
    ),
}
