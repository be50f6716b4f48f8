"""HTTP driver: the connection to a served sandbox, one namespace per scenario, and outcomes.

Each scenario gets its own namespace (header ``X-Sandbox-Namespace``, a hash of the test id) so
scenarios run in parallel against one server without sharing a world; it starts empty
(``POST /_control/reset``) and is deleted afterwards. The driver reads CPR as the system does,
with the system credential (protected persons' addresses are masked without it), and sends
the control key of a server that has one (``SANDBOX_CONTROL_KEY``). Staff act with tokens from
``POST /_control/tokens``, citizens with a MitID login at the fake Borger.dk. Every error the
API sends has the same body (code, Danish and English message, and for a rule's refusal the
decision), which becomes the `Outcome` the steps check.
"""

from __future__ import annotations

import hashlib
import os
from datetime import date, datetime, time
from typing import Any

import httpx

from tests.bdd.drivers.base import DecisionRecord, KeepsLog, Names, Outcome

NAMESPACE_HEADER = "X-Sandbox-Namespace"
CONTROL_KEY_HEADER = "X-Sandbox-Control-Key"
LOOKER = "bdd-laeser"  # the staff user the driver looks with (kept apart in audit extracts)
USERS = {
    "case_worker": "sb-{code}-01",
    "case_worker_special": "sbs-{code}-01",
    "municipal_admin": "adm-{code}",
    "operator": "servicedesk-01",
}


class MissingRoute(AssertionError):
    """The served sandbox has no route for a step (see the report of issue 7)."""


def namespace_for(test_id: str) -> str:
    return "bdd-" + hashlib.sha256(test_id.encode()).hexdigest()[:24]


