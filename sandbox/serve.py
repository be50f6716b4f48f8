"""`sandbox serve`: one uvicorn serving the sandbox app, ready when it says so.

The socket is bound before the app is built, so a port in use is a clear user error (exit 2)
rather than a log line, and port 0 picks a free port and reports it. The socket is made with
``IPPROTO_TCP``: asyncio sets TCP_NODELAY only on such sockets (and their accepted
connections), and without it a client sending one request at a time waited about 40 ms an
answer (Nagle's algorithm meeting delayed ACKs). A host other machines reach needs a control
key (`check_exposure`).
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import uvicorn

from sandbox.adapters.state_store import StateStore
from sandbox.api.body import DEFAULT_MAX_BODY
from sandbox.api.security import MIN_CONTROL_KEY, ControlKeyMissing, is_loopback
from sandbox.api.world import WorldSpec
from sandbox.app import create_app, restored_app
from sandbox.worlds.scenario import Scenario


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port`` (IPv6 when the host is one); raises OSError."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def check_exposure(host: str, control_key: str | None) -> None:
    """Refuse (`ControlKeyMissing`) to listen where other machines reach without a key."""
    if not control_key and not is_loopback(host):
        raise ControlKeyMissing(host=host, length=MIN_CONTROL_KEY)


class ReadyServer(uvicorn.Server):
    """A uvicorn server that calls ``on_ready(url)`` once it accepts connections."""

    def __init__(self, config: uvicorn.Config, on_ready: Callable[[str], None]) -> None:
        super().__init__(config)
        self.on_ready = on_ready

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if sockets and not self.should_exit:
            host, port = sockets[0].getsockname()[:2]
            shown = f"[{host}]" if ":" in str(host) else str(host)
            self.on_ready(f"http://{shown}:{port}")


def make_server(
    sock: socket.socket,
    scenario: Scenario | None,
    on_ready: Callable[[str], None],
    *,
    control_key: str | None = None,
    scenarios: Path | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    state: StateStore | None = None,
    **config: Any,
) -> ReadyServer:
    """The server for an already bound socket, with the world of ``scenario`` (demo if None),
    the control key (None: open control plane) and the folder of scenario files; with
    ``state``, the namespaces that database holds (ephemeral without)."""
    spec = WorldSpec.of(scenario) if scenario is not None else None
    options: dict[str, Any] = {
        "control_key": control_key,
        "scenarios": scenarios,
        "max_body": max_body,
    }
    app = (
        restored_app(spec, state, **options)
        if state is not None
        else create_app(spec, warm=True, **options)
    )
    settings: dict[str, Any] = {"lifespan": "off", "log_level": "info"}
    settings.update(config)
    return ReadyServer(uvicorn.Config(app, **settings), on_ready)


def serve_forever(
    host: str,
    port: int,
    scenario: Scenario | None,
    on_ready: Callable[[str], None],
    *,
    control_key: str | None = None,
    scenarios: Path | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    state: StateStore | None = None,
) -> None:
    """Check the exposure, bind, build (restoring ``state``'s namespaces), serve until
    interrupted (Ctrl-C)."""
    check_exposure(host, control_key)
    sock = bind(host, port)
    server = make_server(
        sock,
        scenario,
        on_ready,
        control_key=control_key,
        scenarios=scenarios,
        max_body=max_body,
        state=state,
    )
    server.run(sockets=[sock])
