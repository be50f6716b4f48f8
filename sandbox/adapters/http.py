"""HTTP adapters: the system's ports over the fakes' HTTP routes, with httpx.

`HttpLuna`, `HttpCpr` and `HttpBorgerDk` satisfy `LunaPort`, `CprPort` and `BorgerDkPort`, so
the same service layer runs against fakes served by another process (``sandbox serve``), or
later against the real services. A LUNA that does not answer (timeout, connection error, 5xx)
raises `LunaUnavailable`, which the outbox retries; nothing is lost. `HttpCpr` presents the
system credential (``X-System-Credential``), as an authorised system must to read protected
persons' name and address; by default it asks the served sandbox's control plane for it.

`InProcessTransport` is a synchronous httpx transport that calls an ASGI app in this process,
for tests and notebooks: ``httpx.Client(transport=InProcessTransport(app))`` speaks real HTTP
semantics without a socket.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from datetime import date
from typing import Any

import httpx

from sandbox.domain.errors import SandboxError
from sandbox.service.cpr_records import feed_entry
from sandbox.service.ports import (
    CprFeedEntry,
    CprPersonRecord,
    LunaReceipt,
    LunaRegistration,
    LunaUnavailable,
)

NAMESPACE_HEADER = "X-Sandbox-Namespace"
CONTROL_KEY_HEADER = "X-Sandbox-Control-Key"
SYSTEM_CREDENTIAL_HEADER = "X-System-Credential"
PAGE = 1000


class CprUnavailable(SandboxError):
    """CPR did not answer as it should; the feed is read again on the next run."""

    code = "CPR_UNAVAILABLE"
    kind = "unavailable"
    da = "CPR svarede ikke ({fault})."
    en = "CPR did not answer ({fault})."


def sandbox_client(
    base_url: str,
    namespace: str | None = None,
    timeout: float = 10.0,
    control_key: str | None = None,
) -> httpx.Client:
    """An httpx client for a served sandbox, in one namespace, with the control key if the
    server has one (``sandbox serve --control-key``)."""
    headers = {NAMESPACE_HEADER: namespace} if namespace else {}
    if control_key:
        headers[CONTROL_KEY_HEADER] = control_key
    return httpx.Client(base_url=base_url, headers=headers, timeout=timeout)


def system_credential(client: httpx.Client) -> str | None:
    """The served sandbox's system credential (``POST /_control/credentials/system``), or
    None when there is none to have (no sandbox there, or no control key on the client)."""
    try:
        response = client.post("/_control/credentials/system")
    except httpx.HTTPError:
        return None
    return str(response.json()["credential"]) if response.status_code == 201 else None


def _fault_of(response: httpx.Response) -> str:
    try:
        fields = response.json().get("fields") or {}
    except ValueError:
        fields = {}
    fault = fields.get("fault") if isinstance(fields, dict) else None
    return str(fault) if fault else f"http_{response.status_code}"


class HttpLuna:
    """LunaPort over the fake LUNA's routes (``/luna/...``)."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        self.unanswered_opt_out_reads = 0

    def _call(self, method: str, url: str, absent: bool = False, **kwargs: Any) -> httpx.Response:
        """The answer; ``absent``: a 404 is an answer (the thing does not exist)."""
        try:
            response = self.client.request(method, url, **kwargs)
        except httpx.TimeoutException:
            raise LunaUnavailable(fault="timeout") from None
        except httpx.TransportError as error:
            raise LunaUnavailable(fault=type(error).__name__) from None
        if response.status_code >= 400 and not (absent and response.status_code == 404):
            raise LunaUnavailable(fault=_fault_of(response))
        return response

    def register(self, registration: LunaRegistration) -> LunaReceipt:
        body = {
            "key": registration.case_id,
            "kind": registration.kind,
            "cpr": registration.cpr,
            "payload": registration.payload,
        }
        data = self._call("POST", "/luna/registrations", json=body).json()
        return LunaReceipt(registration.case_id, str(data["luna_id"]), bool(data["duplicate"]))

    def register_all(
        self, registrations: Sequence[LunaRegistration]
    ) -> list[str | LunaUnavailable]:
        """One request each, in order (the fake LUNA's API has no batch route: integrators
        see the calls they always saw): LUNA's id, or the `LunaUnavailable` it met."""
        answers: list[str | LunaUnavailable] = []
        for registration in registrations:
            try:
                answers.append(self.register(registration).luna_id)
            except LunaUnavailable as fault:
                # without its traceback, which holds this frame and so this list: no cycle
                answers.append(fault.with_traceback(None))
        return answers

    def has_opted_out_of_physical_card(self, cpr: str) -> bool:
        """LUNA's answer; when LUNA does not answer, False ("no registration = no opt-out"):
        a physical card too many is the safe side of a card the citizen never gets. Such
        unanswered reads are counted in ``unanswered_opt_out_reads``."""
        try:
            response = self._call("GET", f"/luna/opt-outs/{cpr}", absent=True)
            return response.status_code == 200 and bool(response.json()["opted_out"])
        except LunaUnavailable:
            self.unanswered_opt_out_reads += 1
            return False

    def registrations(self) -> dict[str, str]:
        found: dict[str, str] = {}
        offset = 0
        while True:
            params = {"offset": offset, "limit": PAGE}
            page = self._call("GET", "/luna/registrations", params=params).json()
            found.update({str(item["key"]): str(item["luna_id"]) for item in page})
            if len(page) < PAGE:
                return found
            offset += PAGE


