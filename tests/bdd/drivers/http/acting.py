"""HTTP driver: every action (Når) as the request a client of the served sandbox would send.

Citizens act in self-service (``/sygesikring/self-service``), staff in the case-worker,
administrator and operator clients, CPR's events through the fake CPR's life-event routes
(the system reads them at once), the region's practice events through the case-worker client.
A GP choice is previewed first (``.../gp-choice/preview``, which changes nothing) so the
report shows the full decisions, not only their codes.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from tests.bdd.drivers.base import Outcome
from tests.bdd.drivers.http.setting import Setting

SELF = "/sygesikring/self-service"
STAFF = "/sygesikring/case-worker"


def cpr_address(address: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in address.items() if value is not None}


class Acting(Setting):
    """Handlinger over HTTP."""

    def cases(self, who: str) -> list[dict[str, Any]]:
        """The person's case details (the looking part of the driver answers this)."""
        raise NotImplementedError

    def where(self, role: str, who: str) -> tuple[str, str]:
        """The path prefix and token of one who acts for ``who``."""
        if role == "citizen":
            return SELF, self.token(role, who)
        return f"{STAFF}/citizens/{self.names.cpr(who)}", self.token(role, who)

    def choose_gp(
        self,
        role: str,
        who: str,
        practice: str,
        effective: date | None = None,
        involved: tuple[str, ...] = (),
        change_to_group_1: bool = False,
    ) -> Outcome:
        prefix, token = self.where(role, who)
        body = {
            "ydernummer": self.names.ydernummer(practice),
            "effective_date": effective.isoformat() if effective else None,
            "involved": [self.names.cpr(name) for name in involved],
            "change_to_group_1": change_to_group_1,
        }
        action = f"{who} vælger {practice}"
        return self.act(action, "POST", f"{prefix}/gp-choice", token, json=body)

    def change_group(self, role: str, who: str, group: int, valid_from: date) -> Outcome:
        prefix, token = self.where(role, who)
        body = {"group": group, "valid_from": valid_from.isoformat()}
        action = f"{who} skifter til sikringsgruppe {group} fra {valid_from}"
        return self.act(action, "POST", f"{prefix}/group-change", token, json=body)

    def declare_samlever(
        self, role: str, who: str, samlever: str, moving_in: dict[str, Any] | None
    ) -> Outcome:
        prefix, token = self.where(role, who)
        body: dict[str, Any] = {"samlever_cpr": self.names.persons.get(samlever, samlever)}
        if moving_in is not None:
            keys = ("street", "house_number", "postcode")
            body["moving_in_address"] = {key: moving_in[key] for key in keys}
        action = f"{who} angiver {samlever} som samlever"
        return self.act(action, "POST", f"{prefix}/samlever", token, json=body)

    def grant_dispensation(self, role: str, who: str, practice: str) -> Outcome:
        token = self.token(role, who)
        path = f"{STAFF}/citizens/{self.names.cpr(who)}/gp-choice/dispensation"
        body = {"ydernummer": self.names.ydernummer(practice)}
        action = f"{who} får dispensation til {practice}"
        return self.act(action, "POST", path, token, json=body)

    def doctor_answers(self, who: str, accepts: bool) -> Outcome:
        pending = [
            case
            for case in self.cases(who)
            if case["type"] == "gp_choice" and case["status"] == "pending"
        ]
        if not pending:
            raise AssertionError(f"{who} har intet afventende lægevalg")
        case_id = pending[-1]["case_id"]
        token = self.token("case_worker", who)
        if accepts:
            path = f"{STAFF}/cases/{case_id}/dispensation/accept"
            return self.act(f"lægen accepterer {who}", "POST", path, token)
        path = f"{STAFF}/cases/{case_id}/dispensation/reject"
        body = {"reason_da": "Lægen har sagt nej.", "reason_en": "No."}
        return self.act(f"lægen afviser {who}", "POST", path, token, json=body)

    # CPR's events -------------------------------------------------------------------------------
    def life_event(self, action: str, kind: str, body: dict[str, Any]) -> Outcome:
        return self.act(action, "POST", f"/cpr/life-events/{kind}", None, json=body)

    def cpr_birth(self, child: str, cpr: str, mother: str, born: date, registered: date) -> Outcome:
        self.names.persons[child] = cpr
        body = {
            "child_cpr": cpr,
            "birth_date": born.isoformat(),
            "mother_cpr": self.names.cpr(mother),
            "registered_on": registered.isoformat(),
        }
        return self.life_event(f"CPR melder fødslen af {child}", "birth", body)

    def cpr_naming(self, child: str, on: date) -> Outcome:
        body = {"cpr": self.names.cpr(child), "name": child, "on": on.isoformat()}
        return self.life_event(f"CPR melder navngivning af {child}", "naming", body)

    def cpr_move(self, who: str, address: dict[str, Any], on: date) -> Outcome:
        body = {"cpr": self.names.cpr(who), "address": cpr_address(address), "on": on.isoformat()}
        return self.life_event(f"CPR melder flytning af {who}", "move", body)

    def cpr_move_from_greenland(self, who: str, address: dict[str, Any], on: date) -> Outcome:
        body = {"cpr": self.names.cpr(who), "address": cpr_address(address), "on": on.isoformat()}
        action = f"CPR melder flytning fra Grønland af {who}"
        return self.life_event(action, "move-from-greenland", body)

    def cpr_renumber(self, who: str, new_cpr: str, on: date) -> Outcome:
        old = self.names.cpr(who)
        body = {"old_cpr": old, "new_cpr": new_cpr, "on": on.isoformat()}
        self.names.persons[f"{who} (gammelt nummer)"] = old
        self.names.persons[who] = new_cpr
        return self.life_event(f"CPR omnummererer {who}", "renumbering", body)

    def cpr_custody(self, child: str, holders: tuple[str, ...], on: date) -> Outcome:
        body = {
            "child_cpr": self.names.cpr(child),
            "custody_holders": [self.names.cpr(name) for name in holders],
            "on": on.isoformat(),
        }
        return self.life_event(f"CPR melder forældremyndighed over {child}", "custody", body)

    def cpr_protection(self, who: str, on: date) -> Outcome:
        body = {"protected": True, "on": on.isoformat()}
        path = f"/cpr/persons/{self.names.cpr(who)}/protection"
        return self.act(
            f"CPR melder navne- og adressebeskyttelse for {who}", "PUT", path, None, json=body
        )

    def cpr_emigration(self, who: str, on: date) -> Outcome:
        body = {"cpr": self.names.cpr(who), "on": on.isoformat()}
        return self.life_event(f"CPR melder udrejse af {who}", "emigration", body)

    def cpr_immigration(self, who: str, address: dict[str, Any], on: date, origin: str) -> Outcome:
        body = {
            "cpr": self.names.cpr(who),
            "address": cpr_address(address),
            "on": on.isoformat(),
            "origin": origin,
        }
        return self.life_event(f"CPR melder indrejse af {who}", "immigration", body)

    def cpr_disappearance(self, who: str, on: date) -> Outcome:
        body = {"cpr": self.names.cpr(who), "on": on.isoformat()}
        return self.life_event(f"CPR melder forsvinding af {who}", "disappearance", body)

    def cpr_annulment(self, who: str, on: date) -> Outcome:
        body = {"cpr": self.names.cpr(who), "on": on.isoformat()}
        return self.life_event(f"CPR melder annullering af {who}", "annulment", body)

    def cpr_reappearance(self, who: str, address: dict[str, Any], on: date) -> Outcome:
        body = {"cpr": self.names.cpr(who), "address": cpr_address(address), "on": on.isoformat()}
        return self.life_event(f"CPR melder, at {who} er fundet", "reappearance", body)

    def cpr_marriage(self, first: str, second: str, on: date) -> Outcome:
        body = {"a": self.names.cpr(first), "b": self.names.cpr(second), "on": on.isoformat()}
        return self.life_event(f"CPR melder vielse af {first} og {second}", "marriage", body)

    def cpr_hold_feed(self, holding: bool) -> None:
        """The fake CPR holds back (True) the feed entries of the events from now on, or stops."""
        self.ok("PUT", "/cpr/feed/hold", json={"hold": holding})

    def cpr_release_feed(self) -> Outcome:
        return self.act("CPR leverer de forsinkede meldinger", "POST", "/cpr/feed/release")

    def choose_gp_for_greenland_move(
        self, role: str, who: str, address: dict[str, Any], practice: str
    ) -> Outcome:
        code = str(address["municipality_code"])
        if role == "citizen":
            path, token = f"{SELF}/greenland-move", self.token(role, who)
        else:
            token = self.token_in(role, code)
            path = f"{STAFF}/citizens/{self.names.cpr(who)}/greenland-move"
        body = {
            "municipality_code": code,
            "address": cpr_address(address),
            "ydernummer": self.names.ydernummer(practice),
        }
        action = f"{who} vælger {practice} ved flytning fra Grønland"
        return self.act(action, "POST", path, token, json=body)

    def token_in(self, role: str, code: str) -> str:
        user = f"sb-{code}-01"
        key = (role, code, user)
        if key not in self.tokens:
            body = {"role": role, "user_id": user, "municipality_code": code}
            self.tokens[key] = self.ok("POST", "/_control/tokens", json=body)["token"]
        return self.tokens[key]

    # practice events ----------------------------------------------------------------------------
    def register_practice_event(
        self, kind: str, practice: str, effective: date, successors: tuple[str, ...] = ()
    ) -> Outcome:
        code = self.practice_municipality.get(practice, "0787")
        body = {
            "ydernummer": self.names.ydernummer(practice),
            "kind": "change" if kind == "minor_change" else kind,
            "effective_date": effective.isoformat(),
            "successors": [self.names.ydernummer(name) for name in successors],
            "significant_for_patients": kind != "minor_change",
        }
        token = self.token_in("case_worker", code)
        action = f"regionen melder {kind} af {practice}"
        outcome = self.act(action, "POST", f"{STAFF}/practice-events", token, json=body)
        if outcome.accepted and "event_id" in outcome.result:
            self.event_ids[practice] = outcome.result["event_id"]
        return outcome

    def extend_free_choice(self, role: str, who: str, practice: str, until: date) -> Outcome:
        path = f"{STAFF}/citizens/{self.names.cpr(who)}/free-choice-extension"
        body = {"event_id": self.event_ids[practice], "until": until.isoformat()}
        action = f"gratisperioden forlænges for {who}"
        return self.act(action, "POST", path, self.token(role, who), json=body)

    def cancel_practice_event(self, practice: str) -> Outcome:
        code = self.practice_municipality.get(practice, "0787")
        path = f"{STAFF}/practice-events/{self.event_ids[practice]}/cancel"
        action = f"praksishændelsen for {practice} annulleres"
        return self.act(action, "POST", path, self.token_in("case_worker", code))

    def wind_up_practice_events(self) -> Outcome:
        action = "fristerne for praksishændelser behandles"
        return self.act(action, "POST", "/_control/jobs/practice-event-deadlines")

    def daily_work(self) -> Outcome:
        return self.act("det daglige arbejde", "POST", "/_control/jobs/daily-work")

    def choose_gp_ahead_of_move(
        self, role: str, who: str, practice: str, address: dict[str, Any], moving_on: date
    ) -> Outcome:
        if role == "citizen":
            path, token = f"{SELF}/gp-choice/ahead-of-move", self.token(role, who)
        else:
            token = self.token_in(role, str(address["municipality_code"]))
            path = f"{STAFF}/citizens/{self.names.cpr(who)}/gp-choice/ahead-of-move"
        body = {
            "ydernummer": self.names.ydernummer(practice),
            "address": cpr_address(address),
            "expected_move_date": moving_on.isoformat(),
        }
        action = f"{who} vælger {practice} før flytningen"
        return self.act(action, "POST", path, token, json=body)

    # hvilende sikring ------------------------------------------------------------------------
    def register_dormant(
        self, role: str, who: str, kind: str, start: date, end: date, judgment: date | None
    ) -> Outcome:
        path = f"{STAFF}/citizens/{self.names.cpr(who)}/dormant-insurance"
        body = {
            "kind": kind,
            "starts_on": start.isoformat(),
            "expected_end": end.isoformat(),
            "final_judgment_on": judgment.isoformat() if judgment else None,
        }
        action = f"hvilende sikring registreres for {who}"
        return self.act(action, "POST", path, self.token(role, who), json=body)

    def end_dormant(self, role: str, who: str, on: date) -> Outcome:
        path = f"{STAFF}/citizens/{self.names.cpr(who)}/dormant-insurance/end"
        action = f"{who} vender tilbage fra hvilende sikring"
        return self.act(action, "POST", path, self.token(role, who), json={"on": on.isoformat()})

    # cards, audit log, data restore, LUNA --------------------------------------------------------
    def order_card(self, role: str, who: str, reason: str) -> Outcome:
        prefix, token = self.where(role, who)
        action = f"{who} bestiller et sundhedskort ({reason})"
        return self.act(action, "POST", f"{prefix}/health-card", token, json={"reason": reason})

    def extract_audit_log(self, role: str, start: date, end: date, user: str | None) -> Outcome:
        params = {"period_from": start.isoformat(), "period_to": end.isoformat()}
        if user is not None:
            params["case_worker_id"] = user
        action = f"udtræk af revisionsloggen {start} til {end}"
        path = "/sygesikring/administrator/audit-log"
        return self.act(action, "GET", path, self.token(role), params=params)

    def restore(self, role: str, who: str, as_of: date, apply: bool) -> Outcome:
        path = f"/sygesikring/operator/citizens/{self.names.cpr(who)}/restore"
        body = {"as_of": datetime.combine(as_of, time(0, 0)).isoformat(), "dry_run": not apply}
        action = f"Service Desk genopretter {who}s data til {as_of}"
        return self.act(action, "POST", path, self.token(role, who), json=body)

    def luna_up(self) -> Outcome:
        self.ok("DELETE", "/_control/faults/luna")
        return self.act("LUNA svarer igen", "POST", "/_control/jobs/relay-outbox")
