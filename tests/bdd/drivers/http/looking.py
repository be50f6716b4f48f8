"""HTTP driver: what a case worker sees (Så), through the case-worker client's views.

The driver looks as its own user (``bdd-laeser``, a case worker with special rights in the
person's municipality), so an audit-log extract for a named case worker never counts it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sandbox.domain.geography import load_geography
from tests.bdd.drivers.base import ReadsCases
from tests.bdd.drivers.http.acting import SELF, STAFF, Acting

View = dict[str, Any]
DANISH = frozenset(municipality.code for municipality in load_geography().municipalities())


def covering(periods: list[View], day: date) -> View | None:
    """The last period (listing or group) whose [valid_from, valid_to) holds ``day``."""
    found = None
    for period in periods:
        start = date.fromisoformat(period["valid_from"])
        end = period.get("valid_to")
        if start <= day and (end is None or day < date.fromisoformat(end)):
            found = period
    return found


class Looking(Acting, ReadsCases):
    """Visninger over HTTP."""

    def views_of(self, who: str) -> tuple[str, str]:
        """Where to read the person's views, and with which token: the case-worker client of
        their municipality, or - for someone living outside Denmark, whom no Danish case
        worker has - their own self-service."""
        code = self.municipality_of(who)
        if code not in DANISH:
            return f"{SELF}/me", self.token("citizen", who)
        return f"{STAFF}/citizens/{self.names.cpr(who)}", self.looker(code=code)

    def gp_card(self, who: str, day: date | None = None) -> View:
        prefix, token = self.views_of(who)
        return dict(self.ok("GET", f"{prefix}/gp-choice-card", token))

    def gp_history(self, who: str) -> View:
        prefix, token = self.views_of(who)
        return dict(self.ok("GET", f"{prefix}/gp-choice-history", token))

    def app_cards(self, who: str) -> View:
        return dict(self.ok("GET", f"{SELF}/me/health-cards", self.token("citizen", who)))

    def doctor_on(self, who: str, day: date) -> str | None:
        listing = covering(self.gp_history(who)["listings"], day)
        return self.names.practice_name(listing["ydernummer"]) if listing else None

    def group_on(self, who: str, day: date) -> int | None:
        group = covering(self.gp_history(who)["groups"], day)
        return int(group["group"]) if group else None

    def dormant_on(self, who: str, day: date) -> bool:
        group = covering(self.gp_history(who)["groups"], day)
        return group is not None and group["reason"] == "DORMANT"

    def cases(self, who: str) -> list[View]:
        prefix, token = self.views_of(who)
        if prefix.startswith(SELF):
            overview = self.ok("GET", prefix, token)
            rows = [*overview["recent_cases"], *overview["open_cases"], *overview["involved_cases"]]
            return [dict(self.ok("GET", f"{prefix}/cases/{r['case_id']}", token)) for r in rows]
        rows = self.ok("GET", f"{prefix}/cases", token)
        return [self.case(row["case_id"], row["municipality_code"]) for row in rows]

    def case(self, case_id: str, code: str) -> View:
        return dict(self.ok("GET", f"{STAFF}/cases/{case_id}", self.looker(code=code)))

    def case_details_as_case_worker(self, case_id: str, municipality_code: str) -> View:
        """Forløbsdetaljer as an ordinary case worker of the municipality sees them."""
        token = self.token_in("case_worker", municipality_code)
        return dict(self.ok("GET", f"{STAFF}/cases/{case_id}", token))

    def tasks(self, municipality_code: str) -> list[View]:
        overview = self.ok("GET", f"{STAFF}/tasks", self.looker(code=municipality_code))
        return list(overview["tasks"])

    def open_cases_in(self, municipality_code: str) -> list[View]:
        overview = self.ok("GET", f"{STAFF}/tasks", self.looker(code=municipality_code))
        return list(overview["cases"])

    def reconciliation(self) -> View:
        path = "/sygesikring/operator/reconciliation"
        return dict(self.ok("GET", path, self.token("operator")))

    def luna_registrations(self, case_id: str) -> int:
        response = self.request("GET", f"/luna/registrations/{case_id}")
        return 1 if response.status_code == 200 else 0
