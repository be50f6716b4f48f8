"""Scenarieudkast - a namespace's journal as a Danish Gherkin scenario draft.

An integrator's failing sequence of requests becomes something a QA tester can finish: each
journaled request that one of the step catalogue's steps says (``docs/steps.md``) is written as
that step, with its outcome (``Så godkendes/afvises ...``); the rest become comments saying
what was sent and that no step fits. Reads are left out: they changed nothing.
"""

from __future__ import annotations

import json
from typing import Any

from sandbox.api.demo import KENT, OLIVIA, SIGRID, STORM

DEMO_NAMES = {KENT: "Kent", SIGRID: "Sigrid", OLIVIA: "Olivia", STORM: "Storm Henningsen"}
ROLES = {
    "case_worker": "sagsbehandleren",
    "case_worker_special": "sagsbehandleren med særlige rettigheder",
    "municipal_admin": "den kommunale administrator",
    "operator": "Service Desk",
}
SELF = "/sygesikring/self-service/"
CASE_WORKER = "/sygesikring/case-worker/citizens/"
NO_STEP = "intet trin passer / no step fits"


def _body(entry: dict[str, Any]) -> dict[str, Any]:
    try:
        found = json.loads(entry.get("body") or "{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _cpr(digits: str) -> str:
    return f"{digits[:6]}-{digits[6:]}" if len(digits) == 10 else digits


def _address(address: dict[str, Any]) -> str:
    street = f"{address.get('street', '')} {address.get('house_number', '')}".strip()
    parts = [
        street,
        address.get("locality"),
        f"{address.get('postcode', '')} {address.get('city', '')}",
    ]
    return ", ".join(str(p).strip() for p in parts if p and str(p).strip())


class Draft:
    """The scenario being written: its lines, who is who, and the last keyword used."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.names: dict[str, str] = {}
        self.practices: set[str] = set()
        self.citizens: dict[str, str] = {}  # MitID token -> CPR
        self.staff: dict[str, str] = {}  # staff token -> role as the steps say it
        self.keyword = ""

    def step(self, keyword: str, text: str) -> None:
        shown = "Og" if keyword == self.keyword else keyword
        self.keyword = keyword
        self.lines.append(f"    {shown} {text}")

    def comment(self, text: str) -> None:
        self.lines.append(f"    # {text}")

    def person(self, digits: str) -> str:
        if digits not in self.names:
            name = DEMO_NAMES.get(digits, f"Borger {_cpr(digits)}")
            self.names[digits] = name
            self.step("Givet", f'demoborgeren "{name}" har CPR-nummer {_cpr(digits)}')
        return self.names[digits]

    def practice(self, ydernummer: str) -> str:
        if ydernummer not in self.practices:
            self.practices.add(ydernummer)
            self.comment(
                f'"{ydernummer}": praksis med ydernummer {ydernummer}; intet trin navngiver '
                "en eksisterende praksis / no step names an existing practice"
            )
        return ydernummer

    def outcome(self, entry: dict[str, Any], what: str) -> None:
        status = int(entry.get("status", 0))
        self.step("Så", f"godkendes {what}" if 200 <= status < 300 else f"afvises {what}")

    def caller(self, entry: dict[str, Any]) -> str | None:
        auth = (entry.get("headers") or {}).get("authorization", "")
        return auth[7:] if auth.startswith("Bearer ") else None


def render_feature(namespace: str, spec: dict[str, Any], entries: list[dict[str, Any]]) -> str:
    draft = Draft()
    if spec.get("kind") == "demo":
        draft.step("Givet", "sandkassens demoverden")
    else:
        draft.comment(f"verden / world: {json.dumps(spec, ensure_ascii=False)[:200]} ({NO_STEP})")
    for entry in entries:
        if entry.get("method") in ("GET", "HEAD", "OPTIONS"):
            continue
        _write(draft, entry)
    head = [
        "# language: da",
        f"# Udkast fra navnerummet {namespace}s journal / a draft from its journal",
        f"Egenskab: Forløb fra navnerummet {namespace}",
        "",
        f"  Scenarie: Journalens {len(entries)} anmodninger",
    ]
    return "\n".join(head + draft.lines) + "\n"


def _write(draft: Draft, entry: dict[str, Any]) -> None:
    method, path, body = entry["method"], str(entry["path"]), _body(entry)
    token = entry.get("token")
    if path == "/borger-dk/mitid/login" and isinstance(token, str):
        digits = str(body.get("cpr", "")).replace("-", "")
        draft.citizens[token] = digits
        draft.comment(f'"{draft.person(digits)}" logger ind med MitID / logs in')
    elif path == "/_control/tokens" and isinstance(token, str):
        draft.staff[token] = ROLES.get(str(body.get("role")), str(body.get("role")))
    elif method == "PUT" and path == "/_control/clock" and "now" in body:
        draft.step(
            "Givet" if draft.keyword in ("", "Givet") else "Når",
            f"dags dato er {str(body['now'])[:10]}",
        )
    elif path == "/_control/clock/advance" and set(body) == {"minutes"}:
        draft.step("Når", f"der går {body['minutes']} minutter")
    elif path == SELF + "gp-choice" and draft.caller(entry) in draft.citizens:
        who = draft.names.get(draft.citizens[str(draft.caller(entry))], "?")
        yder = draft.practice(str(body.get("ydernummer")))
        draft.step("Når", f'"{who}" vælger "{yder}" i selvbetjeningen')
        draft.outcome(entry, "valget")
    elif path == SELF + "greenland-move" and draft.caller(entry) in draft.citizens:
        who = draft.names.get(draft.citizens[str(draft.caller(entry))], "?")
        yder = draft.practice(str(body.get("ydernummer")))
        where = _address(body.get("address") or {})
        draft.step("Når", f'"{who}" vælger "{yder}" ved flytning fra Grønland til {where}')
        draft.outcome(entry, "valget")
    elif path.startswith(CASE_WORKER) and draft.caller(entry) in draft.staff:
        _case_worker(draft, entry, path[len(CASE_WORKER) :], body)
    else:
        _unmatched(draft, entry)


def _case_worker(draft: Draft, entry: dict[str, Any], rest: str, body: dict[str, Any]) -> None:
    digits, _, action = rest.partition("/")
    role = draft.staff[str(draft.caller(entry))]
    if action == "gp-choice":
        who, yder = draft.person(digits), draft.practice(str(body.get("ydernummer")))
        draft.step("Når", f'{role} vælger "{yder}" for "{who}"')
        draft.outcome(entry, "valget")
    elif action == "group-change":
        who = draft.person(digits)
        valid_from = str(body.get("valid_from") or entry.get("at", ""))[:10]
        group = body.get("group")
        draft.step(
            "Når",
            f'{role} skifter "{who}" til sikringsgruppe {group} med gyldighed fra {valid_from}',
        )
        draft.outcome(entry, "gruppeskiftet")
    else:
        _unmatched(draft, entry)


def _unmatched(draft: Draft, entry: dict[str, Any]) -> None:
    body = (entry.get("body") or "").replace("\n", " ")
    shown = f" {body[:160]}" if body else ""
    draft.comment(f"{entry['method']} {entry['path']}{shown} -> {entry.get('status')} ({NO_STEP})")
