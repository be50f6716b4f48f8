"""`sandbox serve` safe to share: no start without a control key where other machines reach,
the key over a real socket, and sockets that send small answers at once (TCP_NODELAY)."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from sandbox.adapters.http import CprUnavailable, HttpCpr, sandbox_client
from sandbox.cli import app
from sandbox.serve import bind
from tests.serving import served

runner = CliRunner()
KEY = "e2e-control-key-0123456789"
KENT = "1505963001"
NO_KEY = {"SANDBOX_CONTROL_KEY": None}


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "10.0.0.7"])
def test_serve_on_a_shared_address_without_a_key_is_exit_2(host: str) -> None:
    result = runner.invoke(app, ["serve", "--host", host, "--port", "0"], env=NO_KEY)
    assert result.exit_code == 2
    said = " ".join(result.output.split())  # the console wraps long lines
    assert "CONTROL_KEY_REQUIRED" in said
    assert "angiv en kontrolnøgle" in said and "give a control key" in said
    assert "Traceback" not in said


def test_a_short_key_is_exit_2() -> None:
    arguments = ["serve", "--host", "0.0.0.0", "--port", "0", "--control-key", "short"]
    result = runner.invoke(app, arguments, env=NO_KEY)
    assert result.exit_code == 2
    assert "CONTROL_KEY_TOO_SHORT" in result.output
    env_key = runner.invoke(
        app, ["serve", "--host", "0.0.0.0", "--port", "0"], env={"SANDBOX_CONTROL_KEY": "short"}
    )
    assert env_key.exit_code == 2 and "CONTROL_KEY_TOO_SHORT" in env_key.output


def test_a_scenarios_folder_that_is_not_one_is_exit_2() -> None:
    result = runner.invoke(app, ["serve", "--scenarios", "/no/such/folder"], env=NO_KEY)
    assert result.exit_code == 2
    assert "NOT_A_FOLDER" in result.output


def test_the_help_names_the_key_and_the_folder() -> None:
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--control-key", "--scenarios", "SANDBOX_CONTROL_KEY"):
        assert option in result.output


def test_the_listening_socket_is_tcp_with_nodelay() -> None:
    sock = bind("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP  # asyncio sets TCP_NODELAY on what it accepts
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
    finally:
        sock.close()


@pytest.fixture(scope="module")
def keyed_url() -> Iterator[str]:
    with served(control_key=KEY) as url:
        yield url


def test_a_served_control_plane_needs_the_key(keyed_url: str) -> None:
    with sandbox_client(keyed_url, "e2e-keyed") as http:
        refused = http.post("/_control/reset")
        assert refused.status_code == 401
        assert refused.json()["code"] == "CONTROL_KEY_REQUIRED"
        assert http.get("/sygesikring/practices").status_code == 200
    with sandbox_client(keyed_url, "e2e-keyed", control_key=KEY) as http:
        assert http.post("/_control/reset").status_code == 200
        body = {"role": "operator", "user_id": "drift-1"}
        assert http.post("/_control/tokens", json=body).status_code == 201


def test_the_systems_adapter_reads_protected_persons_over_a_keyed_server(keyed_url: str) -> None:
    with sandbox_client(keyed_url, "e2e-protected", control_key=KEY) as http:
        assert http.post("/_control/reset").status_code == 200
        protect = http.put(f"/cpr/persons/{KENT}/protection", json={"protected": True})
        assert protect.status_code == 200, protect.text
        assert http.get(f"/cpr/persons/{KENT}").json()["address"] is None
        kent = HttpCpr(http).person(KENT)  # the credential from the control plane, with the key
        assert kent is not None and kent.protected and kent.address is not None
    stranger = sandbox_client(keyed_url, "e2e-protected")  # no key: no credential
    with stranger, pytest.raises(CprUnavailable):
        HttpCpr(stranger).person(KENT)
