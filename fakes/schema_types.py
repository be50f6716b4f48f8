"""Types the HTTP schemas share (the fakes' and the sandbox's), strict at the edge.

The OpenAPI states exactly what the server enforces, so each type here is one pattern (or
range) that both the schema shows and the validator applies:

* CPR numbers are ASCII digits only (``[0-9]``, never ``\\d``, which also matches fullwidth
  and other scripts' digits), with a real day and month for the century digit 7 gives (a
  substitute number's day is raised by 60; 29 February only in leap years).
* Dates and moments are ISO 8601 strings, never numbers (``0`` is not 1970-01-01), between
  `EARLIEST` and `LATEST` (far enough from ``datetime.max`` that date arithmetic never
  overflows). Simulated time is naive local time: a moment's offset, if given, is dropped.
* Booleans and numbers are not coerced into each other (``capacity: true`` is refused).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, Strict, WithJsonSchema

EARLIEST = date(1850, 1, 1)
LATEST = date(2200, 12, 31)

# --- CPR numbers -------------------------------------------------------------------------
_DD_MM = (
    "(?:(?:0[1-9]|1[0-9]|2[0-8]|6[1-9]|7[0-9]|8[0-8])(?:0[1-9]|1[0-2])"
    "|(?:29|30|89|90)(?:0[13-9]|1[0-2])"
    "|(?:31|91)(?:0[13578]|1[02]))"
)
# 29 February: a leap YY in a century digit 7 allows (YY 00 is 1900 for digits 0-3)
_LEAP_DAY = "(?:29|89)02(?:(?:0[48]|[2468][048]|[13579][26]){dash}[0-9]|00{dash}[4-9])[0-9]{{3}}"


def _cpr(dash: str) -> str:
    ordinary = f"{_DD_MM}[0-9]{{2}}{dash}[0-9]{{4}}"
    return f"^(?:{ordinary}|{_LEAP_DAY.format(dash=dash)})$"


CPR_DIGITS_PATTERN = _cpr("")  # 1505963001
CPR_PATTERN = _cpr("-?")  # 150596-3001 or 1505963001
CprDigits = Annotated[str, Field(pattern=CPR_DIGITS_PATTERN, examples=["1505963001"])]
CprText = Annotated[str, Field(pattern=CPR_PATTERN, examples=["150596-3001"])]
_CPR = re.compile(CPR_PATTERN)


def is_cpr_form(text: str) -> bool:
    """Whether ``text`` is a CPR number as the schemas define it (modulus 11 is never asked)."""
    return _CPR.fullmatch(text) is not None


# --- dates and moments -------------------------------------------------------------------
_LEAP_YEAR = (
    "(?:18(?:5[26]|6[048]|7[26]|8[048]|9[26])"
    "|(?:19|21)(?:0[48]|[2468][048]|[13579][26])"
    "|20(?:[02468][048]|[13579][26]))"
)
_YEAR = "(?:18[5-9][0-9]|19[0-9]{2}|2[01][0-9]{2}|2200)"
_MONTH_DAY = (
    "(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"
    "|(?:0[13-9]|1[0-2])-(?:29|30)"
    "|(?:0[13578]|1[02])-31)"
)
_DATE = f"(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
_TIME = "(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{1,6})?"
DATE_PATTERN = f"^{_DATE}$"
MOMENT_PATTERN = f"^{_DATE}T{_TIME}(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?$"
_DATE_RE = re.compile(DATE_PATTERN)
_MOMENT_RE = re.compile(MOMENT_PATTERN)
_RANGE_EN = f"between {EARLIEST.isoformat()} and {LATEST.isoformat()}"


def _iso_date(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value  # made in Python, not read from the wire
    if not isinstance(value, str) or _DATE_RE.fullmatch(value) is None:
        raise ValueError(f"a date is an ISO string YYYY-MM-DD {_RANGE_EN}")
    return date.fromisoformat(value)


def _iso_moment(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if not isinstance(value, str) or _MOMENT_RE.fullmatch(value) is None:
        raise ValueError(f"a moment is an ISO string YYYY-MM-DDTHH:MM:SS {_RANGE_EN}")
    return datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None)


IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "pattern": DATE_PATTERN,
            "description": f"ISO 8601 date {_RANGE_EN}",
            "examples": ["2025-04-09"],
        }
    ),
]
Moment = Annotated[
    datetime,
    BeforeValidator(_iso_moment),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": MOMENT_PATTERN,
            "description": "Simulated local time, ISO 8601 (an offset, if given, is dropped) "
            + _RANGE_EN,
            "examples": ["2025-04-09T09:00:00"],
        }
    ),
]
LocalDateTime = Annotated[
    datetime,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?$",
            "description": "Simulated local time, ISO 8601 without offset",
            "examples": ["2025-04-09T09:00:00"],
        }
    ),
]

# --- booleans and numbers, never coerced into each other -------------------------------


def whole_value(value: Any) -> Any:
    """JSON's 2.0 is the integer 2 (as JSON Schema says); a boolean or a string is not."""
    if isinstance(value, float) and not isinstance(value, bool) and value.is_integer():
        return int(value)
    return value


Flag = Annotated[bool, Strict()]
Whole = Annotated[int, BeforeValidator(whole_value), Strict()]
Number = Annotated[float, Strict()]
# A bounded `Whole` inside ``| None``: the bounds must come before the validator, or pydantic
# writes them into the OpenAPI as raw ``ge``/``le`` instead of ``minimum``/``maximum``.
Seed = Annotated[int, Field(ge=0, le=2**32), BeforeValidator(whole_value), Strict()]
