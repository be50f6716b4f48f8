"""The body limit over a real socket: `sandbox serve --max-body` reaches the app, and a body
over it is refused with 413 and the usual error body, whether its length is declared or it
streams in chunks without one."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx
import pytest
from typer.testing import CliRunner

from sandbox.api.serve import bind, make_server
from sandbox.cli import app as cli

LIMIT = 2048


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    sock = bind("127.0.0.1", 0)
    ready = threading.Event()
    urls: list[str] = []

    def on_ready(url: str) -> None:
        urls.append(url)
        ready.set()

    server = make_server(sock, None, on_ready, max_body=LIMIT, log_level="warning")
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        assert ready.wait(30), "the server did not start"
        yield urls[0]
    finally:
        server.should_exit = True
        thread.join(30)
        sock.close()


def test_a_declared_body_over_the_limit_is_413(base_url: str) -> None:
    body = b'{"key":"' + b"x" * LIMIT + b'"}'
    with httpx.Client(base_url=base_url) as http:
        response = http.post(
            "/luna/registrations", content=body, headers={"content-type": "application/json"}
        )
        assert response.status_code == 413
        assert response.json()["code"] == "BODY_TOO_LARGE"
        assert str(LIMIT) in response.json()["message_da"]
        assert http.get("/luna/registrations").json() == []


def test_a_chunked_body_over_the_limit_is_413(base_url: str) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"key":"'
        for _ in range(64):
            yield b"x" * 1024
        yield b'"}'

    with httpx.Client(base_url=base_url) as http:
        response = http.post(
            "/luna/registrations", content=chunks(), headers={"content-type": "application/json"}
        )
        assert response.status_code == 413
        assert response.json()["code"] == "BODY_TOO_LARGE"


def test_serve_has_the_max_body_option() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--max-body" in result.output
