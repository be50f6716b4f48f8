"""A real `sandbox serve` over a state file, started, stopped, killed and restarted by a test.

`Served` runs ``python -m sandbox serve --port 0 --state FILE`` as a child process, waits for
its "ready" line and knows its URL; ``stop`` sends SIGINT (Ctrl-C), ``kill`` SIGKILL. Every
server a test starts is killed when the test ends, whatever happened.
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

READY = "ready: "
START_SECONDS = 60.0


class Served:
    """One `sandbox serve` process (at a time) over one state file."""

    def __init__(self, state: Path, log: Path) -> None:
        self.state = state
        self.log = log
        self.process: subprocess.Popen[str] | None = None
        self.url = ""

    def start(self, *extra: str) -> str:
        command = [sys.executable, "-m", "sandbox", "serve", "--port", "0"]
        command += ["--state", str(self.state), *extra]
        env = dict(os.environ, PYTHONUNBUFFERED="1", COLUMNS="200")
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=log, text=True, env=env
            )
        self.url = self._wait_ready(self.process)
        return self.url

    def _wait_ready(self, process: subprocess.Popen[str]) -> str:
        assert process.stdout is not None
        selector = selectors.DefaultSelector()
        selector.register(process.stdout, selectors.EVENT_READ)
        seen = []
        while selector.select(timeout=START_SECONDS):
            line = process.stdout.readline()
            if not line:
                break
            seen.append(line)
            if READY in line:
                return line.split(READY, 1)[1].strip().removesuffix("/docs")
        process.kill()
        raise AssertionError(f"serve did not start: {seen} {self.log.read_text()[-2000:]}")

    def client(self, namespace: str = "default") -> httpx.Client:
        return httpx.Client(
            base_url=self.url, headers={"X-Sandbox-Namespace": namespace}, timeout=30
        )

    def stop(self, sig: int = signal.SIGINT) -> int:
        assert self.process is not None
        self.process.send_signal(sig)
        code = self.process.wait(START_SECONDS)
        self.process = None
        return code

    def kill(self) -> int:
        return self.stop(signal.SIGKILL)

    def restart(self) -> str:
        self.stop()
        return self.start()

    def cleanup(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(START_SECONDS)
        self.process = None


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    server = Served(tmp_path / "state.sqlite", tmp_path / "serve.log")
    try:
        yield server
    finally:
        server.cleanup()


@pytest.fixture
def other_server(tmp_path: Path) -> Iterator[Served]:
    """A second server with a state file of its own (another machine)."""
    server = Served(tmp_path / "other.sqlite", tmp_path / "other.log")
    try:
        yield server
    finally:
        server.cleanup()


def state_of(http: httpx.Client) -> dict[str, Any]:
    """What a namespace holds that a restart must keep, as the API shows it."""
    described = http.get("/_control/namespace").json()
    described.pop("namespace")
    return {
        "namespace": described,
        "luna": http.get("/luna/registrations").json(),
        "faults": [http.get(f"/_control/faults/{s}").json() for s in ("cpr", "luna", "borger-dk")],
        "settings": http.get("/_control/settings").json(),
        "jobs": http.get("/_control/jobs").json(),
    }
