"""Where ``POST /_control/seed`` may read a scenario: a shipped name, an inline body, or a file in
the folder named at start (``sandbox serve --scenarios DIR``), and nothing else.

Each of the issue's reproductions is here: ``/proc/self/status``, a planted ``.ini`` outside the
folder, ``/dev/zero``, a FIFO, a NUL byte. Each is a typed 4xx that echoes nothing of a file.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from sandbox.api.scenario_files import (
    MAX_SCENARIO_BYTES,
    ScenarioRefused,
    ScenarioSource,
    _read,
)
from sandbox.api.world import WorldSpec
from sandbox.app import create_app
from tests.integration.api_support import Sandbox, assert_error, sandbox_for

SECRET = "hunter2-do-not-echo"
TINY = """\
name: tiny-from-folder
seed: 11
start: 2025-05-01
duration_days: 1
municipalities: ["0787"]
population: 12
"""


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A scenarios folder with good and bad files, and a secret planted beside it."""
    root = tmp_path_factory.mktemp("served")
    outside = root / "secret.ini"
    outside.write_text(f"[database]\npassword = {SECRET}\n")
    folder = root / "scenarios"
    (folder / "sub").mkdir(parents=True)
    (folder / "tiny.yaml").write_text(TINY)
    (folder / "sub" / "tiny.yml").write_text(TINY)
    (folder / "alias-of-tiny.yaml").symlink_to(folder / "tiny.yaml")
    (folder / "inside.ini").write_text(f"password = {SECRET}\n")
    (folder / "escape.yaml").symlink_to(outside)
    (folder / "status.yaml").symlink_to("/proc/self/status")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    (folder / "broken.yaml").write_text(f"password: {SECRET}\n  [unclosed: {SECRET}\n")
    (folder / "unknown-keys.yaml").write_text(TINY + f"password: {SECRET}\n")
    (folder / "bad-value.yaml").write_text(TINY.replace("seed: 11", f"seed: {SECRET}"))
    (folder / "large.yaml").write_text("# " + "x" * MAX_SCENARIO_BYTES + "\n" + TINY)
    (folder / "not-utf8.yaml").write_bytes(b"name: \xff\xfe\n")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
    (folder / "bomb.yaml").write_text(TINY + bomb)
    (folder / "deep.yaml").write_text(TINY + "expectations: " + "[" * 5000 + "]" * 5000 + "\n")
    os.mkfifo(folder / "pipe.yaml")
    return folder, outside


@pytest.fixture(scope="module")
def served(folders: tuple[Path, Path]) -> FastAPI:
    return create_app(WorldSpec.empty(), scenarios=folders[0])


