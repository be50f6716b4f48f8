"""The control plane pieces every fake shares: a request journal and seeded HTTP faults.

WireMock's model, fixed where its users complain: the journal answers verification queries
(method, path glob, status; list or count) and the faults replay from a seed, with outage
windows in the caller's *simulated* time instead of the wall clock. Plain Python, no web
framework; the sandbox's middleware calls ``record`` and ``decide`` around each request.
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from fnmatch import fnmatchcase
from typing import Any

JOURNAL_LIMIT = 10_000
HTTP_FAULT_KINDS = ("outage", "error", "drop_after_commit")


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """Journalpost - one request a service received, as the caller sent it and was answered."""

    sequence: int
    at: datetime | None
    method: str
    path: str
    query: str
    status: int
    body: Any = None
    fault: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "sequence": self.sequence,
            "at": self.at.isoformat() if self.at else None,
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "status": self.status,
            "body": self.body,
            "fault": self.fault,
        }


@dataclass(frozen=True, slots=True)
class JournalQuery:
    """What to look for: every given field must match; ``path`` is a glob (``/luna/*``)."""

    method: str | None = None
    path: str | None = None
    status: int | None = None
    after: int = 0

    def matches(self, entry: JournalEntry) -> bool:
        return (
            entry.sequence > self.after
            and (self.method is None or entry.method == self.method.upper())
            and (self.path is None or fnmatchcase(entry.path, self.path))
            and (self.status is None or entry.status == self.status)
        )


class RequestJournal:
    """Anmodningsjournal - the last ``limit`` requests of one service, oldest first."""

    def __init__(self, limit: int = JOURNAL_LIMIT) -> None:
        self._entries: deque[JournalEntry] = deque(maxlen=limit)
        self._sequence = 0

    def record(
        self,
        at: datetime | None,
        method: str,
        path: str,
        query: str,
        status: int,
        body: Any = None,
        fault: str | None = None,
    ) -> JournalEntry:
        self._sequence += 1
        entry = JournalEntry(self._sequence, at, method, path, query, status, body, fault)
        self._entries.append(entry)
        return entry

    def find(self, query: JournalQuery, limit: int | None = None) -> list[JournalEntry]:
        found = [entry for entry in self._entries if query.matches(entry)]
        return found if limit is None else found[-limit:]

    def count(self, query: JournalQuery) -> int:
        return sum(1 for entry in self._entries if query.matches(entry))

    def clear(self) -> None:
        self._entries.clear()

    @property
    def total(self) -> int:
        """Requests recorded since the journal was made (cleared ones included)."""
        return self._sequence


@dataclass(frozen=True, slots=True)
class Outage:
    """Nedetid - the service answers 503 from ``start`` up to (not including) ``end``."""

    start: datetime
    end: datetime

    def covers(self, at: datetime) -> bool:
        return self.start <= at < self.end


@dataclass(slots=True)
class HttpFaults:
    """Fejlindsprøjtning - seeded faults at a service's HTTP edge.

    ``latency_ms`` delays every answer (real time: it is what an HTTP client's timeout sees);
    ``error_rate`` answers 503 without doing anything; ``drop_after_commit_rate`` does the work
    and then loses the answer (503); ``outages`` are windows in simulated time. The random
    draws come from ``seed`` only, so the same requests in the same order fail the same way.
    """

    latency_ms: int = 0
    error_rate: float = 0.0
    drop_after_commit_rate: float = 0.0
    outages: list[Outage] = field(default_factory=list)
    seed: int = 0
    _rng: random.Random = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.reseed(self.seed)

    def reseed(self, seed: int) -> None:
        self.seed = seed
        self._rng = random.Random(f"http-faults:{seed}")

    @property
    def active(self) -> bool:
        return bool(
            self.latency_ms or self.error_rate or self.drop_after_commit_rate or self.outages
        )

    def decide(self, at: datetime | None) -> str | None:
        """The fault for the next request (see ``HTTP_FAULT_KINDS``), or None to answer."""
        if at is not None and any(outage.covers(at) for outage in self.outages):
            return "outage"
        if self.error_rate > 0 and self._rng.random() < self.error_rate:
            return "error"
        if self.drop_after_commit_rate > 0 and self._rng.random() < self.drop_after_commit_rate:
            return "drop_after_commit"
        return None

    def describe(self) -> dict[str, Any]:
        return {
            "latency_ms": self.latency_ms,
            "error_rate": self.error_rate,
            "drop_after_commit_rate": self.drop_after_commit_rate,
            "outages": [
                {"start": o.start.isoformat(), "end": o.end.isoformat()} for o in self.outages
            ],
            "seed": self.seed,
        }


class FakeError(Exception):
    """Fejl i en fake - a refusal by a fake service, shaped like the system's errors.

    The body has the same keys as `sandbox.domain.errors.SandboxError.to_dict` (code, Danish and
    English message, fields), so an integrator parses one error shape everywhere.
    """

    def __init__(self, status: int, code: str, da: str, en: str, **fields: Any) -> None:
        super().__init__(en)
        self.status = status
        self.code = code
        self.message_da = da
        self.message_en = en
        self.fields = fields

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message_da": self.message_da,
            "message_en": self.message_en,
            "fields": dict(self.fields),
        }


def not_found(what_da: str, what_en: str, key: str) -> FakeError:
    """The fake's 404 for an unknown ``key`` (a CPR number, a registration key, a token)."""
    return FakeError(
        404,
        "NOT_FOUND",
        f"{what_da} '{key}' findes ikke.",
        f"{what_en} '{key}' does not exist.",
        key=key,
    )
