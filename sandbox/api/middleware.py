"""The namespace middleware: read the body, pick the world, take its lock, inject faults,
journal the request.

Pure ASGI, so it wraps every route of every service the same way: the body is read first,
within the size limit and checked (`sandbox.api.body`), before any lock is taken; the header
``X-Sandbox-Namespace`` picks the namespace (created on first use, built in a worker thread so
the event loop keeps answering other namespaces); its lock is held for the whole request; a
fake service's seeded faults (latency, error, drop after commit, outage windows in simulated
time) apply before or after the route; and the request goes into that
service's journal with the simulated time, for the control plane's verification queries.
"""

from __future__ import annotations

import json
import threading
import weakref
from typing import Any

import anyio
import anyio.to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sandbox.api.body import (
    DEFAULT_MAX_BODY,
    check_json,
    declared_length,
    is_json,
    read_body,
    storable,
)
from sandbox.api.errors import ServiceFault, status_of
from sandbox.api.namespaces import HEADER, Namespace, Namespaces
from sandbox.api.persistence import Persistence, replaying
from sandbox.domain.errors import SandboxError

PREFIXES = (
    ("/sygesikring/", "sygesikring"),
    ("/cpr/", "cpr"),
    ("/luna/", "luna"),
    ("/borger-dk/", "borger-dk"),
    ("/laegevalg", "borger-dk"),
    ("/_control/", "control"),
)
UNLOCKED = ("/_control/namespaces",)
JOURNALED_BODY = 8192  # bytes of a body the journal keeps
SERVICE_NAMES = {"cpr": "CPR", "luna": "LUNA", "borger-dk": "Borger.dk"}


def service_of(path: str) -> str | None:
    if path.startswith(UNLOCKED):
        return None
    for prefix, service in PREFIXES:
        if path.startswith(prefix) or path == prefix.rstrip("/"):
            return service
    return None


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value).decode("latin-1")
    return None


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    payload = json.dumps(body, ensure_ascii=False).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(payload))]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


async def _acquire(lock: threading.Lock, limiter: anyio.CapacityLimiter) -> None:
    if lock.acquire(blocking=False):
        return
    # Wait in a worker thread of our own limiter, shielded so the lock is surely ours when
    # this returns: a cancelled wait must not leave the lock taken by nobody.
    with anyio.CancelScope(shield=True):
        await anyio.to_thread.run_sync(lock.acquire, limiter=limiter)


def _replay(raw: bytes, receive: Receive) -> Receive:
    """A receive that gives the already read body once, then waits as the original does."""
    given = False

    async def replayed() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": raw, "more_body": False}
        return await receive()

    return replayed


class _Recorder:
    """Wraps send to keep the answer's status (and to swallow an answer dropped by a fault)."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self.status = 0
        self.swallow = False

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = int(message["status"])
        if not self.swallow:
            await self._send(message)


class NamespaceMiddleware:
    """Routes each request into its namespace's world, one request per namespace at a time."""

    def __init__(
        self,
        app: ASGIApp,
        namespaces: Namespaces,
        max_body: int = DEFAULT_MAX_BODY,
        persistence: Persistence | None = None,
    ) -> None:
        self.app = app
        self.namespaces = namespaces
        self.max_body = max_body
        self.persistence = persistence
        self.waiters = anyio.CapacityLimiter(64)
        # a namespace's requests queue here, in the event loop, so the thread lock below is
        # mostly free when asked: 20 clients of one namespace no longer park 19 threads on it
        self.queues: weakref.WeakKeyDictionary[Namespace, anyio.Lock] = weakref.WeakKeyDictionary()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = scope.get("headers", [])
        refusal: SandboxError | None = None
        raw = b""
        try:
            raw = await read_body(receive, self.max_body, declared_length(headers))
            if raw and (is_json(headers) or _header(scope, b"content-type") is None):
                check_json(raw)
        except SandboxError as error:
            refusal = error
        service = service_of(scope["path"])
        if service is None:
            if refusal is not None:
                await _send_json(send, status_of(refusal), refusal.to_dict())
            else:
                await self.app(scope, _replay(raw, receive), send)
            return
        try:
            namespace = await self._namespace(_header(scope, HEADER.encode()))
        except SandboxError as error:
            await _send_json(
                send, 400 if error.kind == "invalid" else status_of(error), error.to_dict()
            )
            return
        if replaying(scope):  # the replayer holds the lock; latency is no state
            await self._locked(namespace, service, scope, _replay(raw, receive), send, raw, refusal)
            return
        faults = namespace.world.faults.get(service)
        if faults is not None and faults.latency_ms > 0:
            await anyio.sleep(faults.latency_ms / 1000)
        queue = self.queues.get(namespace)
        if queue is None:
            queue = self.queues.setdefault(namespace, anyio.Lock())
        async with queue:
            await _acquire(namespace.lock, self.waiters)
            try:
                await self._journaled(
                    namespace, service, scope, _replay(raw, receive), send, raw, refusal
                )
            finally:
                namespace.lock.release()

    async def _namespace(self, name: str | None) -> Namespace:
        found = self.namespaces.find(name)
        if found is not None:
            return found
        # building a world takes a while: off the event loop, so other namespaces go on
        return await anyio.to_thread.run_sync(self.namespaces.get, name)

    async def _journaled(
        self,
        namespace: Namespace,
        service: str,
        scope: Scope,
        receive: Receive,
        send: Send,
        raw: bytes,
        refusal: SandboxError | None,
    ) -> None:
        """The request, journaled to the state database before its answer leaves."""
        if self.persistence is None:
            await self._locked(namespace, service, scope, receive, send, raw, refusal)
            return

        async def inner(receive: Receive, send: Send) -> None:
            await self._locked(namespace, service, scope, receive, send, raw, refusal)

        await self.persistence.around(namespace, scope, receive, send, inner)

    async def _locked(
        self,
        namespace: Namespace,
        service: str,
        scope: Scope,
        receive: Receive,
        send: Send,
        raw: bytes,
        refusal: SandboxError | None,
    ) -> None:
        world = namespace.world
        scope.setdefault("state", {})["namespace"] = namespace
        recorder = _Recorder(send)
        faults = world.faults.get(service)
        fault = faults.decide(world.clock.now()) if faults is not None else None
        try:
            if fault in ("outage", "error"):
                await self._fail(recorder, service, fault)
            elif refusal is not None:
                recorder.status = status_of(refusal)
                await _send_json(recorder.send, recorder.status, refusal.to_dict())
            elif fault == "drop_after_commit":
                recorder.swallow = True
                await self.app(scope, receive, recorder.send)
                recorder.swallow = False
                await self._fail(recorder, service, fault)
            else:
                await self.app(scope, receive, recorder.send)
        except BaseException:
            recorder.status = recorder.status or 500
            raise
        finally:
            if service != "control":
                # after a reset the namespace holds a new world; journal into the live one
                namespace.world.journals[service].record(
                    namespace.world.clock.now(),
                    scope["method"],
                    scope["path"],
                    bytes(scope.get("query_string", b"")).decode("latin-1"),
                    recorder.status,
                    storable(raw[:JOURNALED_BODY]),
                    fault,
                )

    @staticmethod
    async def _fail(recorder: _Recorder, service: str, fault: str) -> None:
        error = ServiceFault(service=SERVICE_NAMES.get(service, service), fault=fault)
        recorder.status = 503
        await _send_json(recorder.send, 503, error.to_dict())
