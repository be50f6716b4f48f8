"""Greenland's CPR municipality codes (SPEC 5.8) have a name to show, but stay invalid for the
rules (GP choice, distance limits)."""

from __future__ import annotations

import pytest

from sandbox.domain.errors import UnknownMunicipality
from sandbox.domain.geography import GREENLAND_MUNICIPALITIES, load_geography


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("0959", "Qeqertalik (Grønland)"),
        ("960", "Avannaata (Grønland)"),
        ("0958", "Qaasuitsup (Grønland)"),
        ("955", "Grønlandsk kommune 955"),
        ("0956", "Grønlandsk kommune 956"),
        ("0961", "Grønlandsk kommune 961"),
    ],
)
def test_greenland_codes_have_a_display_name(code: str, name: str) -> None:
    geography = load_geography()
    assert geography.municipality_name(code) == name
    assert geography.is_greenland(code)
    with pytest.raises(UnknownMunicipality):
        geography.municipality(code)  # not a Danish municipality: no limit, no GP choice


def test_danish_and_unknown_codes() -> None:
    geography = load_geography()
    assert geography.municipality_name("787") == "Thisted"
    assert not geography.is_greenland("0787")
    with pytest.raises(UnknownMunicipality):
        geography.municipality_name("0954")
    assert sorted(GREENLAND_MUNICIPALITIES) == [f"09{n}" for n in range(55, 62)]
