"""A state file that cannot be used is a clear error and exit 2, never a traceback: a corrupt
file, a file another server uses, a file locked by another SQLite user, a newer schema."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from sandbox.adapters.state_store import SCHEMA, StateStore
from sandbox.cli import app
from tests.persistence.conftest import Served

runner = CliRunner()


def _serve(state: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["serve", "--port", "0", "--state", str(state)])
    return result.exit_code, result.output


def test_a_corrupt_state_file_is_exit_2(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    state.write_bytes(b"this is not a database, just some bytes " * 200)
    code, output = _serve(state)
    assert code == 2
    assert "STATE_CORRUPT" in output
    assert "Traceback" not in output


def test_a_file_another_server_uses_is_exit_2(served: Served) -> None:
    served.start()
    code, output = _serve(served.state)
    assert code == 2
    assert "STATE_LOCKED" in output
    with served.client() as http:  # the first server is unharmed
        assert http.get("/_control/namespace").status_code == 200


def test_a_file_locked_by_another_sqlite_user_is_exit_2(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    holder = sqlite3.connect(state, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("CREATE TABLE held (x)")
        code, output = _serve(state)
    finally:
        holder.close()
    assert code == 2
    assert "STATE_LOCKED" in output


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    StateStore(state).close()
    with sqlite3.connect(state) as db:
        db.execute("UPDATE meta SET value=? WHERE key='schema'", (SCHEMA + 1,))
    code, output = _serve(state)
    assert code == 2
    assert "STATE_SCHEMA_TOO_NEW" in output
    assert f"{SCHEMA + 1}" in output


def test_the_secret_is_made_once_and_kept(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    first = StateStore(state)
    secret = first.secret()
    first.close()
    again = StateStore(state)
    assert again.secret() == secret and len(secret) == 32
    again.close()
    assert StateStore().secret() != secret  # an ephemeral store has a secret of its own
