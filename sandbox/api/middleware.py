"""The namespace middleware: pick the world, take its lock, inject faults, journal the request.

Pure ASGI, so it wraps every route of every service the same way: the header
``X-Sandbox-Namespace`` picks the namespace (created on first use); its lock is held for the
whole request; a fake service's seeded faults (latency, error, drop after commit, outage
windows in simulated time) apply before or after the route; and the request goes into that
service's journal with the simulated time, for the control plane's verification queries.
"""

from __future__ import annotations

import json
import threading
from typing import Any

import anyio
import anyio.to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

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
BODY_LIMIT = 8192
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


class _Recorder:
    """Wraps receive and send to keep the request body and the answer's status."""

    def __init__(self, receive: Receive, send: Send) -> None:
        self._receive = receive
        self._send = send
        self.chunks: list[bytes] = []
        self.size = 0
        self.status = 0
        self.swallow = False

    async def receive(self) -> Message:
        message = await self._receive()
        if message["type"] == "http.request" and self.size < BODY_LIMIT:
            chunk = bytes(message.get("body", b""))
            self.chunks.append(chunk)
            self.size += len(chunk)
        return message

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = int(message["status"])
        if not self.swallow:
            await self._send(message)

    def body(self) -> Any:
        raw = b"".join(self.chunks)[:BODY_LIMIT]
        if not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            return raw.decode("utf-8", errors="replace")


class NamespaceMiddleware:
    """Routes each request into its namespace's world, one request per namespace at a time."""

    def __init__(
        self, app: ASGIApp, namespaces: Namespaces, persistence: Persistence | None = None
    ) -> None:
        self.app = app
        self.namespaces = namespaces
        self.persistence = persistence
        self.waiters = anyio.CapacityLimiter(64)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        service = service_of(scope["path"]) if scope["type"] == "http" else None
        if service is None:
            await self.app(scope, receive, send)
            return
        try:
            namespace = self.namespaces.get(_header(scope, HEADER.encode()))
        except SandboxError as error:
            await _send_json(
                send, 400 if error.kind == "invalid" else status_of(error), error.to_dict()
            )
            return
        if replaying(scope):  # the replayer holds the lock; latency is no state
            await self._locked(namespace, service, scope, receive, send)
            return
        faults = namespace.world.faults.get(service)
        if faults is not None and faults.latency_ms > 0:
            await anyio.sleep(faults.latency_ms / 1000)
        await _acquire(namespace.lock, self.waiters)
        try:
            await self._journaled(namespace, service, scope, receive, send)
        finally:
            namespace.lock.release()

    async def _journaled(
        self, namespace: Namespace, service: str, scope: Scope, receive: Receive, send: Send
    ) -> None:
        """The request, journaled to the state database before its answer leaves."""
        if self.persistence is None:
            await self._locked(namespace, service, scope, receive, send)
            return

        async def inner(receive: Receive, send: Send) -> None:
            await self._locked(namespace, service, scope, receive, send)

        await self.persistence.around(namespace, scope, receive, send, inner)

    async def _locked(
        self, namespace: Namespace, service: str, scope: Scope, receive: Receive, send: Send
    ) -> None:
        world = namespace.world
        scope.setdefault("state", {})["namespace"] = namespace
        recorder = _Recorder(receive, send)
        faults = world.faults.get(service)
        fault = faults.decide(world.clock.now()) if faults is not None else None
        try:
            if fault in ("outage", "error"):
                await self._fail(recorder, service, fault)
            elif fault == "drop_after_commit":
                recorder.swallow = True
                await self.app(scope, recorder.receive, recorder.send)
                recorder.swallow = False
                await self._fail(recorder, service, fault)
            else:
                await self.app(scope, recorder.receive, recorder.send)
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
                    recorder.body(),
                    fault,
                )

    @staticmethod
    async def _fail(recorder: _Recorder, service: str, fault: str) -> None:
        error = ServiceFault(service=SERVICE_NAMES.get(service, service), fault=fault)
        recorder.status = 503
        await _send_json(recorder.send, 503, error.to_dict())
