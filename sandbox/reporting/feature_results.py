"""The feature results that add up: every scenario's latest result, run by run.

A feature run (all of it, one area, a ``-k`` or ``-m`` selection, in-process or over HTTP)
records its scenarios in ``results.json`` beside the Cucumber JSON; a scenario it did not run
keeps its last result. Each scenario is kept once, with the latest result of each mode it ran
in (``in-process``, ``http``) and when; the living documentation is drawn from this store, so a
partial run updates its scenarios without dropping the others.

The time of a run is given by the caller (the test run's own clock): nothing here reads one.
Concurrent runs take turns through an advisory lock on the folder itself, so no lock file is
left behind.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

STORE_NAME = "results.json"
STORE_VERSION = 1
STATUS_ORDER = ("failed", "passed", "skipped")  # the worst first: a scenario shows the worst


def scenario_key(element: dict[str, Any]) -> str:
    """A scenario row's identity in every mode: its name and its Eksempler values, if any.

    The test id (``test_x[København-5]``) can differ between the in-process and the HTTP
    module (pytest-bdd numbers equal names apart), the name and the example values do not.
    """
    element_id = str(element.get("id", ""))
    example = element_id[element_id.index("[") :] if "[" in element_id else ""
    return f"{element['name']}{example}"


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on the folder (a file descriptor, no lock file)."""
    folder.mkdir(parents=True, exist_ok=True)
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        os.close(handle)


def load(path: Path) -> dict[str, Any]:
    """The store at ``path``; an empty one when it is missing, unreadable or of another version."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"version": STORE_VERSION, "features": {}}
    if not isinstance(data, dict) or data.get("version") != STORE_VERSION:
        return {"version": STORE_VERSION, "features": {}}
    return data


def write_atomically(path: Path, text: str) -> None:
    """Write a whole file or nothing: a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def merge(store: dict[str, Any], features: Iterable[dict[str, Any]], at: str) -> dict[str, Any]:
    """Add one run's Cucumber features to the store: each scenario's result in its mode, at ``at``.

    An element carries its mode as ``mode`` (set by the recorder); without one it counts as
    ``in-process``.
    """
    known: dict[str, Any] = store.setdefault("features", {})
    for feature in features:
        meta = {key: value for key, value in feature.items() if key != "elements"}
        entry = known.setdefault(feature["uri"], {"feature": meta, "scenarios": {}})
        entry["feature"] = meta
        for element in feature.get("elements", []):
            key = scenario_key(element)
            mode = str(element.get("mode") or "in-process")
            row = entry["scenarios"].setdefault(key, {"element": element, "runs": {}})
            row["element"] = element
            row["runs"][mode] = {"status": element_status(element), "at": at}
    return store


def prune(store: dict[str, Any], features_dir: Path | None) -> dict[str, Any]:
    """Forget features whose file is gone and scenarios whose name the file no longer has."""
    if features_dir is None or not features_dir.is_dir():
        return store
    for uri in list(store["features"]):
        path = features_dir / uri
        if not path.is_file():
            del store["features"][uri]
            continue
        titles = title_patterns(path.read_text(encoding="utf-8"))
        rows = store["features"][uri]["scenarios"]
        for key in list(rows):
            name = str(rows[key]["element"]["name"])
            if not any(title.fullmatch(name) for title in titles):
                del rows[key]
    return store


def title_patterns(text: str) -> list[re.Pattern[str]]:
    """What a line's title may become: an outline's ``<placeholder>`` takes any example value."""
    patterns = []
    for line in text.splitlines():
        if ":" in line:
            title = line.split(":", 1)[1].strip()
            parts = re.split(r"<[^<>]+>", title)
            patterns.append(re.compile(".+".join(re.escape(part) for part in parts)))
    return patterns


def element_status(element: dict[str, Any]) -> str:
    """passed, failed or skipped, from a Cucumber element's steps."""
    statuses = [step["result"]["status"] for step in element.get("steps", [])]
    if "failed" in statuses:
        return "failed"
    if statuses and all(status == "skipped" for status in statuses):
        return "skipped"
    return "passed"


def as_features(store: dict[str, Any]) -> list[dict[str, Any]]:
    """The store as Cucumber features, each element with its ``runs`` (mode, status, at)."""
    features = []
    for uri in sorted(store["features"]):
        entry = store["features"][uri]
        elements = []
        for row in entry["scenarios"].values():
            runs = [{"mode": mode, **row["runs"][mode]} for mode in sorted(row["runs"])]
            elements.append({**row["element"], "runs": runs})
        elements.sort(key=lambda element: (element.get("line", 0), str(element.get("id", ""))))
        features.append({**entry["feature"], "elements": elements})
    return features


def record(
    folder: Path, features: Sequence[dict[str, Any]], at: str, features_dir: Path | None
) -> list[dict[str, Any]]:
    """Merge one run into ``folder/results.json`` under the folder's lock; the whole store back."""
    path = folder / STORE_NAME
    with locked(folder):
        store = prune(merge(load(path), features, at), features_dir)
        write_atomically(path, json.dumps(store, ensure_ascii=False))
    return as_features(store)
