"""HTTP driver: the explorer's invariants, read through the served sandbox's own views.

Over HTTP the driver sees what a case worker and an operator see: the named persons' groups,
listings and cases, CPR's addresses and the reconciliation with LUNA. So the invariants are
judged over the persons and practices the feature names (the in-process driver judges the
whole world); an invariant these views cannot show fails the step with a clear message.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from sandbox.domain.geography import Address, Coordinates
from tests.bdd.drivers.http.looking import Looking, covering

OLD_NUMBER = "(gammelt nummer)"


def _key(data: dict[str, Any]) -> str:
    return Address(
        str(data["street"]),
        str(data["house_number"]),
        str(data["postcode"]),
        str(data.get("city") or ""),
        str(data.get("municipality_code") or ""),
        Coordinates(0.0, 0.0),
        data.get("locality"),
        data.get("floor"),
    ).key


class Invariants(Looking):
    """Invarianter over HTTP."""

    def invariant_problems(self, invariant: str) -> list[str]:
        checks = {
            "gp_listing": self._gp_listing,
            "one_group": self._one_group,
            "luna_once": self._luna_once,
            "practice_event_case": self._practice_event_case,
            "samlever_address": self._samlever_address,
        }
        if invariant not in checks:
            raise AssertionError(
                f"invarianten {invariant} kan kun tjekkes i samme proces (uden --sandbox-url)"
            )
        return checks[invariant]()

    def _residents(self) -> list[str]:
        return [name for name in self.names.persons if OLD_NUMBER not in name]

    def _one_group(self) -> list[str]:
        today, found = self.today(), []
        for name in self._residents():
            groups = self.gp_history(name)["groups"]
            current = [g for g in groups if covering([g], today) is not None]
            if len(current) != 1:
                found.append(f"{name} har {len(current)} gældende sikringsgrupper")
        return found

    def _gp_listing(self) -> list[str]:
        today, found = self.today(), []
        for name in self._residents():
            if self.group_on(name, today) != 1 or self.doctor_on(name, today) is not None:
                continue
            missing = [
                case
                for case in self.cases(name)
                if case["type"] == "missing_gp_choice"
                and case["status"] in ("pending", "awaiting_luna")
            ]
            if not missing:
                found.append(f"{name} er i gruppe 1 uden læge og uden forløb")
        return found

    def _luna_once(self) -> list[str]:
        return [str(problem["text_da"]) for problem in self.reconciliation()["problems"]]

    def _practice_event_case(self) -> list[str]:
        seen: dict[str, dict[str, Any]] = {}
        for name in self._residents():
            for case in self.cases(name):
                if case["type"] == "practice_event":
                    seen[case["case_id"]] = case
        per_event = Counter(
            (str(case["details"].get("event_id")), case["municipality_code"])
            for case in seen.values()
        )
        return [
            f"{event} har {n} forløb i {code}" for (event, code), n in per_event.items() if n > 1
        ]

    def _samlever_address(self) -> list[str]:
        today: date = self.today()
        found = []
        for name in self._residents():
            for case in self.cases(name):
                if case["type"] != "samlever" or case["effective_date"] != today.isoformat():
                    continue
                cpr = case["details"]["samlever"]["cpr"]
                address = self.ok("GET", f"/cpr/persons/{cpr}").get("address") or {}
                if _key(address) != case["details"].get("moving_in_address_key"):
                    found.append(f"{case['case_id']}: samleveren bor ikke på tilflytningsadressen")
        return found
