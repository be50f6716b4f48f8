"""Tests of the CPR number: century rule, dates, format, substitutes, modulus 11, generation,
and a comparison with python-stdnum's ``stdnum.dk.cpr`` as an independent oracle."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from stdnum.dk import cpr as stdnum_cpr
from stdnum.exceptions import ValidationError

from sandbox.domain.cpr import Cpr, century, is_valid, make_cpr
from sandbox.domain.errors import InvalidCpr, InvalidInput

# A fixed reference date for ages; the code under test never reads a clock.
REFERENCE = date(2025, 6, 1)

# --- the century rule (SPEC 5.2), written out row by row --------------------------------------

# (digit 7, YY) -> full birth year, at every boundary of every column.
CENTURY_TABLE = [
    *[(d, yy, 1900 + yy) for d in (0, 1, 2, 3) for yy in (0, 36, 37, 57, 58, 99)],
    *[(d, yy, 2000 + yy) for d in (4, 9) for yy in (0, 36)],
    *[(d, yy, 1900 + yy) for d in (4, 9) for yy in (37, 57, 58, 99)],
    *[(d, yy, 2000 + yy) for d in (5, 6, 7, 8) for yy in (0, 36, 37, 57)],
    *[(d, yy, 1800 + yy) for d in (5, 6, 7, 8) for yy in (58, 99)],
]


@pytest.mark.parametrize(("digit7", "yy", "year"), CENTURY_TABLE)
def test_century_table(digit7: int, yy: int, year: int) -> None:
    assert century(digit7, yy) + yy == year
    number = Cpr.parse(f"0101{yy:02d}{digit7}000")
    assert number.birth_date == date(year, 1, 1)


def test_century_table_covers_every_digit_and_boundary() -> None:
    assert {(d, yy) for d, yy, _ in CENTURY_TABLE} == {
        (d, yy) for d in range(10) for yy in (0, 36, 37, 57, 58, 99)
    }


@pytest.mark.parametrize(("digit7", "yy"), [(-1, 0), (10, 0), (0, -1), (0, 100)])
def test_century_rejects_out_of_range_arguments(digit7: int, yy: int) -> None:
    with pytest.raises(InvalidInput):
        century(digit7, yy)


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment_en"),
    [
        ("310490-1234", "does not exist"),  # 31 April
        ("300290-1234", "does not exist"),  # 30 February 1990
        ("290201-1234", "does not exist"),  # 29 Feb 1901: not a leap year
        ("290200-0000", "does not exist"),  # digit 7 = 0 -> 1900, not a leap year
        ("290200-3000", "does not exist"),  # digit 7 = 3 -> 1900 as well
        ("000190-1234", "day"),
        ("320190-1234", "day"),
        ("450190-1234", "day"),  # between the normal days and the substitute days
        ("600190-1234", "day"),
        ("920190-1234", "day"),  # 92 - 60 = 32
        ("010090-1234", "month"),
        ("011390-1234", "month"),
        ("912190-1234", "month"),
    ],
)
def test_invalid_dates_are_refused_with_a_reason(text: str, fragment_en: str) -> None:
    with pytest.raises(InvalidCpr) as caught:
        Cpr.parse(text)
    assert fragment_en in caught.value.message_en
    assert text in caught.value.message_da
    assert caught.value.message_da != caught.value.message_en
    assert not is_valid(text)


@pytest.mark.parametrize(
    ("text", "born"),
    [
        ("290200-4000", date(2000, 2, 29)),  # digit 7 = 4 -> 2000, a leap year
        ("290200-9000", date(2000, 2, 29)),
        ("290200-5000", date(2000, 2, 29)),
        ("290296-3001", date(1996, 2, 29)),
        ("290260-5000", date(1860, 2, 29)),
        ("311299-8999", date(1899, 12, 31)),
        ("311257-8999", date(2057, 12, 31)),
        ("010158-5000", date(1858, 1, 1)),
    ],
)
def test_valid_dates(text: str, born: date) -> None:
    assert Cpr.parse(text).birth_date == born


# --- format -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "150596300",
        "15059630011",
        "150596-300",
        "15059-63001",
        "150596--3001",
        "150596 3001",
        "150596–3001",  # en dash
        "1505963001x",
        "15O596-3001",  # letter O
        "١٥٠٥٩٦٣٠٠١",  # Arabic-Indic digits: str.isdigit() is true, but they are not CPR digits
        "-1505963001",
        "150596-3001-",
    ],
)
def test_bad_formats_are_refused(text: str) -> None:
    with pytest.raises(InvalidCpr) as caught:
        Cpr.parse(text)
    assert "DDMMÅÅ-SSSS" in caught.value.message_da
    assert "DDMMYY-SSSS" in caught.value.message_en
    assert caught.value.to_dict()["code"] == "INVALID_CPR"
    assert not is_valid(text)


@pytest.mark.parametrize("text", ["1505963001", "150596-3001", "  150596-3001\n", "\t1505963001 "])
def test_both_forms_and_surrounding_whitespace_are_accepted(text: str) -> None:
    number = Cpr.parse(text)
    assert number.digits == "1505963001"
    assert number.formatted == "150596-3001"
    assert str(number) == "150596-3001"
    assert number.serial == "3001"
    assert is_valid(text)


def test_direct_construction_is_validated() -> None:
    assert Cpr("1505963001") == Cpr.parse("150596-3001")
    with pytest.raises(InvalidCpr):
        Cpr("150596-3001")
    with pytest.raises(InvalidCpr):
        Cpr("3102901234")


def test_cpr_is_a_hashable_value() -> None:
    assert len({Cpr.parse("150596-3001"), Cpr.parse("1505963001")}) == 1


# --- substitute numbers (erstatningspersonnummer) ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "born"),
    [
        ("670790-1234", date(1990, 7, 7)),  # born the 7th: day "67"
        ("610190-1234", date(1990, 1, 1)),
        ("910190-1234", date(1990, 1, 31)),
        ("890200-4000", date(2000, 2, 29)),
    ],
)
def test_substitute_numbers(text: str, born: date) -> None:
    number = Cpr.parse(text)
    assert number.is_substitute
    assert number.birth_date == born


def test_substitute_numbers_check_the_real_date() -> None:
    with pytest.raises(InvalidCpr):
        Cpr.parse("910490-1234")  # 31 April
    with pytest.raises(InvalidCpr):
        Cpr.parse("890200-0000")  # 29 Feb 1900


def test_ordinary_numbers_are_not_substitutes() -> None:
    assert not Cpr.parse("310190-1234").is_substitute
    assert not Cpr.parse("010190-1234").is_substitute


# --- the release-note demo numbers and modulus 11 ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "born"),
    [
        ("150596-3001", date(1996, 5, 15)),
        ("120984-0000", date(1984, 9, 12)),
        ("010270-0000", date(1970, 2, 1)),
    ],
)
def test_demo_numbers_are_valid_although_they_fail_modulus_11(text: str, born: date) -> None:
    number = Cpr.parse(text)
    assert number.birth_date == born
    assert not number.passes_modulus_11
    assert not number.is_substitute
    assert is_valid(text)


def test_modulus_11_example_passes() -> None:
    number = Cpr.parse("111111-1118")
    assert number.passes_modulus_11
    assert number.birth_date == date(1911, 11, 11)


@pytest.mark.parametrize("year", [1960, 1965, 1970, 1980, 1992, 1995])
def test_numbers_issued_without_modulus_11_since_2007_are_accepted(year: int) -> None:
    # CPR has issued 1 January numbers without modulus 11 since 1 Oct 2007 (SPEC 5.3).
    for serial in range(1000, 1012):
        number = Cpr.parse(f"0101{year % 100:02d}-{serial}")
        assert number.birth_date == date(year, 1, 1)
    failing = [Cpr.parse(f"0101{year % 100:02d}{s}") for s in range(1000, 1012)]
    assert sum(not n.passes_modulus_11 for n in failing) >= 10


# --- age --------------------------------------------------------------------------------------


def test_age_on_counts_completed_years() -> None:
    number = Cpr.parse("150596-3001")
    assert number.age_on(date(1996, 5, 15)) == 0
    assert number.age_on(date(2014, 5, 14)) == 17
    assert number.age_on(date(2014, 5, 15)) == 18
    assert number.age_on(REFERENCE) == 29


def test_age_of_a_leap_day_birthday() -> None:
    number = Cpr.parse("290200-4000")
    assert number.age_on(date(2018, 2, 28)) == 17
    assert number.age_on(date(2018, 3, 1)) == 18
    assert number.age_on(date(2020, 2, 29)) == 20


def test_age_before_birth_is_refused() -> None:
    with pytest.raises(InvalidInput):
        Cpr.parse("150596-3001").age_on(date(1996, 5, 14))


# --- make_cpr ---------------------------------------------------------------------------------

BIRTHS = [
    date(1858, 1, 1),
    date(1899, 12, 31),
    date(1900, 2, 28),
    date(1936, 6, 30),
    date(1937, 1, 1),
    date(1957, 12, 31),
    date(1958, 1, 1),
    date(1965, 1, 1),
    date(1999, 12, 31),
    date(2000, 2, 29),
    date(2036, 12, 31),
    date(2037, 1, 1),
    date(2057, 12, 31),
]


@pytest.mark.parametrize("birth", BIRTHS)
@pytest.mark.parametrize("modulus_11", [True, False])
@pytest.mark.parametrize("substitute", [False, True])
def test_make_cpr_round_trips(birth: date, modulus_11: bool, substitute: bool) -> None:
    made = [
        make_cpr(birth, sequence, modulus_11=modulus_11, substitute=substitute)
        for sequence in (0, 1, 2, 100, 300)
    ]
    assert len({number.digits for number in made}) == len(made)
    for number in made:
        parsed = Cpr.parse(number.formatted)
        assert parsed == number
        assert parsed.birth_date == birth
        assert parsed.passes_modulus_11 is modulus_11
        assert parsed.is_substitute is substitute


def test_make_cpr_is_deterministic_and_ascending() -> None:
    birth = date(1984, 9, 12)
    first = [make_cpr(birth, n).digits for n in range(50)]
    assert first == [make_cpr(birth, n).digits for n in range(50)]
    assert first == sorted(first)


@pytest.mark.parametrize(
    ("birth", "digits7"),
    [
        (date(1920, 3, 3), "0123"),
        (date(1980, 3, 3), "012349"),
        (date(1880, 3, 3), "5678"),
        (date(2020, 3, 3), "456789"),
        (date(2040, 3, 3), "5678"),
    ],
)
def test_make_cpr_uses_the_whole_serial_space(birth: date, digits7: str) -> None:
    # Count the passing serials by brute force over every 4-digit serial whose digit 7 fits.
    prefix = birth.strftime("%d%m%y")
    expected = {
        prefix + f"{s:04d}"
        for s in range(10_000)
        if f"{s:04d}"[0] in digits7 and _weighted(prefix + f"{s:04d}") % 11 == 0
    }
    numbers = {make_cpr(birth, n).digits for n in range(len(expected))}
    assert numbers == expected
    with pytest.raises(InvalidInput):
        make_cpr(birth, len(expected))
    failing = 1000 * len(digits7) - len(expected)
    assert not make_cpr(birth, failing - 1, modulus_11=False).passes_modulus_11
    with pytest.raises(InvalidInput):
        make_cpr(birth, failing, modulus_11=False)


def test_make_cpr_failing_modulus_11_has_more_room() -> None:
    birth = date(1965, 1, 1)
    last = make_cpr(birth, 5000, modulus_11=False)
    assert not last.passes_modulus_11
    assert last.birth_date == birth


@pytest.mark.parametrize("sequence", [-1, 10_000])
def test_make_cpr_refuses_a_sequence_outside_the_space(sequence: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        make_cpr(date(1990, 1, 1), sequence)
    assert caught.value.fields["field"] == "sequence"


@pytest.mark.parametrize("birth", [date(1857, 12, 31), date(2058, 1, 1)])
def test_make_cpr_refuses_years_the_century_rule_cannot_express(birth: date) -> None:
    with pytest.raises(InvalidInput):
        make_cpr(birth, 0)


# The fewest modulus-11 serials any date has: 4,000 serials (digit 7 in four values) split over
# 11 residues gives 363 or 364.
MIN_CAPACITY = 363


@given(
    birth=st.dates(min_value=date(1858, 1, 1), max_value=date(2057, 12, 31)),
    sequence=st.integers(min_value=0, max_value=MIN_CAPACITY - 1),
    modulus_11=st.booleans(),
    substitute=st.booleans(),
)
def test_make_cpr_round_trips_for_any_date(
    birth: date, sequence: int, modulus_11: bool, substitute: bool
) -> None:
    number = make_cpr(birth, sequence, modulus_11=modulus_11, substitute=substitute)
    parsed = Cpr.parse(number.formatted)
    assert parsed.birth_date == birth
    assert parsed.passes_modulus_11 is modulus_11
    assert parsed.is_substitute is substitute


# --- python-stdnum as an independent oracle ---------------------------------------------------
#
# What stdnum.dk.cpr (version 2.x) does, read from its source:
# * compact() strips spaces and dashes anywhere (and maps Unicode dashes to "-") before checking;
# * get_birth_date() applies the same century table as SPEC 5.2 and checks the calendar date;
#   it knows nothing of substitute numbers, so day 61-91 is an invalid date for it;
# * validate() also refuses a birth date after datetime.date.today() ("not born yet");
# * modulus 11 is NOT checked: checksum() exists but validate() does not call it.

ORACLE_LAST_DATE = date(2019, 12, 31)  # so stdnum's "not born yet" check against today never bites


@st.composite
def ten_digits(draw: st.DrawFn) -> str:
    """Ten digits with a plausible-looking date part: any day 01-31, month 01-12, YY, serial."""
    day = draw(st.integers(min_value=1, max_value=31))
    month = draw(st.integers(min_value=1, max_value=12))
    yy = draw(st.integers(min_value=0, max_value=99))
    serial = draw(st.integers(min_value=0, max_value=9999))
    return f"{day:02d}{month:02d}{yy:02d}{serial:04d}"


@given(ten_digits())
def test_oracle_agrees_on_birth_date_or_invalid_date(digits: str) -> None:
    try:
        theirs: date | None = stdnum_cpr.get_birth_date(digits)
    except ValidationError:
        theirs = None
    try:
        ours: date | None = Cpr.parse(digits).birth_date
    except InvalidCpr:
        ours = None
    assert ours == theirs


@given(ten_digits())
def test_oracle_agrees_on_modulus_11(digits: str) -> None:
    assert (stdnum_cpr.checksum(digits) == 0) is (_weighted(digits) % 11 == 0)
    assume(is_valid(digits))
    assert Cpr.parse(digits).passes_modulus_11 is (stdnum_cpr.checksum(digits) == 0)


def _weighted(digits: str) -> int:
    return sum(w * int(c) for w, c in zip((4, 3, 2, 7, 6, 5, 4, 3, 2, 1), digits, strict=True))


@given(
    born=st.dates(min_value=date(1858, 1, 1), max_value=ORACLE_LAST_DATE),
    sequence=st.integers(min_value=0, max_value=MIN_CAPACITY - 1),
    modulus_11=st.booleans(),
)
def test_oracle_accepts_every_past_number_we_make(
    born: date, sequence: int, modulus_11: bool
) -> None:
    number = make_cpr(born, sequence, modulus_11=modulus_11)
    assert stdnum_cpr.is_valid(number.formatted)
    assert stdnum_cpr.validate(number.formatted) == number.digits
    assert stdnum_cpr.get_birth_date(number.digits) == born
    assert stdnum_cpr.format(number.digits) == number.formatted


@given(ten_digits(), st.sampled_from(["{}", "{}-{}", " {}-{} ", "{}{}"]))
def test_oracle_and_we_agree_on_validity_of_past_ordinary_numbers(digits: str, shape: str) -> None:
    assume(digits[0] < "6")  # substitutes differ on purpose, see below
    with contextlib.suppress(ValidationError):  # an invalid date must be invalid for both
        assume(stdnum_cpr.get_birth_date(digits) <= ORACLE_LAST_DATE)
    text = shape.format(digits) if shape == "{}" else shape.format(digits[:6], digits[6:])
    assert is_valid(text) is stdnum_cpr.is_valid(text)


# Where the two must differ, and why.


def test_oracle_differs_on_substitute_numbers() -> None:
    # stdnum does not know erstatningspersonnumre (SPEC 5.5): day 67 is no date to it.
    assert not stdnum_cpr.is_valid("670790-1234")
    assert Cpr.parse("670790-1234").birth_date == date(1990, 7, 7)


def test_oracle_differs_on_future_birth_dates() -> None:
    # stdnum refuses a birth date after today's date; the domain never reads a clock, so a
    # number born in 2050 is valid for it (the simulator runs into the future).
    assert not stdnum_cpr.is_valid("010150-5000")
    assert Cpr.parse("010150-5000").birth_date == date(2050, 1, 1)
    tomorrow = date.today() + timedelta(days=1)  # noqa: DTZ011 - only to probe the oracle
    text = make_cpr(tomorrow, 0).formatted
    assert not stdnum_cpr.is_valid(text)
    assert is_valid(text)


@pytest.mark.parametrize("text", ["150596 3001", "15-05-96-3001", "150596–3001", "1505 963001"])
def test_oracle_differs_on_separators_inside_the_number(text: str) -> None:
    # stdnum strips spaces and dashes anywhere and maps Unicode dashes to "-"; we accept only
    # DDMMYY-SSSS and DDMMYYSSSS, as SPEC 5.1 writes them.
    assert stdnum_cpr.is_valid(text)
    assert not is_valid(text)


@pytest.mark.parametrize("text", ["150596-3001", "120984-0000", "010270-0000"])
def test_oracle_agrees_that_modulus_11_is_not_a_validity_rule(text: str) -> None:
    # Both accept the demo numbers although their checksum is not 0: stdnum stopped checking
    # modulus 11 because CPR stopped guaranteeing it in 2007 (SPEC 5.3).
    assert stdnum_cpr.checksum(text.replace("-", "")) != 0
    assert stdnum_cpr.is_valid(text)
    assert is_valid(text)
