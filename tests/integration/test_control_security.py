"""The control plane behind a control key, and tokens signed with the server's secret.

With a key, every ``/_control`` request must carry it (401 with the usual error body otherwise,
before a namespace is made); the system's own routes do not need it. Tokens can no longer be
made offline from what the API shows (the old key was ``"<namespace>:<seed>"``, and the seed is
public at ``GET /_control/namespace``).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator

import pytest
from fastapi import FastAPI

from sandbox.api.security import ControlKeyTooShort, ServerKeys, is_loopback
from sandbox.app import create_app
from tests.integration.api_support import (
    OLIVIA,
    THISTED,
    Sandbox,
    assert_error,
    sandbox_for,
)

KEY = "classroom-key-0123456789"
OVERVIEW = f"/sygesikring/case-worker/citizens/{OLIVIA}"
WORKER = {"role": "case_worker", "user_id": "sb-1", "municipality_code": THISTED}


@pytest.fixture(scope="module")
def keyed() -> FastAPI:
    return create_app(control_key=KEY)


@pytest.fixture
def guarded(keyed: FastAPI, request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    with sandbox_for(keyed, request.node.name) as sandbox:
        yield sandbox


def with_key(key: str = KEY) -> dict[str, str]:
    return {"X-Sandbox-Control-Key": key}


CONTROL_CALLS = [
    ("GET", "/_control/namespace", None),
    ("GET", "/_control/namespaces", None),
    ("POST", "/_control/tokens", WORKER),
    ("POST", "/_control/reset", None),
    ("POST", "/_control/seed", {"world": "empty"}),
    ("PUT", "/_control/faults/luna", {"error_rate": 1.0}),
    ("GET", "/_control/journal/cpr", None),
    ("DELETE", "/_control/namespaces/default", None),
    ("POST", "/_control/credentials/system", None),
    ("GET", "/_control", None),
]


@pytest.mark.parametrize(("method", "path", "body"), CONTROL_CALLS)
@pytest.mark.parametrize("key", [None, "wrong-key-0123456789", KEY[:-1], ""])
def test_without_the_key_the_control_plane_is_401(
    guarded: Sandbox, method: str, path: str, body: object, key: str | None
) -> None:
    headers = with_key(key) if key is not None else {}
    response = guarded.request(method, path, json=body, headers=headers)
    error = assert_error(response, 401, "CONTROL_KEY_REQUIRED")
    assert "X-Sandbox-Control-Key" in error["message_da"]
    assert "X-Sandbox-Control-Key" in error["message_en"]
    assert response.headers["www-authenticate"].startswith("SandboxControlKey")


def test_a_refused_control_request_makes_no_namespace_and_changes_nothing(
    keyed: FastAPI,
) -> None:
    before = set(keyed.state.namespaces.names())
    with sandbox_for(keyed, "never-made") as sandbox:
        assert_error(sandbox.post("/_control/reset"), 401, "CONTROL_KEY_REQUIRED")
        assert_error(sandbox.post("/_control/tokens", json=WORKER), 401, "CONTROL_KEY_REQUIRED")
    assert set(keyed.state.namespaces.names()) == before


def test_with_the_key_the_control_plane_works(guarded: Sandbox) -> None:
    world = guarded.get("/_control/namespace", headers=with_key())
    assert world.status_code == 200, world.text
    issued = guarded.post("/_control/tokens", json=WORKER, headers=with_key())
    assert issued.status_code == 201, issued.text
    token = {"Authorization": f"Bearer {issued.json()['token']}"}
    # the system's own API needs the token, not the control key
    assert guarded.get(OVERVIEW, headers=token).status_code == 200
    assert guarded.get("/sygesikring/practices").status_code == 200
    assert guarded.get(f"/cpr/persons/{OLIVIA}").status_code == 200
    assert guarded.get("/openapi.json").status_code == 200


def test_without_a_key_the_control_plane_stays_open(api: Sandbox) -> None:
    assert api.get("/_control/namespace").status_code == 200
    assert api.get("/_control/namespace", headers=with_key("anything")).status_code == 200


def test_the_openapi_documents_the_control_key_header(keyed: FastAPI) -> None:
    operation = keyed.openapi()["paths"]["/_control/reset"]["post"]
    names = {parameter["name"].lower() for parameter in operation["parameters"]}
    assert "x-sandbox-control-key" in names


def test_a_short_control_key_is_refused() -> None:
    with pytest.raises(ControlKeyTooShort) as raised:
        create_app(control_key="short")
    assert "16" in raised.value.message_da and "16" in raised.value.message_en


def test_a_key_beyond_ascii_is_compared_as_the_bytes_sent() -> None:
    keys = ServerKeys.make("nøgle-til-klassen-2026")
    sent = "nøgle-til-klassen-2026".encode().decode("latin-1")  # as a header arrives
    assert keys.allows_control(sent)
    assert not keys.allows_control("nøgle-til-klassen-2026")
    assert not keys.allows_control(None)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("10.0.0.7", False),
        ("192.168.1.20", False),
        ("no-such-host.invalid", False),
    ],
)
def test_which_hosts_are_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


# --- tokens --------------------------------------------------------------------------------


def old_scheme(namespace: str, seed: int, message: str, prefix: str = "") -> str:
    """A token as the sandbox signed it before: the key was "<namespace>:<seed>"."""
    key = f"{prefix}{namespace}:{seed}".encode()
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()[:32]


def test_a_staff_token_forged_with_the_old_scheme_is_401(api: Sandbox) -> None:
    world = api.world()
    issued = api.post("/_control/tokens", json=WORKER).json()["token"]
    assert api.get(OVERVIEW, headers={"Authorization": f"Bearer {issued}"}).status_code == 200
    # the first token of the namespace, for this very actor, as the old scheme made it
    forged = "sbx-" + old_scheme(
        world["namespace"], world["spec"]["seed"], f"1:case_worker:sb-1:{THISTED}"
    )
    assert forged != issued
    response = api.get(OVERVIEW, headers={"Authorization": f"Bearer {forged}"})
    assert_error(response, 401, "UNAUTHENTICATED")


def test_a_mitid_session_forged_with_the_old_scheme_is_401(api: Sandbox) -> None:
    world = api.world()
    issued = api.citizen(OLIVIA)
    forged = "mitid-" + old_scheme(
        world["namespace"], world["spec"]["seed"], f"1:{OLIVIA}", prefix="borger-dk:"
    )
    assert issued["Authorization"] != f"Bearer {forged}"
    me = "/sygesikring/self-service/me"
    assert api.get(me, headers=issued).status_code == 200
    assert_error(api.get(me, headers={"Authorization": f"Bearer {forged}"}), 401, "UNAUTHENTICATED")


def test_two_servers_sign_differently_and_the_same_key_signs_alike(app: FastAPI) -> None:
    def first_token(server: FastAPI, key: str | None = None) -> str:
        with sandbox_for(server, "signing") as sandbox:
            headers = with_key(key) if key else {}
            response = sandbox.post("/_control/tokens", json=WORKER, headers=headers)
            assert response.status_code == 201, response.text
            return str(response.json()["token"])

    assert first_token(app) != first_token(create_app())
    # a server restarted with the same control key hands out the same tokens
    again = "another-classroom-key-42"
    assert first_token(create_app(control_key=again), again) == first_token(
        create_app(control_key=again), again
    )


def test_a_reset_forgets_the_namespaces_tokens(api: Sandbox) -> None:
    """Tokens are world state: a reset forgets them. The same requests after the reset give
    the same token again (the server's secret, the namespace and seed, a counter and the
    actor are signed), and a token re-issued so always names the same actor as before."""
    before = api.staff()
    api.post("/_control/reset")
    assert_error(api.get(OVERVIEW, headers=before), 401, "UNAUTHENTICATED")
    assert api.staff() == before
    assert api.get(OVERVIEW, headers=before).status_code == 200
    api.post("/_control/reset")
    other = api.staff(user="sb-2")
    assert other != before
    assert_error(api.get(OVERVIEW, headers=before), 401, "UNAUTHENTICATED")
