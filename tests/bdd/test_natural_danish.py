"""A Danish QA tester writes the steps as Danish is written: plurals, "et/en/intet", a
municipality in the genitive; the catalogue lists every closed vocabulary with its values and
speaks Danish in its placeholders."""

from __future__ import annotations

import re

import pytest

from sandbox.domain.model import CASE_STATUS_DA, CASE_TYPE_DA
from tests.bdd import catalogue, value_lists
from tests.bdd.drivers.places import municipality_code


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("then", 'sendes to breve til "Kent"'),
        ("then", 'sendes et brev til "Kent"'),
        ("then", 'sendes intet brev til "Kent"'),
        ("then", 'sendes to kvitteringer til "Kent"'),
        ("then", 'sendes én kvittering til "Kent"'),
        ("when", "der går 1 minut"),
        ("when", "der går fem minutter"),
        ("then", 'har Københavns Kommune en systemopgave "Praksishændelse"'),
        ("then", 'holder LUNA to registreringer af forløbet "Lægevalg" for "Kent"'),
        ("then", 'er "Karen" i sikringsgruppe 1 den 25. marts 2025'),
    ],
)
def test_natural_danish_matches_exactly_one_step(kind: str, text: str) -> None:
    assert len(catalogue.matching(kind, text)) == 1


@pytest.mark.parametrize(
    ("written", "code"), [("Københavns", "0101"), ("København", "0101"), ("Thisteds", "0787")]
)
def test_a_municipality_in_the_genitive_is_the_municipality(written: str, code: str) -> None:
    assert municipality_code(written) == code


def test_the_catalogue_lists_every_closed_vocabulary_with_its_values() -> None:
    text = catalogue.render()
    for value in [*CASE_TYPE_DA.values(), *CASE_STATUS_DA.values(), "SPOUSE", "sb-{kode}-01"]:
        assert f"`{value}`" in text
    for code, _ in value_lists.reasons():
        assert f"`{code}`" in text
    assert "Bestil Sundhedskort" in text and "Afventer LUNA" in text
    assert any("Sårbar situation" in title for title in value_lists.task_titles())


def test_the_placeholders_are_danish() -> None:
    used = {p for entry in catalogue.steps() for p in re.findall(r"<([^>]+)>", entry.readable)}
    english = {"name", "text", "user", "unit", "what", "day", "kind", "to", "minutes", "count"}
    assert used and not used & english
