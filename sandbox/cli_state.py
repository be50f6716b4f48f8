"""`sandbox snapshot save|list|restore|export|import` and `sandbox replay-journal FILE`.

The snapshot commands talk to a running `sandbox serve` (``--url``), as a trainer's script
would. ``replay-journal`` replays an exported journal (``GET /_control/journal/export``) into a
fresh namespace, in this process (a sandbox of its own, nothing kept) or against ``--url``, and
says whether every request was answered as it was when journaled.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
from rich.console import Console

from sandbox.api.journal_format import TokenMap, entry_body, parse_export, seed_body
from sandbox.api.namespaces import HEADER
from sandbox.domain.errors import SandboxError

DEFAULT_URL = "http://127.0.0.1:8000"
EXIT_USER_ERROR = 2
EXIT_DIFFERENT = 3
console = Console()
errors = Console(stderr=True)

snapshot_app = typer.Typer(
    help="Named snapshots of a running sandbox serve (save, list, restore, export, import).",
    no_args_is_help=True,
)
Url = Annotated[str, typer.Option(help="The sandbox serve to talk to")]
Namespace = Annotated[str, typer.Option(help="The namespace (X-Sandbox-Namespace)")]


def _fail_message(code: str, da: str, en: str) -> typer.Exit:
    errors.print(f"[bold red]{code}[/]: {da}", highlight=False)
    errors.print(f"  (en) {en}", highlight=False)
    return typer.Exit(EXIT_USER_ERROR)


def _fail(error: SandboxError) -> typer.Exit:
    return _fail_message(error.code, error.message_da, error.message_en)


def _call(url: str, namespace: str, method: str, path: str, **kwargs: Any) -> Any:
    """One control-plane call; a refusal or an unreachable server exits 2 with its message."""
    try:
        with httpx.Client(base_url=url, headers={HEADER: namespace}, timeout=60) as http:
            answer = http.request(method, path, **kwargs)
    except httpx.HTTPError as error:
        raise _fail_message(
            "CANNOT_CONNECT", f"kan ikke nå {url}: {error}", f"cannot reach {url}: {error}"
        ) from None
    if answer.status_code >= 400:
        try:
            body = answer.json()
            raise _fail_message(body["code"], body["message_da"], body["message_en"])
        except (ValueError, KeyError, TypeError):
            raise _fail_message("HTTP_ERROR", answer.text[:300], answer.text[:300]) from None
    return answer.json() if answer.content else None


@snapshot_app.command("save")
def save(name: str, url: Url = DEFAULT_URL, namespace: Namespace = "default") -> None:
    """Save the namespace's world under NAME."""
    found = _call(url, namespace, "POST", "/_control/snapshots", json={"name": name})
    console.print(f"Gemt / saved: {found['name']} ({found['journal']} journalposter / entries)")


@snapshot_app.command("list")
def list_snapshots(url: Url = DEFAULT_URL) -> None:
    """The server's named snapshots."""
    for row in _call(url, "default", "GET", "/_control/snapshots"):
        console.print(
            f"{row['name']}\t{row['namespace']}\t{row['now']}\t{row['journal']}", highlight=False
        )


@snapshot_app.command("restore")
def restore(name: str, url: Url = DEFAULT_URL, namespace: Namespace = "default") -> None:
    """Put snapshot NAME into the namespace (its world is replaced)."""
    found = _call(url, namespace, "POST", f"/_control/snapshots/{name}/restore")
    console.print(f"Genskabt / restored: {namespace} = {name} ({found['now']})", highlight=False)


@snapshot_app.command("export")
def export(
    name: str,
    output: Annotated[Path | None, typer.Option(help="File (default NAME.snapshot.json)")] = None,
    url: Url = DEFAULT_URL,
) -> None:
    """Write snapshot NAME to a file (JSON: spec and journal) to import elsewhere."""
    found = _call(url, "default", "GET", f"/_control/snapshots/{name}")
    target = output or Path(f"{name}.snapshot.json")
    target.write_text(json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
    console.print(f"Skrevet / written: {target}", highlight=False)


@snapshot_app.command("import")
def import_snapshot(
    file: Path,
    name: Annotated[str | None, typer.Option(help="Store it under this name")] = None,
    url: Url = DEFAULT_URL,
) -> None:
    """Store an exported snapshot on the server (its world is rebuilt from its journal)."""
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise _fail_message(
            "INVALID_INPUT", f"kan ikke læse {file}: {error}", f"cannot read {file}: {error}"
        ) from None
    params = {"name": name} if name else None
    found = _call(
        url, "default", "POST", "/_control/snapshots/import", json=document, params=params
    )
    console.print(f"Importeret / imported: {found['name']}", highlight=False)


def replay_journal(
    file: Annotated[Path, typer.Argument(help="A journal from GET /_control/journal/export")],
    url: Annotated[str | None, typer.Option(help="Replay against this sandbox serve")] = None,
    namespace: Namespace = "replay",
) -> None:
    """Replay a journal into a fresh namespace; list every answer that differs.

    Exit codes: 0 every request answered as journaled, 2 bad input, 3 some answers differ.
    """
    try:
        header, entries = parse_export(file.read_text(encoding="utf-8"))
    except OSError as error:
        raise _fail_message(
            "INVALID_INPUT", f"kan ikke læse {file}: {error}", f"cannot read {file}: {error}"
        ) from None
    except SandboxError as error:
        raise _fail(error) from None
    try:
        with _client(url, header) as http:
            differences = _replay(http, namespace, header, entries)
            state = http.get("/_control/namespace", headers={HEADER: namespace}).json()
    except httpx.HTTPError as error:
        raise _fail_message(
            "CANNOT_CONNECT", f"kan ikke nå {url}: {error}", f"cannot reach {url}: {error}"
        ) from None
    console.print(
        f"{len(entries)} anmodninger genafspillet i {namespace} / requests replayed: "
        f"ur / clock {state.get('now')}, forløb / cases {state.get('cases')}, "
        f"LUNA {state.get('luna_registrations')}",
        highlight=False,
        soft_wrap=True,
    )
    for line in differences:
        console.print(f"  [red]afviger / differs[/]: {line}", highlight=False)
    if differences:
        raise typer.Exit(EXIT_DIFFERENT)


def _client(url: str | None, header: dict[str, Any]) -> httpx.Client:
    if url is not None:
        return httpx.Client(base_url=url, timeout=60)
    from sandbox.adapters.http import in_process_client
    from sandbox.api.journal_format import spec_from_json
    from sandbox.app import create_app

    return in_process_client(create_app(spec_from_json(header["spec"])))


def _replay(
    http: httpx.Client, namespace: str, header: dict[str, Any], entries: list[dict[str, Any]]
) -> list[str]:
    names = {HEADER: namespace}
    http.delete(f"/_control/namespaces/{namespace}")  # 404 when it never existed: fine
    seeded = http.post("/_control/seed", json=seed_body(header["spec"]), headers=names)
    if seeded.status_code >= 400:
        raise _fail_message("INVALID_INPUT", seeded.text[:300], seeded.text[:300])
    tokens = TokenMap()
    differences = []
    for entry in entries:
        path = tokens.path(str(entry["path"]))
        query = entry.get("query")
        answer = http.request(
            entry["method"],
            path + (f"?{query}" if query else ""),
            headers=tokens.headers(entry) | names,
            content=entry_body(entry),
        )
        tokens.learn(entry, answer.status_code, answer.content)
        if "status" in entry and answer.status_code != entry["status"]:
            differences.append(
                f"{entry['method']} {entry['path']}: {entry['status']} -> {answer.status_code}"
            )
    return differences
