"""The CPR number (personnummer): parsing, the century rule, modulus 11 and generation.

Defines `Cpr`, the value type for a Danish civil registration number, with the century rule of
SPEC 5.2 (`century`), the modulus-11 flag of SPEC 5.3 (a flag only: a number is **never**
rejected for failing it), substitute numbers (erstatningspersonnummer, day + 60, SPEC 5.5), and
`make_cpr`, the deterministic number factory the population generator calls millions of times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from sandbox.domain.errors import InvalidCpr, InvalidInput

_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
_PATTERN = re.compile(r"([0-9]{6})-?([0-9]{4})")
_SUBSTITUTE_OFFSET = 60
_FORMAT_DA = "det skal have formen DDMMÅÅ-SSSS eller DDMMÅÅSSSS (10 cifre)"
_FORMAT_EN = "it must have the form DDMMYY-SSSS or DDMMYYSSSS (10 digits)"


def century(digit7: int, yy: int) -> int:
    """The century (1800, 1900 or 2000) of a birth year, from digit 7 and digits 5-6 (SPEC 5.2).

    | digit 7    | YY 00-36 | YY 37-57 | YY 58-99 |
    | 0-3        | 1900     | 1900     | 1900     |
    | 4, 9       | 2000     | 1900     | 1900     |
    | 5-8        | 2000     | 2000     | 1800     |
    """
    if not 0 <= digit7 <= 9 or not 0 <= yy <= 99:
        raise InvalidInput(
            field="century",
            reason_da=f"ciffer 7 skal være 0-9 og årstallet 00-99 (fik {digit7} og {yy})",
            reason_en=f"digit 7 must be 0-9 and the year 00-99 (got {digit7} and {yy})",
        )
    if digit7 <= 3:
        return 1900
    if digit7 in (4, 9):
        return 2000 if yy <= 36 else 1900
    return 2000 if yy <= 57 else 1800


@dataclass(frozen=True, slots=True)
class Cpr:
    """Personnummer - a CPR number as 10 digits without the dash.

    Build it with `Cpr.parse` (text from a user or a file) or `make_cpr` (the generator).
    Constructing it directly validates the digits the same way `parse` does.
    """

    digits: str

    def __post_init__(self) -> None:
        _check_digits(self.digits, self.digits)

    @classmethod
    def parse(cls, text: str) -> Cpr:
        """Read ``DDMMYY-SSSS`` or ``DDMMYYSSSS`` (surrounding whitespace ignored).

        Raises `InvalidCpr` for a wrong form, an impossible day or month, or a date that does not
        exist in the century that digit 7 gives. Modulus 11 is never checked here.
        """
        match = _PATTERN.fullmatch(text.strip())
        if match is None:
            raise InvalidCpr(value=text, reason_da=_FORMAT_DA, reason_en=_FORMAT_EN)
        digits = match.group(1) + match.group(2)
        _check_digits(digits, text)
        return _trusted(digits)

    @property
    def birth_date(self) -> date:
        """The birth date; for a substitute number the day minus 60."""
        day = int(self.digits[0:2])
        if day > _SUBSTITUTE_OFFSET:
            day -= _SUBSTITUTE_OFFSET
        yy = int(self.digits[4:6])
        return date(century(int(self.digits[6]), yy) + yy, int(self.digits[2:4]), day)

    @property
    def is_substitute(self) -> bool:
        """Erstatningspersonnummer: the first digit of the day is raised by 6 (day 61-91)."""
        return self.digits[0] >= "6"

    @property
    def passes_modulus_11(self) -> bool:
        """Whether the weighted digit sum is divisible by 11 (a flag, never a reason to reject)."""
        return _weighted_sum(self.digits) % 11 == 0

    @property
    def serial(self) -> str:
        """Løbenummer - the last four digits."""
        return self.digits[6:]

    @property
    def formatted(self) -> str:
        """The number as ``DDMMYY-SSSS``."""
        return f"{self.digits[:6]}-{self.digits[6:]}"

    def age_on(self, day: date) -> int:
        """Completed years of age on ``day``; a 29 February birthday counts from 1 March."""
        born = self.birth_date
        if day < born:
            raise InvalidInput(
                field="day",
                reason_da=f"{day.isoformat()} ligger før fødselsdatoen",
                reason_en=f"{day.isoformat()} is before the birth date",
            )
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def __str__(self) -> str:
        return self.formatted


def is_valid(text: str) -> bool:
    """Whether ``text`` parses as a CPR number (form, date and century; not modulus 11)."""
    try:
        Cpr.parse(text)
    except InvalidCpr:
        return False
    return True


def _weighted_sum(digits: str) -> int:
    return sum(weight * int(digit) for weight, digit in zip(_WEIGHTS, digits, strict=True))


def _trusted(digits: str) -> Cpr:
    """A `Cpr` from digits already known to be valid, skipping the check in `__post_init__`."""
    cpr = object.__new__(Cpr)
    object.__setattr__(cpr, "digits", digits)
    return cpr


def _check_digits(digits: str, shown: str) -> None:
    """Raise `InvalidCpr` (showing ``shown``) unless ``digits`` is a valid 10-digit number."""
    if len(digits) != 10 or not (digits.isascii() and digits.isdigit()):
        raise InvalidCpr(value=shown, reason_da=_FORMAT_DA, reason_en=_FORMAT_EN)
    day, month, yy = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    if day > _SUBSTITUTE_OFFSET:
        day -= _SUBSTITUTE_OFFSET
    if not 1 <= day <= 31:
        raise InvalidCpr(
            value=shown,
            reason_da=f"dagen '{digits[0:2]}' er ugyldig (01-31, eller 61-91 for "
            "erstatningspersonnummer)",
            reason_en=f"the day '{digits[0:2]}' is invalid (01-31, or 61-91 for a substitute "
            "number)",
        )
    if not 1 <= month <= 12:
        raise InvalidCpr(
            value=shown,
            reason_da=f"måneden '{digits[2:4]}' er ugyldig (01-12)",
            reason_en=f"the month '{digits[2:4]}' is invalid (01-12)",
        )
    year = century(int(digits[6]), yy) + yy
    try:
        date(year, month, day)
    except ValueError:
        raise InvalidCpr(
            value=shown,
            reason_da=f"datoen {day:02d}-{month:02d}-{year} findes ikke (ciffer 7 er "
            f"{digits[6]}, så året er {year})",
            reason_en=f"the date {year}-{month:02d}-{day:02d} does not exist (digit 7 is "
            f"{digits[6]}, so the year is {year})",
        ) from None


# --- generation -------------------------------------------------------------------------------

_FIRST_YEAR, _LAST_YEAR = 1858, 2057


@cache
def _century_digits(year: int) -> tuple[int, ...]:
    """The values of digit 7 that give ``year`` under the century rule, ascending."""
    yy = year % 100
    return tuple(d for d in range(10) if century(d, yy) + yy == year)


@cache
def _serial_table(digits7: tuple[int, ...], residue: int, passing: bool) -> tuple[str, ...]:
    """All serials whose first digit is in ``digits7``, ascending, that pass modulus 11 together
    with a prefix of weighted sum ``residue`` (mod 11) when ``passing``, or fail it otherwise.

    There are 4 distinct digit sets x 11 residues x 2 flags, so at most 88 tables exist.
    """
    table: list[str] = []
    for first in digits7:
        for rest in range(1000):
            serial = f"{first}{rest:03d}"
            total = residue + sum(w * int(c) for w, c in zip(_WEIGHTS[6:], serial, strict=True))
            if (total % 11 == 0) == passing:
                table.append(serial)
    return tuple(table)


@lru_cache(maxsize=1 << 16)
def _serials_for(prefix: str, year: int, passing: bool) -> tuple[str, ...]:
    """The ordered serials available after the six-digit date prefix ``prefix`` of ``year``."""
    residue = _weighted_sum(prefix + "0000") % 11
    return _serial_table(_century_digits(year), residue, passing)


def make_cpr(
    birth: date, sequence: int, *, modulus_11: bool = True, substitute: bool = False
) -> Cpr:
    """The ``sequence``-th (from 0) valid CPR number for someone born on ``birth``.

    Deterministic: the serials allowed for the birth date are those whose digit 7 gives the
    birth year's century (SPEC 5.2) and which pass modulus 11 (``modulus_11=True``) or fail it
    (``modulus_11=False``); they are taken in ascending order, so the same arguments always give
    the same number and distinct sequences give distinct numbers. ``substitute`` adds 60 to the
    day (erstatningspersonnummer). Raises `InvalidInput` for a birth year outside 1858-2057 or a
    sequence beyond the serials available for that date.
    """
    year = birth.year
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        raise InvalidInput(
            field="birth",
            reason_da=f"CPR-numre findes kun for fødselsår {_FIRST_YEAR}-{_LAST_YEAR}",
            reason_en=f"CPR numbers exist only for birth years {_FIRST_YEAR}-{_LAST_YEAR}",
        )
    day = birth.day + _SUBSTITUTE_OFFSET if substitute else birth.day
    prefix = f"{day:02d}{birth.month:02d}{year % 100:02d}"
    serials = _serials_for(prefix, year, modulus_11)
    if not 0 <= sequence < len(serials):
        raise InvalidInput(
            field="sequence",
            reason_da=f"løbenummer {sequence} ligger uden for de {len(serials)} mulige numre for "
            f"{birth.isoformat()}",
            reason_en=f"sequence {sequence} is outside the {len(serials)} numbers available for "
            f"{birth.isoformat()}",
        )
    return _trusted(prefix + serials[sequence])
