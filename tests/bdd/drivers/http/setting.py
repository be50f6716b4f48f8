"""HTTP driver: setting up a world (Givet) through the served sandbox's own routes.

The demo world (``POST /_control/seed``), CPR's persons and life events (``/cpr``), LUNA's
opt-outs (``/luna``), faults (``/_control/faults/luna``), and the control plane's test data
(``/_control/fixtures``): a practice at a given place, a citizen Sygesikring already knows
with a group and a doctor since a date, relations and protection without a CPR event. Every
set-up request is kept, so the world can be rebuilt at an earlier date (`Session.set_today`).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sandbox.domain.geography import Coordinates
from tests.bdd.drivers.http.session import Session
from tests.bdd.drivers.places import point_at_distance

FIXTURES = "/_control/fixtures"


class Setting(Session):
    """Opsætning - Givet-steps over HTTP."""

    def use_demo_world(self) -> None:
        self.given("POST", "/_control/seed", json={"world": "demo"})

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
        """A person known to CPR and, when resident, to Sygesikring (group from ``since``)."""
        plain = {key: value for key, value in address.items() if value is not None}
        body = {"cpr": cpr, "name": name, "birth_date": birth.isoformat(), "status": status}
        if status in ("01", "03"):
            if group is not None:
                body["group"] = {"group": group, "since": since.isoformat()}
            self.given("POST", f"{FIXTURES}/citizens", json=body | {"address": plain})
            self.known_citizens.add(cpr)
        else:
            self.given("POST", "/cpr/persons", json=body | {"address": plain})
        self.names.persons[name] = cpr

    def add_practice(
        self, name: str, ydernummer: str, address: dict[str, Any], is_open: bool, since: date
    ) -> None:
        plain = {key: value for key, value in address.items() if value is not None}
        body = {
            "ydernummer": ydernummer,
            "name": name,
            "address": plain,
            "open": is_open,
            "since": since.isoformat(),
        }
        self.given("POST", f"{FIXTURES}/practices", json=body)
        self.names.practices[name] = ydernummer
        self.practice_municipality[name] = str(address["municipality_code"])

    def practice_near(self, name: str, who: str, km: float, is_open: bool, since: date) -> None:
        home = self.ok("GET", f"/cpr/persons/{self.names.cpr(who)}")["address"]
        point = point_at_distance(Coordinates(home["lat"], home["lon"]), km)
        address = {
            "street": "Lægevej",
            "house_number": str(len(self.names.practices) + 1),
            "postcode": home["postcode"],
            "city": home["city"],
            "municipality_code": home["municipality_code"],
            "lat": point.lat,
            "lon": point.lon,
        }
        self.add_practice(name, self.names.next_ydernummer(), address, is_open, since)

    def change(self, who: str, body: dict[str, Any]) -> None:
        self.given("PATCH", f"{FIXTURES}/citizens/{self.names.cpr(who)}", json=body)

    def set_birth(self, who: str, born: date) -> None:
        self.change(who, {"birth_date": born.isoformat()})

    def set_group(self, who: str, group: int, since: date) -> None:
        self.change(who, {"group": {"group": group, "since": since.isoformat()}})

    def list_with(self, who: str, practice: str, since: date) -> None:
        body = {"ydernummer": self.names.ydernummer(practice), "since": since.isoformat()}
        self.change(who, {"doctor": body})

    def add_parent(self, child: str, parent: str) -> None:
        parents = [*self.parents.get(child, []), self.names.cpr(parent)]
        self.parents[child] = parents
        self.change(child, {"parents": parents, "custody_holders": parents})

    def marry(self, first: str, second: str) -> None:
        body = {"a": self.names.cpr(first), "b": self.names.cpr(second)}
        self.given("POST", "/cpr/life-events/marriage", json=body)

    def protect(self, who: str) -> None:
        cpr = self.names.cpr(who)
        if cpr in self.known_citizens:
            self.change(who, {"protected": True})
        else:
            self.given("PUT", f"/cpr/persons/{cpr}/protection", json={"protected": True})

    def opt_out_of_physical_card(self, who: str) -> None:
        self.given("PUT", f"/luna/opt-outs/{self.names.cpr(who)}")

    def luna_down(self) -> None:
        now = datetime.fromisoformat(self.ok("GET", "/_control/clock")["now"])
        window = {"start": now.isoformat(), "end": (now + timedelta(days=3650)).isoformat()}
        self.given("PUT", "/_control/faults/luna", json={"luna_windows": [window]})

    def luna_fails_next(self, fault: str) -> None:
        self.given("PUT", "/_control/faults/luna", json={"luna_force_next": [fault]})

    def luna_answer_lost(self) -> None:
        body = {"luna_force_next": ["drop_after_commit"]}
        self.given("PUT", "/_control/faults/luna", json=body)
