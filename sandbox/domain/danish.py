"""Dansk sprogbrug - numbers, plurals, dates, genitives and municipality names as Danes write them.

Every text a citizen or case worker reads (decision reasons, task titles, letters, views, demo
narration) formats its values here, with the English form beside the Danish one:

- numbers: ``100.000`` and ``2,5`` (English ``100,000`` and ``2.5``); numbers of four digits
  are written without a separator in both (``1600``, the year ``2025``), as Danish allows;
- plurals: ``1 involveret borger``, ``2 involverede borgere``; in running text ``ingen
  praksisser``, ``én praksis``, ``2 praksisser``;
- dates: ``1. maj 2025``, with the weekday ``torsdag den 1. maj 2025`` (``1 May 2025``);
- genitives: ``Mette Hansens``, ``Lars'`` (a name ending in s, x or z takes an apostrophe only);
- municipalities: ``Thisted Kommune``, with the two exceptions Danes write differently,
  ``Københavns Kommune`` and ``Bornholms Regionskommune`` (`MUNICIPALITY_EXCEPTIONS`): the
  register's names (``sandbox/data/municipalities.csv``) are the bare names, so a rule plus a
  table of exceptions gives all 98 without retyping them.

Pure standard library; `sandbox.domain.decisions` uses it to render reason templates.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

Language = Literal["da", "en"]

MONTHS_DA = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS_DA = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

MUNICIPALITY_EXCEPTIONS: dict[str, tuple[str, str]] = {
    "København": ("Københavns Kommune", "Copenhagen Municipality"),
    "Bornholm": ("Bornholms Regionskommune", "Bornholm Regional Municipality"),
}
"""The municipalities whose formal name is not "<name> Kommune" (Danish, English)."""

YES_NO = {"da": ("ja", "nej"), "en": ("yes", "no")}


# dates ---------------------------------------------------------------------------------------


def date_da(day: date, weekday: bool = False) -> str:
    """1. maj 2025; with ``weekday``: torsdag den 1. maj 2025."""
    text = f"{day.day}. {MONTHS_DA[day.month - 1]} {day.year}"
    return f"{WEEKDAYS_DA[day.weekday()]} den {text}" if weekday else text


def date_en(day: date, weekday: bool = False) -> str:
    """1 May 2025; with ``weekday``: Thursday 1 May 2025."""
    text = f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    return f"{WEEKDAYS_EN[day.weekday()]} {text}" if weekday else text


def date_text(day: date, language: Language = "da", weekday: bool = False) -> str:
    return date_da(day, weekday) if language == "da" else date_en(day, weekday)


def parse_iso_date(text: str) -> date | None:
    """The date of an ISO string ``YYYY-MM-DD`` (exactly), else None."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


# numbers -------------------------------------------------------------------------------------


def number_da(value: float, decimals: int = 2) -> str:
    """100.000, 1600, 2,5, 15: thousands with a point from five digits, a decimal comma."""
    return _number(value, decimals, thousands=".", point=",")


def number_en(value: float, decimals: int = 2) -> str:
    """100,000, 1600, 2.5, 15."""
    return _number(value, decimals, thousands=",", point=".")


def number_text(value: float, language: Language = "da") -> str:
    return number_da(value) if language == "da" else number_en(value)


def _number(value: float, decimals: int, thousands: str, point: str) -> str:
    if isinstance(value, float) and not value.is_integer():
        whole, _, fraction = f"{abs(value):.{decimals}f}".partition(".")
        fraction = fraction.rstrip("0")
        sign = "-" if value < 0 else ""
        grouped = _grouped(int(whole), thousands)
        return f"{sign}{grouped}{point}{fraction}" if fraction else f"{sign}{grouped}"
    number = int(value)
    sign = "-" if number < 0 else ""
    return sign + _grouped(abs(number), thousands)


def _grouped(number: int, separator: str) -> str:
    text = str(number)
    if len(text) <= 4:
        return text
    groups = []
    while text:
        groups.append(text[-3:])
        text = text[:-3]
    return separator.join(reversed(groups))


# plurals -------------------------------------------------------------------------------------


def plural(count: int, singular: str, plural_form: str, language: Language = "da") -> str:
    """The count in digits with the right form: 1 involveret borger, 2 involverede borgere."""
    number = number_text(count, language)
    return f"{number} {singular if count == 1 else plural_form}"


def count_words(
    count: int, singular: str, plural_form: str, language: Language = "da", neuter: bool = False
) -> str:
    """For running text: ingen praksisser, én praksis (ét barn), 2 praksisser.

    English: no practices, one practice, 2 practices.
    """
    if count == 0:
        return f"{'ingen' if language == 'da' else 'no'} {plural_form}"
    if count == 1:
        one = ("ét" if neuter else "én") if language == "da" else "one"
        return f"{one} {singular}"
    return plural(count, singular, plural_form, language)


# genitives -----------------------------------------------------------------------------------


def genitive_da(name: str) -> str:
    """Mette Hansens, Lars', Max', Schulz': -s, or an apostrophe after s, x and z."""
    if not name:
        return name
    return f"{name}'" if name[-1].lower() in "sxz" else f"{name}s"


def genitive_en(name: str) -> str:
    """Mette Hansen's, Lars's."""
    return f"{name}'s" if name else name


def genitive(name: str, language: Language = "da") -> str:
    return genitive_da(name) if language == "da" else genitive_en(name)


# municipalities ------------------------------------------------------------------------------


def municipality_da(name: str) -> str:
    """The municipality as Danes write it: Thisted Kommune, Københavns Kommune, Bornholms
    Regionskommune. A name that is already formal or not Danish (Greenland's, shown as
    "Qeqertalik (Grønland)") is kept as it is."""
    if name in MUNICIPALITY_EXCEPTIONS:
        return MUNICIPALITY_EXCEPTIONS[name][0]
    if not name or _is_formal_or_foreign(name):
        return name
    return f"{name} Kommune"


def municipality_en(name: str) -> str:
    """Thisted Municipality, Copenhagen Municipality, Bornholm Regional Municipality."""
    if name in MUNICIPALITY_EXCEPTIONS:
        return MUNICIPALITY_EXCEPTIONS[name][1]
    if not name or _is_formal_or_foreign(name):
        return name
    return f"{name} Municipality"


def municipality(name: str, language: Language = "da") -> str:
    return municipality_da(name) if language == "da" else municipality_en(name)


def _is_formal_or_foreign(name: str) -> bool:
    lowered = name.lower()
    return (
        "kommune" in lowered
        or "municipality" in lowered
        or "grønland" in lowered
        or "greenland" in lowered
    )


# yes / no ------------------------------------------------------------------------------------


def yes_no(value: bool, language: Language = "da") -> str:
    yes, no = YES_NO[language]
    return yes if value else no
