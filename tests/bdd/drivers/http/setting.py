"""HTTP driver: setting up a world (Givet) through the served sandbox's own routes.

What the API offers is used: the demo world (``POST /_control/seed``), CPR's persons and life
events (``/cpr``), LUNA's opt-outs (``/luna``), faults (``/_control/faults/luna``). Building
a world to a feature's exact measure - a practice at a given place, a citizen that Sygesikring
already knows with a group and a doctor since a date, relations without a CPR event - needs
test-data routes the API does not have yet; those steps raise `MissingRoute` naming them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from tests.bdd.drivers.http.session import MissingRoute, Session

FIXTURE_ROUTES = "POST /_control/fixtures/citizens og POST /_control/fixtures/practices"


def missing(what: str) -> MissingRoute:
    return MissingRoute(
        f"{what} kræver testdata-ruter, som den kørende sandkasse ikke har ({FIXTURE_ROUTES})"
    )


class Setting(Session):
    """Opsætning - Givet-steps over HTTP."""

    def use_demo_world(self) -> None:
        self.ok("POST", "/_control/seed", json={"world": "demo"})

    def know_person(self, name: str, cpr: str) -> None:
        self.ok("GET", f"/cpr/persons/{cpr}")
        self.names.persons[name] = cpr

    def pick_practice(self, name: str, municipality_code: str) -> None:
        found = self.ok(
            "GET",
            "/sygesikring/practices",
            params={"municipality_code": municipality_code, "open_only": True, "limit": 1},
        )
        if not found:
            raise AssertionError(f"ingen åben praksis i {municipality_code}")
        self.names.practices[name] = found[0]["ydernummer"]
        self.practice_municipality[name] = municipality_code

    def add_person(
        self,
        name: str,
        cpr: str,
        address: dict[str, Any],
        birth: date,
        group: int | None,
        since: date,
        status: str = "01",
    ) -> None:
        if status in ("01", "03"):
            raise missing(f"borgeren {name} i Sygesikring med gruppe {group}")
        body = {"cpr": cpr, "name": name, "birth_date": birth.isoformat(), "status": status}
        self.ok("POST", "/cpr/persons", json=body | {"address": address})
        self.names.persons[name] = cpr

    def add_practice(
        self, name: str, ydernummer: str, address: dict[str, Any], is_open: bool, since: date
    ) -> None:
        raise missing(f"praksis {name} på {address['street']} {address['house_number']}")

    def practice_near(self, name: str, who: str, km: float, is_open: bool, since: date) -> None:
        raise missing(f"praksis {name} {km} km fra {who}")

    def set_birth(self, who: str, born: date) -> None:
        raise missing(f"fødselsdatoen for {who}")

    def set_group(self, who: str, group: int, since: date) -> None:
        raise missing(f"sikringsgruppe {group} for {who} fra {since}")

    def list_with(self, who: str, practice: str, since: date) -> None:
        raise missing(f"tilmeldingen af {who} hos {practice} fra {since}")

    def add_parent(self, child: str, parent: str) -> None:
        raise missing(f"{parent} som forælder til {child}")

    def marry(self, first: str, second: str) -> None:
        body = {"a": self.names.cpr(first), "b": self.names.cpr(second)}
        self.ok("POST", "/cpr/life-events/marriage", json=body)

    def protect(self, who: str) -> None:
        self.ok("PUT", f"/cpr/persons/{self.names.cpr(who)}/protection", json={"protected": True})

    def opt_out_of_physical_card(self, who: str) -> None:
        self.ok("PUT", f"/luna/opt-outs/{self.names.cpr(who)}")

    def luna_down(self) -> None:
        now = datetime.fromisoformat(self.ok("GET", "/_control/clock")["now"])
        window = {"start": now.isoformat(), "end": (now + timedelta(days=3650)).isoformat()}
        self.ok("PUT", "/_control/faults/luna", json={"luna_windows": [window]})

    def luna_answer_lost(self) -> None:
        self.ok("PUT", "/_control/faults/luna", json={"luna_force_next": ["drop_after_commit"]})
