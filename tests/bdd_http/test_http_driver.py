"""The HTTP driver in CI: ``sandbox serve`` (uvicorn) on a free loopback port, and every
feature run through the HTTP driver against it, each scenario in its own namespace. The same
features run in-process in test_<area>_bdd.py; both must agree."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pytest_bdd import scenarios

from tests.bdd import reporting
from tests.bdd.drivers.http import HttpDriver

ROOT = Path(__file__).resolve().parents[2]

# Every feature file, area by area (features/<area>/), runs over HTTP here as it does in-process
# in test_<area>_bdd.py: the two must agree.
HTTP_AREAS = tuple(sorted(path.name for path in (ROOT / "features").iterdir() if path.is_dir()))

scenarios(*HTTP_AREAS)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def sandbox_url() -> Iterator[str]:
    """``sandbox serve`` (the demo world) on a free loopback port, then stopped."""
    port = free_port()
    command = [sys.executable, "-m", "sandbox", "serve", "--port", str(port), "--ephemeral"]
    server = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy(), stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/", timeout=1.0).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"sandkassen startede ikke på {url}")
            time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def driver(request: pytest.FixtureRequest, sandbox_url: str) -> Iterator[HttpDriver]:
    """This module's driver: HTTP against the server above, one namespace per scenario."""
    chosen = HttpDriver(sandbox_url, request.node.nodeid)
    request.node.stash[reporting.DRIVER_KEY] = chosen
    yield chosen
    chosen.close()
