"""The body limit over a real socket: `sandbox serve --max-body` reaches the app, and a body
over it is refused with 413 and the usual error body, whether its length is declared or it
streams in chunks without one."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from typer.testing import CliRunner

from sandbox.cli import app as cli
from tests.serving import served

LIMIT = 2048


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with served(max_body=LIMIT) as url:
        yield url


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