class Session(KeepsLog):
    """Forbindelse - the client, tokens and names of one scenario against one server."""

    name = "http"

    def __init__(self, url: str, test_id: str, client: httpx.Client | None = None) -> None:
        self.namespace = namespace_for(test_id)
        self.client = client or httpx.Client(base_url=url, timeout=60.0)
        self.client.headers[NAMESPACE_HEADER] = self.namespace
        if os.environ.get("SANDBOX_CONTROL_KEY"):
            self.client.headers[CONTROL_KEY_HEADER] = os.environ["SANDBOX_CONTROL_KEY"]
        self.names = Names()
        self.log: list[dict[str, Any]] = []
        self.last: Outcome | None = None
        self.tokens: dict[tuple[str, str | None, str], str] = {}  # (role, place, user)
        self.municipalities: dict[str, str] = {}
        self.practice_municipality: dict[str, str] = {}
        self.event_ids: dict[str, str] = {}
        self.known_citizens: set[str] = set()  # CPR numbers given to Sygesikring as fixtures
        self.parents: dict[str, list[str]] = {}
        self.setup: list[tuple[str, str, dict[str, Any]]] = []  # the Givet requests, in order
        self.ok("POST", "/_control/reset", json={"empty": True})
        system = self.ok("POST", "/_control/credentials/system")
        self.client.headers[system["header"]] = system["credential"]

    def close(self) -> None:
        self.client.delete(f"/_control/namespaces/{self.namespace}")
        self.client.close()

    # plain requests ----------------------------------------------------------------------------
    def ok(self, method: str, path: str, token: str | None = None, **kwargs: Any) -> Any:
        """A request that must succeed (setting up and looking); its JSON body."""
        response = self.request(method, path, token, **kwargs)
        if response.status_code == 404 and response.json().get("code") == "HTTP_404":
            raise MissingRoute(f"den kørende sandkasse har ingen {method} {path}")
        if response.status_code >= 400:
            raise AssertionError(f"{method} {path}: {response.status_code} {response.text}")
        return response.json() if response.content else None

    def given(self, method: str, path: str, **kwargs: Any) -> Any:
        """A set-up request (Givet): it must succeed, and is kept for `rebuild_at`."""
        found = self.ok(method, path, **kwargs)
        self.setup.append((method, path, kwargs))
        return found

    def request(
        self, method: str, path: str, token: str | None = None, **kwargs: Any
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return self.client.request(method, path, headers=headers, **kwargs)

    # who acts ------------------------------------------------------------------------------------
    def token(self, role: str, who: str | None = None, user: str | None = None) -> str:
        """A bearer token: the citizen's MitID login, or a staff token of the person's
        municipality (Thisted when no person is named)."""
        if role == "citizen":
            assert who is not None
            cpr = self.names.cpr(who)
            key: tuple[str, str | None, str] = (role, cpr, "")
            if key not in self.tokens:
                body = self.ok("POST", "/borger-dk/mitid/login", json={"cpr": cpr})
                self.tokens[key] = body["token"]
            return self.tokens[key]
        code = None if role == "operator" else self.municipality_of(who) if who else "0787"
        user_id = user or USERS[role].format(code=code)
        key = (role, code, user_id)
        if key not in self.tokens:
            body = self.ok(
                "POST",
                "/_control/tokens",
                json={"role": role, "user_id": user_id, "municipality_code": code},
            )
            self.tokens[key] = body["token"]
        return self.tokens[key]

    def looker(self, who: str | None = None, code: str | None = None) -> str:
        """A token to look with: a case worker with special rights, as user ``bdd-laeser``."""
        municipality = code or (self.municipality_of(who) if who else "0787")
        key = ("case_worker_special", municipality, LOOKER)
        if key not in self.tokens:
            body = self.ok(
                "POST",
                "/_control/tokens",
                json={
                    "role": "case_worker_special",
                    "user_id": LOOKER,
                    "municipality_code": municipality,
                },
            )
            self.tokens[key] = body["token"]
        return self.tokens[key]

    def municipality_of(self, who: str) -> str:
        """The person's municipality as CPR has it now."""
        cpr = self.names.cpr(who)
        person = self.ok("GET", f"/cpr/persons/{cpr}")
        address = person.get("address") or {}
        return str(address.get("municipality_code") or "0787")

    # acting --------------------------------------------------------------------------------------
    def act(
        self,
        action: str,
        method: str,
        path: str,
        token: str | None = None,
        decisions: list[DecisionRecord] | None = None,
        **kwargs: Any,
    ) -> Outcome:
        """Send one request that asks the system to do something; keep its outcome."""
        before = self.luna_registration_count()
        response = self.request(method, path, token, **kwargs)
        body = response.json() if response.content else {}
        if response.status_code >= 400:
            decision = body.get("decision") or {}
            reasons = list(decision.get("reasons", []))
            outcome = Outcome(
                action,
                False,
                str(body.get("code", response.status_code)),
                str(body.get("refusal_code", "")),
                str(body.get("message_da", "")),
                str(body.get("message_en", "")),
                reasons,
            )
            made = [DecisionRecord(action, False, reasons)] if reasons else []
        else:
            made = decisions if decisions is not None else self.decisions_of(action, body)
            outcome = Outcome(
                action,
                True,
                reasons=[reason for record in made for reason in record.reasons],
                conditions=[c for record in made for c in record.conditions],
                result=self.summarise(body),
            )
        outcome.result["luna_calls"] = self.luna_registration_count() - before
        self.note(outcome, made)
        return outcome

    def decisions_of(self, action: str, body: Any) -> list[DecisionRecord]:
        """The decisions an accepted command's answer carries (a case's ``decisions``), else
        its decision codes (answers that are not a case)."""
        if isinstance(body, dict) and body.get("decisions"):
            return [
                DecisionRecord(d["subject"], d["allowed"], d["reasons"], d["conditions"])
                for d in body["decisions"]
            ]
        details = body.get("details", {}) if isinstance(body, dict) else {}
        codes = details.get("decision_codes", []) if isinstance(details, dict) else []
        reasons = [{"code": code, "text_da": "", "text_en": ""} for code in codes]
        return [DecisionRecord(action, True, reasons)] if reasons else []

    def summarise(self, body: Any) -> dict[str, Any]:
        if not isinstance(body, dict):
            return {}
        found: dict[str, Any] = {}
        for key in ("case_id", "event_id"):
            if isinstance(body.get(key), str):
                found[key] = body[key]
        details = body.get("details")
        if isinstance(details, dict) and "fee_dkk" in details:
            found["fee_dkk"] = details["fee_dkk"]
        if isinstance(body.get("rows"), list):
            found["rows"] = body["rows"]
        return found

    def luna_registration_count(self) -> int:
        return int(self.ok("GET", "/_control/namespace")["luna_registrations"])

    # time ----------------------------------------------------------------------------------------
    def today(self) -> date:
        return date.fromisoformat(self.ok("GET", "/_control/clock")["today"])

    def set_today(self, day: date) -> None:
        """Forward only: the served system's history never runs backwards."""
        now = datetime.fromisoformat(self.ok("GET", "/_control/clock")["now"])
        target = datetime.combine(day, time(9, 0))
        if target.date() == now.date():
            return
        if target < now:
            self.rebuild_at(now, target)
            return
        self.ok("PUT", "/_control/clock", json={"now": target.isoformat()})

    def rebuild_at(self, now: datetime, target: datetime) -> None:
        """Before anything has happened (only Givet set-up), a scenario may start earlier than
        the served world: the namespace is reset to ``target`` and the set-up sent again."""
        if self.log:
            raise AssertionError(f"uret kan ikke stilles tilbage fra {now} til {target} over HTTP")
        demo = any(path == "/_control/seed" for _, path, _ in self.setup)
        body = {"empty": not demo, "start": target.isoformat()}
        self.ok("POST", "/_control/reset", json=body)
        self.tokens.clear()
        for method, path, kwargs in self.setup:
            if path != "/_control/seed":
                self.ok(method, path, **kwargs)

    def advance_minutes(self, minutes: int) -> Outcome:
        before = self.luna_registration_count()
        self.ok("POST", "/_control/clock/advance", json={"minutes": minutes})
        outcome = Outcome(f"der går {minutes} minutter", True)
        outcome.result["luna_calls"] = self.luna_registration_count() - before
        self.note(outcome, [])
        return outcome
