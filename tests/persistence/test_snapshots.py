"""Named snapshots and forks against a real `sandbox serve`: one prepared world, a copy per
trainee, each on its own, all of them still there after a restart; a snapshot exported from
one server and imported on another gives the same world."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from sandbox.cli import app
from tests.persistence.conftest import Served, state_of
from tests.persistence.test_restart import populate

runner = CliRunner()


def test_save_fork_restore_and_restart(served: Served) -> None:
    served.start()
    with served.client("prep") as http:
        tokens = populate(http)
        prepared = state_of(http)
        saved = http.post("/_control/snapshots", json={"name": "course"})
        assert saved.status_code == 201, saved.text
        assert saved.json()["namespace"] == "prep"
        for trainee in ("trainee-1", "trainee-2"):
            forked = http.post(
                "/_control/namespaces", json={"name": trainee, "from_snapshot": "course"}
            )
            assert forked.status_code == 201, forked.text
        again = http.post(
            "/_control/namespaces", json={"name": "trainee-1", "from_snapshot": "course"}
        )
        assert again.status_code == 409
        assert again.json()["code"] == "NAMESPACE_EXISTS"
        assert [s["name"] for s in http.get("/_control/snapshots").json()] == ["course"]
    with served.client("trainee-1") as http:
        assert state_of(http) == prepared
        # the prepared world's tokens work in each copy
        me = http.get(
            "/sygesikring/self-service/me",
            headers={"Authorization": f"Bearer {tokens['citizen']}"},
        )
        assert me.status_code == 200, me.text
        http.post("/_control/clock/advance", json={"days": 5})
        changed = state_of(http)
    with served.client("trainee-2") as http:
        assert state_of(http) == prepared  # the copies do not share a world
    served.restart()
    with served.client("trainee-1") as http:
        assert state_of(http) == changed
        restored = http.post("/_control/snapshots/course/restore")
        assert restored.status_code == 200, restored.text
        assert state_of(http) == prepared
    served.restart()
    with served.client("trainee-1") as http:
        assert state_of(http) == prepared
        assert http.delete("/_control/snapshots/course").status_code == 204
        missing = http.post("/_control/snapshots/course/restore")
        assert missing.status_code == 404
        assert missing.json()["code"] == "UNKNOWN_SNAPSHOT"


def test_export_on_one_server_import_on_another(
    served: Served, other_server: Served, tmp_path: Path
) -> None:
    served.start()
    other_server.start()
    with served.client("prep") as http:
        populate(http)
        prepared = state_of(http)
    file = tmp_path / "course.snapshot.json"
    for command in (
        ["snapshot", "save", "course", "--url", served.url, "--namespace", "prep"],
        ["snapshot", "export", "course", "--url", served.url, "--output", str(file)],
        ["snapshot", "import", str(file), "--url", other_server.url, "--name", "imported"],
    ):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["snapshot", "list", "--url", other_server.url])
    assert "imported" in listed.output
    restored = runner.invoke(
        app,
        ["snapshot", "restore", "imported", "--url", other_server.url, "--namespace", "copy"],
    )
    assert restored.exit_code == 0, restored.output
    with other_server.client("copy") as http:
        assert state_of(http) == prepared


def test_a_snapshot_command_against_no_server_is_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["snapshot", "list", "--url", "http://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "CANNOT_CONNECT" in result.output
