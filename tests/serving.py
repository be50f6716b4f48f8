"""A real `sandbox serve` server for tests: bound to a free loopback port, run in a thread,
stopped and joined at the end (the fixture of every test that needs a socket, written once)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sandbox.serve import bind, make_server

WAIT_SECONDS = 30.0


@contextmanager
def served(**options: Any) -> Iterator[str]:
    """The demo world served on ``127.0.0.1:<free port>`` with ``make_server``'s ``options``
    (control_key, max_body ...); yields the base URL."""
    sock = bind("127.0.0.1", 0)
    ready = threading.Event()
    urls: list[str] = []

    def on_ready(url: str) -> None:
        urls.append(url)
        ready.set()

    server = make_server(sock, None, on_ready, log_level="warning", **options)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        assert ready.wait(WAIT_SECONDS), "the server did not start"
        yield urls[0]
    finally:
        server.should_exit = True
        thread.join(WAIT_SECONDS)
        sock.close()
    assert not thread.is_alive(), "the server did not stop"
