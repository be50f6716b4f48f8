"""Danish as Danes write it: numbers, plurals, dates, genitives and municipality names, and the
reason renderer that uses them (`sandbox.domain.danish`, `sandbox.domain.decisions`)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from sandbox.domain import danish
from sandbox.domain.decisions import Reason, render, shown

MUNICIPALITIES = Path(__file__).parents[2] / "sandbox" / "data" / "municipalities.csv"


@pytest.mark.parametrize(
    ("value", "da", "en"),
    [
        (0, "0", "0"),
        (15, "15", "15"),
        (230, "230", "230"),
        (1600, "1600", "1600"),  # four digits: no separator, as Danish allows (and years)
        (2025, "2025", "2025"),
        (10000, "10.000", "10,000"),
        (100000, "100.000", "100,000"),
        (5822679, "5.822.679", "5,822,679"),
        (-12000, "-12.000", "-12,000"),
        (2.5, "2,5", "2.5"),
        (2.504, "2,5", "2.5"),
        (15.0, "15", "15"),
        (33.29, "33,29", "33.29"),
        (12345.67, "12.345,67", "12,345.67"),
    ],
)
def test_numbers(value: float, da: str, en: str) -> None:
    assert danish.number_da(value) == da
    assert danish.number_en(value) == en


def test_dates() -> None:
    may_day = date(2025, 5, 1)
    assert danish.date_da(may_day) == "1. maj 2025"
    assert danish.date_da(may_day, weekday=True) == "torsdag den 1. maj 2025"
    assert danish.date_en(may_day) == "1 May 2025"
    assert danish.date_en(may_day, weekday=True) == "Thursday 1 May 2025"
    assert danish.date_da(date(2024, 12, 31)) == "31. december 2024"


@pytest.mark.parametrize("text", ["2025-04-16", "1999-12-31"])
def test_iso_dates_are_recognised(text: str) -> None:
    assert danish.parse_iso_date(text) == date.fromisoformat(text)


@pytest.mark.parametrize("text", ["2025-13-01", "20250416", "2025-04-16T10:00", "100164", ""])
def test_other_strings_are_not_dates(text: str) -> None:
    assert danish.parse_iso_date(text) is None


def test_plurals() -> None:
    assert danish.plural(1, "involveret borger", "involverede borgere") == "1 involveret borger"
    assert danish.plural(2, "involveret borger", "involverede borgere") == "2 involverede borgere"
    assert danish.plural(0, "dag", "dage") == "0 dage"
    assert danish.plural(12000, "borger", "borgere") == "12.000 borgere"
    assert danish.plural(12000, "citizen", "citizens", "en") == "12,000 citizens"


def test_counts_in_running_text() -> None:
    assert danish.count_words(0, "praksis", "praksisser") == "ingen praksisser"
    assert danish.count_words(1, "praksis", "praksisser") == "én praksis"
    assert danish.count_words(1, "barn", "børn", neuter=True) == "ét barn"
    assert danish.count_words(3, "praksis", "praksisser") == "3 praksisser"
    assert danish.count_words(1, "practice", "practices", "en") == "one practice"
    assert danish.count_words(0, "practice", "practices", "en") == "no practices"


@pytest.mark.parametrize(
    ("name", "da", "en"),
    [
        ("Mette Hansen", "Mette Hansens", "Mette Hansen's"),
        ("Lars", "Lars'", "Lars's"),
        ("Max", "Max'", "Max's"),
        ("Fritz Schulz", "Fritz Schulz'", "Fritz Schulz's"),
        ("Anne Møller", "Anne Møllers", "Anne Møller's"),
    ],
)
def test_genitives(name: str, da: str, en: str) -> None:
    assert danish.genitive_da(name) == da
    assert danish.genitive_en(name) == en


def test_municipalities_as_danes_write_them() -> None:
    assert danish.municipality_da("København") == "Københavns Kommune"
    assert danish.municipality_da("Bornholm") == "Bornholms Regionskommune"
    assert danish.municipality_da("Frederiksberg") == "Frederiksberg Kommune"
    assert danish.municipality_da("Thisted") == "Thisted Kommune"
    assert danish.municipality_da("Lyngby-Taarbæk") == "Lyngby-Taarbæk Kommune"
    assert danish.municipality_en("København") == "Copenhagen Municipality"
    assert danish.municipality_en("Aarhus") == "Aarhus Municipality"


def test_a_formal_or_greenlandic_name_is_kept() -> None:
    assert danish.municipality_da("Thisted Kommune") == "Thisted Kommune"
    assert danish.municipality_da("Qeqertalik (Grønland)") == "Qeqertalik (Grønland)"
    assert danish.municipality_da("Grønlandsk kommune 955") == "Grønlandsk kommune 955"


def test_every_registered_municipality_gets_one_formal_name() -> None:
    with MUNICIPALITIES.open(encoding="utf-8") as handle:
        names = [row["name"] for row in csv.DictReader(handle)]
    formal = [danish.municipality_da(name) for name in names]
    assert len(names) == 98 and len(set(formal)) == 98
    assert all(text.endswith(("Kommune", "Regionskommune")) for text in formal)
    assert set(danish.MUNICIPALITY_EXCEPTIONS) <= set(names)


def test_yes_no() -> None:
    assert danish.yes_no(True) == "ja" and danish.yes_no(False, "da") == "nej"
    assert danish.yes_no(True, "en") == "yes"


# the renderer ---------------------------------------------------------------------------------


def test_fields_are_shown_by_type() -> None:
    assert shown(date(2025, 4, 16)) == "16. april 2025"
    assert shown("2025-04-16") == "16. april 2025"
    assert shown("2025-04-16", "en") == "16 April 2025"
    assert shown(100000) == "100.000" and shown(100000, "en") == "100,000"
    assert shown(2.5) == "2,5" and shown(2.5, "en") == "2.5"
    assert shown(True) == "ja" and shown(False, "en") == "no"
    assert shown(("0101", "0147")) == "0101, 0147"
    assert shown("Lægerne i Klitmøller (900101)") == "Lægerne i Klitmøller (900101)"


def test_format_specs() -> None:
    fields = {"n": 1, "m": 2, "on": date(2025, 5, 1), "who": "Lars", "where": "København"}
    assert render("{n:praksis|praksisser}", fields) == "1 praksis"
    assert render("{m:praksis|praksisser}", fields) == "2 praksisser"
    assert render("Der er {n:words:praksis|praksisser}", fields) == "Der er én praksis"
    assert render("{on:weekday}", fields) == "torsdag den 1. maj 2025"
    assert render("{on:weekday}", fields, "en") == "Thursday 1 May 2025"
    assert render("{who:genitive} lægevalg", fields) == "Lars' lægevalg"
    assert render("i {where:municipality}", fields) == "i Københavns Kommune"
    with pytest.raises(ValueError, match="unknown format spec"):
        render("{n:nonsense}", fields)


def test_a_reason_renders_each_language_when_read() -> None:
    reason = Reason(
        "r",
        "C",
        "Lukket for tilgang den {on}; {count:words:praksis|praksisser} åben, {fee} kr.",
        "Closed on {on}; {count:words:practice|practices} open, DKK {fee}.",
        "SPEC",
        (("on", "2025-04-16"), ("count", 1), ("fee", 100000)),
    )
    assert (
        reason.text("da") == "Lukket for tilgang den 16. april 2025; én praksis åben, 100.000 kr."
    )
    assert reason.text("en") == "Closed on 16 April 2025; one practice open, DKK 100,000."
    assert reason.to_dict()["fields"]["on"] == "2025-04-16"  # the data keeps its ISO form
