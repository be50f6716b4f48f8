"""`sandbox serve`: one uvicorn serving the sandbox app, ready when it says so.

The socket is bound before the app is built, so a port in use is a clear user error (exit 2)
rather than a log line, and port 0 picks a free port and reports it.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import uvicorn

from sandbox.adapters.state_store import StateStore
from sandbox.api.app import create_app, restored_app
from sandbox.api.world import WorldSpec
from sandbox.simulation.scenario import Scenario


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port`` (IPv6 when the host is one); raises OSError."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


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
    state: StateStore | None = None,
    **config: Any,
) -> ReadyServer:
    """The server for an already bound socket, with the world of ``scenario`` (demo if None);
    with ``state``, the namespaces that database holds (ephemeral without)."""
    spec = WorldSpec.of(scenario) if scenario is not None else None
    app = restored_app(spec, state) if state is not None else create_app(spec, warm=True)
    settings: dict[str, Any] = {"lifespan": "off", "log_level": "info"}
    settings.update(config)
    return ReadyServer(uvicorn.Config(app, **settings), on_ready)


def serve_forever(
    host: str,
    port: int,
    scenario: Scenario | None,
    on_ready: Callable[[str], None],
    state: StateStore | None = None,
) -> None:
    """Bind, build (restoring ``state``'s namespaces), serve until interrupted (Ctrl-C)."""
    sock = bind(host, port)
    server = make_server(sock, scenario, on_ready, state)
    server.run(sockets=[sock])
