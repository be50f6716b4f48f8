"""The default world of `sandbox serve`: Aarhus and Thisted, with the release notes' persons.

A scenario like any in ``scenarios/`` (built by the simulator's `World`, so its population and
cast work the same), kept here so `sandbox serve` finds it from any folder. The cast makes the
README's curl examples work as printed:

- Kent (150596-3001) lives with Sigrid (140397-4002) in Aarhus, unmarried (release notes,
  "Definition af samlevende"); Olivia (120984-0000) lives at P. Madsens Gang 8, Klitmøller,
  listed with the closed Klitmøller practice (900101);
- Storm Henningsen (010270-0000) lives in Greenland: CPR knows him, Sygesikring does not (yet);
- practices 900101 (closed) to 900104 in Thisted; 900201 and 900203 (open) and 900202 (closed)
  in Aarhus.
"""

from __future__ import annotations

from datetime import date
from typing import Any

KENT = "1505963001"
SIGRID = "1403974002"
OLIVIA = "1209840000"
STORM = "0102700000"


def _practice(yder: str, name: str, address: dict[str, Any], is_open: bool) -> dict[str, Any]:
    return {
        "type": "practice",
        "ydernummer": yder,
        "name": name,
        "address": address,
        "open": is_open,
        "doctors": [f"Læge {name.split()[-1]}"],
    }


AARHUS_HOME = {"street": "Vestergade", "house_number": "12", "postcode": "8000"}

DEMO_SCENARIO: dict[str, Any] = {
    "name": "serve-demo",
    "description": "Standardverdenen for sandbox serve: Aarhus og Thisted med demo-personerne.",
    "seed": 20250409,
    "start": date(2025, 4, 9),
    "duration_days": 1,
    "municipalities": ["0751", "0787"],
    "population": 200,
    "background": False,
    "cast": [
        _practice(
            "900101",
            "Lægerne i Klitmøller",
            {
                "street": "Ørhagevej",
                "house_number": "2",
                "postcode": "7700",
                "locality": "Klitmøller",
                "lat": 57.0415,
                "lon": 8.4935,
            },
            False,
        ),
        _practice(
            "900102",
            "Lægehuset Hanstholm",
            {
                "street": "Chr. Hansens Vej",
                "house_number": "1",
                "postcode": "7730",
                "lat": 57.118,
                "lon": 8.618,
            },
            True,
        ),
        _practice(
            "900103",
            "Vorupør Lægepraksis",
            {
                "street": "Vesterhavsgade",
                "house_number": "10",
                "postcode": "7700",
                "locality": "Nørre Vorupør",
                "lat": 56.953,
                "lon": 8.372,
            },
            True,
        ),
        _practice(
            "900104",
            "Thisted Lægehus",
            {
                "street": "Vestergade",
                "house_number": "12",
                "postcode": "7700",
                "lat": 56.9557,
                "lon": 8.694,
            },
            True,
        ),
        _practice(
            "900201",
            "Lægehuset Vestergade",
            {
                "street": "Vestergade",
                "house_number": "20",
                "postcode": "8000",
                "lat": 56.1569,
                "lon": 10.2005,
            },
            True,
        ),
        _practice(
            "900202",
            "Lægerne i Frederiksbjerg",
            {
                "street": "Jægergårdsgade",
                "house_number": "40",
                "postcode": "8000",
                "lat": 56.1488,
                "lon": 10.2033,
            },
            False,
        ),
        _practice(
            "900203",
            "Lægerne ved Banegården",
            {
                "street": "Banegårdspladsen",
                "house_number": "4",
                "postcode": "8000",
                "lat": 56.1503,
                "lon": 10.2046,
            },
            True,
        ),
        {
            "type": "person",
            "key": "kent",
            "cpr": "150596-3001",
            "name": "Kent Hansen",
            "address": AARHUS_HOME,
            "doctor": "900201",
        },
        {
            "type": "person",
            "key": "sigrid",
            "cpr": "140397-4002",
            "name": "Sigrid Nielsen",
            "address": AARHUS_HOME,
            "doctor": "900202",
        },
        {
            "type": "person",
            "key": "olivia",
            "cpr": "120984-0000",
            "name": "Olivia Jensen",
            "address": {
                "street": "P. Madsens Gang",
                "house_number": "8",
                "postcode": "7700",
                "locality": "Klitmøller",
                "lat": 57.0407,
                "lon": 8.4908,
            },
            "doctor": "900101",
        },
        {
            "type": "person",
            "key": "storm",
            "cpr": "010270-0000",
            "name": "Storm Henningsen",
            "status": "05",
        },
    ],
}