class HttpCpr:
    """CprPort over the fake CPR's routes (``/cpr/...``), as an authorised system: with the
    ``credential`` given, or else the one the served sandbox's control plane issues (asked for
    on the first read). A record CPR masks (no credential) is refused, never half read."""

    def __init__(self, client: httpx.Client, credential: str | None = None) -> None:
        self.client = client
        self.credential = credential
        self._asked = credential is not None

    def _headers(self) -> dict[str, str]:
        if not self._asked:
            self._asked = True
            self.credential = system_credential(self.client)
        return {SYSTEM_CREDENTIAL_HEADER: self.credential} if self.credential else {}

    def _get(self, url: str, **params: Any) -> httpx.Response:
        try:
            response = self.client.get(url, params=params, headers=self._headers())
        except httpx.HTTPError as error:
            raise CprUnavailable(fault=type(error).__name__) from None
        if response.status_code >= 500 or response.status_code not in (200, 404):
            raise CprUnavailable(fault=f"http_{response.status_code}")
        return response

    def person(self, cpr: str) -> CprPersonRecord | None:
        response = self._get(f"/cpr/persons/{cpr}")
        if response.status_code == 404:
            return None
        data = response.json()
        if data.get("masked"):
            raise CprUnavailable(fault="masked: no system credential")
        return CprPersonRecord(
            cpr=data["cpr"],
            name=data["name"],
            birth_date=date.fromisoformat(data["birth_date"]),
            status=data["status"],
            address=data["address"],
            civil_status=data["civil_status"],
            spouse=data["spouse"],
            parents=tuple(data["parents"]),
            custody_holders=tuple(data["custody_holders"]),
            protected=bool(data["protected"]),
        )

    def events_after(self, sequence: int) -> list[CprFeedEntry]:
        """The feed after ``sequence``, page by page, each entry's head read typed."""
        events: list[CprFeedEntry] = []
        while True:
            page = self._get("/cpr/events", after=sequence, limit=PAGE).json()
            if any(event.get("masked") for event in page):
                raise CprUnavailable(fault="masked: no system credential")
            events.extend(feed_entry(event) for event in page)
            if len(page) < PAGE:
                return events
            sequence = int(page[-1]["sequence"])


class HttpBorgerDk:
    """BorgerDkPort over the fake Borger.dk's session introspection."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def identify(self, token: str) -> str | None:
        try:
            response = self.client.get(f"/borger-dk/mitid/sessions/{token}")
        except httpx.HTTPError:
            return None
        if response.status_code != 200:
            return None
        return str(response.json()["cpr"])


class InProcessTransport(httpx.BaseTransport):
    """A synchronous httpx transport into an ASGI app in this process (no socket).

    The app runs on an event loop in a daemon thread of its own, so requests from several
    threads run concurrently (as they would against a server) and a client someone forgot to
    close never keeps the interpreter from exiting.
    """

    def __init__(self, app: Any) -> None:
        self._inner = httpx.ASGITransport(app=app)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="sandbox-in-process", daemon=True
        )
        self._thread.start()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        async def call() -> tuple[int, httpx.Headers, bytes]:
            response = await self._inner.handle_async_request(request)
            return response.status_code, response.headers, await response.aread()

        status, headers, content = asyncio.run_coroutine_threadsafe(call(), self._loop).result()
        return httpx.Response(status, headers=headers, content=content, request=request)

    def close(self) -> None:
        if self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
        if not self._loop.is_closed():
            self._loop.close()


def in_process_client(app: Any, namespace: str | None = None) -> httpx.Client:
    """An httpx client that calls ``app`` in this process, in one namespace."""
    headers = {NAMESPACE_HEADER: namespace} if namespace else {}
    return httpx.Client(
        transport=InProcessTransport(app), base_url="http://sandbox", headers=headers
    )
