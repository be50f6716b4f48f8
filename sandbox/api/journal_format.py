"""Journalformat - how a namespace's journal, its world's spec and the sandbox's version are
written down: one JSON object per accepted request, a JSON spec, a JSON Lines export file.

A journal entry keeps what replaying the request needs (method, path, query, the headers that
matter, the body, the simulated time it arrived at) and what it was answered (status, and a
token when it issued one). Tokens are the one thing a replay cannot reproduce byte for byte on
another server or in another namespace (they are signed), so a replay maps each issued token
to the one the replay got (`TokenMap`) and sends that instead.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from sandbox.api.world import WorldSpec
from sandbox.domain.errors import InvalidInput
from sandbox.worlds.scenario import scenario_from_mapping

FORMAT = "sygesikring-sandbox-journal"
FORMAT_VERSION = 1
KEPT_HEADERS = ("authorization", "content-type", "x-luna-fault")
TOKEN_PATHS = ("/_control/tokens", "/borger-dk/mitid/login")


@cache
def sandbox_version() -> str:
    """The package version and a digest of the code: a snapshot pickled by other code is
    not trusted (its classes may have changed); the journal is replayed instead."""
    root = Path(__file__).resolve().parents[2]
    digest = hashlib.sha256()
    for package in ("sandbox", "fakes"):
        for path in sorted((root / package).rglob("*.py")):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    try:
        release = metadata.version("sygesikring-sandbox")
    except metadata.PackageNotFoundError:
        release = "0"
    return f"{release}+{digest.hexdigest()[:16]}"


# -- specs ---------------------------------------------------------------------------------


def _tag(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {str(k): _tag(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_tag(v) for v in value]
    return value


def _untag(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$date"}:
            return date.fromisoformat(value["$date"])
        if set(value) == {"$datetime"}:
            return datetime.fromisoformat(value["$datetime"])
        return {k: _untag(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_untag(v) for v in value]
    return value


def spec_to_json(spec: WorldSpec) -> dict[str, Any]:
    scenario = spec.scenario
    if spec.kind != "scenario" or scenario is None:
        return {"kind": spec.kind}
    return {"kind": "scenario", "path": scenario.path, "source": _tag(scenario.source)}


def spec_from_json(data: dict[str, Any]) -> WorldSpec:
    kind = data.get("kind")
    if kind == "demo":
        return WorldSpec.demo()
    if kind == "empty":
        return WorldSpec.empty()
    if kind == "scenario" and isinstance(data.get("source"), dict):
        return WorldSpec.of(scenario_from_mapping(_untag(data["source"]), str(data.get("path"))))
    raise _bad("spec", "ukendt verdensopskrift", "unknown world spec")


def seed_body(spec: dict[str, Any]) -> dict[str, Any]:
    """The ``POST /_control/seed`` body that builds ``spec``'s world (for a replay over HTTP)."""
    if spec.get("kind") in ("demo", "empty"):
        return {"world": spec["kind"]}
    source = json.loads(json.dumps(_untag(spec.get("source", {})), default=str))
    return {"scenario": source}


# -- entries ---------------------------------------------------------------------------------


def encode_entry(
    at: datetime,
    method: str,
    path: str,
    query: str,
    headers: Iterable[tuple[bytes, bytes]],
    body: bytes,
    status: int,
    answer: bytes,
) -> dict[str, Any]:
    entry: dict[str, Any] = {"at": at.isoformat(), "method": method, "path": path}
    if query:
        entry["query"] = query
    kept = {
        k.decode("latin-1"): v.decode("latin-1") for k, v in headers if k.decode() in KEPT_HEADERS
    }
    if kept:
        entry["headers"] = kept
    if body:
        try:
            entry["body"] = body.decode("utf-8")
        except UnicodeDecodeError:
            entry["body_b64"] = base64.b64encode(body).decode("ascii")
    entry["status"] = status
    token = issued_token(path, status, answer)
    if token is not None:
        entry["token"] = token
    return entry


def issued_token(path: str, status: int, answer: bytes) -> str | None:
    if path not in TOKEN_PATHS or not 200 <= status < 300:
        return None
    try:
        found = json.loads(answer).get("token")
    except (ValueError, AttributeError):
        return None
    return found if isinstance(found, str) else None


def entry_body(entry: dict[str, Any]) -> bytes:
    if "body_b64" in entry:
        return base64.b64decode(entry["body_b64"])
    body = entry.get("body")
    return body.encode("utf-8") if isinstance(body, str) else b""


class TokenMap:
    """Tokens the journal was issued -> the ones the replay got; applied to later requests."""

    def __init__(self) -> None:
        self._map: dict[str, str] = {}

    def learn(self, entry: dict[str, Any], answer_status: int, answer: bytes) -> None:
        old = entry.get("token")
        new = issued_token(entry["path"], answer_status, answer)
        if isinstance(old, str) and new is not None and new != old:
            self._map[old] = new

    def path(self, path: str) -> str:
        for old, new in self._map.items():
            if old in path:
                path = path.replace(old, new)
        return path

    def headers(self, entry: dict[str, Any]) -> dict[str, str]:
        headers = dict(entry.get("headers") or {})
        auth = headers.get("authorization")
        if auth is not None and auth.startswith("Bearer "):
            headers["authorization"] = "Bearer " + self._map.get(auth[7:], auth[7:])
        return headers


# -- export files ----------------------------------------------------------------------------


def export_lines(
    namespace: str, origin: str, spec: dict[str, Any], entries: Iterable[tuple[int, str]]
) -> Iterator[str]:
    header = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "sandbox_version": sandbox_version(),
        "namespace": namespace,
        "origin": origin,
        "spec": spec,
    }
    yield json.dumps(header, ensure_ascii=False) + "\n"
    for seq, entry in entries:
        yield f'{{"seq": {seq}, ' + entry[1:] + "\n"


def parse_export(text: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The header and entries of a journal file; `InvalidInput` when it is not one."""
    lines = [line for line in text.splitlines() if line.strip()]
    try:
        header = json.loads(lines[0]) if lines else None
        entries = [json.loads(line) for line in lines[1:]]
    except ValueError as error:
        raise _bad("journal", f"ikke JSON Lines ({error})", f"not JSON Lines ({error})") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise _bad("journal", "filen er ikke en sandkasse-journal", "not a sandbox journal file")
    if header.get("format_version", 0) > FORMAT_VERSION:
        raise _bad("journal", "journalen er fra en nyere sandkasse", "from a newer sandbox")
    if not all(isinstance(e, dict) and {"method", "path"} <= set(e) for e in entries):
        raise _bad("journal", "en post mangler method eller path", "an entry lacks method or path")
    return header, entries


def _bad(field: str, da: str, en: str) -> InvalidInput:
    return InvalidInput(field=field, reason_da=da, reason_en=en)