@pytest.fixture
def api(served: FastAPI, request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    with sandbox_for(served, request.node.name) as sandbox:
        yield sandbox


def seed(api: Sandbox, path: str) -> httpx.Response:
    return api.post("/_control/seed", json={"scenario_path": path})


def refused(response: httpx.Response, status: int, code: str) -> None:
    body = assert_error(response, status, code)
    for text in (body["message_da"], body["message_en"], str(body["fields"])):
        assert SECRET not in text
        assert "VmRSS" not in text and "Umask" not in text


def test_a_file_in_the_folder_is_seeded_by_its_relative_name(api: Sandbox) -> None:
    for name in ("tiny.yaml", "tiny", "sub/tiny.yml", "alias-of-tiny.yaml"):
        seeded = seed(api, name)
        assert seeded.status_code == 200, seeded.text
        assert seeded.json()["citizens"] == 12
        # the namespace shows the name it was given, never a path on the server
        assert seeded.json()["spec"]["scenario"]["path"] == name


def test_a_shipped_scenario_still_seeds_by_name(api: Sandbox) -> None:
    seeded = seed(api, "greenland-move")
    assert seeded.status_code == 200, seeded.text
    assert seeded.json()["spec"]["scenario"]["path"] == "greenland-move"


@pytest.mark.parametrize(
    "path",
    ["/proc/self/status", "/dev/zero", "/etc/passwd", "../secret.ini", "sub/../../secret.ini"],
)
def test_no_path_outside_the_folder_is_taken(api: Sandbox, path: str) -> None:
    refused(seed(api, path), 422, "INVALID_REQUEST")


@pytest.mark.parametrize("path", ["escape.yaml", "status.yaml", "zero.yaml"])
def test_a_symlink_out_of_the_folder_is_refused(api: Sandbox, path: str) -> None:
    refused(seed(api, path), 422, "SCENARIO_REFUSED")


def test_a_planted_ini_is_never_read(api: Sandbox, folders: tuple[Path, Path]) -> None:
    refused(seed(api, "inside.ini"), 422, "SCENARIO_REFUSED")
    refused(seed(api, str(folders[1])), 422, "INVALID_REQUEST")


def test_a_fifo_is_refused_without_waiting_for_a_writer(api: Sandbox) -> None:
    answers: list[httpx.Response] = []
    reader = threading.Thread(target=lambda: answers.append(seed(api, "pipe.yaml")), daemon=True)
    reader.start()
    reader.join(60)  # a guard against a hang, not a timing: the read must not block at all
    assert not reader.is_alive(), "reading the FIFO blocked"
    refused(answers[0], 422, "SCENARIO_REFUSED")
    # and the namespace is still usable
    assert api.get("/_control/namespace").status_code == 200


def test_a_nul_byte_is_a_typed_4xx(api: Sandbox) -> None:
    refused(seed(api, "\u0000"), 422, "INVALID_REQUEST")
    refused(seed(api, "tiny\u0000.yaml"), 422, "INVALID_REQUEST")
    with pytest.raises(ScenarioRefused):
        ScenarioSource(None).load("tiny\x00")


@pytest.mark.parametrize(
    "path", ["broken.yaml", "unknown-keys.yaml", "bad-value.yaml", "not-utf8.yaml", "deep.yaml"]
)
def test_an_invalid_file_is_refused_without_its_text(api: Sandbox, path: str) -> None:
    refused(seed(api, path), 422, "SCENARIO_ERROR")


def test_a_yaml_error_names_the_line_not_the_text(api: Sandbox) -> None:
    body = seed(api, "broken.yaml").json()
    assert "line 2" in body["message_en"] and "linje 2" in body["message_da"]


def test_yaml_aliases_are_refused(api: Sandbox) -> None:
    refused(seed(api, "bomb.yaml"), 422, "SCENARIO_ERROR")


def test_a_file_over_one_mib_is_refused(api: Sandbox) -> None:
    body = assert_error(seed(api, "large.yaml"), 422, "SCENARIO_REFUSED")
    assert "1 MiB" in body["message_en"]


def test_an_unknown_name_is_404(api: Sandbox) -> None:
    assert_error(seed(api, "no-such-scenario"), 404, "UNKNOWN_SCENARIO")
    assert_error(seed(api, "sub/none.yaml"), 404, "UNKNOWN_SCENARIO")


def test_a_refused_seed_keeps_the_world(api: Sandbox) -> None:
    seeded = seed(api, "tiny.yaml").json()
    for path in ("escape.yaml", "pipe.yaml", "broken.yaml", "large.yaml"):
        seed(api, path)
    assert api.post("/_control/reset").json()["spec"] == seeded["spec"]


def test_without_a_folder_only_shipped_names_are_read(app: FastAPI) -> None:
    with sandbox_for(app, "no-folder") as sandbox:
        body = assert_error(seed(sandbox, "tiny.yaml"), 404, "UNKNOWN_SCENARIO")
        assert "--scenarios" in body["message_en"]


@pytest.mark.parametrize("path", ["/dev/zero", "/proc/self/status", "/dev/null"])
def test_devices_and_proc_files_are_never_read_whole(path: str) -> None:
    """Beneath the folder check: the read refuses what is not a regular file, and reads at
    most 1 MiB + 1 byte of anything (a /proc file says it is regular, of size 0)."""
    if path == "/proc/self/status":
        assert len(_read(Path(path))) <= MAX_SCENARIO_BYTES
    else:
        with pytest.raises(ScenarioRefused):
            _read(Path(path))


def test_a_fifo_is_refused_by_the_read_itself(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(ScenarioRefused) as raised:
        _read(pipe)
    assert raised.value.fields["reason_en"] == "not a regular file"
